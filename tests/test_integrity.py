"""Data integrity and hygiene: the shipped data is consistent, user files are only read."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from mgcalc.datafiles import reference_data

from helpers import run

ROOT = Path(__file__).resolve().parent.parent


def test_each_life_stage_has_values_in_one_run_of_age_bands() -> None:
    # The loader checks each band; this checks the tables as a whole.
    standards, _ = reference_data()
    for standard in standards.values():
        for stage in ("pregnant", "lactating"):
            having = [i for i, band in enumerate(standard.intake) if stage in band.values]
            assert having, (standard.key, stage)
            assert having == list(range(having[0], having[-1] + 1)), (standard.key, stage)


def test_no_eval_exec_or_pickle_in_the_code() -> None:
    pattern = re.compile(r"\b(eval|exec|pickle|marshal|shelve)\b\s*[\.(]|import (pickle|marshal)")
    for path in (ROOT / "src" / "mgcalc").rglob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path


def _fingerprint(path: Path) -> tuple[int, int, str]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size, hashlib.sha256(path.read_bytes()).hexdigest()


def test_user_files_are_read_never_written(tmp_path: Path) -> None:
    forms = tmp_path / "products.toml"
    forms.write_text(
        '[products.p]\nname = "p"\nform = "oxide"\nelemental_mg = 100\nunit = "tablet"\n'
        'source = "s"\n',
        encoding="utf-8",
    )
    regimen = tmp_path / "regimen.toml"
    regimen.write_text(
        '[person]\nage = 40\nsex = "f"\n[[items]]\namount = 2\nunit = "tablet"\nform = "p"\n',
        encoding="utf-8",
    )
    doses = tmp_path / "doses.csv"
    doses.write_text("amount,unit,form\n1,tablet,p\n5,ml,oxide\n", encoding="utf-8")
    before = {path: _fingerprint(path) for path in (forms, regimen, doses)}
    for args in (
        ["check", "--forms", str(forms), "--regimen", str(regimen)],
        ["convert", "--forms", str(forms), "--input", str(doses), "--format", "csv"],
        ["convert", "--forms", str(forms), "--input", str(doses), "--format", "jsonl"],
        ["convert", "--forms", str(forms), "--input", str(doses)],
        ["forms", "--forms", str(forms)],
    ):
        assert run(*args).exit_code in (0, 4)
    assert {path: _fingerprint(path) for path in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in before)
