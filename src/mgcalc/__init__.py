"""mgcalc: elemental magnesium in supplements, and daily totals against reference intakes.

The Python API (documented in mgcalc.api and the README) is handed on from here:
`mgcalc.convert("500 mg glycinate")`, `mgcalc.check(items, age=34, sex="female")`, ...
Its names load on first use, so that `mgcalc --version` does not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it

__all__ = [
    "Conversion",
    "Converted",
    "DataFileError",
    "DayCheck",
    "Form",
    "Item",
    "MgcalcError",
    "Person",
    "Plan",
    "ReferenceTables",
    "Row",
    "Total",
    "UsageError",
    "Variant",
    "check",
    "convert",
    "convert_rows",
    "forms",
    "item",
    "items",
    "load_forms",
    "person",
    "plan",
    "read_items",
    "reference",
    "to_dict",
]

if TYPE_CHECKING:
    from mgcalc.api import (
        Conversion,
        Converted,
        DataFileError,
        DayCheck,
        Form,
        Item,
        MgcalcError,
        Person,
        Plan,
        ReferenceTables,
        Row,
        Total,
        UsageError,
        Variant,
        check,
        convert,
        convert_rows,
        forms,
        item,
        items,
        load_forms,
        person,
        plan,
        read_items,
        reference,
        to_dict,
    )


def __getattr__(name: str) -> object:
    if name in __all__:
        from mgcalc import api

        return getattr(api, name)
    raise AttributeError(f"module 'mgcalc' has no attribute {name!r}")
