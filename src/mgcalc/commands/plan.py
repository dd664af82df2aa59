"""`mgcalc plan`: the compound and whole units that give a target dose."""

from __future__ import annotations

import sys

import click

from mgcalc import api
from mgcalc.api import PersonValues, UsageError
from mgcalc.commands.options import (
    AmountsCommand,
    format_option,
    forms_option,
    items_argument,
    milligrams,
    person_options,
    quiet_option,
    sources_option,
    with_config,
)
from mgcalc.commands.sources import command_line_items, warn_of_intakes
from mgcalc.render.documents import plan_document, write_json


@click.command("plan", cls=AmountsCommand)
@items_argument("target")
@click.option(
    "--unit",
    "unit_text",
    required=True,
    help="One tablet, capsule or scoop: compound weight ('500mg'), or elemental "
    "magnesium with the word elemental ('100 mg elemental').",
)
@click.option(
    "--split",
    "intakes",
    type=int,
    default=1,
    show_default=True,
    help="Spread the day's units over this many intakes.",
)
@forms_option
@person_options
@click.option(
    "--diet",
    metavar="MG",
    callback=milligrams,
    help="Magnesium from food today, mg (for the RDA/AI).",
)
@click.option(
    "--with",
    "with_items",
    metavar="ITEMS",
    multiple=True,
    help="The day's other items (foods, supplements), e.g. '1 oz almonds': they give part "
    "of TARGET, the plan is for the rest. Repeatable.",
)
@format_option("table", "json")
@quiet_option
@sources_option
def plan(
    target: tuple[str, ...],
    unit_text: str,
    intakes: int,
    forms_files: tuple[str, ...],
    person: PersonValues,
    diet: float | None,
    with_items: tuple[str, ...],
    output_format: str,
    quiet: bool,
    show_sources: bool,
) -> None:
    """Plan a dose: how much compound, and how many whole units, give TARGET.

    TARGET is elemental magnesium and a form, e.g. `mgcalc plan 300 mg glycinate
    --unit 500mg`. With --age (and --sex), the plan is checked against the UL.
    With --with "1 oz almonds", TARGET is the day's: the plan gives what the items do not.
    """
    chosen = with_config(person, diet)
    if not chosen.person.has_person:
        if diet is not None or person.standard is not None:
            raise UsageError("--diet and --standard apply when the plan is checked: give --age")
        chosen = chosen._replace(diet_mg=None, from_config=())  # nobody to check it for
    person = chosen.person
    warn_of_intakes(diet=chosen.diet_mg)
    targets = command_line_items(target, elemental=True)
    if len(targets) != 1:
        raise UsageError("plan takes one target, e.g. 'mgcalc plan 300 mg glycinate --unit 500mg'")
    the_plan = api.plan(
        targets[0],
        unit_text,
        intakes=intakes,
        who=chosen.build() if person.has_person else None,
        standard=person.standard or "nih",
        diet_mg=chosen.diet_mg,
        forms_files=forms_files,
        with_items=[item for text in with_items for item in api.items(text)],
    )
    for warning in the_plan.warnings:
        sys.stderr.write(f"mgcalc: warning: {warning}\n")
    if output_format == "json":
        document = plan_document(the_plan)
        document["from_config"] = list(chosen.from_config)
        write_json(document, sys.stdout)
    else:
        from mgcalc.render.check_view import print_plan  # rich, for tables only

        print_plan(the_plan, quiet=quiet, origin=chosen.origin_note(), show_sources=show_sources)
