"""Planning a dose: the compound and the whole tablets that give a target of magnesium."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from mgcalc.core.check import DayCheck, at_resolution
from mgcalc.core.convert import Converted, Converter
from mgcalc.core.errors import MgcalcError, UsageError
from mgcalc.core.items import (
    MAX_SERVINGS,
    Item,
    UnitResolver,
    VolumeError,
    number_text,
    require_concentration,
)
from mgcalc.core.reader import read_item
from mgcalc.core.units import MILLIGRAM, UnitKind

UNIT_DECIMALS = 9
# A target of this much magnesium a day (several times the adult UL by mouth, grams by
# injection) is likely the compound's weight: the other reading is named.
IMPLAUSIBLE_TARGET_MG = 1_000.0


class UnitSize(NamedTuple):
    """One tablet, capsule or scoop: its weight, of the compound or of magnesium."""

    mg: float
    elemental: bool = False
    form: str | None = None  # as named in the unit, if it was
    variant: str | None = None


class Plan(NamedTuple):
    target: Converted  # the target elemental dose and the compound that gives it
    unit_compound_mg: float | None  # one tablet, capsule or scoop; None with no compound named
    unit_elemental_mg: float
    exact_units: float
    whole_units: int
    delivered: Converted  # what the whole units give in a day
    intakes: tuple[int, ...]  # units per intake
    check: DayCheck | None = None  # the delivered dose against a person's reference values
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # the target's other reading, where its own is implausible
    taken: tuple[Converted, ...] = ()  # the day's other items, planned around
    goal_mg: float | None = None  # the day's whole target, when `taken` gives part of it

    @property
    def taken_mg(self) -> float:
        """The magnesium of the day's other items that counts toward the target."""
        return math.fsum(c.elemental_mg for c in self.taken if c.route is None)


def rest_of(goal: Converted, taken: Sequence[Converted], converter: Converter) -> Converted:
    """The part of a target the day's other items (foods, supplements) do not give; given by
    injection, they count toward no target by mouth."""
    given = math.fsum(c.elemental_mg for c in taken if c.route is None)
    if at_resolution(given) >= at_resolution(goal.elemental_mg):
        raise MgcalcError(
            f"the day's other items give {given:,.1f} mg of magnesium, at or above the target "
            f"of {goal.elemental_mg:,.1f} mg: nothing is left to plan"
        )
    item = goal.item
    return converter.convert(item._replace(amount=item.amount * (1 - given / goal.elemental_mg)))


def taken_notes(taken: Sequence[Converted]) -> tuple[str, ...]:
    """What the day's other items leave uncertain in a plan of the rest."""
    notes = []
    unknown = [c.item.describe() for c in taken if c.unknown]
    if unknown:
        notes.append(
            f"the magnesium of {', '.join(unknown)} is unknown (SR28 gives none) and counted "
            "as none: the rest planned may be more than the day needs"
        )
    injected = [c.item.describe() for c in taken if c.route is not None]
    if injected:
        notes.append(
            f"{', '.join(injected)}: given by injection, counted toward no target by mouth"
        )
    return tuple(notes)


def whole_units(exact: float) -> int:
    """The nearest whole number of units, at least one; a count a hair off a whole number
    (floating point) is that whole number."""
    return max(1, math.floor(round(exact, UNIT_DECIMALS) + 0.5))


def parse_unit_size(text: str, target: Converted, resolve_unit: UnitResolver) -> UnitSize:
    """One unit of the target's form, as a weight of the compound ('500mg') or of magnesium
    ('100 mg elemental'); naming the form ('400 mg oxide') is allowed when it is the target's."""
    try:
        item = read_item(text, resolve_unit)
    except MgcalcError as error:
        if target.form is None:
            raise MgcalcError(
                f"{text!r}: the target names no compound, so give one unit's magnesium, "
                "e.g. '100 mg elemental'",
                parameter="unit",
            ) from None
        try:  # no form given: the target's; else the first reading's reason is the one to say
            item = read_item(f"{text} {target.form.key}", resolve_unit)
        except VolumeError as volume_error:  # '5 mL': the volume is what to fix
            raise MgcalcError(f"{text!r}: {volume_error.message}", parameter="unit") from None
        except MgcalcError:
            kind_of_error = UsageError if isinstance(error, UsageError) else MgcalcError
            raise kind_of_error(f"{text!r}: {error.message}", parameter="unit") from None
    kind = item.kind
    require_concentration(kind)  # a liquid product is no unit: give its concentration
    if target.form is None and not kind.elemental:
        raise MgcalcError(
            f"{text!r}: the target names no compound, so give one unit's magnesium, "
            "e.g. '100 mg elemental'",
            parameter="unit",
        )
    if kind.servings != 1 or kind.unit.kind not in (UnitKind.MASS, UnitKind.VOLUME):
        raise MgcalcError(
            f"{text!r}: give the weight of one unit, such as 500mg, or one dose of a solution, "
            "such as '5 mL hydroxide@400mg/5mL'",
            parameter="unit",
        )
    # A dose of a solution weighs its volume times its concentration (checked by the parser).
    mg = item.amount * kind.unit.to_base * (kind.concentration or 1.0)
    return UnitSize(mg, kind.elemental, kind.form, kind.variant)


