"""`mgcalc check`: a day's magnesium against the RDA/AI and the supplemental UL."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator

import click

from mgcalc import api
from mgcalc.api import (
    Converted,
    DataFileError,
    DayCheck,
    Item,
    MgcalcError,
    PersonValues,
    UsageError,
)
from mgcalc.commands.exit_codes import EXIT_ABOVE_UL, EXIT_OK
from mgcalc.commands.options import (
    ITEMS_HELP,
    AmountsCommand,
    complete_medicines,
    format_option,
    forms_option,
    input_options,
    items_argument,
    milligrams,
    person_options,
    quiet_option,
    sources_option,
    with_config,
)
from mgcalc.commands.sources import (
    Batch,
    at_least_one,
    at_most_table_rows,
    item_rows,
    reject_unused,
    say_if_empty,
    strict_unless_batch,
    warn_of_intakes,
)
from mgcalc.regimen import Regimen, load_regimen
from mgcalc.render.documents import Document, ascii_only, check_document, write_json_streamed
from mgcalc.render.rows import json_line, write_jsonl


@click.command("check", cls=AmountsCommand, epilog=ITEMS_HELP)
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
    metavar="MG",
    callback=milligrams,
    help="Magnesium from food and water today, mg. Counts towards the RDA/AI, never the UL.",
)
@click.option(
    "--fortified",
    metavar="MG",
    callback=milligrams,
    help="Magnesium added to water or foods today, mg. Counts towards the RDA/AI, and towards "
    "the UL where the standard says so (EFSA/SCF: yes; IOM: no).",
)
@click.option(
    "--exit-code",
    is_flag=True,
    help="Exit with status 3 when supplements are above the UL, or where no UL applies "
    "(infants, --kidney) and there are any (0 otherwise).",
)
@click.option(
    "--medicine",
    "medicine_names",
    metavar="NAME",
    multiple=True,
    shell_complete=complete_medicines,
    help="A medicine taken too (ciprofloxacin, levothyroxine, ...): its label's spacing from "
    "magnesium is printed. Repeatable.",
)
@click.option("--explain", is_flag=True, help="Show the arithmetic for each item.")
@format_option("table", "json", "jsonl")
@quiet_option
@sources_option
@click.option(
    "--brief",
    is_flag=True,
    help="Only the verdicts, one line per comparison, and what changes how they read.",
)
def check(
    items: tuple[str, ...],
    elemental: bool,
    input_name: str | None,
    input_format: str | None,
    strict: bool,
    regimen: str | None,
    forms_files: tuple[str, ...],
    person: PersonValues,
    diet: float | None,
    fortified: float | None,
    exit_code: bool,
    medicine_names: tuple[str, ...],
    explain: bool,
    output_format: str,
    quiet: bool,
    show_sources: bool,
    brief: bool,
) -> int:
    """Check a day's supplements against the RDA/AI and the supplemental UL.

    The RDA/AI is compared with total intake (foods listed, --diet, supplements); the UL
    only with magnesium from supplements and medicines, never with food.
    The command line wins over --regimen, which wins over the config file (mgcalc config).
    """
    reject_unused(strict=strict, input_name=input_name, explain=explain, output=output_format)
    if brief and output_format != "table":
        raise UsageError("--brief goes with --format table: JSON has every verdict as a key")
    plan_file = load_regimen(regimen) if regimen else Regimen()
    diet_given = diet if diet is not None else plan_file.diet_mg
    chosen = with_config(person.or_else(plan_file.person), diet_given)
    person = chosen.person
    who = chosen.build()
    from_regimen = _regimen_items(plan_file.items, regimen, forms_files)
    rows: Iterator[Item | MgcalcError] = iter(())
    if items or input_name or not plan_file.items:
        rows = item_rows(items, input_name, input_format, elemental)
    batch = Batch(strict=strict_unless_batch(strict, input_name), forms_files=forms_files)
    converted: Iterator[Converted] = itertools.chain(from_regimen, batch.converted(rows))
    where = _named(input_name, regimen)
    warn_of_intakes(diet=chosen.diet_mg, fortified=fortified)
    if output_format != "jsonl":  # a row format gives zero rows for none; the others refuse
        converted = at_least_one(converted, batch, where, streamed=input_name is not None)
    if output_format == "table":
        converted = at_most_table_rows(converted, "jsonl or json")

    def day_of(items: Iterator[Converted], *, keep_items: bool) -> DayCheck:
        return api.check(
            items,
            who,
            standard=person.standard or "nih",
            diet_mg=chosen.diet_mg,
            fortified_mg=fortified if fortified is not None else plan_file.fortified_mg,
            forms_files=forms_files,
            keep_items=keep_items,
            medicines=medicine_names,
        )._replace(failed_rows=batch.failed)

    if output_format == "jsonl":
        day = day_of(_written(converted, explain), keep_items=False)
        if batch.good == 0 and batch.failed == 0 and not from_regimen:
            say_if_empty(batch, where)
            return EXIT_OK
        summary = check_document(day)
        summary["from_config"] = list(chosen.from_config)
        del summary["items"]
        sys.stdout.write(json_line({"type": "summary", **summary}, ascii=ascii_only(sys.stdout)))
    elif output_format == "json":
        days: list[DayCheck] = []

        def rest(items: Iterator[Converted]) -> Document:
            days.append(day_of(items, keep_items=False))
            document = check_document(days[0])
            document["from_config"] = list(chosen.from_config)
            return document

        write_json_streamed(converted, rest, sys.stdout, explain=explain)
        day = days[0]
    else:
        day = day_of(converted, keep_items=True)
        from mgcalc.render.check_view import print_check  # rich, for tables only

        print_check(
            day,
            explain=explain,
            quiet=quiet,
            brief=brief,
            origin=chosen.origin_note(),
            show_sources=show_sources,
        )
    status = batch.status()
    if status == EXIT_OK and exit_code and day.flagged:
        return EXIT_ABOVE_UL
    return status


def _regimen_items(
    items: tuple[Item, ...], regimen: str | None, forms_files: tuple[str, ...]
) -> list[Converted]:
    """A regimen's items converted, a mistake named by its file and item, like its others."""
    converted: list[Converted] = []
    for index, item in enumerate(items):
        try:
            converted += api.convert(item, forms_files=forms_files).items
        except MgcalcError as error:
            raise DataFileError(f"{regimen}: items[{index}]: {error.message}") from None
    return converted


def _named(input_name: str | None, regimen: str | None) -> str:
    if input_name == "-":
        return "--input - (stdin)"
    return input_name or regimen or "the command line"


def _written(items: Iterator[Converted], explain: bool) -> Iterator[Converted]:
    """The items, each written as a JSON line as it passes."""
    for converted in items:
        write_jsonl([converted], sys.stdout, explain=explain)
        yield converted
