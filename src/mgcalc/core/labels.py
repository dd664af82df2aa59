"""What a label's figures say: a %DV or %NRV checked against the reference values it may
be of, a source's compound weight, the compounds a source names.

A panel's amount is elemental magnesium (21 CFR 101.36); the US Daily Value is 420 mg
(400 mg before the 2016 rule) and the EU NRV 375 mg. The words are read by core.reader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mgcalc.core.errors import MgcalcError
from mgcalc.core.items import UnitResolver, number_text, parse_amount, split_amount

# Reference values a label's percentage may be of: (mg, what it is).
US_DAILY_VALUE = (420.0, "the US Daily Value (420 mg)")
US_DAILY_VALUE_BEFORE_2016 = (400.0, "the US Daily Value before the 2016 rule (400 mg)")
EU_NRV = (375.0, "the EU NRV (375 mg)")
# Trademark words that stand beside a form's name; the name says what it is.
TRADEMARK_WORDS = {"chelazome", "traacs", "albion", "magtein"}
EXCIPIENTS = {"stearate": "a tablet lubricant"}


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


def check_daily_value(elemental_mg: float, printed: float, of: str | None) -> list[str]:
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
