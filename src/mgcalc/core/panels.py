"""A whole Supplement Facts panel as items: its magnesium rows, each counted once.

A panel is the text under 'Supplement Facts': the serving size, rows of nutrients (those of
other nutrients are skipped), a magnesium row perhaps with its compounds under it, footnotes,
'Other Ingredients' and the directions. Each magnesium row is read by the one reader; rows
nested under a 'Magnesium' row are either the weights of its compounds or shares of its
magnesium that add up to it, and the panel's magnesium is never counted twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from mgcalc.core.errors import MgcalcError, UsageError
from mgcalc.core.items import Item, UnitResolver, check_servings, kind_words, number_text
from mgcalc.core.labels import EXCIPIENTS
from mgcalc.core.reader import FREQUENCY_WORDS, read_item
from mgcalc.core.units import COUNT_UNITS, UnitKind

PANEL_TITLE = "supplement facts"
_SKIPPED_STARTS = (
    "serving size", "servings per", "amount per", "% daily", "%daily", "% dv", "%dv",
    "daily value", "calories", "each ", "per serving",
)  # fmt: skip
_FOOTNOTE_MARKS = ("*", "†", "‡", "§")
_OTHER = ("other ingredients", "other ingredient", "ingredients:")
_DIRECTIONS = ("directions", "suggested use", "recommended use", "recommended usage", "dosage")
_LEADS = ("magnesium", "mg", "mag.", "elemental")  # a magnesium row's first word
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6"}
_AMOUNT = re.compile(r"\d")


def is_panel(text: str) -> bool:
    """Text that starts with the panel's title."""
    return text.lstrip().lower().startswith(PANEL_TITLE)


class Row(NamedTuple):
    line: int  # of the panel, from 1
    indent: int
    text: str


class _Panel(NamedTuple):
    serving: tuple[int, str] | None  # (count, unit): 'Serving Size 2 Capsules'
    rows: tuple[Row, ...]
    other: str  # 'Other Ingredients' text
    directions: str


def split_panels(lines: Sequence[str]) -> list[tuple[int, str]]:
    """The panels of a text, each with the line it starts on: a new one at each title."""
    panels: list[tuple[int, list[str]]] = []
    for number, line in enumerate(lines, start=1):
        if is_panel(line) or not panels:
            panels.append((number, []))
        panels[-1][1].append(line)
    return [(start, "\n".join(body)) for start, body in panels if "".join(body).strip()]


def read_panel(text: str, resolve_unit: UnitResolver, *, first_line: int = 1) -> list[Item]:
    """The items a panel's magnesium rows give, per day (its directions' servings), each with
    the line of its row (`first_line` is the panel's own)."""
    panel = _sections(text.splitlines())
    notes = list(_excipient_notes(panel.other))
    magnesium = [row for row in panel.rows if _leads_with_magnesium(row.text) or _trade(row)]
    if not magnesium:
        said = f" ({notes[0]})" if notes else ""
        raise MgcalcError(f"the panel has no magnesium row{said}")
    groups = _groups(panel.rows, magnesium)
    skipped = len(panel.rows) - sum(1 + len(nested) for _, nested in groups)
    if skipped > 0:
        notes.append(f"{skipped} row(s) of other nutrients skipped")
    servings, servings_note = _daily_servings(panel)
    if servings_note:
        notes.append(servings_note)
    items: list[Item] = []
    for parent, nested in groups:
        items += items_of_rows(parent, nested, resolve_unit)
    found = [_per_day(item, servings, first_line) for item in items]
    first = found[0]
    return [first._replace(notes=(*first.notes, *notes)), *found[1:]]


def _sections(lines: Sequence[str]) -> _Panel:
    serving = None
    rows: list[Row] = []
    other: list[str] = []
    directions: list[str] = []
    section = "rows"
    for number, raw in enumerate(lines, start=1):
        line = _without_leaders(raw.replace("\t", "    ").replace("|", " ")).rstrip()
        stripped = line.strip()
        lowered = stripped.lower()
        if not stripped or ((number == 1 or not rows) and lowered.startswith(PANEL_TITLE)):
            continue
        if lowered.startswith(_OTHER):
            section = "other"
            stripped = stripped.split(":", 1)[1] if ":" in stripped else ""
        elif lowered.startswith(_DIRECTIONS):
            section = "directions"
            stripped = stripped.split(":", 1)[1] if ":" in stripped else stripped
        if section == "other":
            other.append(stripped)
        elif section == "directions":
            directions.append(stripped)
        elif lowered.startswith("serving size"):
            serving = _serving(stripped[len("serving size") :])
        elif not lowered.startswith(_SKIPPED_STARTS + _FOOTNOTE_MARKS):
            rows.append(Row(number, len(line) - len(line.lstrip()), " ".join(stripped.split())))
    return _Panel(serving, tuple(rows), " ".join(other), " ".join(directions))


