"""Where a command's items come from (the command line, or --input), and how a batch of
them went: each bad row reported on stderr as it comes, and counted for the exit status."""

from __future__ import annotations

import gc
import itertools
import sys
from collections.abc import Iterable, Iterator, Sequence

from mgcalc import api
from mgcalc.api import Converted, Item, MgcalcError, UsageError, implausible_intake, one_line
from mgcalc.commands.exit_codes import EXIT_OK, EXIT_ROWS_FAILED


def restart_garbage_collector() -> None:
    """The entry point runs start-up without the cycle collector (see launcher.py); a batch
    of any length turns it back on, and leaves what start-up made out of its rounds."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def command_line_items(tokens: Sequence[str], elemental: bool) -> list[Item]:
    if not tokens:
        raise UsageError("give at least one item, e.g. '500 mg glycinate', or --input FILE")
    return api.items(tokens, elemental=elemental)


def item_rows(
    tokens: Sequence[str], input_name: str | None, input_format: str | None, elemental: bool
) -> Iterator[Item | MgcalcError]:
    """Rows from the command line's items or from --input, never both."""
    if input_name is None:
        if input_format is not None:
            raise UsageError("--input-format needs --input")
        return iter(command_line_items(tokens, elemental))
    if tokens:
        raise UsageError("give items on the command line or with --input, not both")
    restart_garbage_collector()
    if input_name == "-" and sys.stdin is None:
        raise MgcalcError("--input -: standard input is closed")
    source = sys.stdin.buffer if input_name == "-" else input_name
    return api.read_items(
        source,
        input_format,
        elemental=elemental,
        before_wait=sys.stdout.flush,
        name="--input - (stdin)",
    )


TABLE_ROWS = 500  # a table of more is unreadable, and rich would take minutes to draw it


def at_most_table_rows(rows: Iterable[Converted], formats: str) -> Iterator[Converted]:
    """The rows, refused from the first one past TABLE_ROWS: a table is for people."""
    for count, row in enumerate(rows, start=1):
        if count > TABLE_ROWS:
            raise UsageError(
                f"more than {TABLE_ROWS} items are too many for a table: use --format {formats}"
            )
        yield row


def at_least_one(
    rows: Iterator[Converted], batch: Batch, where: str, *, streamed: bool
) -> Iterator[Converted]:
    """The rows, refused before any output when there are none at all (a day, a table or a
    document of nothing is no answer); rows that failed are not none. Rows not `streamed`
    (the command line's few) are converted before any output, so that a mistake in the last
    one stops them all before a word is written."""
    if not streamed:
        found = list(rows)
        if not found and batch.failed == 0:
            raise UsageError(f"{where}: no items")
        return iter(found)
    first = next(rows, None)
    if first is None:
        if batch.failed == 0:
            raise UsageError(f"{where}: no items")
        return iter(())
    return itertools.chain([first], rows)


def say_if_empty(batch: Batch, where: str) -> None:
    """Row formats give zero rows for zero rows in, and say so."""
    if batch.good == 0 and batch.failed == 0:
        sys.stderr.write(f"mgcalc: note: {where}: no items, so no rows\n")


def warn_of_intakes(**intakes: float | None) -> None:
    """A diet or fortified figure no day's food gives, named on stderr."""
    for option, mg in intakes.items():
        warning = implausible_intake(mg, f"--{option}")
        if warning:
            sys.stderr.write(f"mgcalc: warning: {warning}\n")


def input_label(input_name: str | None) -> str:
    if input_name == "-":
        return "--input - (stdin)"
    return input_name or "the command line"


class Batch:
    """Converts rows, reporting each bad one on stderr (or raising it, when strict)."""

    def __init__(self, *, strict: bool, forms_files: Sequence[str]) -> None:
        self.strict = strict
        self.forms_files = forms_files
        self.good = 0
        self.failed = 0

    def converted(self, rows: Iterable[Item | MgcalcError]) -> Iterator[Converted]:
        for result in api.convert_rows(rows, forms_files=self.forms_files):
            if isinstance(result, MgcalcError):
                if self.strict:
                    raise result
                self.failed += 1
                sys.stderr.write(f"mgcalc: error: {one_line(result.message)}\n")
                continue
            self.good += 1
            for warning in result.warnings:
                where = f"line {result.item.line}" if result.item.line else result.item.describe()
                sys.stderr.write(f"mgcalc: warning: {where}: {one_line(warning)}\n")
            yield result

    def status(self) -> int:
        if self.failed:
            sys.stderr.write(
                f"mgcalc: error: {self.failed} input row(s) failed; "
                f"{self.good} converted (see the lines above)\n"
            )
            return EXIT_ROWS_FAILED
        return EXIT_OK


def reject_unused(*, strict: bool, input_name: str | None, explain: bool, output: str) -> None:
    """An option that would change nothing is refused, rather than silently ignored."""
    if strict and input_name is None:
        raise UsageError("--strict applies to --input: items on the command line always stop")
    if explain and output == "csv":
        raise UsageError("--explain goes with --format table, json or jsonl, not csv")


def strict_unless_batch(strict: bool, input_name: str | None) -> bool:
    """Items on the command line stop at the first error; a file's rows go on unless --strict."""
    return strict or input_name is None
