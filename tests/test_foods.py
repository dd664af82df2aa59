"""Foods from USDA SR28: the bundled table as its build script makes it, the everyday names,
and `mgcalc foods`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import mgcalc

from helpers import assert_one_line_error, run

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "food" / "sr28"


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the SR28 source files are not here")
def test_the_bundled_table_is_what_the_script_builds_from_the_sources() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_foods.py"), str(SOURCES), "--check"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_the_table_holds_every_food_and_no_figure_is_made_up() -> None:
    lines = [
        line.split("\t")
        for line in (ROOT / "data" / "foods.tsv").read_text(encoding="utf-8").splitlines()
        if not line.startswith(("#", "ndb\t"))
    ]
    assert len(lines) == 8789  # FOOD_DES.txt's records
    assert sum(1 for line in lines if line[2] != "") == 8050  # NUT_DATA's nutrient 304 rows
    almonds = next(line for line in lines if line[0] == "12061")
    assert almonds[1:3] == ["Nuts, almonds", "270"]
    assert "1 oz (23 whole kernels)=28.35" in almonds[3].split("|")


@pytest.mark.parametrize(
    ("query", "ndb", "mg_per_100g"),
    [
        ("almonds", "12063", 279),  # dry roasted, as an everyday name
        ("raw almonds", "12061", 270),
        ("spinach boiled", "11458", 87),
        ("Boiled Spinach", "11458", 87),
        ("bananas", "09040", 27),
        ("pumpkin seeds", "12014", 592),
        ("black beans", "16015", 70),
        ("almods", "12063", 279),  # a close spelling
        ("12061", "12061", 270),  # an NDB number
    ],
)
def test_foods_are_found_as_people_name_them(query: str, ndb: str, mg_per_100g: float) -> None:
    (first, *_) = mgcalc.foods(query)
    assert (first.food.ndb, first.food.mg_per_100g) == (ndb, mg_per_100g)


def test_at_least_two_hundred_everyday_names_each_name_a_food() -> None:
    from mgcalc.datafiles import food_table

    table = food_table()
    assert len(table.names) >= 200
    assert all(ndb in table.foods for ndb in table.names.values())


def test_a_food_with_no_figure_is_unknown_never_zero() -> None:
    (first, *_) = mgcalc.foods("goji berries dried")
    assert first.food.mg_per_100g is None
    result = run("foods", "goji", "berries", "--format", "json")
    assert json.loads(result.stdout)["foods"][0]["portions"][0]["mg"] is None


def test_foods_as_json_and_csv_give_mg_per_portion() -> None:
    document = json.loads(run("foods", "almonds", "--limit", "1", "--format", "json").stdout)
    (food,) = document["foods"]
    assert (food["ndb"], food["name"]) == ("12063", "almonds")
    ounce = next(portion for portion in food["portions"] if portion["portion"].startswith("1 oz"))
    assert ounce["mg"] == pytest.approx(279 * 28.35 / 100)
    assert food["source"].endswith("NDB 12063")
    rows = run("foods", "raw", "almonds", "--limit", "1", "--format", "csv").stdout.splitlines()
    assert rows[0] == "ndb,description,name,mg_per_100g,portion,grams,mg"
    assert '12061,"Nuts, almonds",raw almonds,270.0,1 almond,1.2,3.24' in rows


def test_no_food_found_is_one_line_exit_1() -> None:
    assert_one_line_error(run("foods", "xyzzy"), 1, "no food matches 'xyzzy'")
