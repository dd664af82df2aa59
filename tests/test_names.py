"""Names as people write them: several words, variants as words, servings spelled three ways.
Every accepted spelling maps to exactly one item, the same as the canonical one."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mgcalc

from helpers import run

# (a way people write it, the form and variant it means)
SPELLINGS = [
    ("epsom salt", "sulfate", "heptahydrate"),
    ("Epsom Salts", "sulfate", "heptahydrate"),
    ("magnesium bisglycinate chelate", "glycinate", "anhydrous"),
    ("bisglycinate chelate", "glycinate", "anhydrous"),
    ("L threonate", "threonate", "anhydrous"),
    ("magnesium L-threonate", "threonate", "anhydrous"),
    ("magnesium chloride hexahydrate", "chloride", "hexahydrate"),
    ("chloride hexahydrate", "chloride", "hexahydrate"),
    ("citrate nonahydrate", "citrate", "nonahydrate"),
    ("Magnesium Citrate Nonahydrate", "citrate", "nonahydrate"),
    ("citrate:nonahydrate", "citrate", "nonahydrate"),
    ("sulfate dried", "sulfate", "monohydrate"),
    ("magnesium oxide", "oxide", "anhydrous"),
    ("picolinate", "picolinate", "anhydrous"),
]


def form_and_variant(converted: mgcalc.Converted) -> tuple[str, str]:
    assert converted.form is not None
    assert converted.variant is not None
    return converted.form.key, converted.variant.key


SERVINGS = ["{n}x {amount} mg", "{n} x {amount} mg", "{n}x{amount}mg", "{n}X {amount}mg"]


@pytest.mark.parametrize(("name", "form", "variant"), SPELLINGS)
def test_a_name_as_people_write_it(name: str, form: str, variant: str) -> None:
    (item,) = mgcalc.convert(f"500 mg {name}").items
    assert form_and_variant(item) == (form, variant)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(SPELLINGS),
    st.sampled_from(SERVINGS),
    st.integers(min_value=1, max_value=9),
    st.sampled_from(["100", "250", "1.5", "400"]),
    st.sampled_from([None, ("2x 1 g oxide", "oxide")]),
)
def test_every_accepted_spelling_is_exactly_one_item(
    spelling: tuple[str, str, str],
    servings: str,
    n: int,
    amount: str,
    after: tuple[str, str] | None,
) -> None:
    name, form, variant = spelling
    text = servings.format(n=n, amount=amount) + " " + name
    if after is not None:
        text += " " + after[0]  # a second item right after: the name stops where it starts
    items = mgcalc.convert(text).items
    assert len(items) == (1 if after is None else 2)
    first = items[0]
    canonical = mgcalc.convert(mgcalc.item(float(amount), "mg", f"{form}:{variant}", servings=n))
    assert form_and_variant(first) == (form, variant)
    assert first.item.servings == n
    assert first.elemental_mg == canonical.items[0].elemental_mg
    if after is not None:
        assert form_and_variant(items[1])[0] == after[1]


@pytest.mark.parametrize(
    ("data", "input_format"),
    [
        (b"amount,unit,form\n1,g,magnesium chloride hexahydrate\n", "csv"),
        (b'{"amount": 1, "unit": "g", "form": "chloride hexahydrate"}\n', "jsonl"),
        (b"1 g magnesium chloride hexahydrate\n", "items"),
        (b"2 x 500 mg chloride hexahydrate\n", "items"),
    ],
)
def test_names_in_files_alike(data: bytes, input_format: str) -> None:
    (converted,) = mgcalc.convert_rows(mgcalc.read_items(io.BytesIO(data), input_format))
    assert isinstance(converted, mgcalc.Converted)
    assert form_and_variant(converted) == ("chloride", "hexahydrate")


def test_a_variant_word_that_is_not_one_is_an_unknown_name() -> None:
    with pytest.raises(mgcalc.MgcalcError, match="unknown form 'citrate nonahydrat'"):
        mgcalc.convert("1 g citrate nonahydrat")


@pytest.mark.parametrize(
    "text", ["120 mg elemental", "120 mg magnesium", "120 mg Mg", "120 mg elemental magnesium"]
)
def test_plain_magnesium_is_an_item_of_no_named_compound(text: str) -> None:
    (item,) = mgcalc.convert(text).items
    assert item.form is None
    assert item.compound_mg is None
    assert item.elemental_mg == 120
    assert item.item.describe() == "120 mg magnesium"
    document = mgcalc.to_dict(item)
    assert (document["form"], document["compound_mg"], document["fraction_source"]) == (
        None,
        None,
        None,
    )


def test_plain_magnesium_in_a_check_a_plan_and_files() -> None:
    day = mgcalc.check("2x 200 mg magnesium", age=40, sex="m")
    assert day.above_ul is True  # 400 mg of supplemental magnesium
    plan = mgcalc.plan("300 mg magnesium", "100 mg elemental")
    assert (plan.whole_units, plan.unit_compound_mg) == (3, None)
    with pytest.raises(mgcalc.MgcalcError, match="the target names no compound"):
        mgcalc.plan("300 mg magnesium", "500mg")
    rows = mgcalc.read_items(io.BytesIO(b"amount,unit,form\n5,mmol,magnesium\n"), "csv")
    (converted,) = mgcalc.convert_rows(rows)
    assert isinstance(converted, mgcalc.Converted)
    assert converted.elemental_mmol == 5


def test_plain_magnesium_in_csv_output_leaves_the_compound_empty() -> None:
    result = run("convert", "120", "mg", "magnesium", "--format", "csv")
    row = result.stdout.splitlines()[1]
    assert row.startswith(",120 mg magnesium,,,,,,,1,supplement,,,,,120.0,")


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("glycinat", "'glycinate' (magnesium bisglycinate (glycinate))"),
        ("pikolinate", "'picolinate' (magnesium picolinate)"),
        ("threonat", "'threonate' (magnesium L-threonate)"),
        # One word too many: the word is named, and the rest said with its compound.
        (
            "magnesium L-threonate capsules",
            "'capsules' is not understood: 'magnesium L-threonate' is magnesium L-threonate",
        ),
        ("calcium lysinate", "'calcium' is not understood: 'lysinate' is magnesium L-lysinate"),
    ],
)
def test_suggestions_by_spelling_and_meaning_name_their_compound(name: str, suggested: str) -> None:
    with pytest.raises(mgcalc.MgcalcError) as caught:
        mgcalc.convert(f"1 g {name}")
    assert suggested in caught.value.message
    assert "pidolate" not in caught.value.message
