"""The day's verdict says what it leaves out: failed rows, an empty input, food not counted,
where no UL applies, and magnesium added to water and foods."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import assert_one_line_error, run, run_json

TWO_ROWS_ONE_BAD = "amount,unit,form\n100,mg,oxide\n1,g,oxyde\n"


def test_failed_rows_are_counted_in_json_and_said_on_the_table() -> None:
    args = ["check", "--input", "-", "--input-format", "csv", "--age", "30", "--sex", "f"]
    as_json = run(*args, "--format", "json", input=TWO_ROWS_ONE_BAD)
    assert as_json.exit_code == 4
    assert json.loads(as_json.stdout)["failed_rows"] == 1
    as_table = run(*args, "--exit-code", input=TWO_ROWS_ONE_BAD)
    assert as_table.exit_code == 4
    assert "Incomplete day: 1 input row(s) failed and are not counted." in as_table.stdout
    streamed = run(*args, "--format", "jsonl", input=TWO_ROWS_ONE_BAD)
    summary = json.loads(streamed.stdout.splitlines()[-1])
    assert summary["type"] == "summary"
    assert summary["failed_rows"] == 1
    converted = run("convert", *args[1:5], "--format", "json", input=TWO_ROWS_ONE_BAD)
    assert json.loads(converted.stdout)["failed_rows"] == 1
    assert run_json("check", "1", "g", "oxide", "--age", "30")["failed_rows"] == 0


@pytest.mark.parametrize(
    ("text", "fmt"), [("", "items"), ("amount,unit,form\n", "csv"), ("\n# none\n\n", "items")]
)
@pytest.mark.parametrize("command", ["check", "convert"])
def test_nothing_in_is_an_error_naming_the_input(text: str, fmt: str, command: str) -> None:
    person = ["--age", "30"] if command == "check" else []
    for output in ("table", "json"):
        result = run(command, "--input", "-", "--input-format", fmt, *person, "-f", output,
                     input=text)  # fmt: skip
        assert_one_line_error(result, 2, "--input - (stdin): no items")


@pytest.mark.parametrize("command", ["check", "convert"])
def test_nothing_in_gives_no_rows_in_a_row_format_and_says_so(command: str) -> None:
    person = ["--age", "30"] if command == "check" else []
    formats = ["jsonl", "csv"] if command == "convert" else ["jsonl"]
    for output in formats:
        result = run(command, "--input", "-", *person, "-f", output, input="# nothing\n")
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ("" if output == "jsonl" else result.stdout.splitlines()[0] + "\n")
        assert result.stderr == "mgcalc: note: --input - (stdin): no items, so no rows\n"


def test_without_a_diet_the_rda_row_is_a_lower_bound() -> None:
    day = run_json("check", "100", "mg", "elemental", "oxide", "--age", "40", "--sex", "f")
    assert day["meets_rda"] is None  # food may make up the rest: unknowable
    assert day["total_scope"].startswith("supplements only")
    table = run("check", "100", "mg", "elemental", "oxide", "--age", "40", "--sex", "f").stdout
    assert "≥ 31% of RDA, food not counted" in table
    assert "below" not in table
    with_diet = run_json(
        "check", "100", "mg", "elemental", "oxide", "--age", "40", "--sex", "f", "--diet", "100"
    )
    assert with_diet["meets_rda"] is False
    enough = run_json("check", "320", "mg", "elemental", "oxide", "--age", "40", "--sex", "f")
    assert enough["meets_rda"] is True  # supplements alone reach it


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["--age-months", "8"], "no UL is set at this age"),
        (["--age", "3", "--standard", "efsa"], "no UL is set at this age"),
        (["--age", "45", "--sex", "m", "--kidney"], "it is set for normal kidney function"),
    ],
)
def test_where_no_ul_applies_supplements_are_flagged(args: list[str], why: str) -> None:
    day = run_json("check", "10", "mg", "elemental", "oxide", *args)
    assert day["ul_applies"] is False
    assert day["above_ul"] is None
    assert day["reference"]["ul_applies"] is False
    table = run("check", "10", "mg", "elemental", "oxide", *args)
    assert why in table.stdout
    assert "FLAGGED" in table.stdout
    assert "not above the UL" not in table.stdout
    assert run("check", "10", "mg", "elemental", "oxide", *args, "--exit-code").exit_code == 3
    keys = [note["key"] for note in day["notes"]]
    assert ("ul_kidney" in keys) == ("--kidney" in args)


def test_elsewhere_the_ul_applies() -> None:
    day = run_json("check", "10", "mg", "elemental", "oxide", "--age", "45", "--sex", "m")
    assert day["ul_applies"] is True
    assert day["above_ul"] is False
    assert run("check", "10", "mg", "oxide", "--age", "45", "--exit-code").exit_code == 0


def test_reference_with_kidney_says_the_ul_does_not_apply() -> None:
    plain = run("reference", "--age", "45", "--sex", "male")
    kidney = run("reference", "--age", "45", "--sex", "male", "--kidney")
    assert plain.stdout != kidney.stdout
    assert "normal kidney function" in kidney.stdout
    document = run_json("reference", "--age", "45", "--sex", "male", "--kidney")
    assert document["selected"]["ul_applies"] is False
    assert [note["key"] for note in document["notes"]] == ["kidney", "ul_kidney"]
    assert run_json("reference", "--age", "45", "--sex", "male")["notes"] == []


@pytest.mark.parametrize(
    ("standard", "counted", "above"), [("efsa", 300.0, True), ("nih", 200.0, False)]
)
def test_fortified_water_and_foods_count_toward_the_efsa_ul_only(
    standard: str, counted: float, above: bool
) -> None:
    day = run_json(
        "check", "200", "mg", "elemental", "oxide", "--age", "30", "--sex", "f",
        "--standard", standard, "--fortified", "100", "--diet", "50",
    )  # fmt: skip
    assert day["fortified_mg"] == 100
    assert day["ul_counted_mg"] == pytest.approx(counted)
    assert day["supplemental_mg"] == pytest.approx(200)
    assert day["total_mg"] == pytest.approx(350)  # diet, fortified and supplements
    assert day["above_ul"] is above


@pytest.mark.parametrize(
    ("value", "fragment"), [("-1", "--fortified -1 must be"), ("nan", "--fortified nan")]
)
def test_bad_fortified_amounts(value: str, fragment: str) -> None:
    result = run("check", "1", "g", "oxide", "--age", "30", "--fortified", value)
    assert_one_line_error(result, 1, fragment)


@pytest.mark.parametrize(("age", "split"), [("3.99", False), ("4", True), ("40", True)])
def test_the_split_dose_note_applies_from_4_years(age: str, split: bool) -> None:
    day = run_json("check", "10", "mg", "elemental", "oxide", "--age", age)
    assert ("split" in [note["key"] for note in day["notes"]]) is split


def test_the_general_medicines_note_says_the_spacing_depends_on_the_medicine() -> None:
    day = run_json("check", "10", "mg", "elemental", "oxide", "--age", "40")
    (medicines,) = [note for note in day["notes"] if note["key"] == "medicines"]
    assert "depends on the medicine" in medicines["text"]
    assert "two to four hours" in medicines["source"]  # the SmPC's own general advice
    assert day["medicines"] == []


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["convert", "1", "g", "oxide", "--strict"], "--strict applies to --input"),
        (["check", "1", "g", "oxide", "--age", "30", "--strict"], "--strict applies to --input"),
        (["convert", "1", "g", "oxide", "--explain", "--format", "csv"], "--explain goes with"),
        (["plan", "300", "mg", "oxide", "--unit", "500mg", "--diet", "100"], "give --age"),
        (["plan", "300", "mg", "oxide", "--unit", "500mg", "--standard", "efsa"], "give --age"),
    ],
)
def test_an_option_that_would_change_nothing_is_refused(args: list[str], fragment: str) -> None:
    assert_one_line_error(run(*args), 2, fragment)


def test_explain_changes_every_output_it_is_accepted_with() -> None:
    item = ["check", "1", "g", "oxide", "--age", "30"]
    plain, explained = run(*item).stdout, run(*item, "--explain").stdout
    assert plain != explained
    assert "MgO has 1 Mg, M = 40.304 g/mol" in explained
    (row,) = [
        json.loads(line)
        for line in run(*item, "--explain", "--format", "jsonl").stdout.splitlines()
        if '"item"' in line
    ]
    assert row["explanation"].startswith("1 g oxide: MgO has 1 Mg")


def test_a_suggestion_names_only_a_close_spelling() -> None:
    assert_one_line_error(run("1", "g", "glycinat"), 1, "did you mean 'glycinate'")
    result = run("1", "g", "pikolinate")
    assert_one_line_error(result, 1, "did you mean 'picolinate'")
    assert "pidolate" not in result.stderr  # another compound, another figure


def test_an_empty_csv_names_its_input(tmp_path: Path) -> None:
    path = tmp_path / "doses.csv"
    path.write_text("", encoding="utf-8")
    result = run("check", "--input", str(path), "--age", "30")
    assert_one_line_error(result, 1, f"{path}: no CSV header")
    piped = run("check", "--input", "-", "--input-format", "csv", "--age", "30", input="")
    assert_one_line_error(piped, 1, "--input - (stdin): no CSV header")
