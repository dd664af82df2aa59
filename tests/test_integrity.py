"""Data integrity and hygiene: the shipped data is consistent, user files are only read."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest

from mgcalc.core.chemistry import HYDRATE_WORDS, hydrate_water
from mgcalc.datafiles import catalogue, data_path, read_toml, reference_data

from helpers import run

ROOT = Path(__file__).resolve().parent.parent
FORMS_DOCUMENT = read_toml(data_path("forms.toml"))["forms"]


def test_every_fraction_is_between_zero_and_one() -> None:
    for form in catalogue().forms.values():
        for variant in form.variants.values():
            assert 0 < variant.elemental_fraction < 1, (form.key, variant.key)


@pytest.mark.parametrize(
    ("form", "variant"),
    [(f, v) for f, table in FORMS_DOCUMENT.items() for v in table["variants"]],
)
def test_hydrate_names_match_the_water_in_the_formula(form: str, variant: str) -> None:
    formula = FORMS_DOCUMENT[form]["variants"][variant]["formula"]
    words = [w for w in variant.split("-") if w in HYDRATE_WORDS]
    if words:
        assert hydrate_water(formula) == HYDRATE_WORDS[words[0]]
    if "hydrate" in variant and not words:
        pytest.fail(f"{form}:{variant} names a hydrate mgcalc does not know")


def test_every_name_is_unique_across_forms() -> None:
    names: Counter[str] = Counter()
    for key, table in FORMS_DOCUMENT.items():
        names[key] += 1
        names.update(a.lower() for a in table.get("aliases", []))
        for variant in table["variants"].values():
            names.update(a.lower() for a in variant.get("aliases", []))
    assert [name for name, count in names.items() if count > 1] == []


def test_every_form_has_a_source_and_its_default_variant() -> None:
    for key, table in FORMS_DOCUMENT.items():
        assert table["sources"], key
        assert table["default_variant"] in table["variants"], key


def test_reference_values_have_sources_and_cover_each_life_stage() -> None:
    standards, notes = reference_data()
    for standard in standards.values():
        for band in standard.intake:
            assert band.source.strip()
            assert ("female" in band.values and "male" in band.values) or band.note
        for ul_band in standard.ul:
            assert ul_band.source.strip()
            assert ul_band.ul_mg is not None or ul_band.note
        for stage in ("pregnant", "lactating"):
            having = [i for i, band in enumerate(standard.intake) if stage in band.values]
            assert having, (standard.key, stage)
            assert having == list(range(having[0], having[-1] + 1)), (standard.key, stage)
    for note in notes.values():
        assert note.text.strip()
        assert note.source.strip()


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
