"""The item grammar: `[Nx] AMOUNT[ ]UNIT [elemental] FORM[:VARIANT][@PERCENT%]`."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from mgcalc.core.errors import MgcalcError, UsageError
from mgcalc.core.units import ACCEPTED_UNITS_TEXT, Unit

MAX_SERVINGS = 100

_NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_AMOUNT = re.compile(rf"^(?P<number>[+-]?{_NUMBER})(?P<unit>[^\W\d_]\S*)?$")
_SERVINGS = re.compile(r"^(?P<count>[+-]?[\d.,_]+)\s*[x×]$", re.IGNORECASE)
_FORM = re.compile(r"^(?P<form>[^:@]+)(?::(?P<variant>[^:@]+))?(?:@(?P<percent>[^@]*))?$")
_NON_FINITE = {"nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}

UnitResolver = Callable[[str], Unit]


class ItemSpec(NamedTuple):
    """One item as the user gave it, before any chemistry."""

    text: str
    amount: float
    unit: Unit
    form: str
    variant: str | None = None
    servings: int = 1
    elemental: bool = False  # the amount is elemental magnesium, not compound
    percent: float | None = None  # the label's own % elemental Mg
    label: str | None = None  # the user's own name for the item (files only)


PLAIN_NUMBER = re.compile(f"[+-]?{_NUMBER}")


def parse_amount(text: str) -> float:
    """A positive, finite decimal number written with a decimal point."""
    if PLAIN_NUMBER.fullmatch(text):  # the common case first: batches parse millions
        value = float(text)
        if 0 < value < math.inf:
            return value
    lowered = text.lower()
    if lowered in _NON_FINITE:
        raise MgcalcError(f"amount {text!r} is not a finite number")
    if "," in text:
        raise MgcalcError(f"amount {text!r}: use a decimal point, e.g. {text.replace(',', '.')}")
    if "_" in text:
        raise MgcalcError(f"amount {text!r}: write the number without '_' separators")
    if not PLAIN_NUMBER.fullmatch(text):
        raise MgcalcError(f"amount {text!r} is not a number")
    value = float(text)
    if not math.isfinite(value):
        raise MgcalcError(f"amount {text!r} is too large")
    if value <= 0:
        raise MgcalcError(f"amount {text!r} must be greater than zero")
    return value


def parse_servings(text: str) -> int:
    match = _SERVINGS.match(text)
    if match is None:  # pragma: no cover - callers check looks_like_servings first
        raise UsageError(f"{text!r} is not a servings count like 2x")
    return parse_servings_count(match.group("count"), text)


def parse_servings_count(count: str, text: str) -> int:
    if not count.lstrip("+").isdigit():
        raise MgcalcError(f"servings {text!r} must be a whole number from 1 to {MAX_SERVINGS}")
    servings = int(count)
    if not 1 <= servings <= MAX_SERVINGS:
        raise MgcalcError(f"servings {text!r} must be a whole number from 1 to {MAX_SERVINGS}")
    return servings


def parse_percent(text: str) -> float:
    number = text.removesuffix("%")
    try:
        value = parse_amount(number)
    except MgcalcError:
        raise MgcalcError(
            f"percentage {text!r} must be a number above 0 and at most 100, e.g. @18%"
        ) from None
    if value > 100:
        raise MgcalcError(f"percentage {text!r} must be at most 100")
    return value


def _looks_like_servings(token: str) -> bool:
    return _SERVINGS.match(token) is not None


def _looks_like_amount(token: str) -> bool:
    return bool(token) and (token[0].isdigit() or token[0] in "+-.")


def parse_items(
    tokens: Sequence[str], resolve_unit: UnitResolver, *, elemental: bool = False
) -> list[ItemSpec]:
    """Read one or more items from command-line tokens."""
    # A token may hold Unicode spaces (a non-breaking space pasted from a label).
    tokens = [word for token in tokens for word in token.split()] or list(tokens)
    items: list[ItemSpec] = []
    position = 0
    while position < len(tokens):
        item, position = _parse_one(tokens, position, resolve_unit, elemental)
        items.append(item)
    return items


def parse_item_text(text: str, resolve_unit: UnitResolver, *, elemental: bool = False) -> ItemSpec:
    """Read exactly one item from a line of text."""
    tokens = text.split()
    if not tokens:
        raise UsageError("empty item")
    item, position = _parse_one(tokens, 0, resolve_unit, elemental)
    if position != len(tokens):
        raise UsageError(f"one item per line; unexpected {' '.join(tokens[position:])!r}")
    return item


def _parse_one(
    tokens: Sequence[str], start: int, resolve_unit: UnitResolver, elemental: bool
) -> tuple[ItemSpec, int]:
    position = start

    def take(what: str) -> str:
        nonlocal position
        if position >= len(tokens):
            so_far = " ".join(tokens[start:position])
            raise UsageError(f"{so_far!r} is missing {what}; an item looks like '500 mg glycinate'")
        token = tokens[position]
        position += 1
        return token

    servings = 1
    first = take("an amount")
    if _looks_like_servings(first):
        servings = parse_servings(first)
        first = take("an amount")
    match = _AMOUNT.match(first)
    if match is None:
        if _looks_like_amount(first) or first.lower() in _NON_FINITE:
            parse_amount(first)  # raises the precise reason
        raise UsageError(
            f"expected an amount, got {first!r}; an item looks like '500 mg glycinate'"
        )
    amount = parse_amount(match.group("number"))
    unit_text = match.group("unit") or take("a unit")
    if _looks_like_amount(unit_text):
        raise UsageError(
            f"{' '.join(tokens[start:position])!r} is missing a unit ({ACCEPTED_UNITS_TEXT})"
        )
    unit = resolve_unit(unit_text)
    item_elemental = elemental
    form_token = take("a form")
    if form_token.lower() == "elemental":
        item_elemental = True
        form_token = take("a form")
    if form_token.lower() == "magnesium" and position < len(tokens):
        following = tokens[position]
        if not (_looks_like_amount(following) or _looks_like_servings(following)):
            form_token = take("a form")
    form_match = _FORM.match(form_token)
    if form_match is None or _looks_like_amount(form_token):
        raise UsageError(
            f"expected a form after {' '.join(tokens[start : position - 1])!r}, got {form_token!r}"
        )
    percent_text = form_match.group("percent")
    return (
        ItemSpec(
            text=" ".join(tokens[start:position]),
            amount=amount,
            unit=unit,
            form=form_match.group("form"),
            variant=form_match.group("variant"),
            servings=servings,
            elemental=item_elemental,
            percent=parse_percent(percent_text) if percent_text is not None else None,
        ),
        position,
    )


_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}


class ItemTemplate(NamedTuple):
    """Everything about an item but its amount: parsed once, reused for every row like it."""

    prefix: str  # "2x " when there are servings
    suffix: str  # " mg glycinate" as written
    unit: Unit
    form: str
    variant: str | None
    servings: int
    elemental: bool
    percent: float | None
    label: str | None

    def with_amount(self, amount_text: str) -> ItemSpec:
        amount_text = amount_text.strip()
        if not amount_text:
            raise UsageError("missing amount")
        return ItemSpec(
            self.prefix + amount_text + self.suffix,
            parse_amount(amount_text),
            self.unit,
            self.form,
            self.variant,
            self.servings,
            self.elemental,
            self.percent,
            self.label,
        )


def item_template(
    fields: dict[str, str], resolve_unit: UnitResolver, *, elemental: bool = False
) -> ItemTemplate:
    """The amount-free part of an item from named fields (a CSV row, a JSON object, ...)."""
    missing = [key for key in ("amount", "unit", "form") if not fields.get(key, "").strip()]
    if missing:
        raise UsageError(f"missing {', '.join(missing)}")
    unit_text = fields["unit"].strip()
    form_text = fields["form"].strip()
    form_match = _FORM.match(form_text)
    if form_match is None:
        raise MgcalcError(f"form {form_text!r} is not a form name")
    variant = fields.get("variant", "").strip() or form_match.group("variant")
    percent_text = fields.get("percent", "").strip() or form_match.group("percent")
    servings_text = fields.get("servings", "").strip()
    flag = fields.get("elemental", "").strip().lower()
    if flag not in _TRUE | _FALSE:
        raise MgcalcError(f"elemental {fields['elemental']!r} must be true or false")
    servings = parse_servings_count(servings_text, servings_text) if servings_text else 1
    suffix = f" {unit_text} {form_text}"
    if variant and not form_match.group("variant"):
        suffix += f":{variant}"
    return ItemTemplate(
        prefix=f"{servings}x " if servings > 1 else "",
        suffix=suffix,
        unit=resolve_unit(unit_text),
        form=form_match.group("form"),
        variant=variant or None,
        servings=servings,
        elemental=elemental or flag in _TRUE,
        percent=parse_percent(percent_text) if percent_text else None,
        label=fields.get("label", "").strip() or None,
    )


def item_from_fields(
    fields: dict[str, str], resolve_unit: UnitResolver, *, elemental: bool = False
) -> ItemSpec:
    """An item from named fields (a CSV row, a JSON object, a regimen entry)."""
    template = item_template(fields, resolve_unit, elemental=elemental)
    return template.with_amount(fields["amount"])
