"""Tables for the daily check, the reference tables and dose plans."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Group
from rich.text import Text

from mgcalc.core.check import DayCheck
from mgcalc.core.convert import Converted, Total
from mgcalc.core.foods import CITE as FOODS_CITE
from mgcalc.core.plan import Plan
from mgcalc.core.reference import (
    IntakeBand,
    Medicine,
    Note,
    Person,
    Reference,
    ReferenceTables,
    UlBand,
    months_of,
)
from mgcalc.core.serum import Serum
from mgcalc.render.documents import DISCLAIMER
from mgcalc.render.layout import Column, Grid, Row, fitted, print_prose, stdout_console
from mgcalc.render.table import (
    amount,
    convert_table,
    explanations,
    foods_table,
    print_notes,
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


SUMMARY_COLUMNS = (
    Column("Counted"),
    Column("Mg mg", numeric=True),
    Column("Mg mmol", numeric=True, optional=True),  # the items' table has them too
    Column("Mg mEq", numeric=True, optional=True),
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
    ul_label = "Supplements + medicines"  # what is counted; the reference says against what
    if day.ul_counted:
        ul_label = "Supplements + fortified"
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
    given = (("Diet", day.diet_mg), ("food", day.food_mg), ("fortified", day.fortified_mg))
    parts = [name for name, mg in given if mg is not None]
    label = " + ".join([*parts, "supplements"]) if parts else "Supplements only"
    label = label[0].upper() + label[1:]
    intake = _amounts(day.total, "≥ " if day.total_is_minimum else "")
    rda = reference.rda_mg
    status: Text
    if rda is None:
        if reference.rda_by_sex:
            status = Text("depends on sex: give --sex", style="yellow")
        else:
            status = Text(reference.intake_band.note or "no value set", style="yellow")
        rows.append(Row((label, *intake, reference.rda_kind, "", status)))
    else:
        style = "green" if day.meets_rda else "yellow"
        at_least, kind = "", reference.rda_kind
        if day.meets_rda:
            word = "meets"
        elif day.total_is_minimum:  # a lower bound: food (or an unknown one) would add to it
            food_given = day.diet_mg is not None or day.food_mg is not None
            word = "food not all counted" if food_given else "food not counted"
            at_least = "≥ "
        else:
            word = "below"
        rows.append(
            Row(
                (
                    label,
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
        title=f"Daily check: {describe_person(day.person)}; {standard.short_name}",
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
        lines.append(Text("No food or diet given: intake is at least the total.", style="yellow"))
    elif day.total_is_minimum:
        lines.append(
            Text("A food's magnesium is unknown (SR28 gives none): the total is at least this.",
                 style="yellow")
        )  # fmt: skip
    cites = {note.key: f" [{note.cite}]" for note in day.notes}
    if reference.ul_mg is None:
        said = "No UL applies: no UL is set at this age."
        lines.append(Text(said + cites.get("no_ul", ""), style="yellow"))
    elif not day.ul_applies:
        said = "No UL applies: it is set for normal kidney function."
        lines.append(Text(said + cites.get("ul_kidney", ""), style="yellow"))
    if reference.rda_mg is None and reference.rda_by_sex:
        values = ", ".join(f"{v:g} mg ({k})" for k, v in reference.rda_by_sex.items())
        lines.append(Text(f"The {reference.rda_kind} depends on sex: {values}.", style="yellow"))
    if day.parenteral:
        said = "Given IV/IM: not compared, as the RDA/AI and UL are for intake by mouth."
        lines.append(Text(said + cites.get("parenteral", ""), style="yellow"))
    return lines


# Notes a reading line says already (with the note's source): not repeated as a caution.
SAID_BY_READINGS = frozenset({"no_ul", "ul_kidney", "parenteral"})


def sources_lines(reference: Reference) -> list[Text]:
    standard, intake, ul = reference.standard, reference.intake_band, reference.ul_band
    return [
        Text(f"{reference.rda_kind} ({intake.label}): {intake.source}", style="dim"),
        Text(f"UL ({ul.label}): {ul.source}", style="dim"),
        Text(f"UL scope: {standard.ul_scope} ({standard.ul_scope_source})", style="dim"),
    ]


def citation_lines(
    reference: Reference,
    notes: Sequence[Note],
    *,
    foods: bool = False,
    medicines: Sequence[Medicine] = (),
) -> list[Text]:
    """The cautions, a line each with the keys of the works they rest on (each medicine named
    with its label's spacing, in place of the general note), and a line that says where the
    reference values come from ('mgcalc sources KEY' gives each in full)."""
    if medicines:
        notes = [note for note in notes if note.key != "medicines"]
    cautions = [f"{note.brief} [{note.cite}]" for note in notes]
    cautions += [f"{m.name}: {m.spacing} [{m.cite}]" for m in medicines]
    lines = [Text(f"[{number}] {text}") for number, text in enumerate(cautions, start=1)]
    standard = reference.standard
    cited: dict[str, list[str]] = {}
    for name, cite in (
        (reference.rda_kind, reference.intake_band.cite),
        ("UL", reference.ul_band.cite),
        ("UL scope", standard.ul_scope_cite),
    ):
        cited.setdefault(cite, []).append(name)
    said = "; ".join(f"{_listed_words(names)} [{cite}]" for cite, names in cited.items())
    if foods:
        said += f"; foods [{FOODS_CITE}]"
    lines.append(Text(f"Sources: {said}; in full: --sources", style="dim"))
    return lines


def _listed_words(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def full_source_lines(
    reference: Reference, notes: Sequence[Note], medicines: Sequence[Medicine] = ()
) -> list[Text]:
    """Every source in full, and each caution's whole text with its source."""
    lines = sources_lines(reference)
    said = [(note.text, note.source) for note in notes]
    said += [(f"{m.name}: {m.spacing}.", m.source) for m in medicines]
    for number, (text, source) in enumerate(said, start=1):
        lines.append(Text(f"[{number}] ", style="bold") + Text(text))
        lines.append(Text(f"    source: {source}", style="dim"))
    return lines


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
    show_sources: bool = False,
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
            else "Per day"  # of the group its table's title names
            if foods
            else "Total per day"
        )
        tables = []
        if foods and day.food:  # food as its own group: counted toward the RDA/AI, never the UL
            tables.append(foods_table(foods, day.food))
        if others or not foods:
            tables.append(
                convert_table(
                    others, day.supplemental, total_label, "Supplements and medicines",
                    quiet=not show_sources, first=len(foods) + 1,  # the units caption too
                )
            )  # fmt: skip
        out.print(Group(*(fitted(table, out) for table in (*tables, summary))))
    # numbered as the tables number them: the foods first
    ordered = [item for item in day.items if item.recipe.food is not None]
    ordered += [item for item in day.items if item.recipe.food is None]
    noted = print_notes(ordered, quiet=not show_sources)  # figures' sources: with --sources
    lines: list[Text] = explanations(day.items) if explain else []
    if not brief:  # under the tables a blank line, or the notes
        lines += [*([] if noted else [Text("")]), *readings(day, origin)]
    if show_sources:
        lines += full_source_lines(day.reference, day.notes, day.medicines)
    elif not (quiet or brief):
        cautions = [note for note in day.notes if note.key not in SAID_BY_READINGS]
        lines += citation_lines(
            day.reference, cautions, foods=day.food is not None, medicines=day.medicines
        )
    else:  # a medicine named is asked for: its spacing stays
        lines += [Text(f"{m.name}: {m.spacing} [{m.cite}]") for m in day.medicines]
    lines.append(Text(DISCLAIMER, style="dim italic"))
    print_prose(out, lines)


