"""Items from files and stdin: formats, encodings, line numbers, and no row ever lost."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import assert_one_line_error, run, run_json

MG, O = 24.305, 15.999
OXIDE = MG + O
GLYCINATE = MG + 2 * (2 * 12.011 + 4 * 1.008 + 14.007 + 2 * O)


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_item_lines_from_stdin_to_jsonl() -> None:
    stdin = "500 mg glycinate\n# a comment\n\n1 g oxide  # trailing comment\n"
    result = run("convert", "--input", "-", "--format", "jsonl", input=stdin)
    assert result.exit_code == 0, result.stderr
    first, second = jsonl(result.stdout)
    assert (first["type"], first["line"], first["form"]) == ("item", 1, "glycinate")
    assert first["elemental_mg"] == pytest.approx(500 * MG / GLYCINATE, rel=1e-12)
    assert (second["line"], second["form"]) == (4, "oxide")
    assert second["elemental_mg"] == pytest.approx(1000 * MG / OXIDE, rel=1e-12)


def test_csv_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "doses.csv"
    path.write_bytes(
        b"\xef\xbb\xbfamount,unit,form,variant,servings,label\r\n"
        b"400,mg,oxide,,2,Mag-Ox 400\r\n"
        b"1.5,g,citrate,nonahydrate,,\r\n"
    )
    result = run("convert", "--input", str(path), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert "\r" not in result.stdout
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["line"] for row in rows] == ["2", "3"]
    assert rows[0]["label"] == "Mag-Ox 400"
    assert float(rows[0]["elemental_mg"]) == pytest.approx(800 * MG / OXIDE, rel=1e-12)
    assert rows[1]["variant"] == "nonahydrate"


def test_jsonl_input(tmp_path: Path) -> None:
    path = tmp_path / "doses.jsonl"
    path.write_text(
        '{"amount": 350, "unit": "mg", "form": "oxide", "elemental": true}\n'
        '{"amount": "250", "unit": "mg", "form": "glycinate", "percent": 20}\n',
        encoding="utf-8",
    )
    document = run_json("convert", "--input", str(path))
    first, second = document["items"]
    assert first["compound_mg"] == pytest.approx(350 * OXIDE / MG, rel=1e-12)
    assert second["elemental_mg"] == pytest.approx(50.0)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"amount,unit\n1,mg\n", "lacks form"),
        (b"amount,unit,form,colour\n1,mg,oxide,red\n", "unknown CSV column 'colour'"),
        (b"amount,unit,form,unit\n1,mg,oxide,mg\n", "appears twice"),
        (b"\xff\xfeamount,unit,form\n", "line 1: not valid UTF-8"),
    ],
)
def test_bad_csv_header(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    assert_one_line_error(run("convert", "--input", str(path)), 1, fragment)


def test_bad_rows_are_reported_by_line_and_good_rows_still_come_out(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"amount,unit,form\n"
        b"400,mg,oxide\n"
        b"400,mg,glycinat\n"
        b"400,mg,oxide,extra\n"
        b"\xff\xfe,mg,oxide\n"
        b"-1,mg,oxide\n"
        b"1,g,oxide\n"
    )
    result = run("convert", "--input", str(path), "--format", "csv")
    assert result.exit_code == 4
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["line"] for row in rows] == ["2", "7"]
    errors = result.stderr.splitlines()
    assert errors[0] == (
        "mgcalc: error: line 3: unknown form or food 'glycinat' (did you mean 'glycinate' "
        "(magnesium bisglycinate (glycinate))?); 'mgcalc forms' lists the forms, "
        "'mgcalc foods WORDS' searches the foods"
    )
    assert errors[1].startswith("mgcalc: error: line 4: 4 fields, but the header has 3")
    assert errors[2] == "mgcalc: error: line 5: not valid UTF-8"
    assert errors[3].startswith("mgcalc: error: line 6: amount '-1' must be greater than zero")
    assert errors[4] == "mgcalc: error: 4 input row(s) failed; 2 converted (see the lines above)"
    assert "Traceback" not in result.stderr


def test_strict_stops_at_the_first_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text("400 mg oxide\n5 ml oxide\n1 g oxide\n", encoding="utf-8")
    result = run("convert", "--input", str(path), "--strict", "--format", "json")
    # The document streams: it stops where the bad row stopped it, as csv and jsonl do.
    assert result.exit_code == 1
    assert result.stdout.startswith('{\n  "items": [\n    {\n      "line": 1,')
    assert '"line": 3' not in result.stdout
    assert result.stderr.startswith("mgcalc: error: line 2: a volume (mL) needs a concentration")
    assert len(result.stderr.splitlines()) == 1


def test_a_mistake_among_command_line_items_stops_them_before_any_output() -> None:
    result = run("convert", "1", "g", "oxide", "1", "g", "unobtainium", "--format", "json")
    assert_one_line_error(result, 1, "unknown form or food 'unobtainium'")


def test_overlong_line_is_one_error_and_the_rest_survives(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(b"400 mg oxide\n" + b"9" * (3 << 20) + b" mg oxide\n1 g oxide\n")
    result = run("convert", "--input", str(path), "--format", "jsonl")
    assert result.exit_code == 4
    assert [row["line"] for row in jsonl(result.stdout)] == [1, 3]
    assert "line 2: line longer than 1048576 bytes" in result.stderr


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("[1, 2]", "expected a JSON object, got int"),  # an array: its values, one by one
        ("[[1]]", "expected a JSON object, got list"),
        ('{"amount": 1, "unit": "mg"}', "missing form"),
        ('{"amount": 1, "unit": "mg", "form": "oxide", "color": 1}', "unknown key 'color'"),
        ('{"amount": NaN, "unit": "mg", "form": "oxide"}', "NaN is not a finite number"),
        ('{"amount": 1e400, "unit": "mg", "form": "oxide"}', "amount is not a finite number"),
        ('{"amount": [1], "unit": "mg", "form": "oxide"}', "amount must be a string or a number"),
        ("{not json", "invalid JSON"),
    ],
)
def test_bad_jsonl_rows(line: str, fragment: str) -> None:
    result = run("convert", "--input", "-", "--input-format", "jsonl", input=line + "\n")
    assert result.exit_code == 4
    assert f"line 1: {fragment}" in result.stderr.splitlines()[0]


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["--input", "/nonexistent/doses.csv"], 1, "no such file"),
        (["--input", "/"], 1, "is a directory"),
        (["--input", "-", "500", "mg", "oxide"], 2, "not both"),
        (["500", "mg", "oxide", "--input-format", "csv"], 2, "needs --input"),
    ],
)
def test_input_usage_errors(args: list[str], code: int, fragment: str) -> None:
    assert_one_line_error(run("convert", *args, input=""), code, fragment)


GOOD_LINES = st.sampled_from(
    ["500 mg glycinate", "1 g citrate:nonahydrate", "2x 400 mg oxide", "20 mEq chloride",
     "250 mg elemental glycinate", "300 mg glycinate@18%"]
)  # fmt: skip
BAD_LINES = st.sampled_from(
    ["500 mg glycinat", "5 ml oxide", "-3 mg oxide", "0 mg oxide", "nan mg oxide", "500 mg",
     "1,5 g oxide", "mg oxide", "2 kg oxide", "0x 1 mg oxide", "500 mg oxide@0%", "1e400 mg oxide"]
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.booleans(), GOOD_LINES, BAD_LINES), min_size=1, max_size=25))
def test_no_row_is_ever_lost(rows: list[tuple[bool, str, str]]) -> None:
    lines = [good if is_good else bad for is_good, good, bad in rows]
    result = run("convert", "--input", "-", "--format", "jsonl", input="\n".join(lines) + "\n")
    out = jsonl(result.stdout)
    errors = [e for e in result.stderr.splitlines() if e.startswith("mgcalc: error: line ")]
    assert len(out) + len(errors) == len(lines)
    expected_good = [n for n, (is_good, _, _) in enumerate(rows, start=1) if is_good]
    assert [row["line"] for row in out] == expected_good
    assert result.exit_code == (0 if len(expected_good) == len(lines) else 4)
    for row in out:
        (alone,) = run_json("convert", *lines[row["line"] - 1].split())["items"]
        assert row["elemental_mg"] == alone["elemental_mg"]
        assert row["compound_mg"] == alone["compound_mg"]


def test_first_output_line_comes_before_the_input_ends() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "mgcalc", "convert", "--input", "-", "--format", "jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write("500 mg glycinate\n")
    process.stdin.flush()
    first = json.loads(process.stdout.readline())  # would hang if output waited for EOF
    assert first["line"] == 1
    process.stdin.write("1 g oxide\n")
    process.stdin.close()
    second = json.loads(process.stdout.readline())
    assert second["line"] == 2
    assert process.wait(timeout=30) == 0
    process.stdout.close()


def test_no_stdin_read_without_dash() -> None:
    # With no --input, mgcalc must not wait on stdin (cron and CI have none).
    result = subprocess.run(
        [sys.executable, "-m", "mgcalc", "convert"],
        stdin=subprocess.PIPE,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "give at least one item" in result.stderr


# check with files


def test_check_with_csv_input_and_jsonl_summary(tmp_path: Path) -> None:
    path = tmp_path / "day.csv"
    path.write_text("amount,unit,form,elemental\n200,mg,glycinate,true\n250,mg,oxide,yes\n")
    result = run("check", "--input", str(path), "--age", "60", "--sex", "male", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    *items, summary = jsonl(result.stdout)
    assert [item["type"] for item in items] == ["item", "item"]
    assert summary["type"] == "summary"
    assert summary["supplemental_mg"] == pytest.approx(450.0)
    assert summary["above_ul"] is True
    assert "items" not in summary


def test_regimen_file(tmp_path: Path) -> None:
    document = run_json("check", "--regimen", "examples/regimen.toml")
    assert document["person"]["age_years"] == 60
    assert document["diet_mg"] == 250
    assert document["supplemental_mg"] == pytest.approx(400 * MG / OXIDE + 200, rel=1e-12)
    assert document["items"][0]["label"] == "Magnesium oxide tablet"
    override = run_json("check", "--regimen", "examples/regimen.toml", "--age", "30", "--sex", "f")
    assert override["reference"]["rda_mg"] == 310


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[person]\nage = \n", "invalid TOML"),
        ("[person]\nage = \"sixty\"\n", "person.age must be a number"),
        ("[person]\nage = 60\nsex = \"x\"\n", "person.sex"),
        ("[person]\nage = 60\npregnant = \"no\"\n", "person.pregnant must be true or false"),
        ("[person]\nage = 60\n[[items]]\namount = 1\nform = \"oxide\"\n", "items[0]: missing unit"),
        ("[person]\nage = 60\n[[items]]\namount = 1\nunit = \"ml\"\nform = \"oxide\"\n",
         "items[0]: a volume (mL) needs a concentration"),
        ("colour = 1\n", "unknown key 'colour'"),
        ("standard = \"who\"\n", "standard must be"),
    ],
)  # fmt: skip
def test_regimen_mistakes_name_file_and_key(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "regimen.toml"
    path.write_text(text, encoding="utf-8")
    result = run("check", "--regimen", str(path))
    assert_one_line_error(result, 1, str(path), fragment)


def test_regimen_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "regimen.toml"
    path.write_text("[person]\nage = 60\nsex = \n", encoding="utf-8")
    assert_one_line_error(run("check", "--regimen", str(path)), 1, "line 3")
