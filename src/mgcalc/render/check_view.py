"""Tables for the daily check, the reference tables and dose plans."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from mgcalc.core.check import DayCheck
from mgcalc.core.convert import Converted, Total
from mgcalc.core.plan import Plan
from mgcalc.core.reference import Person, Reference, ReferenceTables, months_of
from mgcalc.core.serum import Serum
from mgcalc.render.documents import DISCLAIMER, NO_DIET_SCOPE
from mgcalc.render.table import (
    amount,
    convert_table,
    print_explanations,
    print_notes,
    stdout_console,
)

GAUGE_WIDTH = 20


def gauge(percent: float, style: str) -> Text:
    """A bar of GAUGE_WIDTH cells; full at 100 %, and a mark beyond it when above."""
    filled = min(GAUGE_WIDTH, round(percent / 100 * GAUGE_WIDTH))
    bar = Text("█" * filled, style=style) + Text("░" * (GAUGE_WIDTH - filled), style="dim")
    return bar + Text("▶" if percent > 100 else " ", style=style)


def describe_person(person: Person) -> str:
    months = months_of(person)
    parts = [f"{months:g} months" if months < 12 else f"{person.age_years:g} years"]
    if person.sex:
        parts.append(person.sex.value)
    if person.life_stage.value != "none":
        parts.append(person.life_stage.value)
    if person.kidney:
        parts.append("impaired kidney function")
    return ", ".join(parts)


def _amounts(total: Total | Converted, prefix: str = "") -> tuple[str, str, str]:
    """Magnesium in mg, mmol and mEq, rounded for display."""
    return (
        prefix + amount(total.elemental_mg, 1),
        amount(total.elemental_mmol, 2),
        amount(total.elemental_meq, 2),
    )


def summary_table(day: DayCheck) -> Table:
    reference = day.reference
    standard = reference.standard
    table = Table(
        title=f"Daily check: {describe_person(day.person)}; {standard.name}",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("Comparison")
    for header in ("Mg mg", "Mg mmol", "Mg mEq", "Reference"):
        table.add_column(header, justify="right")
    table.add_column("Gauge", no_wrap=True)
    table.add_column("Status")

    counted = day.ul_counted or day.supplemental
    supplemental = _amounts(counted)
    ul_label = "Supplements + medicines vs UL"
    if day.ul_counted:
        ul_label = "Supplements + fortified vs UL"
    ul = reference.ul_mg
    if ul is None or not day.ul_applies:
        why = (
            "no UL applies: it is set for normal kidney function"
            if ul is not None
            else "no UL is set at this age"
        )
        flagged = counted.elemental_mg > 0
        table.add_row(
            ul_label,
            *supplemental,
            "does not apply" if ul is not None else "none set",
            "",
            Text(
                why + ("; supplemental magnesium FLAGGED" if flagged else ""),
                style="bold red" if flagged else "yellow",
            ),
        )
    else:
        style = "bold red" if day.above_ul else "green"
        verdict = "ABOVE the UL" if day.above_ul else "not above the UL"
        table.add_row(
            ul_label,
            *supplemental,
            f"UL {amount(ul, 0)} mg",
            gauge(day.percent_ul or 0.0, style),
            Text(f"{day.percent_ul:.0f}% of UL, {verdict}", style=style),
        )

    if day.parenteral:
        table.add_row(
            "Given IV/IM",
            *_amounts(day.parenteral),
            "none",
            "",
            Text("not compared: RDA/AI and UL are for intake by mouth", style="yellow"),
        )
    label = "Diet + supplements vs " if day.diet_mg is not None else "Supplements only vs "
    intake = _amounts(day.total, "≥ " if day.diet_mg is None else "")
    rda = reference.rda_mg
    status: Text
    if rda is None:
        if reference.rda_by_sex:
            values = ", ".join(f"{v:g} mg ({k})" for k, v in reference.rda_by_sex.items())
            status = Text(f"depends on sex: {values}; give --sex", style="yellow")
        else:
            status = Text(reference.intake_band.note or "no value set", style="yellow")
        table.add_row(label + reference.rda_kind, *intake, "-", "", status)
    else:
        style = "green" if day.meets_rda else "yellow"
        if day.meets_rda:
            word = "meets"
        elif day.diet_mg is None:  # a lower bound: food would add to it
            word = "from supplements alone; food not counted"
        else:
            word = "below"
        table.add_row(
            label + reference.rda_kind,
            *intake,
            f"{reference.rda_kind} {amount(rda, 0)} mg",
            gauge(day.percent_rda or 0.0, style),
            Text(f"{day.percent_rda:.0f}% of {reference.rda_kind}, {word}", style=style),
        )
    return table


def sources_lines(reference: Reference) -> list[Text]:
    standard, intake, ul = reference.standard, reference.intake_band, reference.ul_band
    return [
        Text(f"{reference.rda_kind} ({intake.label}): {intake.source}", style="dim"),
        Text(f"UL ({ul.label}): {ul.source}", style="dim"),
        Text(f"UL scope: {standard.ul_scope} ({standard.ul_scope_source})", style="dim"),
    ]


def print_check(day: DayCheck, *, explain: bool = False) -> None:
    total_label = "By mouth, per day" if day.parenteral else "Total per day"
    items_table = convert_table(day.items, day.supplemental, total_label)
    items_table.title = "Supplements and medicines"
    out = stdout_console()
    out.print(Group(items_table, summary_table(day)))
    if explain:
        print_explanations(day.items)
    lines: list[RenderableType] = []
    if day.failed_rows:
        lines.append(
            Text(
                f"Incomplete day: {day.failed_rows} input row(s) failed and are not counted.",
                style="bold yellow",
            )
        )
    if day.diet_mg is None:
        lines.append(Text(f"Total intake counts {NO_DIET_SCOPE}.", style="yellow"))
    lines += sources_lines(day.reference)
    for number, note in enumerate(day.notes, start=1):
        lines.append(Text(f"[{number}] ", style="bold") + Text(note.text))
        lines.append(Text(f"    source: {note.source}", style="dim"))
    print_notes(day.items)
    lines.append(Text(DISCLAIMER, style="dim italic"))
    # A terminal gets them wrapped between words; a pipe gets one line each, with no
    # breaks at an arbitrary width, so that a source's address stays whole for grep.
    out.print(Group(*lines), soft_wrap=not out.is_terminal)


def print_reference(tables: ReferenceTables) -> None:
    standard, reference = tables.standard, tables.selected
    out = stdout_console()
    out.print(Text(f"{standard.name} ({standard.authority}, {standard.year})", style="bold"))
    intake = Table(
        title=f"RDA/AI, mg/day, {standard.intake_scope}", box=box.SIMPLE_HEAD, title_justify="left"
    )
    for header in ("", "Age", "Kind", "Female", "Male", "Pregnant", "Lactating", "Source"):
        intake.add_column(header)
    for band in standard.intake:
        chosen = reference is not None and band is reference.intake_band
        intake.add_row(
            "▶" if chosen else "",
            band.label,
            band.kind,
            *(_value(band.values.get(k)) for k in ("female", "male", "pregnant", "lactating")),
            (band.note + " " if band.note else "") + band.source,
            style="bold reverse" if chosen else None,
        )
    out.print(intake)
    ul_table = Table(
        title="UL, mg/day, supplemental only", box=box.SIMPLE_HEAD, title_justify="left"
    )
    for header in ("", "Age", "UL", "Source"):
        ul_table.add_column(header)
    for ul_band in standard.ul:
        chosen = reference is not None and ul_band is reference.ul_band
        ul_table.add_row(
            "▶" if chosen else "",
            ul_band.label,
            _value(ul_band.ul_mg) if ul_band.ul_mg is not None else "none set",
            (ul_band.note + " " if ul_band.note else "") + ul_band.source,
            style="bold reverse" if chosen else None,
        )
    out.print(ul_table)
    out.print(f"UL scope: {standard.ul_scope} ({standard.ul_scope_source})")
    for note in tables.notes:
        out.print(Text(f"{note.text} (source: {note.source})", style="yellow"))
    for source in standard.sources:
        out.print(f"Source: {source}", style="dim")
    if reference is not None:
        out.print("Rows marked ▶ apply to the person given.", style="dim")


def print_serum(serum: Serum) -> None:
    out = stdout_console()
    reference = serum.reference
    low, high = reference.interval_mmol_per_l
    mg_per_dl = serum.mg_per_dl / serum.mmol_per_l if serum.mmol_per_l else 0.0
    table = Table(title=f"Serum magnesium: {serum.given}", box=box.SIMPLE_HEAD)
    for header in ("mg/dL", "mmol/L", "mEq/L"):
        table.add_column(header, justify="right")
    table.add_row(f"{serum.mg_per_dl:.2f}", f"{serum.mmol_per_l:.3f}", f"{serum.meq_per_l:.2f}")
    out.print(table)
    lines: list[RenderableType] = [
        Text(
            f"A commonly cited adult interval: {low:g}-{high:g} mmol/L = "
            f"{low * mg_per_dl:.2f}-{high * mg_per_dl:.2f} mg/dL = "
            f"{2 * low:g}-{2 * high:g} mEq/L. IOM: '{reference.interval_words}'"
        ),
        Text(f"    source: {reference.interval_source}", style="dim"),
        Text(reference.laboratories, style="yellow"),
        Text(reference.caution),
        Text(f"    source: {reference.caution_source}", style="dim"),
        Text(
            "mgcalc converts units; it does not say whether a value is low or high.",
            style="dim",
        ),
        Text(DISCLAIMER, style="dim italic"),
    ]
    out.print(Group(*lines), soft_wrap=not out.is_terminal)


def _value(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def print_plan(plan: Plan) -> None:
    out = stdout_console()
    target = plan.target
    source = "magnesium of no named compound"
    if target.form and target.variant and target.elemental_fraction is not None:
        source = (
            f"magnesium from {target.form.key} ({target.variant.key}, {target.variant.formula}, "
            f"{target.elemental_fraction * 100:.2f}% Mg)"
        )
    out.print(Text(f"Target: {amount(target.elemental_mg, 1)} mg of {source}", style="bold"))
    table = Table(box=box.SIMPLE_HEAD, show_header=False)
    table.add_column("What")
    table.add_column("Amount")
    if target.compound_mg is not None and plan.unit_compound_mg is not None:
        table.add_row("Compound needed", f"{amount(target.compound_mg, 1)} mg")
        one_unit = f"{amount(plan.unit_compound_mg, 1)} mg compound = "
    else:
        one_unit = ""
    table.add_row("One unit", f"{one_unit}{amount(plan.unit_elemental_mg, 1)} mg Mg")
    table.add_row("Units, exactly", f"{plan.exact_units:.2f}")
    table.add_row("Units, nearest whole number", str(plan.whole_units))
    mg, mmol, meq = _amounts(plan.delivered)
    delivered = f"{mg} mg = {mmol} mmol = {meq} mEq"
    if plan.delivered.compound_mg is not None:
        delivered += f" ({amount(plan.delivered.compound_mg, 1)} mg compound)"
    table.add_row("That delivers", delivered)
    if len(plan.intakes) > 1:
        table.add_row(
            "Split over intakes",
            " + ".join(str(n) for n in plan.intakes) + " units",
        )
    out.print(table)
    for plan_note in plan.notes:
        out.print(Text(f"Note: {plan_note}.", style="yellow"))
    print_notes([target])
    day = plan.check
    if day is not None:
        out.print(summary_table(day))
        out.print(Group(*sources_lines(day.reference)))
        for note in day.notes:
            out.print(Text(f"- {note.text} (source: {note.source})"))
    out.print(DISCLAIMER, style="dim italic")
