"""`mgcalc convert`: compound amounts to elemental magnesium, and back."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import click

from mgcalc import api
from mgcalc.api import Conversion, Converted
from mgcalc.commands.options import (
    ITEMS_HELP,
    AmountsCommand,
    format_option,
    forms_option,
    input_options,
    items_argument,
    quiet_option,
    sources_option,
)
from mgcalc.commands.sources import (
    Batch,
    at_least_one,
    at_most_table_rows,
    input_label,
    item_rows,
    reject_unused,
    say_if_empty,
    strict_unless_batch,
)
from mgcalc.render.documents import Document, convert_document, write_json_streamed
from mgcalc.render.rows import write_csv, write_jsonl


@click.command("convert", cls=AmountsCommand, epilog=ITEMS_HELP)
@items_argument("items")
@click.option(
    "--elemental",
    is_flag=True,
    help="Amounts are elemental magnesium (as US Supplement Facts labels give them); "
    "show the compound that provides them.",
)
@input_options
@forms_option
@click.option("--explain", is_flag=True, help="Show the arithmetic for each item.")
@format_option("table", "json", "csv", "jsonl")
@quiet_option
@sources_option
def convert(
    items: tuple[str, ...],
    elemental: bool,
    input_name: str | None,
    input_format: str | None,
    strict: bool,
    forms_files: tuple[str, ...],
    explain: bool,
    output_format: str,
    quiet: bool,
    show_sources: bool,
) -> int:
    """Convert compound amounts to elemental magnesium (mg, mmol, mEq), and back.

    Items come from the command line or, with --input, from a file or stdin;
    csv and jsonl output stream one row per item as it is read.
    """
    reject_unused(strict=strict, input_name=input_name, explain=explain, output=output_format)
    batch = Batch(strict=strict_unless_batch(strict, input_name), forms_files=forms_files)
    rows = batch.converted(item_rows(items, input_name, input_format, elemental))
    where = input_label(input_name)
    if output_format == "jsonl":
        write_jsonl(rows, sys.stdout, explain=explain)
        say_if_empty(batch, where)
    elif output_format == "csv":
        write_csv(rows, sys.stdout)
        say_if_empty(batch, where)
    elif output_format == "json":
        converter = api.converter(forms_files)

        def rest(items: Iterator[Converted]) -> Document:
            total = converter.total(items)  # reads the items through as they are written
            return convert_document(Conversion((), total, batch.failed))

        write_json_streamed(
            at_least_one(rows, batch, where, streamed=input_name is not None),
            rest,
            sys.stdout,
            explain=explain,
        )
    else:
        converted = list(
            at_most_table_rows(
                at_least_one(rows, batch, where, streamed=input_name is not None), "csv or jsonl"
            )
        )
        total = api.converter(forms_files).total(converted)
        conversion = Conversion(tuple(converted), total, batch.failed)
        from mgcalc.render.table import print_convert  # rich, for tables only

        print_convert(conversion, explain=explain, quiet=quiet, show_sources=show_sources)
    return batch.status()
