"""The Python API: what the commands do, as functions with typed results."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import mgcalc
from mgcalc.core.reference import LifeStage, Sex

from helpers import run

MG = 24.305
# Molar masses from the formulas and CIAAW 2021 weights, computed here by hand.
OXIDE = MG + 15.999  # MgO
GLYCINATE = MG + 2 * (2 * 12.011 + 4 * 1.008 + 14.007 + 2 * 15.999)  # Mg(C2H4NO2)2


def test_convert_text_and_values_alike() -> None:
    from_text = mgcalc.convert("2x 400 mg oxide")
    from_values = mgcalc.convert(mgcalc.item(400, "mg", "oxide", servings=2))
    assert from_text.total == from_values.total
    (item,) = from_values.items
    assert item.compound_mg == 800
    assert item.elemental_mg == pytest.approx(800 * MG / OXIDE, rel=1e-15)
    assert item.elemental_mmol == pytest.approx(800 / OXIDE, rel=1e-15)
    assert item.elemental_meq == pytest.approx(1600 / OXIDE, rel=1e-15)
    assert item.item.describe() == "2x 400 mg oxide"
    assert from_text.items[0].item.describe() == "2x 400 mg oxide"


def test_convert_several_items_and_their_total() -> None:
    conversion = mgcalc.convert(["500 mg glycinate", mgcalc.item(1, "g", "oxide")])
    glycinate, oxide = conversion.items
    assert glycinate.elemental_mg == pytest.approx(500 * MG / GLYCINATE, rel=1e-12)
    assert oxide.elemental_mg == pytest.approx(1000 * MG / OXIDE, rel=1e-12)
    assert conversion.total.elemental_mg == glycinate.elemental_mg + oxide.elemental_mg


def test_item_values_carry_variant_percent_and_label() -> None:
    item = mgcalc.item(250, "mg", "glycinate@20%", label="buffered", elemental=False)
    (converted,) = mgcalc.convert(item).items
    assert converted.elemental_mg == pytest.approx(50.0)
    assert converted.item.label == "buffered"
    assert converted.item.describe() == "250 mg glycinate@20%"
    nonahydrate = mgcalc.convert(mgcalc.item(1.5, "g", "citrate", variant="nonahydrate"))
    assert nonahydrate.items[0].variant is not None
    assert nonahydrate.items[0].variant.key == "nonahydrate"


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: mgcalc.item(0, "mg", "oxide"), "must be greater than zero"),
        (lambda: mgcalc.item(float("nan"), "mg", "oxide"), "not a finite number"),
        (lambda: mgcalc.item(1, "mg", "oxide", servings=0), "servings 0 must be a whole number"),
        (lambda: mgcalc.item(1, "mg", "oxide", percent=120), "percentage 120"),
        (lambda: mgcalc.convert(mgcalc.item(1, "ml", "oxide")), "needs a concentration"),
        (lambda: mgcalc.convert("500 mg glycinat"), "did you mean 'glycinate'"),
        (lambda: mgcalc.check("1 g oxide"), "age is needed"),
        (lambda: mgcalc.check("1 g oxide", age=30, diet_mg=-1), "diet_mg -1 must be"),
        (lambda: mgcalc.check("1 g oxide", age=30, standard="who"), "standard 'who' is not"),
        (lambda: mgcalc.person(30, sex="m", pregnant=True), "pregnant applies to females only"),
        (lambda: mgcalc.plan("300 mg oxide", "500mg", intakes=9), "intakes 9 needs from 1 to 1"),
        (lambda: mgcalc.plan("300 mg oxide", "2 mmol"), "unit '2 mmol': give the weight of one"),
    ],
)
def test_errors_are_mgcalc_errors_in_the_apis_words(call: object, fragment: str) -> None:
    with pytest.raises(mgcalc.MgcalcError) as caught:
        call()  # type: ignore[operator]
    assert fragment in str(caught.value)


def test_check_a_day_for_a_person() -> None:
    day = mgcalc.check("300 mg elemental oxide", age=40, sex="female", diet_mg=100)
    assert day.person == mgcalc.person(40, sex="f")
    assert day.person.sex is Sex.FEMALE
    assert day.reference.rda_mg == 320
    assert day.reference.ul_mg == 350
    assert day.supplemental.elemental_mg == pytest.approx(300)
    assert day.total_mg == pytest.approx(400)
    assert day.meets_rda is True
    assert day.above_ul is False
    efsa = mgcalc.check("300 mg elemental oxide", mgcalc.person(40, sex="f"), standard="efsa")
    assert efsa.reference.ul_mg == 250
    assert efsa.above_ul is True


def test_check_of_a_stream_keeps_only_the_total() -> None:
    items = (mgcalc.item(100, "mg", "oxide", elemental=True) for _ in range(1000))
    day = mgcalc.check(items, age=30, sex="m", keep_items=False)
    assert day.items == ()
    assert day.supplemental.elemental_mg == pytest.approx(100_000)


def test_plan_and_its_check() -> None:
    plan = mgcalc.plan("300 mg glycinate", "500mg", intakes=2, who=mgcalc.person(40, sex="m"))
    unit_elemental = 500 * MG / GLYCINATE
    assert plan.unit_elemental_mg == pytest.approx(unit_elemental, rel=1e-12)
    assert plan.exact_units == pytest.approx(300 / unit_elemental, rel=1e-12)
    assert plan.whole_units == 4
    assert plan.intakes == (2, 2)
    assert plan.delivered.compound_mg == pytest.approx(2000)
    assert plan.check is not None
    assert plan.check.supplemental.elemental_mg == pytest.approx(4 * unit_elemental)
    assert mgcalc.plan("300 mg glycinate", "500mg").check is None


def test_forms_and_reference() -> None:
    assert [form.key for form in mgcalc.forms("epsom")] == ["sulfate"]
    assert len(mgcalc.forms()) > 20
    pregnant = mgcalc.person(16, pregnant=True)
    assert pregnant.life_stage is LifeStage.PREGNANT
    tables = mgcalc.reference("nih", pregnant)
    assert tables.selected is not None
    assert tables.selected.rda_mg == 400
    assert mgcalc.reference("efsa").selected is None


def test_rows_from_a_file_or_a_stream(tmp_path: Path) -> None:
    path = tmp_path / "doses.csv"
    path.write_text("amount,unit,form\n400,mg,oxide\n1,g,nothing\n", encoding="utf-8")
    from_file = list(mgcalc.convert_rows(mgcalc.read_items(path)))
    stream = io.BytesIO(path.read_bytes())
    from_stream = list(mgcalc.convert_rows(mgcalc.read_items(stream, "csv")))
    for results in (from_file, from_stream):
        good, bad = results
        assert isinstance(good, mgcalc.Converted)
        assert good.compound_mg == 400
        assert good.item.line == 2
        assert isinstance(bad, mgcalc.MgcalcError)
        assert bad.line == 3
        assert bad.message.startswith("line 3: unknown form or food 'nothing'")


@pytest.mark.parametrize(
    ("result", "args"),
    [
        (lambda: mgcalc.convert("2x 400 mg oxide"), ["convert", "2x", "400", "mg", "oxide"]),
        (
            lambda: mgcalc.check("300 mg elemental oxide", age=40, sex="female"),
            ["check", "300", "mg", "elemental", "oxide", "--age", "40", "--sex", "female"],
        ),
        (
            lambda: mgcalc.plan("300 mg glycinate", "500mg"),
            ["plan", "300", "mg", "glycinate", "--unit", "500mg"],
        ),
        (
            lambda: mgcalc.reference("efsa", mgcalc.person(12, sex="f")),
            ["reference", "--standard", "efsa", "--age", "12", "--sex", "f"],
        ),
        (lambda: mgcalc.forms("citrate"), ["forms", "citrate"]),
    ],
)
def test_the_json_contract_is_the_apis_results_as_json(result: object, args: list[str]) -> None:
    printed = run(*args, "--format", "json")
    assert printed.exit_code == 0, printed.stderr
    document = mgcalc.to_dict(result())  # type: ignore[operator]
    printed_document = json.loads(printed.stdout)
    # The one key the command line adds: which settings came from the user's config file.
    assert printed_document.pop("from_config", []) == []
    assert printed_document == json.loads(json.dumps(document))