def _without_leaders(line: str) -> str:
    """'Magnesium ........ 200 mg' -> 'Magnesium   200 mg'."""
    while "..." in line:
        start = line.index("...")
        end = start
        while end < len(line) and line[end] == ".":
            end += 1
        line = line[:start] + " " + line[end:]
    return line


def _leads_with_magnesium(text: str) -> bool:
    words = text.lower().replace("(", " ").split()
    return (
        bool(words)
        and words[0].strip("*†‡") in _LEADS
        and (words[0] != "elemental" or words[1:2] == ["magnesium"])
    )


def _counted(text: str) -> tuple[int, str, int] | None:
    """The first 'N capsules' (or 'N-M tablets') in a text: (N, the unit, where it ends)."""
    words = text.lower().replace(",", " ").replace(".", " ").split()
    for index, word in enumerate(words[:-1]):
        count = _NUMBER_WORDS.get(word, word.split("-")[0])
        for unit_at in (index + 1, index + 2):  # '3 veg capsules'
            unit = words[unit_at] if unit_at < len(words) else ""
            if count.isdigit() and unit in COUNT_UNITS:
                return int(count), COUNT_UNITS[unit], unit_at + 1
    return None


def _serving(text: str) -> tuple[int, str] | None:
    found = _counted(text)
    return (found[0], found[1]) if found else None


def _trade(row: Row) -> bool:
    first = row.text.split()[0].lower().strip("®™*†") if row.text.split() else ""
    return first in ("magtein", "traacs")


def _groups(rows: Sequence[Row], magnesium: Sequence[Row]) -> list[tuple[Row, list[Row]]]:
    """Each magnesium row with the rows nested under it: indented deeper, or (pasted flat)
    naming a compound with no %DV after a row of magnesium itself."""
    groups: list[tuple[Row, list[Row]]] = []
    chosen = set(magnesium)
    index = 0
    while index < len(rows):
        row = rows[index]
        index += 1
        if row not in chosen:
            continue
        nested: list[Row] = []
        while index < len(rows) and _nested_under(row, rows[index]):
            nested.append(rows[index])
            index += 1
        groups.append((row, nested))
    return groups


def _nested_under(parent: Row, row: Row) -> bool:
    if not _plain_magnesium_row(parent):
        return False
    if row.indent > parent.indent:
        return True
    lowered = row.text.lower()
    return lowered.startswith(("as ", "from ")) or (
        _leads_with_magnesium(row.text) and not _plain_magnesium_row(row) and "%" not in row.text
    )


def _plain_magnesium_row(row: Row) -> bool:
    """'Magnesium 200 mg 48%', 'Magnesium (as) 200 mg': magnesium itself, no compound named."""
    before = _AMOUNT.split(row.text, 1)[0]
    words = re.sub(r"\((as|from)?\)", " ", before, flags=re.IGNORECASE).lower().split()
    return all(word.strip(".,:*†") in ("magnesium", "mg", "elemental", "mag", "") for word in words)


