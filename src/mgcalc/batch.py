"""Items in, converted items out, row by row: the path shared by every input and format."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TextIO

from mgcalc.core.convert import Converted, convert
from mgcalc.core.errors import MgcalcError
from mgcalc.core.forms import Catalogue
from mgcalc.core.items import ItemSpec
from mgcalc.core.rows import Row
from mgcalc.render.documents import CSV_COLUMNS, csv_row, item_document
from mgcalc.unit_parser import resolve_unit


class Tally:
    """Counts what happened to the rows, for the exit status."""

    def __init__(self) -> None:
        self.good = 0
        self.failed = 0


def report_row_error(error: MgcalcError) -> None:
    sys.stderr.write(f"mgcalc: error: {' '.join(error.message.split())}\n")


def rows_from_input(
    name: str, input_format: str, *, elemental: bool, flush: Callable[[], None]
) -> Iterator[Row]:
    from mgcalc.inputs import open_input, physical_lines, read_rows

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


def write_jsonl(pairs: Iterable[tuple[int, Converted]], stream: TextIO, mg_per_mmol: float) -> None:
    for line, converted in pairs:
        document = {"type": "item", "line": line or None}
        document.update(item_document(converted, mg_per_mmol))
        stream.write(json.dumps(document, ensure_ascii=False, allow_nan=False) + "\n")


def write_csv_rows(pairs: Iterable[tuple[int, Converted]], stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(("line", *CSV_COLUMNS))
    for line, converted in pairs:
        writer.writerow((line or "", *csv_row(converted)))
