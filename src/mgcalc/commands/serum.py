"""`mgcalc serum`: a serum magnesium value in mg/dL, mmol/L and mEq/L, with a cited interval."""

from __future__ import annotations

import sys

import click

from mgcalc import api
from mgcalc.commands.options import AmountsCommand, format_option, quiet_option
from mgcalc.render.documents import serum_document, write_json


@click.command("serum", cls=AmountsCommand)
@click.argument("value", nargs=-1, required=True, type=click.UNPROCESSED)
@format_option("table", "json")
@quiet_option
def serum(value: tuple[str, ...], output_format: str, quiet: bool) -> None:
    """Convert a serum magnesium value between mg/dL, mmol/L and mEq/L.

    VALUE is a number and its unit, e.g. `mgcalc serum 1.8 mg/dL`. mgcalc shows a commonly
    cited adult interval with its source; it never says whether a value is low or high.
    """
    result = api.serum(" ".join(value))
    for warning in result.warnings:
        sys.stderr.write(f"mgcalc: warning: {warning}\n")
    if output_format == "json":
        write_json(serum_document(result), sys.stdout)
    else:
        from mgcalc.render.check_view import print_serum  # rich, for tables only

        print_serum(result, quiet=quiet)
