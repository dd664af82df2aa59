"""Items: an amount of a form, as mgcalc holds them, and items built from typed values
(a JSON object, a TOML table, a CSV row, a Python call). Text is read by core.reader."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from typing import NamedTuple

from mgcalc.core.errors import MgcalcError, UsageError
from mgcalc.core.units import Unit, UnitKind

MAX_SERVINGS = 100
MAX_NUMBER_LENGTH = 64  # longer is no amount anyone means
ITEM_FIELDS = (
    "amount",
    "unit",
    "form",
    "variant",
    "servings",
    "elemental",
    "percent",
    "concentration",
    "route",
    "label",
)
# Magnesium given by injection is dosed clinically: never compared with the oral RDA/AI or UL.
# The words for a route, wherever they are written (an item's text, a `route` value).
ROUTE_WORDS = {
    "iv": "IV",
    "intravenous": "IV",
    "intravenously": "IV",
    "im": "IM",
    "intramuscular": "IM",
    "intramuscularly": "IM",
    "oral": "oral",
    "orally": "oral",
    "po": "oral",
    "p.o.": "oral",
    "by mouth": "oral",
}

# The grammar is read with string methods: a token at a time, from the left.
_NUMBER_CHARS = "0123456789.eE+-"  # all a plain decimal number may contain
NON_FINITE = {"nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}

UnitResolver = Callable[[str], Unit]


class ItemKind(NamedTuple):
    """Everything about an item but its amount: what decides how it converts."""

    unit: Unit
    form: str | None  # None: magnesium of no named compound ('120 mg magnesium')
    variant: str | None = None
    servings: int = 1
    elemental: bool = False  # the amount is elemental magnesium, not compound
    percent: float | None = None  # the label's own % elemental Mg
    concentration: float | None = None  # mg per mL, of the compound (of Mg when elemental)
    route: str | None = None  # 'IV' or 'IM'; None: by mouth


class LabelSource(NamedTuple):
    """The label document an item was read from."""

    dsld_id: int | str | None
    product: str | None
    brand: str | None
    serving: str | None  # '1 Tablet(s)'
    daily_servings: tuple[float, float] | None  # the label's [min, max] servings a day


class LabelFigures(NamedTuple):
    """What a label line says of its own amount, checked (and weighed) when converted."""

    percent: float | None  # its %DV or %NRV
    of: str | None  # 'dv', 'nrv' or 'ri' as printed; None when the line does not say
    basis_open: bool  # no word said whether the amount is the magnesium or the compound
    restated: tuple[float, str] | None = None  # the magnesium in mEq or mmol: (6.93, 'mEq')


class Item(NamedTuple):
    """One item: an amount of a kind, with the user's own name for it, the text they typed
    (None when it was built from values: `describe` then writes it), and the line of the
    input it came from (0 when it came from no file)."""

    amount: float
    kind: ItemKind
    label: str | None = None
    text: str | None = None
    line: int = 0
    notes: tuple[str, ...] = ()  # what its reading needs said (a label line's checks)
    sources: tuple[str, ...] = ()  # a label line's compounds, as printed
    figures: LabelFigures | None = None  # checked, and weighed, when converted
    from_label: LabelSource | None = None  # the label document it was read from

    @property
    def unit(self) -> Unit:
        return self.kind.unit

    @property
    def form(self) -> str | None:
        return self.kind.form

    @property
    def variant(self) -> str | None:
        return self.kind.variant

    @property
    def servings(self) -> int:
        return self.kind.servings

    @property
    def elemental(self) -> bool:
        return self.kind.elemental

    @property
    def percent(self) -> float | None:
        return self.kind.percent

    def describe(self) -> str:
        """The item as typed, or written in the item grammar from its values."""
        if self.text is not None:
            return self.text
        before, after = kind_words(self.kind)
        return before + number_text(self.amount) + after


@functools.lru_cache(maxsize=10_000)
def kind_words(kind: ItemKind) -> tuple[str, str]:
    """What an item of this kind says before and after its amount ('2x ', ' mg oxide')."""
    before = f"{kind.servings}x " if kind.servings != 1 else ""
    if kind.form is None:  # magnesium itself: '120 mg magnesium', '30 mL magnesium@...'
        strength = "" if kind.concentration is None else f"@{number_text(kind.concentration)}mg/mL"
        return before, f" {kind.unit.symbol} magnesium{strength}" + _route_words(kind)
    unit = f" {kind.unit.symbol}" if kind.unit.symbol else ""  # '2 bananas': none
    after = unit + (" elemental" if kind.elemental else "") + f" {kind.form}"
    if kind.variant:
        after += f":{kind.variant}"
    if kind.percent is not None:
        after += f"@{number_text(kind.percent)}%"
    if kind.concentration is not None:
        after += f"@{number_text(kind.concentration)}mg/mL"
    return before, after + _route_words(kind)


def _route_words(kind: ItemKind) -> str:
    return f" {kind.route}" if kind.route else ""


def route_value(text: str | None) -> str | None:
    """'IV', 'IM', or None for by mouth, from the words people write."""
    if text is None:
        return None
    route = ROUTE_WORDS.get(" ".join(text.lower().split()))
    if route is None:
        raise MgcalcError(f"route {text!r}: use oral, IV or IM")
    return None if route == "oral" else route


class VolumeError(MgcalcError):
    """A volume without its concentration, or a concentration without a volume."""


_STRENGTH_SYNTAX = "FORM@500mg/mL, @400mg/5mL, @1g/100mL or @50%w/v (grams per 100 mL)"


def require_concentration(kind: ItemKind) -> None:
    """A volume of anything but a known liquid product needs its concentration."""
    if kind.unit.kind is UnitKind.VOLUME and kind.concentration is None:
        raise VolumeError(
            f"a volume ({kind.unit.symbol}) needs a concentration: {_STRENGTH_SYNTAX}, or a "
            "liquid product's name ('mgcalc products')"
        )


def check_volume(kind: ItemKind) -> None:
    """A percent is not a solution's strength; a concentration needs a volume."""
    if kind.unit.kind is UnitKind.VOLUME:
        if kind.percent is not None:
            raise VolumeError(
                f"@{number_text(kind.percent)}% on a volume: a bare percent is the elemental % "
                f"of a weight; for a solution give its concentration, {_STRENGTH_SYNTAX}"
            )
        if kind.form is None:  # magnesium itself is no product
            require_concentration(kind)
    elif kind.concentration is not None:
        raise VolumeError(
            f"a concentration goes with a volume (mL, L, tsp, tbsp, fl oz), not with "
            f"{kind.unit.symbol}: e.g. '10 mL sulfate@50%w/v'"
        )


