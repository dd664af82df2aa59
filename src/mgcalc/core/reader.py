"""The one reader: items from the words people write, wherever they write them.

An item is an amount and its unit with words around it. It starts with the amount
(`500 mg glycinate`) or, as on a label, with the nutrient's name (`Magnesium citrate
200 mg`, `Magnesium (as magnesium citrate) 200 mg 48%`), after an optional servings
count (`2x`, `2 capsules of`). Every other word means one thing wherever it stands, and
each is used or refused by name:

- `elemental` / `compound`: the amount is the magnesium / the compound's weight;
- a route: `oral`, `PO`, `by mouth`, `IV`, `IM` (and their long names);
- servings: `x2`, `× 2`, `twice daily`, `3 times a day`, `bid`, `tid`, `qid`, `daily`;
- `N%` (optionally `DV`, `NRV`, `RI`): a label's daily-value figure, checked;
- a stated elemental figure: `(providing 100 mg elemental magnesium)`, `(100 mg elemental)`;
- a source: `(as magnesium citrate)`, `from magnesium citrate` (a label's amount is then
  the magnesium, 21 CFR 101.36), with a compound weight if the label prints one;
- `@P%` (the label's % Mg) or `@500mg/mL`, `@50%w/v` (a solution's strength) after a form;
- what is left names the form (`citrate nonahydrate`, `MgSO4 7H2O`, `epsom salt`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from mgcalc.core.errors import MgcalcError, UsageError
from mgcalc.core.items import (
    MAX_SERVINGS,
    NON_FINITE,
    ROUTE_WORDS,
    VULGAR_FRACTIONS,
    Item,
    ItemKind,
    LabelFigures,
    UnitResolver,
    check_servings,
    check_volume,
    item_from_values,
    kind_words,
    number_text,
    parse_amount,
    parse_portion_amount,
    parse_servings_count,
    parse_strength,
    plain_magnesium,
    portion_unit,
    servings_value,
    split_amount,
    split_form,
)
from mgcalc.core.labels import (
    TRADE_NAMES,
    TRADEMARK_WORDS,
    compound_weight_mg,
    form_name,
    source_names,
)
from mgcalc.core.units import (
    ACCEPTED_UNITS_TEXT,
    COUNT_UNITS,
    FOOD_MEASURE_WORDS,
    Unit,
    UnitKind,
)

WORDS_AFTER_AMOUNT = (
    "elemental or compound, a route (oral, IV, IM), servings (x2, twice daily), a %DV figure "
    "or a stated elemental figure ('(providing 100 mg elemental)')"
)
ITEM_SHAPE = "an item looks like '500 mg glycinate' or 'Magnesium (as citrate) 200 mg'"
# Words that start a label's line: the nutrient's name (a front of pack, a panel).
NUTRIENT_WORDS = {"magnesium", "mg", "elemental", "mag"}  # 'Mag.' as labels shorten it
# How often a day: each word's count of servings.
FREQUENCY_WORDS = {
    "once": 1,
    "twice": 2,
    "thrice": 3,
    "daily": 1,
    "qd": 1,
    "od": 1,
    "bid": 2,
    "b.i.d.": 2,
    "tid": 3,
    "t.i.d.": 3,
    "qid": 4,
    "q.i.d.": 4,
}
_DAY_WORDS = {"daily", "day", "a-day", "per-day", "each-day", "every-day", "/day", "/d"}
_SERVINGS_MARKS = ("x", "X", "×")
_TRADEMARKS = str.maketrans({"®": " ", "™": " "})
_MARKS = re.compile(r"\((?:R|TM)\)", re.IGNORECASE)
_HYDRATE = re.compile(r"^[·.*]?(\d+(?:\.\d+)?)?H2O$", re.IGNORECASE)
_PERCENT = re.compile(r"^(\d+(?:[.,]\d+)?)%(dv|nrv|ri)?$", re.IGNORECASE)
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_STATING_WORDS = {"providing", "provides", "supplying", "supplies", "yielding", "yields",
                  "containing", "contains", "with", "equals", "=", "or"}  # fmt: skip
_STATED_WORDS = {"of", "elemental", "magnesium", "mg"}
_BASIS_WORDS = {*COUNT_UNITS, "dose", "unit"}  # 'per serving', 'per capsule', 'each tablet'


class _Reading(NamedTuple):
    """What the words of one item said, before it is built."""

    amount_text: str
    unit_text: str
    name: tuple[str, ...]  # the form's words (with any @strength), without the qualifiers
    label_line: bool  # it started with the nutrient's name, as a label does
    elemental: bool
    compound: bool
    route: str | None
    servings: int
    sources: tuple[str, ...]
    stated: tuple[str, str] | None  # a stated elemental figure: (amount, unit)
    compound_weight: tuple[str, str] | None  # a source's printed compound weight
    daily_value: tuple[float, str | None] | None  # a printed %DV and what it is of
    restated: tuple[float, str] | None  # the magnesium again in mEq or mmol
    text: str  # the item's words, for messages
    # a weight in a volume ('4 g ... in 100 mL', '2 g/50 mL'), or the strength a volume is of
    # ('50 mL of 2 g/50 mL'): (amount, unit, volume amount, volume unit)
    in_volume: tuple[str, str, str, str] | None = None
    strength: tuple[str, str, str, str] | None = None
    diluent: str | None = None  # what a weight is dissolved in ('D5W'): said, no magnesium


class _Words:
    """An item's words, read from the left; what each one said."""

    def __init__(self, tokens: Sequence[str], start: int) -> None:
        self.tokens = tokens
        self.at = start
        self.start = start
        self.elemental = self.compound = False
        self.route: str | None = None
        self.servings = 1
        self.sources: list[str] = []
        self.stated: tuple[str, str] | None = None
        self.compound_weight: tuple[str, str] | None = None
        self.daily_value: tuple[float, str | None] | None = None
        self.brand: list[str] = []  # a trade name in parentheses
        self.restated: tuple[float, str] | None = None  # '(6.93 mEq)'
        self.in_volume: tuple[str, str, str, str] | None = None
        self.diluent: str | None = None
        self.strength: tuple[str, str, str, str] | None = None

    def peek(self, ahead: int = 0) -> str | None:
        index = self.at + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def so_far(self) -> str:
        return " ".join(self.tokens[self.start : self.at])

    def say_route(self, route: str, word: str) -> None:
        chosen = None if route == "oral" else route
        if self.route is not None and self.route != chosen:
            raise UsageError(f"{word!r}: {self.so_far()!r} already gives a route")
        self.route = chosen if chosen is not None else self.route

    def times(self, count: int, word: str) -> None:
        self.servings = check_servings(self.servings * count, word)


