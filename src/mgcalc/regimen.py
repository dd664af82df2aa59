"""Regimen files: a person, a standard, the day's diet and items, in one TOML file."""

from __future__ import annotations

import math
from typing import Any

from mgcalc.core.errors import DataFileError, MgcalcError
from mgcalc.core.items import ItemSpec, item_from_fields
from mgcalc.core.records import Record
from mgcalc.datafiles import read_toml
from mgcalc.person_input import SEXES, PersonInput
from mgcalc.unit_parser import resolve_unit

_TOP_KEYS = {"person", "standard", "diet_mg", "items"}
_PERSON_KEYS = {"age", "age_months", "sex", "pregnant", "lactating", "kidney"}
_ITEM_KEYS = {"amount", "unit", "form", "variant", "servings", "elemental", "percent", "label"}
STANDARDS = {"nih", "efsa"}


class Regimen(Record):
    person: PersonInput = PersonInput()
    diet_mg: float | None = None
    items: tuple[ItemSpec, ...] = ()


def _number(table: dict[str, Any], key: str, where: str) -> float | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DataFileError(f"{where}.{key} must be a number")
    return float(value)


def _flag(table: dict[str, Any], key: str, where: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise DataFileError(f"{where}.{key} must be true or false")
    return value


def _unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise DataFileError(
            f"{where} has unknown key {extra[0]!r}; keys are {', '.join(sorted(allowed))}"
        )


def load_regimen(name: str) -> Regimen:
    document = read_toml(name)
    origin = name
    _unknown(document, _TOP_KEYS, origin)
    person = document.get("person", {})
    if not isinstance(person, dict):
        raise DataFileError(f"{origin}: [person] must be a table")
    _unknown(person, _PERSON_KEYS, f"{origin}: person")
    sex = person.get("sex")
    if sex is not None and (not isinstance(sex, str) or sex.lower() not in SEXES):
        raise DataFileError(f'{origin}: person.sex must be "female" or "male"')
    standard = document.get("standard")
    if standard is not None and (
        not isinstance(standard, str) or standard.lower() not in STANDARDS
    ):
        raise DataFileError(f'{origin}: standard must be "nih" or "efsa"')
    items_table = document.get("items", [])
    if not isinstance(items_table, list) or not all(isinstance(t, dict) for t in items_table):
        raise DataFileError(f"{origin}: items must be a list of tables ([[items]])")
    items = []
    for index, entry in enumerate(items_table):
        where = f"{origin}: items[{index}]"
        _unknown(entry, _ITEM_KEYS, where)
        fields = {}
        for key, value in entry.items():
            if isinstance(value, bool):
                fields[key] = "true" if value else "false"
            elif isinstance(value, (int, float, str)):
                fields[key] = str(value)
            else:
                raise DataFileError(f"{where}.{key} must be a string or a number")
        try:
            items.append(item_from_fields(fields, resolve_unit))
        except MgcalcError as error:
            raise DataFileError(f"{where}: {error.message}") from None
    where = f"{origin}: person"
    return Regimen(
        person=PersonInput(
            age=_number(person, "age", where),
            age_months=_number(person, "age_months", where),
            sex=sex.lower() if isinstance(sex, str) else None,
            pregnant=_flag(person, "pregnant", where),
            lactating=_flag(person, "lactating", where),
            kidney=_flag(person, "kidney", where),
            standard=standard.lower() if isinstance(standard, str) else None,
        ),
        diet_mg=_number(document, "diet_mg", origin),
        items=tuple(items),
    )