def number_text(value: float) -> str:
    """A number as short as it reads back exactly: 500, 1.5, 1e-07."""
    text = repr(value)
    return text.removesuffix(".0")


def plain_number(text: str) -> float | None:
    """The value of a decimal number such as 500, 1.5, .5 or 2e3; None for anything else
    (words, '1_000', '0,5', 'inf' and 'nan' included)."""
    if not text or text.strip(_NUMBER_CHARS):
        return None
    try:
        return float(text)
    except ValueError:
        return None


def check_amount(value: float, text: str | None = None) -> float:
    """A positive, finite amount; `text` is how it was written, for the message."""
    if not math.isfinite(value):
        if text is None or "inf" in text.lower():
            raise MgcalcError("amount is not a finite number")
        raise MgcalcError(f"amount {text!r} is too large")
    shown = repr(text) if text is not None else number_text(value)
    if value <= 0:
        raise MgcalcError(f"amount {shown} must be greater than zero")
    return float(value)


def parse_amount(text: str) -> float:
    """A positive, finite decimal number written with a decimal point."""
    value = None
    if text and not text.strip(_NUMBER_CHARS):  # plain_number, inline: batches parse millions
        try:
            value = float(text)
        except ValueError:
            pass
        else:
            if 0 < value < math.inf:
                return value
    if text.lower() in NON_FINITE:
        raise MgcalcError(f"amount {text!r} is not a finite number")
    if "," in text:
        raise MgcalcError(f"amount {text!r}: {_comma_readings(text)}")
    if "_" in text:
        raise MgcalcError(f"amount {text!r}: write the number without '_' separators")
    if value is None:
        raise MgcalcError(f"amount {text!r} is not a number")
    return check_amount(value, text)


def _comma_readings(text: str) -> str:
    """Both readings of a comma (decimal comma, thousands separator), suggesting neither."""
    readings = []
    decimal = text.replace(",", ".")
    if text.count(",") == 1 and "." not in text and plain_number(decimal) is not None:
        readings.append(f"{decimal} with a decimal comma")
    thousands = text.replace(",", "")
    if plain_number(thousands) is not None:
        readings.append(f"{thousands} with a thousands separator")
    said = " or ".join(readings) if readings else "no number either way"
    return f"a comma reads two ways ({said}); write the amount with a decimal point only"


