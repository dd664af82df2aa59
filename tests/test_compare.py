"""`mgcalc compare`: what a product's magnesium costs, and what a day of it costs."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import mgcalc

from helpers import assert_one_line_error, run

PRODUCTS = """
[products.gly-a]
name = "Glycinate A"
form = "glycinate"
elemental_mg = 100
unit = "capsule"
source = "label"
price = 18.50
currency = "EUR"
units_per_package = 120

[products.ox-b]
name = "Oxide B"
form = "oxide"
elemental_mg = 250
unit = "tablet"
source = "label"
price = 9.99
currency = "EUR"
units_per_package = 100

[products.liq-c]
name = "Liquid C"
form = "chloride:hexahydrate"
elemental_mg = 100
per_ml = 5
source = "label"
price = 15
currency = "EUR"
units_per_package = 250

[products.inj-d]
name = "Injection D"
form = "sulfate:heptahydrate"
elemental_mg = 49.3
per_ml = 1
routes = ["IV"]
source = "label"
price = 3
units_per_package = 10

[products.cit-e]
name = "Citrate E"
form = "citrate"
elemental_mg = 150
unit = "scoop"
source = "label"
"""


@pytest.fixture
def products(tmp_path: Path) -> str:
    path = tmp_path / "products.toml"
    path.write_text(PRODUCTS, encoding="utf-8")
    return str(path)


def compare_json(products: str, *args: str) -> dict[str, object]:
    result = run("compare", "--forms", products, *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_ranked_by_cost_per_100_mg(products: str) -> None:
    document = compare_json(products)
    offers = document["offers"]
    assert isinstance(offers, list)
    assert [offer["product"] for offer in offers] == ["ox-b", "gly-a", "liq-c"]
    assert [offer["rank"] for offer in offers] == [1, 2, 3]
    assert offers[0]["cost_per_100_mg"] == pytest.approx(9.99 / (100 * 250) * 100)
    assert offers[1]["cost_per_100_mg"] == pytest.approx(18.50 / (120 * 100) * 100)
    assert offers[2]["cost_per_100_mg"] == pytest.approx(15 / (250 * 100 / 5) * 100)
    assert offers[2]["elemental_mg_per_unit"] == 20
    assert offers[0]["units_per_day"] is None
    assert document["target_mg"] is None
    assert document["unpriced"] == [
        "milk-of-magnesia",
        "milk-of-magnesia-concentrated",
        "citrate-solution",
        "mag-ox-400",
        "mag-tab-sr",
        "cit-e",
    ]  # fmt: skip  (injections are never compared)


def test_with_a_target_a_days_cost(products: str) -> None:
    offers = compare_json(products, "--target", "300mg")["offers"]
    assert isinstance(offers, list)
    by_key = {offer["product"]: offer for offer in offers}
    oxide, glycinate, liquid = by_key["ox-b"], by_key["gly-a"], by_key["liq-c"]
    assert (oxide["units_per_day"], oxide["delivered_mg"]) == (1, 250)  # 1.2 rounds to 1
    assert oxide["cost_per_day"] == pytest.approx(9.99 / 100)
    assert oxide["days_per_package"] == 100
    assert (glycinate["units_per_day"], glycinate["delivered_mg"]) == (3, 300)
    assert glycinate["cost_per_day"] == pytest.approx(18.50 * 3 / 120)
    assert glycinate["days_per_package"] == 40
    assert liquid["units_per_day"] == pytest.approx(15)  # mL, measured, not rounded
    assert liquid["cost_per_day"] == pytest.approx(15 * 15 / 250)
    assert liquid["days_per_package"] == pytest.approx(250 / 15)
    assert [offer["product"] for offer in offers] == ["ox-b", "gly-a", "liq-c"]


def test_a_days_cost_can_change_the_order(tmp_path: Path) -> None:
    # 400 mg tablets are the cheapest magnesium, but a 100 mg day still takes a whole one.
    path = tmp_path / "p.toml"
    path.write_text(
        """
[products.big]
name = "Big"
form = "oxide"
elemental_mg = 400
unit = "tablet"
source = "label"
price = 10
units_per_package = 100

