"""Invariants over many generated items."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mgcalc
from mgcalc.core.convert import Converted

VARIANTS = [(f.key, v.key) for f in mgcalc.forms() for v in f.variants.values()]
AMOUNTS = st.floats(min_value=1e-3, max_value=5e4, allow_nan=False, allow_infinity=False)


def convert(
    amount: float,
    form: str,
    variant: str,
    *,
    unit: str = "mg",
    servings: int = 1,
    elemental: bool = False,
) -> Converted:
    item = mgcalc.item(amount, unit, form, variant=variant, servings=servings, elemental=elemental)
    return mgcalc.convert(item).items[0]


@given(AMOUNTS, st.sampled_from(VARIANTS), st.integers(min_value=1, max_value=10))
def test_round_trip_compound_elemental_compound(
    amount: float, form_variant: tuple[str, str], servings: int
) -> None:
    form, variant = form_variant
    forward = convert(amount, form, variant)
    back = convert(forward.elemental_mg, form, variant, elemental=True)
    assert back.compound_mg == pytest.approx(amount, rel=1e-14)
    with_servings = convert(amount, form, variant, servings=servings)
    assert with_servings.elemental_mg == pytest.approx(forward.elemental_mg * servings, rel=1e-14)


@given(AMOUNTS, st.sampled_from(VARIANTS))
def test_mmol_and_meq_are_consistent(amount: float, form_variant: tuple[str, str]) -> None:
    c = convert(amount, *form_variant)
    assert c.elemental_mg == pytest.approx(c.elemental_mmol * 24.305, rel=1e-14)
    assert c.elemental_mg == pytest.approx(c.elemental_meq * 12.1525, rel=1e-14)
    by_mmol = convert(c.elemental_mmol, *form_variant, unit="mmol")
    by_meq = convert(c.elemental_meq, *form_variant, unit="mEq")
    assert by_mmol.compound_mg == pytest.approx(amount, rel=1e-12)
    assert by_meq.compound_mg == pytest.approx(amount, rel=1e-12)


@given(AMOUNTS, AMOUNTS, st.sampled_from(VARIANTS))
def test_more_compound_never_gives_less_magnesium(
    a: float, b: float, form_variant: tuple[str, str]
) -> None:
    low, high = sorted((a, b))
    assert convert(low, *form_variant).elemental_mg <= convert(high, *form_variant).elemental_mg


@given(st.lists(st.tuples(AMOUNTS, st.sampled_from(VARIANTS)), min_size=1, max_size=8))
def test_total_is_the_sum_of_items(entries: list[tuple[float, tuple[str, str]]]) -> None:
    converted = [convert(a, *fv) for a, fv in entries]
    day = mgcalc.convert(converted).total
    assert day.elemental_mg == pytest.approx(math.fsum(c.elemental_mg for c in converted))
    assert day.elemental_meq == pytest.approx(2 * day.elemental_mmol)
