"""Foods as items: SR28's figure times the portion's grams, counted toward the RDA/AI and
never the UL; unknown figures, ambiguous names and bad amounts.

Expected values are SR28's own figures (mg per 100 g and gram weights, as FOOD_DES, NUT_DATA
and WEIGHT give them) multiplied here. Where the NIH ODS magnesium fact sheet's food table
(https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/, table 2) rests on the same
SR28 figures the results agree with it to its rounding: spinach boiled 1/2 cup 78 mg, black
beans 1/2 cup 60 mg, banana 1 medium 32 mg, pumpkin seeds roasted 1 oz 156 mg, salmon 3 oz
26 mg. It does not for almonds dry roasted 1 oz (80 mg, not SR28's 79.1) and peanut butter
2 tbsp (49 mg, not SR28's 53.8): the fact sheet takes those from FoodData Central's later
data.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest

import mgcalc

from helpers import assert_one_line_error, run, run_json

OUNCE_G = 28.349523125  # the avoirdupois ounce, exactly
POUND_G = 453.59237
US_CUP_ML = 236.5882365
US_FL_OZ_ML = 29.5735295625

# (item, NDB number, mg per 100 g in SR28, grams eaten, NIH ODS figure where it is SR28's)
SR28_ITEMS = [
    ("1 oz almonds dry roasted", "12063", 279, OUNCE_G, None),
    ("1/2 cup spinach boiled", "11458", 87, 180 / 2, 78),
    ("½ cup black beans", "16015", 70, 172 / 2, 60),
    ("2 tbsp peanut butter", "16398", 168, 32, None),
    ("1 medium banana", "09040", 27, 118, 32),
    ("2 bananas", "09040", 27, 2 * 118, None),
    ("100 g pumpkin seeds roasted", "12016", 550, 100, None),
    ("1 oz pumpkin seeds roasted", "12016", 550, OUNCE_G, 156),
    ("3 oz salmon", "15237", 30, 3 * OUNCE_G, 26),
    ("1 cup milk", "01079", 11, 244, None),
    ("1½ cups milk", "01079", 11, 1.5 * 244, None),
    ("1 lb almonds", "12063", 279, POUND_G, None),
    ("2x 1 oz almonds", "12063", 279, 2 * OUNCE_G, None),
]


@pytest.mark.parametrize(("text", "ndb", "per_100g", "grams", "ods_mg"), SR28_ITEMS)
def test_a_food_is_its_sr28_figure_times_the_grams_eaten(
    text: str, ndb: str, per_100g: float, grams: float, ods_mg: int | None
) -> None:
    (item,) = run_json("convert", text)["items"]
    expected = per_100g * grams / 100
    assert item["kind"] == "food"
    assert item["food"]["ndb"] == ndb
    assert item["food"]["mg_per_100g"] == per_100g
    assert math.isclose(item["food"]["grams"], grams, rel_tol=1e-12)
    assert math.isclose(item["elemental_mg"], expected, rel_tol=1e-12)
    assert math.isclose(item["elemental_mmol"], expected / 24.305, rel_tol=1e-12)
    assert math.isclose(item["elemental_meq"], 2 * expected / 24.305, rel_tol=1e-12)
    assert item["compound_mg"] is None
    assert item["form"] is None
    assert f"NDB {ndb}" in item["food"]["source"]
    assert "SR28" in item["food"]["source"]
    if ods_mg is not None:
        assert round(expected) == ods_mg


def test_a_volume_the_food_lacks_is_weighed_from_one_it_has_by_us_measures() -> None:
    # tap water (NDB 14411): SR28 gives 1 fl oz = 29.6 g, no cup
    (item,) = run_json("convert", "1 cup water")["items"]
    grams = 29.6 / US_FL_OZ_ML * US_CUP_ML
    assert math.isclose(item["food"]["grams"], grams, rel_tol=1e-12)
    assert math.isclose(item["elemental_mg"], grams / 100, rel_tol=1e-12)
    assert any("1 cup weighed from SR28's 1 fl oz (29.6 g)" in n for n in item["notes"])
    # milk (NDB 01079): 1 cup = 244 g, so 250 mL weighs 250 / 236.588... of it
    (milk,) = run_json("convert", "250 ml milk")["items"]
    assert math.isclose(milk["food"]["grams"], 244 / US_CUP_ML * 250, rel_tol=1e-12)


def test_an_everyday_name_says_which_food_it_chose_and_an_ndb_number_works_too() -> None:
    (named,) = run_json("convert", "1 oz almonds dry roasted")["items"]
    assert any("read as Nuts, almonds, dry roasted" in note for note in named["notes"])
    for text in ("100 g NDB 12063", "100 g ndb 12063"):
        (by_number,) = run_json("convert", text)["items"]
        assert by_number["food"]["ndb"] == "12063"
        assert by_number["elemental_mg"] == 279
    (described,) = run_json("convert", "1 cup Nuts, almonds, dry roasted, without salt added")[
        "items"
    ]
    assert described["food"]["ndb"] == "12063"
    assert described["food"]["grams"] == 138


def test_a_food_with_no_figure_is_unknown_never_zero_and_the_total_a_minimum() -> None:
    document = run_json("convert", "1 cup goji", "1 oz almonds")
    goji = document["items"][0]
    assert goji["food"]["mg_per_100g"] is None
    assert goji["elemental_mg"] is None
    assert goji["elemental_mmol"] is None
    assert document["total_is_minimum"] is True
    assert math.isclose(document["total"]["elemental_mg"], 279 * OUNCE_G / 100)
    table = run("convert", "1 cup goji", "1 oz almonds")
    total_line = next(line for line in table.stdout.splitlines() if "Total per day" in line)
    assert "≥ 79.1" in total_line
    rows = list(csv.DictReader(io.StringIO(run("convert", "1 cup goji", "-f", "csv").stdout)))
    assert rows[0]["elemental_mg"] == ""
    assert rows[0]["food"] == "Goji berries, dried"


def test_the_day_counts_food_toward_the_rda_and_never_toward_the_ul() -> None:
    day = run_json(
        "check", "1 oz almonds dry roasted", "1/2 cup spinach boiled", "400 mg oxide",
        "--age", "40", "--sex", "female",
    )  # fmt: skip
    food = 279 * OUNCE_G / 100 + 87 * 90 / 100
    oxide = 400 * 24.305 / 40.304
    assert math.isclose(day["food_mg"], food, rel_tol=1e-12)
    assert math.isclose(day["supplemental_mg"], oxide, rel_tol=1e-9)
    assert math.isclose(day["ul_counted_mg"], oxide, rel_tol=1e-9)
    assert math.isclose(day["total_mg"], food + oxide, rel_tol=1e-9)
    assert math.isclose(day["percent_ul"], 100 * oxide / 350, rel_tol=1e-9)
    assert math.isclose(day["percent_rda"], 100 * (food + oxide) / 320, rel_tol=1e-9)
    assert day["total_is_minimum"] is False
    assert day["meets_rda"] is True
    assert day["total_scope"] == "foods listed plus supplements"


def test_food_alone_never_reaches_the_ul_however_much() -> None:
    day = run_json("check", "1 lb almonds", "1 lb pumpkin seeds roasted", "--age", "40")
    assert day["food_mg"] > 350
    assert day["ul_counted_mg"] == 0
    assert day["above_ul"] is False


def test_diet_and_foods_add_up_and_an_unknown_food_leaves_the_verdict_open() -> None:
    day = run_json("check", "1 cup goji", "--age", "40", "--sex", "female", "--diet", "100mg")
    assert day["total_mg"] == 100
    assert day["total_is_minimum"] is True
    assert day["meets_rda"] is None  # below the RDA, but the goji's magnesium is unknown
    assert day["total_scope"].startswith("diet plus foods listed plus supplements")


def test_the_table_shows_food_as_its_own_group() -> None:
    result = run(
        "check", "1 medium banana", "1 oz almonds", "400 mg oxide", "--age", "40", "--sex", "f"
    )
    out = result.stdout
    assert out.index("Foods") < out.index("1 medium banana") < out.index("Per day")
    assert out.index("Per day") < out.index("Supplements and medicines")
    assert out.index("Supplements and medicines") < out.index("3   400 mg oxide")


def test_plan_plans_only_what_the_days_foods_do_not_give() -> None:
    plan = run_json("plan", "300", "mg", "glycinate", "--unit", "500mg", "--with", "1 oz almonds")
    almonds = 279 * OUNCE_G / 100
    assert math.isclose(plan["with_mg"], almonds, rel_tol=1e-12)
    assert plan["goal_elemental_mg"] == 300
    assert math.isclose(plan["target"]["elemental_mg"], 300 - almonds, rel_tol=1e-12)
    glycinate = 24.305 / 172.423  # Mg(C2H4NO2)2
    exact = (300 - almonds) / glycinate / 500
    assert math.isclose(plan["exact_units"], exact, rel_tol=1e-4)
    assert plan["whole_units"] == 3


def test_plan_with_items_checks_them_too_the_food_never_in_the_ul() -> None:
    plan = run_json(
        "plan", "400", "mg", "glycinate", "--unit", "500mg",
        "--with", "1 oz almonds", "--with", "200 mg oxide", "--age", "40", "--sex", "male",
    )  # fmt: skip
    check = plan["check"]
    oxide = 200 * 24.305 / 40.304
    assert math.isclose(
        check["ul_counted_mg"], plan["delivered_elemental_mg"] + oxide, rel_tol=1e-9
    )
    assert math.isclose(check["food_mg"], 279 * OUNCE_G / 100, rel_tol=1e-12)


def test_plan_refuses_a_target_the_other_items_already_give() -> None:
    result = run("plan", "50", "mg", "glycinate", "--unit", "500mg", "--with", "1 oz almonds")
    assert_one_line_error(result, 1, "give 79.1 mg", "at or above the target of 50.0 mg")


def test_the_python_api_reads_foods_like_the_command_line() -> None:
    conversion = mgcalc.convert("2 bananas")
    (banana,) = conversion.items
    assert banana.recipe.food is not None
    assert banana.food_grams == 236
    assert math.isclose(banana.elemental_mg, 27 * 236 / 100)
    day = mgcalc.check(["1 oz almonds", "200 mg glycinate"], age=30, sex="male")
    assert day.food_mg is not None
    assert math.isclose(day.food_mg, 279 * OUNCE_G / 100)


def test_csv_rows_carry_the_food_its_portion_and_grams() -> None:
    result = run("convert", "2 bananas", "400 mg oxide", "-f", "csv")
    banana, oxide = csv.DictReader(io.StringIO(result.stdout))
    assert (banana["kind"], banana["food"], banana["ndb"]) == ("food", "Bananas, raw", "09040")
    assert banana["portion"].startswith("1 medium")
    assert float(banana["grams"]) == 236
    assert (oxide["kind"], oxide["food"], oxide["grams"]) == ("supplement", "", "")


def test_a_form_or_product_is_never_a_food_nor_a_food_a_form() -> None:
    (milk,) = run_json("convert", "1 cup milk")["items"]
    assert milk["kind"] == "food"
    (magnesia,) = run_json("convert", "30 mL milk of magnesia")["items"]
    assert magnesia["kind"] == "supplement"
    assert magnesia["form"] == "hydroxide"
    for name in ("oxide", "citrate", "MgSO4", "epsom salt"):
        (item,) = run_json("convert", f"500 mg {name}")["items"]
        assert (item["kind"], item["food"]) == ("supplement", None), name


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["1 cup beans"], ["'beans' names", "foods whose magnesium differs", "mg in 1 cup beans"]),
        (["100 g almods"], ["unknown form or food 'almods'", "did you mean the food 'almond'"]),
        (["1 cup xyzzyfood"], ["unknown form or food 'xyzzyfood'", "mgcalc foods WORDS"]),
        (["1 slice almonds"], ["has no slice portion in SR28", "1 cup whole kernels"]),
        (["0 g almonds"], ["must be greater than zero"]),
        (["100 kg almonds"], ["100,000 g of one food", "more than anyone eats in a day"]),
        (["400 cups milk"], ["97,600 g of one food"]),
        (["1 mmol almonds"], ["a food is counted by weight or by its portions"]),
    ],
)
def test_a_bad_food_item_is_one_clear_line_and_exit_1(
    args: list[str], fragments: list[str]
) -> None:
    assert_one_line_error(run("convert", *args), 1, *fragments)
    assert_one_line_error(run("check", *args, "--age", "30"), 1, *fragments)


def test_the_choices_of_an_ambiguous_name_give_each_ones_magnesium_in_the_amount() -> None:
    result = run("convert", "1 cup beans")
    # black beans, boiled: SR28 1 cup = 172 g at 70 mg per 100 g
    assert "Beans, black, mature seeds, cooked, boiled, without salt (NDB 16015, 120.4 mg" in (
        result.stderr
    )


def test_csv_and_json_rows_take_foods_with_portions_and_fractions() -> None:
    csv_input = "amount,unit,form\n1/2,cup,spinach boiled\n½,cup,black beans\n1,medium,banana\n"
    result = run("convert", "--input", "-", "--input-format", "csv", "-f", "csv", input=csv_input)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [float(row["elemental_mg"]) for row in rows] == pytest.approx(
        [87 * 90 / 100, 70 * 86 / 100, 27 * 118 / 100], rel=1e-12
    )
    jsonl = '{"text": "2 bananas"}\n{"amount": 1, "unit": "oz", "form": "almonds"}\n'
    result = run("convert", "--input", "-", "--input-format", "jsonl", "-f", "jsonl", input=jsonl)
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["elemental_mg"] == pytest.approx(27 * 236 / 100, rel=1e-12)
    assert second["food"]["ndb"] == "12063"


def test_a_record_with_no_unit_says_how_a_food_is_counted() -> None:
    result = run(
        "convert", "--input", "-", "--input-format", "csv", input="amount,unit,form\n2,,bananas\n"
    )
    assert "line 2: missing unit (a food's count: its portion, such as 'medium')" in result.stderr
    assert result.exit_code == 4


@pytest.mark.parametrize(
    ("text", "what"),
    [("1 cup milk of magnesia", "'milk of magnesia' is a product, not a food"),
     ("2 slices oxide", "'oxide' is a form, not a food"),
     ("1 medium citrate", "'citrate' is a form, not a food")],
)  # fmt: skip
def test_a_form_or_product_counted_as_a_food_is_said_to_be_no_food(text: str, what: str) -> None:
    assert_one_line_error(run("convert", text), 1, "unknown unit", what)


def test_names_that_cover_foods_far_apart_are_refused_not_guessed() -> None:
    # mineral waters differ from 0 (Calistoga) to 11 mg per 100 g (Gerolsteiner) in SR28
    result = run("convert", "1 cup mineral water")
    assert_one_line_error(result, 1, "'mineral water' names 3 foods whose magnesium differs")
    (salt,) = run_json("convert", "1 tsp salt")["items"]
    assert (salt["food"]["ndb"], salt["elemental_mg"]) == ("02047", 6 * 1 / 100)


def test_a_regimen_file_holds_foods_as_text_or_as_values(tmp_path: Path) -> None:
    regimen = tmp_path / "day.toml"
    regimen.write_text(
        '[person]\nage = 40\nsex = "female"\n\n[[items]]\ntext = "1 oz almonds"\n\n'
        '[[items]]\namount = 1\nunit = "medium"\nform = "banana"\n',
        encoding="utf-8",
    )
    day = run_json("check", "--regimen", str(regimen))
    assert math.isclose(day["food_mg"], 279 * OUNCE_G / 100 + 27 * 118 / 100, rel_tol=1e-12)
    assert day["supplemental_mg"] == 0


def test_a_percent_in_a_foods_name_is_no_daily_value() -> None:
    (milk,) = run_json("convert", "1 cup 2% milk")["items"]
    assert (milk["food"]["ndb"], milk["elemental_mg"]) == ("01079", 11 * 244 / 100)


def test_a_linking_word_alone_names_no_food() -> None:
    assert_one_line_error(run("convert", "4 g in"), 1, "unknown form or food 'in'")


@pytest.mark.parametrize(
    ("text", "ndb", "grams"),
    [("3 slices bread", "18069", 3 * 29), ("1 cup oatmeal", "08121", 234),
     ("1 cup dry oats", "08120", 81)],
)  # fmt: skip
def test_plural_portions_and_the_food_a_name_usually_means(
    text: str, ndb: str, grams: float
) -> None:
    (item,) = run_json("convert", text)["items"]
    assert (item["food"]["ndb"], item["food"]["grams"]) == (ndb, grams)


def test_a_measure_alone_is_no_food() -> None:
    assert_one_line_error(run("convert", "½ cup"), 2, "'½ cup' is missing a food or form")


def test_the_food_an_everyday_name_chose_is_always_said() -> None:
    result = run("convert", "1 cup spinach", "2 bananas")
    assert "note (item 1): 'spinach' read as Spinach, raw (NDB 11457)" in result.stderr
    assert "note (item 2): 'bananas' read as Bananas, raw (NDB 09040)" in result.stderr
    by_number = run("convert", "100 g NDB 12063")
    assert "read as" not in by_number.stderr  # a number names its food itself
