"""Invariants over many generated items."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcalc.core.convert import convert, total
from mgcalc.core.items import ItemSpec
from mgcalc.core.units import MILLIEQUIVALENT, MILLIGRAM, MILLIMOLE
from mgcalc.datafiles import catalogue

CATALOGUE = catalogue()
VARIANTS = [(f.key, v.key) for f in CATALOGUE.forms.values() for v in f.variants.values()]
AMOUNTS = st.floats(min_value=1e-3, max_value=5e4, allow_nan=False, allow_infinity=False)


def item(amount: float, form: str, variant: str, **kwargs: object) -> ItemSpec:
    unit = kwargs.pop("unit", MILLIGRAM)
    return ItemSpec(f"{amount} mg {form}", amount, unit, form, variant, **kwargs)  # type: ignore[arg-type]


@given(AMOUNTS, st.sampled_from(VARIANTS), st.integers(min_value=1, max_value=10))
def test_round_trip_compound_elemental_compound(
    amount: float, form_variant: tuple[str, str], servings: int
) -> None:
    form, variant = form_variant
    forward = convert(item(amount, form, variant), CATALOGUE)
    back = convert(item(forward.elemental_mg, form, variant, elemental=True), CATALOGUE)
    assert back.compound_mg == pytest.approx(amount, rel=1e-14)
    with_servings = convert(item(amount, form, variant, servings=servings), CATALOGUE)
    assert with_servings.elemental_mg == pytest.approx(forward.elemental_mg * servings, rel=1e-14)


@given(AMOUNTS, st.sampled_from(VARIANTS))
def test_mmol_and_meq_are_consistent(amount: float, form_variant: tuple[str, str]) -> None:
    c = convert(item(amount, *form_variant), CATALOGUE)
    assert c.elemental_mg == pytest.approx(c.elemental_mmol * 24.305, rel=1e-14)
    assert c.elemental_mg == pytest.approx(c.elemental_meq * 12.1525, rel=1e-14)
    by_mmol = convert(item(c.elemental_mmol, *form_variant, unit=MILLIMOLE), CATALOGUE)
    by_meq = convert(item(c.elemental_meq, *form_variant, unit=MILLIEQUIVALENT), CATALOGUE)
    assert by_mmol.compound_mg == pytest.approx(amount, rel=1e-12)
    assert by_meq.compound_mg == pytest.approx(amount, rel=1e-12)


@given(AMOUNTS, AMOUNTS, st.sampled_from(VARIANTS))
def test_more_compound_never_gives_less_magnesium(
    a: float, b: float, form_variant: tuple[str, str]
) -> None:
    low, high = sorted((a, b))
    assert (
        convert(item(low, *form_variant), CATALOGUE).elemental_mg
        <= convert(item(high, *form_variant), CATALOGUE).elemental_mg
    )


@given(st.lists(st.tuples(AMOUNTS, st.sampled_from(VARIANTS)), min_size=1, max_size=8))
def test_total_is_the_sum_of_items(entries: list[tuple[float, tuple[str, str]]]) -> None:
    converted = [convert(item(a, *fv), CATALOGUE) for a, fv in entries]
    day = total(converted, 24.305)
    assert day.elemental_mg == pytest.approx(math.fsum(c.elemental_mg for c in converted))
    assert day.elemental_meq == pytest.approx(2 * day.elemental_mmol)
