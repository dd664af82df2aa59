"""Planning a dose: the compound and the whole tablets that give a target of magnesium."""

from __future__ import annotations

import math

from mgcalc.core.convert import Converted
from mgcalc.core.errors import MgcalcError
from mgcalc.core.items import MAX_SERVINGS
from mgcalc.core.records import Record


class Plan(Record):
    target: Converted  # the target elemental dose and the compound that gives it
    unit_compound_mg: float  # one tablet, capsule or scoop
    unit_elemental_mg: float
    exact_units: float
    whole_units: int
    delivered_compound_mg: float
    delivered_elemental_mg: float
    intakes: tuple[int, ...]  # units per intake


def make_plan(target: Converted, unit_mg: float, unit_is_elemental: bool, intakes: int = 1) -> Plan:
    fraction = target.elemental_fraction
    unit_compound_mg = unit_mg / fraction if unit_is_elemental else unit_mg
    unit_elemental_mg = unit_compound_mg * fraction
    exact = target.compound_mg / unit_compound_mg
    whole = max(1, math.floor(exact + 0.5))  # round half up, never zero
    if whole > MAX_SERVINGS:
        raise MgcalcError(
            f"that is {whole} units a day (more than {MAX_SERVINGS}); check the target and --unit"
        )
    if not 1 <= intakes <= whole:
        raise MgcalcError(
            f"--split {intakes} needs from 1 to {whole} intakes for {whole} unit(s) a day"
        )
    base, extra = divmod(whole, intakes)
    return Plan(
        target=target,
        unit_compound_mg=unit_compound_mg,
        unit_elemental_mg=unit_elemental_mg,
        exact_units=exact,
        whole_units=whole,
        delivered_compound_mg=whole * unit_compound_mg,
        delivered_elemental_mg=whole * unit_elemental_mg,
        intakes=tuple(base + (1 if i < extra else 0) for i in range(intakes)),
    )