def _footnote(number: int) -> str:
    return f"[{number}]"


class _Citer:
    """How a table cites a value's source: by its work's key ('[IOM 1997]'), or with full
    sources as a numbered footnote, each source once."""

    def __init__(self, full: bool) -> None:
        self.full = full
        self.footnotes: list[str] = []

    def __call__(self, band: IntakeBand | UlBand) -> str:
        if not self.full:
            return f"[{band.cite}]"
        if band.source not in self.footnotes:
            self.footnotes.append(band.source)
        return _footnote(self.footnotes.index(band.source) + 1)

    def one_work(self, bands: Sequence[IntakeBand | UlBand]) -> str | None:
        """The key of the one work every band cites, when keys are cited."""
        cites = {band.cite for band in bands}
        return None if self.full or len(cites) > 1 else cites.pop()


def _without_last_column(
    columns: tuple[Column, ...], rows: list[Row]
) -> tuple[tuple[Column, ...], list[Row]]:
    return columns[:-1], [row._replace(cells=row.cells[:-1]) for row in rows]


def _intake_grid(tables: ReferenceTables, cite: _Citer, quiet: bool) -> tuple[Grid, list[Text]]:
    """The RDA/AI table, and the notes of its bands where the table cites by key."""
    standard, reference = tables.standard, tables.selected
    one_work = cite.one_work(standard.intake)
    rows, notes = [], []
    for band in standard.intake:
        chosen = reference is not None and band is reference.intake_band
        if cite.full:
            source = " ".join(part for part in (band.note, cite(band)) if part)
        else:
            source = "" if one_work else cite(band)
            if band.note and not quiet:
                notes.append(Text(f"{band.label}: {band.note} [{band.cite}]", style="yellow"))
        cells = (
            ("▶ " if chosen else "") + band.label,
            band.kind,
            *(_value(band.values.get(k)) for k in ("female", "male", "pregnant", "lactating")),
            source,
        )
        rows.append(Row(cells, "bold reverse" if chosen else None))
    columns = (
        Column("Age"),
        Column("Kind", fold_into="Age"),
        *(Column(header, numeric=True) for header in ("Female", "Male", "Pregnant", "Lactating")),
        Column("Source", no_wrap=not cite.full),
    )
    if quiet or not any(row.cells[-1] for row in rows):
        columns, rows = _without_last_column(columns, rows)
    title = f"RDA/AI, mg/day, {standard.intake_scope}"  # one work is cited in the heading
    return Grid(columns, tuple(rows), title, title_justify="left"), notes


