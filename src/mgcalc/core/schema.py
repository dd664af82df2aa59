"""Checks for values read from TOML data files, shared by forms, reference tables and regimens.

Each takes a parsed value, where it sits (`forms.citrate.note`) and the file it came
from, and returns the value narrowed to its type or raises a DataFileError that names
both.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from mgcalc.core.errors import DataFileError

TomlTable = Mapping[str, object]


def fail(origin: str, where: str, problem: str) -> DataFileError:
    return DataFileError(f"{origin}: {where} {problem}")


def table(value: object, where: str, origin: str) -> TomlTable:
    if not isinstance(value, dict):
        raise fail(origin, where, "must be a table")
    return value


def known_keys(value: TomlTable, allowed: Sequence[str], where: str, origin: str) -> None:
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise fail(origin, where, f"has unknown key {unknown[0]!r}; keys are {', '.join(allowed)}")


def printable(text: str, where: str, origin: str) -> str:
    # Text from a user's file is shown in a terminal: no escape sequences in it.
    if not text.isprintable():
        raise fail(origin, where, "contains a control character")
    return text


def text(value: object, where: str, origin: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail(origin, where, "must be a non-empty string")
    return printable(value, where, origin)


def optional_text(value: object, where: str, origin: str) -> str | None:
    return None if value is None else text(value, where, origin)


def texts(value: object, where: str, origin: str, *, required: bool = False) -> tuple[str, ...]:
    """A list of non-empty strings (an absent list is empty, unless one is `required`)."""
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(origin, where, "must be a list of non-empty strings")
    if required and not value:
        raise fail(origin, where, "must be a non-empty list of strings")
    return tuple(printable(v, where, origin) for v in value)


def number(value: object, where: str, origin: str, *, positive: bool = False) -> float:
    """A finite number, not negative (above zero if `positive`); booleans are not numbers."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise fail(origin, where, "must be a number")
    if positive and value <= 0:
        raise fail(origin, where, "must be a finite number above 0")
    if value < 0:
        raise fail(origin, where, "must not be negative")
    return float(value)


def optional_number(value: object, where: str, origin: str) -> float | None:
    return None if value is None else number(value, where, origin)


def whole_number(value: object, where: str, origin: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(origin, where, "must be a whole number")
    return value


def flag(value: object, where: str, origin: str) -> bool:
    if not isinstance(value, bool):
        raise fail(origin, where, "must be true or false")
    return value


def tables(value: object, where: str, origin: str) -> list[TomlTable]:
    """A non-empty array of tables ([[where]])."""
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise fail(origin, where, f"must be a list of tables ([[{where}]])")
    return value
