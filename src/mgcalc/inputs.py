"""Readers of items from files and stdin: item lines, CSV and JSON lines.

Every physical input row becomes exactly one `Row`: an item, or the error that
names why it is not one. Nothing is dropped silently; comments and blank lines
are not rows.
"""

from __future__ import annotations

import codecs
import csv
import json
import math
import os.path
from collections.abc import Callable, Iterator, Mapping
from typing import IO, Any

from mgcalc.core.errors import MgcalcError, UsageError
from mgcalc.core.items import (
    ItemSpec,
    ItemTemplate,
    Row,
    item_from_fields,
    item_template,
    parse_item_text,
)
from mgcalc.core.units import Unit

MAX_LINE_BYTES = 1 << 20  # a longer line is reported as an error, never held in memory
CHUNK_BYTES = 1 << 16
INPUT_FORMATS = ("items", "csv", "jsonl")
_EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}
REQUIRED_COLUMNS = ("amount", "unit", "form")
OPTIONAL_COLUMNS = ("variant", "servings", "elemental", "percent", "label")
_UNDECODABLE = "\ufffe"  # stands in for a line that is not UTF-8 (a noncharacter)
_OVERLONG = "\uffff"  # stands in for a line longer than MAX_LINE_BYTES


def detect_format(name: str, requested: str | None) -> str:
    if requested:
        return requested.lower()
    return _EXTENSIONS.get(os.path.splitext(name)[1].lower(), "items")


def open_input(name: str, stdin: IO[bytes]) -> IO[bytes]:
    """'-' is stdin; anything else a file, opened for reading only."""
    return stdin if name == "-" else open_binary(name)


def open_binary(name: str) -> IO[bytes]:
    """A file opened for reading; every failure becomes one MgcalcError naming it."""
    try:
        if os.path.isdir(name):
            raise MgcalcError(f"{name}: is a directory, not a file")
        return open(name, "rb")
    except FileNotFoundError:
        raise MgcalcError(f"{name}: no such file") from None
    except PermissionError:
        raise MgcalcError(f"{name}: permission denied") from None
    except OSError as error:
        raise MgcalcError(f"{name}: cannot read: {error.strerror}") from None


def line_batches(stream: IO[bytes], before_wait: Callable[[], None]) -> Iterator[list[str]]:
    """The input's lines, decoded, without line ends, BOM or CR, a chunk's worth at a time.

    `before_wait` runs before each read that may block, so that output written
    for the lines so far reaches a pipe before mgcalc waits for more input.
    A line longer than MAX_LINE_BYTES becomes one marker line and is never held.
    """
    read = getattr(stream, "read1", stream.read)
    pending = b""
    skipping = False  # inside an overlong line, until its newline
    first = True
    while True:
        before_wait()
        chunk = read(CHUNK_BYTES)
        if not chunk:
            break
        if first:
            chunk = chunk.removeprefix(codecs.BOM_UTF8)
            first = False
        data = pending + chunk
        cut = data.rfind(b"\n")
        if cut >= 0:
            complete, pending = data[:cut], data[cut + 1 :]
            if skipping:  # the overlong line ends at the first newline
                newline = complete.find(b"\n")
                complete = b"" if newline < 0 else complete[newline + 1 :]
                yield_complete = newline >= 0
                skipping = False
            else:
                yield_complete = True
            if yield_complete:
                yield _decode_block(complete)
        else:
            pending = data
        if len(pending) > MAX_LINE_BYTES:
            if not skipping:
                yield [_OVERLONG]
            skipping = True
            pending = b""
    if pending and not skipping:
        yield _decode_block(pending)


def physical_lines(stream: IO[bytes], before_wait: Callable[[], None]) -> Iterator[str]:
    """The input's lines one by one (see line_batches)."""
    for batch in line_batches(stream, before_wait):
        yield from batch


def _decode_block(block: bytes) -> list[str]:
    try:
        text = block.decode("utf-8")
    except UnicodeDecodeError:  # decode line by line, so only the bad lines are lost
        return [_decode(raw) for raw in block.split(b"\n")]
    lines = text.split("\n")
    if "\r" in text:
        return [line.removesuffix("\r") for line in lines]
    return lines


def _decode(raw: bytes) -> str:
    try:
        return raw.removesuffix(b"\r").decode("utf-8")
    except UnicodeDecodeError:
        return _UNDECODABLE


def special_line_error(text: str) -> MgcalcError | None:
    if text == _UNDECODABLE:
        return MgcalcError("not valid UTF-8")
    if text == _OVERLONG:
        return MgcalcError(f"line longer than {MAX_LINE_BYTES} bytes")
    return None


def read_rows(
    lines: Iterator[str],
    input_format: str,
    resolve_unit: Callable[[str], Unit],
    *,
    elemental: bool = False,
) -> Iterator[Row]:
    if input_format == "items":
        return _item_rows(lines, resolve_unit, elemental)
    if input_format == "csv":
        return _csv_rows(lines, resolve_unit, elemental)
    if input_format == "jsonl":
        return _jsonl_rows(lines, resolve_unit, elemental)
    raise UsageError(f"unknown input format {input_format!r}; use {', '.join(INPUT_FORMATS)}")


def _line_rows(lines: Iterator[str], parse: Callable[[str], ItemSpec | None]) -> Iterator[Row]:
    """A Row for each line that `parse` reads as an item (None: not a row, e.g. a comment)."""
    for number, text in enumerate(lines, start=1):
        special = special_line_error(text)
        if special is not None:
            yield Row(number, None, special.located(f"line {number}"))
            continue
        try:
            item = parse(text)
        except MgcalcError as error:
            yield Row(number, None, error.located(f"line {number}"))
            continue
        if item is not None:
            yield Row(number, item)