def tokens_of(text: str) -> list[str]:
    """The words of a text; a parenthesis that opens a word, and what it holds, is one word
    (one inside a word, as in 'Mg3(C6H5O7)2', is part of it); a servings count glued to its
    amount ('2x400mg') is two words; a label's footnote marks ('*', '†') are no words."""
    text = _MARKS.sub(" ", text.translate(_TRADEMARKS))
    words: list[str] = []
    current: list[str] = []
    group = 0  # depth inside a parenthesised word
    inner = 0  # depth of parentheses inside a word
    for char in text:
        if group:
            current.append(char)
            group += {"(": 1, ")": -1}.get(char, 0)
            if not group:
                words.append("".join(current))
                current = []
            continue
        if char.isspace():
            if current:
                words.append("".join(current))
                current = []
            inner = 0
        elif char == "(" and not current:
            group = 1
            current.append(char)
        else:
            inner += {"(": 1, ")": -1}.get(char, 0)
            if inner < 0:
                raise UsageError(f"{text.strip()!r}: a ')' with no '(' before it")
            current.append(char)
    if group:
        raise UsageError(f"{text.strip()!r}: a '(' that is never closed")
    if current:
        words.append("".join(current))
    marks = "*†‡"
    return _ndb_numbers(
        [
            part
            for word in words
            if word.strip(marks)
            for part in _unglued(word if word.startswith("(") else word.strip(marks))
        ]
    )


def _ndb_numbers(words: list[str]) -> list[str]:
    """'NDB 12063', a food's number in SR28, is one word: a name, not an amount."""
    if not any(word.lower() == "ndb" for word in words):
        return words
    joined: list[str] = []
    for word in words:
        if joined and joined[-1].lower() == "ndb" and word.isdigit():
            joined[-1] = f"NDB {word}"
        else:
            joined.append(word)
    return joined


def _unglued(word: str) -> list[str]:
    for mark in _SERVINGS_MARKS:
        count, found, rest = word.partition(mark)
        if found and count.isascii() and count.isdigit() and rest[:1].isdigit():
            return [count + mark, rest]
    return [word]


def _servings_count(token: str) -> str | None:
    """The count in '2x' or '2×', or None if the token is no servings count."""
    if len(token) < 2 or not token.endswith(_SERVINGS_MARKS):
        return None
    count = token[:-1]
    return count if count and not count.strip("0123456789.,_+-") else None


def _is_count(token: str | None) -> bool:
    return token is not None and token.isascii() and token.isdigit()


def _looks_like_amount(token: str) -> bool:
    return bool(token) and (token[0].isdigit() or token[0] in "+-." or token[0] in VULGAR_FRACTIONS)


def _fraction(token: str) -> bool:
    """'1/2', '½', '1½': a fraction, as a portion of food is written."""
    if token[-1:] in VULGAR_FRACTIONS:
        return token[:-1].isdigit() or not token[:-1]
    numerator, slash, denominator = token.partition("/")
    return bool(slash) and numerator.isdigit() and denominator.isdigit()


def _is_nutrient(token: str | None) -> bool:
    return token is not None and token.lower().rstrip(".") in NUTRIENT_WORDS


def _starts_item(words: _Words, ahead: int = 0) -> bool:
    token = words.peek(ahead)
    if token is None:
        return False
    if _HYDRATE.match(token) or _PERCENT.match(token):
        return False
    if _is_count(token) and (words.peek(ahead + 1) or "").lower() in ("times", "time"):
        return False
    return _looks_like_amount(token) or _servings_count(token) is not None


def read_items(tokens: Sequence[str], resolve_unit: UnitResolver, **options: bool) -> list[Item]:
    """Every item in command-line words. A word that holds spaces (one quoted argument)
    and starts an item stands alone: its words do not run into the item before it."""
    streams: list[list[str]] = [[]]
    for token in tokens:
        words = tokens_of(token)
        if len(words) > 1 and streams[-1] and _begins(words):
            carried = _dangling_count(streams[-1])
            streams.append(carried)
        streams[-1] += words
    if not any(streams):
        raise UsageError(f"no item given; {ITEM_SHAPE}")
    found: list[Item] = []
    for stream in streams:
        position = 0
        while position < len(stream):
            item, position, _ = _read_one(stream, position, resolve_unit, **options)
            found.append(item)
    return found


def _begins(words: Sequence[str]) -> bool:
    """Whether a quoted argument's words start an item of their own: they start with an
    amount, a count, or a name that an amount follows ('MgSO4 2 g IV')."""
    first = words[0]
    if _looks_like_amount(first) or _servings_count(first) is not None:
        return True
    return any(_looks_like_amount(word) and not _HYDRATE.match(word) for word in words[1:])


