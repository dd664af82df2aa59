"""The built-in forms data: every figure recomputed independently."""

from __future__ import annotations

import re
from pathlib import Path

import periodictable
import pytest

from mgcalc.core.errors import DataFileError
from mgcalc.core.forms_schema import build_catalogue
from mgcalc.core.units import COUNT_UNITS
from mgcalc.datafiles import atomic_weights, catalogue, read_toml

FORMS = catalogue().forms
ALL_VARIANTS = [(f.key, v.key) for f in FORMS.values() for v in f.variants.values()]

# Elemental fractions of the reference table (periodictable 2.1.0, CIAAW 2021),
# written out here by hand: (form, variant) -> fraction of Mg by mass.
REFERENCE_FRACTIONS = {
    ("oxide", "anhydrous"): 0.60304,
    ("hydroxide", "anhydrous"): 0.41676,
    ("carbonate", "anhydrous"): 0.28827,
    ("carbonate", "trihydrate"): 0.17567,
    ("carbonate", "basic-tetrahydrate"): 0.25987,
    ("carbonate", "basic-pentahydrate"): 0.25023,
    ("chloride", "anhydrous"): 0.25529,
    ("chloride", "hexahydrate"): 0.11956,
    ("sulfate", "anhydrous"): 0.20193,
    ("sulfate", "monohydrate"): 0.17564,
    ("sulfate", "heptahydrate"): 0.09861,
    ("citrate", "anhydrous"): 0.16163,
    ("citrate", "nonahydrate"): 0.11890,
    ("citrate", "tetradecahydrate"): 0.10367,
    ("hydrogen-citrate", "anhydrous"): 0.11336,
    ("hydrogen-citrate", "tetrahydrate"): 0.08484,
    ("dihydrogen-citrate", "anhydrous"): 0.05979,
    ("glycinate", "anhydrous"): 0.14096,
    ("glycinate", "monohydrate"): 0.12763,
    ("glycinate", "dihydrate"): 0.11660,
    ("threonate", "anhydrous"): 0.08253,
    ("threonate", "monohydrate"): 0.07777,
    ("taurate", "anhydrous"): 0.08917,
    ("acetyl-taurate", "anhydrous"): 0.06815,
    ("malate", "anhydrous"): 0.15543,
    ("malate", "trihydrate"): 0.11551,
    ("dimagnesium-malate", "nominal"): 0.24715,
    ("lactate", "anhydrous"): 0.12006,
    ("lactate", "dihydrate"): 0.10192,
    ("lactate", "trihydrate"): 0.09476,
    ("gluconate", "anhydrous"): 0.05862,
    ("gluconate", "monohydrate"): 0.05618,
    ("gluconate", "dihydrate"): 0.05394,
    ("aspartate", "anhydrous"): 0.08425,
    ("aspartate", "dihydrate"): 0.07489,
    ("aspartate", "tetrahydrate"): 0.06741,
    ("aspartate-hydrochloride", "trihydrate"): 0.09884,
    ("orotate", "anhydrous"): 0.07266,
    ("orotate", "dihydrate"): 0.06560,
    ("pidolate", "anhydrous"): 0.08664,
    ("pidolate", "monohydrate"): 0.08141,
    ("glycerophosphate", "anhydrous"): 0.12505,
    ("acetate", "tetrahydrate"): 0.11333,
    ("fumarate", "anhydrous"): 0.17566,
    ("succinate", "anhydrous"): 0.17314,
    ("ascorbate", "anhydrous"): 0.06489,
    ("phosphate-dibasic", "trihydrate"): 0.13942,
    ("trisilicate", "nominal"): 0.18635,
    ("picolinate", "anhydrous"): 0.09052,
    ("phosphate-tribasic", "anhydrous"): 0.27740,
    ("phosphate-tribasic", "pentahydrate"): 0.20660,
    ("phosphate-tribasic", "octahydrate"): 0.17916,
    ("potassium-magnesium-citrate", "anhydrous"): 0.04349,
    ("lysinate", "anhydrous"): 0.07724,
    ("pyruvate", "anhydrous"): 0.12250,
    ("glutamate", "anhydrous"): 0.07678,
    ("glutamate", "tetrahydrate"): 0.06254,
    ("salicylate", "anhydrous"): 0.08141,
    ("salicylate", "tetrahydrate"): 0.06558,
}


@pytest.mark.parametrize(("form", "variant"), ALL_VARIANTS)
def test_fraction_agrees_with_periodictable(form: str, variant: str) -> None:
    entry = FORMS[form].variants[variant]
    independent = periodictable.formula(re.sub("[·.*]", "+", entry.formula))
    fraction = independent.atoms[periodictable.Mg] * periodictable.Mg.mass / independent.mass
    assert entry.elemental_fraction == pytest.approx(fraction, rel=1e-4)
    assert entry.molar_mass == pytest.approx(independent.mass, rel=1e-4)
    assert entry.magnesium_atoms == independent.atoms[periodictable.Mg]


