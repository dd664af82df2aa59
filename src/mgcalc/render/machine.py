"""JSON and CSV writers: the json and csv modules directly, never a rich table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO


def write_json(document: Any, stream: TextIO) -> None:
    stream.write(json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False))
    stream.write("\n")


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]], stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
