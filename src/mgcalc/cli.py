"""The command line: parse arguments, call the core, hand results to a renderer.

Only click is imported at start-up; pint and rich load inside the commands that
need them, because click imports this module for --help, --version and every
TAB of shell completion.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from mgcalc.core.errors import MgcalcError, UsageError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

_HELP_WORDS = {"-h", "--help", "--version"}
_NEGATIVE_NUMBER = re.compile(r"^-[\d.]")

F = TypeVar("F", bound=Callable[..., Any])


def _report(message: str) -> None:
    # One line on stderr, always: a message never carries its own newlines.
    text = " ".join(message.split())
    try:
        sys.stderr.write(f"mgcalc: error: {text}\n")
        sys.stderr.flush()
    except (BrokenPipeError, OSError):  # pragma: no cover - stderr gone
        pass


class _ReaderGone(Exception):
    """stdout's reader has gone; raised past click, which would otherwise exit 1."""


class MgcalcGroup(click.Group):
    """A group that runs `convert` when no command is named, and owns all error output."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise _ReaderGone from None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in _HELP_WORDS:
            args = ["convert", *args]
        return super().parse_args(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = self._run(args, prog_name, complete_var, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(
        self,
        args: Sequence[str] | None,
        prog_name: str | None,
        complete_var: str | None,
        **extra: Any,
    ) -> int:
        try:
            result = super().main(
                args, prog_name or "mgcalc", complete_var, standalone_mode=False, **extra
            )
            sys.stdout.flush()
        except MgcalcError as error:
            _report(error.message)
            return error.exit_code
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.format_message())
            return EXIT_OK
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "mgcalc"
            _report(f"{error.format_message()} (see '{where} --help')")
            return EXIT_USAGE
        except click.ClickException as error:
            _report(error.format_message())
            return error.exit_code
        except (KeyboardInterrupt, click.Abort):
            _report("interrupted")
            return EXIT_INTERRUPTED
        except (BrokenPipeError, _ReaderGone):
            _silence_stdout()
            return EXIT_BROKEN_PIPE
        return result if isinstance(result, int) else EXIT_OK


def _silence_stdout() -> None:
    """After the reader of stdout has gone, make the interpreter's final flush quiet too."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout is not a real file
        pass


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices, case_sensitive=False),
        default=choices[0],
        show_default=True,
        help="Output: a table for people, or data for scripts.",
    )


@click.group(
    cls=MgcalcGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
)
@click.version_option(package_name="mgcalc", prog_name="mgcalc", message="%(prog)s %(version)s")
def cli() -> None:
    """Elemental magnesium in supplements: mg, mmol and mEq from a compound, and back.

    With no command, `mgcalc ITEMS...` runs `mgcalc convert ITEMS...`.

    Educational information only; mgcalc does not diagnose or prescribe.
    """


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


@cli.command(context_settings={"ignore_unknown_options": True}, epilog=ITEMS_HELP)
@click.argument("items", nargs=-1, type=click.UNPROCESSED)
@click.option(
    "--elemental",
    is_flag=True,
    help="Amounts are elemental magnesium (as US Supplement Facts labels give them); "
    "show the compound that provides them.",
)
@click.option("--explain", is_flag=True, help="Show the arithmetic for each item.")
@format_option("table", "json", "csv")
def convert(items: tuple[str, ...], elemental: bool, explain: bool, output_format: str) -> None:
    """Convert compound amounts to elemental magnesium (mg, mmol, mEq), and back."""
    from mgcalc.core.convert import convert as convert_item
    from mgcalc.core.convert import total
    from mgcalc.core.items import parse_items
    from mgcalc.datafiles import catalogue
    from mgcalc.unit_parser import resolve_unit

    _reject_unknown_options(items)
    if not items:
        raise UsageError("give at least one item, e.g. 'mgcalc convert 500 mg glycinate'")
    specs = parse_items(items, resolve_unit, elemental=elemental)
    forms = catalogue()
    converted = [convert_item(spec, forms) for spec in specs]
    day = total(converted, forms.magnesium_molar_mass)
    mg_per_mmol = forms.magnesium_molar_mass
    if output_format == "json":
        from mgcalc.render.documents import convert_document
        from mgcalc.render.machine import write_json

        write_json(convert_document(converted, day, mg_per_mmol, explain=explain), sys.stdout)
    elif output_format == "csv":
        from mgcalc.render.documents import CSV_COLUMNS, csv_row
        from mgcalc.render.machine import write_csv

        write_csv(CSV_COLUMNS, (csv_row(c) for c in converted), sys.stdout)
        _notes_to_stderr(converted)
    else:
        from mgcalc.render.table import print_convert

        print_convert(converted, day, mg_per_mmol, explain=explain)


def _reject_unknown_options(tokens: Sequence[str]) -> None:
    for token in tokens:
        if token.startswith("-") and len(token) > 1 and not _NEGATIVE_NUMBER.match(token):
            raise UsageError(f"no such option: {token}")


def _notes_to_stderr(converted: Sequence[Any]) -> None:
    for number, item in enumerate(converted, start=1):
        for note in item.notes:
            sys.stderr.write(f"note (item {number}): {note}\n")


@cli.command()
@click.argument("name", required=False)
@format_option("table", "json")
def forms(name: str | None, output_format: str) -> None:
    """List every form with its variants, formulas and % Mg, or show one in detail."""
    from mgcalc.datafiles import catalogue

    forms_catalogue = catalogue()
    selected = None
    if name is not None:
        form_name, _, variant_name = name.partition(":")
        resolved = forms_catalogue.resolve(form_name, variant_name or None)
        selected = resolved.form
    if output_format == "json":
        from mgcalc.render.documents import forms_document
        from mgcalc.render.machine import write_json

        chosen = [selected] if selected else list(forms_catalogue.forms.values())
        write_json(forms_document(chosen), sys.stdout)
        return
    from mgcalc.render.table import print_form, print_forms

    if selected is None:
        print_forms(forms_catalogue)
    else:
        print_form(selected)


def main() -> None:
    cli.main(prog_name="mgcalc")
