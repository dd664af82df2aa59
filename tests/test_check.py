"""`mgcalc check`, `reference` and `plan` against the source figures, written out here."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import mgcalc
from mgcalc.cli import cli
from mgcalc.core.errors import DataFileError
from mgcalc.core.reference_schema import build_reference_data
from mgcalc.datafiles import data_path, read_toml

from helpers import assert_one_line_error, run, run_json

IntakeRow = tuple[float, float, str, int | None, int | None, int | None, int | None]
UlRow = tuple[float, float, int | None]

# (from_age, to_age, kind, female, male, pregnant, lactating): IOM 1997 DRI tables. Ages are
# completed ages: "0-6 months" runs to 7 months, "1-3 years" to the fourth birthday.
SEVEN_MONTHS = 7 / 12
NIH_INTAKE: list[IntakeRow] = [
    (0, SEVEN_MONTHS, "AI", 30, 30, None, None),
    (SEVEN_MONTHS, 1, "AI", 75, 75, None, None),
    (1, 4, "RDA", 80, 80, None, None),
    (4, 9, "RDA", 130, 130, None, None),
    (9, 14, "RDA", 240, 240, 400, 360),  # IOM's pregnancy and lactation values for <=18 y
    (14, 19, "RDA", 360, 410, 400, 360),
    (19, 31, "RDA", 310, 400, 350, 310),
    (31, 51, "RDA", 320, 420, 360, 320),
    (51, 121, "RDA", 320, 420, None, None),
]
NIH_UL: list[UlRow] = [(0, 1, None), (1, 4, 65), (4, 9, 110), (9, 121, 350)]
# EFSA 2015 adequate intakes and the SCF 2001 UL.
EFSA_INTAKE: list[IntakeRow] = [
    (0, SEVEN_MONTHS, "AI", None, None, None, None),
    (SEVEN_MONTHS, 1, "AI", 80, 80, None, None),
    (1, 3, "AI", 170, 170, None, None),
    (3, 10, "AI", 230, 230, None, None),
    (10, 18, "AI", 250, 300, 250, 250),  # EFSA: the AI of non-pregnant women of that age
    (18, 121, "AI", 300, 350, 300, 300),
]
EFSA_UL: list[UlRow] = [(0, 4, None), (4, 121, 250)]
TABLES: dict[str, tuple[list[IntakeRow], list[UlRow]]] = {
    "nih": (NIH_INTAKE, NIH_UL),
    "efsa": (EFSA_INTAKE, EFSA_UL),
}
STAGE_AGES = (10, 60)  # pregnancy and lactation are accepted in [10, 60)


def ages_in(low: float, high: float) -> list[float]:
    return sorted({max(low, 0.01), round((low + min(high, 120)) / 2, 2), min(high - 0.01, 120)})


def expected_ul(standard: str, age: float) -> float | None:
    return next(ul for low, high, ul in TABLES[standard][1] if low <= age < high)


CASES: list[tuple[str, float, str, str, float | None, str]] = []
for standard, (intake_rows, _) in TABLES.items():
    for low, high, kind, female, male, pregnant, lactating in intake_rows:
        for age in ages_in(low, high):
            CASES.append((standard, age, "female", "", female, kind))
            CASES.append((standard, age, "male", "", male, kind))
            if STAGE_AGES[0] <= age < STAGE_AGES[1]:
                if pregnant is not None:
                    CASES.append((standard, age, "female", "--pregnant", pregnant, kind))
                if lactating is not None:
                    CASES.append((standard, age, "female", "--lactating", lactating, kind))


def check_json(*args: str) -> dict[str, Any]:
    return run_json("check", *args)


@pytest.mark.parametrize(("standard", "age", "sex", "stage", "rda", "kind"), CASES)
def test_every_table_value_at_band_edges(
    standard: str, age: float, sex: str, stage: str, rda: float | None, kind: str
) -> None:
    extra = [stage] if stage else []
    document = check_json(
        "100", "mg", "elemental", "oxide", "--age", str(age), "--sex", sex,
        "--standard", standard, *extra,
    )  # fmt: skip
    reference = document["reference"]
    assert reference["standard"] == standard
    assert reference["rda_mg"] == rda
    assert reference["rda_kind"] == kind
    assert reference["ul_mg"] == expected_ul(standard, age)
    assert reference["sources"]["rda"]
    assert reference["sources"]["ul"]


@pytest.mark.parametrize(
    ("months", "rda", "ul"),
    [
        (1, 30, None),
        (6, 30, None),
        (6.99, 30, None),
        (7, 75, None),
        (11.99, 75, None),
        (12, 80, 65),
    ],
)
def test_infants_by_months(months: float, rda: float, ul: float | None) -> None:
    document = check_json("10", "mg", "elemental", "oxide", "--age-months", str(months))
    assert document["reference"]["rda_mg"] == rda
    assert document["reference"]["ul_mg"] == ul
    assert document["ul_applies"] is (ul is not None)
    assert document["above_ul"] is (None if ul is None else False)
    assert ("no_ul" in [note["key"] for note in document["notes"]]) is (ul is None)


def test_toddler_food_is_not_counted_against_the_ul() -> None:
    # UL 65 mg is below the RDA 80 mg; 80 mg of food must not count against the UL.
    document = check_json("10", "mg", "elemental", "glycinate", "--age", "2", "--diet", "80")
    assert document["reference"]["ul_mg"] == 65
    assert document["supplemental_mg"] == pytest.approx(10.0)
    assert document["total_mg"] == pytest.approx(90.0)
    assert document["percent_ul"] == pytest.approx(100 * 10 / 65)
    assert document["above_ul"] is False
    assert document["percent_rda"] == pytest.approx(100 * 90 / 80)
    assert document["meets_rda"] is True


def test_toddler_above_ul() -> None:
    document = check_json("70", "mg", "glycinate", "--elemental", "--age", "2")
    assert document["above_ul"] is True
    assert document["percent_ul"] == pytest.approx(100 * 70 / 65)
    assert "ul_basis" in [note["key"] for note in document["notes"]]


def test_json_contract() -> None:
    document = check_json(
        "200", "mg", "glycinate", "--elemental", "2x", "250", "mg", "citrate",
        "--age", "34", "--sex", "female",
    )  # fmt: skip
    keys = ["items", "total", "disclaimer", "person", "reference", "supplemental_mg", "diet_mg"]
    keys += ["total_mg", "percent_rda", "percent_ul", "above_ul", "notes"]
    for key in keys:
        assert key in document
    for key in ("standard", "rda_mg", "rda_kind", "ul_mg", "sources"):
        assert key in document["reference"]
    assert document["person"] == {
        "age_years": 34.0, "sex": "female", "life_stage": "none", "kidney": False,
    }  # fmt: skip
    assert document["supplemental_mg"] == pytest.approx(700.0)
    assert document["diet_mg"] is None
    assert "at least" in document["total_scope"]
    assert document["percent_ul"] == pytest.approx(200.0)
    assert document["percent_rda"] == pytest.approx(100 * 700 / 320)
    assert document["above_ul"] is True
    for note in document["notes"]:
        assert note["text"]
        assert note["source"]


def test_sex_needed_but_missing_shows_both_values() -> None:
    document = check_json("100", "mg", "elemental", "oxide", "--age", "30")
    assert document["reference"]["rda_mg"] is None
    assert document["reference"]["rda_by_sex"] == {"female": 310, "male": 400}
    assert document["percent_rda"] is None
    assert document["reference"]["ul_mg"] == 350
    result = run("check", "100", "mg", "elemental", "oxide", "--age", "30")
    assert "310 mg (female), 400 mg (male)" in result.stdout


def test_sex_not_needed_for_children() -> None:
    document = check_json("100", "mg", "elemental", "oxide", "--age", "6")
    assert document["reference"]["rda_mg"] == 130


def test_sex_letters_are_accepted() -> None:
    assert check_json("1", "mg", "oxide", "--age", "30", "--sex", "F")["person"]["sex"] == "female"
    assert check_json("1", "mg", "oxide", "--age", "30", "--sex", "m")["person"]["sex"] == "male"


def test_kidney_note() -> None:
    document = check_json("100", "mg", "oxide", "--age", "70", "--sex", "m", "--kidney")
    notes = {note["key"]: note for note in document["notes"]}
    assert "kidney" in notes
    assert "nap.edu" in notes["kidney"]["source"]


@pytest.mark.parametrize(("amount", "code"), [("350", 0), ("350.01", 3), ("351", 3), ("100", 0)])
def test_exit_code_above_ul(amount: str, code: int) -> None:
    result = run(
        "check", amount, "mg", "elemental", "oxide", "--age", "40", "--sex", "f", "--exit-code"
    )
    assert result.exit_code == code, result.stderr


def test_without_exit_code_flag_above_ul_exits_zero() -> None:
    assert run("check", "900", "mg", "elemental", "oxide", "--age", "40").exit_code == 0


def test_table_shows_gauges_units_and_disclaimer() -> None:
    result = run("check", "400", "mg", "oxide", "--age", "16", "--sex", "female", "--pregnant")
    assert result.exit_code == 0
    out = result.stdout
    assert "UL 350 mg" in out
    assert "RDA 400 mg" in out
    assert "█" in out
    assert "mmol" in out
    assert "mEq" in out
    assert "Educational only: mgcalc does not diagnose or prescribe." in out


@pytest.mark.parametrize("width", [40, 80, 160])
def test_sources_and_notes_wrap_between_words_with_whole_addresses(width: int) -> None:
    result = CliRunner().invoke(
        cli, ["check", "400", "mg", "oxide", "--age", "40", "--sex", "male", "--sources"],
        env={"COLUMNS": str(width)},
    )  # fmt: skip
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    _, notes = build_reference_data(read_toml(data_path("reference.toml")), "reference.toml")
    split_note = notes["split"]
    text = " ".join(line.strip() for line in lines)
    assert f"source: {split_note.source}" in text
    assert split_note.text in text
    addresses = re.findall(r"https?://\S+", split_note.source)
    assert addresses
    for address in addresses:  # never broken, even where wider than the width
        assert any(address in line for line in lines)
    for line in lines:
        assert len(line) <= width or len(line.split()) == 1, line
    assert text.endswith("Ask a clinician.")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_in_a_terminal_sources_and_notes_wrap_between_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mgcalc.cli import cli

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")  # no colour codes: plain text to compare
    cli.main(["check", "400", "mg", "oxide", "--age", "40", "--sources"], standalone_mode=False)
    lines = terminal.getvalue().splitlines()
    assert all(len(line) <= 100 or len(line.split()) == 1 for line in lines)  # or an address
    text = " ".join(lines)
    assert "Educational only: mgcalc does not diagnose or prescribe" in text
    last_words = [line.split()[-1] for line in lines if line.strip()]
    assert "clini" not in last_words  # wrapped between words, never inside one
    assert lines[-1].endswith("Ask a clinician.")


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["--age", "30", "--sex", "male", "--pregnant"], 1, "females only"),
        (["--age", "5", "--lactating"], 1, "ages 10 to under 60"),
        (["--age", "9", "--pregnant"], 1, "ages 10 to under 60"),
        (["--age", "60", "--pregnant"], 1, "ages 10 to under 60"),
        (["--age", "55", "--pregnant"], 1, "nih gives no pregnant value for 51 years and older"),
        (["--age", "52", "--lactating"], 1, "no lactating value for 51 years and older"),
        (["--age", "30", "--pregnant", "--lactating"], 1, "choose one"),
        (["--age", "-1"], 1, "above 0"),
        (["--age", "0"], 1, "above 0"),
        (["--age", "130"], 1, "above 120"),
        (["--age", "nan"], 1, "not a finite number"),
        (["--age", "inf"], 1, "not a finite number"),
        (["--age-months", "0"], 1, "above 0"),
        (["--age", "3", "--age-months", "3"], 2, "not both"),
        ([], 2, "--age"),
        (["--age", "30", "--sex", "x"], 2, "--sex"),
        (["--age", "30", "--diet", "-5"], 1, "--diet"),
        (["--age", "30", "--diet", "nan"], 1, "--diet"),
        (["--age", "30", "--standard", "who"], 2, "--standard"),
    ],
)
def test_impossible_persons(args: list[str], code: int, fragment: str) -> None:
    assert_one_line_error(run("check", "100", "mg", "oxide", *args), code, fragment)


@settings(max_examples=40, deadline=None)
@given(
    st.floats(min_value=1, max_value=2000),
    st.floats(min_value=1, max_value=2000),
    st.floats(min_value=0, max_value=3000),
)
def test_percent_ul_is_monotonic_and_ignores_diet(low: float, high: float, diet: float) -> None:
    low, high = sorted((low, high))
    base = ["mg", "elemental", "oxide", "--age", "40", "--sex", "f"]
    a = check_json(repr(low), *base)
    b = check_json(repr(high), *base, "--diet", repr(diet))
    assert a["percent_ul"] <= b["percent_ul"]
    assert b["percent_ul"] == pytest.approx(100 * high / 350)
    assert b["total_mg"] == pytest.approx(high + diet)


# mgcalc reference


def test_reference_json_has_both_tables_and_sources() -> None:
    document = run_json("reference", "--standard", "efsa", "--age", "12", "--sex", "female")
    assert document["standard"] == "efsa"
    assert [row["female"] for row in document["intake"]] == [r[3] for r in EFSA_INTAKE]
    assert [row["ul_mg"] for row in document["ul"]] == [r[2] for r in EFSA_UL]
    assert document["selected"]["rda_mg"] == 250
    assert document["selected"]["ul_mg"] == 250
    assert all(row["source"] for row in document["intake"] + document["ul"])


def test_reference_table_marks_the_persons_rows() -> None:
    result = run("reference", "--age", "45", "--sex", "male")
    assert result.exit_code == 0
    marked = [line for line in result.stdout.splitlines() if line.strip().startswith("▶")]
    assert len(marked) == 2
    assert "31-50 years" in marked[0]
    assert "9 years and older" in marked[1]


def test_reference_without_person() -> None:
    document = run_json("reference")
    assert document["selected"] is None
    assert [row["male"] for row in document["intake"]] == [r[4] for r in NIH_INTAKE]


# The data file itself


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (("to_age = 4\nlabel = \"1-3 years\"\nkind", "to_age = 3\nlabel = \"1-3 years\"\nkind"),
         "a gap"),
        (("from_age = 4\nto_age = 9\nlabel = \"4-8 years\"\nkind",
          "from_age = 3\nto_age = 9\nlabel = \"4-8 years\"\nkind"), "an overlap"),
        (("male = 420\nsource", "male = \"lots\"\nsource"), "male must be a number"),
        (("kind = \"RDA\"", "kind = \"DV\""), "must be 'RDA' or 'AI'"),
        (("ul = 65", "ul = -65"), "must not be negative"),
    ],
)  # fmt: skip
def test_malformed_reference_file(tmp_path: Path, change: tuple[str, str], fragment: str) -> None:
    text = Path(data_path("reference.toml")).read_text(encoding="utf-8")
    assert change[0] in text
    path = tmp_path / "reference.toml"
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(DataFileError, match=fragment) as caught:
        build_reference_data(read_toml(str(path)), str(path))
    assert str(path) in caught.value.message


# mgcalc plan

MG = 24.305
GLYCINATE = MG + 2 * (2 * 12.011 + 4 * 1.008 + 14.007 + 2 * 15.999)


def test_plan_tablets() -> None:
    document = run_json("plan", "300", "mg", "glycinate", "--unit", "500mg")
    compound = 300 * GLYCINATE / MG
    assert document["target"]["compound_mg"] == pytest.approx(compound, rel=1e-12)
    assert document["exact_units"] == pytest.approx(compound / 500, rel=1e-12)
    assert document["whole_units"] == 4
    assert document["delivered_elemental_mg"] == pytest.approx(2000 * MG / GLYCINATE, rel=1e-12)
    assert document["delivered_elemental_meq"] == pytest.approx(2 * 2000 / GLYCINATE, rel=1e-12)
    assert document["intakes"] == [4]
    assert document["check"] is None


def test_plan_elemental_unit_split_and_check() -> None:
    document = run_json(
        "plan", "450", "mg", "citrate:nonahydrate", "--unit", "150 mg elemental", "--split", "2",
        "--age", "40", "--sex", "male",
    )  # fmt: skip
    assert document["whole_units"] == 3
    assert document["delivered_elemental_mg"] == pytest.approx(450.0)
    assert document["intakes"] == [2, 1]
    assert document["check"]["supplemental_mg"] == pytest.approx(450.0)
    assert document["check"]["above_ul"] is True


HYDROXIDE = MG + 2 * (15.999 + 1.008)


@pytest.mark.parametrize("unit", ["5 mL hydroxide@400mg/5mL", "1 tsp hydroxide@80mg/mL"])
def test_plan_counts_doses_of_a_solution(unit: str) -> None:
    # one 5 mL dose of a suspension at 80 mg/mL holds 400 mg of the compound
    document = run_json("plan", "800", "mg", "hydroxide", "--unit", unit)
    compound = 800 * HYDROXIDE / MG
    assert document["exact_units"] == pytest.approx(compound / 400, rel=1e-12)
    assert document["whole_units"] == 5
    assert document["delivered_elemental_mg"] == pytest.approx(2000 * MG / HYDROXIDE, rel=1e-12)


def test_plan_table() -> None:
    result = run("plan", "300", "mg", "glycinate", "--unit", "500mg")
    assert result.exit_code == 0
    assert "Units, nearest whole number" in result.stdout
    assert "4.26" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["300", "mg", "glycinate"], 2, "--unit"),
        (["300", "mg", "glycinate", "--unit", "ml"], 2, "--unit"),
        (["300", "mg", "glycinate", "--unit", "5 ml"], 1, "needs a concentration"),
        (["300", "mg", "glycinate", "--unit", "2 mmol"], 1, "give the weight of one unit"),
        (["300", "mg", "citrate", "--unit", "400 mg oxide"], 1, "names oxide, not the target's"),
        (["300", "mg", "citrate", "--unit", "2x 400 mg"], 1, "give the weight of one unit"),
        (["300", "mg", "citrate", "--unit", "5 mL citrate@50%"], 1, "bare percent"),
        (["300", "mg", "glycinate", "--unit", "0mg"], 1, "greater than zero"),
        (["300", "mg", "glycinate", "--unit", "1mg"], 1, "more than 100"),
        (["300", "mg", "glycinate", "--unit", "500mg", "--split", "9"], 1, "--split"),
        (["300", "mg", "glycinate", "1", "g", "oxide", "--unit", "500mg"], 2, "one target"),
    ],
)
def test_plan_errors(args: list[str], code: int, fragment: str) -> None:
    assert_one_line_error(run("plan", *args), code, fragment)


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_in_a_terminal_no_color_turns_colour_off(
    monkeypatch: pytest.MonkeyPatch, no_color: str | None, coloured: bool
) -> None:
    from mgcalc.cli import cli

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("TERM", "xterm-256color")
    if no_color is not None:
        monkeypatch.setenv("NO_COLOR", no_color)
    cli.main(["check", "400", "mg", "oxide", "--age", "40", "--sources"], standalone_mode=False)
    assert _colour_codes(terminal.getvalue()) is coloured
    assert "\x1b[" in terminal.getvalue()  # bold, dim and italic stay (no-color.org)


def _colour_codes(text: str) -> bool:
    """Whether any ANSI select-graphic-rendition sequence in text sets a colour."""
    for codes in re.findall(r"\x1b\[([\d;]*)m", text):
        numbers = [int(code) for code in codes.split(";") if code]
        if any(30 <= n <= 49 or 90 <= n <= 107 for n in numbers):
            return True
    return False


# Magnesium given IV or IM: listed, reported apart, compared with nothing

SULFATE_HEPTAHYDRATE = MG + 32.06 + 4 * 15.999 + 7 * (2 * 1.008 + 15.999)
OXIDE = MG + 15.999


@pytest.mark.parametrize(
    "injection",
    [
        ["4", "g", "sulfate", "IV"],
        ["4", "g", "IV", "sulfate"],
        ["4", "g", "magnesium", "sulfate", "intravenous"],
        ["4", "g", "sulfate:heptahydrate", "im"],
        ["40", "mL", "sulfate@100mg/mL", "IV"],
    ],
)
def test_injections_are_reported_apart(injection: list[str]) -> None:
    document = run_json("check", *injection, "400", "mg", "oxide", "--age", "40", "--sex", "f")
    assert document["parenteral_mg"] == pytest.approx(4000 * MG / SULFATE_HEPTAHYDRATE, rel=1e-12)
    assert document["supplemental_mg"] == pytest.approx(400 * MG / OXIDE, rel=1e-12)
    assert document["ul_counted_mg"] == pytest.approx(400 * MG / OXIDE, rel=1e-12)
    assert [item["route"] for item in document["items"]] in (["IV", "oral"], ["IM", "oral"])
    assert document["above_ul"] is False
    assert document["notes"][0]["key"] == "parenteral"


def test_an_injection_alone_changes_no_verdict_or_exit_status() -> None:
    args = ["check", "10", "g", "sulfate", "IV", "--age", "40", "--sex", "f", "--kidney"]
    result = run(*args, "--exit-code")
    assert result.exit_code == 0, result.stderr
    assert "Given IV/IM" in result.stdout
    assert "By mouth, per day" in result.stdout
    document = run_json(*args)
    assert document["supplemental_mg"] == 0
    assert document["parenteral_mg"] == pytest.approx(10000 * MG / SULFATE_HEPTAHYDRATE)
    oral = run_json("check", "400", "mg", "oxide", "--age", "40", "--sex", "f")
    assert oral["parenteral_mg"] == 0
    assert "parenteral" not in [note["key"] for note in oral["notes"]]


@pytest.mark.parametrize(
    ("input_format", "rows"),
    [
        ("csv", "amount,unit,form,route\n4,g,sulfate,IV\n400,mg,oxide,oral\n"),
        ("jsonl", '{"amount": 4, "unit": "g", "form": "sulfate", "route": "iv"}\n'
                  '{"amount": 400, "unit": "mg", "form": "oxide"}\n'),
    ],
)  # fmt: skip
def test_route_from_files(input_format: str, rows: str) -> None:
    result = run("check", "--input", "-", "--input-format", input_format, "--age", "40",
                 "--sex", "f", "--format", "json", input=rows)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["parenteral_mg"] == pytest.approx(4000 * MG / SULFATE_HEPTAHYDRATE)
    assert document["supplemental_mg"] == pytest.approx(400 * MG / OXIDE)


def test_route_from_python() -> None:
    day = mgcalc.check(
        [mgcalc.item(4, "g", "sulfate", route="IV"), "400 mg oxide"], age=40, sex="f"
    )
    assert day.parenteral_mg == pytest.approx(4000 * MG / SULFATE_HEPTAHYDRATE)
    assert day.supplemental.elemental_mg == pytest.approx(400 * MG / OXIDE)


def test_unknown_route_is_refused() -> None:
    result = run("check", "--input", "-", "--input-format", "csv", "--age", "40",
                 input="amount,unit,form,route\n1,g,oxide,sublingual\n")  # fmt: skip
    assert result.exit_code == 4
    assert "line 2: route 'sublingual': use oral, IV or IM" in result.stderr


def test_plan_for_an_injection_says_it_is_compared_with_nothing() -> None:
    document = run_json("plan", "400", "mg", "sulfate", "IV", "--unit", "10 mL sulfate@50%w/v",
                        "--age", "40", "--sex", "f")  # fmt: skip
    assert document["whole_units"] == 1
    assert any("given IV" in note for note in document["notes"])
    assert document["check"]["parenteral_mg"] == pytest.approx(5000 * MG / SULFATE_HEPTAHYDRATE)
    assert document["check"]["above_ul"] is False


@pytest.mark.parametrize("diet", ["250", "250mg", "250 mg", " 250 MG", "250.0mg"])
def test_diet_in_mg_with_or_without_its_unit(diet: str) -> None:
    document = run_json("check", "300", "mg", "elemental", "oxide", "--age", "40", "--sex", "f",
                        "--diet", diet, "--fortified", diet)  # fmt: skip
    assert document["diet_mg"] == 250
    assert document["fortified_mg"] == 250
    assert document["total_mg"] == pytest.approx(800)


@pytest.mark.parametrize("diet", ["250 g", "0.25g", "mg", "250 mmol", "lots"])
def test_diet_in_another_unit_is_refused(diet: str) -> None:
    result = run("check", "300", "mg", "oxide", "--age", "40", "--diet", diet)
    assert_one_line_error(result, 2, "--diet", "is not an amount in mg")


def test_short_options() -> None:
    assert run("-V").stdout == run("--version").stdout
    assert run("-V").stdout.startswith("mgcalc ")
    # '-inf' stays an amount (refused as one): no short option may take it apart
    assert "not a finite number" in run("convert", "-inf", "mg", "oxide").stderr
    plan = run_json("plan", "300", "mg", "oxide", "--unit", "400mg", "--age", "40", "--sex", "f",
                    "--diet", "100mg")  # fmt: skip
    assert plan["check"]["diet_mg"] == 100
