"""A day's magnesium against the reference: two comparisons, two scopes.

The RDA/AI is compared with total intake (diet + supplements + medicines); the
UL with supplemental magnesium only, never with food.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from mgcalc.core.convert import Converted, Total, total_of
from mgcalc.core.errors import MgcalcError
from mgcalc.core.items import number_text
from mgcalc.core.reference import (
    Medicine,
    Note,
    Person,
    Reference,
    Standard,
    lookup,
    months_of,
)

MAX_DIET_MG = 100_000.0
# A day's food gives a few hundred mg of magnesium; above this, the figure is a typing mistake
# (or the items' total given as diet): named, not refused.
IMPLAUSIBLE_DIET_MG = 5_000.0
SPLIT_FROM_MONTHS = 48  # BfR's advice to split the daily maximum comes with it: from 4 years
# Verdicts compare amounts of magnesium rounded to 1 µg, far below any label's precision:
# 7 × 50 mg is 350 mg however floating point adds it up (350.00000000000006).
VERDICT_DECIMALS = 3


def at_resolution(mg: float) -> float:
    """An amount of magnesium (mg) as a verdict compares it: to the nearest 1 µg."""
    return round(mg, VERDICT_DECIMALS)


class DayCheck(NamedTuple):
    person: Person
    reference: Reference
    items: tuple[Converted, ...]  # empty when the check was made from a stream
    supplemental: Total  # the items: supplements and medicines
    diet_mg: float | None  # magnesium from food and water, as given
    total: Total  # diet + fortified + supplemental; without a diet, an "at least" figure
    percent_rda: float | None
    percent_ul: float | None
    ul_applies: bool  # False where no UL is set, and with impaired kidney function
    above_ul: bool | None  # None where no UL applies
    meets_rda: bool | None  # None where no single value applies, or unknowable without a diet
    notes: tuple[Note, ...]
    fortified_mg: float | None = None  # added to water or foods (counts toward EFSA's UL)
    ul_counted: Total | None = None  # what is compared with the UL, when it differs
    failed_rows: int = 0  # rows of the input that are not in this day
    parenteral: Total | None = None  # given IV or IM: reported apart, compared with nothing
    food: Total | None = None  # the day's foods (as items): in the total, never the UL
    medicines: tuple[Medicine, ...] = ()  # the medicines named, each with its label's spacing
    total_is_minimum: bool = False  # a food's magnesium is unknown: the total is at least this

    @property
    def food_mg(self) -> float | None:
        return None if self.food is None else self.food.elemental_mg

    @property
    def total_mg(self) -> float:
        return self.total.elemental_mg

    @property
    def parenteral_mg(self) -> float:
        return self.parenteral.elemental_mg if self.parenteral else 0.0

    @property
    def ul_counted_mg(self) -> float:
        return (self.ul_counted or self.supplemental).elemental_mg

    @property
    def flagged(self) -> bool:
        """Above the UL, or taking supplemental magnesium where no UL applies."""
        return bool(self.above_ul) or (not self.ul_applies and self.ul_counted_mg > 0)


def validate_intake(mg: float | None, parameter: str) -> float | None:
    """A day's magnesium from outside the items (diet, fortified foods), in mg."""
    if mg is None:
        return None
    if not math.isfinite(mg) or mg < 0:
        raise MgcalcError(f"{mg:g} must be a finite number of mg, 0 or more", parameter=parameter)
    if mg > MAX_DIET_MG:
        raise MgcalcError(f"{mg:g} mg is more than {MAX_DIET_MG:g} mg a day", parameter=parameter)
    return float(mg)


def implausible_intake(mg: float | None, what: str) -> str | None:
    """What to say of a day's diet (or fortified) figure no food gives."""
    if mg is None or not IMPLAUSIBLE_DIET_MG < mg <= MAX_DIET_MG:  # the rest is refused
        return None
    return (
        f"{what} {number_text(mg)} mg is far more magnesium than food gives in a day: check "
        "the figure (the items are counted apart)"
    )


