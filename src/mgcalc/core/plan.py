"""Planning a dose: the compound and the whole tablets that give a target of magnesium."""

from __future__ import annotations

import math
from typing import NamedTuple

from mgcalc.core.check import DayCheck
from mgcalc.core.convert import Converted, Converter
from mgcalc.core.errors import MgcalcError, UsageError
from mgcalc.core.items import MAX_SERVINGS, Item, UnitResolver, parse_amount, split_amount
from mgcalc.core.units import MILLIGRAM, UnitKind


class UnitSize(NamedTuple):
    """One tablet, capsule or scoop: its weight, of the compound or of magnesium."""

    mg: float
    elemental: bool = False


class Plan(NamedTuple):
    target: Converted  # the target elemental dose and the compound that gives it
    unit_compound_mg: float  # one tablet, capsule or scoop
    unit_elemental_mg: float
    exact_units: float
    whole_units: int
    delivered: Converted  # what the whole units give in a day
    intakes: tuple[int, ...]  # units per intake
    check: DayCheck | None = None  # the delivered dose against a person's reference values


def parse_unit_size(text: str, resolve_unit: UnitResolver) -> UnitSize:
    """'500mg' or '500 mg' (compound), or '100 mg elemental'."""
    words = text.split()
    elemental = bool(words) and words[-1].lower() == "elemental"
    if elemental:
        words = words[:-1]
    split = split_amount("".join(words))
    if split is None or split[1] is None:
        raise UsageError(f"{text!r}: give an amount and a unit, e.g. 500mg", parameter="unit")
    amount = parse_amount(split[0])
    unit = resolve_unit(split[1])
    if unit.kind is not UnitKind.MASS:
        raise MgcalcError(f"{text!r}: give a weight such as 500mg", parameter="unit")
    return UnitSize(amount * unit.to_base, elemental)


def make_plan(target: Converted, unit: UnitSize, converter: Converter, intakes: int = 1) -> Plan:
    fraction = target.elemental_fraction
    unit_compound_mg = unit.mg / fraction if unit.elemental else unit.mg
    exact = target.compound_mg / unit_compound_mg
    whole = max(1, math.floor(exact + 0.5))  # round half up, never zero
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
    kind = target.item.kind._replace(unit=MILLIGRAM, servings=whole, elemental=False)
    delivered = converter.convert(Item(unit_compound_mg, kind))
    base, extra = divmod(whole, intakes)
    return Plan(
        target=target,
        unit_compound_mg=unit_compound_mg,
        unit_elemental_mg=unit_compound_mg * fraction,
        exact_units=exact,
        whole_units=whole,
        delivered=delivered,
        intakes=tuple(base + (1 if i < extra else 0) for i in range(intakes)),
    )
