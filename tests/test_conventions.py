"""The usual command-line conventions: short options, `help`, and suggestions for typos."""

from __future__ import annotations

import json

import pytest

from helpers import assert_one_line_error, run


def test_short_format_option_is_format() -> None:
    long = run("500", "mg", "oxide", "--format", "json")
    short = run("500", "mg", "oxide", "-f", "json")
    assert short.exit_code == 0
    assert json.loads(short.stdout) == json.loads(long.stdout)


@pytest.mark.parametrize("command", ["reference", "forms", "products"])
def test_every_command_takes_short_format(command: str) -> None:
    result = run(command, "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)


def test_short_input_option_reads_the_input() -> None:
    result = run(
        "check", "-i", "-", "--age", "40", "--sex", "f", "-f", "json", input="400 mg oxide\n"
    )
    assert result.exit_code == 0, result.stderr
    magnesium_in_oxide = 24.305 / (24.305 + 15.999)  # MgO, IUPAC abridged weights
    total = json.loads(result.stdout)["total"]["elemental_mg"]
    assert total == pytest.approx(400 * magnesium_in_oxide, rel=1e-12)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-inf", "mg", "oxide"], "amount '-inf' is not a finite number"),
        (["check", "-inf", "mg", "oxide", "--age", "40"], "amount '-inf' is not a finite number"),
        (["-infinity", "mg", "oxide"], "not a finite number"),
        (["-5", "mg", "oxide"], "amount '-5' must be greater than zero"),
        (["-nan", "mg", "oxide"], "is not a number"),
        (["plan", "-inf", "mg", "oxide", "--unit", "500mg"], "not a finite number"),
        (["serum", "-1", "mg/dL"], "must be greater than zero"),
    ],
)
def test_negative_amounts_are_amounts_not_short_options(args: list[str], message: str) -> None:
    # '-inf' would otherwise be the cluster -i -n -f, i.e. --input nf.
    result = run(*args)
    assert_one_line_error(result, result.exit_code, message)
    assert result.exit_code in (1, 2)


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (["500", "mg", "oxide", "--formt", "json"], "'--format'"),
        (["check", "400", "mg", "oxide", "--agee", "40"], "Did you mean '--age'?"),
        (["serum", "1", "mg/dL", "--fromat", "json"], "'--format'"),
        (["plan", "300", "mg", "oxide", "--unti", "500mg"], "'--unit'"),
    ],
)
def test_misspelled_options_get_suggestions(args: list[str], suggestion: str) -> None:
    assert_one_line_error(run(*args), 2, "No such option", suggestion, "--help")


@pytest.mark.parametrize(
    ("word", "command"),
    [("conver", "convert"), ("chek", "check"), ("CHECK", "check"), ("form", "forms"),
     ("refrence", "reference"), ("serm", "serum"), ("product", "products")],
)  # fmt: skip
def test_a_typo_of_a_command_is_answered_with_it(word: str, command: str) -> None:
    assert_one_line_error(
        run(word, "400", "mg", "oxide"),
        2,
        f"no such command '{word}'; did you mean '{command}'?",
    )


@pytest.mark.parametrize("word", ["glycinate", "oxide", "citrate", "epsom"])
def test_a_form_as_first_word_is_not_taken_for_a_command(word: str) -> None:
    # 'oxide 400 mg' is read as a front of pack reads: the compound, with a note.
    result = run(word, "400", "mg", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (item,) = json.loads(result.stdout)["items"]
    assert item["compound_mg"] == 400
    assert any("as a front of pack often gives it" in note for note in item["notes"])
    assert_one_line_error(run(word, "mg"), 2, "expected an amount", repr(word))


def test_the_nutrients_name_first_is_a_label_line_not_a_command() -> None:
    result = run("Magnesium", "400", "mg", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (item,) = json.loads(result.stdout)["items"]
    assert (item["form"], item["elemental_mg"]) == (None, 400)


def test_help_prints_the_group_help() -> None:
    result = run("help")
    assert result.exit_code == 0
    assert result.stdout == run("--help").stdout


@pytest.mark.parametrize("command", ["convert", "check", "plan", "serum", "help"])
def test_help_command_is_the_commands_help(command: str) -> None:
    result = run("help", command)
    assert result.exit_code == 0
    assert result.stdout == run(command, "--help").stdout


def test_help_of_an_unknown_command() -> None:
    assert_one_line_error(run("help", "chek"), 2, "no such command 'chek'; did you mean 'check'?")
    assert_one_line_error(run("help", "frobnicate"), 2, "no such command 'frobnicate'")


@pytest.mark.parametrize(
    ("word", "meant"),
    [("--verison", "--version"), ("--Version", "--version"), ("-v", "--version"),
     ("--hepl", "--help"), ("--hlep", "--help")],
)  # fmt: skip
def test_a_typo_of_mgcalcs_own_option_is_answered_with_it(word: str, meant: str) -> None:
    assert_one_line_error(run(word), 2, f"no such option '{word}'; did you mean '{meant}'?")


@pytest.mark.parametrize("args", [["--elemental", "300", "mg", "oxide"], ["-5", "mg", "oxide"]])
def test_converts_own_options_and_amounts_still_go_to_convert(args: list[str]) -> None:
    result = run(*args)
    assert "no such option" not in result.stderr
    assert "did you mean" not in result.stderr