@pytest.mark.parametrize(("form", "variant"), sorted(REFERENCE_FRACTIONS))
def test_fraction_agrees_with_reference_table(form: str, variant: str) -> None:
    fraction = FORMS[form].variants[variant].elemental_fraction
    assert fraction == pytest.approx(REFERENCE_FRACTIONS[(form, variant)], abs=6e-6)


def test_every_variant_is_in_the_reference_table() -> None:
    assert sorted(ALL_VARIANTS) == sorted(REFERENCE_FRACTIONS)


def test_citrate_counts_three_magnesium_atoms() -> None:
    citrate = FORMS["citrate"].variants["anhydrous"]
    assert citrate.magnesium_atoms == 3
    assert citrate.elemental_fraction == pytest.approx(3 * 24.305 / 451.113, rel=1e-5)


@pytest.mark.parametrize(
    ("form", "default"),
    [
        ("oxide", "anhydrous"),
        ("chloride", "hexahydrate"),
        ("sulfate", "heptahydrate"),
        ("citrate", "anhydrous"),
        ("glycinate", "anhydrous"),
        ("threonate", "anhydrous"),
        ("carbonate", "basic-tetrahydrate"),
        ("gluconate", "dihydrate"),
    ],
)
def test_default_variants(form: str, default: str) -> None:
    assert FORMS[form].default_variant == default


def test_every_form_has_sources_and_a_note() -> None:
    for form in FORMS.values():
        assert form.sources, form.key
        assert form.note.strip(), form.key


def test_atomic_weights_are_ciaaw_2021_abridged() -> None:
    for element, weight in atomic_weights().items():
        assert weight == pytest.approx(getattr(periodictable, element).mass, rel=1e-9)


# Malformed files: the error names the file and the key.

GOOD_FORM = """
[forms.oxide]
name = "magnesium oxide"
aliases = ["mgo"]
default_variant = "anhydrous"
note = "A note."
sources = ["A source."]
[forms.oxide.variants.anhydrous]
formula = "MgO"
"""


def _load(tmp_path: Path, text: str) -> None:
    path = tmp_path / "forms.toml"
    path.write_text(text, encoding="utf-8")
    build_catalogue([(read_toml(str(path)), str(path))], atomic_weights(), COUNT_UNITS)


def test_good_minimal_file_loads(tmp_path: Path) -> None:
    _load(tmp_path, GOOD_FORM)


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (('formula = "MgO"', 'formula = "Mg(O"'), "forms.oxide.variants.anhydrous.formula"),
        (('formula = "MgO"', 'formula = "CaO"'), "forms.oxide.variants.anhydrous.formula"),
        (('formula = "MgO"', 'formula = "MgXe"'), "forms.oxide.variants.anhydrous.formula"),
        (('formula = "MgO"', "formula = 3"), "forms.oxide.variants.anhydrous.formula"),
        (('default_variant = "anhydrous"', 'default_variant = "hexahydrate"'), "default_variant"),
        (('sources = ["A source."]', "sources = []"), "forms.oxide.sources"),
        (('aliases = ["mgo"]', 'aliases = "mgo"'), "forms.oxide.aliases"),
        (('note = "A note."', 'colour = "red"'), "unknown key 'colour'"),
        (("[forms.oxide.variants.anhydrous]", "[forms.oxide.variants.dihydrate]"), "dihydrate"),
        (('name = "magnesium oxide"', 'name = ""'), "forms.oxide.name"),
        (('formula = "MgO"', 'formula = "Mg"'), "impossible fraction"),
    ],
)
def test_malformed_file_names_file_and_key(
    tmp_path: Path, change: tuple[str, str], key: str
) -> None:
    with pytest.raises(DataFileError) as caught:
        _load(tmp_path, GOOD_FORM.replace(*change))
    assert str(tmp_path / "forms.toml") in caught.value.message
    assert key in caught.value.message


def test_duplicate_alias_is_rejected(tmp_path: Path) -> None:
    clash = GOOD_FORM + GOOD_FORM.replace("forms.oxide", "forms.periclase").replace(
        '["mgo"]', '["Mgo"]'
    )
    with pytest.raises(DataFileError, match=r"periclase\.aliases: the name 'mgo' is already used"):
        _load(tmp_path, clash)


def test_toml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"forms\.toml: invalid TOML: .*line 3"):
        _load(tmp_path, "[forms]\nx = 1\ny = \n")
