"""Reference intakes (RDA/AI) and upper levels (UL) by age, sex and life stage."""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple, TypeVar

from mgcalc.core.errors import MgcalcError, UsageError

MAX_AGE_YEARS = 120.0
COVERED_UP_TO_MONTHS = 121.0 * 12  # bands cover [0, 121) years: every age up to and including 120
# mgcalc's own plausibility check for pregnancy and lactation, not a reference value.
LIFE_STAGE_AGES = (10.0, 60.0)
SEXES = {"female": "female", "f": "female", "male": "male", "m": "male"}


class Sex(enum.Enum):
    FEMALE = "female"
    MALE = "male"


class LifeStage(enum.Enum):
    NONE = "none"
    PREGNANT = "pregnant"
    LACTATING = "lactating"


class Person(NamedTuple):
    """Whom a reference value is for; build one with `make_person`, which checks it.

    Ages are completed ages, as the sources' bands give them: 3.99 years is in "1-3 years",
    6.5 months in "0-6 months". `age_months` is the age as months (exact when given so).
    """

    age_years: float
    sex: Sex | None = None
    life_stage: LifeStage = LifeStage.NONE
    kidney: bool = False
    age_months: float | None = None  # None: age_years × 12


def make_person(
    age: float | None = None,
    *,
    age_months: float | None = None,
    sex: str | Sex | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    kidney: bool = False,
) -> Person:
    """A person, checked: age in years (decimals allowed) or `age_months`, sex 'female' or
    'male' ('f'/'m'), pregnant or lactating (not both), kidney for impaired kidney function."""
    if age is not None and age_months is not None:
        raise UsageError("give the age in years or in months, not both")
    if age is None and age_months is None:
        raise UsageError(
            "is needed: the person's age in years (or in months for infants)", parameter="age"
        )
    if pregnant and lactating:
        raise MgcalcError("pregnant and lactating cannot both apply; choose one")
    if age_months is not None:
        if not 0 < age_months < math.inf:
            raise MgcalcError(f"{age_months:g} must be a number above 0", parameter="age_months")
        years = age_months / 12.0
    else:
        assert age is not None
        years = age
    if not math.isfinite(years):
        raise MgcalcError(f"{years:g} is not a finite number of years", parameter="age")
    if years <= 0:
        raise MgcalcError(f"{years:g} must be a number above 0 (years)", parameter="age")
    if years > MAX_AGE_YEARS:
        raise MgcalcError(f"{years:g} is above {MAX_AGE_YEARS:g} years", parameter="age")
    if isinstance(sex, str):
        if sex.lower() not in SEXES:
            raise MgcalcError(f"{sex!r} must be female or male (f/m)", parameter="sex")
        sex = Sex(SEXES[sex.lower()])
    stage = LifeStage.NONE
    if pregnant or lactating:
        stage = LifeStage.PREGNANT if pregnant else LifeStage.LACTATING
        if sex is Sex.MALE:
            raise MgcalcError("applies to females only", parameter=stage.value)
        low, high = LIFE_STAGE_AGES
        if not low <= years < high:
            raise MgcalcError(
                f"is accepted for ages {low:g} to under {high:g}, not {years:g}",
                parameter=stage.value,
            )
        sex = Sex.FEMALE
    return Person(float(years), sex, stage, kidney, age_months)


class IntakeBand(NamedTuple):
    from_months: float  # completed age, inclusive
    to_months: float  # exclusive
    label: str
    kind: str  # "RDA" or "AI"
    values: Mapping[str, float]  # keys: female, male, pregnant, lactating
    source: str
    note: str | None = None
    cite: str = ""  # the source's short key ('IOM 1997'), as tables print it


class UlBand(NamedTuple):
    from_months: float
    to_months: float
    label: str
    ul_mg: float | None
    source: str
    note: str | None = None
    cite: str = ""


class Standard(NamedTuple):
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
    ul_counts_fortified: bool = False  # magnesium added to water and foods counts toward the UL
    ul_scope_cite: str = ""
    short_name: str = ""  # as a table's title names it: 'NIH ODS (IOM 1997)'

    def intake_band(self, months: float) -> IntakeBand:
        return _band_for(self.intake, months)

    def ul_band(self, months: float) -> UlBand:
        return _band_for(self.ul, months)


B = TypeVar("B", "IntakeBand", "UlBand")


