"""Units of an item's amount, and the one place where mmol and mEq of magnesium meet.

Mass units weigh the compound (or elemental magnesium with `elemental`). mmol and
mEq always count magnesium ions, never formula units: Mg2+ is divalent, so
1 mmol = 2 mEq.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

MAGNESIUM_VALENCE = 2


class UnitKind(enum.Enum):
    MASS = "mass"
    MAGNESIUM = "magnesium"  # an amount of magnesium ions (mmol, mEq)
    COUNT = "count"  # capsules, tablets, ... of a product
    VOLUME = "volume"  # of a solution or suspension, with its concentration
    PORTION = "portion"  # no unit mgcalc knows: a food's measure ('medium', 'slice'), or none

    # Members are singletons, equal only to themselves: hashed by identity, in C, since a
    # unit is part of the key a batch looks up for every row.
    __hash__ = object.__hash__


class Unit(NamedTuple):
    symbol: str  # how mgcalc writes it
    kind: UnitKind
    to_base: float  # to mg for MASS; to mmol of Mg2+ for MAGNESIUM; to mL for VOLUME; 1 for COUNT


MILLIGRAM = Unit("mg", UnitKind.MASS, 1.0)
GRAM = Unit("g", UnitKind.MASS, 1000.0)
MICROGRAM = Unit("mcg", UnitKind.MASS, 0.001)
GRAIN = Unit("grain", UnitKind.MASS, 64.79891)
MILLIMOLE = Unit("mmol", UnitKind.MAGNESIUM, 1.0)
MILLIEQUIVALENT = Unit("mEq", UnitKind.MAGNESIUM, 1.0 / MAGNESIUM_VALENCE)
# Household measures as US labelling defines them (21 CFR 101.9(b)(5)(viii)): a teaspoon
# is 5 mL, a tablespoon 15 mL, a fluid ounce 30 mL.
MILLILITRE = Unit("mL", UnitKind.VOLUME, 1.0)
LITRE = Unit("L", UnitKind.VOLUME, 1000.0)
TEASPOON = Unit("tsp", UnitKind.VOLUME, 5.0)
TABLESPOON = Unit("tbsp", UnitKind.VOLUME, 15.0)
FLUID_OUNCE = Unit("fl oz", UnitKind.VOLUME, 30.0)

# The spellings people type, resolved without loading pint (it takes a third of a
# second to import). tests/test_units.py checks every factor here against pint and
# data/units.txt; any other spelling goes through pint.
COMMON_SPELLINGS: dict[str, Unit] = {
    "mg": MILLIGRAM,
    "milligram": MILLIGRAM,
    "milligrams": MILLIGRAM,
    "g": GRAM,
    "gram": GRAM,
    "grams": GRAM,
    "mcg": MICROGRAM,
    "µg": MICROGRAM,  # micro sign U+00B5
    "μg": MICROGRAM,  # Greek mu U+03BC
    "ug": MICROGRAM,
    "microgram": MICROGRAM,
    "micrograms": MICROGRAM,
    "grain": GRAIN,
    "grains": GRAIN,
    "mmol": MILLIMOLE,
    "millimole": MILLIMOLE,
    "millimoles": MILLIMOLE,
    "meq": MILLIEQUIVALENT,
    "milliequivalent": MILLIEQUIVALENT,
    "milliequivalents": MILLIEQUIVALENT,
    "ml": MILLILITRE,
    "millilitre": MILLILITRE,
    "millilitres": MILLILITRE,
    "milliliter": MILLILITRE,
    "milliliters": MILLILITRE,
    "l": LITRE,
    "litre": LITRE,
    "litres": LITRE,
    "liter": LITRE,
    "liters": LITRE,
    "tsp": TEASPOON,
    "teaspoon": TEASPOON,
    "teaspoons": TEASPOON,
    "tbsp": TABLESPOON,
    "tablespoon": TABLESPOON,
    "tablespoons": TABLESPOON,
    "fl oz": FLUID_OUNCE,
    "fl-oz": FLUID_OUNCE,
    "floz": FLUID_OUNCE,
}

# Words that measure a food and never name one: '½ cup' alone is missing its food.
FOOD_MEASURE_WORDS = frozenset(
    {"cup", "cups", "slice", "slices", "piece", "pieces", "serving", "servings", "portion",
     "portions", "medium", "large", "small", "pint", "pints", "quart", "quarts", "oz"}
)  # fmt: skip
ACCEPTED_UNITS_TEXT = "mg, g, mcg (µg, ug), grain, mmol, mEq, or mL, L, tsp, tbsp, fl oz"
# Spellings with two readings that differ a lot: refused, both readings named.
AMBIGUOUS_UNITS = {
    "gr": "'gr' is grains (64.8 mg) in pharmacy and grams in much of Europe; write grain or g",
    "grs": "'grs' is grains (64.8 mg) in pharmacy and grams in much of Europe; write grain or g",
}

COUNTED_UNIT_SPELLINGS: dict[str, tuple[str, ...]] = {
    "capsule": ("capsule", "capsules", "cap", "caps"),
    "tablet": ("tablet", "tablets", "tab", "tabs"),
    "softgel": ("softgel", "softgels"),
    "scoop": ("scoop", "scoops"),
    "sachet": ("sachet", "sachets", "stick", "sticks"),
    "gummy": ("gummy", "gummies"),
    "drop": ("drop", "drops"),
    "serving": ("serving", "servings"),
}
# Counted units of a product, each spelling -> its one name.
COUNT_UNITS: dict[str, str] = {
    spelling: name for name, spellings in COUNTED_UNIT_SPELLINGS.items() for spelling in spellings
}
_COUNTED = {spelling: Unit(name, UnitKind.COUNT, 1.0) for spelling, name in COUNT_UNITS.items()}

# The spellings offered on TAB after an amount: mgcalc's own, then the counted units.
OFFERED_UNITS = (
    *(unit.symbol for unit in (MILLIGRAM, GRAM, MICROGRAM, GRAIN, MILLIMOLE, MILLIEQUIVALENT)),
    *(unit.symbol for unit in (MILLILITRE, LITRE, TEASPOON, TABLESPOON)),
    *COUNTED_UNIT_SPELLINGS,
)


def common_unit(text: str) -> Unit | None:
    """The unit for a common spelling or a counted unit (case-insensitive), or None."""
    lowered = text.lower()
    return COMMON_SPELLINGS.get(lowered) or _COUNTED.get(lowered)


def mmol_to_meq(mmol: float) -> float:
    return mmol * MAGNESIUM_VALENCE
