"""Turning a unit as typed into a Unit: common spellings directly, the rest through pint."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from mgcalc.core.errors import MgcalcError
from mgcalc.core.serum import is_serum_unit
from mgcalc.core.units import (
    ACCEPTED_UNITS_TEXT,
    AMBIGUOUS_UNITS,
    MAGNESIUM_VALENCE,
    Unit,
    UnitKind,
    common_unit,
)
from mgcalc.datafiles import data_path

if TYPE_CHECKING:  # pint takes a third of a second to import: only for the rare unit
    import pint

_WRONG_KINDS = {
    "[volume]": "a volume",
    "[energy]": "an energy",
    "[activity]": "an activity (IU)",
}


@functools.cache
def registry() -> pint.UnitRegistry[float]:
    """One small registry per process, with exactly the units in data/units.txt."""
    import pint

    return pint.UnitRegistry(str(data_path("units.txt")), cache_folder=None)


@functools.cache
def resolve_unit(text: str) -> Unit:
    """Resolve each distinct spelling once per process."""
    unit = common_unit(text)
    if unit is not None:
        return unit
    ambiguous = AMBIGUOUS_UNITS.get(text.lower())
    if ambiguous is not None:
        raise MgcalcError(f"unit {ambiguous}")
    if is_serum_unit(text):
        raise MgcalcError(
            f"unit {text!r} is a serum concentration, not a dose: serum values go to "
            "'mgcalc serum', e.g. 'mgcalc serum 1.8 mg/dL'"
        )
    if not text.isprintable() or not text.strip():  # pint would skip what it cannot see
        raise MgcalcError(f"unknown unit {text!r}; use {ACCEPTED_UNITS_TEXT}")
    return _resolve_with_pint(text)


def _resolve_with_pint(text: str) -> Unit:
    ureg = registry()
    try:
        parsed = ureg.parse_units(text)
    except Exception:  # pint raises many exception types on arbitrary text
        raise MgcalcError(f"unknown unit {text!r}; use {ACCEPTED_UNITS_TEXT}") from None
    quantity = ureg.Quantity(1.0, parsed)
    dimensions = dict(parsed.dimensionality)
    if dimensions == {"[mass]": 1}:
        return Unit(text, UnitKind.MASS, float(quantity.to("mg").magnitude))
    if dimensions == {"[substance]": 1}:
        return Unit(text, UnitKind.MAGNESIUM, float(quantity.to("mmol").magnitude))
    if dimensions == {"[volume]": 1}:
        return Unit(text, UnitKind.VOLUME, float(quantity.to("mL").magnitude))
    if dimensions == {"[equivalent]": 1}:
        milliequivalents = float(quantity.to("mEq").magnitude)
        return Unit(text, UnitKind.MAGNESIUM, milliequivalents / MAGNESIUM_VALENCE)
    kind = _WRONG_KINDS.get(next(iter(dimensions), ""))
    what = f"{kind}, not a mass" if kind else "not a mass"
    raise MgcalcError(
        f"unit {text!r} is {what} or an amount of magnesium; use {ACCEPTED_UNITS_TEXT}"
    )
