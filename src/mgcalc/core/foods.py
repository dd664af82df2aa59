"""Foods: the USDA SR28 table (data/foods.tsv) and the everyday names that choose a food.

A food's magnesium is SR28's mg per 100 g of edible portion, or unknown (None, never 0) where
SR28 has no figure; a portion is SR28's household measure with its gram weight.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from mgcalc.core.errors import MgcalcError

SOURCE = "USDA SR28 (National Nutrient Database for Standard Reference, Release 28)"
CITE = "USDA SR28"  # as tables cite it
SOURCE_IN_FULL = (
    "USDA Agricultural Research Service, USDA National Nutrient Database for Standard "
    "Reference, Release 28 (2016), public domain; magnesium is nutrient 304"
)
AMBIGUOUS_SPREAD = 0.1  # foods whose figures differ more than this are never chosen silently


class Portion(NamedTuple):
    amount: float  # of `unit`: SR28 gives '1 cup', '0.5 cup', '1 oz'
    unit: str  # 'cup, chopped', 'medium (7" to 7-7/8" long)', 'oz'
    grams: float

    @property
    def word(self) -> str:
        """The portion's first word, as people say it: 'cup', 'medium', 'slice'."""
        return self.unit.split(",")[0].split("(")[0].split()[0].lower() if self.unit else ""


class Food(NamedTuple):
    ndb: str
    description: str
    mg_per_100g: float | None  # None: SR28 has no magnesium figure for it
    portions_text: str  # as data/foods.tsv holds them; read when asked for

    @property
    def portions(self) -> tuple[Portion, ...]:
        return _portions(self.portions_text)

    @property
    def source(self) -> str:
        return f"{SOURCE}, NDB {self.ndb}"

    def mg_in(self, grams: float) -> float | None:
        return None if self.mg_per_100g is None else self.mg_per_100g * grams / 100


class Found(NamedTuple):
    """A food a query names, and how well (lower is better)."""

    food: Food
    rank: tuple[int, int, int]
    name: str | None  # the everyday name that chose it, if one did


def read_table(lines: Iterable[str]) -> dict[str, Food]:
    """The foods of data/foods.tsv (its header and comments skipped)."""
    foods: dict[str, Food] = {}
    for line in lines:
        if not line.strip() or line.startswith(("#", "ndb\t")):
            continue
        ndb, description, mg, portions = line.rstrip("\n").split("\t")
        foods[ndb] = Food(ndb, description, float(mg) if mg else None, portions)
    return foods


def _portions(text: str) -> tuple[Portion, ...]:
    found = []
    for entry in text.split("|") if text else ():
        measure, _, grams = entry.rpartition("=")
        amount, _, unit = measure.partition(" ")
        found.append(Portion(float(amount), unit, float(grams)))
    return tuple(found)


_LINKING_WORDS = frozenset({"a", "an", "and", "in", "of", "on", "or", "the", "to", "with"})
_SEPARATORS = str.maketrans(dict.fromkeys(",.;:()/-'\"&", " "))


def _root(word: str) -> str:
    """A word's root, the same for its singular and plural: 'bananas', 'banana' -> 'banana';
    'berries', 'berry' -> 'berri'; 'peaches', 'peach' -> 'peach'."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "i"
    if word.endswith("y") and len(word) > 3:
        return word[:-1] + "i"
    if word.endswith(("ches", "shes", "oes", "xes")) and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [_root(word) for word in text.lower().translate(_SEPARATORS).split()]


def _searchable(text: str) -> str:
    """A description as its words' beginnings are found in it: ' nuts almonds dry roasted '."""
    return " " + " ".join(text.lower().translate(_SEPARATORS).split()) + " "


