"""Coverage-guided fuzzing of the batch readers: item lines, CSV and JSON lines (atheris).

    pip install atheris && pip install -e . && cp -r fuzz/row_seeds /tmp/rows
    python fuzz/input_rows.py /tmp/rows -max_total_time=300   # a crash is a bug

An input's first byte picks the format (0: CSV, 1: JSON lines, 2: item lines), the rest is
the file. Whatever the bytes, every row that holds something must come out converted or
as its own error (no row lost), and nothing but MgcalcError may escape: a CSV header that
is wrong stops the batch by design; anything else stops the fuzzer with the input.
"""

from __future__ import annotations

import csv
import io
import sys

import atheris

with atheris.instrument_imports():
    import mgcalc
    import mgcalc.api  # the modules behind the API, instrumented
    from mgcalc.inputs import physical_lines, special_line_error

FORMATS = ("csv", "jsonl", "items")


def holds_a_row(text: str, input_format: str) -> bool:
    if special_line_error(text) is not None:
        return True
    if input_format == "items":
        return bool(text.split("#", 1)[0].strip())
    return bool(text.strip())


def check_one_file(data: bytes) -> None:
    if not data:
        return
    input_format = FORMATS[data[0] % len(FORMATS)]
    lines = list(physical_lines(io.BytesIO(data[1:]), lambda: None))
    expected = [text for text in lines if holds_a_row(text, input_format)]
    if input_format == "csv":
        expected = expected[1:]  # the header
    rows = mgcalc.read_items(io.BytesIO(data[1:]), input_format)
    try:
        results = list(mgcalc.convert_rows(rows))
    except mgcalc.MgcalcError:
        if input_format == "csv":
            return  # no usable header: the batch is refused as a whole
        raise
    good = sum(isinstance(result, mgcalc.Converted) for result in results)
    failed = sum(isinstance(result, mgcalc.MgcalcError) for result in results)
    if good + failed != len(results):
        raise AssertionError(f"{len(results)} results, {good} + {failed} of them known")
    if input_format == "csv":  # a quoted field may span lines (RFC 4180): count records
        start = next((i for i, text in enumerate(lines) if text.strip()), len(lines))
        expected = csv_records(lines[start + 1 :])  # after blank lines, then the header
        if expected is None:
            return  # a quote left open: the csv module has no strict reading to compare with
    if len(results) != len(expected):
        raise AssertionError(f"{len(expected)} rows in, {good} + {failed} out")


def csv_records(lines: list[str]) -> list[list[str]] | None:
    """The non-blank records of the lines after the header, as the csv module reads them."""
    if any(special_line_error(text) is not None for text in lines):
        return None
    try:
        records = list(csv.reader(io.StringIO("\n".join(lines)), strict=True))
    except csv.Error:
        return None
    if any(len(r) == 1 and not r[0].strip() for r in records):
        return None  # blank or quoted blank: the csv module cannot tell them apart
    return [r for r in records if r]


def main() -> None:
    atheris.Setup(sys.argv, check_one_file)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
