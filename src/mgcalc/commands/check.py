"""`mgcalc check`: a day's magnesium against the RDA/AI and the supplemental UL."""

from __future__ import annotations

import sys
from typing import Any

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
from mgcalc.core.errors import EXIT_ABOVE_UL, EXIT_OK
from mgcalc.person_input import PersonInput, person_options


@click.command("check", context_settings={"ignore_unknown_options": True}, epilog=ITEMS_HELP)
@items_argument("items")
@click.option("--elemental", is_flag=True, help="Amounts are elemental magnesium.")
@input_options
@click.option(
    "--regimen",
    metavar="FILE",
    help="A TOML file with the person, standard, diet and items (see examples/).",
)
@forms_option
@person_options
@click.option(
    "--diet",
    type=float,
    help="Magnesium from food and water today, mg. Counts towards the RDA/AI, never the UL.",
)
@click.option(
    "--exit-code",
    is_flag=True,
    help="Exit with status 3 when supplements are above the UL (0 otherwise).",
)
@click.option("--explain", is_flag=True, help="Show the arithmetic for each item.")
@format_option("table", "json", "jsonl")
def check(
    items: tuple[str, ...],
    elemental: bool,
    input_name: str | None,
    input_format: str | None,
    strict: bool,
    regimen: str | None,
    forms_files: tuple[str, ...],
    person: PersonInput,
    diet: float | None,
    exit_code: bool,
    explain: bool,
    output_format: str,
) -> int:
    """Check a day's supplements against the RDA/AI and the supplemental UL.

    The RDA/AI is compared with total intake (--diet plus supplements); the UL
    only with magnesium from supplements and medicines, never with food.
    Options given on the command line win over those in --regimen.
    """
    from mgcalc.batch import Tally, converted_rows, rows_from_items
    from mgcalc.core.check import check_day
    from mgcalc.datafiles import catalogue, reference_data
    from mgcalc.regimen import Regimen, load_regimen

    plan_file = load_regimen(regimen) if regimen else Regimen()
    person = person.or_else(plan_file.person)
    subject = person.build(required=True)
    diet = diet if diet is not None else plan_file.diet_mg
    chosen_standard = person.standard_key
    forms = catalogue(forms_files)
    mg_per_mmol = forms.magnesium_molar_mass
    tally = Tally()
    rows: Any = rows_from_items(plan_file.items)
    if items or input_name or not plan_file.items:
        import itertools

        more = item_rows(items, input_name, input_format, elemental, sys.stdout.flush)
        rows = itertools.chain(rows, more)
    pairs = converted_rows(rows, forms, tally, strict=strict or input_name is None)
    standards, notes = reference_data()
    if output_format == "jsonl":
        from mgcalc.batch import write_jsonl
        from mgcalc.render.documents import check_document

        converted = []

        def keep(pair: tuple[int, Any]) -> tuple[int, Any]:
            converted.append(pair[1])
            return pair

        write_jsonl(map(keep, pairs), sys.stdout, mg_per_mmol)
        day = check_day(converted, subject, standards[chosen_standard], notes, mg_per_mmol, diet)
        import json

        summary = {"type": "summary", **check_document(day, mg_per_mmol)}
        del summary["items"]
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, allow_nan=False) + "\n")
    else:
        converted = [c for _, c in pairs]
        day = check_day(converted, subject, standards[chosen_standard], notes, mg_per_mmol, diet)
        if output_format == "json":
            from mgcalc.render.documents import check_document, write_json

            write_json(check_document(day, mg_per_mmol, explain=explain), sys.stdout)
        else:
            from mgcalc.render.check_view import print_check

            print_check(day, mg_per_mmol)
    status = batch_status(tally)
    if status == EXIT_OK and exit_code and day.above_ul:
        return EXIT_ABOVE_UL
    return status
