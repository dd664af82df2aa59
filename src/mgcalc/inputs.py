"""Readers of items from files and stdin: item lines, CSV and JSON lines.

Every physical input row becomes exactly one Row: an Item (knowing its line), or the
MgcalcError (knowing its line) that says why it is not one. Nothing is dropped silently;
comments and blank lines are not rows.
"""

from __future__ import annotations

import codecs
import collections
import csv
import itertools
import json
import math
import os.path
from collections.abc import Callable, Iterator, Mapping
from typing import IO, NamedTuple

from mgcalc.core.errors import MgcalcError, UsageError
from mgcalc.core.items import (
    ITEM_FIELDS,
    Item,
    ItemKind,
    UnitResolver,
    amount_value,
    kind_from_values,
    kind_words,
    parse_portion_amount,
)
from mgcalc.core.label_documents import is_label_document, label_items
from mgcalc.core.panels import is_panel, read_panel, split_panels
from mgcalc.core.reader import TEXT_FIELD, LineReader, item_from_record

MAX_LINE_BYTES = 1 << 20  # a longer line is reported as an error, never held in memory
CHUNK_BYTES = 1 << 16
INPUT_FORMATS = ("items", "csv", "jsonl", "panel")
_EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}
REQUIRED_COLUMNS = ("amount", "unit", "form")
OPTIONAL_COLUMNS = tuple(name for name in ITEM_FIELDS if name not in REQUIRED_COLUMNS)
Row = Item | MgcalcError

MAX_KINDS = 10_000  # distinct kinds of CSV row remembered; beyond that memory would grow
_UNDECODABLE = "\ufffe"  # stands in for a line that is not UTF-8 (a noncharacter)
_OVERLONG = "\uffff"  # stands in for a line longer than MAX_LINE_BYTES


def detect_format(name: str, requested: str | None) -> str:
    """The format asked for, or the one the file's extension names (item lines otherwise)."""
    if requested:
        chosen = requested.lower()
        if chosen not in INPUT_FORMATS:
            raise UsageError(f"unknown input format {requested!r}; use {', '.join(INPUT_FORMATS)}")
        return chosen
    return _EXTENSIONS.get(os.path.splitext(name)[1].lower(), "items")


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
    return itertools.chain.from_iterable(line_batches(stream, before_wait))


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
    stream: IO[bytes],
    input_format: str,
    resolve_unit: UnitResolver,
    *,
    elemental: bool = False,
    before_wait: Callable[[], None] = lambda: None,
) -> Iterator[Row]:
    """The rows of an input in one of INPUT_FORMATS, read as they arrive."""
    readers = {"items": _item_rows, "csv": _csv_rows, "jsonl": _jsonl_rows, "panel": _panel_rows}
    if input_format not in readers:
        raise UsageError(f"unknown input format {input_format!r}; use {', '.join(INPUT_FORMATS)}")
    lines = physical_lines(stream, before_wait)
    return readers[input_format](lines, resolve_unit, elemental)


def _line_rows(lines: Iterator[str], parse: Callable[[str], Item | None]) -> Iterator[Row]:
    """A Row for each line that `parse` reads as an item (None: not a row, e.g. a comment)."""
    for number, text in enumerate(lines, start=1):
        special = special_line_error(text)
        if special is not None:
            yield special.at_line(number)
            continue
        try:
            item = parse(text)
        except MgcalcError as error:
            yield error.at_line(number)
            continue
        if item is not None:
            yield item._replace(line=number)


def _panel_rows(lines: Iterator[str], resolve_unit: UnitResolver, elemental: bool) -> Iterator[Row]:
    """Supplement Facts panels, one after another: each one's magnesium rows (a panel is a
    screenful, so it is read whole)."""
    del elemental  # a panel's amounts are read as its words say
    text = list(lines)
    for number, line in enumerate(text, start=1):
        special = special_line_error(line)
        if special is not None:
            yield special.at_line(number)
            text[number - 1] = ""
    for start, panel in split_panels(text):
        try:
            yield from read_panel(panel, resolve_unit, first_line=start)
        except MgcalcError as error:
            yield error.at_line(start)


def _item_rows(lines: Iterator[str], resolve_unit: UnitResolver, elemental: bool) -> Iterator[Row]:
    seen: list[str] = []  # the blank lines before the first, kept for their numbers
    for line in lines:
        seen.append(line)
        if line.strip():
            break
    again = itertools.chain(seen, lines)
    if seen and is_panel(seen[-1]):  # item lines that are a pasted panel
        return _panel_rows(again, resolve_unit, elemental)
    return _item_lines(again, resolve_unit, elemental)


