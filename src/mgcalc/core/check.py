"""A day's magnesium against the reference: two comparisons, two scopes.

The RDA/AI is compared with total intake (diet + supplements + medicines); the
UL with supplemental magnesium only, never with food.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from mgcalc.core.convert import Converted, Total, total_of
from mgcalc.core.errors import MgcalcError
from mgcalc.core.reference import Note, Person, Reference, Standard, lookup

MAX_DIET_MG = 100_000.0
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
    supplemental: Total
    diet_mg: float | None
    total: Total  # diet + supplemental; supplemental only when no diet was given
    percent_rda: float | None
    percent_ul: float | None
    above_ul: bool
    meets_rda: bool | None
    notes: tuple[Note, ...]

    @property
    def total_mg(self) -> float:
        return self.total.elemental_mg


def validate_diet(diet_mg: float | None) -> float | None:
    if diet_mg is None:
        return None
    if not math.isfinite(diet_mg) or diet_mg < 0:
        raise MgcalcError(
            f"{diet_mg:g} must be a finite number of mg, 0 or more", parameter="diet_mg"
        )
    if diet_mg > MAX_DIET_MG:
        raise MgcalcError(
            f"{diet_mg:g} mg is more than {MAX_DIET_MG:g} mg a day", parameter="diet_mg"
        )
    return float(diet_mg)


def check_day(
    items: Iterable[Converted],
    person: Person,
    standard: Standard,
    notes: Mapping[str, Note],
    mg_per_mmol: float,
    diet_mg: float | None = None,
    *,
    keep_items: bool = True,
) -> DayCheck:
    """The day against the person's reference values. Items are read once, as they come;
    without `keep_items` only their total is kept (a stream of any length)."""
    diet_mg = validate_diet(diet_mg)
    reference = lookup(standard, person)
    kept: list[Converted] = []

    def amounts() -> Iterator[float]:
        for converted in items:
            if keep_items:
                kept.append(converted)
            yield converted.elemental_mg

    # fsum: correctly rounded on every Python version, and it reads a stream as it comes.
    supplemental = total_of(math.fsum(amounts()), mg_per_mmol)
    total_mg = supplemental.elemental_mg + (diet_mg or 0.0)
    rda, ul = reference.rda_mg, reference.ul_mg
    percent_rda = 100.0 * total_mg / rda if rda else None
    percent_ul = 100.0 * supplemental.elemental_mg / ul if ul else None
    above_ul = ul is not None and at_resolution(supplemental.elemental_mg) > ul
    wanted: list[str] = []
    if above_ul:
        wanted.append("ul_basis")
    if ul is None and supplemental.elemental_mg > 0:
        wanted.append("no_ul")
    if person.kidney:
        wanted.append("kidney")
    if supplemental.elemental_mg > 0:
        wanted.append("medicines")
        if ul is not None:
            wanted.append("split")
    return DayCheck(
        person=person,
        reference=reference,
        items=tuple(kept),
        supplemental=supplemental,
        diet_mg=diet_mg,
        total=total_of(total_mg, mg_per_mmol),
        percent_rda=percent_rda,
        percent_ul=percent_ul,
        above_ul=above_ul,
        meets_rda=None if rda is None else at_resolution(total_mg) >= rda,
        notes=tuple(notes[key] for key in wanted if key in notes),
    )
