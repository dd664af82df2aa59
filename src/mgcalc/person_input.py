"""The person (age, sex, life stage, kidney) and the standard, as a user gives them."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from mgcalc.core.errors import MgcalcError, UsageError
from mgcalc.core.records import Record

F = TypeVar("F", bound=Callable[..., Any])
SEXES = {"female": "female", "f": "female", "male": "male", "m": "male"}


class PersonInput(Record):
    """The person and the standard as given: on the command line or in a regimen file."""

    age: float | None = None
    age_months: float | None = None
    sex: str | None = None
    pregnant: bool = False
    lactating: bool = False
    kidney: bool = False
    standard: str | None = None

    def or_else(self, fallback: PersonInput) -> PersonInput:
        """These values, with `fallback`'s (a regimen file's) where none was given."""
        has_age = self.age is not None or self.age_months is not None
        return PersonInput(
            self.age if has_age else fallback.age,
            self.age_months if has_age else fallback.age_months,
            self.sex or fallback.sex,
            self.pregnant or fallback.pregnant,
            self.lactating or fallback.lactating,
            self.kidney or fallback.kidney,
            self.standard or fallback.standard,
        )

    @property
    def standard_key(self) -> str:
        return (self.standard or "nih").lower()

    def build(self, *, required: bool) -> Any:
        """The Person, or None when no age was given and none is required."""
        from mgcalc.core.reference import LifeStage, Person, Sex

        age, months = self.age, self.age_months
        if age is not None and months is not None:
            raise UsageError("give --age or --age-months, not both")
        if self.pregnant and self.lactating:
            raise MgcalcError("--pregnant and --lactating cannot both apply; choose one")
        if age is None and months is None:
            if required or self.sex or self.pregnant or self.lactating or self.kidney:
                raise UsageError("give the person's age with --age YEARS (or --age-months)")
            return None
        if months is not None and not 0 < months < float("inf"):
            raise MgcalcError(f"--age-months {months:g} must be a number above 0")
        years = age if age is not None else (months or 0.0) / 12.0
        stage = (
            LifeStage.PREGNANT
            if self.pregnant
            else LifeStage.LACTATING
            if self.lactating
            else LifeStage.NONE
        )
        sex = Sex(SEXES[self.sex.lower()]) if self.sex else None
        return Person.create(years, sex, stage, self.kidney)


def person_options(function: F) -> F:
    """Adds the person's options; the command receives them as one `person` argument."""

    @functools.wraps(function)
    def with_person(*args: Any, **kwargs: Any) -> Any:
        fields = {name: kwargs.pop(name) for name in PersonInput._fields}
        return function(*args, person=PersonInput(**fields), **kwargs)

    decorators = [
        click.option("--age", type=float, help="Age in years (decimals allowed)."),
        click.option("--age-months", type=float, help="Age in months, for infants and toddlers."),
        click.option(
            "--sex",
            type=click.Choice(sorted(SEXES), case_sensitive=False),
            help="female or male (f/m). Needed where the values differ by sex.",
        ),
        click.option("--pregnant", is_flag=True, help="Use the pregnancy values (female)."),
        click.option("--lactating", is_flag=True, help="Use the lactation values (female)."),
        click.option(
            "--kidney",
            is_flag=True,
            help="Impaired kidney function: adds the sourced caution about magnesium.",
        ),
        click.option(
            "--standard",
            type=click.Choice(["nih", "efsa"], case_sensitive=False),
            help="nih (default): US IOM 1997 RDA/AI and UL (as used by NIH ODS); "
            "efsa: EFSA 2015 AI and SCF/EFSA UL.",
        ),
    ]
    wrapped: Any = with_person
    for decorator in reversed(decorators):
        wrapped = decorator(wrapped)
    return wrapped  # type: ignore[no-any-return]
