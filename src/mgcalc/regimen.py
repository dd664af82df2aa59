"""Regimen files: a person, a standard, the day's diet and items, in one TOML file."""

from __future__ import annotations

from typing import NamedTuple

from mgcalc.core import schema
from mgcalc.core.errors import DataFileError, MgcalcError
from mgcalc.core.items import Item
from mgcalc.core.reader import item_from_record
from mgcalc.core.reference import SEXES, PersonValues
from mgcalc.core.schema import TomlTable
from mgcalc.datafiles import read_toml
from mgcalc.unit_parser import resolve_unit

TOP_KEYS = ("person", "standard", "diet_mg", "fortified_mg", "items")
PERSON_KEYS = ("age", "age_months", "sex", "pregnant", "lactating", "kidney")
STANDARDS = ("nih", "efsa")


class Regimen(NamedTuple):
    person: PersonValues = PersonValues()
    diet_mg: float | None = None
    items: tuple[Item, ...] = ()
    fortified_mg: float | None = None


def read_person(person: TomlTable, path: str) -> PersonValues:
    """A [person] table's values (PERSON_KEYS); a flag left out is None, not false."""
    sex = schema.optional_text(person.get("sex"), "person.sex", path)
    if sex is not None and sex.lower() not in SEXES:
        raise schema.fail(path, "person.sex", 'must be "female" or "male"')

    def flag(key: str) -> bool | None:
        return schema.flag(person[key], f"person.{key}", path) if key in person else None

    def number(key: str) -> float | None:
        return schema.optional_number(person.get(key), f"person.{key}", path)

    return PersonValues(
        age=number("age"),
        age_months=number("age_months"),
        sex=sex.lower() if sex else None,
        pregnant=flag("pregnant"),
        lactating=flag("lactating"),
        kidney=flag("kidney"),
    )


def read_standard(value: object, where: str, path: str) -> str | None:
    standard = schema.optional_text(value, where, path)
    if standard is not None and standard.lower() not in STANDARDS:
        raise schema.fail(path, where, 'must be "nih" or "efsa"')
    return standard.lower() if standard else None


def load_regimen(path: str) -> Regimen:
    document = read_toml(path)
    schema.known_keys(document, TOP_KEYS, "the file", path)
    person_table = schema.table(document.get("person", {}), "[person]", path)
    schema.known_keys(person_table, PERSON_KEYS, "person", path)
    person = read_person(person_table, path)
    standard = read_standard(document.get("standard"), "standard", path)
    entries = document.get("items", [])
    items = []
    for index, entry in enumerate(schema.tables(entries, "items", path) if entries else []):
        try:
            items.append(item_from_record(entry, resolve_unit))
        except MgcalcError as error:
            raise DataFileError(f"{path}: items[{index}]: {error.message}") from None

    return Regimen(
        person=person._replace(standard=standard),
        diet_mg=schema.optional_number(document.get("diet_mg"), "diet_mg", path),
        items=tuple(items),
        fortified_mg=schema.optional_number(document.get("fortified_mg"), "fortified_mg", path),
    )
