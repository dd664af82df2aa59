"""Coverage-guided fuzzing of the batch readers: item lines, CSV and JSON lines (atheris).

    pip install atheris && pip install -e . && cp -r fuzz/row_seeds /tmp/rows
    python fuzz/input_rows.py /tmp/rows -max_total_time=300   # a crash is a bug

An input's first byte picks the format (0: CSV, 1: JSON lines, 2: item lines), the rest is
the file. Whatever the bytes, every row that holds something must come out converted or
as its own error (no row lost), and nothing but MgcalcError may escape: a CSV header that
is wrong stops the batch by design; anything else stops the fuzzer with the input.
"""

from __future__ import annotations

import io
import sys

import atheris

with atheris.instrument_imports():
    import mgcalc.batch
    from mgcalc.core.errors import MgcalcError
    from mgcalc.datafiles import catalogue
    from mgcalc.inputs import physical_lines, read_rows, special_line_error
    from mgcalc.unit_parser import resolve_unit

FORMS = catalogue(())
FORMATS = ("csv", "jsonl", "items")
mgcalc.batch.report_row_error = lambda error: None  # counted in the tally instead


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
    tally = mgcalc.batch.Tally()
    rows = read_rows(iter(lines), input_format, resolve_unit)
    try:
        converted = list(mgcalc.batch.converted_rows(rows, FORMS, tally, strict=False))
    except MgcalcError:
        if input_format == "csv":
            return  # no usable header: the batch is refused as a whole
        raise
    if len(converted) != tally.good or tally.good + tally.failed != len(expected):
        raise AssertionError(f"{len(expected)} rows in, {tally.good} + {tally.failed} out")


def main() -> None:
    atheris.Setup(sys.argv, check_one_file)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
