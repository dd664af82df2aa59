"""The README and the manual (docs/) cannot drift: their commands run, their shown output is
what mgcalc prints, their Python examples pass, the JSON contract lists exactly the keys, every
command and option is documented, and CI runs the README's test command."""

from __future__ import annotations

import doctest
import json
import re
import shlex
import sys
from pathlib import Path

import click
import pytest
from cogapp import Cog

from mgcalc.cli import cli

from helpers import run, run_json

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = {path.name: path.read_text(encoding="utf-8") for path in sorted(ROOT.glob("docs/*.md"))}
DOCUMENTS = {"README.md": README, **{f"docs/{name}": text for name, text in PAGES.items()}}
MANUAL = "\n".join(PAGES.values())
SH_BLOCKS = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
PYTHON_BLOCKS = {
    name: re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    for name, text in DOCUMENTS.items()
}
EXAMPLES = [
    re.split(r"\s(?:\||&&|>)\s", line.split("  #")[0])[0].strip()
    for text in DOCUMENTS.values()
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)
    for line in block.splitlines()
    if line.startswith("mgcalc ")
]


def test_the_readme_is_a_tour_and_the_manual_holds_the_rest() -> None:
    assert len(README.splitlines()) < 300
    assert README.count("```console") >= 10  # examples with their real output
    for name in PAGES:
        assert f"(docs/{name})" in README, f"the README does not link docs/{name}"


def _commands() -> list[tuple[str, click.Command]]:
    group = cli
    assert isinstance(group, click.Group)
    return [(name, command) for name, command in group.commands.items() if name != "help"]


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[n for n, _ in _commands()])
def test_every_command_and_option_is_in_the_manual(name: str, command: click.Command) -> None:
    assert f"mgcalc {name}" in MANUAL, f"the manual never shows 'mgcalc {name}'"
    for parameter in command.params:
        if not isinstance(parameter, click.Option) or parameter.name == "help":
            continue
        spellings = [opt for opt in parameter.opts if opt.startswith("--")]
        assert any(f"`{opt}" in MANUAL or f" {opt}" in MANUAL for opt in spellings), (
            f"mgcalc {name} {spellings[0]} is not in the manual"
        )


def test_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 10
    assert sum(len(blocks) for blocks in PYTHON_BLOCKS.values()) >= 3


@pytest.mark.parametrize("command", EXAMPLES)
def test_readme_example_runs(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # examples name files under examples/
    result = run(*shlex.split(command)[1:])
    assert result.exit_code == 0, (command, result.stderr)
    assert result.stdout.strip()


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_the_output_shown_is_what_mgcalc_prints(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # cog reruns every [[[cog ...]]] block and compares; `cog -r -I docs README.md docs/*.md`
    # updates them.
    monkeypatch.syspath_prepend(str(ROOT / "docs"))
    monkeypatch.delitem(sys.modules, "readme_output", raising=False)  # it holds a run's cog
    status = Cog().main(["cog", "--check", "-I", str(ROOT / "docs"), str(ROOT / name)])
    assert status == 0, f"{name} output is stale: run `cog -r -I docs README.md docs/*.md`"


@pytest.mark.parametrize("name", [name for name, blocks in PYTHON_BLOCKS.items() if blocks])
def test_the_python_examples_pass(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(verbose=False)
    shared: dict[str, object] = {}
    for number, block in enumerate(PYTHON_BLOCKS[name]):
        test = parser.get_doctest(block, shared, f"{name} python block {number}", name, 0)
        runner.run(test, clear_globs=False)
        shared = test.globs  # each block goes on from the names the ones before it made
    assert runner.summarize(verbose=False).failed == 0


def contract_keys(header: str) -> set[str]:
    """The keys in the first column of the contract's table whose first header is `header`."""
    table = re.search(rf"^\| {header} \| meaning \|\n\| --- \| --- \|\n((?:\|.*\n)+)", MANUAL, re.M)
    assert table is not None, header
    first_cells = [row.split("|")[1] for row in table.group(1).splitlines()]
    return {key for cell in first_cells for key in re.findall(r"`([a-z_]+)`", cell)}


def test_the_json_contract_lists_every_key() -> None:
    convert = run_json("convert", "2x", "400", "mg", "oxide", "--explain")
    check = run_json("check", "300", "mg", "elemental", "oxide", "--age", "40")
    plan = run_json("plan", "300", "mg", "glycinate", "--unit", "500mg", "--age", "40")
    assert contract_keys("convert key") == set(convert)
    assert contract_keys("item key") == set(convert["items"][0])
    assert contract_keys("check key") == set(check) - set(convert)
    assert contract_keys("reference key") == set(check["reference"])
    assert contract_keys("plan key") == set(plan)
    assert set(plan["check"]) == set(check) - {"from_config"}
    products = run_json("products")
    assert contract_keys("products key") == set(products)
    compared = run_json("compare", "--target", "300", "--forms", "examples/products.toml")
    assert contract_keys("compare key") == set(compared)
    offer_cell = re.search(r"^\| `offers` \| (.*) \|$", MANUAL, re.M)
    assert offer_cell is not None
    assert set(re.findall(r"`([a-z_0-9]+)`", offer_cell.group(1))) == set(compared["offers"][0])
    first_cell = re.search(r"^\| `products` \| (.*) \|$", MANUAL, re.M)
    assert first_cell is not None
    assert set(re.findall(r"`([a-z_]+)`", first_cell.group(1))) >= set(products["products"][0])
    assert json.dumps(check["reference"]["sources"]).startswith('{"rda"')


def test_ci_runs_the_readme_test_command() -> None:
    setup = SH_BLOCKS[:2]
    main_job, test_command = (block.strip() for block in setup)
    assert main_job == "pip install . && mgcalc 500 mg glycinate"
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in [line.strip() for line in ci_lines]


def test_the_csv_header_shown_is_the_one_written() -> None:
    from mgcalc.render.documents import CSV_COLUMNS

    assert f"`{','.join(('line', *CSV_COLUMNS))}`" in PAGES["pipelines.md"]