def _dangling_count(stream: list[str]) -> list[str]:
    """A servings count that ends a stream belongs to the quoted item after it."""
    if stream and _servings_count(stream[-1]) is not None:
        return [stream.pop()]
    if len(stream) >= 2 and _is_count(stream[-2]) and stream[-1] in _SERVINGS_MARKS:
        tail = stream[-2:]
        del stream[-2:]
        return tail
    return []


def read_item(text: str, resolve_unit: UnitResolver, **options: bool) -> Item:
    """Exactly one item from a line of text."""
    return _read_line(text, resolve_unit, **options)[0]


def _read_line(text: str, resolve_unit: UnitResolver, **options: bool) -> tuple[Item, bool]:
    """One item, and whether all but its leading amount reads the same with any amount."""
    tokens = tokens_of(text)
    if not tokens:
        raise UsageError(f"empty item; {ITEM_SHAPE}")
    item, position, reusable = _read_one(tokens, 0, resolve_unit, **options)
    if position != len(tokens):
        raise UsageError(
            f"one item per line; {' '.join(tokens[position:])!r} follows "
            f"{' '.join(tokens[:position])!r}"
        )
    return item, reusable


MAX_KNOWN_LINES = 10_000  # kinds of line remembered; bounded, whatever the input


class LineReader:
    """Reads lines of items, each kind of line once: lines that differ only in a leading
    amount ('500 mg oxide', '250 mg oxide') share the rest of their reading."""

    def __init__(self, resolve_unit: UnitResolver, *, elemental: bool = False) -> None:
        self.resolve_unit = resolve_unit
        self.elemental = elemental
        self._known: dict[str, Item] = {}

    def read(self, text: str) -> Item:
        amount_text, space, rest = text.partition(" ")
        # A plain number before the first space is the line's first word as the reader sees it.
        plain = bool(space) and bool(amount_text) and not amount_text.strip("0123456789.")
        known = self._known.get(rest) if plain else None
        if known is not None:
            before, after = kind_words(known.kind)
            amount = parse_amount(amount_text)
            return known._replace(amount=amount, text=before + amount_text + after)
        item, reusable = _read_line(text, self.resolve_unit, elemental=self.elemental)
        if reusable and plain:
            if len(self._known) >= MAX_KNOWN_LINES:
                self._known.clear()
            self._known[rest] = item
        return item


def _read_one(
    tokens: Sequence[str],
    start: int,
    resolve_unit: UnitResolver,
    *,
    elemental: bool = False,
) -> tuple[Item, int, bool]:
    """An item from `start`, where it ends, and whether it would read the same with any
    other plain number as its first word (the amount, apart from its unit)."""
    words = _Words(tokens, start)
    _servings_prefix(words)
    amount_first = words.at == start
    first = words.peek()
    if first is None:
        raise UsageError(f"{words.so_far()!r} is missing an amount; {ITEM_SHAPE}")
    name: list[str] = []
    label_line = not _looks_like_amount(first)
    if first.lower() in NON_FINITE:
        parse_amount(first)  # raises: not a finite number
    if label_line:  # 'Magnesium citrate 200 mg', 'MgSO4 2 g IV': the name first
        if first in _SERVINGS_MARKS or first.lower() == "of":  # no name begins so
            raise UsageError(f"expected an amount, got {first!r}; {ITEM_SHAPE}")
        _name_before_amount(words, name)
    amount_text, unit_text = _amount_and_unit(words)
    amount_apart = amount_first and words.at >= start + 2 and tokens[start] == amount_text
    if label_line:
        _words_after_label_amount(words)
    else:
        _words_after_amount(words, name)
    reading = _Reading(
        amount_text,
        unit_text,
        tuple(name + words.brand if name else name),
        label_line,
        words.elemental,
        words.compound,
        words.route,
        words.servings,
        tuple(words.sources),
        words.stated,
        words.compound_weight,
        words.daily_value,
        words.restated,
        " ".join(tokens[start : words.at]),
        words.in_volume,
        words.strength,
        words.diluent,
    )
    item = _build(reading, resolve_unit, elemental)
    reusable = (
        amount_apart
        and not label_line
        and not item.notes
        and reading.stated is None
        and reading.compound_weight is None
        and reading.daily_value is None
        and reading.restated is None
    )
    return item, words.at, reusable


def _servings_prefix(words: _Words) -> None:
    """'2x', '2 x', '2 capsules of', '2 tablets Magnesium ...': how many servings."""
    token = words.peek()
    if token is None:
        return
    count = _servings_count(token)
    if count is not None:
        words.at += 1
    elif _is_count(token) and words.peek(1) in _SERVINGS_MARKS:
        count = token
        words.at += 2
    elif _is_count(token) and (words.peek(1) or "").lower() in COUNT_UNITS:
        after = words.peek(2)
        if (
            after is not None
            and (after.lower() == "of" or _is_nutrient(after))
            and _amount_ahead(words, 3)
        ):
            count = token
            words.at += 2
            if after.lower() == "of":
                words.at += 1
    if count is not None:
        words.times(parse_servings_count(count, token), token)


def _amount_ahead(words: _Words, ahead: int) -> bool:
    """Whether a label's amount follows: '2 capsules Magnesium glycinate 400 mg'."""
    while (token := words.peek(ahead)) is not None:
        if _looks_like_amount(token) and not _HYDRATE.match(token):
            return True
        ahead += 1
    return False


