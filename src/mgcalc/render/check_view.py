"""Tables for the daily check, the reference tables and dose plans."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from mgcalc.core.check import DayCheck
from mgcalc.core.convert import Converted, Total
from mgcalc.core.plan import Plan
from mgcalc.core.reference import Person, Reference, ReferenceTables, months_of
from mgcalc.core.serum import Serum
from mgcalc.render.documents import DISCLAIMER, NO_DIET_SCOPE
from mgcalc.render.layout import Column, Grid, Row, fitted, print_prose, stdout_console
from mgcalc.render.table import amount, convert_table, explanations, print_notes

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


SUMMARY_COLUMNS = (
    Column("Comparison"),
    Column("Mg mg", numeric=True),
    Column("Mg mmol", numeric=True, fold_into="Mg mg", fold_unit=" mmol"),
    Column("Mg mEq", numeric=True, fold_into="Mg mg", fold_unit=" mEq"),
    Column("Reference", no_wrap=True),
    Column("Gauge", no_wrap=True, optional=True),
    Column("Status", no_wrap=True),  # a verdict is read at a glance: one line, or a card
)


def summary_table(day: DayCheck) -> Grid:
    reference = day.reference
    standard = reference.standard
    rows: list[Row] = []

    counted = day.ul_counted or day.supplemental
    supplemental = _amounts(counted)
    ul_label = "Supplements + medicines vs UL"
    if day.ul_counted:
        ul_label = "Supplements + fortified vs UL"
    ul = reference.ul_mg
    if ul is None or not day.ul_applies:
        flagged = counted.elemental_mg > 0
        rows.append(
            Row(
                (
                    ul_label,
                    *supplemental,
                    "does not apply" if ul is not None else "none set",
                    "",
                    Text(
                        "FLAGGED: no UL applies" if flagged else "no UL applies",
                        style="bold red" if flagged else "yellow",
                    ),
                )
            )
        )
    else:
        style = "bold red" if day.above_ul else "green"
        verdict = "ABOVE the UL" if day.above_ul else "not above the UL"
        rows.append(
            Row(
                (
                    ul_label,
                    *supplemental,
                    f"UL {amount(ul, 0)} mg",
                    gauge(day.percent_ul or 0.0, style),
                    Text(f"{day.percent_ul:.0f}% of UL, {verdict}", style=style),
                )
            )
        )

    if day.parenteral:
        rows.append(
            Row(
                (
                    "Given IV/IM",
                    *_amounts(day.parenteral),
                    "none",
                    "",
                    Text("not compared", style="yellow"),
                )
            )
        )
    parts = [
        name for name, given in (("Diet", day.diet_mg), ("food", day.food_mg)) if given is not None
    ]
    label = (" + ".join([*parts, "supplements"]) if parts else "Supplements only") + " vs "
    label = label[0].upper() + label[1:]
    intake = _amounts(day.total, "≥ " if day.total_is_minimum else "")
    rda = reference.rda_mg
    status: Text
    if rda is None:
        if reference.rda_by_sex:
            status = Text("depends on sex: give --sex", style="yellow")
        else:
            status = Text(reference.intake_band.note or "no value set", style="yellow")
        rows.append(Row((label + reference.rda_kind, *intake, "-", "", status)))
    else:
        style = "green" if day.meets_rda else "yellow"
        at_least, kind = "", reference.rda_kind
        if day.meets_rda:
            word = "meets"
        elif day.total_is_minimum:  # a lower bound: food (or an unknown one) would add to it
            word = "food not all counted" if parts else "food not counted"
            at_least = "≥ "
        else:
            word = "below"
        rows.append(
            Row(
                (
                    label + reference.rda_kind,
                    *intake,
                    f"{reference.rda_kind} {amount(rda, 0)} mg",
                    gauge(day.percent_rda or 0.0, style),
                    Text(f"{at_least}{day.percent_rda:.0f}% of {kind}, {word}", style=style),
                )
            )
        )
    return Grid(
        SUMMARY_COLUMNS,
        tuple(rows),
        title=f"Daily check: {describe_person(day.person)}; {standard.name}",
        card_title=(0,),
    )


def readings(day: DayCheck, origin: str | None = None) -> list[Text]:
    """What the summary's short verdicts mean where they are not a plain comparison, and
    where the person came from: never left out, as they change how the numbers read."""
    reference = day.reference
    lines = [Text(origin, style="yellow")] if origin else []
    if day.failed_rows:
        lines.append(
            Text(
                f"Incomplete day: {day.failed_rows} input row(s) failed and are not counted.",
                style="bold yellow",
            )
        )
    if day.diet_mg is None and day.food_mg is None:
        lines.append(Text(f"Total intake counts {NO_DIET_SCOPE}.", style="yellow"))
    elif day.total_is_minimum:
        lines.append(
            Text("A food's magnesium is unknown (SR28 gives none): the total is at least this.",
                 style="yellow")
        )  # fmt: skip
    if reference.ul_mg is None:
        lines.append(Text("No UL applies: no UL is set at this age.", style="yellow"))
    elif not day.ul_applies:
        lines.append(Text("No UL applies: it is set for normal kidney function.", style="yellow"))
    if reference.rda_mg is None and reference.rda_by_sex:
        values = ", ".join(f"{v:g} mg ({k})" for k, v in reference.rda_by_sex.items())
        lines.append(Text(f"The {reference.rda_kind} depends on sex: {values}.", style="yellow"))
    if day.parenteral:
        lines.append(
            Text(
                "Given IV/IM: not compared, as the RDA/AI and UL are for intake by mouth.",
                style="yellow",
            )
        )
    return lines


def sources_lines(reference: Reference) -> list[Text]:
    standard, intake, ul = reference.standard, reference.intake_band, reference.ul_band
    return [
        Text(f"{reference.rda_kind} ({intake.label}): {intake.source}", style="dim"),
        Text(f"UL ({ul.label}): {ul.source}", style="dim"),
        Text(f"UL scope: {standard.ul_scope} ({standard.ul_scope_source})", style="dim"),
    ]


def verdict_lines(summary: Grid) -> list[Text]:
    """One line per comparison: what was compared, with what, and the verdict."""
    lines = []
    for row in summary.rows:
        comparison, mg, _, _, reference, _, status = row.cells
        compared_with = f", {reference}" if any(char.isdigit() for char in str(reference)) else ""
        line = Text(f"{comparison}: {mg} mg{compared_with}: ")
        lines.append(line.append_text(status if isinstance(status, Text) else Text(status)))
    return lines


def print_check(
    day: DayCheck,
    *,
    explain: bool = False,
    quiet: bool = False,
    brief: bool = False,
    origin: str | None = None,
) -> None:
    out = stdout_console()
    summary = summary_table(day)
    if brief:
        print_prose(out, [*verdict_lines(summary), *readings(day, origin)])
    else:
        foods = [item for item in day.items if item.recipe.food is not None]
        others = [item for item in day.items if item.recipe.food is None]
        total_label = (
            "By mouth, per day"
            if day.parenteral
            else "Supplements per day"
            if foods
            else "Total per day"
        )
        tables = []
        if foods and day.food:  # food as its own group: counted toward the RDA/AI, never the UL
            foods_table = convert_table(foods, day.food, "Food per day", "Foods", quiet=quiet)
            tables.append(foods_table._replace(caption=None))  # the units: once, below
        if others or not foods:
            tables.append(
                convert_table(
                    others, day.supplemental, total_label, "Supplements and medicines",
                    quiet=quiet, first=len(foods) + 1,
                )
            )  # fmt: skip
        out.print(Group(*(fitted(table, out) for table in tables), fitted(summary, out)))
    lines: list[Text] = explanations(day.items) if explain else []
    if not brief:
        lines += readings(day, origin)
    if not (quiet or brief):
        lines += sources_lines(day.reference)
        for number, note in enumerate(day.notes, start=1):
            lines.append(Text(f"[{number}] ", style="bold") + Text(note.text))
            lines.append(Text(f"    source: {note.source}", style="dim"))
    # numbered as the tables number them: the foods first
    ordered = [item for item in day.items if item.recipe.food is not None]
    ordered += [item for item in day.items if item.recipe.food is None]
    print_notes(ordered, quiet=quiet or brief)
    lines.append(Text(DISCLAIMER, style="dim italic"))
    print_prose(out, lines)


def _footnote(number: int) -> str:
    return f"[{number}]"


def print_reference(
    tables: ReferenceTables, *, quiet: bool = False, origin: str | None = None
) -> None:
    """The tables with each source as a numbered footnote, its address whole below."""
    standard, reference = tables.standard, tables.selected
    out = stdout_console()
    sources: list[str] = []

    def cite(source: str) -> str:
        if source not in sources:
            sources.append(source)
        return _footnote(sources.index(source) + 1)

    print_prose(
        out, [Text(f"{standard.name} ({standard.authority}, {standard.year})", style="bold")]
    )
    rows = []
    for band in standard.intake:
        chosen = reference is not None and band is reference.intake_band
        cells = (
            ("▶ " if chosen else "") + band.label,
            band.kind,
            *(_value(band.values.get(k)) for k in ("female", "male", "pregnant", "lactating")),
            (band.note + " " if band.note else "") + cite(band.source),
        )[: -1 if quiet else None]
        rows.append(Row(cells, "bold reverse" if chosen else None))
    intake_columns = (
        Column("Age"),
        Column("Kind", fold_into="Age"),
        *(Column(header, numeric=True) for header in ("Female", "Male", "Pregnant", "Lactating")),
        Column("Source"),
    )[: -1 if quiet else None]
    title = f"RDA/AI, mg/day, {standard.intake_scope}"
    out.print(fitted(Grid(intake_columns, tuple(rows), title, title_justify="left"), out))
    rows = []
    for ul_band in standard.ul:
        chosen = reference is not None and ul_band is reference.ul_band
        cells = (
            ("▶ " if chosen else "") + ul_band.label,
            _value(ul_band.ul_mg) if ul_band.ul_mg is not None else "none set",
            (ul_band.note + " " if ul_band.note else "") + cite(ul_band.source),
        )[: -1 if quiet else None]
        rows.append(Row(cells, "bold reverse" if chosen else None))
    ul_columns = (Column("Age"), Column("UL", numeric=True), Column("Source"))[
        : -1 if quiet else None
    ]
    title = "UL, mg/day, supplemental only"
    out.print(fitted(Grid(ul_columns, tuple(rows), title, title_justify="left"), out))
    lines = [Text(f"{_footnote(n)} {source}") for n, source in enumerate(sources, start=1)]
    lines.append(Text(f"UL scope: {standard.ul_scope} ({standard.ul_scope_source})"))
    lines += [Text(f"{note.text} (source: {note.source})", style="yellow") for note in tables.notes]
    lines += [Text(f"Source: {source}", style="dim") for source in standard.sources]
    if quiet:  # the scope and the notes change how the values read: kept, without sources
        lines = [Text(f"UL scope: {standard.ul_scope}")]
        lines += [Text(note.text, style="yellow") for note in tables.notes]
    if reference is not None:
        lines.append(Text("Rows marked ▶ apply to the person given.", style="dim"))
    if origin:
        lines.append(Text(origin, style="yellow"))
    print_prose(out, lines)


def print_serum(serum: Serum, *, quiet: bool = False) -> None:
    out = stdout_console()
    reference = serum.reference
    low, high = reference.interval_mmol_per_l
    mg_per_dl = serum.mg_per_dl / serum.mmol_per_l if serum.mmol_per_l else 0.0
    columns = tuple(Column(header, numeric=True) for header in ("mg/dL", "mmol/L", "mEq/L"))
    cells = (f"{serum.mg_per_dl:.2f}", f"{serum.mmol_per_l:.3f}", f"{serum.meq_per_l:.2f}")
    out.print(fitted(Grid(columns, (Row(cells),), f"Serum magnesium: {serum.given}"), out))
    lines = [
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
    if quiet:
        lines = [line for line in lines if not line.plain.startswith("    source:")]
    print_prose(out, lines)


def _value(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def print_plan(plan: Plan, *, quiet: bool = False, origin: str | None = None) -> None:
    out = stdout_console()
    target = plan.target
    source = "magnesium of no named compound"
    if target.form and target.variant and target.elemental_fraction is not None:
        source = (
            f"magnesium from {target.form.key} ({target.variant.key}, {target.variant.formula}, "
            f"{target.elemental_fraction * 100:.2f}% Mg)"
        )
    heading = [Text(f"Target: {amount(target.elemental_mg, 1)} mg of {source}", style="bold")]
    if plan.goal_mg is not None:  # the rest of a day's target, after the other items
        taken = ", ".join(c.item.describe() for c in plan.taken)
        heading = [
            Text(f"Target for the day: {amount(plan.goal_mg, 1)} mg of magnesium", style="bold"),
            Text(f"From the day's other items ({taken}): {amount(plan.taken_mg, 1)} mg"),
            Text(f"Planned, the rest: {amount(target.elemental_mg, 1)} mg of {source}"),
        ]
    print_prose(out, heading)
    rows = []
    if target.compound_mg is not None and plan.unit_compound_mg is not None:
        rows.append(("Compound needed", f"{amount(target.compound_mg, 1)} mg"))
        one_unit = f"{amount(plan.unit_compound_mg, 1)} mg compound = "
    else:
        one_unit = ""
    rows.append(("One unit", f"{one_unit}{amount(plan.unit_elemental_mg, 1)} mg Mg"))
    rows.append(("Units, exactly", f"{plan.exact_units:.2f}"))
    rows.append(("Units, nearest whole number", str(plan.whole_units)))
    mg, mmol, meq = _amounts(plan.delivered)
    delivered = f"{mg} mg = {mmol} mmol = {meq} mEq"
    if plan.delivered.compound_mg is not None:
        delivered += f" ({amount(plan.delivered.compound_mg, 1)} mg compound)"
    rows.append(("That delivers", delivered))
    if len(plan.intakes) > 1:
        rows.append(("Split over intakes", " + ".join(str(n) for n in plan.intakes) + " units"))
    grid = Grid(
        (Column("What"), Column("Amount")), tuple(Row(row) for row in rows), show_header=False
    )
    out.print(fitted(grid, out))
    print_prose(out, [Text(f"Note: {plan_note}.", style="yellow") for plan_note in plan.notes])
    if plan.taken:
        names = ["target", *(c.item.describe() for c in plan.taken)]
        print_notes([target, *plan.taken], quiet=quiet, names=names)
    else:
        print_notes([target], quiet=quiet)
    lines = []
    day = plan.check
    if day is not None:
        out.print(fitted(summary_table(day), out))
        lines += readings(day, origin)
        if not quiet:
            lines += sources_lines(day.reference)
            lines += [Text(f"- {note.text} (source: {note.source})") for note in day.notes]
    lines.append(Text(DISCLAIMER, style="dim italic"))
    print_prose(out, lines)
