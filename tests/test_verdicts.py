"""Verdicts are exact at the boundary: a dose that lands on a reference value, by any path,
gets the verdict a person doing the arithmetic gives (amounts compared to 1 µg)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mgcalc
from mgcalc.core.check import at_resolution

from helpers import run, run_json

MG_PER_MMOL = 24.305

# (standard, age, sex, stage, RDA/AI, UL): a person inside every band of both standards, with the
# value the tables give (IOM 1997; EFSA 2015 and SCF 2001), copied from the sources, not mgcalc.
PEOPLE = [
    ("nih", 2, "f", "", 80, 65),
    ("nih", 6, "m", "", 130, 110),
    ("nih", 11, "f", "", 240, 350),
    ("nih", 12, "f", "pregnant", 400, 350),
    ("nih", 16, "m", "", 410, 350),
    ("nih", 16, "f", "lactating", 360, 350),
    ("nih", 25, "f", "", 310, 350),
    ("nih", 25, "f", "pregnant", 350, 350),
    ("nih", 40, "m", "", 420, 350),
    ("nih", 40, "f", "lactating", 320, 350),
    ("nih", 75, "f", "", 320, 350),
    ("efsa", 2, "m", "", 170, None),
    ("efsa", 6, "f", "", 230, 250),
    ("efsa", 15, "m", "", 300, 250),
    ("efsa", 15, "f", "pregnant", 250, 250),
    ("efsa", 30, "f", "", 300, 250),
    ("efsa", 30, "m", "", 350, 250),
]
# Ways to write a dose of `mg` elemental magnesium in `n` equal parts.
PATHS = ["item", "flag", "mmol", "meq", "servings", "product", "csv"]


def person_args(age: float, sex: str, stage: str, standard: str) -> list[str]:
    stage_args = [f"--{stage}"] if stage else []
    # --diet 0: food is known, so "below the RDA" is a verdict too, not an open question
    return ["--age", str(age), "--sex", sex, "--standard", standard, "--diet", "0", *stage_args]


def dose_args(path: str, mg: float, n: int, tmp_path: Path) -> list[str]:
    part = mg / n
    if path == "item":
        return [f"{n}x", repr(part), "mg", "elemental", "citrate"]
    if path == "flag":
        return [f"{n}x", repr(part), "mg", "glycinate", "--elemental"]
    if path == "mmol":
        return [f"{n}x", repr(part / MG_PER_MMOL), "mmol", "chloride"]
    if path == "meq":
        return [f"{n}x", repr(2 * part / MG_PER_MMOL), "mEq", "sulfate"]
    if path == "servings":
        return [f"{n}x", repr(part), "mg", "elemental", "oxide"]
    if path == "product":
        forms = tmp_path / f"products-{mg!r}.toml"  # files are read once per process
        forms.write_text(
            f'[products.p]\nname = "p"\nform = "oxide"\nelemental_mg = {part!r}\n'
            'unit = "tablet"\nsource = "s"\n',
            encoding="utf-8",
        )
        return [str(n), "tablet", "p", "--forms", str(forms)]
    doses = tmp_path / f"doses-{mg!r}.csv"
    doses.write_text(
        f"amount,unit,form,servings,elemental\n{part!r},mg,malate,{n},true\n", encoding="utf-8"
    )
    return ["--input", str(doses)]


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from(PEOPLE),
    st.sampled_from(PATHS),
    st.integers(min_value=1, max_value=12),
    st.sampled_from(["rda", "ul"]),
)
def test_a_dose_on_a_reference_value_gets_the_exact_verdict(
    tmp_path_factory: pytest.TempPathFactory,
    person: tuple[str, float, str, str, int, int | None],
    path: str,
    n: int,
    which: str,
) -> None:
    standard, age, sex, stage, rda, ul = person
    value = rda if which == "rda" or ul is None else ul
    tmp_path = tmp_path_factory.mktemp("dose")
    args = dose_args(path, float(value), n, tmp_path)
    day = run_json("check", *args, *person_args(age, sex, stage, standard))
    assert day["reference"]["rda_mg"] == rda
    assert day["reference"]["ul_mg"] == ul
    assert at_resolution(day["supplemental_mg"]) == value
    if value == rda:
        assert day["meets_rda"] is True  # exactly the RDA/AI meets it
    if value == ul:
        assert day["above_ul"] is False  # exactly the UL is not above it
    over = run_json("check", *dose_args(path, value + 0.002, n, tmp_path), *person_args(
        age, sex, stage, standard
    ))  # fmt: skip
    if ul is not None and value == ul:
        assert over["above_ul"] is True
    under = run_json("check", *dose_args(path, value - 0.002, n, tmp_path), *person_args(
        age, sex, stage, standard
    ))  # fmt: skip
    if value == rda:
        assert under["meets_rda"] is False


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PEOPLE), st.integers(min_value=1, max_value=20))
def test_plan_units_that_add_up_to_the_ul_are_not_above_it(
    person: tuple[str, float, str, str, int, int | None], n: int
) -> None:
    standard, age, sex, stage, _, ul = person
    if ul is None:
        return
    unit = f"{ul / n!r} mg elemental"
    plan = run_json(
        "plan", str(ul), "mg", "citrate", "--unit", unit, *person_args(age, sex, stage, standard)
    )
    assert plan["whole_units"] == n
    assert plan["check"]["above_ul"] is False
    assert plan["notes"] == []


def test_the_issue_example_7_times_50_mg_is_350_mg() -> None:
    plan = run_json(
        "plan", "350", "mg", "citrate", "--unit", "50 mg elemental", "--age", "30", "--sex", "m"
    )
    assert plan["whole_units"] == 7
    assert plan["check"]["above_ul"] is False
    result = run(
        "check", "7x", "50", "mg", "elemental", "citrate", "--age", "30", "--sex", "m",
        "--exit-code",
    )  # fmt: skip
    assert result.exit_code == 0


def test_rounding_up_across_the_ul_is_said() -> None:
    plan = mgcalc.plan("300 mg citrate", "120 mg elemental", who=mgcalc.person(30, sex="m"))
    assert plan.whole_units == 3  # 2.5 rounds half up
    assert plan.check is not None
    assert plan.check.above_ul is True
    assert plan.notes == (
        "rounding up to 3 units takes the supplemental total above the UL (350 mg); "
        "2 unit(s) give 240.0 mg",
    )


def test_one_unit_far_above_the_target_is_said() -> None:
    plan = mgcalc.plan("30 mg oxide", "400 mg oxide")
    assert plan.whole_units == 1
    assert len(plan.notes) == 1
    assert plan.notes[0].startswith("one unit gives 241.2 mg of magnesium, 8.0 times the target")
    assert mgcalc.plan("300 mg glycinate", "500mg").notes == ()


@pytest.mark.parametrize(
    ("target", "unit", "whole"),
    [("250", "100 mg elemental", 3), ("249.999", "100 mg elemental", 2), ("150", "100mg", 2)],
)
def test_plan_rounds_half_up(target: str, unit: str, whole: int) -> None:
    assert run_json("plan", target, "mg", "oxide", "--unit", unit)["whole_units"] == whole