def _name_before_amount(words: _Words, name: list[str]) -> None:
    """A label's words before its amount: the nutrient, perhaps a compound, a source."""
    while True:
        token = words.peek()
        if token is None:
            first = words.tokens[words.start]
            form_name(name, words.so_far())  # 'Magnesium Stearate': an excipient, said so
            raise UsageError(
                f"expected an amount, got {first!r}: {words.so_far()!r} has no amount of "
                f"magnesium in the line; {ITEM_SHAPE}"
            )
        if not name and token.lower() in ("magnesium", "mg", "mg.", "mag."):
            words.at += 1  # the nutrient's name: what follows names its compound, if anything
            continue
        if _looks_like_amount(token) and not _HYDRATE.match(token) and not _PERCENT.match(token):
            return
        if not _qualifier(words, in_name=False):  # 'Magnesium from magnesium citrate 400 mg'
            name.append(token)
            words.at += 1


def _amount_and_unit(words: _Words) -> tuple[str, str]:
    token = words.peek()
    assert token is not None
    words.at += 1
    split = (token, None) if _fraction(token) else split_amount(token) or _comma_amount(token)
    if split is None:
        if _looks_like_amount(token):
            parse_amount(token)  # raises the precise reason
        raise UsageError(f"expected an amount, got {token!r}; {ITEM_SHAPE}")
    amount_text, unit_text = split
    if unit_text is None:
        unit_text = words.peek()
        if unit_text is None or _looks_like_amount(unit_text):
            raise UsageError(f"{words.so_far()!r} is missing a unit ({ACCEPTED_UNITS_TEXT})")
        words.at += 1
        if unit_text.lower() in ("fl", "fl.") and (words.peek() or "").lower() in ("oz", "oz."):
            unit_text = "fl oz"
            words.at += 1
    unit_text, per = _per_volume(words, unit_text)
    if per is not None:  # '2 g/50 mL sulfate': the weight in a bag of that volume
        words.in_volume = (amount_text, unit_text, *per)
    if (words.peek() or "").lower() == "of":  # '120 mg of magnesium'
        words.at += 1
        strength = _strength_of(words)
        if strength is not None:  # '50 mL of 2 g/50 mL sulfate'
            words.strength = strength
    return amount_text, unit_text


def _per_volume(words: _Words, unit_text: str) -> tuple[str, tuple[str, str] | None]:
    """'g/50' then 'mL', or 'g/50mL': a weight per a volume, its unit and the volume."""
    unit, slash, volume = unit_text.partition("/")
    if not slash or not unit:
        return unit_text, None
    split = split_amount(volume) if volume else None
    if split is None:
        return unit_text, None
    volume_amount, volume_unit = split
    if volume_unit is None:
        following = words.peek()
        if following is None or _looks_like_amount(following):
            raise UsageError(f"{words.so_far()!r}: per what volume? e.g. '2 g/50 mL'")
        volume_unit = following
        words.at += 1
    return unit, (volume_amount, volume_unit)


def _strength_of(words: _Words) -> tuple[str, str, str, str] | None:
    """After 'of', a solution's strength as a weight per a volume ('2 g/50 mL'), if one."""
    token = words.peek()
    if token is None or not token[:1].isdigit():
        return None
    start = words.at
    split = split_amount(token)
    if split is None:
        return None
    words.at += 1
    amount_text, unit_text = split
    if unit_text is None:
        unit_text = words.peek() or ""
        words.at += 1
    unit, per = _per_volume(words, unit_text)
    if per is None:  # not a strength: the words are read as they come
        words.at = start
        return None
    return amount_text, unit, *per


def _comma_amount(token: str) -> tuple[str, str | None] | None:
    """'2,000mg' -> ('2,000', 'mg'): a number with a comma, for its reader to settle."""
    head = token[: len(token) - len(token.lstrip("0123456789.,"))]
    if "," not in head or not head[:1].isdigit():
        return None
    return head, token[len(head) :] or None


def _words_after_amount(words: _Words, name: list[str]) -> None:
    """After an amount: the form's name and qualifiers, to the next item."""
    while words.peek() is not None and not _starts_item(words):
        token = words.peek()
        assert token is not None
        if _HYDRATE.match(token) and name:  # 'MgSO4 7H2O': the water of a formula
            name[-1] += "·" + token.lstrip("·.*")
            words.at += 1
        elif token in ("·", ".", "*") and name and _HYDRATE.match(words.peek(1) or ""):
            words.at += 1
        elif not _qualifier(words, in_name=False):
            name.append(token)
            words.at += 1


def _words_after_label_amount(words: _Words) -> None:
    """After a label's amount, only qualifiers; the nutrient's name starts the next item."""
    while (token := words.peek()) is not None and not _starts_item(words):
        if _is_nutrient(token) and token.lower() != "elemental":
            return
        if not _qualifier(words, in_name=False):
            raise UsageError(
                f"{token!r} is not understood after {words.so_far()!r}: after an amount come "
                + WORDS_AFTER_AMOUNT
            )


def _qualifier(words: _Words, *, in_name: bool) -> bool:
    """Read one qualifier at the current word, if it is one."""
    token = words.peek()
    assert token is not None
    lowered = token.lower()
    if lowered == "elemental":
        words.elemental = True
    elif lowered == "compound":
        words.compound = True
    elif lowered in ROUTE_WORDS:
        words.say_route(ROUTE_WORDS[lowered], token)
    elif lowered in ("per", "each") and (words.peek(1) or "").lower() in _BASIS_WORDS:
        words.at += 1  # 'per serving', 'per capsule': the amount is one serving's
    elif lowered == "in" and _volume_follows(words):
        return True
    elif lowered == "by" and (words.peek(1) or "").lower() == "mouth":
        words.say_route("oral", "by mouth")
        words.at += 1
    elif token.startswith("("):
        _group(words, token)
    elif lowered in ("as", "from") and not in_name:
        words.at += 1
        _sources_after(words)
        return True
    elif lowered in _STATING_WORDS and words.peek(1) and _looks_like_amount(words.peek(1) or ""):
        words.at += 1
        _stated_figure(words, words.peek() or "", token)
        return True
    else:
        return (
            _frequency(words, lowered)
            or _servings_suffix(words, token)
            or _daily_value(words, token)
        )
    words.at += 1
    return True