def _item_lines(lines: Iterator[str], resolve_unit: UnitResolver, elemental: bool) -> Iterator[Row]:
    read = LineReader(resolve_unit, elemental=elemental).read

    def parse(text: str) -> Item | None:
        content = text.split("#", 1)[0].strip() if "#" in text else text.strip()
        return read(content) if content else None

    return _line_rows(lines, parse)


def _jsonl_rows(lines: Iterator[str], resolve_unit: UnitResolver, elemental: bool) -> Iterator[Row]:
    """JSON lines; or, when the text starts with an array or an object that spans lines (a
    label document as the label database gives it), the JSON values one after another."""
    seen: list[str] = []  # the blank lines before the first, kept for their numbers
    for line in lines:
        seen.append(line)
        if line.strip():
            break
    again = itertools.chain(seen, lines)
    if seen and _starts_a_document(seen[-1]):
        return _document_rows(again, resolve_unit, elemental)
    return _json_line_rows(again, resolve_unit, elemental)


def _starts_a_document(line: str) -> bool:
    text = line.strip()
    if text.startswith("["):
        return True
    if not text.startswith("{"):
        return False
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return error.pos >= len(text)  # the object goes on past this line
    except RecursionError:
        return False
    return False


MAX_DOCUMENT_BYTES = 1 << 24  # one JSON value this large is no label


def _json_values(lines: Iterator[str]) -> Iterator[tuple[int, object]]:
    """Each top-level JSON value (or each element of a top-level array), with the line it
    starts on, read as the lines arrive: memory holds one value at a time. A value that
    cannot be read is an MgcalcError, and reading goes on after it."""
    decoder = json.JSONDecoder(parse_constant=_reject_constant)
    buffer, at = "", 1  # the text not yet read, and the line it starts on
    depth = 0  # inside a top-level array
    for number, line in enumerate(lines, start=1):
        special = special_line_error(line)
        if special is not None:
            yield number, special
            continue
        if not buffer:
            at = number
        buffer += line + "\n"
        while True:
            rest = buffer.lstrip(" \t\r\n,")
            at += buffer[: len(buffer) - len(rest)].count("\n")
            if rest[:1] == "[" and depth == 0:
                depth, rest = 1, rest[1:]
            elif rest[:1] == "]" and depth == 1:
                depth, rest = 0, rest[1:]
            buffer = rest
            if not rest.strip(" \t\r\n,[]"):
                break
            try:
                value, end = decoder.raw_decode(rest)
            except json.JSONDecodeError as error:
                if error.pos >= len(rest.rstrip()) and len(rest) < MAX_DOCUMENT_BYTES:
                    break  # the value goes on in the lines to come
                yield at, MgcalcError(f"invalid JSON: {error.msg}")
                buffer, at = "", number + 1
                break
            except RecursionError:
                yield at, MgcalcError("invalid JSON: nested too deeply")
                buffer, at = "", number + 1
                break
            yield at, value
            at += rest[:end].count("\n")
            buffer = rest[end:]
    if buffer.strip(" \t\r\n,[]"):
        yield at, MgcalcError("invalid JSON: the input ends inside a value")


def _document_rows(
    lines: Iterator[str], resolve_unit: UnitResolver, elemental: bool
) -> Iterator[Row]:
    for number, value in _json_values(lines):
        if isinstance(value, MgcalcError):
            yield value.at_line(number)
            continue
        try:
            found = _value_items(value, resolve_unit, elemental)
        except MgcalcError as error:
            yield error.at_line(number)
            continue
        yield from (item._replace(line=number) for item in found)


def _value_items(value: object, resolve_unit: UnitResolver, elemental: bool) -> list[Item]:
    """The items one JSON value gives: a label document's, a panel's, or one record's."""
    if not isinstance(value, dict):
        raise MgcalcError(f"expected a JSON object, got {type(value).__name__}")
    if is_label_document(value):
        return label_items(value, resolve_unit)
    if _panel_text(value):
        return panel_record_items(value, resolve_unit)
    return [item_from_record(value, resolve_unit, elemental=elemental)]


