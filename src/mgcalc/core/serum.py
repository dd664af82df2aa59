"""Serum magnesium: one value in mg/dL, mmol/L and mEq/L, with a cited interval. It informs;
it never says whether a value is low or high."""

from __future__ import annotations

from typing import NamedTuple

from mgcalc.core import schema
from mgcalc.core.errors import MgcalcError, UsageError
from mgcalc.core.items import check_amount, parse_amount, split_amount
from mgcalc.core.units import MAGNESIUM_VALENCE

SERUM_KEYS = ("interval_mmol_per_l", "interval_words", "interval_source", "laboratories")
SERUM_UNITS = ("mg/dL", "mmol/L", "mEq/L")


IMPLAUSIBLE_FACTOR = 10  # this far outside the cited interval, a value is a typing mistake


class SerumReference(NamedTuple):
    """A commonly cited adult interval and what must be said with any serum value."""

    interval_mmol_per_l: tuple[float, float]
    interval_words: str
    interval_source: str
    laboratories: str
    caution: str
    caution_source: str


class Serum(NamedTuple):
    """A serum magnesium concentration in the three units laboratories report."""

    given: str  # as typed
    mg_per_dl: float
    mmol_per_l: float
    meq_per_l: float
    reference: SerumReference
    warnings: tuple[str, ...] = ()  # a value far outside anything laboratories report


def serum_units(mg_per_mmol: float) -> dict[str, float]:
    """Each accepted spelling (lower case) -> mmol/L per unit."""
    per_mg_dl = 10 / mg_per_mmol
    per_meq_l = 1 / MAGNESIUM_VALENCE
    return {
        "mg/dl": per_mg_dl,
        "mg/100ml": per_mg_dl,
        "mmol/l": 1.0,
        "mm": 1.0,
        "meq/l": per_meq_l,
        "mval/l": per_meq_l,
    }


def is_serum_unit(text: str) -> bool:
    return text.lower().replace(" ", "") in ("mg/dl", "mg/100ml", "mmol/l", "meq/l", "mval/l")


def read_serum(words: list[str], mg_per_mmol: float, reference: SerumReference) -> Serum:
    """'1.8 mg/dL', '0.8mmol/L', '1.6 mEq/L'."""
    text = " ".join(words)
    split = split_amount("".join(words))
    if not words or split is None or split[1] is None:
        raise UsageError(f"{text!r}: give a value and its unit, e.g. 'mgcalc serum 1.8 mg/dL'")
    per_unit = serum_units(mg_per_mmol).get(split[1].lower())
    if per_unit is None:
        raise MgcalcError(
            f"{split[1]!r} is not a serum concentration ({', '.join(SERUM_UNITS)}); doses go to "
            "'mgcalc convert'"
        )
    mmol = check_amount(parse_amount(split[0])) * per_unit
    if mmol > 100:  # no one's serum holds this: a typing mistake
        raise MgcalcError(f"{text!r} is {mmol:g} mmol/L: no serum value; check the unit")
    mg_per_dl = mmol * mg_per_mmol / 10
    low, high = reference.interval_mmol_per_l
    warnings: tuple[str, ...] = ()
    if not low / IMPLAUSIBLE_FACTOR <= mmol <= high * IMPLAUSIBLE_FACTOR:
        side = "above ten times the upper" if mmol > high else "below a tenth of the lower"
        warnings = (
            f"{text} is {mmol:.4g} mmol/L ({mg_per_dl:.4g} mg/dL), {side} end of the cited "
            f"interval ({low:g}-{high:g} mmol/L): far outside serum values laboratories "
            "report; check the value and its unit",
        )
    return Serum(text, mg_per_dl, mmol, mmol * MAGNESIUM_VALENCE, reference, warnings)


def build_serum_reference(table: object, origin: str) -> SerumReference:
    where = "serum"
    values = schema.table(table, where, origin)
    schema.known_keys(values, (*SERUM_KEYS, "caution", "caution_source"), where, origin)
    interval = values.get("interval_mmol_per_l")
    if not (isinstance(interval, list) and len(interval) == 2):
        raise schema.fail(origin, f"{where}.interval_mmol_per_l", "must be [low, high]")
    low = schema.number(interval[0], f"{where}.interval_mmol_per_l", origin)
    high = schema.number(interval[1], f"{where}.interval_mmol_per_l", origin)

    def text(key: str) -> str:
        return schema.text(values.get(key), f"{where}.{key}", origin)

    return SerumReference(
        (low, high),
        text("interval_words"),
        text("interval_source"),
        text("laboratories"),
        text("caution"),
        text("caution_source"),
    )
