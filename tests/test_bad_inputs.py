"""The catalogue of bad inputs: every command, every input path.

Each single call must exit with its code from the README's table, print exactly one
line on stderr that says what is wrong, print nothing on stdout, and never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from helpers import assert_one_line_error, run


class Bad(NamedTuple):
    args: list[str]
    code: int
    fragment: str
    files: dict[str, bytes] = {}  # noqa: RUF012 - never mutated; a file name -> its bytes


GOOD_FORM = (
    b'[forms.x]\nname = "x"\ndefault_variant = "a"\nnote = "n"\nsources = ["s"]\n'
    b"[forms.x.variants.a]\n"
)
REGIMEN_HEAD = b"[person]\nage = 40\n"

CATALOGUE: dict[str, Bad] = {
    # amounts
    "negative amount": Bad(["-5", "mg", "oxide"], 1, "greater than zero"),
    "zero amount": Bad(["0", "mg", "oxide"], 1, "greater than zero"),
    "NaN amount": Bad(["nan", "mg", "oxide"], 1, "not a finite number"),
    "inf amount": Bad(["inf", "mg", "oxide"], 1, "not a finite number"),
    "-inf amount": Bad(["-inf", "mg", "oxide"], 1, "not a finite number"),
    "1e400 amount": Bad(["1e400", "mg", "oxide"], 1, "too large"),
    "underscore amount": Bad(["1_000", "mg", "oxide"], 1, "without '_'"),
    "empty amount": Bad(["", "mg", "oxide"], 2, "expected an amount"),
    "decimal comma": Bad(
        ["0,5", "g", "oxide"], 1, "(0.5 with a decimal comma or 05 with a thousands separator)"
    ),
    "thousands comma": Bad(
        ["1,000", "mg", "oxide"], 1, "(1.000 with a decimal comma or 1000 with a thousands"
    ),
    "gr is ambiguous": Bad(["5", "gr", "oxide"], 1, "grains (64.8 mg) in pharmacy and grams"),
    "label line without an amount": Bad(
        ["Magnesium (as magnesium citrate)"], 2, "no amount of magnesium in the line"
    ),
    "label line of an excipient": Bad(["Magnesium stearate 5 mg"], 1, "is an excipient"),
    "label line in mL": Bad(["Magnesium 5 mL"], 1, "a volume (mL) needs a concentration"),
    "front of pack of an unknown compound": Bad(
        ["Magnesium unobtainium 5 mg"], 1, "unknown form or food 'unobtainium'"
    ),
    "name that is no form": Bad(["5", "mg", "citrate", "nonahydrat"], 1, "unknown form"),
    "plain magnesium counted": Bad(["2", "tablet", "magnesium"], 1, "counts a product's units"),
    "word amount": Bad(["five", "mg", "oxide"], 2, "expected an amount, got 'five'"),
    "absurd amount": Bad(["2", "kg", "oxide"], 1, "more than 1 kg per serving"),
    "absurd clinical amount": Bad(["50000", "mmol", "oxide"], 1, "more than 1 kg"),
    # units
    "unit missing": Bad(["500"], 2, "missing a unit"),
    "unit missing before form": Bad(["500", "oxide"], 1, "unknown unit 'oxide'"),
    "unknown unit": Bad(["500", "furlongs", "oxide"], 1, "unknown unit 'furlongs'"),
    "volume without a concentration": Bad(["5", "ml", "oxide"], 1, "needs a concentration"),
    "teaspoon without a concentration": Bad(["1", "tsp", "epsom"], 1, "needs a concentration"),
    "bare percent on a volume": Bad(["10", "mL", "sulfate@50%"], 1, "a bare percent is"),
    "concentration on a weight": Bad(["1", "g", "sulfate@500mg/mL"], 1, "goes with a volume"),
    "concentration unreadable": Bad(["10", "mL", "sulfate@500/mL"], 1, "write it as 500mg/mL"),
    "concentration per weight": Bad(["10", "mL", "sulfate@500mg/g"], 1, "a weight per volume"),
    "liquid product by weight": Bad(["5", "g", "milk-of-magnesia"], 1, "measured by volume"),
    "tablet product by volume": Bad(["5", "mL", "mag-ox-400"], 1, "counted in tablets"),
    "route with no form": Bad(["4", "g", "IV"], 2, "is missing a form"),
    "percent on magnesium itself": Bad(["5", "mg", "magnesium@5%"], 1, "needs the compound"),
    "energy unit": Bad(["5", "kcal", "oxide"], 1, "is an energy"),
    "IU": Bad(["400", "IU", "oxide"], 1, "is an activity"),
    "zero-width space in unit": Bad(["500", "mg\u200b", "oxide"], 1, "unknown unit 'mg\\u200b'"),
    "multiplication sign alone": Bad(["×", "500", "mg", "oxide"], 2, "expected an amount"),
    "ratio unit": Bad(["5", "mg/g", "oxide"], 1, "not a mass"),
    "count unit for a form": Bad(["2", "capsules", "oxide"], 1, "give a weight"),
    # forms and variants
    "misspelt form": Bad(["500", "mg", "glycinat"], 1, "did you mean 'glycinate'"),
    "unknown form": Bad(["500", "mg", "unobtainium"], 1, "unknown form or food 'unobtainium'"),
    "unknown variant": Bad(["500", "mg", "citrate:decahydrate"], 1, "unknown variant"),
    "variant of an alias": Bad(["500", "mg", "epsom:anhydrous"], 1, "sulfate:anhydrous"),
    "variant without form": Bad(["500", "mg", ":nonahydrate"], 2, "expected a form"),
    "form missing": Bad(["500", "mg"], 2, "missing a form"),
    "empty percent": Bad(["500", "mg", "oxide@"], 1, "percentage"),
    "percent above 100": Bad(["500", "mg", "oxide@150%"], 1, "at most 100"),
    "percent zero": Bad(["500", "mg", "glycinate@0%"], 1, "percentage"),
    # servings
    "zero servings": Bad(["0x", "500", "mg", "oxide"], 1, "servings '0x'"),
    "negative servings": Bad(["-1x", "500", "mg", "oxide"], 1, "servings '-1x'"),
    "fractional servings": Bad(["1.5x", "500", "mg", "oxide"], 1, "whole number"),
    "billion servings": Bad(["1000000000x", "500", "mg", "oxide"], 1, "from 1 to 100"),
    "servings with two signs": Bad(["++4x", "500", "mg", "oxide"], 1, "servings '++4x'"),
    # command line
    "unknown option": Bad(["500", "mg", "oxide", "--bogus"], 2, "No such option '--bogus'"),
    "no items": Bad(["convert"], 2, "give at least one item"),
    "only a flag": Bad(["convert", "--explain"], 2, "give at least one item"),
    "unknown format": Bad(["500", "mg", "oxide", "--format", "xml"], 2, "--format"),
    "input format without input": Bad(["500", "mg", "oxide", "--input-format", "csv"], 2, "needs"),
    "items and input": Bad(["convert", "--input", "-", "1", "g", "oxide"], 2, "not both"),
    "unknown command word": Bad(["frobnicate"], 2, "expected an amount, got 'frobnicate'"),
    # files
    "missing input file": Bad(["convert", "--input", "/nonexistent/doses.csv"], 1, "no such file"),
    "directory as input": Bad(["convert", "--input", "/"], 1, "is a directory"),
    "unreadable input": Bad(["convert", "--input", "/etc/passwd/doses"], 1, "cannot read"),
    "CSV missing column": Bad(
        ["convert", "--input", "{tmp}/a.csv"], 1, "lacks form", {"a.csv": b"amount,unit\n1,mg\n"}
    ),
    "CSV unknown column": Bad(
        ["convert", "--input", "{tmp}/a.csv"],
        1,
        "unknown CSV column 'brand'",
        {"a.csv": b"amount,unit,form,brand\n1,mg,oxide,x\n"},
    ),
    "CSV header not UTF-8": Bad(
        ["convert", "--input", "{tmp}/a.csv"], 1, "not valid UTF-8", {"a.csv": b"\xff\xfe,a\n"}
    ),
    "CSV bad row with --strict": Bad(
        ["convert", "--input", "{tmp}/a.csv", "--strict"],
        1,
        "line 3: a volume (mL) needs a concentration",
        {"a.csv": b"amount,unit,form\n1,g,oxide\n5,ml,oxide\n"},
    ),
    "JSON lines non-object with --strict": Bad(
        ["convert", "--input", "{tmp}/a.jsonl", "--strict"],
        1,
        "expected a JSON object",
        {"a.jsonl": b"[1, 2]\n"},
    ),
    # forms
    "forms: unknown form": Bad(["forms", "glycinat"], 1, "did you mean"),
    "forms: unknown variant": Bad(["forms", "citrate:dodecahydrate"], 1, "unknown variant"),
    "forms: bad format": Bad(["forms", "--format", "csv"], 2, "--format"),
    "forms file: bad formula": Bad(
        ["forms", "--forms", "{tmp}/f.toml"],
        1,
        "forms.x.variants.a.formula",
        {"f.toml": GOOD_FORM + b'formula = "Mg(OH"\n'},
    ),
    "forms file: fraction of 1": Bad(
        ["forms", "--forms", "{tmp}/f.toml"],
        1,
        "impossible fraction",
        {"f.toml": GOOD_FORM + b'formula = "Mg"\n'},
    ),
    "forms file: duplicate alias": Bad(
        ["forms", "--forms", "{tmp}/f.toml"],
        1,
        "the name 'epsom' is already used",
        {
            "f.toml": GOOD_FORM.replace(b'note = "n"', b'note = "n"\naliases = ["epsom"]')
            + b'formula = "MgO"\n'
        },
    ),
    "forms file: product fraction above 1": Bad(
        ["forms", "--forms", "{tmp}/f.toml"],
        1,
        "a fraction above 1",
        {
            "f.toml": b'[products.p]\nname = "p"\nform = "oxide"\nelemental_mg = 9\n'
            b'compound_mg = 5\nunit = "tablet"\nsource = "s"\n'
        },
    ),
    "forms file missing": Bad(["forms", "--forms", "/nonexistent.toml"], 1, "no such file"),
    # check: the person
    "check: no age": Bad(["check", "1", "g", "oxide"], 2, "--age"),
    "check: negative age": Bad(["check", "1", "g", "oxide", "--age", "-1"], 1, "above 0"),
    "check: age 0 days": Bad(["check", "1", "g", "oxide", "--age-months", "0"], 1, "above 0"),
    "check: age zero": Bad(["check", "1", "g", "oxide", "--age", "0"], 1, "above 0"),
    "check: age 130": Bad(["check", "1", "g", "oxide", "--age", "130"], 1, "above 120"),
    "check: age NaN": Bad(["check", "1", "g", "oxide", "--age", "nan"], 1, "not a finite"),
    "check: age word": Bad(["check", "1", "g", "oxide", "--age", "old"], 2, "--age"),
    "check: unknown sex": Bad(
        ["check", "1", "g", "oxide", "--age", "30", "--sex", "x"], 2, "--sex"
    ),
    "check: pregnant male": Bad(
        ["check", "1", "g", "oxide", "--age", "30", "--sex", "m", "--pregnant"], 1, "females only"
    ),
    "check: pregnant at 9": Bad(
        ["check", "1", "g", "oxide", "--age", "9", "--pregnant"], 1, "ages 10 to under 60"
    ),
    "check: pregnant at 60": Bad(
        ["check", "1", "g", "oxide", "--age", "60", "--pregnant"], 1, "ages 10 to under 60"
    ),
    "check: pregnant and lactating": Bad(
        ["check", "1", "g", "oxide", "--age", "30", "--pregnant", "--lactating"], 1, "choose one"
    ),
    "check: years and months": Bad(
        ["check", "1", "g", "oxide", "--age", "1", "--age-months", "12"], 2, "not both"
    ),
    "check: negative diet": Bad(
        ["check", "1", "g", "oxide", "--age", "30", "--diet", "-5"], 1, "--diet"
    ),
    "check: infinite diet": Bad(
        ["check", "1", "g", "oxide", "--age", "30", "--diet", "inf"], 1, "--diet"
    ),
    "check: unknown standard": Bad(
        ["check", "1", "g", "oxide", "--age", "30", "--standard", "who"], 2, "--standard"
    ),
    "check: regimen syntax error": Bad(
        ["check", "--regimen", "{tmp}/r.toml"], 1, "line 2", {"r.toml": b"[person]\nage = \n"}
    ),
    "check: regimen wrong type": Bad(
        ["check", "--regimen", "{tmp}/r.toml"],
        1,
        "person.age must be a number",
        {"r.toml": b'[person]\nage = "forty"\n'},
    ),
    "check: regimen missing key": Bad(
        ["check", "--regimen", "{tmp}/r.toml"],
        1,
        "items[0]: missing unit",
        {"r.toml": REGIMEN_HEAD + b'[[items]]\namount = 1\nform = "oxide"\n'},
    ),
    "check: regimen following a path": Bad(
        ["check", "--regimen", "{tmp}/r.toml"],
        1,
        "unknown key 'include'",
        {"r.toml": b'include = "/etc/passwd"\n' + REGIMEN_HEAD},
    ),
    "check: regimen missing": Bad(["check", "--regimen", "/nonexistent.toml"], 1, "no such file"),
    # reference and plan
    "reference: sex without age": Bad(["reference", "--sex", "f"], 2, "--age"),
    "reference: age 200": Bad(["reference", "--age", "200"], 1, "above 120"),
    "plan: no unit": Bad(["plan", "300", "mg", "glycinate"], 2, "--unit"),
    "plan: unit of volume": Bad(
        ["plan", "300", "mg", "glycinate", "--unit", "5ml"], 1, "needs a concentration"
    ),
    "plan: split 0": Bad(
        ["plan", "300", "mg", "glycinate", "--unit", "500mg", "--split", "0"], 1, "--split"
    ),
    "plan: two targets": Bad(
        ["plan", "1", "g", "oxide", "1", "g", "citrate", "--unit", "1g"], 2, "one target"
    ),
}


def test_the_catalogue_is_large() -> None:
    assert len(CATALOGUE) >= 60


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_bad_input(name: str, tmp_path: Path) -> None:
    case = CATALOGUE[name]
    for file_name, content in case.files.items():
        (tmp_path / file_name).write_bytes(content)
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in case.args]
    assert_one_line_error(run(*args, input=""), case.code, case.fragment)


# Batches: each bad row is one line on stderr, the good rows still come out, exit 4.


@pytest.mark.parametrize(
    ("content", "suffix", "error"),
    [
        (b"amount,unit,form\n1,g,oxide\n1,g,oxide,extra\n", "csv", "line 3: 4 fields"),
        (b"amount,unit,form\n1,g,oxide\n\xff\xfe,g,oxide\n", "csv", "line 3: not valid UTF-8"),
        (b"amount,unit,form\n1,g,oxide\n1,g,glycinat\n", "csv", "line 3: unknown form"),
        (b'{"amount": 1, "unit": "g", "form": "oxide"}\n"text"\n', "jsonl", "line 2: expected"),
        (b"1 g oxide\n1 g\n", "txt", "line 2: '1 g' is missing a form"),
        (
            "amount,unit,form,servings\n1,g,oxide,2\n1,g,oxide,\u00b2\n".encode(),
            "csv",
            "line 3: servings '\u00b2' must be a whole number",
        ),
        (
            b"amount,unit,form,servings\n1,g,oxide,2\n1,g,oxide,++2\n",
            "csv",
            "line 3: servings '++2' must be a whole number",
        ),
        (
            b'{"amount": 1, "unit": "g", "form": "oxide"}\n' + b"[" * 100_000 + b"]" * 100_000,
            "jsonl",
            "line 2: invalid JSON: nested too deeply",
        ),
        (
            b'amount,unit,form\n1,g,oxide\n"1",g,ox\ride\n',
            "csv",
            "line 3: a carriage return inside the line",
        ),
        (
            b'amount,unit,form\n1,g,oxide\n"' + b"1" * 200_000 + b'",g,oxide\n',
            "csv",
            "line 3: not a CSV line (field larger than field limit",
        ),
    ],
)
@pytest.mark.parametrize("output_format", ["jsonl", "csv"])  # csv from csv: the fast path
def test_bad_row_in_a_batch(
    tmp_path: Path, content: bytes, suffix: str, error: str, output_format: str
) -> None:
    path = tmp_path / f"doses.{suffix}"
    path.write_bytes(content)
    result = run("convert", "--input", str(path), "--format", output_format)
    assert result.exit_code == 4
    header = 1 if output_format == "csv" else 0
    assert len(result.stdout.splitlines()) == 1 + header
    lines = [line for line in result.stderr.splitlines() if "mgcalc: note:" not in line]
    assert len(lines) == 2
    assert error in lines[0]
    assert lines[1] == "mgcalc: error: 1 input row(s) failed; 1 converted (see the lines above)"


def test_a_100_megabyte_line_is_one_error_and_never_held(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as file:
        file.write(b"amount,unit,form\n1,g,oxide\n")
        chunk = b"9" * (1 << 20)
        for _ in range(100):
            file.write(chunk)
        file.write(b",mg,oxide\n2,g,oxide\n")
    result = run("convert", "--input", str(path), "--format", "csv")
    assert result.exit_code == 4
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == ["2", "4"]
    assert "line 3: line longer than 1048576 bytes" in result.stderr


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "doses.csv"
    path.write_text("amount,unit,form,label\n1,g,oxide,\x1b[31mred\x07\n1,g\x1b[2J,oxide,x\n")
    result = run("convert", "--input", str(path))
    assert result.exit_code == 4
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "\x1b" not in result.stderr
    assert "unknown unit 'g\\x1b[2J'" in result.stderr


@pytest.mark.parametrize("output_format", ["jsonl", "csv"])
def test_a_header_that_is_not_one_csv_line(tmp_path: Path, output_format: str) -> None:
    path = tmp_path / "doses.csv"
    path.write_bytes(b'"amount",unit,fo\rrm\n1,g,oxide\n')
    result = run("convert", "--input", str(path), "--format", output_format)
    assert_one_line_error(result, 1, "line 1: a carriage return inside the line")


@pytest.mark.parametrize("option", ["--regimen", "--forms"])
def test_toml_nested_too_deeply_is_a_data_file_error(tmp_path: Path, option: str) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    result = run("check", "1", "g", "oxide", "--age", "30", option, str(path))
    assert_one_line_error(result, 1, f"{path}: invalid TOML: nested too deeply")
