"""The command line: parse arguments, call the core, hand results to a renderer.

Only click is imported at start-up; pint and rich load inside the commands that
need them, because click imports this module for --help, --version and every
TAB of shell completion.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from mgcalc import __version__
from mgcalc.core.errors import MgcalcError, UsageError, one_line

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_ABOVE_UL = 3
EXIT_ROWS_FAILED = 4
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

_HELP_WORDS = {"-h", "--help", "--version"}
_NEGATIVE_NUMBER = re.compile(r"^-(?:[\d.]|inf|nan)", re.IGNORECASE)

F = TypeVar("F", bound=Callable[..., Any])


def _report(message: str) -> None:
    text = one_line(message)
    try:
        sys.stderr.write(f"mgcalc: error: {text}\n")
        sys.stderr.flush()
    except (BrokenPipeError, OSError):  # pragma: no cover - stderr gone
        pass


class _ReaderGone(Exception):
    """stdout's reader has gone; raised past click, which would otherwise exit 1."""


class _Interrupted(Exception):
    """Ctrl-C; raised past click, which would print an empty line and 'Aborted!'."""


class MgcalcGroup(click.Group):
    """A group that runs `convert` when no command is named, and owns all error output."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise _ReaderGone from None
        except KeyboardInterrupt:
            raise _Interrupted from None

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        extra.setdefault("terminal_width", _help_width())
        return super().make_context(info_name, args, parent, **extra)

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
        except (KeyboardInterrupt, click.Abort, _Interrupted):
            _report("interrupted")
            return EXIT_INTERRUPTED
        except (BrokenPipeError, _ReaderGone):
            _silence_stdout()
            return EXIT_BROKEN_PIPE
        except Exception as error:  # a bug: still one line, never a traceback
            _report(f"internal error ({type(error).__name__}: {error}); please report it")
            return EXIT_INTERNAL
        return result if isinstance(result, int) else EXIT_OK


def _help_width() -> int:
    """The width click would choose for help text, found without importing shutil."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        try:
            columns = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError, AttributeError):
            columns = 80
    return max(min(columns, 80) - 2, 50)


def _silence_stdout() -> None:
    """After the reader of stdout has gone, make the interpreter's final flush quiet too."""
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
@click.version_option(version=__version__, prog_name="mgcalc", message="%(prog)s %(version)s")
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


@cli.command(context_settings={"ignore_unknown_options": True}, epilog=ITEMS_HELP)
@click.argument("items", nargs=-1, type=click.UNPROCESSED)
@click.option(
    "--elemental",
    is_flag=True,
    help="Amounts are elemental magnesium (as US Supplement Facts labels give them); "
    "show the compound that provides them.",
)
@input_options
@forms_option
@click.option("--explain", is_flag=True, help="Show the arithmetic for each item.")
@format_option("table", "json", "csv", "jsonl")
def convert(
    items: tuple[str, ...],
    elemental: bool,
    input_name: str | None,
    input_format: str | None,
    strict: bool,
    forms_files: tuple[str, ...],
    explain: bool,
    output_format: str,
) -> int:
    """Convert compound amounts to elemental magnesium (mg, mmol, mEq), and back.

    Items come from the command line or, with --input, from a file or stdin;
    csv and jsonl output stream one row per item as it is read.
    """
    from mgcalc.batch import ChunkedOutput, Tally, converted_rows, write_csv_rows, write_jsonl
    from mgcalc.core.convert import total
    from mgcalc.datafiles import catalogue

    forms = catalogue(forms_files)
    mg_per_mmol = forms.magnesium_molar_mass
    tally = Tally()
    out = ChunkedOutput(sys.stdout)
    if input_name is not None and not items and output_format == "csv":
        from mgcalc.inputs import detect_format

        if detect_format(input_name, input_format) == "csv":
            from mgcalc.batch import convert_csv_to_csv

            convert_csv_to_csv(input_name, forms, tally, out, elemental=elemental, strict=strict)
            return _batch_status(tally)
    rows = _item_rows(items, input_name, input_format, elemental, out.flush)
    pairs = converted_rows(rows, forms, tally, strict=strict or input_name is None)
    if output_format in ("jsonl", "csv"):
        try:
            if output_format == "jsonl":
                write_jsonl(pairs, out, mg_per_mmol)
            else:
                write_csv_rows(pairs, out)
        finally:
            out.flush()  # the rows before a --strict error still reach the reader
    else:
        converted = [c for _, c in pairs]
        day = total(converted, mg_per_mmol)
        if output_format == "json":
            from mgcalc.render.documents import convert_document
            from mgcalc.render.machine import write_json

            write_json(convert_document(converted, day, mg_per_mmol, explain=explain), sys.stdout)
        else:
            from mgcalc.render.table import print_convert

            print_convert(converted, day, mg_per_mmol, explain=explain)
    return _batch_status(tally)


