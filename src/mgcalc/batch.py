"""Items in, converted items out, row by row: the path shared by every input and format."""

from __future__ import annotations

import gc
import json
import math
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

from mgcalc.core.convert import Converted, Recipe, convert, magnesium_amounts, recipe_for
from mgcalc.core.errors import MgcalcError, one_line
from mgcalc.core.forms import Catalogue
from mgcalc.core.items import ItemSpec, ItemTemplate, Row, plain_number
from mgcalc.render.documents import (
    CSV_COLUMNS,
    csv_field,
    csv_fixed_columns,
    csv_line,
    item_document,
)
from mgcalc.unit_parser import resolve_unit


class ChunkedOutput:
    """Collects output and writes it in one piece whenever the input may make us wait.

    One write per input chunk instead of one per row, whatever the buffering of
    stdout (PYTHONUNBUFFERED makes every row a system call); flushed before each
    read that may block, so a slow pipe still sees every row as soon as it is ready.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._pieces: list[str] = []
        self.write = self._pieces.append

    def flush(self) -> None:
        if self._pieces:
            self._stream.write("".join(self._pieces))
            self._pieces.clear()
        self._stream.flush()


class Tally:
    """Counts what happened to the rows, for the exit status."""

    def __init__(self) -> None:
        self.good = 0
        self.failed = 0


def report_row_error(error: MgcalcError) -> None:
    sys.stderr.write(f"mgcalc: error: {one_line(error.message)}\n")


def restart_garbage_collector() -> None:
    """The entry point runs start-up without the cycle collector (see launcher.py); a batch
    of any length turns it back on, and leaves what start-up made out of its rounds."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def rows_from_input(
    name: str, input_format: str, *, elemental: bool, flush: Callable[[], None]
) -> Iterator[Row]:
    from mgcalc.inputs import open_input, physical_lines, read_rows

    restart_garbage_collector()
    stream = open_input(name, sys.stdin.buffer)
    try:
        lines = physical_lines(stream, flush)
        yield from read_rows(lines, input_format, resolve_unit, elemental=elemental)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def rows_from_items(items: Sequence[ItemSpec]) -> Iterator[Row]:
    for item in items:
        yield Row(0, item)


def converted_rows(
    rows: Iterable[Row], catalogue: Catalogue, tally: Tally, *, strict: bool
) -> Iterator[tuple[int, Converted]]:
    """Good rows converted; each bad one reported on stderr (or raised with --strict)."""
    for row in rows:
        error = row.error
        if row.item is not None:
            try:
                yield row.line, convert(row.item, catalogue)
                tally.good += 1
                continue
            except MgcalcError as caught:
                error = caught.located(f"line {row.line}") if row.line else caught
        assert error is not None
        if strict:
            raise error
        tally.failed += 1
        report_row_error(error)


def write_jsonl(pairs: Iterable[tuple[int, Converted]], stream: Any, mg_per_mmol: float) -> None:
    for line, converted in pairs:
        document = {"type": "item", "line": line or None}
        document.update(item_document(converted, mg_per_mmol))
        stream.write(json.dumps(document, ensure_ascii=False, allow_nan=False) + "\n")


def write_csv_rows(pairs: Iterable[tuple[int, Converted]], stream: Any) -> None:
    """Header, then a line per item; notes go to stderr once each, not into the data."""
    import csv

    csv.writer(stream, lineterminator="\n").writerow(("line", *CSV_COLUMNS))
    write = stream.write
    fixed: dict[int, tuple[Any, str]] = {}
    noted: set[str] = set()
    for line, converted in pairs:
        write(csv_line(converted, line, fixed))
        for note in converted.recipe.notes:
            if note not in noted:
                noted.add(note)
                where = f"line {line}" if line else converted.item.text
                sys.stderr.write(f"mgcalc: note: {where}: {note}\n")


class _CsvKind:
    """Everything about one kind of CSV row (all but its amount), worked out once."""

    __slots__ = (
        "fixed",
        "label",
        "plain_text",
        "prefix",
        "recipe",
        "servings",
        "suffix",
        "template",
        "to_base",
        "unnoted",
    )

    def __init__(self, template: ItemTemplate, recipe: Recipe) -> None:
        self.template = template
        self.recipe = recipe
        self.prefix, self.suffix = template.prefix, template.suffix
        self.to_base = template.unit.to_base
        self.servings = template.servings
        self.unnoted = bool(recipe.notes)
        # The item's text needs quoting only if its fixed parts do: amounts never do.
        self.plain_text = csv_field(self.prefix + self.suffix) == self.prefix + self.suffix
        self.label = csv_field(template.label or "")
        self.fixed = csv_fixed_columns(recipe)


def convert_csv_to_csv(
    name: str,
    catalogue: Catalogue,
    tally: Tally,
    out: ChunkedOutput,
    *,
    elemental: bool,
    strict: bool,
) -> None:
    """The batch fast path: CSV rows in, CSV rows out, with no per-row objects.

    It gives the same rows, errors and notes as the general path (rows, convert,
    write_csv_rows), which the tests check against each other; it exists because a
    million rows through that path's generators and tuples take several times longer.
    """
    from mgcalc.inputs import line_batches, open_input

    restart_garbage_collector()
    stream = open_input(name, sys.stdin.buffer)
    converter = _CsvToCsv(catalogue, tally, out.write, elemental=elemental, strict=strict)
    try:
        number = 0
        for batch in line_batches(stream, out.flush):
            number = converter.lines(number, batch)
        if converter.header is None:
            raise MgcalcError(f"{name}: no CSV header (amount,unit,form)")
    finally:
        out.flush()
        if stream is not sys.stdin.buffer:
            stream.close()


