"""`mgcalc compare`: what the magnesium of each priced product costs."""

from __future__ import annotations

import sys

import click

from mgcalc import api
from mgcalc.commands.options import format_option, forms_option, milligrams, quiet_option
from mgcalc.render.documents import PRICE_COLUMNS, price_rows, prices_document, write_json
from mgcalc.render.rows import csv_fields


@click.command("compare")
@click.option(
    "--target",
    metavar="MG",
    callback=milligrams,
    help="Elemental magnesium a day, mg: adds units a day, days a package and cost a day.",
)
@forms_option
@format_option("table", "json", "csv")
@quiet_option
def compare(
    target: float | None, forms_files: tuple[str, ...], output_format: str, quiet: bool
) -> None:
    """Rank the products that have a price by what 100 mg of their magnesium costs.

    Give a product `price` and `units_per_package` (and a `currency`, if you like) in
    your forms file or a --forms FILE. With --target, products are ranked by the cost of
    a day's whole units instead. Prices in different currencies are ranked apart.
    """
    comparison = api.compare(target, forms_files=forms_files)
    if output_format == "json":
        write_json(prices_document(comparison), sys.stdout)
    elif output_format == "csv":
        sys.stdout.write(csv_fields(PRICE_COLUMNS) + "\n")
        for row in price_rows(comparison):
            sys.stdout.write(csv_fields([row[column] for column in PRICE_COLUMNS]) + "\n")
    else:
        from mgcalc.render.table import print_prices  # rich, for tables only

        print_prices(comparison, quiet=quiet)
