"""Start-up stays light: heavy libraries load only on the paths that need them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mgcalc.cli import COMMANDS, cli, render_help
from mgcalc.launcher import help_file_name

PROBE = """
import sys
from mgcalc.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="mgcalc", standalone_mode=False)
finally:
    sys.stdout.flush()
    heavy = sorted({m.split('.')[0] for m in sys.modules} & {'pint', 'rich'})
    sys.stderr.write('\\nMODULES=' + ','.join(heavy) + '\\n')
"""


def loaded_heavy_modules(*args: str, env: dict[str, str] | None = None) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    line = [ln for ln in result.stderr.splitlines() if ln.startswith("MODULES=")][-1]
    return set(filter(None, line.removeprefix("MODULES=").split(",")))


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["convert", "--help"]])
def test_version_and_help_import_neither_pint_nor_rich(args: list[str]) -> None:
    assert loaded_heavy_modules(*args) == set()


def test_json_and_csv_output_import_no_rich_and_no_pint_for_common_units() -> None:
    assert loaded_heavy_modules("500", "mg", "glycinate", "--format", "json") == set()
    assert loaded_heavy_modules("2x", "1", "g", "citrate", "--format", "csv") == set()


def test_rare_unit_loads_pint_but_not_rich() -> None:
    assert loaded_heavy_modules("1", "kg", "oxide", "--format", "json") == {"pint"}


def test_table_loads_rich_not_pint() -> None:
    assert loaded_heavy_modules("500", "mg", "glycinate") == {"rich"}


def test_shell_completion_imports_no_pint() -> None:
    env = {"_MGCALC_COMPLETE": "bash_complete", "COMP_WORDS": "mgcalc con", "COMP_CWORD": "1"}
    assert "pint" not in loaded_heavy_modules(env=env)


def test_installed_entry_point_and_module_run() -> None:
    version = subprocess.run(
        [sys.executable, "-m", "mgcalc", "--version"], capture_output=True, text=True, check=True
    )
    from importlib.metadata import version as package_version

    assert version.stdout.strip() == f"mgcalc {package_version('mgcalc')}"
    piped = subprocess.run(
        [sys.executable, "-m", "mgcalc", "500", "mg", "glycinate", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(piped.stdout)["items"][0]["form"] == "glycinate"


CONVERT_MODULES = """
import sys
from mgcalc.cli import cli
cli.main(args=sys.argv[1:], prog_name="mgcalc", standalone_mode=False)
sys.stdout.flush()
ours = sorted(m for m in sys.modules if m.startswith("mgcalc"))
sys.stderr.write("MODULES=" + ",".join(ours) + "\\n")
"""


def test_convert_loads_none_of_the_check_modules() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CONVERT_MODULES, "500", "mg", "glycinate", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    line = [ln for ln in result.stderr.splitlines() if ln.startswith("MODULES=")][-1]
    modules = set(line.removeprefix("MODULES=").split(","))
    assert "mgcalc.commands.convert" in modules
    for module in (
        "mgcalc.commands.check",
        "mgcalc.commands.plan",
        "mgcalc.core.reference",
        "mgcalc.core.check",
        "mgcalc.regimen",
        "mgcalc.render.check_view",
    ):
        assert module not in modules


def test_the_help_lines_in_cli_are_the_commands_own() -> None:
    import click

    from mgcalc.cli import COMMANDS, cli

    context = click.Context(cli)
    for name, (_, help_line) in COMMANDS.items():
        command = cli.get_command(context, name)
        assert command is not None
        assert command.get_short_help_str(limit=1000) == help_line


def test_group_help_imports_no_command_module() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CONVERT_MODULES, "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Commands:" in result.stdout
    line = [ln for ln in result.stderr.splitlines() if ln.startswith("MODULES=")][-1]
    assert not [m for m in line.removeprefix("MODULES=").split(",") if "commands" in m]


HELP_CASES = [(None, ["--help"]), *((name, [name, "--help"]) for name in COMMANDS)]


@pytest.mark.parametrize("columns", ["80", "60", "200"])
@pytest.mark.parametrize(("command", "args"), HELP_CASES)
def test_render_help_is_what_click_prints(
    command: str | None, args: list[str], columns: str
) -> None:
    result = CliRunner().invoke(cli, args, env={"COLUMNS": columns}, prog_name="mgcalc")
    assert result.exit_code == 0
    width = max(min(int(columns), 80) - 2, 50)
    assert result.stdout == render_help(command, width)
    assert result.stdout.startswith(f"Usage: mgcalc {command + ' ' if command else ''}[OPTIONS]")


PRERENDERED_PROBE = """
import sys
import mgcalc.launcher as launcher
launcher.HELP_DIR = sys.argv[1]
sys.argv = ["mgcalc", *sys.argv[2:]]
try:
    launcher.main()
