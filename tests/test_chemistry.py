from __future__ import annotations

import pytest

from mgcalc.core.chemistry import (
    FormulaError,
    atom_counts,
    hydrate_count_of_name,
    hydrate_water,
    molar_mass,
)


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("MgO", {"Mg": 1, "O": 1}),
        ("Mg(OH)2", {"Mg": 1, "O": 2, "H": 2}),
        ("Mg3(C6H5O7)2", {"Mg": 3, "C": 12, "H": 10, "O": 14}),
        ("Mg3(C6H5O7)2·9H2O", {"Mg": 3, "C": 12, "H": 28, "O": 23}),
        ("4MgCO3·Mg(OH)2·4H2O", {"Mg": 5, "C": 4, "O": 18, "H": 10}),
        ("2MgO·3SiO2", {"Mg": 2, "O": 8, "Si": 3}),
        ("MgSO4.7H2O", {"Mg": 1, "S": 1, "O": 11, "H": 14}),
        ("MgC4H6NO4Cl·3H2O", {"Mg": 1, "C": 4, "H": 12, "N": 1, "O": 7, "Cl": 1}),
    ],
)
def test_atom_counts(formula: str, expected: dict[str, int]) -> None:
    assert dict(atom_counts(formula)) == expected


@pytest.mark.parametrize(
    ("formula", "water"),
    [("MgO", 0), ("MgCl2·6H2O", 6), ("MgSO4·H2O", 1), ("4MgCO3·Mg(OH)2·5H2O", 5)],
)
def test_hydrate_water(formula: str, water: int) -> None:
    assert hydrate_water(formula) == water


@pytest.mark.parametrize(
    ("name", "count"),
    [("anhydrous", 0), ("nonahydrate", 9), ("basic-tetrahydrate", 4), ("nominal", None)],
)
def test_hydrate_count_of_name(name: str, count: int | None) -> None:
    assert hydrate_count_of_name(name) == count


@pytest.mark.parametrize(
    "formula", ["", "Mg(OH", "MgOH)2", "mgo", "Mg·", "Mg··H2O", "Mg-O", "3", "Xy2"]
)
def test_bad_formulas_are_rejected(formula: str) -> None:
    with pytest.raises(FormulaError):
        molar_mass(atom_counts(formula), {"Mg": 24.305, "O": 15.999, "H": 1.008})


def test_molar_mass_sums_atomic_weights() -> None:
    # MgCl2·6H2O by hand: 24.305 + 2(35.45) + 12(1.008) + 6(15.999)
    expected = 24.305 + 2 * 35.45 + 12 * 1.008 + 6 * 15.999
    weights = {"Mg": 24.305, "Cl": 35.45, "H": 1.008, "O": 15.999}
    assert molar_mass(atom_counts("MgCl2·6H2O"), weights) == pytest.approx(expected, rel=1e-12)