def _item_rows(
    items: Sequence[str],
    input_name: str | None,
    input_format: str | None,
    elemental: bool,
    flush: Callable[[], None],
) -> Any:
    """Rows from the command line's items or from --input, never both."""
    from mgcalc.batch import rows_from_input, rows_from_items
    from mgcalc.core.items import parse_items
    from mgcalc.inputs import detect_format
    from mgcalc.unit_parser import resolve_unit

    _reject_unknown_options(items)
    if input_name is not None:
        if items:
            raise UsageError("give items on the command line or with --input, not both")
        chosen = detect_format(input_name, input_format)
        return rows_from_input(input_name, chosen, elemental=elemental, flush=flush)
    if input_format is not None:
        raise UsageError("--input-format needs --input")
    if not items:
        raise UsageError("give at least one item, e.g. '500 mg glycinate', or --input FILE")
    return rows_from_items(parse_items(items, resolve_unit, elemental=elemental))


def _batch_status(tally: Any) -> int:
    if tally.failed:
        sys.stderr.write(
            f"mgcalc: error: {tally.failed} input row(s) failed; "
            f"{tally.good} converted (see the lines above)\n"
        )
        return EXIT_ROWS_FAILED
    return EXIT_OK


def _reject_unknown_options(tokens: Sequence[str]) -> None:
    for token in tokens:
        if token.startswith("-") and len(token) > 1 and not _NEGATIVE_NUMBER.match(token):
            raise UsageError(f"no such option: {token}")


@cli.command()
@click.argument("name", required=False)
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


SEXES = {"female": "female", "f": "female", "male": "male", "m": "male"}


def person_options(function: F) -> F:
    decorators = [
        click.option("--age", type=float, help="Age in years (decimals allowed)."),
        click.option("--age-months", type=float, help="Age in months, for infants and toddlers."),
        click.option(
            "--sex",
            type=click.Choice(sorted(SEXES), case_sensitive=False),
            help="female or male (f/m). Needed where the values differ by sex.",
        ),
        click.option("--pregnant", is_flag=True, help="Use the pregnancy values (female)."),
        click.option("--lactating", is_flag=True, help="Use the lactation values (female)."),
        click.option(
            "--kidney",
            is_flag=True,
            help="Impaired kidney function: adds the sourced caution about magnesium.",
        ),
        click.option(
            "--standard",
            type=click.Choice(["nih", "efsa"], case_sensitive=False),
            help="nih (default): US IOM 1997 RDA/AI and UL (as used by NIH ODS); "
            "efsa: EFSA 2015 AI and SCF/EFSA UL.",
        ),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def _person(
    age: float | None,
    age_months: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    kidney: bool,
    *,
    required: bool,
) -> Any:
    from mgcalc.core.reference import LifeStage, Person, Sex

    if age is not None and age_months is not None:
        raise UsageError("give --age or --age-months, not both")
    if pregnant and lactating:
        raise MgcalcError("--pregnant and --lactating cannot both apply; choose one")
    if age is None and age_months is None:
        if required or sex or pregnant or lactating or kidney:
            raise UsageError("give the person's age with --age YEARS (or --age-months)")
        return None
    years = age if age is not None else (age_months or 0.0) / 12.0
    if age_months is not None and not 0 < age_months < float("inf"):
        raise MgcalcError(f"--age-months {age_months:g} must be a number above 0")
    stage = LifeStage.PREGNANT if pregnant else LifeStage.LACTATING if lactating else LifeStage.NONE
    return Person.create(years, Sex(SEXES[sex.lower()]) if sex else None, stage, kidney)


def _convert_items(
    items: Sequence[str], elemental: bool, forms_files: tuple[str, ...]
) -> tuple[list[Any], Any]:
    from mgcalc.core.convert import convert as convert_item
    from mgcalc.core.items import parse_items
    from mgcalc.datafiles import catalogue
    from mgcalc.unit_parser import resolve_unit

    _reject_unknown_options(items)
    if not items:
        raise UsageError("give at least one item, e.g. '500 mg glycinate'")
    forms_catalogue = catalogue(forms_files)
    specs = parse_items(items, resolve_unit, elemental=elemental)
    return [convert_item(spec, forms_catalogue) for spec in specs], forms_catalogue


@cli.command(context_settings={"ignore_unknown_options": True}, epilog=ITEMS_HELP)
@click.argument("items", nargs=-1, type=click.UNPROCESSED)
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
    age: float | None,
    age_months: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    kidney: bool,
    standard: str | None,
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
    if age is None and age_months is None:
        age, age_months = plan_file.age, plan_file.age_months
    person = _person(
        age,
        age_months,
        sex or plan_file.sex,
        pregnant or plan_file.pregnant,
        lactating or plan_file.lactating,
        kidney or plan_file.kidney,
        required=True,
    )
    diet = diet if diet is not None else plan_file.diet_mg
    chosen_standard = (standard or plan_file.standard or "nih").lower()
    forms = catalogue(forms_files)
    mg_per_mmol = forms.magnesium_molar_mass
    tally = Tally()
    rows: Any = rows_from_items(plan_file.items)
    if items or input_name or not plan_file.items:
        import itertools

        more = _item_rows(items, input_name, input_format, elemental, sys.stdout.flush)
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
        day = check_day(converted, person, standards[chosen_standard], notes, mg_per_mmol, diet)
        import json

        summary = {"type": "summary", **check_document(day, mg_per_mmol)}
        del summary["items"]
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, allow_nan=False) + "\n")
    else:
        converted = [c for _, c in pairs]
        day = check_day(converted, person, standards[chosen_standard], notes, mg_per_mmol, diet)
        if output_format == "json":
            from mgcalc.render.documents import check_document
            from mgcalc.render.machine import write_json

            write_json(check_document(day, mg_per_mmol, explain=explain), sys.stdout)
        else:
            from mgcalc.render.check_view import print_check

            print_check(day, mg_per_mmol)
    status = _batch_status(tally)
    if status == EXIT_OK and exit_code and day.above_ul:
        return EXIT_ABOVE_UL
    return status


