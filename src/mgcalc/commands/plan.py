"""`mgcalc plan`: the compound and whole units that give a target dose."""

from __future__ import annotations

import sys

import click

from mgcalc.commands.options import (
    convert_items,
    format_option,
    forms_option,
    items_argument,
)
from mgcalc.core.errors import MgcalcError, UsageError
from mgcalc.person_input import PersonInput, person_options


@click.command("plan", context_settings={"ignore_unknown_options": True})
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
@click.option("--diet", type=float, help="Magnesium from food today, mg (for the RDA/AI).")
@format_option("table", "json")
def plan(
    target: tuple[str, ...],
    unit_text: str,
    intakes: int,
    forms_files: tuple[str, ...],
    person: PersonInput,
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

    subject = person.build(required=False)
    converted, forms_catalogue = convert_items(target, True, forms_files)
    if len(converted) != 1:
        raise UsageError("plan takes one target, e.g. 'mgcalc plan 300 mg glycinate --unit 500mg'")
    unit_mg, unit_is_elemental = _parse_unit_option(unit_text)
    the_plan = make_plan(converted[0], unit_mg, unit_is_elemental, intakes)
    mg_per_mmol = forms_catalogue.magnesium_molar_mass
    day = None
    if subject is not None:
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
            subject,
            standards[person.standard_key],
            notes,
            mg_per_mmol,
            diet,
        )
    if output_format == "json":
        from mgcalc.render.documents import plan_document, write_json

        write_json(plan_document(the_plan, mg_per_mmol, day), sys.stdout)
    else:
        from mgcalc.render.check_view import print_plan

        print_plan(the_plan, mg_per_mmol, day)


def _parse_unit_option(text: str) -> tuple[float, bool]:
    """'500mg' or '500 mg' (compound), or '100 mg elemental'."""
    from mgcalc.core.items import parse_amount, split_amount
    from mgcalc.core.units import UnitKind
    from mgcalc.unit_parser import resolve_unit

    words = text.split()
    elemental = bool(words) and words[-1].lower() == "elemental"
    if elemental:
        words = words[:-1]
    split = split_amount("".join(words))
    if split is None or split[1] is None:
        raise UsageError(f"--unit {text!r}: give an amount and a unit, e.g. --unit 500mg")
    amount = parse_amount(split[0])
    unit = resolve_unit(split[1])
    if unit.kind is not UnitKind.MASS:
        raise MgcalcError(f"--unit {text!r}: give a weight such as 500mg")
    return amount * unit.to_base, elemental
