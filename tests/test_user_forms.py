"""User forms and products: --forms files and the per-user config file extend, never replace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import assert_one_line_error, run, run_json

MG = 24.305
GLYCINATE = MG + 2 * (2 * 12.011 + 4 * 1.008 + 14.007 + 2 * 15.999)

PRODUCTS = """
[products.my-glycinate]
name = "Brand X Magnesium Glycinate"
form = "glycinate"
elemental_mg = 100
compound_mg = 500
unit = "capsule"
aliases = ["bx-gly"]
source = "label"

[products.plain-glycinate]
name = "Pure bisglycinate"
form = "glycinate:dihydrate"
elemental_mg = 50
unit = "tablet"
source = "label"

[forms.my-salt]
name = "magnesium something"
default_variant = "anhydrous"
note = "A user's own form."
sources = ["a datasheet"]
[forms.my-salt.variants.anhydrous]
formula = "MgC4H4O4"
"""


@pytest.fixture
def products(tmp_path: Path) -> Path:
    path = tmp_path / "my-products.toml"
    path.write_text(PRODUCTS, encoding="utf-8")
    return path


def test_product_counted_in_capsules(products: Path) -> None:
    document = run_json(
        "check", "--forms", str(products), "2", "capsule", "my-glycinate",
        "--age", "40", "--sex", "male",
    )  # fmt: skip
    (item,) = document["items"]
    assert item["elemental_mg"] == pytest.approx(200.0)
    assert item["compound_mg"] == pytest.approx(1000.0)
    assert item["elemental_fraction"] == pytest.approx(0.2)
    assert document["supplemental_mg"] == pytest.approx(200.0)


def test_a_product_with_only_its_magnesium_figure_has_no_compound_weight(products: Path) -> None:
    (item,) = run_json("convert", "--forms", str(products), "3", "tablets", "plain-glycinate")[
        "items"
    ]
    assert item["variant"] == "dihydrate"
    assert item["elemental_mg"] == pytest.approx(150.0)
    assert (item["compound_mg"], item["elemental_fraction"]) == (None, None)
    assert item["fraction_source"] == "label"


def test_user_form(products: Path) -> None:
    (item,) = run_json("convert", "--forms", str(products), "1", "g", "my-salt")["items"]
    assert item["elemental_mg"] == pytest.approx(
        1000 * MG / (MG + 4 * 12.011 + 4 * 1.008 + 4 * 15.999)
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["2", "tablets", "my-glycinate"], "counted in capsules, not tablets"),
        (["2", "capsules", "glycinate"], "give a weight"),
        (["500", "mg", "bx-gly"], "counted in capsules"),
    ],
)
def test_product_unit_mistakes(products: Path, args: list[str], fragment: str) -> None:
    assert_one_line_error(run("convert", "--forms", str(products), *args), 1, fragment)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('[forms.glycinate]\nname = "x"\ndefault_variant = "a"\nnote = "n"\nsources = ["s"]\n'
         '[forms.glycinate.variants.a]\nformula = "MgO"\n', "clashes with the form of that name"),
        ('[products.x]\nname = "x"\nform = "oxide"\nelemental_mg = 1\nunit = "capsule"\n'
         'source = "s"\naliases = ["epsom"]\n', "the name 'epsom' is already used"),
        ('[products.x]\nname = "x"\nform = "oxide"\nelemental_mg = 600\ncompound_mg = 500\n'
         'unit = "capsule"\nsource = "s"\n', "a fraction above 1"),
        ('[products.x]\nname = "x"\nform = "oxyde"\nelemental_mg = 1\nunit = "capsule"\n'
         'source = "s"\n', "products.x.form: unknown form 'oxyde'"),
        ('[products.x]\nname = "x"\nform = "oxide"\nelemental_mg = 1\nunit = "litre"\n'
         'source = "s"\n', "not a counted unit"),
        ('[forms.y]\nname = "y"\ndefault_variant = "a"\nnote = "n"\nsources = ["s"]\n'
         '[forms.y.variants.a]\nformula = "Mg(OH"\n', "forms.y.variants.a.formula"),
        ("[forms.y\n", "invalid TOML"),
        ("recipes = 1\n", "unknown key 'recipes'"),
        ('[products.x]\nname = "x\\u001b[2J"\nform = "oxide"\nelemental_mg = 1\nunit = "tablet"\n'
         'source = "s"\n', "products.x.name contains a control character"),
        ('[products."x\\u001b"]\nname = "x"\nform = "oxide"\nelemental_mg = 1\nunit = "tablet"\n'
         'source = "s"\n', "contains a control character"),
    ],
)  # fmt: skip
def test_bad_user_files_name_file_and_key(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    assert_one_line_error(
        run("convert", "--forms", str(path), "1", "g", "oxide"), 1, str(path), fragment
    )


def test_config_file_in_the_platform_config_dir(tmp_path: Path) -> None:
    config = tmp_path / "config" / "mgcalc"
    config.mkdir(parents=True)
    (config / "forms.toml").write_text(PRODUCTS, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mgcalc",
            "convert",
            "1",
            "capsule",
            "my-glycinate",
            "--format",
            "csv",
        ],
        env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert ",100.0," in result.stdout


def test_forms_lists_user_forms(products: Path) -> None:
    document = run_json("forms", "--forms", str(products))
    assert "my-salt" in [form["form"] for form in document["forms"]]
