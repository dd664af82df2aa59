"""The item grammar: `[Nx] AMOUNT[ ]UNIT [elemental] FORM[:VARIANT][@PERCENT%]`."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from mgcalc.core.errors import MgcalcError, UsageError
from mgcalc.core.records import Record
from mgcalc.core.units import ACCEPTED_UNITS_TEXT, Unit

MAX_SERVINGS = 100
MAX_NUMBER_LENGTH = 64  # longer is no amount anyone means

# The grammar is read with string methods, not regular expressions: compiling
# patterns at import would cost every start of mgcalc more than the parsing does.
_NUMBER_CHARS = "0123456789.eE+-"  # all a plain decimal number may contain
_COUNT_CHARS = "0123456789.,_+-"  # what may stand before the x of a servings count
_SERVINGS_MARKS = ("x", "X", "×")
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


def plain_number(text: str) -> float | None:
    """The value of a decimal number such as 500, 1.5, .5 or 2e3; None for anything else
    (words, '1_000', '0,5', 'inf' and 'nan' included)."""
    if not text or text.strip(_NUMBER_CHARS):
        return None
    try:
        return float(text)
    except ValueError:
        return None


def split_form(token: str) -> tuple[str, str | None, str | None] | None:
    """'citrate:nonahydrate@12%' -> ('citrate', 'nonahydrate', '12%'); None if malformed."""
    name, at, percent = token.partition("@")
    form, colon, variant = name.partition(":")
    if not form or "@" in percent or ":" in variant or (colon and not variant):
        return None
    return form, variant if colon else None, percent if at else None


def parse_amount(text: str) -> float:
    """A positive, finite decimal number written with a decimal point."""
    value = plain_number(text)  # the common case first: batches parse millions
    if value is not None and 0 < value < math.inf:
        return value
    lowered = text.lower()
    if lowered in _NON_FINITE:
        raise MgcalcError(f"amount {text!r} is not a finite number")
    if "," in text:
        raise MgcalcError(f"amount {text!r}: use a decimal point, e.g. {text.replace(',', '.')}")
    if "_" in text:
        raise MgcalcError(f"amount {text!r}: write the number without '_' separators")
    if value is None:
        raise MgcalcError(f"amount {text!r} is not a number")
    if not math.isfinite(value):
        raise MgcalcError(f"amount {text!r} is too large")
    if value <= 0:
        raise MgcalcError(f"amount {text!r} must be greater than zero")
    return value


def _servings_count(token: str) -> str | None:
    """The count in '2x' (or '2 ×'), or None if the token is not a servings count."""
    if len(token) < 2 or not token.endswith(_SERVINGS_MARKS):
        return None
    count = token[:-1].rstrip()
    return count if count and not count.strip(_COUNT_CHARS) else None


def parse_servings(text: str) -> int:
    count = _servings_count(text)
    if count is None:  # pragma: no cover - callers check _servings_count first
        raise UsageError(f"{text!r} is not a servings count like 2x")
    return parse_servings_count(count, text)


def parse_servings_count(count: str, text: str) -> int:
    digits = count.removeprefix("+")
    if not (digits.isascii() and digits.isdigit()):  # int() takes more: '²', '1_0', '++1'
        raise MgcalcError(f"servings {text!r} must be a whole number from 1 to {MAX_SERVINGS}")
    servings = int(digits)
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
    return _servings_count(token) is not None


def split_amount(token: str) -> tuple[str, str | None] | None:
    """'500' -> ('500', None); '500mg' -> ('500', 'mg'); None if it starts with no number."""
    if plain_number(token) is not None:
        return token, None
    # The longest leading number that a letter follows: '1.5g', '2e3mg', '20mEq', '5e'.
    end = len(token) - len(token.lstrip(_NUMBER_CHARS))
    if end > MAX_NUMBER_LENGTH:
        return None
    for cut in range(end, 0, -1):
        if token[cut : cut + 1].isalpha() and plain_number(token[:cut]) is not None:
            return token[:cut], token[cut:]
    return None


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
    split = split_amount(first)
    if split is None:
        if _looks_like_amount(first) or first.lower() in _NON_FINITE:
            parse_amount(first)  # raises the precise reason
        raise UsageError(
            f"expected an amount, got {first!r}; an item looks like '500 mg glycinate'"
        )
    amount = parse_amount(split[0])
    unit_text = split[1] or take("a unit")
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
    form_parts = split_form(form_token)
    if form_parts is None or _looks_like_amount(form_token):
        raise UsageError(
            f"expected a form after {' '.join(tokens[start : position - 1])!r}, got {form_token!r}"
        )
    form, variant, percent_text = form_parts
    return (
        ItemSpec(
            text=" ".join(tokens[start:position]),
            amount=amount,
            unit=unit,
            form=form,
            variant=variant,
            servings=servings,
            elemental=item_elemental,
            percent=parse_percent(percent_text) if percent_text is not None else None,
        ),
        position,
    )


_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}


class ItemTemplate(Record):
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
    form_parts = split_form(form_text)
    if form_parts is None:
        raise MgcalcError(f"form {form_text!r} is not a form name")
    form, form_variant, form_percent = form_parts
    variant = fields.get("variant", "").strip() or form_variant
    percent_text = fields.get("percent", "").strip() or form_percent
    servings_text = fields.get("servings", "").strip()
    flag = fields.get("elemental", "").strip().lower()
    if flag not in _TRUE | _FALSE:
        raise MgcalcError(f"elemental {fields['elemental']!r} must be true or false")
    servings = parse_servings_count(servings_text, servings_text) if servings_text else 1
    suffix = f" {unit_text} {form_text}"
    if variant and not form_variant:
        suffix += f":{variant}"
    return ItemTemplate(
        prefix=f"{servings}x " if servings > 1 else "",
        suffix=suffix,
        unit=resolve_unit(unit_text),
        form=form,
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


class Row(NamedTuple):
    line: int  # 1-based line of the input; 0 for items from the command line
    item: ItemSpec | None
    error: MgcalcError | None = None