class _CsvToCsv:
    def __init__(
        self,
        catalogue: Catalogue,
        tally: Tally,
        write: Callable[[str], object],
        *,
        elemental: bool,
        strict: bool,
    ) -> None:
        self.catalogue = catalogue
        self.tally = tally
        self.write = write
        self.elemental = elemental
        self.strict = strict
        self.header: list[str] | None = None
        self.amount_at = 0
        self.kinds: dict[tuple[str, ...], _CsvKind | MgcalcError] = {}
        self.templates: dict[tuple[str, ...], ItemTemplate | MgcalcError] = {}
        self.noted: set[str] = set()

    def fail(self, error: MgcalcError, number: int) -> None:
        located = error.located(f"line {number}")
        if self.strict:
            raise located
        self.tally.failed += 1
        report_row_error(located)

    def lines(self, number: int, batch: list[str]) -> int:
        """Convert a batch of lines; returns the number of the last one.

        The common row (no quotes, a kind already seen, a good amount) is done
        inline with local names; every other line goes through `line`, which
        handles it fully, errors included.
        """
        kinds, write, header = self.kinds, self.write, self.header
        width = len(header) if header is not None else -1
        amount_at = self.amount_at
        mg_per_mmol = self.catalogue.magnesium_molar_mass
        good = 0
        for text in batch:
            number += 1
            cells = text.split(",")
            if len(cells) != width or '"' in text:
                self.line(number, text)
                header = self.header
                width = len(header) if header is not None else -1
                amount_at = self.amount_at
                continue
            amount_text = cells[amount_at]
            cells[amount_at] = ""
            kind = kinds.get(tuple(cells))
            amount_text = amount_text.strip()
            amount = plain_number(amount_text)
            if type(kind) is not _CsvKind or amount is None or not 0 < amount < math.inf:
                self.line(number, text)  # it says why
                continue
            try:
                compound, elemental_mg, mmol, meq = magnesium_amounts(
                    kind.recipe, amount * kind.to_base, kind.servings, mg_per_mmol, ""
                )
            except MgcalcError:
                self.line(number, text)
                continue
            item_text = kind.prefix + amount_text + kind.suffix
            if not kind.plain_text:
                item_text = csv_field(item_text)
            write(
                f"{number},{item_text},{kind.label},{kind.fixed},{kind.servings},"
                f"{compound!r},{elemental_mg!r},{mmol!r},{meq!r}\n"
            )
            good += 1
            if kind.unnoted:
                self.note(kind, number)
        self.tally.good += good
        return number

    def note(self, kind: _CsvKind, number: int) -> None:
        """A kind's notes go to stderr once, at its first row, unless already said."""
        kind.unnoted = False
        for note in kind.recipe.notes:
            if note not in self.noted:
                self.noted.add(note)
                sys.stderr.write(f"mgcalc: note: line {number}: {note}\n")

    def line(self, number: int, text: str) -> None:
        from mgcalc.inputs import csv_header, special_line_error, split_csv_line

        special = special_line_error(text)
        if self.header is None:
            if special is not None:
                raise special.located(f"line {number}")
            if text.strip():
                self.header = csv_header(text, number)
                self.amount_at = self.header.index("amount")
                self.write(",".join(("line", *CSV_COLUMNS)) + "\n")
            return
        if special is not None:
            self.fail(special, number)
            return
        if not text or text.isspace():
            return
        try:
            cells = split_csv_line(text)
        except MgcalcError as error:
            self.fail(error, number)
            return
        if len(cells) != len(self.header):
            self.fail(
                MgcalcError(f"{len(cells)} fields, but the header has {len(self.header)}"),
                number,
            )
            return
        amount_text = cells[self.amount_at]
        cells[self.amount_at] = ""
        key = tuple(cells)
        kind = self.kinds.get(key)
        if kind is None:
            kind = self.new_kind(key)
        if isinstance(kind, MgcalcError):
            self.fail(kind, number)
            return
        try:
            item = kind.template.with_amount(amount_text)
            compound, elemental_mg, mmol, meq = magnesium_amounts(
                kind.recipe,
                item.amount * item.unit.to_base,
                item.servings,
                self.catalogue.magnesium_molar_mass,
                item.text,
            )
        except MgcalcError as error:
            self.fail(error, number)
            return
        item_text = item.text if kind.plain_text else csv_field(item.text)
        self.write(
            f"{number},{item_text},{kind.label},{kind.fixed},{item.servings},"
            f"{compound!r},{elemental_mg!r},{mmol!r},{meq!r}\n"
        )
        self.tally.good += 1
        if kind.unnoted:
            self.note(kind, number)

    def new_kind(self, key: tuple[str, ...]) -> _CsvKind | MgcalcError:
        from mgcalc.inputs import remember_template

        assert self.header is not None
        template = remember_template(self.templates, key, self.header, resolve_unit, self.elemental)
        kind: _CsvKind | MgcalcError
        if isinstance(template, MgcalcError):
            kind = template
        else:
            try:
                kind = _CsvKind(template, recipe_for(template.with_amount("1"), self.catalogue))
            except MgcalcError as error:
                kind = error
        if len(self.kinds) >= MAX_KINDS:
            self.kinds.clear()
        self.kinds[key] = kind
        return kind


MAX_KINDS = 10_000  # distinct kinds of row remembered; beyond that memory would grow
