"""Every command's table at 40, 60, 80, 100 and 160 columns, against checked-in snapshots
(`help` prints click's own help, which wraps itself).

The snapshots are the specification of the layout, reviewed by eye. After a deliberate
change, rewrite them with `MGCALC_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_layout.py`
and read the diff before committing it.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from mgcalc.cli import cli

SNAPSHOTS = Path(__file__).parent / "snapshots"
WIDTHS = (40, 60, 80, 100, 160)
COMMANDS = {
    "convert": "convert 2x 400 mg oxide 500 mg glycinate 1.5 g citrate:nonahydrate "
    "'Magnesium (as magnesium bisglycinate chelate) 200 mg' 10 mL sulfate@50%w/v",
    "check": "check 2x 400 mg oxide 4 g sulfate IV --age 40 --sex f --diet 250",
    "check-kidney": "check 250 mg glycinate@20% --age 70 --kidney",
    "plan": "plan 300 mg glycinate --unit 500mg --split 2 --age 40 --sex f",
    "reference": "reference --age 40 --sex f",
    "forms": "forms",
    "forms-one": "forms citrate",
    "products": "products",
    "serum": "serum 1.8 mg/dL",
    "compare": "compare --target 300 --forms examples/products.toml",
    "config": "config",
}
NO_CONFIG = "/nonexistent/mgcalc-snapshots"  # the same paths shown on every machine


def render(command: str, width: int) -> str:
    environment = {"COLUMNS": str(width), "NO_COLOR": "1", "XDG_CONFIG_HOME": NO_CONFIG}
    result = CliRunner().invoke(cli, shlex.split(command), env=environment)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", COMMANDS)
def test_layout_matches_its_snapshot(name: str, width: int) -> None:
    output = render(COMMANDS[name], width)
    snapshot = SNAPSHOTS / f"{name}-{width}.txt"
    if os.environ.get("MGCALC_UPDATE_SNAPSHOTS"):
        snapshot.write_text(output, encoding="utf-8")
    assert output == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", COMMANDS)
def test_nothing_is_cut_and_nothing_is_wider_than_the_width(name: str, width: int) -> None:
    output = render(COMMANDS[name], width)
    # rich marks a cut cell with '…' right after its last character (the sources' own
    # elisions in quotations stand between spaces).
    assert re.search(r"\S…", output) is None
    for line in output.splitlines():
        assert line == line.rstrip(), f"trailing spaces: {line!r}"
        # The one exception: an address longer than the width, kept whole on its own line.
        assert len(line) <= width or len(line.split()) == 1, line


@pytest.mark.parametrize("width", WIDTHS)
def test_every_number_appears_whole(width: int) -> None:
    output = render(COMMANDS["convert"], width)
    for number in ("1,418.8", "482.4", "5,000.0", "493.1", "nonahydrate", "heptahydrate"):
        assert number in output, number
    # A formula is whole where it is shown; a table that must otherwise wrap leaves it out,
    # as its form and variant name it (mgcalc forms gives it).
    formulas = ("Mg3(C6H5O7)2·9H2O", "MgSO4·7H2O")
    if "Formula" in output or width >= 160:
        assert all(formula in output for formula in formulas)
    else:
        assert not any(formula[:5] in output for formula in formulas)


def test_in_a_pipe_without_columns_tables_are_whole() -> None:
    environment = {"COLUMNS": None, "NO_COLOR": "1"}
    result = CliRunner().invoke(cli, ["convert", "500", "mg", "glycinate"], env=environment)
    header = next(line for line in result.stdout.splitlines() if "Item" in line)
    assert header.split() == [
        "#", "Item", "Form", "Variant", "Formula", "%", "Mg", "Compound", "mg", "Mg", "mg",
        "Mg", "mmol", "Mg", "mEq",
    ]  # fmt: skip


@pytest.mark.parametrize("columns", ["", "abc", "0", "-5"])
def test_a_columns_value_that_is_no_width_is_ignored(columns: str) -> None:
    result = CliRunner().invoke(cli, ["500", "mg", "glycinate"], env={"COLUMNS": columns})
    assert result.exit_code == 0
    assert "Variant" in result.stdout  # the pipe's full width


def test_a_width_below_forty_is_laid_out_as_forty() -> None:
    assert render("500 mg glycinate", 20) == render("500 mg glycinate", 40)


MORE = (
    "convert 250 mg glycinate@20% 120 mg elemental 5 mmol magnesium --explain "
    "'Magnesium (as magnesium oxide, magnesium citrate) 300 mg'",
    "check 2x 400 mg oxide 4 g sulfate IV --age 40 --sex f --diet 250 --explain",
    "check 250 mg glycinate --age-months 8",
    "check 250 mg glycinate --age 3 --standard efsa --fortified 50",
    "check 250 mg glycinate --age 40 --brief",
    "plan 800 mg hydroxide --unit '5 mL hydroxide@400mg/5mL'",
    "plan 300 mg oxide --unit 500mg --age 40 --sex m --diet 200",
    "reference --standard efsa",
    "reference --age 45 --kidney -q",
    "forms citrate-malate",
    "forms threonate",
    "serum 0.7 mmol/L -q",
    "compare --forms examples/products.toml",
)


@pytest.mark.parametrize("width", [41, 47, 53, 59, 67, 73, 89, 97, 113, 131])
@pytest.mark.parametrize("command", [*COMMANDS.values(), *MORE])
def test_between_the_snapshot_widths_nothing_is_cut_either(command: str, width: int) -> None:
    output = render(command, width)
    assert re.search(r"\S…", output) is None
    for line in output.splitlines():
        assert line == line.rstrip(), f"trailing spaces: {line!r}"
        assert len(line) <= width or len(line.split()) == 1, line
