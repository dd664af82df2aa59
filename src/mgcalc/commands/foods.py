"""`mgcalc foods`: find foods in USDA SR28, with their magnesium per portion."""

from __future__ import annotations

import sys

import click

from mgcalc import api
from mgcalc.api import Found, MgcalcError, number_text
from mgcalc.commands.options import format_option, quiet_option
from mgcalc.render.documents import foods_document, write_json
from mgcalc.render.rows import csv_fields

CSV_COLUMNS = ("ndb", "description", "name", "mg_per_100g", "portion", "grams", "mg")


@click.command("foods")
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--limit", type=click.IntRange(1, 500), default=20, show_default=True,
    help="At most this many foods.",
)  # fmt: skip
@format_option("table", "json", "csv")
@quiet_option
def foods(query: tuple[str, ...], limit: int, output_format: str, quiet: bool) -> None:
    """Find foods by any of their words (in any order; plurals and close spellings too):
    everyday names first, then USDA SR28's descriptions, with magnesium per portion.

    For example `mgcalc foods almonds`, `mgcalc foods spinach boiled`, `mgcalc foods 12061`.
    """
    text = " ".join(query)
    found = api.foods(text, limit=limit)
    if not found:
        raise MgcalcError(f"no food matches {text!r}; try fewer words")
    if output_format == "json":
        write_json(foods_document(found), sys.stdout)
    elif output_format == "csv":
        _write_csv(found)
    else:
        from mgcalc.render.table import print_foods  # rich, for tables only

        print_foods(found, quiet=quiet)


def _write_csv(found: list[Found]) -> None:
    """A row per food and portion (one with empty portion columns for a food with none)."""
    sys.stdout.write(csv_fields(CSV_COLUMNS) + "\n")
    for entry in found:
        food = entry.food
        head = [food.ndb, food.description, entry.name, food.mg_per_100g]
        if not food.portions:
            sys.stdout.write(csv_fields([*head, None, None, None]) + "\n")
        for portion in food.portions:
            measure = f"{number_text(portion.amount)} {portion.unit}"
            row = [*head, measure, portion.grams, food.mg_in(portion.grams)]
            sys.stdout.write(csv_fields(row) + "\n")
