"""TAB completion: commands and options from click, and mgcalc's own names for items."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mgcalc.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def complete(line: str, shell: str = "bash") -> list[str]:
    """What the shell offers for the last word of line (a trailing space: a new word)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = {"_MGCALC_COMPLETE": f"{shell}_complete", "COMP_WORDS": line, "COMP_CWORD": str(cword)}
    result = CliRunner().invoke(cli, [], env=env, prog_name="mgcalc")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return [row.removeprefix("plain,") for row in result.stdout.splitlines() if row]


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("mgcalc 500 mg gl", ["gluconate", "glutamate", "glycerophosphate", "glycerylphosphate",
                              "glycinate", "glycinate-lysinate", "glycine-chelate"]),
        ("mgcalc convert 2x 400 mg ox", ["oxide"]),
        ("mgcalc check 400 mg ox", ["oxide"]),
        ("mgcalc plan 200 mg el", ["elemental"]),
        ("mgcalc forms thr", ["threonate"]),
        ("mgcalc forms l-", ["l-aspartate", "l-lactate", "l-lysinate", "l-pyroglutamate",
                             "l-threonate"]),
        ("mgcalc 1.5 g citrate:", ["citrate:anhydrous", "citrate:nonahydrate",
                                   "citrate:tetradecahydrate"]),
        ("mgcalc 1.5 g citrate:n", ["citrate:nonahydrate"]),
        ("mgcalc 1.5 g nosuchform:", []),
        ("mgcalc 1 g epsom:", []),  # the name already fixes its variant
        ("mgcalc 1 g ep", ["epsom", "epsom-salt", "epsom-salts"]),
        ("mgcalc 500 m", ["mg", "mcg", "mmol", "mEq", "mL"]),
        ("mgcalc 2 ta", ["tablet"]),
        ("mgcalc check 5", []),
        ("mgcalc 500 mg glycinate 2", []),
    ],
)  # fmt: skip
def test_items_complete_units_forms_and_variants(line: str, offered: list[str]) -> None:
    assert complete(line) == offered


def test_every_offered_unit_and_form_is_accepted() -> None:
    units = complete("mgcalc 500 ")
    assert units[:6] == ["mg", "g", "mcg", "grain", "mmol", "mEq"]
    forms = complete("mgcalc 500 mg ")
    assert len(forms) > 50
    for unit in units[:6]:
        assert CliRunner().invoke(cli, ["1", unit, "oxide", "--format", "json"]).exit_code == 0
    for name in forms:
        result = CliRunner().invoke(cli, ["forms", name, "--format", "json"])
        assert result.exit_code == 0, (name, result.stderr)


def test_user_products_are_offered_and_a_broken_file_falls_back_to_the_built_ins() -> None:
    products = str(ROOT / "examples" / "products.toml")
    assert complete(f"mgcalc 1 tablet --forms {products} my") == ["my-glycinate"]
    assert complete(f"mgcalc --forms {products} 1 tablet bx") == ["bx-gly"]
    assert complete("mgcalc --forms /no/such/forms.toml 1 g glycin") == [
        "glycinate",
        "glycinate-lysinate",
        "glycine-chelate",
    ]


def test_commands_and_choices_still_come_from_click() -> None:
    assert complete("mgcalc ch") == ["check"]
    assert complete("mgcalc check --sex ") == ["f", "female", "m", "male"]


def test_completing_an_item_through_the_entry_point_loads_neither_pint_nor_rich() -> None:
    probe = (
        "import sys; from mgcalc.launcher import main; sys.argv = ['mgcalc']\n"
        "try:\n    main()\nfinally:\n"
        "    sys.stderr.write(' '.join(sorted({'pint', 'rich'} & set(sys.modules))))"
    )
    env = {
        **os.environ,
        "_MGCALC_COMPLETE": "bash_complete",
        "COMP_WORDS": "mgcalc 1 kg glycin",
        "COMP_CWORD": "3",
    }
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )
    assert result.stdout.splitlines() == [
        "plain,glycinate",
        "plain,glycinate-lysinate",
        "plain,glycine-chelate",
    ]
    assert result.stderr == ""


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_readme_line_gives_each_shell_its_script(shell: str) -> None:
    env = {**os.environ, "_MGCALC_COMPLETE": f"{shell}_source"}
    result = subprocess.run(
        [sys.executable, "-m", "mgcalc"], capture_output=True, text=True, env=env, check=True
    )
    assert "_MGCALC_COMPLETE" in result.stdout
    assert f"{shell}_complete" in result.stdout