class FoodTable:
    """Every SR28 food, found by an everyday name, an NDB number, or words of its description."""

    def __init__(self, foods: Mapping[str, Food], names: Mapping[str, str]) -> None:
        self.foods = foods
        self.names = {" ".join(_words(name)): ndb for name, ndb in names.items()}
        self._said: dict[str, str] = {}  # each name as the data writes it (the first, of forms)
        for name in names:
            self._said.setdefault(" ".join(_words(name)), name)
        self._indexed = [(food, _searchable(food.description)) for food in foods.values()]
        self._named = set(self.names.values())

    def search(self, query: str, limit: int = 10, *, close: bool = True) -> list[Found]:
        """Foods whose description holds every word of the query (in any order, plurals as
        one), everyday names first, then the shortest descriptions; with `close`, where
        nothing matches, the foods of the words' close spellings."""
        words = _words(query)
        if not words:
            return []
        number = query.strip()
        number = number[3:].strip() if number[:3].lower() == "ndb" else number
        if number in self.foods:  # an NDB number: '12063', 'NDB 12063'
            return [Found(self.foods[number], (0, 0, 0), None)]
        found: dict[str, Found] = {}
        for name, ndb in self.names.items():  # an everyday name, exactly or with more words
            name_words = name.split()
            if name_words == words:
                found[ndb] = Found(self.foods[ndb], (0, 0, 0), self._said[name])
        # each word begins a word of the description; a word of one or two letters ('in',
        # 'of') is a word of it, never the start of any ('in' is not 'includes')
        starts = [f" {word} " if len(word) < 3 else f" {word}" for word in words]
        for food, described in self._indexed:
            if food.ndb in found or not all(start in described for start in starts):
                continue
            named = 0 if food.ndb in self._named else 1
            found[food.ndb] = Found(food, (1, named, len(food.description)), None)
        if not found:
            return self._close(words, limit) if close else []
        return sorted(found.values(), key=lambda entry: entry.rank)[:limit]

    def _close(self, words: Sequence[str], limit: int) -> list[Found]:
        """Close spellings of the words ('almods'), tried once, when nothing else matched."""
        corrected = self.close_spelling(words)
        return self.search(corrected, limit, close=False) if corrected else []

    def close_spelling(self, words: Sequence[str]) -> str | None:
        """The query its words' close spellings make ('almods' -> 'almond'), if any."""
        vocabulary = {word for _, described in self._indexed for word in described.split()}
        corrected = []
        for word in words:
            close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.8)
            if not close:
                return None
            corrected.append(close[0])
        return None if corrected == list(words) else " ".join(corrected)

    def food(self, name: str) -> tuple[Food, str | None]:
        """The one food a name means, and a note when the name chose among similar ones; an
        error listing the choices when they differ (never a silent guess)."""
        found = self.search(name, limit=50, close=False)  # an item's name is never respelled
        if all(word in _LINKING_WORDS for word in _words(name)):  # 'in', 'of': no food's name
            found = []
        if not found:
            raise UnknownFoodError(name, self.close_spelling(_words(name)))
        best = found[0]
        if best.rank[0] == 0 or len(found) == 1:
            return best.food, None
        named = [entry for entry in found if entry.rank[1] == 0]
        if best in named and all(_alike(entry.food, best.food) for entry in named):
            # the food an everyday name means, and none named otherwise differs from it
            return best.food, (
                f"{name!r} read as {best.food.description} (NDB {best.food.ndb}), the food its "
                f"everyday name means; {len(found) - 1} other SR28 food(s) match: "
                f"'mgcalc foods {name}' lists them"
            )
        alike = [entry for entry in found if _alike(entry.food, best.food)]
        if len(alike) == len(found):
            return best.food, (
                f"{name!r} is {len(found)} SR28 foods with the same magnesium; "
                f"read as {best.food.description} (NDB {best.food.ndb})"
            )
        raise AmbiguousFoodError(name, [entry.food for entry in found])


class UnknownFoodError(MgcalcError):
    """No food has the name; `close` is the query its close spellings make, if any."""

    def __init__(self, name: str, close: str | None) -> None:
        self.name = name
        self.close = close
        hint = f" (did you mean {close!r}?)" if close else ""
        super().__init__(f"unknown food {name!r}{hint}; 'mgcalc foods WORDS' searches them all")


class AmbiguousFoodError(MgcalcError):
    """A name several foods have whose magnesium differs; `choices` best first."""

    SHOWN = 4

    def __init__(self, name: str, choices: Sequence[Food]) -> None:
        self.name = name
        self.choices = tuple(choices)
        super().__init__(self.listing({food.ndb: _figure(food) for food in choices}))

    def listing(self, figures: Mapping[str, str]) -> str:
        """The message, each choice with its figure from `figures` (by NDB number)."""
        shown = "; ".join(
            f"{food.description} (NDB {food.ndb}, {figures[food.ndb]})"
            for food in self.choices[: self.SHOWN]
        )
        more = " …" if len(self.choices) > self.SHOWN else ""
        return (
            f"{self.name!r} names {len(self.choices)} foods whose magnesium differs: "
            f"{shown}{more}; name one more closely, or by its NDB number"
        )


def _alike(one: Food, other: Food) -> bool:
    if one.mg_per_100g is None or other.mg_per_100g is None:
        return one.mg_per_100g == other.mg_per_100g
    high = max(one.mg_per_100g, other.mg_per_100g)
    return high == 0 or abs(one.mg_per_100g - other.mg_per_100g) <= AMBIGUOUS_SPREAD * high


def _figure(food: Food) -> str:
    if food.mg_per_100g is None:
        return "magnesium unknown"
    return f"{food.mg_per_100g:g} mg per 100 g"
