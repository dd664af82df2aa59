"""Label-database documents: the NIH DSLD label object, one, an array, or JSON lines.

examples/labels/dsld-49495.json is the DSLD's own document for one label (see its README);
the other documents here are that one, laid out or repeated as the database's users do."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest

import mgcalc

from helpers import run

LABEL = Path(__file__).parent.parent / "examples" / "labels" / "dsld-49495.json"
DOCUMENT: dict[str, Any] = json.loads(LABEL.read_text(encoding="utf-8"))
MG, O = 24.305, 15.999
OXIDE = MG + O


def rows_of(
    data: bytes, input_format: str = "jsonl"
) -> list[mgcalc.Converted | mgcalc.MgcalcError]:
    return list(mgcalc.convert_rows(mgcalc.read_items(io.BytesIO(data), input_format)))


def test_a_label_document_gives_its_magnesium_with_where_it_came_from() -> None:
    result = run("convert", "--input", str(LABEL), "--format", "json")
    assert result.exit_code == 0, result.stderr
    (item,) = json.loads(result.stdout)["items"]
    assert (item["form"], item["elemental_mg"]) == (
        "oxide",
        50,
    )  # 'Magnesium (as Magnesium Oxide) 50 mg'
    assert item["compound_mg"] == pytest.approx(50 * OXIDE / MG, rel=1e-12)
    assert item["from_label"] == {
        "dsld_id": 49495,
        "product": "Your Life Multi Men's 50+",
        "brand": "Nature's Bounty",
        "serving": "1 Tablet(s)",
        "daily_servings": [1, 1],
    }
    notes = " | ".join(item["notes"])
    assert "50 mg of magnesium per serving (1 Tablet(s)), 50 mg a day at 1 serving(s)" in notes
    assert "13% for 50 mg fits the US DV for pregnancy and lactation, or before the 2016" in notes


@pytest.mark.parametrize(
    "data",
    [
        json.dumps([DOCUMENT, DOCUMENT]).encode(),  # a JSON array
        (json.dumps(DOCUMENT) + "\n" + json.dumps(DOCUMENT) + "\n").encode(),  # JSON lines
        (json.dumps(DOCUMENT, indent=2) + "\n" + json.dumps(DOCUMENT, indent=2)).encode(),
        json.dumps([DOCUMENT, DOCUMENT], indent=1).encode(),
    ],
)
def test_several_documents_in_any_layout(data: bytes) -> None:
    rows = rows_of(data)
    assert [type(row) for row in rows] == [mgcalc.Converted, mgcalc.Converted]
    first, second = rows
    assert isinstance(first, mgcalc.Converted)
    assert isinstance(second, mgcalc.Converted)
    assert first.elemental_mg == second.elemental_mg == 50
    assert second.item.line >= first.item.line >= 1  # one line may hold both


def test_a_check_of_several_labels_is_one_day() -> None:
    data = json.dumps([DOCUMENT, DOCUMENT]).encode()
    result = run("check", "--input", "-", "--input-format", "jsonl", "--age", "60", "--sex", "m",
                 "--format", "json", input=data)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["supplemental_mg"] == 100


def test_the_most_servings_a_label_directs_are_counted_and_said() -> None:
    document = copy.deepcopy(DOCUMENT)
    document["servingSizes"][0].update(minDailyServings=1, maxDailyServings=2)
    (item,) = mgcalc.label_items(document)
    assert item.servings == 2
    assert any("directs 1 to 2 servings a day: 2, the most" in note for note in item.notes)


def test_a_label_with_no_magnesium_dose_says_so() -> None:
    document = copy.deepcopy(DOCUMENT)
    document["ingredientRows"] = [
        row for row in document["ingredientRows"] if row["name"] != "Magnesium"
    ]
    (error,) = rows_of(json.dumps(document).encode())
    assert isinstance(error, mgcalc.MgcalcError)
    assert error.message.startswith("line 1: label 49495 (Nature's Bounty Your Life Multi Men's")
    assert "no magnesium dose (magnesium stearate in the other ingredients is an excipient" in (
        error.message
    )


def test_a_bad_document_is_one_error_and_reading_goes_on() -> None:
    data = (
        b'[{"amount": 1, "unit": "g", "form": "oxide"},\n {"amount": 1, "unit":\n  "x" "y"},\n'
        + (json.dumps(DOCUMENT).encode() + b"]\n")
    )
    first, error, label = rows_of(data)
    assert isinstance(first, mgcalc.Converted)
    assert isinstance(error, mgcalc.MgcalcError)
    assert error.message.startswith("line 2: invalid JSON")
    assert isinstance(label, mgcalc.Converted)
    assert label.elemental_mg == 50


def test_documents_stream_in_flat_memory() -> None:
    import tracemalloc

    def peak(count: int) -> int:
        data = ("[" + ",".join([json.dumps(DOCUMENT)] * count) + "]").encode()
        tracemalloc.start()
        for _ in mgcalc.convert_rows(mgcalc.read_items(io.BytesIO(data), "jsonl")):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak - len(data)

    assert peak(400) < 2 * peak(40) + 200_000