def _volume_follows(words: _Words) -> bool:
    """'in 100 mL' after a weight's form: the volume the weight is dissolved in."""
    split = split_amount(words.peek(1) or "")
    if split is None:
        return False
    volume_amount, volume_unit = split
    taken = 2
    if volume_unit is None:
        volume_unit = words.peek(2)
        taken = 3
    if volume_unit is None or volume_unit.lower() not in _VOLUME_WORDS:
        return False
    if words.in_volume is not None:
        raise UsageError(f"{words.so_far()!r} already gives the volume")
    words.in_volume = ("", "", volume_amount, volume_unit)  # the weight: the item's amount
    words.at += taken
    diluent = (words.peek() or "").lower()
    if diluent in DILUENTS:  # '... in 100 mL D5W': what it is dissolved in, no magnesium
        words.diluent = words.peek()
        words.at += 1
    return True


DILUENTS = frozenset({"d5w", "ns", "nacl", "saline", "water", "dextrose", "lr", "wfi"})


_VOLUME_WORDS = {"ml", "l", "litre", "liter", "litres", "liters", "milliliter", "milliliters"}


def _frequency(words: _Words, lowered: str) -> bool:
    """'twice daily', '3 times a day', 'bid', 'daily', 'per day'."""
    start = words.at
    if lowered in FREQUENCY_WORDS:
        count = FREQUENCY_WORDS[lowered]
        words.at += 1
    elif _is_count(lowered) and (words.peek(1) or "").lower() in ("times", "time"):
        count = int(lowered)
        words.at += 2
    elif (
        lowered in ("a", "per", "each", "every", "/") and (words.peek(1) or "").lower() == "day"
    ) or lowered in _DAY_WORDS:
        count = 1
    else:
        return False
    # 'a day', 'per day', 'daily' after the count
    following = (words.peek() or "").lower()
    if following in ("a", "per", "each", "every") and (words.peek(1) or "").lower() == "day":
        words.at += 2
    elif following in ("daily", "day", "/day", "/d") and (lowered not in _DAY_WORDS):
        words.at += 1
    if words.at == start:
        words.at += 1
    words.times(count, " ".join(words.tokens[start : words.at]))
    return True


def _servings_suffix(words: _Words, token: str) -> bool:
    """'x2', 'x 2', '× 2' after the amount."""
    if token[:1] in _SERVINGS_MARKS and len(token) > 1 and _is_count(token[1:]):
        count, taken = token[1:], 1
    elif token in _SERVINGS_MARKS and _is_count(words.peek(1)):
        count, taken = words.peek(1) or "", 2
    else:
        return False
    words.times(parse_servings_count(count, token), token)
    words.at += taken
    return True


def _daily_value(words: _Words, token: str) -> bool:
    """'48%', '48% DV', '32 %NRV': a label's daily-value figure."""
    text = token
    taken = 1
    if _looks_like_amount(token) and (words.peek(1) or "").lower().startswith("%"):
        text, taken = token + (words.peek(1) or ""), 2
    found = _PERCENT.match(text)
    if found is None:
        return False
    of = found.group(2)
    following = (words.peek(taken) or "").lower()
    if of is None and following in ("dv", "nrv", "ri", "%dv"):
        of = following.lstrip("%")
        taken += 1
    elif of is None and following in ("w/v", "(w/v)"):  # '50% w/v': a solution's strength
        of = "w/v"
        taken += 1
    if words.daily_value is not None:
        raise UsageError(f"{text!r}: {words.so_far()!r} already gives a daily-value percentage")
    words.daily_value = (_percent_figure(found.group(1), text), of)
    words.at += taken
    return True


def _percent_figure(text: str, shown: str) -> float:
    value = float(text.replace(",", "."))  # a percent on a label: 32,5 % is 32.5 %
    if not 0 < value <= 1000:
        raise UsageError(f"{shown}: {number_text(value)}% is not a daily-value percentage")
    return value


def _group(words: _Words, token: str) -> None:
    """What a label says in parentheses: a source, a stated figure, a %DV, 'elemental'."""
    inner = tokens_of(token[1:-1])
    lowered = [word.lower() for word in inner]
    if not inner:
        raise UsageError(f"{token!r}: empty parentheses")
    if lowered[0] in ("as", "from"):
        weight = _weight_in(inner[1:])
        if weight is not None:
            words.compound_weight, rest = weight
        else:
            rest = inner[1:]
        words.sources += source_names(" ".join(rest), token)
    elif len(inner) <= 2 and _restated(words, inner):
        pass  # '(6.93 mEq)': the magnesium again, in clinicians' units
    elif lowered in (["elemental"], ["elemental", "magnesium"]):
        words.elemental = True
    elif all(word in TRADEMARK_WORDS for word in lowered):
        pass  # '(Albion®)': the brand of the compound the line names
    elif all(word in TRADE_NAMES or word == "mg" for word in lowered):
        words.brand += inner  # '(Magtein®)', '(ATA Mg®)': the trade name, with its figure
    elif _PERCENT.match("".join(inner[:2])) or _PERCENT.match(inner[0]):
        group = _Words(inner, 0)
        group.daily_value = None
        if not _daily_value(group, inner[0]) or group.at != len(inner):
            raise UsageError(f"{token!r} is not understood: a %DV looks like '(48% DV)'")
        if words.daily_value is not None:
            raise UsageError(f"{token!r}: {words.so_far()!r} already gives a daily-value figure")
        words.daily_value = group.daily_value
    else:
        start = 1 if lowered[0] in _STATING_WORDS else 0
        if start >= len(inner) or not _looks_like_amount(inner[start]):
            raise UsageError(
                f"{token!r} is not understood: in parentheses mgcalc reads a source "
                "('(as magnesium citrate)'), a stated elemental figure ('(providing 100 mg "
                "elemental magnesium)'), a %DV ('(48% DV)') or '(elemental)'"
            )
        group = _Words(inner, start)
        _stated_figure(group, inner[start], token)
        if group.at != len(inner):
            raise UsageError(f"{token!r}: {' '.join(inner[group.at :])!r} is not understood")
        words.stated = group.stated


