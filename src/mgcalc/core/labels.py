"""Supplement Facts lines as items: 'Magnesium (as magnesium citrate) 200 mg 48%'.

A panel's amount is elemental magnesium (21 CFR 101.36); the source after 'as' or 'from'
names the compound; a compound weight in the line gives the label's own fraction; a %DV or
%NRV figure is checked against the US Daily Value (420 mg; 400 mg before the 2016 rule) and
the EU NRV (375 mg). A front-of-pack line ('Magnesium glycinate 400 mg') gives the compound.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from mgcalc.core.errors import MgcalcError, UsageError
from mgcalc.core.items import (
    Item,
    ItemKind,
    UnitResolver,
    item_from_values,
    kind_words,
    number_text,
    parse_amount,
    parse_item_text,
    parse_items,
    split_amount,
)
from mgcalc.core.units import Unit, UnitKind

# Reference values a label's percentage may be of: (mg, what it is).
US_DAILY_VALUE = (420.0, "the US Daily Value (420 mg)")
US_DAILY_VALUE_BEFORE_2016 = (400.0, "the US Daily Value before the 2016 rule (400 mg)")
EU_NRV = (375.0, "the EU NRV (375 mg)")
# Trademark words that stand beside a form's name; the name says what it is.
TRADEMARK_WORDS = {"chelazome", "traacs", "albion", "magtein"}
EXCIPIENTS = {"stearate": "a tablet lubricant"}
_NUTRIENT = re.compile(r"^\s*(magnesium|mg)\b", re.IGNORECASE)
_GROUP = re.compile(r"\(([^()]*)\)")
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%\s*(dv|nrv|ri)?", re.IGNORECASE)
_AMOUNT = re.compile(r"(\d[\d.,]*)\s*(mg|g|mcg|µg|ug)\b", re.IGNORECASE)


def looks_like_label(text: str) -> bool:
    """A line that starts with the nutrient's name, as a panel line does."""
    return bool(_NUTRIENT.match(text)) and not _AMOUNT.match(text)


class _Parts(NamedTuple):
    amount_text: str
    unit_text: str
    sources: tuple[str, ...]
    compound: tuple[str, str] | None  # (amount, unit) of the compound, as printed
    percent: tuple[float, str | None] | None  # the printed % and what it says it is of
    front_name: str | None  # 'Magnesium glycinate 400 mg': the name before the amount


def parse_label(text: str, resolve_unit: UnitResolver, *, servings: int = 1) -> Item:
    """The item a Supplement Facts line declares."""
    cleaned = text.replace("®", " ").replace("™", " ").replace("(R)", " ").replace("(TM)", " ")
    parts = _parts(cleaned, text)
    unit = resolve_unit(parts.unit_text)
    if unit.kind is not UnitKind.MASS:
        raise MgcalcError(f"{text!r}: a label line gives a weight of magnesium (mg)")
    notes: list[str] = []
    if parts.front_name is not None and not parts.sources:
        return _front_of_pack(text, parts, unit, servings)
    elemental = _amount(parts.amount_text, text)
    elemental_mg = elemental * unit.to_base
    sources = parts.sources
    form: str | None = sources[0] if len(sources) == 1 else None
    percent = None
    if parts.compound is not None:
        compound_mg = _compound_mg(parts.compound, elemental_mg, text, resolve_unit)
        percent = 100 * elemental_mg / compound_mg
        notes.append(
            f"the label's own fraction: {number_text(elemental_mg)} mg magnesium from "
            f"{number_text(compound_mg)} mg compound ({percent:.4g}%)"
        )
        if form is None and len(sources) > 1:
            percent = None  # a blend: the fraction is of no one compound
    if len(sources) > 1:
        notes.append(f"several sources, one amount of magnesium: {', '.join(sources)}")
    if parts.percent is not None:
        notes += _check_daily_value(elemental_mg, *parts.percent)
    kind = ItemKind(unit, form, None, servings, True, percent if form else None)
    before, after = kind_words(kind)
    return Item(
        elemental,
        kind,
        text=before + parts.amount_text + after,
        notes=tuple(notes),
        sources=sources,
    )