def check_servings(servings: int, text: str | None = None) -> int:
    if not 1 <= servings <= MAX_SERVINGS:
        shown = repr(text) if text is not None else str(servings)
        raise MgcalcError(f"servings {shown} must be a whole number from 1 to {MAX_SERVINGS}")
    return servings


def parse_servings_count(count: str, text: str) -> int:
    digits = count.removeprefix("+")
    if not (digits.isascii() and digits.isdigit()):  # int() takes more: '²', '1_0', '++1'
        raise MgcalcError(f"servings {text!r} must be a whole number from 1 to {MAX_SERVINGS}")
    return check_servings(int(digits), text)


def check_percent(value: float, text: str | None = None) -> float:
    shown = repr(text) if text is not None else number_text(value)
    if not (math.isfinite(value) and 0 < value <= 100):
        raise MgcalcError(f"percentage {shown} must be a number above 0 and at most 100, e.g. @18%")
    return float(value)


def parse_percent(text: str) -> float:
    value = plain_number(text.removesuffix("%"))
    if value is None:
        raise MgcalcError(
            f"percentage {text!r} must be a number above 0 and at most 100, e.g. @18%"
        )
    return check_percent(value, text)


def parse_strength(
    text: str | None, resolve_unit: UnitResolver
) -> tuple[float | None, float | None]:
    """What follows '@': a label's % Mg ('18%'), or a concentration in mg per mL
    ('500mg/mL', '400mg/5mL', '1g/100mL', '50%w/v': grams per 100 mL)."""
    if text is None:
        return None, None
    compact = text.replace(" ", "")
    if compact.lower().endswith("%w/v"):
        grams_per_100_ml = parse_amount(compact[:-4].removesuffix("%"))
        return None, grams_per_100_ml * 10
    if "/" not in compact:
        return parse_percent(text), None
    amount_text, _, volume_text = compact.partition("/")
    amount, volume = split_amount(amount_text), split_amount(volume_text)
    if volume is None and volume_text:
        volume = ("1", volume_text)
    if amount is None or amount[1] is None or volume is None or volume[1] is None:
        raise MgcalcError(
            f"concentration {text!r}: write it as 500mg/mL, 400mg/5mL, 1g/100mL or 50%w/v"
        )
    weight, per = resolve_unit(amount[1]), resolve_unit(volume[1])
    if weight.kind is not UnitKind.MASS or per.kind is not UnitKind.VOLUME:
        raise MgcalcError(
            f"concentration {text!r}: a weight per volume, e.g. 500mg/mL or 400mg/5mL"
        )
    mg = parse_amount(amount[0]) * weight.to_base
    ml = parse_amount(volume[0]) * per.to_base
    return None, mg / ml


def split_form(token: str) -> tuple[str, str | None, str | None] | None:
    """'citrate:nonahydrate@12%' -> ('citrate', 'nonahydrate', '12%'); None if malformed."""
    name, at, percent = token.partition("@")
    form, colon, variant = name.partition(":")
    if not form or "@" in percent or ":" in variant or (colon and not variant):
        return None
    return form, variant if colon else None, percent if at else None


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


PLAIN_MAGNESIUM = {"magnesium", "mg", "elemental", "elemental-magnesium", "magnesium-elemental"}


def plain_magnesium(name: str) -> bool:
    """'magnesium', 'Mg', 'elemental magnesium': magnesium itself, no compound named."""
    return "-".join(name.lower().replace("(", " ").replace(")", " ").split()) in PLAIN_MAGNESIUM


# Items from typed values: a JSON object, a TOML table, a CSV row (all strings), a call.


def _text_value(values: Mapping[str, object], key: str) -> str | None:
    value = values.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MgcalcError(f"{key} must be a string")
    return value.strip() or None


VULGAR_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}


def parse_portion_amount(text: str) -> float:
    """An amount; '1/2', '½' and '1½' are fractions, as portions of food are written."""
    if text[-1:] in VULGAR_FRACTIONS:
        whole = text[:-1]
        return (parse_amount(whole) if whole else 0.0) + VULGAR_FRACTIONS[text[-1]]
    numerator, slash, denominator = text.partition("/")
    if slash and numerator.isdigit() and denominator.isdigit() and int(denominator):
        return check_amount(int(numerator) / int(denominator), text)
    return parse_amount(text)


