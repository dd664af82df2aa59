"""Whole Supplement Facts panels: their magnesium rows, counted once, per day.

The two published panels are in examples/labels (see its README for where each was copied
from); the layouts of nested rows are written here, each a shape panels are printed in."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import mgcalc

from helpers import run

LABELS = Path(__file__).parent.parent / "examples" / "labels"
MG, H, C, N, O = 24.305, 1.008, 12.011, 14.007, 15.999
CITRATE = 3 * MG + 2 * (6 * C + 5 * H + 7 * O)
GLYCINATE = MG + 2 * (2 * C + 4 * H + N + 2 * O)


def panel_items(text: str) -> list[mgcalc.Converted]:
    return list(mgcalc.convert(text).items)


@pytest.mark.parametrize(
    ("name", "line", "elemental_mg"),
    [("kirkman-magnesium-citrate.txt", 4, 200), ("now-magnesium-citrate.txt", 3, 400)],
)
def test_a_published_panel_gives_its_magnesium_row(
    name: str, line: int, elemental_mg: float
) -> None:
    result = run("convert", "--input", str(LABELS / name), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    (row,) = [json.loads(text) for text in result.stdout.splitlines()]
    assert (row["line"], row["form"], row["elemental_mg"]) == (line, "citrate", elemental_mg)
    assert row["compound_mg"] == pytest.approx(elemental_mg * CITRATE / (3 * MG), rel=1e-12)


PANEL = """Supplement Facts
Serving Size 2 Capsules
Servings Per Container 60
                                    Amount Per Serving   % Daily Value
Vitamin D3 (as cholecalciferol)     25 mcg               125%
Magnesium (as magnesium glycinate)  200 mg               48%
Zinc (as zinc citrate)              15 mg                136%
*Percent Daily Values are based on a 2,000 calorie diet.
Other Ingredients: Hypromellose (capsule), magnesium stearate, rice flour.
Directions: Take 2 capsules twice daily with food.
"""


def test_other_nutrients_are_skipped_and_the_directions_give_the_servings() -> None:
    (item,) = panel_items(PANEL)
    assert item.item.servings == 2  # 2 capsules twice a day, 2 capsules a serving
    assert item.elemental_mg == 400
    notes = " | ".join(item.notes)
    assert "2 row(s) of other nutrients skipped" in notes
    assert "magnesium stearate in the other ingredients is an excipient" in notes
    assert "2 serving(s) a day, from the directions" in notes


def test_a_compound_row_under_magnesium_is_its_weight_counted_once() -> None:
    text = (
        "Supplement Facts\nServing Size 1 Tablet\nMagnesium   200 mg   48%\n"
        "   Magnesium Glycinate   1,000 mg\n"
    )
    (item,) = panel_items(text)
    assert (item.elemental_mg, item.compound_mg) == (200, 1000)
    assert any("is its compound's weight (1000 mg)" in note for note in item.notes)


def test_rows_under_magnesium_that_add_up_to_it_are_its_shares() -> None:
    text = (
        "Supplement Facts\nMagnesium 200 mg 48%\n  Magnesium citrate 100 mg\n"
        "  Magnesium glycinate 100 mg\nDirections: take 1 tablet daily\n"
    )
    first, second = panel_items(text)
    assert (first.elemental_mg, second.elemental_mg) == (100, 100)  # 200 mg, counted once
    assert second.compound_mg == pytest.approx(100 * GLYCINATE / MG, rel=1e-12)
    assert any("add up to its 200 mg: read as its shares" in note for note in first.notes)


def test_rows_under_magnesium_that_are_neither_count_the_magnesium_once() -> None:
    text = (
        "Supplement Facts\nMagnesium 200 mg 48%\n  Magnesium citrate 500 mg\n"
        "  Magnesium oxide 300 mg\n"
    )
    (item,) = panel_items(text)
    assert (item.form, item.elemental_mg) == (None, 200)
    assert item.item.sources == ("citrate", "oxide")


def test_sources_on_lines_of_their_own() -> None:
    (item,) = panel_items("Supplement Facts\nMagnesium 100 mg 24%\n   as magnesium oxide\n")
    assert item.form is not None
    assert (item.form.key, item.elemental_mg) == ("oxide", 100)


def test_a_panel_with_only_an_excipient_is_refused_saying_so() -> None:
    text = (
        "Supplement Facts\nVitamin C 60 mg 67%\nOther ingredients: cellulose, magnesium stearate\n"
    )
    with pytest.raises(mgcalc.MgcalcError, match=r"no magnesium row \(magnesium stearate"):
        mgcalc.convert(text)


def test_panels_one_after_another_name_their_lines() -> None:
    data = (
        b"Supplement Facts\nMagnesium 100 mg 24%\nSupplement Facts\nVitamin C 5 mg 6%\n"
        b"Supplement Facts\nServing Size 1 tablet\nMagnesium oxide 250 mg\n"
    )
    rows = list(mgcalc.convert_rows(mgcalc.read_items(io.BytesIO(data), "panel")))
    first, error, third = rows
    assert isinstance(first, mgcalc.Converted)
    assert first.item.line == 2
    assert isinstance(error, mgcalc.MgcalcError)
    assert error.message == "line 3: the panel has no magnesium row"
    assert isinstance(third, mgcalc.Converted)
    assert third.item.line == 7


def test_a_panel_in_a_json_line_csv_text_and_on_the_command_line() -> None:
    text = "Supplement Facts\nMagnesium 100 mg 24%\nMagnesium 50 mg 12%"
    data = (json.dumps({"text": text, "label": "multi"}) + "\n").encode()
    rows = list(mgcalc.convert_rows(mgcalc.read_items(io.BytesIO(data), "jsonl")))
    assert [(row.item.line, row.item.label, row.elemental_mg) for row in rows] == [  # type: ignore[union-attr]
        (1, "multi", 100), (1, "multi", 50)
    ]  # fmt: skip
    csv = b'text,label\n"' + text.encode() + b'",p\n1 g oxide,\n'
    rows = list(mgcalc.convert_rows(mgcalc.read_items(io.BytesIO(csv), "csv")))
    assert [row.item.line for row in rows] == [2, 2, 5]  # type: ignore[union-attr]
    result = run("convert", text, "400", "mg", "oxide", "--format", "json")
    assert [item["elemental_mg"] for item in json.loads(result.stdout)["items"]][:2] == [100, 50]
