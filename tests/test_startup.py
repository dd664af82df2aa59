"""Start-up stays light: heavy libraries load only on the paths that need them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from mgcalc.cli import cli

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


@pytest.mark.parametrize(
    "command",
    [
        "convert",
        "check",
        "plan",
        "reference",
        "forms",
        "products",
        "foods",
        "compare",
        "serum",
        "sources",
        "config",
        "help",
    ],
)
def test_every_command_has_help_listed_in_order(command: str) -> None:
    group = CliRunner().invoke(cli, ["--help"], prog_name="mgcalc")
    listed = [line.split()[0] for line in group.stdout.split("Commands:")[1].splitlines() if line]
    assert listed == [
        "convert",
        "check",
        "plan",
        "reference",
        "forms",
        "products",
        "foods",
        "compare",
        "serum",
        "sources",
        "config",
        "help",
    ]
    result = CliRunner().invoke(cli, [command, "--help"], prog_name="mgcalc")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: mgcalc {command} [OPTIONS]")
    first_line = result.stdout.split("\n\n")[1].strip()
    assert first_line[:30] in group.stdout


IMPORT_ONLY = """
import sys
import mgcalc
assert mgcalc.__version__
sys.stdout.write(",".join(sorted(m for m in sys.modules if m.startswith(("mgcalc", "click")))))
"""


def test_importing_mgcalc_loads_the_api_only_when_used() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ONLY], capture_output=True, text=True, check=True
    )
    assert result.stdout == "mgcalc"
