"""`mgcalc products`: the products mgcalc knows by name, each with its label source."""

from __future__ import annotations

import sys

import click

from mgcalc import api
from mgcalc.commands.options import format_option, forms_option, quiet_option
from mgcalc.render.documents import products_document, write_json


@click.command("products")
@forms_option
@format_option("table", "json")
@quiet_option
def products(forms_files: tuple[str, ...], output_format: str, quiet: bool) -> None:
    """List the products (built in and your own): their unit, magnesium, route and source."""
    known = api.products(forms_files=forms_files)
    if output_format == "json":
        write_json(products_document(known), sys.stdout)
        return
    from mgcalc.render.table import print_products  # rich, for tables only

    print_products(known, quiet=quiet)
