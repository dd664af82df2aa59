"""Supplement Facts lines: what a buyer holds is an item, wherever items are accepted."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import mgcalc

from helpers import assert_one_line_error, run

MG = 24.305
GLYCINATE = MG + 2 * (2 * 12.011 + 4 * 1.008 + 14.007 + 2 * 15.999)


def only(text: str) -> mgcalc.Converted:
    (converted,) = mgcalc.convert(text).items
    return converted


def test_the_panel_amount_is_elemental_and_as_names_the_compound() -> None:
    item = only("Magnesium (as magnesium bisglycinate chelate) 200 mg")
    assert item.form is not None
    assert item.form.key == "glycinate"
    assert item.elemental_mg == 200
    assert item.compound_mg == pytest.approx(200 * GLYCINATE / MG, rel=1e-12)
    assert item.item.sources == ("magnesium bisglycinate chelate",)


def test_a_compound_weight_gives_the_labels_own_fraction() -> None:
    item = only("Magnesium 150 mg 36% (from 1,000 mg magnesium citrate)")
    assert (item.elemental_mg, item.compound_mg) == (150, 1000)
    assert item.elemental_fraction == pytest.approx(0.15)
    assert mgcalc.to_dict(item)["fraction_source"] == "label"
    assert not any("fits neither" in note for note in item.notes)  # 150/420 = 36 %


def test_several_sources_make_one_item_of_no_single_compound() -> None:
    item = only("Magnesium (as magnesium oxide, magnesium citrate) 300 mg")
    assert item.form is None
    assert item.elemental_mg == 300
    assert item.item.sources == ("magnesium oxide", "magnesium citrate")
    document = mgcalc.to_dict(item)
    assert (document["form"], document["sources"]) == (
        None,
        ["magnesium oxide", "magnesium citrate"],
    )


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("Mg 120 mg (32% NRV)", None),  # 120/375 = 32 %
        ("Magnesium (from Magnesium Citrate) 200 mg 48%", None),  # 200/420 = 48 %
        ("Magnesium 200 mg 50% (from 2,000 mg magnesium citrate)", "before the 2016 rule"),
        ("Magnesium 200 mg 60%", "fits none of the US DV (420 mg), the US DV for pregnancy"),
        ("Mg 120 mg (40% NRV)", "fits none of the EU NRV (375 mg)"),
    ],
)
def test_daily_value_figures_are_checked(line: str, fragment: str | None) -> None:
    notes = [note for note in only(line).notes if "label's" in note and "%" in note]
    checks = [note for note in notes if "fits" in note or "fit " in note]
    if fragment is None:
        assert checks == []
    else:
        assert any(fragment in note for note in checks), notes


def test_trademarks_are_understood_or_ignored() -> None:
    assert only("Magnesium (as Chelazome® magnesium bisglycinate chelate) 100 mg").form is not None
    threonate = only("Magnesium (as Magtein™ magnesium L-threonate) 144 mg")
    assert threonate.form is not None
    assert threonate.form.key == "threonate"


def test_a_front_of_pack_line_is_the_compound_with_a_note() -> None:
    item = only("Magnesium glycinate 400 mg")
    assert item.compound_mg == 400
    assert any("write '400 mg elemental glycinate'" in note for note in item.notes)


def test_an_excipient_is_not_a_dose() -> None:
    result = run("convert", "Magnesium stearate 5 mg")
    assert_one_line_error(result, 1, "magnesium stearate is an excipient")


def test_a_comma_the_line_cannot_settle_is_refused() -> None:
    # 1,000 mg of compound for 0.5 mg of magnesium: 1.000 and 1000 both weigh more.
    result = run("convert", "Magnesium 0.5 mg (from 1,000 mg magnesium citrate)")
    assert_one_line_error(result, 1, "reads two ways")


def test_labels_on_the_command_line_with_servings_and_other_items() -> None:
    result = run(
        "check", "2x", "Magnesium 150 mg 36% (from 1,000 mg magnesium citrate)", "100", "mg",
        "oxide", "--age", "50", "--sex", "f", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    first, second = document["items"]
    assert (first["servings"], first["elemental_mg"]) == (2, 300)
    assert second["form"] == "oxide"


def test_labels_in_an_item_file() -> None:
    data = b"Magnesium (as magnesium citrate) 200 mg 48%\n1 g oxide\n"
    first, second = mgcalc.convert_rows(mgcalc.read_items(io.BytesIO(data), "items"))
    assert isinstance(first, mgcalc.Converted)
    assert isinstance(second, mgcalc.Converted)
    assert (first.item.line, first.elemental_mg) == (1, 200)
    assert second.item.line == 2


def test_a_compound_lighter_than_its_magnesium_is_refused() -> None:
    result = run("convert", "Magnesium 331 mg *36% (from 1.000 mg magnesium citrate)")
    assert_one_line_error(result, 1, "1.000 mg of compound is less than the 331 mg of magnesium")


@pytest.mark.parametrize(
    ("data", "input_format"),
    [
        (b'{"text": "Magnesium (as magnesium citrate) 200 mg 48%", "label": "panel"}\n', "jsonl"),
        (b'text,label\n"Magnesium (as magnesium citrate) 200 mg 48%",panel\n', "csv"),
        (
            b"amount,unit,form,text,label\n"
            b',,,"Magnesium (as magnesium citrate) 200 mg 48%",panel\n',
            "csv",
        ),
    ],
)
def test_labels_in_csv_and_json_lines_as_text(data: bytes, input_format: str) -> None:
    (converted,) = mgcalc.convert_rows(mgcalc.read_items(io.BytesIO(data), input_format))
    assert isinstance(converted, mgcalc.Converted)
    assert (converted.elemental_mg, converted.item.label) == (200, "panel")
    assert converted.item.sources == ("magnesium citrate",)


def test_an_item_as_text_and_as_values_is_refused() -> None:
    data = b'{"text": "1 g oxide", "amount": 1}\n'
    (error,) = mgcalc.convert_rows(mgcalc.read_items(io.BytesIO(data), "jsonl"))
    assert isinstance(error, mgcalc.MgcalcError)
    assert error.message == "line 1: give an item as its text or as values, not both (amount)"


def test_labels_in_a_regimen(tmp_path: Path) -> None:
    regimen = tmp_path / "day.toml"
    regimen.write_text(
        '[person]\nage = 40\nsex = "f"\n[[items]]\n'
        'text = "Magnesium (as magnesium bisglycinate chelate) 200 mg"\nlabel = "evening"\n',
        encoding="utf-8",
    )
    result = run("check", "--regimen", str(regimen), "--format", "json")
    assert result.exit_code == 0, result.stderr
    (item,) = json.loads(result.stdout)["items"]
    assert (item["form"], item["elemental_mg"], item["label"]) == ("glycinate", 200, "evening")


@pytest.mark.parametrize("name", ["citrate-malate"])
def test_a_mixture_with_no_formula_needs_the_labels_figure(name: str) -> None:
    with pytest.raises(mgcalc.MgcalcError, match="no single formula: give the label's % Mg"):
        mgcalc.convert(f"1 g {name}")
    (item,) = mgcalc.convert(f"1 g {name}@10%").items
    assert item.variant is None
    assert item.elemental_mg == pytest.approx(100)


def test_a_mixtures_label_line_gives_its_figure() -> None:
    item = only("Magnesium 200 mg 50% (from 2,000 mg magnesium lysinate glycinate chelate)")
    assert item.form is not None
    assert (item.form.key, item.elemental_mg, item.compound_mg) == ("lysinate-glycinate", 200, 2000)
    document = json.loads(json.dumps(mgcalc.to_dict(mgcalc.forms("citrate-malate"))))
    (form,) = document["forms"]
    assert (form["label_only"], form["variants"]) == (True, [])
