"""Tables for people, drawn with rich (imported only here)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mgcalc.core.convert import Conversion, Converted, Total
from mgcalc.core.forms import Form, Product
from mgcalc.render.documents import DISCLAIMER, UNITS_NOTE, explanation

# Piped rich output falls back to 80 columns and cuts cells; give pipes room instead.
_PIPE_WIDTH = 160


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit 1 here; let the CLI report a closed pipe with its own exit code.
        raise BrokenPipeError


def _console(stream: TextIO) -> Console:
    is_terminal = stream.isatty()
    # No markup or emoji codes: user text is shown as typed (and rendering is faster).
    return _Console(
        file=stream,
        width=None if is_terminal else _PIPE_WIDTH,
        highlight=False,
        markup=False,
        emoji=False,
    )


def stdout_console() -> Console:
    return _console(sys.stdout)


def stderr_console() -> Console:
    return _console(sys.stderr)


def amount(value: float, decimals: int) -> str:
    """Display rounding: fixed decimals from 1 up, three significant figures below."""
    if value >= 1:
        return f"{value:,.{decimals}f}"
    return f"{value:.3g}"


def percent(fraction: float) -> str:
    return f"{fraction * 100:.2f}"


def _plain(text: str) -> Text:
    """User text shown as is: no markup, and no control characters reach the terminal."""
    return Text("".join(ch if ch.isprintable() else "?" for ch in text))


def convert_table(
    items: Sequence[Converted], total: Total, total_label: str = "Total per day"
) -> Table:
    table = Table(title="Elemental magnesium", box=box.SIMPLE_HEAD, caption=UNITS_NOTE)
    table.add_column("#", justify="right", style="dim")
    table.add_column("Item")
    table.add_column("Form")
    table.add_column("Variant")
    table.add_column("Formula")
    table.add_column("% Mg", justify="right")
    table.add_column("Compound mg", justify="right")
    table.add_column("Mg mg", justify="right", style="bold")
    table.add_column("Mg mmol", justify="right")
    table.add_column("Mg mEq", justify="right")
    for number, c in enumerate(items, start=1):
        fraction = "-" if c.elemental_fraction is None else percent(c.elemental_fraction)
        fraction += "*" if c.item.percent is not None else ""
        item_cell = _plain(c.item.describe())
        if c.item.label:
            item_cell.append("\n").append_text(_plain(c.item.label))
        table.add_row(
            str(number),
            item_cell,
            c.form.key if c.form else "(magnesium)",
            c.variant.key if c.variant else "-",
            c.variant.formula if c.variant else "-",
            fraction,
            "-" if c.compound_mg is None else amount(c.compound_mg, 1),
            amount(c.elemental_mg, 1),
            amount(c.elemental_mmol, 2),
            amount(c.elemental_meq, 2),
        )
    table.add_section()
    table.add_row(
        "",
        total_label,
        "",
        "",
        "",
        "",
        "",
        amount(total.elemental_mg, 1),
        amount(total.elemental_mmol, 2),
        amount(total.elemental_meq, 2),
        style="bold",
    )
    return table


def print_notes(items: Sequence[Converted]) -> None:
    notes = [(n, note) for n, c in enumerate(items, start=1) for note in c.notes]
    if not notes:
        return
    err = stderr_console()
    soft = not err.is_terminal  # in a log, one line a note, as every other message
    for number, note in notes:
        err.print(Text(f"note (item {number}): ", style="yellow") + _plain(note), soft_wrap=soft)


def print_explanations(items: Sequence[Converted]) -> None:
    out = stdout_console()
    for number, c in enumerate(items, start=1):
        out.print(Text(f"{number}. ") + _plain(explanation(c)))


def print_convert(conversion: Conversion, *, explain: bool) -> None:
    items = conversion.items
    out = stdout_console()
    out.print(convert_table(items, conversion.total))
    if any(c.item.percent is not None for c in items):
        out.print("* % Mg from the label, not from the formula.", style="dim")
    if explain:
        print_explanations(items)
    print_notes(items)
    out.print(DISCLAIMER, style="dim italic")


def forms_table(forms: Sequence[Form]) -> Table:
    table = Table(title="Magnesium forms", box=box.SIMPLE_HEAD)
    table.add_column("Form")
    table.add_column("Variant")
    table.add_column("Formula")
    table.add_column("g/mol", justify="right")
    table.add_column("% Mg", justify="right")
    table.add_column("Also called")
    for form in forms:
        if form.label_only:
            table.add_row(
                form.key,
                "-",
                "no single formula",
                "-",
                f"label (≤ {form.plausible_percent:g})",
                ", ".join(form.aliases),
            )
        for index, variant in enumerate(form.variants.values()):
            default = " (default)" if variant.key == form.default_variant else ""
            names = (form.aliases if index == 0 else ()) + variant.aliases
            table.add_row(
                form.key if index == 0 else "",
                variant.key + default,
                variant.formula,
                f"{variant.molar_mass:.3f}",
                percent(variant.elemental_fraction),
                ", ".join(names),
            )
        table.add_section()
    table.caption = (
        "Name a variant as FORM:VARIANT, e.g. citrate:nonahydrate. Products by name (Mag-Ox 400, "
        "milk of magnesia, sulfate injections): mgcalc products. " + UNITS_NOTE
    )
    return table


def print_products(products: Sequence[Product]) -> None:
    table = Table(title="Products", box=box.SIMPLE_HEAD)
    for header in ("Product", "Name", "Form", "Per", "Compound mg", "Mg mg", "Route"):
        table.add_column(header, justify="right" if "mg" in header else "left")
    for product in products:
        table.add_row(
            product.key,
            product.name,
            f"{product.form.key}:{product.variant.key}",
            f"{product.per_ml:g} mL" if product.per_ml else f"1 {product.unit}",
            amount(product.compound_mg, 1) if product.compound_mg else "-",
            amount(product.elemental_mg, 1),
            "IV/IM" if product.injection else "oral",
        )
    out = stdout_console()
    out.print(table)
    out.print(
        Text(
            "Count a product in its unit: '30 mL milk-of-magnesia', '2 tablet mag-ox-400'. "
            "Mg mg is the label's figure where it states one, else the compound's by its formula.",
        )
    )
    for product in products:
        out.print(Text(f"{product.key}: {product.source}", style="dim"))
    out.print(DISCLAIMER, style="dim italic")


def print_forms(forms: Sequence[Form]) -> None:
    stdout_console().print(forms_table(forms))


def print_form(form: Form, products: Sequence[Product] = ()) -> None:
    out = stdout_console()
    out.print(Text(form.name, style="bold"))
    if form.aliases:
        out.print(f"Also called: {', '.join(form.aliases)}")
    out.print(form.note)
    if form.ambiguity:
        out.print(Text(form.ambiguity, style="yellow"))
    table = Table(box=box.SIMPLE_HEAD)
    for header in ("Variant", "Formula", "Mg atoms", "g/mol", "% Mg", "Published", "Synonyms"):
        table.add_column(header)
    for variant in form.variants.values():
        default = " (default)" if variant.key == form.default_variant else ""
        table.add_row(
            variant.key + default,
            variant.formula,
            str(variant.magnesium_atoms),
            f"{variant.molar_mass:.3f}",
            percent(variant.elemental_fraction),
            variant.published or "",
            ", ".join(variant.synonyms + variant.aliases),
        )
    if form.label_only:
        out.print(
            Text(
                f"No single formula: give the label's % Mg ({form.key}@P%) or, in a label "
                "line, the compound's weight "
                f"(products reach {form.plausible_percent:g}% at most).",
                style="yellow",
            )
        )
    else:
        out.print(table)
    ours = [product for product in products if product.form.key == form.key]
    if ours:
        out.print("Products (mgcalc products): " + ", ".join(product.key for product in ours))
    out.print("Sources:")
    for source in form.sources:
        out.print(f"  - {source}")
    out.print(
        "Molar masses from CIAAW/IUPAC 2021 abridged standard atomic weights (Mg 24.305).",
        style="dim",
    )