def _restated(words: _Words, inner: Sequence[str]) -> bool:
    """'(6.93 mEq)', '(3.5 mmol)': an amount of magnesium ions, checked when converted."""
    split = split_amount(inner[0])
    if split is None:
        return False
    amount, unit = split
    if unit is None:
        unit = inner[1] if len(inner) == 2 else None
    elif len(inner) == 2:
        return False
    if unit is None or unit.lower() not in ("meq", "mmol"):
        return False
    words.restated = (parse_amount(amount), "mEq" if unit.lower() == "meq" else "mmol")
    return True


def _weight_in(words: Sequence[str]) -> tuple[tuple[str, str], list[str]] | None:
    """A compound weight among a source's words ('1,000 mg magnesium citrate')."""
    for index, word in enumerate(words):
        if not _looks_like_amount(word):
            continue
        split = split_amount(word) or _comma_amount(word)
        if split is None:
            continue
        amount, unit = split
        rest = list(words[:index])
        after = list(words[index + 1 :])
        if unit is None:
            if not after:
                return None
            unit = after.pop(0)
        return (amount, unit), rest + after
    return None


def _stated_figure(words: _Words, token: str, shown: str) -> None:
    """'100 mg elemental magnesium' after 'providing' (or in parentheses): the magnesium."""
    split = split_amount(token)
    if split is None:
        raise UsageError(f"{shown!r}: expected an amount of magnesium, got {token!r}")
    amount, unit = split
    words.at += 1
    if unit is None:
        unit = words.peek()
        if unit is None:
            raise UsageError(f"{shown!r} is missing a unit")
        words.at += 1
    said: list[str] = []
    while (word := words.peek()) is not None and word.lower() in _STATED_WORDS:
        said.append(word.lower())
        words.at += 1
    if not ({"elemental", "magnesium"} & set(said) or (said and said[-1] == "mg")):
        raise UsageError(
            f"{shown!r}: say what the figure is, e.g. '(providing 100 mg elemental magnesium)'"
        )
    if words.stated is not None:
        raise UsageError(f"{shown!r}: a second stated figure of magnesium")
    words.stated = (amount, unit)


def _sources_after(words: _Words) -> None:
    """'from magnesium citrate and magnesium oxide': names to the next qualifier or item."""
    names: list[str] = []
    while (token := words.peek()) is not None and not _starts_item(words):
        if _is_nutrient(token) and names and _looks_like_amount(words.peek(1) or ""):
            break  # the next label line's nutrient
        saved = words.at
        if _qualifier(words, in_name=True):
            continue
        words.at = saved
        names.append(token)
        words.at += 1
    if not names:
        raise UsageError(f"{words.so_far()!r}: 'as' or 'from' needs the compound it names")
    words.sources += source_names(" ".join(names), words.so_far())


def _amount_value(text: str, label_line: bool) -> float:
    """A label's '2,000' is two thousand (three digits after the comma); elsewhere a
    comma reads two ways and is refused."""
    if label_line and _THOUSANDS.match(text):
        return parse_amount(text.replace(",", ""))
    return parse_portion_amount(text)


class _Named(NamedTuple):
    """What an item's name says: a form (None: magnesium itself, or a blend of sources)."""

    form: str | None
    variant: str | None
    percent: float | None
    concentration: float | None


def _named(reading: _Reading, resolve_unit: UnitResolver) -> _Named:
    form_text = form_name(reading.name, reading.text)
    name, _, strength = form_text.partition("@")
    sources = reading.sources
    if not reading.name or plain_magnesium(name):
        if reading.compound and not sources:
            raise UsageError("'compound' needs the compound's name, e.g. '2 g compound sulfate'")
        form = sources[0] if len(sources) == 1 else None
        return _Named(form, None, *parse_strength(strength or None, resolve_unit))
    if sources:
        raise UsageError(
            f"{form_text!r} and the source {', '.join(sources)!r} both name the compound: keep one"
        )
    parts = split_form(form_text)
    if parts is None:
        raise UsageError(f"expected a form, got {form_text!r}; {ITEM_SHAPE}")
    form, variant, strength_text = parts
    return _Named(form, variant, *parse_strength(strength_text, resolve_unit))


def _is_elemental(
    reading: _Reading, named: _Named, elemental_option: bool, unit_kind: UnitKind
) -> bool:
    """Whether the amount is the magnesium: by a word, by a source (a panel's amount), as
    magnesium itself, or as the caller reads every amount (a word of the item's own wins)."""
    if reading.elemental and reading.compound:
        raise UsageError("an amount is elemental or compound, not both")
    if reading.sources:
        if reading.compound:
            raise UsageError(
                "'compound': with a source ('as ...', 'from ...') the amount is the magnesium"
            )
        return True
    if named.form is None or reading.elemental:
        return True
    if reading.stated is not None or reading.compound:
        return False
    return elemental_option and unit_kind is UnitKind.MASS


