"""`mgcalc reference`: the reference tables with their sources."""

from __future__ import annotations

import sys

import click

from mgcalc.commands.options import (
    format_option,
)
from mgcalc.person_input import PersonInput, person_options


@click.command("reference")
@person_options
@format_option("table", "json")
def reference(
    person: PersonInput,
    output_format: str,
) -> None:
    """Show the RDA/AI and UL tables of a standard, with sources.

    With a person (--age, --sex, ...), that person's rows stand out.
    """
    from mgcalc.core.reference import lookup
    from mgcalc.datafiles import reference_data

    subject = person.build(required=False)
    chosen = reference_data()[0][person.standard_key]
    values = lookup(chosen, subject) if subject is not None else None
    if output_format == "json":
        from mgcalc.render.documents import person_document, reference_document, write_json

        document = reference_document(chosen, values)
        document["person"] = person_document(subject) if subject is not None else None
        write_json(document, sys.stdout)
    else:
        from mgcalc.render.check_view import print_reference

        print_reference(chosen, values)
