"""What a label's figures say: a %DV or %NRV checked against the reference values it may
be of, a source's compound weight, the compounds a source names.

A panel's amount is elemental magnesium (21 CFR 101.36); the US Daily Value is 420 mg
(400 mg before the 2016 rule) and the EU NRV 375 mg. The words are read by core.reader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from mgcalc.core.errors import MgcalcError
from mgcalc.core.items import UnitResolver, number_text, parse_amount, split_amount

# Trademark words that stand beside a form's name; the name says what it is.
TRADEMARK_WORDS = {"chelazome", "traacs", "albion"}
# Trade names that name a form with their own figure (data/forms.toml): in parentheses
# beside the form's name ('Magnesium L-Threonate (Magtein®)') they are part of the name.
TRADE_NAMES = {"magtein", "ata"}
EXCIPIENTS = {
    "stearate": "a tablet lubricant",
    "silicate": "an anticaking agent",  # not the trisilicate, an antacid
}


def source_names(text: str, line: str) -> list[str]:
    """The compounds a label's 'as ...' or 'from ...' names."""
    names = [_name(part, line) for part in re.split(r",|\band\b|/", text) if part.strip()]
    return [name for name in names if name]


def form_name(words: Sequence[str], line: str) -> str:
    """A compound's name from its words, trademarks aside (a trademark alone names the form);
    an excipient is refused."""
    kept = [word for word in words if word.lower() not in TRADEMARK_WORDS]
    return _refuse_excipient(" ".join(kept or words), line)


def _name(text: str, line: str) -> str:
    return form_name(text.split(), line).strip(" .;:")


def _refuse_excipient(name: str, line: str) -> str:
    lowered = name.lower().replace("-", " ").split()
    for excipient, what in EXCIPIENTS.items():
        if excipient in lowered:
            raise MgcalcError(
                f"{line!r}: magnesium {excipient} is an excipient ({what}), not a dose"
            )
    return name


def _amount(text: str, line: str) -> float:
    try:
        return parse_amount(text)
    except MgcalcError as error:
        raise MgcalcError(f"{line!r}: {error.message}") from None


def compound_weight_mg(
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


class DailyValue(NamedTuple):
    """A reference value a label's percentage may be of (data/reference.toml)."""

    mg: float
    of: str  # 'dv' (US) or 'nrv' (EU)
    applies: str  # what it is, as said to the user: 'the EU NRV (375 mg)'
    source: str


def fitting(
    mg: float, printed: float, of: str | None, values: Sequence[DailyValue]
) -> list[DailyValue]:
    """The reference values that `printed` % of which is `mg` (labels round to whole percent)."""
    wanted = {"dv": "dv", "nrv": "nrv", "ri": "nrv"}.get((of or "").lower())
    return [
        value
        for value in values
        if (wanted is None or value.of == wanted) and abs(100 * mg / value.mg - printed) < 1
    ]


def daily_value_notes(
    mg: float, printed: float, of: str | None, values: Sequence[DailyValue]
) -> list[str]:
    """What a printed %DV or %NRV says of `mg` of magnesium: nothing when it fits a current
    US value (or an EU one, said so on an NRV line); otherwise which value it fits, or none."""
    fits = fitting(mg, printed, of, values)
    shown = f"the label's {printed:g}% for {number_text(mg)} mg"
    if not fits:
        wanted = {"dv": "dv", "nrv": "nrv", "ri": "nrv"}.get((of or "").lower())
        named = [value.applies for value in values if wanted is None or value.of == wanted]
        return [f"{shown} fits none of {', '.join(named)}"]
    if (of or "").lower() not in ("nrv", "ri") and all(value.of == "nrv" for value in fits):
        return [f"{shown} fits only {fits[0].applies}: a percentage of the EU NRV, not the US DV"]
    if fits[0].mg != max(value.mg for value in values if value.of == fits[0].of):
        return [f"{shown} fits {fits[0].applies}"]
    return []