def items_of_rows(parent: Row, nested: Sequence[Row], resolve_unit: UnitResolver) -> list[Item]:
    """A magnesium row and what is nested under it, as items counting its magnesium once."""
    if not nested:
        return [_read(parent, parent.text, resolve_unit)]
    head = _AMOUNT.split(parent.text, 1)[0]
    amount_text = parent.text[len(head) :]
    names = [row.text for row in nested if not _AMOUNT.search(row.text)]
    weighed = [_read(row, row.text, resolve_unit) for row in nested if _AMOUNT.search(row.text)]
    total = _read(parent, parent.text, resolve_unit)
    parent_mg = total.amount * total.kind.unit.to_base
    if names and not weighed:  # '  as magnesium citrate': the sources, on lines of their own
        sources = ", ".join(_source_words(name) for name in names)
        return [_read(parent, f"Magnesium (as {sources}) {amount_text}", resolve_unit)]
    shares = sum(item.amount * item.kind.unit.to_base for item in weighed)
    if len(weighed) > 1 and abs(shares - parent_mg) <= max(1.0, 0.01 * parent_mg):
        note = (
            f"the rows under '{parent.text}' add up to its {number_text(parent_mg)} mg: read as "
            "its shares of elemental magnesium"
        )
        items = [
            _read(row, f"{_amount_words(item)} elemental {item.kind.form}", resolve_unit)
            for row, item in zip(
                [r for r in nested if _AMOUNT.search(r.text)], weighed, strict=True
            )
        ]
        return [items[0]._replace(notes=(*items[0].notes, note)), *items[1:]]
    if len(weighed) == 1 and weighed[0].kind.unit.kind is UnitKind.MASS:
        (compound,) = weighed
        compound_mg = compound.amount * compound.kind.unit.to_base
        if compound_mg > parent_mg and compound.kind.form:
            text = (
                f"Magnesium (from {number_text(compound_mg)} mg {compound.kind.form}) {amount_text}"
            )
            item = _read(parent, text, resolve_unit)
            note = (
                f"the row under '{parent.text}' is its compound's weight "
                f"({number_text(compound_mg)} mg): the magnesium counts once, as the row's "
                f"{number_text(parent_mg)} mg"
            )
            return [item._replace(notes=(*item.notes, note))]
    sources = ", ".join(
        [_source_words(name) for name in names] + [str(item.kind.form) for item in weighed]
    )
    item = _read(parent, f"Magnesium (as {sources}) {amount_text}", resolve_unit)
    note = (
        f"the rows under '{parent.text}' neither add up to it nor give one compound's weight: "
        f"the magnesium counts once, as the row's {number_text(parent_mg)} mg"
    )
    return [item._replace(notes=(*item.notes, note))]


def _source_words(text: str) -> str:
    words = text.split()
    return " ".join(words[1:] if words and words[0].lower() in ("as", "from") else words)


def _amount_words(item: Item) -> str:
    return f"{number_text(item.amount)} {item.kind.unit.symbol}"


def _read(row: Row, text: str, resolve_unit: UnitResolver) -> Item:
    try:
        return read_item(text, resolve_unit)._replace(line=row.line)
    except MgcalcError as error:
        raise UsageError(f"panel line {row.line}: {error.message}") from None


def _daily_servings(panel: _Panel) -> tuple[int, str | None]:
    """Servings a day from the directions ('Take 2 capsules twice daily' with a serving of
    2 capsules is 2); one, said so, when they do not say."""
    directions = panel.directions
    taken = _counted(directions)
    if not directions or taken is None:
        return 1, "the panel gives no directions mgcalc reads: one serving a day"
    units, _, end = taken
    after = directions.lower().replace(",", " ").replace(".", " ").split()[end : end + 4]
    after = [_NUMBER_WORDS.get(word, word) for word in after]
    per_day = 1
    for index, word in enumerate(after):
        if word.isdigit() and after[index + 1 : index + 2] == ["times"]:
            per_day = int(word)
            break
        if word in FREQUENCY_WORDS:
            per_day = FREQUENCY_WORDS[word]
            break
    per_serving = panel.serving[0] if panel.serving else 1
    daily_units = units * per_day
    if daily_units % per_serving:
        return 1, (
            f"the directions ({directions.strip()!r}) give {daily_units} unit(s) a day, not whole "
            f"servings of {per_serving}: one serving a day"
        )
    servings = check_servings(daily_units // per_serving)
    return servings, (
        f"{servings} serving(s) a day, from the directions: {directions.strip()!r}"
        if servings != 1
        else None
    )


def _per_day(item: Item, servings: int, first_line: int) -> Item:
    line = first_line + item.line - 1
    if servings == 1:
        return item._replace(line=line)
    kind = item.kind._replace(servings=check_servings(item.kind.servings * servings))
    before, after = kind_words(kind)
    return item._replace(kind=kind, text=before + number_text(item.amount) + after, line=line)


def _excipient_notes(other: str) -> list[str]:
    lowered = other.lower()
    return [
        f"magnesium {name} in the other ingredients is an excipient ({what}), no magnesium dose"
        for name, what in EXCIPIENTS.items()
        if f"magnesium {name}" in lowered
    ]
