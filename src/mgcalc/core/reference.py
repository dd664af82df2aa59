"""Reference intakes (RDA/AI) and upper levels (UL) by age, sex and life stage."""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping, Sequence
from typing import Any

from mgcalc.core.errors import DataFileError, MgcalcError
from mgcalc.core.records import Record

MAX_AGE_YEARS = 120.0
COVERED_UP_TO = 121.0  # bands cover [0, 121): every age up to and including 120
# mgcalc's own plausibility check for pregnancy and lactation, not a reference value.
LIFE_STAGE_AGES = (10.0, 60.0)


class Sex(enum.Enum):
    FEMALE = "female"
    MALE = "male"


class LifeStage(enum.Enum):
    NONE = "none"
    PREGNANT = "pregnant"
    LACTATING = "lactating"


class Person(Record):
    age_years: float
    sex: Sex | None = None
    life_stage: LifeStage = LifeStage.NONE
    kidney: bool = False

    @classmethod
    def create(
        cls,
        age_years: float,
        sex: Sex | None = None,
        life_stage: LifeStage = LifeStage.NONE,
        kidney: bool = False,
    ) -> Person:
        if not math.isfinite(age_years):
            raise MgcalcError(f"age {age_years:g} is not a finite number of years")
        if age_years <= 0:
            raise MgcalcError(f"age {age_years:g} must be a number above 0 (years)")
        if age_years > MAX_AGE_YEARS:
            raise MgcalcError(f"age {age_years:g} is above {MAX_AGE_YEARS:g} years")
        if life_stage is not LifeStage.NONE:
            if sex is Sex.MALE:
                raise MgcalcError(f"--{life_stage.value} applies to females only")
            low, high = LIFE_STAGE_AGES
            if not low <= age_years < high:
                raise MgcalcError(
                    f"--{life_stage.value} is accepted for ages {low:g} to under {high:g}, "
                    f"not {age_years:g}"
                )
            sex = Sex.FEMALE
        return cls(age_years, sex, life_stage, kidney)


class IntakeBand(Record):
    from_age: float
    to_age: float
    label: str
    kind: str  # "RDA" or "AI"
    values: Mapping[str, float]  # keys: female, male, pregnant, lactating
    source: str
    note: str | None = None

    def contains(self, age: float) -> bool:
        return self.from_age <= age < self.to_age


class UlBand(Record):
    from_age: float
    to_age: float
    label: str
    ul_mg: float | None
    source: str
    note: str | None = None

    def contains(self, age: float) -> bool:
        return self.from_age <= age < self.to_age


class Standard(Record):
    key: str
    name: str
    authority: str
    year: int
    intake_scope: str
    ul_scope: str
    ul_scope_source: str
    sources: tuple[str, ...]
    intake: tuple[IntakeBand, ...]
    ul: tuple[UlBand, ...]

    def intake_band(self, age: float) -> IntakeBand:
        return next(band for band in self.intake if band.contains(age))

    def ul_band(self, age: float) -> UlBand:
        return next(band for band in self.ul if band.contains(age))


class Note(Record):
    key: str
    text: str
    source: str


class Reference(Record):
    """The values that apply to one person under one standard."""

    standard: Standard
    intake_band: IntakeBand
    ul_band: UlBand
    rda_mg: float | None  # None where sex is needed but unknown, or no value is set
    rda_by_sex: Mapping[str, float]  # both sexes' values when sex was not given and they differ

    @property
    def rda_kind(self) -> str:
        return self.intake_band.kind

    @property
    def ul_mg(self) -> float | None:
        return self.ul_band.ul_mg


def lookup(standard: Standard, person: Person) -> Reference:
    intake = standard.intake_band(person.age_years)
    ul = standard.ul_band(person.age_years)
    values = intake.values
    by_sex: dict[str, float] = {}
    if person.life_stage is not LifeStage.NONE:
        stage = person.life_stage.value
        if stage not in values:
            ages = [b.label for b in standard.intake if stage in b.values]
            raise MgcalcError(
                f"{standard.key} gives no {stage} value for {intake.label}; "
                f"it has them for {', '.join(ages)}"
            )
        rda: float | None = values[stage]
    elif person.sex is not None:
        rda = values.get(person.sex.value)
    else:
        female, male = values.get("female"), values.get("male")
        if female == male:
            rda = female
        else:
            rda = None
            by_sex = {k: v for k, v in (("female", female), ("male", male)) if v is not None}
    return Reference(standard, intake, ul, rda, by_sex)


# Building the standards from parsed TOML, checked once at load.

_STANDARD_KEYS = {
    "name",
    "authority",
    "year",
    "intake_scope",
    "ul_scope",
    "ul_scope_source",
    "sources",
    "intake",
    "ul",
}
_INTAKE_KEYS = {"from_age", "to_age", "label", "kind", "source", "note"}
_INTAKE_VALUES = ("female", "male", "pregnant", "lactating")
_UL_KEYS = {"from_age", "to_age", "label", "ul", "source", "note"}


