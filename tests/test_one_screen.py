"""The answer on one screen: at 80 columns a check, a reference table and a conversion fit a
terminal, with nothing that changes how they read left out; sources on demand."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from mgcalc.cli import cli
from mgcalc.datafiles import citations, reference_data


def screen(*args: str, width: int = 80) -> tuple[list[str], str]:
    """What a terminal of `width` shows, stdout and stderr together, and stdout alone."""
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": str(width)})
    assert result.exit_code in (0, 3), result.stderr
    return (result.stdout + result.stderr).splitlines(), result.stdout


@pytest.mark.parametrize(
    ("args", "most"),
    [
        (["check", "200", "mg", "elemental", "glycinate", "--age", "34", "--sex", "female"], 24),
        (["check", "400 mg oxide", "500 mg chloride", "1 cup milk", "--age", "70",
          "--sex", "male", "--kidney"], 30),
        (["check", "200 mg elemental glycinate", "250 mg citrate", "2x 400 mg oxide",
          "--age", "70", "--sex", "male", "--kidney"], 30),
        (["check", "400 mg oxide", "200 mg elemental glycinate", "1 oz almonds", "--age", "70",
          "--sex", "male", "--kidney"], 30),
        (["reference", "--age", "34", "--sex", "female"], 30),
        (["reference", "--standard", "efsa", "--age", "34", "--sex", "female"], 30),
        (["convert", "500", "mg", "glycinate"], 14),
        (["convert", "400", "mg", "oxide"], 14),
    ],
)  # fmt: skip
def test_the_answer_fits_one_screen_at_80_columns(args: list[str], most: int) -> None:
    lines, _ = screen(*args)
    assert len(lines) <= most, "\n".join(lines)
    assert all(len(line) <= 80 for line in lines), "\n".join(lines)


def test_a_short_check_keeps_every_verdict_reading_and_the_disclaimer() -> None:
    lines, stdout = screen(
        "check", "400 mg oxide", "500 mg chloride", "--age", "70", "--sex", "male", "--kidney"
    )
    text = " ".join(lines)
    assert "FLAGGED: no UL applies" in text
    assert "≥ " in text  # at least: no food or diet given
    assert "No food or diet given: intake is at least the total." in text
    assert "No UL applies: it is set for normal kidney function. [IOM 1997]" in text
    assert "Kidney disease: labels say ask a doctor before use. [IOM 1997; oxide label]" in text
    assert "Some medicines go apart from magnesium, as each label says. [SmPC 4841]" in text
    assert stdout.splitlines()[-1] == (
        "Educational only: mgcalc does not diagnose or prescribe. Ask a clinician."
    )


def test_each_caution_is_one_line_with_its_works_keys() -> None:
    _, notes = reference_data()
    works = citations()
    for note in notes.values():
        line = f"[9] {note.brief} [{note.cite}]"
        assert len(line) <= 80, line
        assert all(key.strip() in works for key in note.cite.split(";")), note.key


def test_the_same_note_is_never_printed_twice() -> None:
    lines, _ = screen(
        "check", "400 mg glycinate", "200 mg glycinate", "--age", "40", "--sex", "f", "--kidney"
    )
    text = " ".join(lines)
    assert text.count("'glycinate' assumes") == 1
    assert text.count("normal kidney function") == 1


def test_sources_gives_every_source_in_full_and_json_keeps_them() -> None:
    args = ["check", "400", "mg", "oxide", "--age", "40", "--sex", "male"]
    _, short = screen(*args)
    _, full = screen(*args, "--sources", width=200)
    _, notes = reference_data()
    assert "http" not in short
    flat = " ".join(full.split())
    assert " ".join(notes["medicines"].source.split()) in flat
    assert " ".join(notes["medicines"].text.split()) in flat
    document = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).stdout)
    assert {note["source"] for note in document["notes"]} == {
        notes[key].source for key in ("medicines", "split")
    }
    assert document["reference"]["sources"]["rda"].startswith("IOM 1997, Dietary Reference")


def test_mgcalc_sources_lists_every_work_and_finds_one_by_its_key() -> None:
    _, listed = screen("sources", width=200)
    flat = " ".join(listed.split())
    for key, text in citations().items():
        assert f"[{key}]" in listed
        assert " ".join(text.split()) in flat
    assert "[USDA SR28]" in listed
    one = json.loads(CliRunner().invoke(cli, ["sources", "[iom 1997]", "-f", "json"]).stdout)
    assert list(one["sources"]) == ["IOM 1997"]
    missing = CliRunner().invoke(cli, ["sources", "nope"])
    assert missing.exit_code == 1
    assert missing.stderr.startswith("mgcalc: error: no source 'nope'; the keys are IOM 1997")


def test_notes_on_stderr_wrap_at_the_width_of_a_pipe() -> None:
    result = CliRunner().invoke(cli, ["convert", "500", "mg", "glycinate"], env={"COLUMNS": "60"})
    assert result.stderr.count("\n") > 1
    assert all(len(line) <= 60 for line in result.stderr.splitlines())
