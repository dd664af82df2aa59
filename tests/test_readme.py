"""The README cannot drift: its commands run, its shown output is what mgcalc prints, its
Python examples pass, its JSON contract lists exactly the keys, and CI runs its test command."""

from __future__ import annotations

import doctest
import json
import re
import shlex
from pathlib import Path

import pytest
from cogapp import Cog

from helpers import run, run_json

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SH_BLOCKS = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
EXAMPLES = [
    re.split(r"\s(?:\||&&|>)\s", line.split("  #")[0])[0].strip()
    for block in SH_BLOCKS
    for line in block.splitlines()
    if line.startswith("mgcalc ")
]


def test_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 10
    assert len(PYTHON_BLOCKS) >= 3


@pytest.mark.parametrize("command", EXAMPLES)
def test_readme_example_runs(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # examples name files under examples/
    result = run(*shlex.split(command)[1:])
    assert result.exit_code == 0, (command, result.stderr)
    assert result.stdout.strip()


def test_the_output_shown_is_what_mgcalc_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    # cog reruns every [[[cog ...]]] block and compares; `cog -r -I docs README.md` updates.
    monkeypatch.syspath_prepend(str(ROOT / "docs"))
    status = Cog().main(["cog", "--check", "-I", str(ROOT / "docs"), str(ROOT / "README.md")])
    assert status == 0, "README output is stale: run `cog -r -I docs README.md`"


def test_the_python_examples_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(verbose=False)
    shared: dict[str, object] = {}
    for number, block in enumerate(PYTHON_BLOCKS):
        test = parser.get_doctest(block, shared, f"README python block {number}", "README.md", 0)
        runner.run(test, clear_globs=False)
        shared = test.globs  # each block goes on from the names the ones before it made
    assert runner.summarize(verbose=False).failed == 0


def contract_keys(header: str) -> set[str]:
    """The keys in the first column of the README table whose first header cell is `header`."""
    table = re.search(rf"^\| {header} \| meaning \|\n\| --- \| --- \|\n((?:\|.*\n)+)", README, re.M)
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
    offer_cell = re.search(r"^\| `offers` \| (.*) \|$", README, re.M)
    assert offer_cell is not None
    assert set(re.findall(r"`([a-z_0-9]+)`", offer_cell.group(1))) == set(compared["offers"][0])
    first_cell = re.search(r"^\| `products` \| (.*) \|$", README, re.M)
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

    assert f"`{','.join(('line', *CSV_COLUMNS))}`" in README