def _item_rows(
    lines: Iterator[str], resolve_unit: Callable[[str], Unit], elemental: bool
) -> Iterator[Row]:
    def parse(text: str) -> ItemSpec | None:
        content = text.split("#", 1)[0].strip()
        return parse_item_text(content, resolve_unit, elemental=elemental) if content else None

    return _line_rows(lines, parse)


def split_csv_line(text: str) -> list[str]:
    """The fields of one CSV line; a quoted field may not span lines."""
    if '"' not in text:
        return text.split(",")
    try:
        return next(csv.reader([text]), [])
    except csv.Error as error:
        if "\r" in text:
            raise MgcalcError("a carriage return inside the line: a CSV row is one line") from None
        raise MgcalcError(f"not a CSV line ({error})") from None


def csv_header(text: str, number: int) -> list[str]:
    """The column names of a header line, checked."""
    try:
        cells = split_csv_line(text)
    except MgcalcError as error:
        raise error.located(f"line {number}") from None
    return check_header(cells, number)


def _csv_rows(
    lines: Iterator[str], resolve_unit: Callable[[str], Unit], elemental: bool
) -> Iterator[Row]:
    header: list[str] | None = None
    amount_at = 0
    templates: dict[tuple[str, ...], ItemTemplate | MgcalcError] = {}
    for number, text in enumerate(lines, start=1):
        special = special_line_error(text)
        if header is None:
            if special is not None:
                raise special.located(f"line {number}")
            if not text.strip():
                continue
            header = csv_header(text, number)
            amount_at = header.index("amount")
            continue
        if special is not None:
            yield Row(number, None, special.located(f"line {number}"))
            continue
        if not text or text.isspace():
            continue
        try:
            cells = split_csv_line(text)
        except MgcalcError as not_csv:
            yield Row(number, None, not_csv.located(f"line {number}"))
            continue
        if len(cells) != len(header):
            error = MgcalcError(f"{len(cells)} fields, but the header has {len(header)}")
            yield Row(number, None, error.located(f"line {number}"))
            continue
        # Rows differ mostly in their amount: everything else is parsed once per kind.
        amount_text = cells[amount_at]
        cells[amount_at] = ""
        key = tuple(cells)
        template = templates.get(key)
        if template is None:
            template = remember_template(templates, key, header, resolve_unit, elemental)
        if isinstance(template, MgcalcError):  # never re-raised: its traceback would grow
            yield Row(number, None, template.located(f"line {number}"))
            continue
        try:
            yield Row(number, template.with_amount(amount_text))
        except MgcalcError as error:
            yield Row(number, None, error.located(f"line {number}"))


MAX_TEMPLATES = 10_000  # distinct kinds of row remembered; beyond that memory would grow


def remember_template(
    templates: dict[tuple[str, ...], ItemTemplate | MgcalcError],
    key: tuple[str, ...],
    header: list[str],
    resolve_unit: Callable[[str], Unit],
    elemental: bool,
) -> ItemTemplate | MgcalcError:
    """The template (or the error) for the row `key`, the row with its amount blanked."""
    fields = {k: v for k, v in zip(header, key, strict=True) if v.strip()}
    fields["amount"] = "1"
    try:
        template: ItemTemplate | MgcalcError = item_template(
            fields, resolve_unit, elemental=elemental
        )
    except MgcalcError as error:
        template = error
    if len(templates) >= MAX_TEMPLATES:
        templates.clear()
    templates[key] = template
    return template


def check_header(cells: list[str], number: int) -> list[str]:
    header = [c.strip().lower() for c in cells]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise MgcalcError(
            f"line {number}: the CSV header lacks {', '.join(missing)}; "
            f"columns are {', '.join(REQUIRED_COLUMNS)} and optionally "
            f"{', '.join(OPTIONAL_COLUMNS)}"
        )
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        raise MgcalcError(
            f"line {number}: unknown CSV column {unknown[0]!r}; columns are "
            f"{', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}"
        )
    duplicated = sorted({c for c in header if header.count(c) > 1})
    if duplicated:
        raise MgcalcError(f"line {number}: CSV column {duplicated[0]!r} appears twice")
    return header


def _jsonl_rows(
    lines: Iterator[str], resolve_unit: Callable[[str], Unit], elemental: bool
) -> Iterator[Row]:
    def parse(text: str) -> ItemSpec | None:
        if not text.strip():
            return None
        try:
            value = json.loads(text, parse_constant=_reject_constant)
        except json.JSONDecodeError as error:
            raise MgcalcError(f"invalid JSON: {error.msg}") from None
        except RecursionError:  # the decoder recurses once per level of nesting
            raise MgcalcError("invalid JSON: nested too deeply") from None
        if not isinstance(value, dict):
            raise MgcalcError(f"expected a JSON object, got {type(value).__name__}")
        return item_from_fields(_json_fields(value), resolve_unit, elemental=elemental)

    return _line_rows(lines, parse)


def _reject_constant(name: str) -> Any:
    raise MgcalcError(f"{name} is not a finite number")


def _json_fields(value: Mapping[str, Any]) -> dict[str, str]:
    allowed = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    fields: dict[str, str] = {}
    for key, field in value.items():
        if key not in allowed:
            raise MgcalcError(f"unknown key {key!r}; keys are {', '.join(allowed)}")
        if field is None:
            continue
        if isinstance(field, bool):
            fields[key] = "true" if field else "false"
        elif isinstance(field, (int, float)):
            if isinstance(field, float) and not math.isfinite(field):
                raise MgcalcError(f"{key} is not a finite number")
            fields[key] = repr(field)
        elif isinstance(field, str):
            fields[key] = field
        else:
            raise MgcalcError(f"{key} must be a string or a number")
    return fields
