"""Built-in products: counted in their unit, with the label's figures and their sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mgcalc

from helpers import assert_one_line_error, run, run_json

MG = 24.305
O, H, S = 15.999, 1.008, 32.06
HYDROXIDE = MG + 2 * (O + H)
SULFATE_HEPTAHYDRATE = MG + S + 4 * O + 7 * (2 * H + O)
OXIDE = MG + O


@pytest.mark.parametrize(
    ("item", "compound_mg", "elemental_mg"),
    [
        # the label's magnesium figure, not the formula's (1,200 mg Mg(OH)2 is 500.1 mg)
        (["30", "mL", "milk-of-magnesia"], 2400, 1000),
        (["1", "tbsp", "milk-of-magnesia"], 1200, 500),
        (["5", "mL", "milk-of-magnesia-concentrated"], 1200, 500),
        (["2", "tablet", "mag-ox-400"], 800, 482.6),
        (["1", "tab", "mag-tab-sr"], 835, 84),
        # injections: the salt as labelled, its magnesium by the formula
        (["4", "mL", "sulfate-injection-50"], 2000, 2000 * MG / SULFATE_HEPTAHYDRATE),
        (["50", "mL", "sulfate-premix-4"], 2000, 2000 * MG / SULFATE_HEPTAHYDRATE),
        (["50", "mL", "sulfate-premix-8"], 4000, 4000 * MG / SULFATE_HEPTAHYDRATE),
        (["100", "mL", "sulfate-d5w-1"], 1000, 1000 * MG / SULFATE_HEPTAHYDRATE),
    ],
)
def test_products_counted_in_their_unit(
    item: list[str], compound_mg: float, elemental_mg: float
) -> None:
    (converted,) = run_json("convert", *item)["items"]
    assert converted["compound_mg"] == pytest.approx(compound_mg, rel=1e-12)
    assert converted["elemental_mg"] == pytest.approx(elemental_mg, rel=1e-12)
    assert converted["elemental_meq"] == pytest.approx(2 * elemental_mg / MG, rel=1e-12)


def test_citrate_solution_uses_the_label_figure() -> None:
    # 290 mg per 30 mL: a 296 mL bottle is 2861 mg (stoichiometry would say 2823 mg)
    for name in ("citrate-solution", "magnesium-citrate-solution"):
        (converted,) = run_json("convert", "296", "mL", name)["items"]
        assert converted["elemental_mg"] == pytest.approx(296 * 290 / 30, rel=1e-12)


def test_the_label_meq_figures_agree() -> None:
    # labels: 50 % vial 4.06 mEq/mL; 4 % premix 2 g "16.25 mEq"; 1 % in D5W "8.1 mEq" per g
    vial = run_json("convert", "1", "mL", "sulfate-injection-50")["total"]
    assert round(vial["elemental_meq"], 2) == 4.06
    premix = run_json("convert", "50", "mL", "sulfate-premix-4")["total"]
    assert abs(premix["elemental_meq"] - 16.25) < 0.03
    bag = run_json("convert", "100", "mL", "sulfate-d5w-1")["total"]
    assert round(bag["elemental_meq"], 1) == 8.1


def test_an_injection_product_is_reported_apart() -> None:
    document = run_json("check", "4", "mL", "sulfate-injection-50", "30", "mL", "milk-of-magnesia",
                        "--age", "40", "--sex", "f")  # fmt: skip
    assert [item["route"] for item in document["items"]] == ["IV", "oral"]
    assert [item["routes"] for item in document["items"]] == [["IV", "IM"], ["oral"]]
    assert document["parenteral_mg"] == pytest.approx(2000 * MG / SULFATE_HEPTAHYDRATE)
    assert document["supplemental_mg"] == pytest.approx(1000)
    assert document["above_ul"] is True  # 1,000 mg by mouth, above 350 mg
    assert "parenteral" in [note["key"] for note in document["notes"]]


def test_products_from_files_and_python(tmp_path: Path) -> None:
    path = tmp_path / "day.jsonl"
    path.write_text('{"amount": 2, "unit": "tablet", "form": "mag-ox-400"}\n'
                    '{"text": "15 mL milk-of-magnesia"}\n', encoding="utf-8")  # fmt: skip
    document = run_json("convert", "--input", str(path))
    assert document["total"]["elemental_mg"] == pytest.approx(482.6 + 500)
    day = mgcalc.convert(["2 tablet mag-ox-400", mgcalc.item(15, "mL", "milk-of-magnesia")])
    assert day.total.elemental_mg == pytest.approx(482.6 + 500)


def test_products_view() -> None:
    result = run("products", "--format", "json")
    assert result.exit_code == 0, result.stderr
    listed = {p["product"]: p for p in json.loads(result.stdout)["products"]}
    assert {"milk-of-magnesia", "milk-of-magnesia-concentrated", "citrate-solution",
            "sulfate-injection-50", "sulfate-premix-4", "sulfate-premix-8", "sulfate-d5w-1",
            "mag-ox-400", "mag-tab-sr"} <= set(listed)  # fmt: skip
    assert all(product["source"] for product in listed.values())
    assert listed["mag-ox-400"]["elemental_mg"] == 241.3
    assert listed["sulfate-injection-50"]["routes"] == ["IV", "IM"]
    assert listed["sulfate-premix-4"]["routes"] == ["IV"]  # a premixed bag: IV only
    assert listed["mag-ox-400"]["routes"] == ["oral"]
    assert listed["milk-of-magnesia"]["per_ml"] == 15
    table = run("products")
    assert table.exit_code == 0
    assert "mag-ox-400" in table.stdout
    assert "DailyMed setid 2ea68874" in table.stdout.replace("\n", " ")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["5", "g", "milk-of-magnesia"], "measured by volume, e.g. '15 mL milk-of-magnesia'"),
        (["2", "capsule", "mag-ox-400"], "counted in tablets, not capsules"),
        (["400", "mg", "mag-ox-400"], "counted in tablets"),
        (["5", "mL", "milk-of-magnesia@400mg/5mL"], "already has its label's figures"),
        (["2", "tablet", "mag-ox-400@60%"], "already has its label's figures"),
        (["5", "mL", "oxide"], "or a liquid product's name"),
    ],
)  # fmt: skip
def test_product_mistakes(args: list[str], fragment: str) -> None:
    assert_one_line_error(run("convert", *args), 1, fragment)


LIQUID = 'form = "hydroxide"\ncompound_mg = 5\nper_ml = 5\n'


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('form = "hydroxide"\nelemental_mg = 5\nper_ml = 5\nunit = "tablet"\n', "and unit"),
        ('form = "hydroxide"\nelemental_mg = 5\nper_ml = 0\n', "per_ml"),
        ('form = "hydroxide"\nunit = "tablet"\n', "elemental_mg"),
        (LIQUID + 'injection = true\n', "is written as routes"),
        (LIQUID + 'routes = ["IV", "SC"]\n', "'SC' is not one of oral, IV, IM"),
        (LIQUID + 'routes = ["oral", "IV"]\n', "by mouth or by injection, not both"),
        (LIQUID + 'routes = ["IV", "IV"]\n', "names a route twice"),
    ],
)  # fmt: skip
def test_bad_product_files(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(f'[products.mine]\nname = "x"\nsource = "y"\n{text}', encoding="utf-8")
    result = run("convert", "--forms", str(path), "1", "mL", "mine")
    assert_one_line_error(result, 1, str(path), fragment)


def test_user_liquid_product(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[products.my-liquid]\nname = "x"\nsource = "label"\nform = "chloride"\n'
                    'elemental_mg = 100\nper_ml = 5\n', encoding="utf-8")  # fmt: skip
    (converted,) = run_json("convert", "--forms", str(path), "2", "tsp", "my-liquid")["items"]
    assert converted["elemental_mg"] == pytest.approx(200)
    assert converted["route"] == "oral"


def test_a_form_names_its_products() -> None:
    result = run("forms", "hydroxide")
    assert result.exit_code == 0
    assert "Products (mgcalc products): milk-of-magnesia, milk-of-magnesia-concentrated" in (
        result.stdout
    )
    assert "Products" not in run("forms", "glycinate").stdout
