"""`mgcalc reference`: the reference tables with their sources."""

from __future__ import annotations

import sys

import click

from mgcalc import api
from mgcalc.api import PersonValues
from mgcalc.commands.options import (
    format_option,
    person_options,
    quiet_option,
    sources_option,
    with_config,
)
from mgcalc.render.documents import reference_document, write_json


@click.command("reference")
@person_options
@format_option("table", "json")
@quiet_option
@sources_option
def reference(person: PersonValues, output_format: str, quiet: bool, show_sources: bool) -> None:
    """Show the RDA/AI and UL tables of a standard, with sources.

    With a person (--age, --sex, ...), that person's rows stand out.
    """
    chosen = with_config(person, takes_diet=False)
    person = chosen.person
    tables = api.reference(person.standard or "nih", chosen.build() if person.has_person else None)
    if output_format == "json":
        document = reference_document(tables)
        document["from_config"] = list(chosen.from_config)
        write_json(document, sys.stdout)
    else:
        from mgcalc.render.check_view import print_reference  # rich, for tables only

        print_reference(tables, quiet=quiet, origin=chosen.origin_note(), show_sources=show_sources)
