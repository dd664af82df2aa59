"""The README's commands work: every `mgcalc` example runs, and CI runs the test command."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from helpers import run

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SH_BLOCKS = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
EXAMPLES = [
    re.split(r"\s(?:\||&&|>)\s", line.split("  #")[0])[0].strip()
    for block in SH_BLOCKS
    for line in block.splitlines()
    if line.startswith("mgcalc ")
]


def test_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("command", EXAMPLES)
def test_readme_example_runs(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # examples name files under examples/
    result = run(*shlex.split(command)[1:])
    assert result.exit_code == 0, (command, result.stderr)
    assert result.stdout.strip()


def test_ci_runs_the_readme_test_command() -> None:
    setup = SH_BLOCKS[:2]
    main_job, test_command = (block.strip() for block in setup)
    assert main_job == "pip install . && mgcalc 500 mg glycinate"
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in [line.strip() for line in ci_lines]