def _count_of_a_food(reading: _Reading) -> tuple[_Reading, Unit]:
    """'2 bananas': a count of a food, its name where a unit would stand ('½ cup' alone is
    no food's name)."""
    if reading.unit_text.lower() in FOOD_MEASURE_WORDS:
        raise UsageError(f"{reading.text!r} is missing a food or form; {ITEM_SHAPE}")
    return reading._replace(name=(reading.unit_text,)), Unit("", UnitKind.PORTION, 1.0)


def _percent_in_a_foods_name(reading: _Reading, unit: Unit) -> _Reading:
    """'1 cup 2% milk': with a food's portion, a percent is part of its name, not a %DV."""
    if unit.kind is not UnitKind.PORTION or not reading.daily_value:
        return reading
    printed, of = reading.daily_value
    if of is not None:
        return reading
    return reading._replace(name=(f"{number_text(printed)}%", *reading.name), daily_value=None)


def _build(reading: _Reading, resolve_unit: UnitResolver, elemental_option: bool) -> Item:
    amount = _amount_value(reading.amount_text, reading.label_line)
    unit = portion_unit(reading.unit_text, resolve_unit)
    reading = _percent_in_a_foods_name(reading, unit)
    if unit.kind is UnitKind.PORTION and not reading.name and not reading.label_line:
        reading, unit = _count_of_a_food(reading)
    if (
        not reading.name
        and not reading.sources
        and not (reading.elemental or elemental_option or reading.label_line)
    ):
        raise UsageError(f"{reading.text!r} is missing a form; {ITEM_SHAPE}")
    amount_shown = number_text(amount) if "," in reading.amount_text else reading.amount_text
    named = _named(reading, resolve_unit)
    elemental = _is_elemental(reading, named, elemental_option, unit.kind)
    basis_open = (
        named.form is not None
        and not (reading.elemental or reading.compound or reading.sources or elemental_option)
        and reading.stated is None
    )
    notes: list[str] = []
    if elemental_option and not elemental and unit.kind in (UnitKind.COUNT, UnitKind.VOLUME):
        what = "a count of a product's units" if unit.kind is UnitKind.COUNT else "a volume"
        notes.append(
            f"not read as elemental: {amount_shown} {unit.symbol} is {what}, not a weight of "
            "magnesium"
        )
    if len(reading.sources) > 1:
        notes.append(f"several sources, one amount of magnesium: {', '.join(reading.sources)}")
    elemental_mg = amount * unit.to_base if elemental and unit.kind is UnitKind.MASS else None
    percent = named.percent
    if reading.compound_weight is not None:
        percent = _compound_weight_fraction(reading, named, elemental_mg, resolve_unit, notes)
    if reading.stated is not None:
        percent, elemental_mg = _stated_fraction(reading, amount * unit.to_base, unit.kind,
                                                 percent, resolve_unit, notes)  # fmt: skip
    elif basis_open and reading.daily_value is not None:
        pass  # the label's percentage decides, when the item is converted
    elif reading.label_line and named.form and not elemental and not reading.route:
        notes.append(
            f"read as {amount_shown} {reading.unit_text} of {named.form} compound, as a front "
            "of pack often gives it; if it is the magnesium (as on a Supplement Facts panel), "
            f"write '{amount_shown} {reading.unit_text} elemental {named.form}'"
        )
    concentration = named.concentration
    if reading.in_volume is not None or reading.strength is not None:
        if concentration is not None:
            raise UsageError(f"{reading.text!r} gives two strengths: keep one")
        amount, unit, concentration = _dissolved(reading, amount, unit, resolve_unit)
        amount_shown = number_text(amount)
        if reading.diluent:
            notes.append(f"in {reading.diluent}: the diluent, counted as no magnesium")
    concentration, daily_value = _percent_strength(reading, unit, concentration, notes)
    figures = None
    if daily_value is not None or reading.restated is not None:
        if unit.kind is not UnitKind.MASS:
            raise UsageError(f"{reading.text!r}: a %DV goes with a weight (mg)")
        printed, of = daily_value or (None, None)
        figures = LabelFigures(printed, of, basis_open, reading.restated)
    kind = ItemKind(
        unit,
        named.form,
        named.variant,
        reading.servings,
        elemental,
        percent,
        concentration,
        reading.route,
    )
    check_volume(kind)
    before, after = kind_words(kind)
    return Item(
        amount,
        kind,
        text=before + amount_shown + after,
        notes=tuple(notes),
        sources=reading.sources,
        figures=figures,
    )


def _percent_strength(
    reading: _Reading, unit: Unit, concentration: float | None, notes: list[str]
) -> tuple[float | None, tuple[float, str | None] | None]:
    """'10 mL of 50% sulfate', '50% w/v': a percent of a volume is its strength (grams per
    100 mL), not a %DV; the concentration and the %DV that is left."""
    daily_value = reading.daily_value
    if daily_value is None:
        return concentration, None
    printed, of = daily_value
    if of == "w/v" and unit.kind is not UnitKind.VOLUME:
        raise UsageError(f"{reading.text!r}: a w/v strength goes with a volume, e.g. '10 mL'")
    if unit.kind is not UnitKind.VOLUME or of not in (None, "w/v"):
        return concentration, daily_value
    if concentration is not None:
        raise UsageError(f"{reading.text!r} gives two strengths: keep one")
    shown = number_text(printed)
    notes.append(
        f"{shown}% of a solution read as {shown}%w/v (g per 100 mL), as its label gives it"
    )
    return printed * 10, None


