"""`mgcalc forms`: the forms, their variants and formulas."""

from __future__ import annotations

import sys

import click

from mgcalc.commands.options import (
    complete_form_names,
    format_option,
    forms_option,
)


@click.command("forms")
@click.argument("name", required=False, shell_complete=complete_form_names)
@forms_option
@format_option("table", "json")
def forms(name: str | None, forms_files: tuple[str, ...], output_format: str) -> None:
    """List every form with its variants, formulas and % Mg, or show one in detail."""
    from mgcalc.datafiles import catalogue

    forms_catalogue = catalogue(forms_files)
    selected = None
    if name is not None:
        form_name, _, variant_name = name.partition(":")
        resolved = forms_catalogue.resolve(form_name, variant_name or None)
        selected = resolved.form
    if output_format == "json":
        from mgcalc.render.documents import forms_document, write_json

        chosen = [selected] if selected else list(forms_catalogue.forms.values())
        write_json(forms_document(chosen), sys.stdout)
        return
    from mgcalc.render.table import print_form, print_forms

    if selected is None:
        print_forms(forms_catalogue)
    else:
        print_form(selected)