@cli.command()
@person_options
@format_option("table", "json")
def reference(
    age: float | None,
    age_months: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    kidney: bool,
    standard: str,
    output_format: str,
) -> None:
    """Show the RDA/AI and UL tables of a standard, with sources.

    With a person (--age, --sex, ...), that person's rows stand out.
    """
    from mgcalc.core.reference import lookup
    from mgcalc.datafiles import reference_data

    person = _person(age, age_months, sex, pregnant, lactating, kidney, required=False)
    chosen = reference_data()[0][(standard or "nih").lower()]
    values = lookup(chosen, person) if person is not None else None
    if output_format == "json":
        from mgcalc.render.documents import person_document, reference_document
        from mgcalc.render.machine import write_json

        document = reference_document(chosen, values)
        document["person"] = person_document(person) if person is not None else None
        write_json(document, sys.stdout)
    else:
        from mgcalc.render.check_view import print_reference

        print_reference(chosen, values)


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("target", nargs=-1, type=click.UNPROCESSED)
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
@click.option("--diet", type=float, help="Magnesium from food today, mg (for the RDA/AI).")
@format_option("table", "json")
def plan(
    target: tuple[str, ...],
    unit_text: str,
    intakes: int,
    forms_files: tuple[str, ...],
    age: float | None,
    age_months: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    kidney: bool,
    standard: str,
    diet: float | None,
    output_format: str,
) -> None:
    """Plan a dose: how much compound, and how many whole units, give TARGET.

    TARGET is elemental magnesium and a form, e.g. `mgcalc plan 300 mg glycinate
    --unit 500mg`. With --age (and --sex), the plan is checked against the UL.
    """
    from mgcalc.core.check import check_day
    from mgcalc.core.convert import convert as convert_item
    from mgcalc.core.items import ItemSpec
    from mgcalc.core.plan import make_plan
    from mgcalc.core.units import MILLIGRAM

    person = _person(age, age_months, sex, pregnant, lactating, kidney, required=False)
    converted, forms_catalogue = _convert_items(target, True, forms_files)
    if len(converted) != 1:
        raise UsageError("plan takes one target, e.g. 'mgcalc plan 300 mg glycinate --unit 500mg'")
    unit_mg, unit_is_elemental = _parse_unit_option(unit_text)
    the_plan = make_plan(converted[0], unit_mg, unit_is_elemental, intakes)
    mg_per_mmol = forms_catalogue.magnesium_molar_mass
    day = None
    if person is not None:
        from mgcalc.datafiles import reference_data

        spec = converted[0].item
        delivered = ItemSpec(
            text=f"{the_plan.whole_units}x {the_plan.unit_compound_mg:g} mg {spec.form}",
            amount=the_plan.unit_compound_mg,
            unit=MILLIGRAM,
            form=spec.form,
            variant=spec.variant,
            servings=the_plan.whole_units,
            percent=spec.percent,
        )
        standards, notes = reference_data()
        day = check_day(
            [convert_item(delivered, forms_catalogue)],
            person,
            standards[(standard or "nih").lower()],
            notes,
            mg_per_mmol,
            diet,
        )
    if output_format == "json":
        from mgcalc.render.documents import plan_document
        from mgcalc.render.machine import write_json

        write_json(plan_document(the_plan, mg_per_mmol, day), sys.stdout)
    else:
        from mgcalc.render.check_view import print_plan

        print_plan(the_plan, mg_per_mmol, day)


def _parse_unit_option(text: str) -> tuple[float, bool]:
    """'500mg' or '500 mg' (compound), or '100 mg elemental'."""
    from mgcalc.core.items import parse_amount
    from mgcalc.core.units import UnitKind
    from mgcalc.unit_parser import resolve_unit

    words = text.split()
    elemental = bool(words) and words[-1].lower() == "elemental"
    if elemental:
        words = words[:-1]
    joined = "".join(words)
    match = re.fullmatch(r"([0-9.eE+-]+)(\D.*)", joined)
    if match is None:
        raise UsageError(f"--unit {text!r}: give an amount and a unit, e.g. --unit 500mg")
    amount = parse_amount(match.group(1))
    unit = resolve_unit(match.group(2))
    if unit.kind is not UnitKind.MASS:
        raise MgcalcError(f"--unit {text!r}: give a weight such as 500mg")
    return amount * unit.to_base, elemental
