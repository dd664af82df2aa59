"""The world outside: closed streams, a full disk, a C locale, odd CSV. A clear error with its
own exit code, or the right output; exit 70 is for bugs only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import assert_one_line_error, run

RUN = [sys.executable, "-m", "mgcalc"]
C_LOCALE = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}


def test_closed_stdout_is_an_output_error() -> None:
    result = subprocess.run(
        [*RUN, "500", "mg", "oxide"], stdout=subprocess.DEVNULL, capture_output=False,
        stderr=subprocess.PIPE, text=True, check=False,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert result.returncode == 74
    assert result.stderr == "mgcalc: error: standard output is closed: nothing can be written\n"


@pytest.mark.parametrize("output_format", ["table", "json", "csv", "jsonl"])
def test_a_full_disk_is_an_output_error(output_format: str) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [*RUN, "500", "mg", "oxide", "--format", output_format],
            stdout=full, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    assert result.returncode == 74
    assert result.stderr == "mgcalc: error: cannot write the output: No space left on device\n"


def test_closed_stdin_is_an_input_error() -> None:
    result = subprocess.run(
        [*RUN, "convert", "--input", "-"], capture_output=True, text=True, check=False,
        preexec_fn=lambda: os.close(0),
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == "mgcalc: error: --input -: standard input is closed\n"


COMMANDS = [
    ["convert", "1", "g", "citrate:nonahydrate", "200", "µg", "oxide"],
    ["check", "500", "mg", "oxide", "--age", "30"],
    ["plan", "300", "mg", "glycinate", "--unit", "500mg", "--age", "30"],
    ["reference", "--age", "40", "--sex", "f"],
    ["forms", "citrate"],
]


@pytest.mark.parametrize("args", COMMANDS)
@pytest.mark.parametrize("output_format", ["table", "json"])
def test_every_command_works_in_a_c_locale(args: list[str], output_format: str) -> None:
    result = subprocess.run(
        [*RUN, *args, "--format", output_format], capture_output=True, env=C_LOCALE, check=False
    )
    assert result.returncode == 0, result.stderr
    result.stdout.decode("ascii")  # nothing but ASCII reaches a stream that takes only ASCII
    result.stderr.decode("ascii")
    if output_format == "json":
        document = json.loads(result.stdout)
        if args[0] == "convert":
            assert document["items"][0]["formula"] == "Mg3(C6H5O7)2·9H2O"  # escaped, not lost


@pytest.mark.parametrize("output_format", ["csv", "jsonl"])
def test_rows_in_a_c_locale(output_format: str) -> None:
    result = subprocess.run(
        [*RUN, "convert", "--input", "-", "--format", output_format],
        input=b"1 g citrate:nonahydrate\n", capture_output=True, env=C_LOCALE, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("ascii")
    assert "Mg3(C6H5O7)2.9H2O" in text or "Mg3(C6H5O7)2\\u00b79H2O" in text


def test_input_given_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "items.txt"
    path.write_text("1 g oxide\n", encoding="utf-8")
    result = run("convert", "--input", str(path), "--input", str(path))
    assert_one_line_error(result, 2, "'--input': given 2 times; give one input")


def test_a_nul_in_a_file_name_is_refused() -> None:
    assert_one_line_error(run("convert", "--input", "a\x00b"), 1, "is not a file name")


def test_a_quoted_csv_field_may_span_lines() -> None:
    text = 'amount,unit,form,label\n1,g,oxide,"two\nlines"\n2,g,oxide,"say ""hi"""\n3,g,oxide,x\n'
    result = run(
        "convert", "--input", "-", "--input-format", "csv", "--format", "jsonl", input=text
    )
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["line"], row["label"]) for row in rows] == [
        (2, "two\nlines"),
        (4, 'say "hi"'),
        (5, "x"),
    ]
    csv_out = run("convert", "--input", "-", "--input-format", "csv", "--format", "csv", input=text)
    assert '2,1 g oxide,"two\nlines",oxide,' in csv_out.stdout


def test_a_stray_quote_loses_no_row() -> None:
    text = 'amount,unit,form,label\n1,g,oxide,"open\n2,g,oxide,a\n3,g,oxide,b\n'
    result = run(
        "convert", "--input", "-", "--input-format", "csv", "--format", "jsonl", input=text
    )
    lines = [json.loads(line)["line"] for line in result.stdout.splitlines()]
    assert lines == [2, 3, 4]


def test_a_quote_inside_an_unquoted_field_is_a_character() -> None:
    text = 'amount,unit,form,label\n1,g,oxide,12" ruler\n2,g,oxide,next\n'
    result = run(
        "convert", "--input", "-", "--input-format", "csv", "--format", "jsonl", input=text
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["line"], row["label"]) for row in rows] == [(2, '12" ruler'), (3, "next")]


DEBUG_PROBE = """
import sys
import mgcalc.core.convert
def broken(self, item):
    raise ZeroDivisionError("a bug")
mgcalc.core.convert.Converter.convert = broken
sys.argv = ["mgcalc", "1", "g", "oxide"]
from mgcalc.launcher import main
main()
"""


@pytest.mark.parametrize("debug", ["", "1"])
def test_an_internal_error_is_one_line_unless_debugging(debug: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", DEBUG_PROBE], capture_output=True, text=True, check=False,
        env={**os.environ, "MGCALC_DEBUG": debug},
    )  # fmt: skip
    assert result.returncode == 70
    last = result.stderr.splitlines()[-1]
    assert last == "mgcalc: error: internal error (ZeroDivisionError: a bug); please report it"
    assert ("Traceback (most recent call last)" in result.stderr) == bool(debug)


def test_a_lone_quote_opens_a_field_that_the_next_line_closes() -> None:
    result = run(
        "convert", "--input", "-", "--input-format", "csv", "--format", "jsonl",
        input='amount,unit,form\n"\n0"\n1,g,oxide\n',
    )  # fmt: skip
    assert result.exit_code == 4
    assert result.stderr.splitlines()[0] == "mgcalc: error: line 2: 1 fields, but the header has 3"
    assert [json.loads(line)["line"] for line in result.stdout.splitlines()] == [4]
