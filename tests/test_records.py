"""Record: the value classes of the core behave like the NamedTuples they replace."""

from __future__ import annotations

from typing import Any

import pytest

from mgcalc.core.records import Record


class Band(Record):
    label: str
    low: float
    note: str | None = None


def test_fields_defaults_equality_and_hash() -> None:
    band = Band("adults", 19.0)
    assert (band.label, band.low, band.note) == ("adults", 19.0, None)
    assert band == Band(label="adults", low=19.0, note=None)
    assert hash(band) == hash(Band("adults", 19.0, None))
    assert band != Band("adults", 19.0, "with a note")
    assert band != ("adults", 19.0, None)
    assert repr(band) == "Band(label='adults', low=19.0, note=None)"
    assert Band._fields == ("label", "low", "note")


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("adults",), {}, "Band: no value for low"),
        (("adults", 1.0, None, 2), {}, "Band: 4 values for 3 fields"),
        (("adults", 1.0), {"colour": "red"}, "Band: unexpected colour"),
    ],
)
def test_wrong_arguments_are_type_errors(
    args: tuple[Any, ...], kwargs: dict[str, Any], message: str
) -> None:
    make: Any = Band  # the calls a type checker would refuse
    with pytest.raises(TypeError, match=message):
        make(*args, **kwargs)


def test_records_are_immutable() -> None:
    band = Band("adults", 19.0)
    with pytest.raises(AttributeError, match="immutable"):
        band.low = 20.0  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del band.low
    assert band.low == 19.0