def _dissolved(
    reading: _Reading, amount: float, unit: Unit, resolve_unit: UnitResolver
) -> tuple[float, Unit, float]:
    """A weight in a volume, or a volume of a strength, as a volume and its concentration
    (mg per mL), as '@' gives it: '4 g in 100 mL' is 100 mL at 40 mg/mL, the same 4 g."""
    if reading.strength is not None:
        weight, weight_unit, volume, volume_unit = reading.strength
        if unit.kind is not UnitKind.VOLUME:
            raise UsageError(f"{reading.text!r}: a strength goes with a volume, e.g. '50 mL of'")
        mg = parse_amount(weight) * _unit_of(weight_unit, UnitKind.MASS, reading, resolve_unit)
        ml = parse_amount(volume) * _unit_of(volume_unit, UnitKind.VOLUME, reading, resolve_unit)
        return amount, unit, mg / ml
    assert reading.in_volume is not None
    _, _, volume, volume_unit = reading.in_volume
    if unit.kind is not UnitKind.MASS:
        raise UsageError(
            f"{reading.text!r}: 'in' a volume goes with a weight, e.g. '4 g ... in 100 mL'"
        )
    ml_unit = resolve_unit(volume_unit)
    if ml_unit.kind is not UnitKind.VOLUME:
        raise UsageError(f"{reading.text!r}: {volume_unit!r} is no volume")
    ml = parse_amount(volume) * ml_unit.to_base
    return parse_amount(volume), ml_unit, amount * unit.to_base / ml


def _unit_of(text: str, kind: UnitKind, reading: _Reading, resolve_unit: UnitResolver) -> float:
    unit = resolve_unit(text)
    if unit.kind is not kind:
        raise UsageError(f"{reading.text!r}: {text!r} is no {kind.value}")
    return unit.to_base


def _compound_weight_fraction(
    reading: _Reading,
    named: _Named,
    elemental_mg: float | None,
    resolve_unit: UnitResolver,
    notes: list[str],
) -> float | None:
    """A source's printed compound weight gives the label's own fraction (of one compound)."""
    assert reading.compound_weight is not None
    if elemental_mg is None:
        raise UsageError("a compound weight in a source goes with a weight of magnesium")
    compound_mg = compound_weight_mg(
        reading.compound_weight, elemental_mg, reading.text, resolve_unit
    )
    fraction = 100 * elemental_mg / compound_mg
    notes.append(
        f"the label's own fraction: {number_text(elemental_mg)} mg magnesium from "
        f"{number_text(compound_mg)} mg compound ({fraction:.4g}%)"
    )
    return fraction if named.form is not None and len(reading.sources) == 1 else None


def _stated_fraction(
    reading: _Reading,
    compound_mg: float,
    unit_kind: UnitKind,
    percent: float | None,
    resolve_unit: UnitResolver,
    notes: list[str],
) -> tuple[float, float]:
    """A stated elemental figure makes the amount the compound's weight and gives the
    label's own fraction: '500 mg glycinate (providing 100 mg elemental magnesium)'."""
    assert reading.stated is not None
    stated_text, stated_unit = reading.stated
    shown = f"{stated_text} {stated_unit}"
    stated = resolve_unit(stated_unit)
    if stated.kind is not UnitKind.MASS or unit_kind is not UnitKind.MASS:
        raise UsageError(f"a stated figure ({shown}) goes with a weight of compound (mg, g)")
    if reading.elemental or reading.sources:
        raise UsageError(f"two amounts of magnesium: the item's and the stated {shown}")
    if percent is not None:
        raise UsageError("give the label's % Mg or its stated elemental figure, not both")
    if not reading.name:
        raise UsageError("a stated elemental figure needs the compound's name")
    stated_mg = parse_amount(stated_text) * stated.to_base
    if stated_mg >= compound_mg:
        raise UsageError(
            f"{shown} of magnesium is not less than the {number_text(compound_mg)} mg of "
            "compound that holds it"
        )
    fraction = 100 * stated_mg / compound_mg
    notes.append(
        f"the label's own fraction: {number_text(stated_mg)} mg magnesium from "
        f"{number_text(compound_mg)} mg compound ({fraction:.4g}%)"
    )
    return fraction, stated_mg


# Items from records: a JSON object, a TOML table, a CSV row.

TEXT_FIELD = "text"  # an item given as its text, read by this reader
_WITH_TEXT = (TEXT_FIELD, "label", "servings")


def item_from_record(
    values: Mapping[str, object],
    resolve_unit: UnitResolver,
    *,
    elemental: bool = False,
    read: Callable[[str], Item] | None = None,
) -> Item:
    """An item from named values, or from its `text` (with an optional `label`, and
    `servings` that multiply the text's own), read by `read` if given (a LineReader's)."""
    text = values.get(TEXT_FIELD)
    if text is None or text == "":
        rest = {key: value for key, value in values.items() if key != TEXT_FIELD}
        return item_from_values(rest, resolve_unit, elemental=elemental)
    if not isinstance(text, str):
        raise MgcalcError(f"{TEXT_FIELD} must be a string")
    given = [k for k, v in values.items() if k not in _WITH_TEXT and v not in (None, "")]
    if given:
        raise MgcalcError(f"give an item as its text or as values, not both ({given[0]})")
    text = text.strip()
    item = read(text) if read else read_item(text, resolve_unit, elemental=elemental)
    servings = values.get("servings")
    if servings not in (None, "", 1, "1"):
        times = servings_value(servings)
        total = check_servings(item.kind.servings * times, str(servings))
        kind = item.kind._replace(servings=total)
        before, after = kind_words(kind)
        item = item._replace(kind=kind, text=before + number_text(item.amount) + after)
    label = values.get("label")
    if isinstance(label, str) and label.strip():
        item = item._replace(label=label.strip())
    elif label not in (None, "") and not isinstance(label, str):
        raise MgcalcError("label must be a string")
    return item


__all__ = ["MAX_SERVINGS", "TEXT_FIELD", "item_from_record", "read_item", "read_items"]