[products.small]
name = "Small"
form = "citrate"
elemental_mg = 100
unit = "capsule"
source = "label"
price = 9
units_per_package = 120
""",
        encoding="utf-8",
    )
    plain = mgcalc.compare(forms_files=[path])
    assert [offer.product.key for offer in plain.offers] == ["big", "small"]
    assert plain.offers[0].cost_per_100_mg == pytest.approx(10 / 40000 * 100)  # 0.025
    assert plain.offers[1].cost_per_100_mg == pytest.approx(9 / 12000 * 100)  # 0.075
    daily = mgcalc.compare(100, forms_files=[path])
    assert [offer.product.key for offer in daily.offers] == ["small", "big"]
    assert daily.offers[0].cost_per_day == pytest.approx(9 / 120)
    assert daily.offers[1].cost_per_day == pytest.approx(10 / 100)
    assert daily.offers[1].delivered_mg == 400


def test_currencies_are_ranked_apart(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        PRODUCTS.split("[products.liq-c]", maxsplit=1)[0].replace(
            'currency = "EUR"', 'currency = "USD"', 1
        ),
        encoding="utf-8",
    )
    document = compare_json(str(path))
    assert document["currencies"] == ["EUR", "USD"]
    offers = document["offers"]
    assert isinstance(offers, list)
    assert [(offer["product"], offer["currency"]) for offer in offers] == [
        ("ox-b", "EUR"), ("gly-a", "USD"),
    ]  # fmt: skip
    table = run("compare", "--forms", str(path)).stdout
    assert "Prices in different currencies are ranked apart." in table
    assert "18.50 USD" in table


def test_csv_has_the_offers_columns(products: str) -> None:
    result = run("compare", "--forms", products, "--target", "300", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["product"] for row in rows] == ["ox-b", "gly-a", "liq-c"]
    assert float(rows[1]["cost_per_day"]) == pytest.approx(0.4625)
    assert rows[0]["currency"] == "EUR"
    no_target = run("compare", "--forms", products, "-f", "csv")
    assert next(iter(csv.DictReader(io.StringIO(no_target.stdout))))["units_per_day"] == ""


@pytest.mark.parametrize("width", ["40", "80", "160"])
def test_table_shows_costs_in_the_currency(products: str, width: str) -> None:
    from click.testing import CliRunner

    from mgcalc.cli import cli

    result = CliRunner().invoke(
        cli, ["compare", "--forms", products, "--target", "300"], env={"COLUMNS": width}
    )
    assert result.exit_code == 0
    for shown in ("9.99 EUR", "0.10 EUR", "0.46 EUR", "15.0 mL", "0.040 EUR", "250.0"):
        assert shown in result.stdout, shown


def test_with_no_priced_product() -> None:
    result = run("compare")
    assert result.exit_code == 0
    assert "No product has a price" in result.stdout
    assert json.loads(run("compare", "-f", "json").stdout)["offers"] == []


@pytest.mark.parametrize(
    ("target", "code", "fragment"),
    [
        ("0", 1, "--target 0 must be a finite amount above 0"),
        ("-5", 1, "--target -5 must be a finite amount above 0"),
        ("nan", 1, "--target nan must be a finite amount above 0"),
        ("abc", 2, "'abc' is not an amount in mg"),
        ("3 g", 2, "'3 g' is not an amount in mg"),
    ],
)
def test_a_bad_target(products: str, target: str, code: int, fragment: str) -> None:
    result = run("compare", "--forms", products, "--target", target)
    assert_one_line_error(result, code, fragment)


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ("units_per_package = 120", "products.gly-a needs price and units_per_package together"),
        ("price = 18.50", "products.gly-a needs price and units_per_package together"),
    ],
)
def test_a_price_needs_its_package(tmp_path: Path, change: str, fragment: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(PRODUCTS.replace(change, ""), encoding="utf-8")
    assert_one_line_error(run("compare", "--forms", str(path)), 1, str(path), fragment)


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("price = 18.50", "price = -1", "products.gly-a.price must be a finite number above 0"),
        ("price = 18.50", 'price = "18.50"', "products.gly-a.price must be a number"),
        ("units_per_package = 120", "units_per_package = 0", "units_per_package must be a"),
        ('source = "label"\n"""', 'source = "label"\ncurrency = "EUR"\n"""', "needs a price"),
    ],
)
def test_bad_prices_name_their_key(tmp_path: Path, old: str, new: str, fragment: str) -> None:
    path = tmp_path / "p.toml"
    text = (PRODUCTS + '"""').replace(old, new, 1).removesuffix('"""')
    path.write_text(text, encoding="utf-8")
    assert_one_line_error(run("products", "--forms", str(path)), 1, fragment)


def test_products_json_carries_prices_and_origin(products: str) -> None:
    listed = json.loads(run("products", "--forms", products, "-f", "json").stdout)["products"]
    glycinate = next(p for p in listed if p["product"] == "gly-a")
    assert (glycinate["price"], glycinate["currency"], glycinate["units_per_package"]) == (
        18.5, "EUR", 120,
    )  # fmt: skip
    assert glycinate["yours"] is True
    assert glycinate["file"] == products
    builtin = next(p for p in listed if p["product"] == "mag-ox-400")
    assert builtin["yours"] is False
    assert builtin["price"] is None