def _ul_grid(tables: ReferenceTables, cite: _Citer, quiet: bool) -> tuple[Grid, list[Text]]:
    """The UL table, and the notes of its bands where the table cites by key (a note under
    the table, not a paragraph in a cell)."""
    standard, reference = tables.standard, tables.selected
    one_work = cite.one_work(standard.ul)
    rows, notes = [], []
    for band in standard.ul:
        chosen = reference is not None and band is reference.ul_band
        if cite.full:
            source = " ".join(part for part in (band.note, cite(band)) if part)
        else:
            source = "" if one_work else cite(band)
            if band.note and not quiet:
                notes.append(Text(f"{band.label}: {band.note} [{band.cite}]", style="yellow"))
        cells = (
            ("▶ " if chosen else "") + band.label,
            _value(band.ul_mg) if band.ul_mg is not None else "none set",
            source,
        )
        rows.append(Row(cells, "bold reverse" if chosen else None))
    columns: tuple[Column, ...] = (
        Column("Age"),
        Column("UL", numeric=True),
        Column("Source", no_wrap=True),
    )
    if quiet or not any(row.cells[-1] for row in rows):
        columns, rows = _without_last_column(columns, rows)
    title = "UL, mg/day, supplemental only" + (f" [{one_work}]" if one_work else "")
    return Grid(columns, tuple(rows), title, title_justify="left"), notes


def print_reference(
    tables: ReferenceTables,
    *,
    quiet: bool = False,
    origin: str | None = None,
    show_sources: bool = False,
) -> None:
    """The tables with each value's source by its work's key ([IOM 1997]); with
    `show_sources`, as a numbered footnote, its address whole below."""
    standard, reference = tables.standard, tables.selected
    out = stdout_console()
    cite = _Citer(show_sources)
    heading = standard.name
    if show_sources:
        heading += f" ({standard.authority}, {standard.year})"
    elif one_work := cite.one_work(standard.intake):  # the RDA/AI table's one work
        heading += f" [{one_work}]"
    print_prose(out, [Text(heading, style="bold"), Text("")])
    intake_grid, intake_notes = _intake_grid(tables, cite, quiet)
    ul_grid, ul_notes = _ul_grid(tables, cite, quiet)
    band_notes = intake_notes + ul_notes
    out.print(Group(fitted(intake_grid, out), Text(""), fitted(ul_grid, out), Text("")))
    if quiet:  # the scope and the notes change how the values read: kept, without sources
        lines = [Text(f"UL scope: {standard.ul_scope}")]
        lines += [Text(note.text, style="yellow") for note in tables.notes]
    elif show_sources:
        lines = [Text(f"{_footnote(n)} {text}") for n, text in enumerate(cite.footnotes, 1)]
        lines.append(Text(f"UL scope: {standard.ul_scope} ({standard.ul_scope_source})"))
        lines += [
            Text(f"{note.text} (source: {note.source})", style="yellow") for note in tables.notes
        ]
        lines += [Text(f"Source: {source}", style="dim") for source in standard.sources]
    else:
        lines = [*band_notes, Text(f"UL scope: {standard.ul_scope} [{standard.ul_scope_cite}]")]
        lines += [Text(f"{note.brief} [{note.cite}]", style="yellow") for note in tables.notes]
    ending = ["Rows marked ▶ apply to the person given"] if reference is not None else []
    if not (quiet or show_sources):
        ending.append("--sources gives every source in full")
    if ending:
        lines.append(Text("; ".join(ending) + ".", style="dim"))
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


def print_plan(
    plan: Plan, *, quiet: bool = False, origin: str | None = None, show_sources: bool = False
) -> None:
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
    print_prose(out, [*heading, Text("")])
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
        print_notes([target, *plan.taken], quiet=not show_sources, names=names)
    else:
        print_notes([target], quiet=not show_sources)
    lines = []
    day = plan.check
    if day is not None:
        out.print(Group(Text(""), fitted(summary_table(day), out)))
        lines += [Text(""), *readings(day, origin)]
        if show_sources:
            lines += full_source_lines(day.reference, day.notes, day.medicines)
        elif not quiet:
            cautions = [note for note in day.notes if note.key not in SAID_BY_READINGS]
            lines += citation_lines(
                day.reference, cautions, foods=day.food is not None, medicines=day.medicines
            )
    lines.append(Text(DISCLAIMER, style="dim italic"))
    print_prose(out, lines)


def print_sources(works: Mapping[str, str]) -> None:
    """Each work cited: its key, then the work in full."""
    lines = []
    for key, text in works.items():
        lines += [Text(f"[{key}]", style="bold"), Text(f"    {text}")]
    print_prose(stdout_console(), lines)
