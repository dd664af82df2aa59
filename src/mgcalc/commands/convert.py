"""`mgcalc convert`: compound amounts to elemental magnesium, and back."""

from __future__ import annotations

import sys

import click

from mgcalc.commands.options import (
    ITEMS_HELP,
    batch_status,
    format_option,
    forms_option,
    input_options,
    item_rows,
    items_argument,
)


@click.command("convert", context_settings={"ignore_unknown_options": True}, epilog=ITEMS_HELP)
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
def convert(
    items: tuple[str, ...],
    elemental: bool,
    input_name: str | None,
    input_format: str | None,
    strict: bool,
    forms_files: tuple[str, ...],
    explain: bool,
    output_format: str,
) -> int:
    """Convert compound amounts to elemental magnesium (mg, mmol, mEq), and back.

    Items come from the command line or, with --input, from a file or stdin;
    csv and jsonl output stream one row per item as it is read.
    """
    from mgcalc.batch import ChunkedOutput, Tally, converted_rows, write_csv_rows, write_jsonl
    from mgcalc.core.convert import total
    from mgcalc.datafiles import catalogue

    forms = catalogue(forms_files)
    mg_per_mmol = forms.magnesium_molar_mass
    tally = Tally()
    out = ChunkedOutput(sys.stdout)
    if input_name is not None and not items and output_format == "csv":
        from mgcalc.inputs import detect_format

        if detect_format(input_name, input_format) == "csv":
            from mgcalc.batch import convert_csv_to_csv

            convert_csv_to_csv(input_name, forms, tally, out, elemental=elemental, strict=strict)
            return batch_status(tally)
    rows = item_rows(items, input_name, input_format, elemental, out.flush)
    pairs = converted_rows(rows, forms, tally, strict=strict or input_name is None)
    if output_format in ("jsonl", "csv"):
        try:
            if output_format == "jsonl":
                write_jsonl(pairs, out, mg_per_mmol)
            else:
                write_csv_rows(pairs, out)
        finally:
            out.flush()  # the rows before a --strict error still reach the reader
    else:
        converted = [c for _, c in pairs]
        day = total(converted, mg_per_mmol)
        if output_format == "json":
            from mgcalc.render.documents import convert_document, write_json

            write_json(convert_document(converted, day, mg_per_mmol, explain=explain), sys.stdout)
        else:
            from mgcalc.render.table import print_convert

            print_convert(converted, day, mg_per_mmol, explain=explain)
    return batch_status(tally)