def _text(table: Mapping[str, Any], key: str, where: str, origin: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(f"{origin}: {where}.{key} must be a non-empty string")
    return value


def _number(value: Any, where: str, origin: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DataFileError(f"{origin}: {where} must be a number")
    if value < 0:
        raise DataFileError(f"{origin}: {where} must not be negative")
    return float(value)


def _unknown_keys(table: Mapping[str, Any], allowed: set[str], where: str, origin: str) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise DataFileError(f"{origin}: {where} has unknown key {extra[0]!r}")


def _rows(table: Mapping[str, Any], key: str, where: str, origin: str) -> list[Mapping[str, Any]]:
    rows = table.get(key)
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise DataFileError(f"{origin}: {where}.{key} must be a list of tables ([[{where}.{key}]])")
    return rows


def _check_coverage(bands: Sequence[IntakeBand | UlBand], where: str, origin: str) -> None:
    expected_start = 0.0
    for index, band in enumerate(bands):
        if band.from_age != expected_start:
            problem = "a gap" if band.from_age > expected_start else "an overlap"
            raise DataFileError(
                f"{origin}: {where}[{index}] starts at {band.from_age:g}: {problem} "
                f"after {expected_start:g} years"
            )
        if band.to_age <= band.from_age:
            raise DataFileError(f"{origin}: {where}[{index}] ends before it starts")
        expected_start = band.to_age
    if expected_start != COVERED_UP_TO:
        raise DataFileError(
            f"{origin}: {where} ends at {expected_start:g}; it must reach {COVERED_UP_TO:g}"
        )


def _intake_band(row: Mapping[str, Any], where: str, origin: str) -> IntakeBand:
    _unknown_keys(row, _INTAKE_KEYS | set(_INTAKE_VALUES), where, origin)
    kind = _text(row, "kind", where, origin)
    if kind not in ("RDA", "AI"):
        raise DataFileError(f"{origin}: {where}.kind must be 'RDA' or 'AI'")
    values = {
        key: _number(row[key], f"{where}.{key}", origin) for key in _INTAKE_VALUES if key in row
    }
    note = row.get("note")
    if ("female" in values) != ("male" in values):
        raise DataFileError(f"{origin}: {where} needs both a female and a male value, or neither")
    if not values and not isinstance(note, str):
        raise DataFileError(f"{origin}: {where} has no value, so it needs a note saying why")
    return IntakeBand(
        from_age=_number(row.get("from_age"), f"{where}.from_age", origin),
        to_age=_number(row.get("to_age"), f"{where}.to_age", origin),
        label=_text(row, "label", where, origin),
        kind=kind,
        values=values,
        source=_text(row, "source", where, origin),
        note=note,
    )


def _ul_band(row: Mapping[str, Any], where: str, origin: str) -> UlBand:
    _unknown_keys(row, _UL_KEYS, where, origin)
    note = row.get("note")
    ul = _number(row["ul"], f"{where}.ul", origin) if "ul" in row else None
    if ul is None and not isinstance(note, str):
        raise DataFileError(f"{origin}: {where} has no ul, so it needs a note saying why")
    return UlBand(
        from_age=_number(row.get("from_age"), f"{where}.from_age", origin),
        to_age=_number(row.get("to_age"), f"{where}.to_age", origin),
        label=_text(row, "label", where, origin),
        ul_mg=ul,
        source=_text(row, "source", where, origin),
        note=note,
    )


def build_standard(key: str, table: Any, origin: str) -> Standard:
    where = f"standards.{key}"
    if not isinstance(table, dict):
        raise DataFileError(f"{origin}: {where} must be a table")
    _unknown_keys(table, _STANDARD_KEYS, where, origin)
    intake = tuple(
        _intake_band(row, f"{where}.intake[{i}]", origin)
        for i, row in enumerate(_rows(table, "intake", where, origin))
    )
    ul = tuple(
        _ul_band(row, f"{where}.ul[{i}]", origin)
        for i, row in enumerate(_rows(table, "ul", where, origin))
    )
    _check_coverage(intake, f"{where}.intake", origin)
    _check_coverage(ul, f"{where}.ul", origin)
    sources = table.get("sources")
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str) for s in sources):
        raise DataFileError(f"{origin}: {where}.sources must be a non-empty list of strings")
    year = table.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        raise DataFileError(f"{origin}: {where}.year must be a whole number")
    return Standard(
        key=key,
        name=_text(table, "name", where, origin),
        authority=_text(table, "authority", where, origin),
        year=year,
        intake_scope=_text(table, "intake_scope", where, origin),
        ul_scope=_text(table, "ul_scope", where, origin),
        ul_scope_source=_text(table, "ul_scope_source", where, origin),
        sources=tuple(sources),
        intake=intake,
        ul=ul,
    )


def build_reference_data(
    document: Mapping[str, Any], origin: str
) -> tuple[dict[str, Standard], dict[str, Note]]:
    standards_table = document.get("standards")
    if not isinstance(standards_table, dict) or not standards_table:
        raise DataFileError(f"{origin}: [standards] must be a non-empty table")
    standards = {k: build_standard(k, t, origin) for k, t in standards_table.items()}
    notes_table = document.get("notes", {})
    if not isinstance(notes_table, dict):
        raise DataFileError(f"{origin}: [notes] must be a table")
    notes = {}
    for key, table in notes_table.items():
        if not isinstance(table, dict):
            raise DataFileError(f"{origin}: notes.{key} must be a table")
        notes[key] = Note(
            key,
            _text(table, "text", f"notes.{key}", origin),
            _text(table, "source", f"notes.{key}", origin),
        )
    return standards, notes
