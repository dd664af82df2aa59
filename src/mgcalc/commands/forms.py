"""`mgcalc forms`: the forms, their variants and formulas."""

from __future__ import annotations

import sys

import click

from mgcalc import api
from mgcalc.api import UsageError, starter_forms
from mgcalc.commands.options import (
    complete_form_names,
    format_option,
    forms_option,
    quiet_option,
)
from mgcalc.render.documents import forms_document, write_json


@click.command("forms")
@click.argument("name", required=False, shell_complete=complete_form_names)
@forms_option
@format_option("table", "json")
@quiet_option
@click.option(
    "--template",
    is_flag=True,
    help="Print a commented starter file for your own products and forms.",
)
def forms(
    name: str | None,
    forms_files: tuple[str, ...],
    output_format: str,
    quiet: bool,
    template: bool,
) -> None:
    """List every form with its variants, formulas and % Mg (and your own products), or
    show one in detail."""
    if template:
        if name is not None or forms_files:
            raise UsageError("--template takes no form name or --forms")
        sys.stdout.write(starter_forms())
        return
    chosen = api.forms(name, forms_files=forms_files)
    if output_format == "json":
        write_json(forms_document(chosen), sys.stdout)
        return
    from mgcalc.render.table import print_form, print_forms  # rich, for tables only

    if name is None:
        print_forms(chosen, api.products(forms_files=forms_files), quiet=quiet)
    else:
        print_form(chosen[0], api.products(forms_files=forms_files), quiet=quiet)
