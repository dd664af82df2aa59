"""Row by row output for pipelines: JSON lines and CSV, written as the rows come."""

from __future__ import annotations

import csv
import itertools
import json
import sys
from collections.abc import Iterable
from typing import TextIO

from mgcalc.core.convert import Converted
from mgcalc.render.documents import CSV_COLUMNS, Document, item_document


def write_jsonl(pairs: Iterable[tuple[int, Converted]], stream: TextIO) -> None:
    """One `{"type": "item", "line": N, ...}` object per line."""
    for line, converted in pairs:
        document: Document = {"type": "item", "line": line or None}
        document.update(item_document(converted))
        stream.write(json_line(document))


def json_line(document: Document) -> str:
    return json.dumps(document, ensure_ascii=False, allow_nan=False) + "\n"


def write_csv(pairs: Iterable[tuple[int, Converted]], stream: TextIO) -> None:
    """A header, then a row per item; notes go to stderr once each, not into the data."""
    writer = csv.writer(stream, lineterminator="\n")
    rows = iter(pairs)
    first = next(rows, None)  # an input whose header is wrong fails here, before any output
    writer.writerow(("line", *CSV_COLUMNS))
    noted: set[str] = set()
    for line, converted in itertools.chain([first] if first else [], rows):
        document = item_document(converted)
        writer.writerow((line or "", *(document[column] for column in CSV_COLUMNS)))
        for note in converted.notes:
            if note not in noted:
                noted.add(note)
                where = f"line {line}" if line else converted.item.describe()
                sys.stderr.write(f"mgcalc: note: {where}: {note}\n")