def make_plan(target: Converted, unit: UnitSize, converter: Converter, intakes: int = 1) -> Plan:
    """Whole units of one size that come nearest a target; for a target of no named compound
    the units are counted in magnesium alone."""
    if unit.form is not None and target.form is not None and target.variant is not None:
        named = converter.catalogue.resolve(unit.form, unit.variant)
        named_variant = named.variant.key if named.variant else None
        if named.form.key != target.form.key or (
            unit.variant is not None and named_variant != target.variant.key
        ):
            raise MgcalcError(
                f"names {unit.form}{':' + unit.variant if unit.variant else ''}, not the "
                f"target's {target.form.key}:{target.variant.key}; a plan counts units of the "
                "target's form",
                parameter="unit",
            )
    fraction = target.elemental_fraction
    unit_compound_mg: float | None
    if fraction is None or target.compound_mg is None:  # no compound: magnesium alone
        unit_compound_mg, unit_elemental_mg = None, unit.mg
        exact = target.elemental_mg / unit.mg
    else:
        unit_compound_mg = unit.mg / fraction if unit.elemental else unit.mg
        unit_elemental_mg = unit_compound_mg * fraction
        exact = target.compound_mg / unit_compound_mg
    # Round half up, never to zero; the count is first rounded to 1e-9 of a unit, so that
    # 350 mg in 50 mg units is 7 however floating point divides it.
    whole = whole_units(exact)
    if whole > MAX_SERVINGS:
        raise MgcalcError(
            f"that is {whole} units a day (more than {MAX_SERVINGS}); "
            "check the target and the unit's size"
        )
    if not 1 <= intakes <= whole:
        raise MgcalcError(
            f"{intakes} needs from 1 to {whole} intakes for {whole} unit(s) a day",
            parameter="intakes",
        )
    kind = target.item.kind._replace(
        unit=MILLIGRAM, servings=whole, elemental=unit_compound_mg is None
    )
    delivered = converter.convert(Item(unit_compound_mg or unit_elemental_mg, kind))
    notes = []
    if exact < 0.5:  # rounding up to one unit more than doubles the target
        notes.append(
            f"one unit gives {delivered.elemental_mg:.1f} mg of magnesium, "
            f"{delivered.elemental_mg / target.elemental_mg:.1f} times the target; "
            "a smaller unit (or part of one, where its label allows dividing it) comes closer"
        )
    if delivered.route is not None:  # the check, if any, reports it apart
        notes.append(
            f"given {delivered.route}: the units are counted, but magnesium given "
            f"{delivered.route} is compared with no RDA/AI or UL (they are for magnesium by mouth)"
        )
    warnings = _other_reading(target)
    base, extra = divmod(whole, intakes)
    return Plan(
        target=target,
        unit_compound_mg=unit_compound_mg,
        unit_elemental_mg=unit_elemental_mg,
        exact_units=exact,
        whole_units=whole,
        delivered=delivered,
        intakes=tuple(base + (1 if i < extra else 0) for i in range(intakes)),
        notes=(*notes, *warnings),
        warnings=warnings,
    )


def _other_reading(target: Converted) -> tuple[str, ...]:
    """A target read as magnesium that is likely the compound's weight ('2 g sulfate IV')."""
    item, fraction = target.item, target.elemental_fraction
    kind = item.kind
    if not kind.elemental or target.form is None or fraction is None:
        return ()
    if kind.unit.kind is not UnitKind.MASS or target.elemental_mg < IMPLAUSIBLE_TARGET_MG:
        return ()
    amount = f"{number_text(item.amount)} {kind.unit.symbol}"
    if target.route is None:
        what = "by mouth is several times the adult UL for supplemental magnesium"
    else:
        what = f"{target.route} is grams of magnesium, where orders give the salt's weight"
    route = f" {target.route}" if target.route else ""
    return (
        f"a target of {target.elemental_mg:,.0f} mg of magnesium a day {what}; if {amount} is "
        f"the weight of the {target.form.key} itself, write '{amount} compound "
        f"{target.form.key}{route}' ({target.elemental_mg * fraction:,.1f} mg of magnesium)",
    )


def rounding_note(plan: Plan, day: DayCheck) -> str | None:
    """What to say when rounding up to whole units takes the day above the UL."""
    ul = day.reference.ul_mg
    fewer = plan.whole_units - 1
    if not day.above_ul or ul is None or fewer < 1 or plan.whole_units <= plan.exact_units:
        return None
    with_fewer = day.ul_counted_mg - plan.unit_elemental_mg  # the day's other supplements too
    if at_resolution(with_fewer) > ul:
        return None  # the target itself is above the UL
    return (
        f"rounding up to {plan.whole_units} units takes the supplemental total above the UL "
        f"({ul:g} mg); {fewer} unit(s) give {fewer * plan.unit_elemental_mg:.1f} mg"
    )