def _front_of_pack(text: str, parts: _Parts, unit: Unit, servings: int) -> Item:
    """'Magnesium glycinate 400 mg': a front of pack often gives the compound's weight."""
    assert parts.front_name is not None
    amount = _amount(parts.amount_text, text)
    kind = ItemKind(unit, parts.front_name, None, servings, False, None)
    before, after = kind_words(kind)
    note = (
        f"read as {parts.amount_text} {parts.unit_text} of {parts.front_name} compound, as a "
        "front of pack often gives it; if it is the magnesium (as on a Supplement Facts panel), "
        f"write '{parts.amount_text} {parts.unit_text} elemental {parts.front_name}'"
    )
    return Item(amount, kind, text=before + parts.amount_text + after, notes=(note,))


def _parts(cleaned: str, text: str) -> _Parts:
    head = _NUTRIENT.match(cleaned)
    if head is None:  # pragma: no cover - callers check looks_like_label first
        raise UsageError(f"{text!r} is not a label line")
    rest = cleaned[head.end() :]
    sources: list[str] = []
    compound: tuple[str, str] | None = None
    percent: tuple[float, str | None] | None = None
    for group in _GROUP.findall(rest):
        words = group.split()
        lowered = [word.lower() for word in words]
        if lowered[:1] in (["as"], ["from"]):
            amount = _AMOUNT.match(" ".join(words[1:]))
            if amount is not None:
                compound = (amount.group(1), amount.group(2))
                sources += _sources(" ".join(words[1:])[amount.end() :], text)
            else:
                sources += _sources(" ".join(words[1:]), text)
        elif _PERCENT.search(group):
            found = _PERCENT.search(group)
            assert found is not None
            percent = (_percent_value(found.group(1), text), found.group(2))
        # anything else in parentheses ('elemental') says nothing of the amount
    outside = _GROUP.sub(" ", rest)
    amount = _AMOUNT.search(outside)
    if amount is None:
        raise UsageError(f"{text!r}: no amount of magnesium in the line (e.g. '200 mg')")
    before, after = outside[: amount.start()], outside[amount.end() :]
    front = " ".join(before.split())
    if front.lower().startswith(("from ", "as ")):
        sources += _sources(front.split(" ", 1)[1], text)
        front = ""
    found = _PERCENT.search(after)
    if found is not None and percent is None:
        percent = (_percent_value(found.group(1), text), found.group(2))
    trailing = after[found.end() :] if found else after
    words = trailing.split()
    if words[:1] and words[0].lower() in ("from", "as"):
        sources += _sources(" ".join(words[1:]), text)
    front_name = _name(front, text) if front and front.lower() != "elemental" else None
    return _Parts(amount.group(1), amount.group(2), tuple(sources), compound, percent, front_name)


def _sources(text: str, line: str) -> list[str]:
    names = [_name(part, line) for part in re.split(r",|\band\b|/", text) if part.strip()]
    return [name for name in names if name]


def _name(text: str, line: str) -> str:
    words = [word for word in text.split() if word.lower() not in TRADEMARK_WORDS]
    name = " ".join(words or text.split()).strip(" .;:")  # a trademark alone names the form
    for excipient, what in EXCIPIENTS.items():
        if excipient in name.lower():
            raise MgcalcError(
                f"{line!r}: magnesium {excipient} is an excipient ({what}), not a dose"
            )
    return name


def _amount(text: str, line: str) -> float:
    try:
        return parse_amount(text)
    except MgcalcError as error:
        raise MgcalcError(f"{line!r}: {error.message}") from None


def _compound_mg(
    printed: tuple[str, str], elemental_mg: float, line: str, resolve_unit: UnitResolver
) -> float:
    """The compound's weight; '1,000 mg' is one thousand when that is the one reading in
    which a compound weighs more than its magnesium."""
    amount_text, unit_text = printed
    to_mg = resolve_unit(unit_text).to_base
    if "," not in amount_text:
        compound_mg = _amount(amount_text, line) * to_mg
        if compound_mg < elemental_mg:
            raise MgcalcError(
                f"{line!r}: {amount_text} {unit_text} of compound is less than the "
                f"{number_text(elemental_mg)} mg of magnesium it holds"
            )
        return compound_mg
    readings = []
    for reading in {amount_text.replace(",", ""), amount_text.replace(",", ".")}:
        split = split_amount(reading)
        if split is not None and split[1] is None:
            value = float(split[0]) * to_mg
            if value > elemental_mg:
                readings.append(value)
    if len(readings) == 1:
        return readings[0]
    raise MgcalcError(
        f"{line!r}: '{amount_text} {unit_text}' reads two ways (a decimal comma or a thousands "
        "separator) and the line does not say which; write it without the comma"
    )


