"""Serum magnesium: units converted, an interval cited, no verdict."""

from __future__ import annotations

import pytest

import mgcalc

from helpers import assert_one_line_error, run, run_json

MG_PER_DL_PER_MMOL_PER_L = 2.4305  # 24.305 mg/mmol, 10 dL in a litre


@pytest.mark.parametrize(
    ("args", "mmol"),
    [
        (["1.8", "mg/dL"], 1.8 / MG_PER_DL_PER_MMOL_PER_L),
        (["0.8", "mmol/L"], 0.8),
        (["0.8mmol/L"], 0.8),
        (["1.6", "mEq/L"], 0.8),
        (["1.6", "meq/l"], 0.8),
    ],
)
def test_a_value_in_all_three_units(args: list[str], mmol: float) -> None:
    document = run_json("serum", *args)
    assert document["mmol_per_l"] == pytest.approx(mmol, rel=1e-12)
    assert document["mg_per_dl"] == pytest.approx(mmol * MG_PER_DL_PER_MMOL_PER_L, rel=1e-12)
    assert document["meq_per_l"] == pytest.approx(2 * mmol, rel=1e-12)
    assert document["interval_mmol_per_l"] == [0.75, 0.95]
    assert "nap.edu/read/5776" in document["interval_source"]
    assert "each sets its own" in document["laboratories"]
    assert "about 1 %" in document["caution"]


@pytest.mark.parametrize("value", ["0.4", "0.85", "3"])
def test_no_verdict_whatever_the_value(value: str) -> None:
    table = run("serum", value, "mmol/L").stdout.lower()
    for word in ("low", "normal range", "high", "deficien", "hypo", "hyper", "take "):
        assert word not in table.replace("low or high", "")


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["serum", "400", "mg"], 1, "'mg' is not a serum concentration"),
        (["serum", "abc"], 2, "give a value and its unit"),
        (["serum", "0", "mg/dL"], 1, "must be greater than zero"),
        (["serum", "5000", "mmol/L"], 1, "no serum value"),
        (["convert", "1.8", "mg/dL", "oxide"], 1, "serum values go to 'mgcalc serum'"),
        (["check", "1", "mmol/L", "oxide", "--age", "30"], 1, "is a serum concentration"),
    ],
)
def test_serum_and_dose_units_are_kept_apart(args: list[str], code: int, fragment: str) -> None:
    assert_one_line_error(run(*args), code, fragment)


def test_the_python_api() -> None:
    serum = mgcalc.serum(0.8, "mmol/L")
    assert serum.mg_per_dl == pytest.approx(1.9444)
    assert mgcalc.to_dict(serum)["meq_per_l"] == 1.6
