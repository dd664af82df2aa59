"""Options and arguments shared by the commands, and what TAB offers for them."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import NamedTuple, TypeVar

import click
from click.parser import _OptionParser, _ParsingState

from mgcalc import api, config
from mgcalc.api import (
    INPUT_FORMATS,
    OFFERED_UNITS,
    SEXES,
    MgcalcError,
    Person,
    PersonValues,
    plain_number,
)

R = TypeVar("R")
FC = TypeVar("FC", bound=Callable[..., object])

ITEMS_HELP = """
    An ITEM is an amount and its unit with words around it. A word means the same
    wherever it stands (here, in --input lines, a CSV or JSON `text`, a regimen);
    a word mgcalc does not know is refused by name.

    \b
      500 mg glycinate            the compound's weight
      200 mg elemental glycinate  the magnesium itself (--elemental: every weight)
      2 g compound sulfate        the salt's weight, with --elemental or in plan
      2x 400 mg oxide             servings: 2x, x2, twice daily, 3 times a day
      4 g sulfate IV              a route: oral (PO), IV, IM; injections apart
      250 mg glycinate@20%        the label's own % Mg
      10 mL sulfate@50%w/v        a volume and its strength (@500mg/mL, @1g/100mL)
      30 mL milk-of-magnesia      a product, in its own unit (mgcalc products)
      1 g MgSO4 7H2O              a formula: that compound (MgSO4 IV: the 7H2O)

    \b
    A label line starts with the nutrient; its thousands comma is thousands:
      Magnesium (as magnesium citrate) 200 mg 48% DV    the magnesium; %DV checked
      Magnesium glycinate 500 mg (providing 100 mg elemental magnesium)
      2 capsules of Magnesium L-Threonate 2,000 mg      a front of pack: the salt

    \b
    Units: mg, g, mcg (µg, ug), grain; mmol, mEq of magnesium ions (1 mmol Mg
    = 2 mEq = 24.305 mg); mL, L, tsp, tbsp, fl oz; a product's tablet, capsule.
    Forms: `mgcalc forms` lists them, with their variants (hydrates).
"""


def negative_amount(token: str) -> bool:
    """'-5', '-.5', '-inf': an amount (refused later, with its reason), not an option."""
    rest = token[1:].lower()
    return token.startswith("-") and (
        rest[:1] in tuple("0123456789.") or rest.startswith(("inf", "nan"))
    )


class _AmountsParser(_OptionParser):
    def _process_opts(self, arg: str, state: _ParsingState) -> None:
        if negative_amount(arg):  # not the cluster -i -n -f
            state.largs.append(arg)
        else:
            super()._process_opts(arg, state)


class AmountsCommand(click.Command):
    """A command whose arguments may be negative amounts: they are arguments, refused
    with their reason by the item grammar, never options or clusters of short options."""

    def make_parser(self, ctx: click.Context) -> _OptionParser:
        parser = _AmountsParser(ctx)
        for param in self.get_params(ctx):
            param.add_to_parser(parser, ctx)
        return parser


def milligrams(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    """A day's magnesium in mg: a number, with or without 'mg' ('250', '250mg', '250 mg')."""
    if value is None:
        return None
    text = value.strip()
    number = text[:-2].strip() if text.lower().endswith("mg") else text
    try:
        return float(number)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not an amount in mg, e.g. 250 or 250mg") from None


