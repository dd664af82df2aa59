"""Amounts implausible for what they are: named on stderr with their other reading, never
silently turned into a confident number; the impossible ones refused."""

from __future__ import annotations

import json

import pytest

from helpers import run

MG, O, S, H = 24.305, 15.999, 32.06, 1.008
EPSOM = MG + S + 4 * O + 7 * (2 * H + O)


def warnings_of(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("mgcalc: warning: ")]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["500", "grams", "glycinate"], "70,481 mg of magnesium by mouth in a day is far beyond"),
        (["20", "g", "elemental", "oxide"], "20,000 mg of magnesium by mouth"),
        (["3x", "2", "g", "elemental", "citrate"], "6,000 mg of magnesium by mouth"),
        (["1", "g", "oxide@0.6"], "read as a fraction, 0.6 would be 60%"),
        (["1", "g", "glycinate@0.14"], "read as a fraction, 0.14 would be 14%"),
        (["1", "g", "oxide@5%"], "below a tenth of oxide's 60.30%: check the label's figure"),
        (["10", "mL", "sulfate@101%w/v"], "1010 mg/mL (101%w/v) is stronger than the strongest"),
        (["10", "mL", "sulfate@600mg/mL"], "600 mg/mL (60%w/v) is stronger"),
    ],
)
@pytest.mark.parametrize("output", ["table", "json", "csv", "jsonl"])
def test_an_implausible_item_is_named_on_stderr_in_every_format(
    args: list[str], fragment: str, output: str
) -> None:
    result = run("convert", *args, "--format", output)
    assert result.exit_code == 0, result.stderr
    (warning,) = warnings_of(result.stderr)
    assert fragment in warning


@pytest.mark.parametrize(
    "args",
    [["4", "g", "elemental", "citrate"], ["10", "g", "sulfate", "IV"],
     ["10", "mL", "sulfate@50%w/v"], ["1", "g", "oxide@60%"], ["1", "g", "oxide@55%"]],
)  # fmt: skip
def test_plausible_items_have_no_warning(args: list[str]) -> None:
    result = run("convert", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert warnings_of(result.stderr) == []


def test_a_warning_in_a_file_names_its_line() -> None:
    result = run(
        "convert", "--input", "-", "--format", "jsonl", input="1 g oxide\n500 g glycinate\n"
    )
    (warning,) = warnings_of(result.stderr)
    assert warning.startswith("mgcalc: warning: line 2: 70,481 mg of magnesium")
    assert [json.loads(line)["line"] for line in result.stdout.splitlines()] == [1, 2]


def test_the_warning_is_in_the_items_notes_too() -> None:
    result = run("convert", "500", "g", "glycinate", "--format", "json")
    (item,) = json.loads(result.stdout)["items"]
    assert any("far beyond any supplement" in note for note in item["notes"])


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("50 mg/dL", "20.57 mmol/L (50 mg/dL), above ten times the upper end"),
     ("0.05 mmol/L", "below a tenth of the lower end")],
)  # fmt: skip
def test_a_serum_value_far_outside_the_interval_is_named(value: str, fragment: str) -> None:
    result = run("serum", *value.split(), "--format", "json")
    assert result.exit_code == 0, result.stderr
    (warning,) = warnings_of(result.stderr)
    assert fragment in warning
    assert json.loads(result.stdout)["warnings"] == [warning.removeprefix("mgcalc: warning: ")]
    assert "low or high" not in warning  # it never judges a value


def test_a_serum_value_in_or_near_the_interval_says_nothing_more() -> None:
    for value in ("1.8 mg/dL", "0.3 mmol/L", "6 mmol/L"):
        result = run("serum", *value.split(), "--format", "json")
        assert warnings_of(result.stderr) == []
        assert json.loads(result.stdout)["warnings"] == []


def test_a_diet_no_food_gives_is_named() -> None:
    result = run("check", "100", "mg", "oxide", "--age", "40", "--sex", "f", "--diet", "50000",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (warning,) = warnings_of(result.stderr)
    assert "--diet 50000 mg is far more magnesium than food gives in a day" in warning
    quiet = run("check", "100", "mg", "oxide", "--age", "40", "--sex", "f", "--diet", "400")
    assert warnings_of(quiet.stderr) == []


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        (
            ["2", "g", "sulfate"],
            "2,000 mg of magnesium a day by mouth is several times the adult UL",
        ),
        (["2", "g", "sulfate", "IV"], "IV is grams of magnesium, where orders give the salt's"),
    ],
)
def test_a_plan_target_read_as_grams_of_magnesium_names_the_compound_reading(
    target: list[str], fragment: str
) -> None:
    result = run("plan", *target, "--unit", "1 mL sulfate@50%w/v", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (warning,) = warnings_of(result.stderr)
    assert fragment in warning
    assert "write '2 g compound sulfate" in warning
    assert f"({2000 * MG / EPSOM:,.1f} mg of magnesium)" in warning


def test_a_plan_target_given_as_the_compound() -> None:
    result = run("plan", "2", "g", "compound", "sulfate", "--unit", "1 mL sulfate@50%w/v",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["whole_units"] == 4  # 2 g of the heptahydrate in 500 mg/mL: 4 mL
    assert warnings_of(result.stderr) == []
    elemental = run("plan", "197", "mg", "sulfate", "--unit", "1 mL sulfate@50%w/v", "-f", "json")
    assert json.loads(elemental.stdout)["whole_units"] == 4  # the target stays elemental