finally:
    sys.stdout.flush()
    sys.stderr.write("CLICK=" + str("click" in sys.modules) + "\\n")
"""


def run_launcher(
    help_dir: Path, *args: str, columns: str = "80", env: dict[str, str] | None = None
) -> tuple[str, bool]:
    result = subprocess.run(
        [sys.executable, "-c", PRERENDERED_PROBE, str(help_dir), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": columns, **(env or {})},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout, "CLICK=True" in result.stderr


def test_launcher_prints_a_prerendered_help_without_importing_click(tmp_path: Path) -> None:
    (tmp_path / "mgcalc.txt").write_text("group help ≥\n", encoding="utf-8")
    (tmp_path / "mgcalc-check.txt").write_text("check help\n", encoding="utf-8")
    for args in ([], ["--help"], ["-h"]):
        assert run_launcher(tmp_path, *args) == ("group help ≥\n", False)
    for args in (["check", "--help"], ["check", "-h"]):
        assert run_launcher(tmp_path, *args) == ("check help\n", False)
    for columns in ("200", "100", "80"):  # click's help is 78 columns wide from 80 columns up
        assert run_launcher(tmp_path, "--help", columns=columns) == ("group help ≥\n", False)


def test_launcher_leaves_other_widths_and_missing_texts_to_click(tmp_path: Path) -> None:
    (tmp_path / "mgcalc.txt").write_text("group help\n", encoding="utf-8")
    assert run_launcher(tmp_path, "--help", columns="60") == (render_help(None, 58), True)
    assert run_launcher(tmp_path, "plan", "--help") == (render_help("plan", 78), True)
    assert run_launcher(tmp_path / "none", "--help") == (render_help(None, 78), True)
    assert run_launcher(tmp_path, "check", "--help", "--explain") == (
        render_help("check", 78),
        True,
    )


def test_shell_completion_is_left_to_click(tmp_path: Path) -> None:
    (tmp_path / "mgcalc.txt").write_text("group help\n", encoding="utf-8")
    completing = {"_MGCALC_COMPLETE": "bash_complete", "COMP_CWORD": "1"}
    for words, expected in (("mgcalc", "plain,convert\n"), ("mgcalc ch", "plain,check\n")):
        text, loaded_click = run_launcher(tmp_path, env={**completing, "COMP_WORDS": words})
        assert loaded_click
        assert text.startswith(expected)


@pytest.mark.parametrize(("command", "args"), HELP_CASES)
def test_installed_help_is_clicks_rendering(command: str | None, args: list[str]) -> None:
    # From a wheel this is the pre-rendered text; from an editable install, click's own.
    result = subprocess.run(
        [sys.executable, "-m", "mgcalc", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        check=True,
    )
    assert result.stdout == render_help(command, 78)


def test_help_file_names() -> None:
    assert help_file_name([]) == "mgcalc.txt"
    assert help_file_name(["-h"]) == "mgcalc.txt"
    assert help_file_name(["forms", "--help"]) == "mgcalc-forms.txt"
    assert help_file_name(["forms"]) is None
    assert help_file_name(["../x", "--help"]) is None
    assert help_file_name(["--version"]) is None
    assert help_file_name(["500", "mg", "--help"]) is None


WIDTHS = """
import shutil, sys
from mgcalc.terminal import help_width
click_width = max(min(shutil.get_terminal_size().columns, 80) - 2, 50)
sys.stdout.write(f"{help_width()} {click_width}")
"""


@pytest.mark.parametrize(
    "columns", [None, "", "0", "-5", "abc", "49", "52", "79", "80", "81", "300"]
)
def test_help_width_is_the_width_click_would_choose(columns: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = columns
    result = subprocess.run(
        [sys.executable, "-c", WIDTHS], capture_output=True, text=True, env=env, check=True
    )
    ours, clicks = result.stdout.split()
    assert ours == clicks
