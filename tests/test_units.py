"""The unit table used without pint agrees with pint and data/units.txt."""

from __future__ import annotations

import pytest

from mgcalc.core.errors import MgcalcError
from mgcalc.core.units import COMMON_SPELLINGS, MAGNESIUM_VALENCE, UnitKind
from mgcalc.unit_parser import _resolve_with_pint, registry, resolve_unit


@pytest.mark.parametrize("spelling", sorted(COMMON_SPELLINGS))
def test_common_spellings_agree_with_pint(spelling: str) -> None:
    fast = COMMON_SPELLINGS[spelling]
    # pint is case-sensitive: 'mEq' is its spelling of 'meq'.
    slow = _resolve_with_pint("mEq" if spelling == "meq" else spelling)
    assert fast.kind is slow.kind
    assert fast.to_base == pytest.approx(slow.to_base, rel=1e-12)


def test_grain_is_the_international_grain() -> None:
    assert COMMON_SPELLINGS["grain"].to_base == 64.79891


def test_milliequivalent_is_half_a_millimole_of_magnesium() -> None:
    assert MAGNESIUM_VALENCE == 2
    assert COMMON_SPELLINGS["meq"].to_base == 0.5
    assert COMMON_SPELLINGS["mmol"].to_base == 1.0


def test_registry_is_built_once() -> None:
    assert registry() is registry()


@pytest.mark.parametrize(
    ("text", "kind", "to_base"),
    [
        ("kg", UnitKind.MASS, 1e6),
        ("oz", UnitKind.MASS, 28349.523125),
        ("mol", UnitKind.MAGNESIUM, 1000.0),
        ("Eq", UnitKind.MAGNESIUM, 500.0),
        ("MG", UnitKind.MASS, 1.0),
    ],
)
def test_other_spellings(text: str, kind: UnitKind, to_base: float) -> None:
    unit = resolve_unit(text)
    assert unit.kind is kind
    assert unit.to_base == pytest.approx(to_base, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("ml", "a volume"),
        ("L", "a volume"),
        ("tsp", "a volume"),
        ("kcal", "an energy"),
        ("IU", "an activity"),
        ("mg/g", "not a mass"),
        ("furlong", "unknown unit"),
        ("m", "unknown unit"),
        ("(", "unknown unit"),
        ("mg**", "unknown unit"),
    ],
)
def test_wrong_or_unknown_units(text: str, fragment: str) -> None:
    with pytest.raises(MgcalcError, match=fragment):
        resolve_unit(text)