def _percent_value(text: str, line: str) -> float:
    if "," in text:
        text = text.replace(",", ".")  # a percent on a label: 32,5 % is 32.5 %
    value = float(text)
    if not 0 < value <= 1000:
        raise MgcalcError(f"{line!r}: {text}% is not a daily-value percentage")
    return value


def _check_daily_value(elemental_mg: float, printed: float, of: str | None) -> list[str]:
    """A printed %DV or %NRV against the reference values it may be of (labels round)."""
    kind = (of or "").lower()
    candidates: Sequence[tuple[float, str]]
    if kind == "dv":
        candidates = (US_DAILY_VALUE, US_DAILY_VALUE_BEFORE_2016)
    elif kind in ("nrv", "ri"):
        candidates = (EU_NRV,)
    else:
        candidates = (US_DAILY_VALUE, US_DAILY_VALUE_BEFORE_2016, EU_NRV)
    fits = [what for value, what in candidates if abs(100 * elemental_mg / value - printed) < 1]
    if not fits:
        names = " nor ".join(what for _, what in candidates)
        return [
            f"the label's {printed:g}% for {number_text(elemental_mg)} mg fits neither {names}"
            if len(candidates) > 1
            else f"the label's {printed:g}% for {number_text(elemental_mg)} mg does not fit {names}"
        ]
    if fits == [US_DAILY_VALUE_BEFORE_2016[1]]:
        return [f"the label's {printed:g}% fits {fits[0]}: a label printed before the rule"]
    return []


def items_from_tokens(
    tokens: Sequence[str], resolve_unit: UnitResolver, *, elemental: bool = False
) -> list[Item]:
    """Items from command-line words: the item grammar, where a quoted label line (one
    argument that starts with 'Magnesium') is one item, after an optional servings count."""
    found: list[Item] = []
    pending: list[str] = []
    for token in tokens:
        if " " in token.strip() and looks_like_label(token.strip()):
            servings = 1
            if pending and pending[-1].lower().rstrip("x×").isdigit() and pending[-1][-1:] in "xX×":
                servings = int(pending.pop()[:-1])
            found += parse_items(pending, resolve_unit, elemental=elemental) if pending else []
            pending = []
            found.append(parse_label(token.strip(), resolve_unit, servings=servings))
        else:
            pending.append(token)
    if pending:
        found += parse_items(pending, resolve_unit, elemental=elemental)
    return found


TEXT_FIELD = "text"  # an item given as its text: the item grammar or a label line


def item_from_record(
    values: Mapping[str, object], resolve_unit: UnitResolver, *, elemental: bool = False
) -> Item:
    """An item from named values (a JSON object, a TOML table, a CSV row), or from its
    `text` (with an optional `label`)."""
    text = values.get(TEXT_FIELD)
    if text is None or text == "":
        rest = {key: value for key, value in values.items() if key != TEXT_FIELD}
        return item_from_values(rest, resolve_unit, elemental=elemental)
    if not isinstance(text, str):
        raise MgcalcError(f"{TEXT_FIELD} must be a string")
    given = [k for k, v in values.items() if k not in (TEXT_FIELD, "label") and v not in (None, "")]
    if given:
        raise MgcalcError(f"give an item as its text or as values, not both ({given[0]})")
    item = item_from_line(text.strip(), resolve_unit, elemental=elemental)
    label = values.get("label")
    if isinstance(label, str) and label.strip():
        item = item._replace(label=label.strip())
    return item


def item_from_line(text: str, resolve_unit: UnitResolver, *, elemental: bool = False) -> Item:
    """One item from a line of a file: a label line, or the item grammar."""
    if looks_like_label(text):
        return parse_label(text.strip(), resolve_unit)
    return parse_item_text(text, resolve_unit, elemental=elemental)