def _json_line_rows(
    lines: Iterator[str], resolve_unit: UnitResolver, elemental: bool
) -> Iterator[Row]:
    read_text = LineReader(resolve_unit, elemental=elemental).read
    decoder = json.JSONDecoder(parse_constant=_reject_constant)
    decode, raw_decode = decoder.decode, decoder.raw_decode
    # Objects differ mostly in their amount: the rest of one is read once per kind.
    kinds: dict[tuple[tuple[tuple[str, object], ...], tuple[type, ...]], Item] = {}

    def parse(text: str) -> Item | list[Item]:
        try:
            value, end = raw_decode(text)  # decode() less its two whitespace checks
            if end != len(text) and not text[end:].isspace():
                value = decode(text)  # raises: extra data
        except json.JSONDecodeError:
            value = _decoded(decode, text)  # leading whitespace, or the error to say
        except RecursionError:  # the decoder recurses once per level of nesting
            raise MgcalcError("invalid JSON: nested too deeply") from None
        if not isinstance(value, dict):
            raise MgcalcError(f"expected a JSON object, got {type(value).__name__}")
        amount = value.get("amount")
        if _panel_text(value) or is_label_document(value):
            return _value_items(value, resolve_unit, elemental)
        if amount is None or amount == "" or TEXT_FIELD in value:
            return item_from_record(value, resolve_unit, elemental=elemental, read=read_text)
        # The key holds each value's type: 1, 1.0 and true are equal, but not the same value.
        del value["amount"]
        key = (tuple(value.items()), tuple(map(type, value.values())))
        value["amount"] = amount
        try:
            known = kinds.get(key)
        except TypeError:  # a list or an object among the values: read it every time
            return item_from_record(value, resolve_unit, elemental=elemental)
        if known is not None:
            if type(amount) in _NUMBERS and 0 < amount < math.inf:  # as amount_value reads it
                return Item(float(amount), known.kind, known.label)
            return Item(amount_value(amount), known.kind, known.label)
        item = item_from_record(value, resolve_unit, elemental=elemental)
        if len(kinds) >= MAX_KINDS:
            kinds.clear()
        kinds[key] = item
        return item

    for number, text in enumerate(lines, start=1):
        if not text or text.isspace():
            continue
        special = special_line_error(text) if len(text) == 1 else None  # markers are 1 char
        try:
            if special is not None:
                raise special
            item = parse(text)
        except MgcalcError as error:
            yield error.at_line(number)
            continue
        if isinstance(item, list):  # a panel's items
            yield from (found._replace(line=number) for found in item)
            continue
        yield (
            item._replace(line=number)
            if item.text or item.notes
            else Item(item.amount, item.kind, item.label, None, number)
        )


def _decoded(decode: Callable[[str], object], text: str) -> object:
    try:
        return decode(text)
    except json.JSONDecodeError as error:
        raise MgcalcError(f"invalid JSON: {error.msg}") from None
    except RecursionError:  # the decoder recurses once per level of nesting
        raise MgcalcError("invalid JSON: nested too deeply") from None


_NUMBERS = (int, float)  # JSON's numbers: never bool, which amount_value refuses


def _text_record_items(
    record: Mapping[str, object], number: int, resolve_unit: UnitResolver, elemental: bool
) -> list[Item]:
    """A row given as its text: one item, or a whole panel's."""
    if _panel_text(record):
        return [item._replace(line=number) for item in panel_record_items(record, resolve_unit)]
    return [item_from_record(record, resolve_unit, elemental=elemental)._replace(line=number)]


def _panel_text(record: Mapping[str, object]) -> bool:
    text = record.get(TEXT_FIELD)
    return isinstance(text, str) and is_panel(text)


def panel_record_items(record: Mapping[str, object], resolve_unit: UnitResolver) -> list[Item]:
    """A record whose text is a whole panel: its items, with the record's label."""
    given = [k for k, v in record.items() if k not in (TEXT_FIELD, "label") and v not in (None, "")]
    if given:
        raise MgcalcError(f"a panel's text goes with a label only, not with {given[0]}")
    label = record.get("label")
    if label is not None and not isinstance(label, str):
        raise MgcalcError("label must be a string")
    found = read_panel(str(record[TEXT_FIELD]), resolve_unit)
    if label and label.strip():
        return [item._replace(label=label.strip()) for item in found]
    return found


def _reject_constant(name: str) -> float:
    raise MgcalcError(f"{name} is not a finite number")


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


