"""The unit table used without pint agrees with pint and data/units.txt."""

from __future__ import annotations

import json

import pytest

import mgcalc
from mgcalc.core.errors import MgcalcError
from mgcalc.core.units import COMMON_SPELLINGS, MAGNESIUM_VALENCE, UnitKind
from mgcalc.unit_parser import _resolve_with_pint, registry, resolve_unit

from helpers import run, run_json


@pytest.mark.parametrize("spelling", sorted(COMMON_SPELLINGS))
def test_common_spellings_agree_with_pint(spelling: str) -> None:
    fast = COMMON_SPELLINGS[spelling]
    # pint is case-sensitive ('mEq' is its 'meq') and reads 'floz' for the fluid ounce.
    pint_spelling = {"meq": "mEq", "fl oz": "floz", "fl-oz": "floz"}.get(spelling, spelling)
    slow = _resolve_with_pint(pint_spelling)
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


@pytest.mark.parametrize(
    ("spelling", "millilitres"),
    [("ml", 1), ("L", 1000), ("tsp", 5), ("tbsp", 15), ("fl oz", 30), ("cl", 10), ("dL", 100)],
)
def test_volumes_as_us_labelling_defines_them(spelling: str, millilitres: float) -> None:
    # 21 CFR 101.9(b)(5)(viii): a teaspoon is 5 mL, a tablespoon 15 mL, a fluid ounce 30 mL.
    unit = resolve_unit(spelling)
    assert unit.kind is UnitKind.VOLUME
    assert unit.to_base == pytest.approx(millilitres, rel=1e-12)


MG = 24.305
SULFATE_HEPTAHYDRATE = MG + 32.06 + 4 * 15.999 + 7 * (2 * 1.008 + 15.999)
HYDROXIDE = MG + 2 * (15.999 + 1.008)


@pytest.mark.parametrize(
    ("item", "compound_mg", "formula_mass"),
    [
        # a 50 % vial: 500 mg/mL of the heptahydrate (labels: 4.06 mEq/mL)
        (["10", "mL", "sulfate@50%w/v"], 5000, SULFATE_HEPTAHYDRATE),
        (["10", "mL", "sulfate@500mg/mL"], 5000, SULFATE_HEPTAHYDRATE),
        (["50", "mL", "epsom@2g/50mL"], 2000, SULFATE_HEPTAHYDRATE),  # a 4 % premix bag
        # milk of magnesia, 1,200 mg Mg(OH)2 per 15 mL (labels: "magnesium 500 mg")
        (["1", "tbsp", "hydroxide@400mg/5mL"], 1200, HYDROXIDE),
        (["15", "mL", "hydroxide@1.2g/15mL"], 1200, HYDROXIDE),
        (["2x", "1", "tsp", "hydroxide@80mg/mL"], 800, HYDROXIDE),
        (["1", "fl", "oz", "hydroxide@8%w/v"], 2400, HYDROXIDE),
    ],
)
def test_volumes_of_solutions(item: list[str], compound_mg: float, formula_mass: float) -> None:
    document = run_json("convert", *item)
    (converted,) = document["items"]
    assert converted["compound_mg"] == pytest.approx(compound_mg, rel=1e-12)
    expected_mg = compound_mg * MG / formula_mass
    assert converted["elemental_mg"] == pytest.approx(expected_mg, rel=1e-12)
    assert converted["elemental_meq"] == pytest.approx(2 * expected_mg / MG, rel=1e-12)


def test_magnesium_in_a_solution() -> None:
    document = run_json("convert", "5", "mL", "magnesium@100mg/5mL")
    (converted,) = document["items"]
    assert converted["compound_mg"] is None
    assert converted["elemental_mg"] == pytest.approx(100, rel=1e-12)


MAGNESIUM_IN_SOLUTION = [
    '{"amount": 5, "unit": "mL", "form": "magnesium", "concentration": "1g/100mL"}',
    '{"amount": 5, "unit": "mL", "form": "magnesium@10mg/mL"}',
    '{"amount": "5", "unit": "mL", "form": "Mg", "concentration": "50mg/5mL"}',
]


@pytest.mark.parametrize("line", MAGNESIUM_IN_SOLUTION)
def test_magnesium_in_a_solution_from_json_lines(line: str) -> None:
    result = run("convert", "--input", "-", "--input-format", "jsonl", "--format", "json",
                 input=line + "\n")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (converted,) = json.loads(result.stdout)["items"]
    assert converted["elemental_mg"] == pytest.approx(50, rel=1e-12)  # 5 mL at 10 mg/mL


def test_magnesium_in_a_solution_from_python() -> None:
    solution = mgcalc.item(5, "mL", "magnesium", concentration="1g/100mL")
    assert mgcalc.convert(solution).total.elemental_mg == pytest.approx(50, rel=1e-12)
    vial = mgcalc.item(10, "mL", "sulfate@50%w/v")
    assert mgcalc.convert(vial).items[0].compound_mg == pytest.approx(5000, rel=1e-12)


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (["5", "mg", "magnesium@5%"], None, "needs the compound it is of"),
        (["--input", "-", "--input-format", "jsonl"],
         '{"amount": 5, "unit": "mg", "form": "magnesium", "percent": 5}\n',
         "line 1: percent does not apply to magnesium itself"),
        (["--input", "-", "--input-format", "jsonl"],
         '{"amount": 5, "unit": "mg", "form": "Mg", "variant": "hexahydrate"}\n',
         "line 1: variant does not apply to magnesium itself"),
    ],
)  # fmt: skip
def test_magnesium_itself_takes_no_percent_or_variant(
    args: list[str], stdin: str | None, fragment: str
) -> None:
    result = run("convert", *args, input=stdin)
    assert result.exit_code != 0
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
