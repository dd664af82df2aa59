"""Chemical formulas: parsing, atom counts, molar masses and hydrate water."""

from __future__ import annotations

import math
from collections.abc import Mapping

from mgcalc.core.errors import MgcalcError

# Adducts such as hydrate water follow a middle dot; "." and "*" are accepted as ASCII stand-ins.
_ADDUCT_DOTS = str.maketrans({".": "·", "*": "·", "•": "·"})
_DIGITS = "0123456789"

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


def _count_at(text: str, start: int) -> tuple[int, int]:
    """The count written at `start` (1 if none) and the index after it."""
    end = start
    while end < len(text) and text[end] in _DIGITS:
        end += 1
    return (int(text[start:end]) if end > start else 1), end


def _parse_group(text: str, formula: str) -> dict[str, int]:
    # A hand-written scanner: a regular expression compiled at import would cost
    # every start of mgcalc more than reading all the formulas does.
    stack: list[dict[str, int]] = [{}]
    position = 0
    while position < len(text):
        char = text[position]
        if "A" <= char <= "Z":
            end = position + 1
            if end < len(text) and "a" <= text[end] <= "z":
                end += 1
            element = text[position:end]
            count, position = _count_at(text, end)
            stack[-1][element] = stack[-1].get(element, 0) + count
        elif char == "(":
            stack.append({})
            position += 1
        elif char == ")":
            if len(stack) == 1:
                raise FormulaError(f"unbalanced ')' in formula {formula!r}")
            group = stack.pop()
            multiplier, position = _count_at(text, position + 1)
            for element, n in group.items():
                stack[-1][element] = stack[-1].get(element, 0) + n * multiplier
        else:
            raise FormulaError(f"cannot read formula {formula!r} at {text[position:]!r}")
    if len(stack) != 1:
        raise FormulaError(f"unbalanced '(' in formula {formula!r}")
    return stack[0]


def _adducts(formula: str) -> list[tuple[int, str]]:
    """Split 'A·nB' into [(1, 'A'), (n, 'B')]."""
    parts = []
    for part in formula.replace(" ", "").translate(_ADDUCT_DOTS).split("·"):
        if not part:
            raise FormulaError(f"empty part in formula {formula!r}")
        count, start = _count_at(part, 0)
        parts.append((count, part[start:]))
    return parts


def written_formula(text: str) -> str:
    """A formula as the data writes it: no spaces, adducts after a middle dot ('MgCl2.6H2O',
    'MgCl2*6H2O' and 'MgCl2 6H2O' are 'MgCl2·6H2O')."""
    parts = text.split()
    joined = parts[0] if parts else ""
    for part in parts[1:]:  # water after a space is the formula's water
        joined += ("·" if part.lstrip(_DIGITS) == "H2O" and joined[-1:] not in "·.*" else "") + part
    return joined.translate(_ADDUCT_DOTS)


def atom_counts(formula: str) -> dict[str, int]:
    """Count the atoms of each element in one formula unit."""
    total: dict[str, int] = {}
    for multiplier, body in _adducts(formula):
        if not body:
            raise FormulaError(f"a count with nothing after it in formula {formula!r}")
        for element, n in _parse_group(body, formula).items():
            total[element] = total.get(element, 0) + n * multiplier
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
    # fsum: correctly rounded, so a molar mass is the same on every Python version
    # (sum() of floats changed to compensated summation in 3.12).
    return math.fsum(atomic_weights[element] * n for element, n in counts.items())


def hydrate_count_of_name(variant_name: str) -> int | None:
    """The water a variant's name promises ('basic-tetrahydrate' -> 4), or None."""
    for word in variant_name.split("-"):
        if word in HYDRATE_WORDS:
            return HYDRATE_WORDS[word]
    return None
