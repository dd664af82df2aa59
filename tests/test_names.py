"""Names as people write them: several words, variants as words, servings spelled three ways.
Every accepted spelling maps to exactly one item, the same as the canonical one."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mgcalc

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
SERVINGS = ["{n}x {amount} mg", "{n} x {amount} mg", "{n}x{amount}mg", "{n}X {amount}mg"]


@pytest.mark.parametrize(("name", "form", "variant"), SPELLINGS)
def test_a_name_as_people_write_it(name: str, form: str, variant: str) -> None:
    (item,) = mgcalc.convert(f"500 mg {name}").items
    assert (item.form.key, item.variant.key) == (form, variant)


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
    assert (first.form.key, first.variant.key) == (form, variant)
    assert first.item.servings == n
    assert first.elemental_mg == canonical.items[0].elemental_mg
    if after is not None:
        assert items[1].form.key == after[1]


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
    assert (converted.form.key, converted.variant.key) == ("chloride", "hexahydrate")


def test_a_variant_word_that_is_not_one_is_an_unknown_name() -> None:
    with pytest.raises(mgcalc.MgcalcError, match="unknown form 'citrate nonahydrat'"):
        mgcalc.convert("1 g citrate nonahydrat")
