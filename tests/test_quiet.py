"""--quiet, check --brief, each note once, and no table of a huge input."""

from __future__ import annotations

import pytest

from mgcalc.commands.sources import TABLE_ROWS
from mgcalc.render.documents import DISCLAIMER

from helpers import assert_one_line_error, run

PERSON = ("--age", "40", "--sex", "f")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "400", "mg", "oxide", *PERSON],
        ["plan", "300", "mg", "glycinate", "--unit", "500mg", *PERSON],
        ["reference", *PERSON],
        ["forms", "citrate"],
        ["products"],
        ["serum", "1.8", "mg/dL"],
        ["convert", "500", "mg", "glycinate"],
    ],
)
def test_quiet_leaves_out_sources_and_keeps_the_disclaimer(args: list[str]) -> None:
    loud = run(*args)
    quiet = run(*args, "-q")
    assert quiet.exit_code == loud.exit_code == 0
    assert any(mark in loud.stdout for mark in ("http", "mmol and mEq count", "--sources"))
    assert "http" not in quiet.stdout
    assert "--sources" not in quiet.stdout
    assert "source" not in quiet.stdout.lower()
    assert "mmol and mEq count" not in quiet.stdout
    if args[0] not in ("forms", "reference"):  # tables of facts, with no advice near them
        assert quiet.stdout.rstrip().replace("\n", " ").endswith(DISCLAIMER)
    assert run(*args, "--quiet").stdout == quiet.stdout


@pytest.mark.parametrize(
    ("args", "kept"),
    [
        (["check", "400", "mg", "oxide", *PERSON], "No food or diet given: intake is at least"),
        (["check", "400", "mg", "oxide", "--age", "40", "--kidney"], "No UL applies"),
        (["check", "400", "mg", "oxide", "--age-months", "8"], "no UL is set at this age"),
        (["check", "4", "g", "sulfate", "IV", *PERSON], "Given IV/IM: not compared"),
        (["check", "400", "mg", "oxide", "--age", "40"], "The RDA depends on sex"),
    ],
)
@pytest.mark.parametrize("flag", ["--quiet", "--brief"])
def test_quiet_and_brief_never_hide_what_changes_the_reading(
    args: list[str], kept: str, flag: str
) -> None:
    result = run(*args, flag)
    assert kept in result.stdout.replace("\n", " ")


@pytest.mark.parametrize("flag", ["--quiet", "--brief"])
def test_quiet_and_brief_keep_an_incomplete_day_and_item_reading_notes(flag: str) -> None:
    text = "500 mg glycinate\nnonsense\n"
    result = run("check", "-i", "-", *PERSON, flag, input=text)
    assert result.exit_code == 4
    assert "Incomplete day: 1 input row(s) failed" in result.stdout
    assert "note (item 1): 'glycinate' assumes pure" in result.stderr
    label = run("convert", "Magnesium glycinate 400 mg", "-q")
    assert "read as 400 mg of glycinate compound" in label.stderr


def test_brief_is_one_line_per_comparison() -> None:
    result = run("check", "300", "mg", "elemental", "oxide", *PERSON, "--diet", "100", "--brief")
    assert result.exit_code == 0
    # 300 / 350 = 85.7 %; (300 + 100) / 320 = 125 %
    assert result.stdout.splitlines()[:2] == [
        "Supplements + medicines: 300.0 mg, UL 350 mg: 86% of UL, not above the UL",
        "Diet + supplements: 400.0 mg, RDA 320 mg: 125% of RDA, meets",
    ]
    assert result.stdout.replace("\n", " ").rstrip().endswith(DISCLAIMER)
    assert "Item" not in result.stdout


def test_brief_without_diet_says_at_least() -> None:
    result = run("check", "300", "mg", "elemental", "oxide", *PERSON, "--brief")
    lines = result.stdout.splitlines()
    assert lines[1] == ("Supplements only: ≥ 300.0 mg, RDA 320 mg: ≥ 94% of RDA, food not counted")


@pytest.mark.parametrize("output", ["json", "jsonl"])
def test_brief_goes_with_the_table_only(output: str) -> None:
    result = run("check", "300", "mg", "oxide", *PERSON, "--brief", "-f", output)
    assert_one_line_error(result, 2, "--brief goes with --format table")


def test_a_note_for_several_items_is_printed_once() -> None:
    result = run("check", "500", "mg", "glycinate", "400", "mg", "oxide", "2x", "250", "mg",
                 "glycinate", *PERSON)  # fmt: skip
    assert result.stderr.count("assumes pure anhydrous bisglycinate") == 1
    assert "note (items 1, 3): 'glycinate' assumes pure" in result.stderr


@pytest.mark.parametrize(
    ("args", "formats"),
    [(["convert"], "--format csv or jsonl"), (["check", *PERSON], "--format jsonl or json")],
)
def test_a_table_of_a_huge_input_is_refused(args: list[str], formats: str) -> None:
    too_many = "400 mg oxide\n" * (TABLE_ROWS + 1)
    result = run(*args, "-i", "-", input=too_many)
    assert result.exit_code == 2
    assert f"more than {TABLE_ROWS} items are too many for a table: use {formats}" in result.stderr
    assert run(*args, "-i", "-", input="400 mg oxide\n" * TABLE_ROWS).exit_code == 0
    streamed = run(*args, "-i", "-", "-f", "jsonl", input=too_many)
    assert streamed.exit_code == 0
    assert len(streamed.stdout.splitlines()) >= TABLE_ROWS + 1


def test_where_a_products_figure_comes_from_is_a_source_given_with_sources() -> None:
    full = run("2", "tablet", "mag-ox-400", "500", "mg", "glycinate", "--sources")
    short = run("2", "tablet", "mag-ox-400", "500", "mg", "glycinate")
    quiet = run("2", "tablet", "mag-ox-400", "500", "mg", "glycinate", "-q")
    assert "note (item 1): Mag-Ox 400" in full.stderr
    assert "Mag-Ox 400" not in short.stderr
    assert "Products' and foods' sources: --sources" in short.stdout
    assert "Mag-Ox 400" not in quiet.stderr
    assert "--sources" not in quiet.stdout
    assert "note (item 2): 'glycinate' assumes pure" in quiet.stderr
    assert "482.6" in quiet.stdout  # the figure itself stays: 2 x 241.3 mg