def check_header(cells: list[str]) -> list[str]:
    header = [c.strip().lower() for c in cells]
    missing = [] if TEXT_FIELD in header else [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise MgcalcError(
            f"the CSV header lacks {', '.join(missing)}; columns are "
            f"{', '.join(REQUIRED_COLUMNS)} and optionally {', '.join(OPTIONAL_COLUMNS)}"
        )
    columns = (*ITEM_FIELDS, TEXT_FIELD)
    unknown = [c for c in header if c not in columns]
    if unknown:
        raise MgcalcError(f"unknown CSV column {unknown[0]!r}; columns are {', '.join(columns)}")
    duplicated = sorted({c for c in header if header.count(c) > 1})
    if duplicated:
        raise MgcalcError(f"CSV column {duplicated[0]!r} appears twice")
    return header


def _csv_rows(lines: Iterator[str], resolve_unit: UnitResolver, elemental: bool) -> Iterator[Row]:
    header: list[str] | None = None
    amount_at = text_at = 0
    # Rows differ mostly in their amount: the rest of a row is read once per kind.
    kinds: dict[tuple[str, ...], _CsvKind | MgcalcError] = {}
    for number, text in _csv_records(lines):
        special = special_line_error(text) if len(text) == 1 else None  # markers are 1 char
        if header is None:
            if special is not None:
                raise special.at_line(number)
            if text.strip():
                try:
                    header = check_header(split_csv_line(text))
                except MgcalcError as error:
                    raise error.at_line(number) from None
                amount_at = header.index("amount") if "amount" in header else -1
                text_at = header.index(TEXT_FIELD) if TEXT_FIELD in header else -1
            continue
        if special is None and (not text or text.isspace()):
            continue
        try:
            if special is not None:
                raise special
            cells = text.split(",") if '"' not in text else split_csv_line(text)
            if len(cells) != len(header):
                raise MgcalcError(f"{len(cells)} fields, but the header has {len(header)}")
            if text_at >= 0 and cells[text_at].strip():  # the item as its text
                record = dict(zip(header, cells, strict=True))
                yield from _text_record_items(record, number, resolve_unit, elemental)
                continue
            if amount_at < 0:
                raise UsageError("missing text (or the columns amount, unit and form)")
            amount_text = cells[amount_at].strip()
            cells[amount_at] = ""
            key = tuple(cells)
            kind = kinds.get(key)
            if kind is None:
                kind = _csv_kind(header, key, resolve_unit, elemental)
                if len(kinds) >= MAX_KINDS:
                    kinds.clear()
                kinds[key] = kind
            if isinstance(kind, MgcalcError):  # remembered, never raised: its traceback would grow
                yield kind.at_line(number)
                continue
            if not amount_text:
                raise UsageError("missing amount")
            described = kind.before + amount_text + kind.after
            yield Item(parse_portion_amount(amount_text), kind.kind, kind.label, described, number)
        except MgcalcError as error:
            yield error.at_line(number)
    if header is None:
        raise MgcalcError("no CSV header (amount,unit,form)")


MAX_RECORD_LINES = 100  # a quoted field open longer than this is a stray quote, not a record


def _csv_records(lines: Iterator[str]) -> Iterator[tuple[int, str]]:
    """Each CSV record with the number of its first line: a quoted field may hold line
    breaks (RFC 4180). A quote still open after MAX_RECORD_LINES lines, or at the end, is a
    stray one: its line stands alone (and is reported), and the lines after it are read anew."""
    numbered = enumerate(lines, start=1)
    waiting: collections.deque[tuple[int, str]] = collections.deque()
    while True:
        number, text = waiting.popleft() if waiting else next(numbered, (0, ""))
        if not number:
            return
        if '"' not in text or not _quote_open_after(text, False):
            yield number, text
            continue
        record = [text]
        closed = False
        while not closed and len(record) < MAX_RECORD_LINES:
            following = waiting.popleft() if waiting else next(numbered, None)
            if following is None:
                break
            record.append(following[1])
            closed = not _quote_open_after(following[1], True)
        if closed:
            yield number, "\n".join(record)
        else:  # a stray quote: this line alone, the others read again
            yield number, text
            waiting.extendleft(reversed(list(enumerate(record[1:], start=number + 1))))


def _quote_open_after(text: str, inside: bool) -> bool:
    """Whether a quoted field is still open at the end of `text` (RFC 4180: a field is quoted
    when it starts with a quote; inside it, two quotes stand for one)."""
    at_field_start = not inside
    index = 0
    while index < len(text):
        char = text[index]
        if inside and char == '"':
            if text[index + 1 : index + 2] == '"':
                index += 2
                continue
            inside = False
        elif char == '"' and at_field_start:
            inside = True
        at_field_start = not inside and char == ","
        index += 1
    return inside


class _CsvKind(NamedTuple):
    """What the CSV rows that differ only in their amount share."""

    kind: ItemKind
    label: str | None
    before: str  # what the item's text says before and after its amount
    after: str


def _csv_kind(
    header: list[str], cells: tuple[str, ...], resolve_unit: UnitResolver, elemental: bool
) -> _CsvKind | MgcalcError:
    values = {name: cell for name, cell in zip(header, cells, strict=True) if cell.strip()}
    try:
        kind = kind_from_values(values, resolve_unit, elemental=elemental)
    except MgcalcError as error:
        return error
    return _CsvKind(kind, values.get("label", "").strip() or None, *kind_words(kind))