def check_day(
    items: Iterable[Converted],
    person: Person,
    standard: Standard,
    notes: Mapping[str, Note],
    mg_per_mmol: float,
    diet_mg: float | None = None,
    *,
    fortified_mg: float | None = None,
    keep_items: bool = True,
    medicines: Sequence[Medicine] = (),
) -> DayCheck:
    """The day against the person's reference values. Items are read once, as they come;
    without `keep_items` only their total is kept (a stream of any length).

    The RDA/AI is compared with everything (diet, fortified foods and water, items); the UL
    with the items, plus fortified foods and water where the standard's UL counts them.
    """
    diet_mg = validate_intake(diet_mg, "diet_mg")
    fortified_mg = validate_intake(fortified_mg, "fortified_mg")
    reference = lookup(standard, person)
    kept: list[Converted] = []
    parenteral: list[float] = []
    foods: list[float] = []
    unknown: list[Converted] = []

    def amounts() -> Iterator[float]:
        for converted in items:
            if keep_items:
                kept.append(converted)
            if converted.recipe.food is not None:  # food: the RDA/AI's, never the UL's
                foods.append(converted.elemental_mg)
                if converted.unknown:
                    unknown.append(converted)
            elif converted.route is None:
                yield converted.elemental_mg
            else:  # the RDA/AI and the UL are for magnesium by mouth
                parenteral.append(converted.elemental_mg)

    # fsum: correctly rounded on every Python version, and it reads a stream as it comes.
    supplemental = total_of(math.fsum(amounts()), mg_per_mmol)
    parenteral_total = total_of(math.fsum(parenteral), mg_per_mmol) if parenteral else None
    added = fortified_mg or 0.0
    food = total_of(math.fsum(foods), mg_per_mmol)._replace(is_minimum=bool(unknown))
    food_mg = food.elemental_mg if foods else None
    total_mg = supplemental.elemental_mg + added + (diet_mg or 0.0) + (food_mg or 0.0)
    ul_counted = None
    if added and standard.ul_counts_fortified:
        ul_counted = total_of(supplemental.elemental_mg + added, mg_per_mmol)
    counted_mg = (ul_counted or supplemental).elemental_mg
    rda, ul = reference.rda_mg, reference.ul_mg
    ul_applies = reference.ul_applies
    above_ul = at_resolution(counted_mg) > ul if ul is not None and ul_applies else None
    meets_rda = None if rda is None else at_resolution(total_mg) >= rda
    if ((diet_mg is None and food_mg is None) or unknown) and meets_rda is False:
        meets_rda = None  # food is not counted (or not all of it): the day may well meet it
    wanted: list[str] = []
    if above_ul:
        wanted.append("ul_basis")
    if ul is None and counted_mg > 0:
        wanted.append("no_ul")
    if person.kidney:
        wanted += ["kidney", "ul_kidney"]
    if parenteral_total:
        wanted.append("parenteral")
    if supplemental.elemental_mg > 0:
        wanted.append("medicines")
        if months_of(person) >= SPLIT_FROM_MONTHS:
            wanted.append("split")
    return DayCheck(
        person=person,
        reference=reference,
        items=tuple(kept),
        supplemental=supplemental,
        diet_mg=diet_mg,
        total=total_of(total_mg, mg_per_mmol),
        percent_rda=100.0 * total_mg / rda if rda else None,
        percent_ul=100.0 * counted_mg / ul if ul else None,
        ul_applies=ul_applies,
        above_ul=above_ul,
        meets_rda=meets_rda,
        notes=tuple(notes[key] for key in wanted if key in notes),
        fortified_mg=fortified_mg,
        ul_counted=ul_counted,
        food=food if foods else None,
        total_is_minimum=bool(unknown) or (diet_mg is None and food_mg is None),
        medicines=tuple(medicines),
        parenteral=parenteral_total,
    )
