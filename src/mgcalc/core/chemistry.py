"""Chemical formulas: parsing, atom counts, molar masses and hydrate water."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from mgcalc.core.errors import MgcalcError

# Adducts such as hydrate water follow a middle dot; "." and "*" are accepted as ASCII stand-ins.
_ADDUCT_SEPARATORS = re.compile(r"[·•.*]")
_TOKEN = re.compile(r"([A-Z][a-z]?)(\d*)|(\()|(\))(\d*)")
_LEADING_COUNT = re.compile(r"^(\d+)(.*)$")

HYDRATE_WORDS: Mapping[str, int] = {
    "anhydrous": 0,
    "monohydrate": 1,
    "dihydrate": 2,
    "trihydrate": 3,
    "tetrahydrate": 4,
    "pentahydrate": 5,
    "hexahydrate": 6,
    "heptahydrate": 7,
    "octahydrate": 8,
    "nonahydrate": 9,
    "decahydrate": 10,
    "undecahydrate": 11,
    "dodecahydrate": 12,
    "tetradecahydrate": 14,
}


class FormulaError(MgcalcError):
    """A chemical formula that cannot be read."""


def _parse_group(text: str, formula: str) -> Counter[str]:
    stack: list[Counter[str]] = [Counter()]
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise FormulaError(f"cannot read formula {formula!r} at {text[position:]!r}")
        element, count, opening, closing, group_count = match.groups()
        if element:
            stack[-1][element] += int(count) if count else 1
        elif opening:
            stack.append(Counter())
        elif closing:
            if len(stack) == 1:
                raise FormulaError(f"unbalanced ')' in formula {formula!r}")
            group = stack.pop()
            multiplier = int(group_count) if group_count else 1
            for name, n in group.items():
                stack[-1][name] += n * multiplier
        position = match.end()
    if len(stack) != 1:
        raise FormulaError(f"unbalanced '(' in formula {formula!r}")
    return stack[0]


def _adducts(formula: str) -> list[tuple[int, str]]:
    """Split 'A·nB' into [(1, 'A'), (n, 'B')]."""
    parts = []
    for part in _ADDUCT_SEPARATORS.split(formula.replace(" ", "")):
        if not part:
            raise FormulaError(f"empty part in formula {formula!r}")
        match = _LEADING_COUNT.match(part)
        if match:
            parts.append((int(match.group(1)), match.group(2)))
        else:
            parts.append((1, part))
    return parts


def atom_counts(formula: str) -> Counter[str]:
    """Count the atoms of each element in one formula unit."""
    total: Counter[str] = Counter()
    for multiplier, body in _adducts(formula):
        if not body:
            raise FormulaError(f"a count with nothing after it in formula {formula!r}")
        for element, n in _parse_group(body, formula).items():
            total[element] += n * multiplier
    if not total:
        raise FormulaError(f"formula {formula!r} has no atoms")
    return total


def hydrate_water(formula: str) -> int:
    """The number of H2O written after a dot (the water of crystallisation)."""
    return sum(count for count, body in _adducts(formula) if body == "H2O")


def molar_mass(counts: Mapping[str, int], atomic_weights: Mapping[str, float]) -> float:
    """Molar mass in g/mol; every element must have a weight."""
    missing = sorted(set(counts) - set(atomic_weights))
    if missing:
        raise FormulaError(f"no atomic weight for {', '.join(missing)}")
    return sum(atomic_weights[element] * n for element, n in counts.items())


def hydrate_count_of_name(variant_name: str) -> int | None:
    """The water a variant's name promises ('basic-tetrahydrate' -> 4), or None."""
    for word in variant_name.split("-"):
        if word in HYDRATE_WORDS:
            return HYDRATE_WORDS[word]
    return None