def amount_value(value: object) -> float:
    """An amount given as a number or as text."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise UsageError("missing amount")
        return parse_portion_amount(text)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise MgcalcError("amount must be a string or a number")
    return check_amount(float(value))


def servings_value(value: object) -> int:
    if value is None:
        return 1
    if isinstance(value, str):
        text = value.strip()
        return parse_servings_count(text, text) if text else 1
    if isinstance(value, bool) or not isinstance(value, int):
        raise MgcalcError(f"servings {value!r} must be a whole number from 1 to {MAX_SERVINGS}")
    return check_servings(value)


def _flag_value(value: object) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise MgcalcError(f"elemental {value!r} must be true or false")


def _percent_value(value: object) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        return parse_percent(value.strip())
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise MgcalcError("percent must be a string or a number")
    return check_percent(float(value))


def portion_unit(text: str, resolve_unit: UnitResolver) -> Unit:
    """The unit; a word that is no unit ('medium', 'slice', or a food's own name) is a
    portion, which only a food can have (refused, with the unit's error, for anything else)."""
    try:
        return resolve_unit(text)
    except MgcalcError as error:
        if not error.message.startswith("unknown unit"):
            raise
        return Unit(text, UnitKind.PORTION, 1.0)


def kind_from_values(
    values: Mapping[str, object], resolve_unit: UnitResolver, *, elemental: bool = False
) -> ItemKind:
    """The kind of an item (all but its amount and label) from named values; the form may
    carry its variant and strength ('citrate:nonahydrate', 'glycinate@20%', 'sulfate@50%w/v')."""
    unknown = [key for key in values if key not in ITEM_FIELDS]
    if unknown:
        raise MgcalcError(f"unknown key {unknown[0]!r}; keys are {', '.join(ITEM_FIELDS)}")
    unit_text, form_text = _text_value(values, "unit"), _text_value(values, "form")
    missing = [key for key, text in (("unit", unit_text), ("form", form_text)) if text is None]
    if missing or unit_text is None or form_text is None:
        hint = " (a food's count: its portion, such as 'medium')" if missing == ["unit"] else ""
        raise UsageError(f"missing {', '.join(missing)}{hint}")
    name, at, strength = form_text.partition("@")
    if plain_magnesium(name):  # magnesium itself, by weight or in a solution
        form_parts: tuple[str | None, str | None, str | None] = (
            None,
            None,
            strength if at else None,
        )
        for key in ("variant", "percent"):
            if values.get(key) not in (None, ""):
                raise MgcalcError(f"{key} does not apply to magnesium itself")
    else:
        split = split_form(form_text)
        if split is None:
            raise MgcalcError(f"form {form_text!r} is not a form name")
        form_parts = split
    form, form_variant, form_strength = form_parts
    from_form, concentration = parse_strength(form_strength, resolve_unit)
    concentration_text = _text_value(values, "concentration")
    if concentration_text is not None:
        concentration = parse_strength(concentration_text, resolve_unit)[1]
        if concentration is None:
            raise MgcalcError(
                f"concentration {concentration_text!r}: write it as 500mg/mL, 400mg/5mL, "
                "1g/100mL or 50%w/v"
            )
    percent = _percent_value(values.get("percent"))
    kind = ItemKind(
        unit=portion_unit(unit_text, resolve_unit),
        form=form,
        variant=_text_value(values, "variant") or form_variant,
        servings=servings_value(values.get("servings")),
        elemental=form is None or elemental or _flag_value(values.get("elemental")),
        percent=percent if percent is not None else from_form,
        concentration=concentration,
        route=route_value(_text_value(values, "route")),
    )
    check_volume(kind)
    return kind


def item_from_values(
    values: Mapping[str, object], resolve_unit: UnitResolver, *, elemental: bool = False
) -> Item:
    """An item from named values (see ITEM_FIELDS): numbers and flags as numbers and
    booleans, or as the text a CSV file holds."""
    if values.get("amount") is None or values.get("amount") == "":
        others = [k for k in ("unit", "form") if not _text_value(values, k)]
        raise UsageError(f"missing {', '.join(['amount', *others])}")
    kind = kind_from_values(values, resolve_unit, elemental=elemental)
    return Item(amount_value(values["amount"]), kind, _text_value(values, "label"))
