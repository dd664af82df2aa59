"""The item grammar's pieces, read without regular expressions."""

from __future__ import annotations

import pytest

from mgcalc.core.errors import MgcalcError, UsageError
from mgcalc.core.items import plain_number, split_form
from mgcalc.core.reader import read_items as parse_items
from mgcalc.unit_parser import resolve_unit


@pytest.mark.parametrize(
    ("text", "value"),
    [("500", 500.0), ("1.5", 1.5), (".5", 0.5), ("5.", 5.0), ("2e3", 2000.0), ("-1", -1.0),
     ("+2", 2.0), ("1E-3", 0.001)],
)  # fmt: skip
def test_plain_numbers(text: str, value: float) -> None:
    assert plain_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "nan", "inf", "1_000", "0,5", "1e", "e5", "1.2.3", "--5", " 5", "5 ", "five", "٥"]
)
def test_not_plain_numbers(text: str) -> None:
    assert plain_number(text) is None


@pytest.mark.parametrize(
    ("token", "parts"),
    [
        ("glycinate", ("glycinate", None, None)),
        ("citrate:nonahydrate", ("citrate", "nonahydrate", None)),
        ("glycinate@20%", ("glycinate", None, "20%")),
        ("citrate:nonahydrate@12", ("citrate", "nonahydrate", "12")),
        ("oxide@", ("oxide", None, "")),
        (":nonahydrate", None),
        ("citrate:", None),
        ("a:b:c", None),
        ("a@1@2", None),
    ],
)
def test_split_form(token: str, parts: tuple[str, str | None, str | None] | None) -> None:
    assert split_form(token) == parts


@pytest.mark.parametrize(
    ("tokens", "amount", "unit", "form"),
    [
        (["500mg", "oxide"], 500.0, "mg", "oxide"),
        (["1.5g", "oxide"], 1.5, "g", "oxide"),
        (["2e3mg", "oxide"], 2000.0, "mg", "oxide"),
        (["20mEq", "oxide"], 20.0, "mEq", "oxide"),
        (["250000µg", "oxide"], 250000.0, "mcg", "oxide"),
        (["2x", "400", "mg", "oxide"], 400.0, "mg", "oxide"),
        (["2X", "400", "mg", "oxide"], 400.0, "mg", "oxide"),
        (["2×", "400", "mg", "oxide"], 400.0, "mg", "oxide"),
        (["400\u00a0mg", "oxide"], 400.0, "mg", "oxide"),
    ],
)
def test_joined_and_separate_tokens(tokens: list[str], amount: float, unit: str, form: str) -> None:
    (item,) = parse_items(tokens, resolve_unit)
    assert (item.amount, item.unit.symbol, item.form) == (amount, unit, form)


def test_an_absurdly_long_number_is_rejected_quickly() -> None:
    with pytest.raises((MgcalcError, UsageError)):
        parse_items(["1e1" * 200_000 + "mg", "oxide"], resolve_unit)
