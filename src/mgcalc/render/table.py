"""Tables for people, drawn with rich (imported only here)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from mgcalc.core.convert import Conversion, Converted, Total
from mgcalc.core.forms import Form, Product
from mgcalc.render.documents import DISCLAIMER, UNITS_NOTE, explanation
from mgcalc.render.layout import (
    Column,
    Grid,
    Row,
    fitted,
    print_prose,
    stderr_console,
    stdout_console,
)


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


CONVERT_COLUMNS = (
    Column("#", numeric=True, style="dim"),
    Column("Item"),
    Column("Form"),
    Column("Variant", fold_into="Form"),
    Column("Formula", fold_into="Form"),
    Column("% Mg", numeric=True),
    Column("Compound mg", numeric=True),
    Column("Mg mg", numeric=True, style="bold"),
    Column("Mg mmol", numeric=True),
    Column("Mg mEq", numeric=True),
)


def convert_table(
    items: Sequence[Converted],
    total: Total,
    total_label: str = "Total per day",
    title: str = "Elemental magnesium",
    *,
    quiet: bool = False,
) -> Grid:
    rows = []
    for number, c in enumerate(items, start=1):
        fraction = "-" if c.elemental_fraction is None else percent(c.elemental_fraction)
        fraction += "*" if c.item.percent is not None else ""
        item_cell = _plain(c.item.describe())
        if c.item.label:
            item_cell.append("\n").append_text(_plain(c.item.label))
        cells = (
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
        rows.append(Row(cells))
    amounts = (
        amount(total.elemental_mg, 1),
        amount(total.elemental_mmol, 2),
        amount(total.elemental_meq, 2),
    )
    rows.append(Row(("", total_label, "", "", "", "", "", *amounts), "bold", section=True))
    return Grid(CONVERT_COLUMNS, tuple(rows), title=title, caption=None if quiet else UNITS_NOTE)


def print_notes(items: Sequence[Converted]) -> None:
    """Each note once, naming every item it applies to; all are about how an item was read,
    so none is left out by --quiet."""
    numbers: dict[str, list[int]] = {}
    for number, c in enumerate(items, start=1):
        for note in c.notes:
            numbers.setdefault(note, []).append(number)
    err = stderr_console()
    soft = not err.is_terminal  # in a log, one line a note, as every other message
    for note, which in numbers.items():
        label = f"item {which[0]}" if len(which) == 1 else f"items {_listed(which)}"
        err.print(Text(f"note ({label}): ", style="yellow") + _plain(note), soft_wrap=soft)


def _listed(numbers: Sequence[int]) -> str:
    return ", ".join(str(number) for number in numbers)


def explanations(items: Sequence[Converted]) -> list[Text]:
    return [Text(f"{number}. ") + _plain(explanation(c)) for number, c in enumerate(items, start=1)]


def print_convert(conversion: Conversion, *, explain: bool, quiet: bool = False) -> None:
    items = conversion.items
    out = stdout_console()
    out.print(fitted(convert_table(items, conversion.total, quiet=quiet), out))
    lines = []
    if any(c.item.percent is not None for c in items):
        lines.append(Text("* % Mg from the label, not from the formula.", style="dim"))
    if explain:
        lines += explanations(items)
    print_notes(items)
    lines.append(Text(DISCLAIMER, style="dim italic"))
    print_prose(out, lines)


FORMS_COLUMNS = (
    Column("Form"),
    Column("Variant"),
    Column("Formula"),
    Column("g/mol", numeric=True),
    Column("% Mg", numeric=True),
    Column("Also called"),
)


def forms_table(forms: Sequence[Form]) -> Grid:
    rows: list[Row] = []
    for form in forms:
        first = len(rows)
        if form.label_only:
            cells = (
                form.key,
                "-",
                "no single formula",
                "-",
                f"label (≤ {form.plausible_percent:g})",
                ", ".join(form.aliases),
            )
            rows.append(Row(cells))
        for index, variant in enumerate(form.variants.values()):
            default = " (default)" if variant.key == form.default_variant else ""
            names = (form.aliases if index == 0 else ()) + variant.aliases
            cells = (
                form.key if index == 0 else "",
                variant.key + default,
                variant.formula,
                f"{variant.molar_mass:.3f}",
                percent(variant.elemental_fraction),
                ", ".join(names),
            )
            rows.append(Row(cells))
        if first:
            rows[first] = rows[first]._replace(section=True)
    caption = (
        "Name a variant as FORM:VARIANT, e.g. citrate:nonahydrate. Products by name (Mag-Ox 400, "
        "milk of magnesia, sulfate injections): mgcalc products. " + UNITS_NOTE
    )
    return Grid(FORMS_COLUMNS, tuple(rows), title="Magnesium forms", caption=caption)


PRODUCT_COLUMNS = (
    Column("Product"),
    Column("Name"),
    Column("Form"),
    Column("Per"),
    Column("Compound mg", numeric=True),
    Column("Mg mg", numeric=True),
    Column("Route"),
)


def print_products(products: Sequence[Product], *, quiet: bool = False) -> None:
    rows = [
        Row(
            (
                product.key,
                product.name,
                f"{product.form.key}:{product.variant.key}",
                f"{product.per_ml:g} mL" if product.per_ml else f"1 {product.unit}",
                amount(product.compound_mg, 1) if product.compound_mg else "-",
                amount(product.elemental_mg, 1),
                "IV/IM" if product.injection else "oral",
            )
        )
        for product in products
    ]
    out = stdout_console()
    out.print(fitted(Grid(PRODUCT_COLUMNS, tuple(rows), title="Products"), out))
    lines = [
        Text(
            "Count a product in its unit: '30 mL milk-of-magnesia', '2 tablet mag-ox-400'. "
            "Mg mg is the label's figure where it states one, else the compound's by its formula.",
        )
    ]
    if quiet:
        lines = []
    else:
        lines += [Text(f"{product.key}: {product.source}", style="dim") for product in products]
    lines.append(Text(DISCLAIMER, style="dim italic"))
    print_prose(out, lines)


def print_forms(forms: Sequence[Form], *, quiet: bool = False) -> None:
    out = stdout_console()
    grid = forms_table(forms)
    out.print(fitted(grid._replace(caption=None) if quiet else grid, out))


VARIANT_COLUMNS = (
    Column("Variant"),
    Column("Formula"),
    Column("Mg atoms", numeric=True),
    Column("g/mol", numeric=True),
    Column("% Mg", numeric=True),
    Column("Published"),
    Column("Synonyms"),
)


def print_form(form: Form, products: Sequence[Product] = (), *, quiet: bool = False) -> None:
    out = stdout_console()
    lines = [Text(form.name, style="bold")]
    if form.aliases:
        lines.append(Text(f"Also called: {', '.join(form.aliases)}"))
    lines.append(Text(form.note))
    if form.ambiguity:
        lines.append(Text(form.ambiguity, style="yellow"))
    rows = []
    for variant in form.variants.values():
        default = " (default)" if variant.key == form.default_variant else ""
        cells = (
            variant.key + default,
            variant.formula,
            str(variant.magnesium_atoms),
            f"{variant.molar_mass:.3f}",
            percent(variant.elemental_fraction),
            variant.published or "",
            ", ".join(variant.synonyms + variant.aliases),
        )
        rows.append(Row(cells))
    if form.label_only:
        lines.append(
            Text(
                f"No single formula: give the label's % Mg ({form.key}@P%) or, in a label "
                "line, the compound's weight "
                f"(products reach {form.plausible_percent:g}% at most).",
                style="yellow",
            )
        )
    print_prose(out, lines)
    if not form.label_only:
        out.print(fitted(Grid(VARIANT_COLUMNS, tuple(rows)), out))
    lines = []
    ours = [product for product in products if product.form.key == form.key]
    if ours:
        keys = ", ".join(product.key for product in ours)
        lines.append(Text(f"Products (mgcalc products): {keys}"))
    if not quiet:
        lines.append(Text("Sources:"))
        lines += [Text(f"  - {source}") for source in form.sources]
        lines.append(
            Text(
                "Molar masses from CIAAW/IUPAC 2021 abridged standard atomic weights (Mg 24.305).",
                style="dim",
            )
        )
    print_prose(out, lines)
