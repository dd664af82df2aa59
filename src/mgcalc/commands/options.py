"""Options and helpers shared by the commands."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from mgcalc.core.errors import EXIT_OK, EXIT_ROWS_FAILED, UsageError

F = TypeVar("F", bound=Callable[..., Any])


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices, case_sensitive=False),
        default=choices[0],
        show_default=True,
        help="Output: a table for people, or data for scripts.",
    )


ITEMS_HELP = """
    An ITEM is `[Nx] AMOUNT UNIT FORM[:VARIANT][@PERCENT%]`, for example
    `500 mg glycinate`, `1.5g citrate:nonahydrate`, `2x 400 mg oxide` (two servings
    a day), `250 mg glycinate@20%` (the label's own % Mg) or
    `200 mg elemental glycinate` (this amount is elemental magnesium).

    \b
    Units: mg, g, mcg (µg, ug), grain - the weight of the compound
           (of magnesium itself with --elemental or the word `elemental`);
           mmol, mEq - magnesium ions, never formula units:
           1 mmol Mg = 2 mEq = 24.305 mg.
    Forms: `mgcalc forms` lists them, with their variants (hydrates).
"""


def complete_form_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """TAB on a form's name: the built-in forms and the user's, and a form's variants."""
    from mgcalc.core.errors import MgcalcError
    from mgcalc.datafiles import catalogue

    # A broken forms file is reported when the command runs, not on TAB: offer what loads.
    for files in (tuple(ctx.params.get("forms_files") or ()), ()):
        try:
            return catalogue(files).names_starting(incomplete)
        except MgcalcError:
            continue
    return []


def complete_items(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """TAB in an item: units after an amount, forms after a unit, nothing for numbers."""
    from mgcalc.core.items import plain_number
    from mgcalc.core.units import OFFERED_UNITS

    if incomplete[:1].isdigit():
        return []
    before = ctx.params.get(param.name or "") or ()
    if before and plain_number(before[-1]) is not None:
        return [unit for unit in OFFERED_UNITS if unit.lower().startswith(incomplete.lower())]
    offered = complete_form_names(ctx, param, incomplete)
    if incomplete and "elemental".startswith(incomplete.lower()):
        offered.append("elemental")
    return offered


def items_argument(name: str) -> Callable[[F], F]:
    """Items as the shell split them, regrouped by the item grammar; TAB completes them."""
    return click.argument(name, nargs=-1, type=click.UNPROCESSED, shell_complete=complete_items)


def forms_option(function: F) -> F:
    return click.option(
        "--forms",
        "forms_files",
        metavar="FILE",
        multiple=True,
        help="Extra forms and products (TOML, like data/forms.toml); may be repeated.",
    )(function)


def input_options(function: F) -> F:
    decorators = [
        click.option(
            "--input",
            "input_name",
            metavar="FILE",
            help="Read items from FILE, or from stdin with '-': item lines, CSV or JSON lines.",
        ),
        click.option(
            "--input-format",
            type=click.Choice(["items", "csv", "jsonl"], case_sensitive=False),
            help="Format of --input (default: by extension: .csv, .jsonl; else item lines).",
        ),
        click.option(
            "--strict",
            is_flag=True,
            help="Stop at the first bad input row instead of reporting it and going on.",
        ),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def item_rows(
    items: Sequence[str],
    input_name: str | None,
    input_format: str | None,
    elemental: bool,
    flush: Callable[[], None],
) -> Any:
    """Rows from the command line's items or from --input, never both."""
    from mgcalc.batch import rows_from_input, rows_from_items
    from mgcalc.core.items import parse_items
    from mgcalc.unit_parser import resolve_unit

    reject_unknown_options(items)
    if input_name is not None:
        if items:
            raise UsageError("give items on the command line or with --input, not both")
        from mgcalc.inputs import detect_format  # and the csv module: files only

        chosen = detect_format(input_name, input_format)
        return rows_from_input(input_name, chosen, elemental=elemental, flush=flush)
    if input_format is not None:
        raise UsageError("--input-format needs --input")
    if not items:
        raise UsageError("give at least one item, e.g. '500 mg glycinate', or --input FILE")
    return rows_from_items(parse_items(items, resolve_unit, elemental=elemental))


def batch_status(tally: Any) -> int:
    if tally.failed:
        sys.stderr.write(
            f"mgcalc: error: {tally.failed} input row(s) failed; "
            f"{tally.good} converted (see the lines above)\n"
        )
        return EXIT_ROWS_FAILED
    return EXIT_OK


def _negative_amount(token: str) -> bool:
    """'-5', '-.5', '-inf': an amount (rejected later, with its reason), not an option."""
    rest = token[1:].lower()
    return rest[:1] in tuple("0123456789.") or rest.startswith(("inf", "nan"))


def reject_unknown_options(tokens: Sequence[str]) -> None:
    for token in tokens:
        if token.startswith("-") and len(token) > 1 and not _negative_amount(token):
            raise UsageError(f"no such option: {token}")


def convert_items(
    items: Sequence[str], elemental: bool, forms_files: tuple[str, ...]
) -> tuple[list[Any], Any]:
    from mgcalc.core.convert import convert as convert_item
    from mgcalc.core.items import parse_items
    from mgcalc.datafiles import catalogue
    from mgcalc.unit_parser import resolve_unit

    reject_unknown_options(items)
    if not items:
        raise UsageError("give at least one item, e.g. '500 mg glycinate'")
    forms_catalogue = catalogue(forms_files)
    specs = parse_items(items, resolve_unit, elemental=elemental)
    return [convert_item(spec, forms_catalogue) for spec in specs], forms_catalogue