def _band_for(bands: tuple[B, ...], months: float) -> B:
    """The band an age in months falls in: from inclusive, to exclusive."""
    return next(band for band in bands if band.from_months <= months < band.to_months)


def months_of(person: Person) -> float:
    return person.age_months if person.age_months is not None else person.age_years * 12


class Note(NamedTuple):
    key: str
    text: str
    source: str
    brief: str = ""  # the text in one short line, as a table prints it
    cite: str = ""  # the source's short keys ('IOM 1997; OTC oxide label')


class Medicine(NamedTuple):
    """A medicine whose label gives a spacing from magnesium (data/reference.toml)."""

    key: str
    name: str
    aliases: tuple[str, ...]
    spacing: str  # as its label says it: 'take it at least 2 hours before or 6 hours after'
    source: str
    cite: str


def find_medicine(name: str, medicines: Mapping[str, Medicine]) -> Medicine:
    """The medicine a name or alias means (any case); an error that lists them otherwise."""
    wanted = "-".join(name.strip().lower().split())
    for medicine in medicines.values():
        if wanted == medicine.key or wanted in medicine.aliases:
            return medicine
    known = ", ".join(sorted(medicines))
    raise MgcalcError(
        f"{name!r}: no spacing from magnesium is known here; its label or a pharmacist "
        f"gives it (known: {known})",
        parameter="medicines",
    )


class Reference(NamedTuple):
    """The values that apply to one person under one standard."""

    standard: Standard
    intake_band: IntakeBand
    ul_band: UlBand
    rda_mg: float | None  # None where sex is needed but unknown, or no value is set
    # both sexes' values when sex was not given and they differ
    rda_by_sex: Mapping[str, float] = MappingProxyType({})
    ul_applies: bool = True  # False where no UL is set, and with impaired kidney function

    @property
    def rda_kind(self) -> str:
        return self.intake_band.kind

    @property
    def ul_mg(self) -> float | None:
        return self.ul_band.ul_mg


class ReferenceTables(NamedTuple):
    """A standard's tables, and the values in them that apply to a person, if one is given."""

    standard: Standard
    person: Person | None = None
    selected: Reference | None = None
    notes: tuple[Note, ...] = ()  # what the person's values need said with them


def lookup(standard: Standard, person: Person) -> Reference:
    months = months_of(person)
    intake = standard.intake_band(months)
    ul = standard.ul_band(months)
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
    return Reference(standard, intake, ul, rda, by_sex, ul.ul_mg is not None and not person.kidney)


class PersonValues(NamedTuple):
    """A person and a standard as given (command line, regimen file), before any check."""

    age: float | None = None
    age_months: float | None = None
    sex: str | None = None
    pregnant: bool | None = None  # None: not said, so another source may say it
    lactating: bool | None = None
    kidney: bool | None = None
    standard: str | None = None

    def or_else(self, fallback: PersonValues) -> PersonValues:
        """These values, with `fallback`'s where none was given."""
        has_age = self.has_age
        return PersonValues(
            self.age if has_age else fallback.age,
            self.age_months if has_age else fallback.age_months,
            self.sex or fallback.sex,
            fallback.pregnant if self.pregnant is None else self.pregnant,
            fallback.lactating if self.lactating is None else self.lactating,
            fallback.kidney if self.kidney is None else self.kidney,
            self.standard or fallback.standard,
        )

    @property
    def has_age(self) -> bool:
        return self.age is not None or self.age_months is not None

    def given(self) -> tuple[str, ...]:
        """The names of the values given (an age in months is the age)."""
        names = ("age", "sex", "pregnant", "lactating", "kidney", "standard")
        values = (
            True if self.has_age else None,
            self.sex,
            self.pregnant,
            self.lactating,
            self.kidney,
            self.standard,
        )
        return tuple(name for name, value in zip(names, values, strict=True) if value is not None)

    @property
    def has_person(self) -> bool:
        """Whether any value describes a person (the standard alone does not)."""
        return (
            self.age is not None
            or self.age_months is not None
            or bool(self.sex or self.pregnant or self.lactating or self.kidney)
        )

    def build(self) -> Person:
        return make_person(
            self.age,
            age_months=self.age_months,
            sex=self.sex,
            pregnant=bool(self.pregnant),
            lactating=bool(self.lactating),
            kidney=bool(self.kidney),
        )