def _format_or_saved(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    """--format if given, else the config file's format where this command has it."""
    choices = tuple(getattr(param.type, "choices", ()))
    if value is not None:
        return value.lower()
    saved = config.settings().output_format
    return saved if saved is not None and saved in choices else str(choices[0])


def format_option(*choices: str) -> Callable[[FC], FC]:
    return click.option(
        "-f",
        "--format",
        "output_format",
        type=click.Choice(choices, case_sensitive=False),
        callback=_format_or_saved,
        help=f"Output: a table for people, or data for scripts. [default: {choices[0]}, "
        "or the config file's]",
    )


def _quiet_or_saved(ctx: click.Context, param: click.Parameter, value: bool | None) -> bool:
    return bool(config.settings().quiet) if value is None else value


class Chosen(NamedTuple):
    """The person and diet a command applies, and which of them the config file gave."""

    person: PersonValues
    diet_mg: float | None
    from_config: tuple[str, ...]

    def build(self) -> Person:
        """The person, or an error that names the config file where a value came from it."""
        try:
            return self.person.build()
        except MgcalcError as error:
            if error.parameter in self.from_config:
                where = f"{error.parameter} (from {config.settings().path})"
                raise MgcalcError(f"{where} {error.detail}") from None
            raise

    def origin_note(self) -> str | None:
        """A line for the table: settings from the file change the verdicts."""
        if not self.from_config:
            return None
        return (
            f"From your config file ({config.settings().path}): {', '.join(self.from_config)}; "
            "the command line wins."
        )


def with_config(
    person: PersonValues, diet_mg: float | None = None, *, takes_diet: bool = True
) -> Chosen:
    """The person and diet given (command line, then a regimen), completed from the config
    file."""
    saved = config.settings()
    taken = [name for name in saved.person.given() if name not in person.given()]
    if takes_diet and diet_mg is None and saved.diet_mg is not None:
        diet_mg = saved.diet_mg
        taken.append("diet_mg")
    return Chosen(person.or_else(saved.person), diet_mg, tuple(taken))


quiet_option = click.option(
    "-q",
    "--quiet/--no-quiet",
    default=None,
    callback=_quiet_or_saved,
    help="Tables without notes and sources: the result, what changes how it reads, and the "
    "one-line disclaimer (errors still on stderr).",
)

sources_option = click.option(
    "--sources",
    "show_sources",
    is_flag=True,
    help="Every source in full, with its address, and each caution's whole text (tables cite "
    "works by key, as [IOM 1997]; 'mgcalc sources KEY' gives one).",
)


def complete_medicines(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """TAB after --medicine: the medicines whose labels give a spacing, and their aliases."""
    names = [name for m in api.medicines() for name in (m.key, *m.aliases)]
    return sorted(name for name in names if name.startswith(incomplete.lower()))


def complete_form_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """TAB on a form's name: the built-in forms and the user's, and a form's variants."""
    # A broken forms file is reported when the command runs, not on TAB: offer what loads.
    for files in (tuple(ctx.params.get("forms_files") or ()), ()):
        try:
            return api.load_forms(files).names_starting(incomplete)
        except MgcalcError:
            continue
    return []


def complete_items(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """TAB in an item: units after an amount, forms after a unit, nothing for numbers."""
    if incomplete[:1].isdigit():
        return []
    before = ctx.params.get(param.name or "") or ()
    if before and plain_number(before[-1]) is not None:
        return [unit for unit in OFFERED_UNITS if unit.lower().startswith(incomplete.lower())]
    offered = complete_form_names(ctx, param, incomplete)
    if incomplete and "elemental".startswith(incomplete.lower()):
        offered.append("elemental")
    return offered


def items_argument(name: str) -> Callable[[FC], FC]:
    """Items as the shell split them, regrouped by the item grammar; TAB completes them."""
    return click.argument(name, nargs=-1, type=click.UNPROCESSED, shell_complete=complete_items)


forms_option = click.option(
    "--forms",
    "forms_files",
    metavar="FILE",
    multiple=True,
    help="Extra forms and products (TOML, like data/forms.toml); may be repeated.",
)


def _one_input(ctx: click.Context, param: click.Parameter, names: tuple[str, ...]) -> str | None:
    if len(names) > 1:  # click would keep the last one silently
        raise click.BadParameter(
            f"given {len(names)} times; give one input (join files first: cat A B | mgcalc ... "
            "--input -)"
        )
    return names[0] if names else None


input_option = click.option(
    "-i",
    "--input",
    "input_name",
    metavar="FILE",
    multiple=True,
    callback=_one_input,
    help="Read items from FILE, or from stdin with '-': item lines, CSV, JSON lines, "
    "Supplement Facts panels or label-database documents.",
)
input_format_option = click.option(
    "--input-format",
    type=click.Choice(list(INPUT_FORMATS), case_sensitive=False),
    help="Format of --input (default: by extension: .csv, .jsonl, .json; else item lines, or a "
    "panel when the text starts with 'Supplement Facts').",
)
strict_option = click.option(
    "--strict",
    is_flag=True,
    help="Stop at the first bad input row instead of reporting it and going on.",
)


def input_options(function: Callable[..., R]) -> Callable[..., R]:
    return input_option(input_format_option(strict_option(function)))


def person_options(function: Callable[..., R]) -> Callable[..., R]:
    """The person's options; the command receives them as one `person` argument."""

    @functools.wraps(function)
    def with_person(
        *args: object,
        age: float | None,
        age_months: float | None,
        sex: str | None,
        pregnant: bool | None,
        lactating: bool | None,
        kidney: bool | None,
        standard: str | None,
        **kwargs: object,
    ) -> R:
        person = PersonValues(age, age_months, sex, pregnant, lactating, kidney, standard)
        return function(*args, person=person, **kwargs)

    options = [
        click.option("--age", type=float, help="Age in years (decimals allowed)."),
        click.option("--age-months", type=float, help="Age in months, for infants and toddlers."),
        click.option(
            "--sex",
            type=click.Choice(sorted(SEXES), case_sensitive=False),
            help="female or male (f/m). Needed where the values differ by sex.",
        ),
        click.option(
            "--pregnant/--no-pregnant", default=None, help="Use the pregnancy values (female)."
        ),
        click.option(
            "--lactating/--no-lactating", default=None, help="Use the lactation values (female)."
        ),
        click.option(
            "--kidney/--no-kidney",
            default=None,
            help="Impaired kidney function: adds the sourced caution about magnesium.",
        ),
        click.option(
            "--standard",
            type=click.Choice(["nih", "efsa"], case_sensitive=False),
            help="nih (default): US IOM 1997 RDA/AI and UL (as used by NIH ODS); "
            "efsa: EFSA 2015 AI and SCF/EFSA UL.",
        ),
    ]
    decorated: Callable[..., R] = with_person
    for option in reversed(options):
        decorated = option(decorated)
    return decorated
