"""Row by row output for pipelines: JSON lines and CSV, written as the rows come."""

from __future__ import annotations

import csv
import io
import itertools
import json
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from mgcalc.core.convert import Converted
from mgcalc.render.documents import (
    CSV_COLUMNS,
    Document,
    JsonValue,
    ascii_only,
    csv_value,
    item_document,
)


def write_jsonl(items: Iterable[Converted], stream: TextIO, *, explain: bool = False) -> None:
    """One `{"type": "item", "line": N, ...}` object per line."""
    ascii = ascii_only(stream)
    for converted in items:
        document: Document = {"type": "item", "line": converted.item.line or None}
        document.update(item_document(converted, explain=explain))
        stream.write(json_line(document, ascii=ascii))


def json_line(document: Document, *, ascii: bool) -> str:
    return json.dumps(document, ensure_ascii=ascii, allow_nan=False) + "\n"


MAX_KINDS = 10_000  # kinds of row whose fixed columns are remembered


def write_csv(items: Iterable[Converted], stream: TextIO) -> None:
    """A header, then a row per item; notes go to stderr once each, not into the data.

    A row's values are item_document's. The columns an item's kind and label fix (label
    to servings) are rendered once per kind; the input and the amounts for each row.
    """
    rows = iter(items)
    first = next(rows, None)  # an input whose header is wrong fails here, before any output
    stream.write(csv_fields(("line", *CSV_COLUMNS)) + "\n")
    kind_columns = CSV_COLUMNS[1:-5]
    amounts = ("compound_mg", "elemental_mg", "elemental_mmol", "elemental_meq", "grams")
    if CSV_COLUMNS[-5:] != amounts:
        raise AssertionError("CSV_COLUMNS must end with the amounts written below")
    fixed: dict[int, tuple[Converted, str]] = {}  # by the kind's id; the kind is held in it
    noted: set[str] = set()
    write = stream.write
    for converted in itertools.chain([first] if first else [], rows):
        item = converted.item
        line = item.line
        known = fixed.get(id(item.kind))
        if known is None or known[0].item.label != item.label:
            document = item_document(converted)
            known = (
                converted,
                csv_fields([csv_value(document, column) for column in kind_columns]),
            )
            if len(fixed) >= MAX_KINDS:
                fixed.clear()
            fixed[id(item.kind)] = known
            _note_once(converted, line, noted)
        if item.notes:
            _note_once(converted, line, noted)
        text = item.describe()
        if "," in text or '"' in text or "\n" in text or "\r" in text:
            text = csv_fields([text])
        compound = converted.compound_mg
        magnesium = (
            ",,"  # a food SR28 gives no figure for: unknown, never 0
            if converted.recipe.food and converted.unknown
            else f"{converted.elemental_mg!r},{converted.elemental_mmol!r},"
            f"{converted.elemental_meq!r}"
        )
        grams = "" if converted.food_grams is None else repr(converted.food_grams)
        write(
            f"{line or ''},{text},{known[1]},{'' if compound is None else repr(compound)},"
            f"{magnesium},{grams}\n"
        )


def csv_fields(values: Sequence[JsonValue]) -> str:
    """Values as one CSV line without its end, quoted as the csv module quotes them."""

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)  # "\n": a field holding one is quoted
    return buffer.getvalue()[:-1]


def _note_once(converted: Converted, line: int, noted: set[str]) -> None:
    warnings = converted.warnings  # said apart, as warnings, for every format
    for note in converted.notes:
        if note not in noted and note not in warnings:
            noted.add(note)
            where = f"line {line}" if line else converted.item.describe()
            sys.stderr.write(f"mgcalc: note: {where}: {note}\n")
