"""Tables for people, drawn with rich (imported only here)."""

from __future__ import annotations

import os.path
from collections.abc import Callable, Sequence

from rich.text import Text

from mgcalc.config import InForce, Settings
from mgcalc.core.convert import Conversion, Converted, Total
from mgcalc.core.foods import SOURCE, Found
from mgcalc.core.forms import Form, Product
from mgcalc.core.items import number_text
from mgcalc.core.prices import PriceComparison
from mgcalc.datafiles import is_built_in
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
    Column("Formula", fold_into="Form", derived=True),  # the form and variant name it
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
    first: int = 1,
) -> Grid:
    rows = []
    for number, c in enumerate(items, start=first):
        fraction = "-" if c.elemental_fraction is None else percent(c.elemental_fraction)
        fraction += "*" if c.item.percent is not None else ""
        item_cell = _plain(c.item.describe())
        if c.item.label:
            item_cell.append("\n").append_text(_plain(c.item.label))
        food = c.recipe.food
        unknown = c.unknown  # a food with no SR28 figure: '?', never 0
        cells = (
            str(number),
            item_cell,
            "(food)" if food else c.form.key if c.form else "(magnesium)",
            f"NDB {food.food.ndb}" if food else c.variant.key if c.variant else "-",
            f"{c.food_grams:.4g} g"
            if c.food_grams is not None
            else c.variant.formula
            if c.variant
            else "-",
            fraction,
            "-" if c.compound_mg is None else amount(c.compound_mg, 1),
            "?" if unknown else amount(c.elemental_mg, 1),
            "?" if unknown else amount(c.elemental_mmol, 2),
            "?" if unknown else amount(c.elemental_meq, 2),
        )
        rows.append(Row(cells))
    at_least = "≥ " if total.is_minimum else ""  # a food's magnesium is unknown
    amounts = (
        at_least + amount(total.elemental_mg, 1),
        at_least + amount(total.elemental_mmol, 2),
        at_least + amount(total.elemental_meq, 2),
    )
    own_total = len(items) == 1 and items[0].elemental_mg == total.elemental_mg
    if not own_total or total.is_minimum:  # one item that is the whole total needs no row
        rows.append(Row(("", total_label, "", "", "", "", "", *amounts), "bold", section=True))
    caption = None if quiet else UNITS_NOTE
    return Grid(CONVERT_COLUMNS, tuple(rows), title=title, caption=caption, card_title=(0, 1))


FOOD_ITEM_COLUMNS = (
    Column("#", numeric=True, style="dim"),
    Column("Item"),
    Column("SR28 food"),
    Column("Grams", numeric=True),
    Column("Mg mg", numeric=True, style="bold"),
    Column("Mg mmol", numeric=True),
    Column("Mg mEq", numeric=True),
)


def foods_table(
    items: Sequence[Converted], total: Total, total_label: str = "Per day", *, first: int = 1
) -> Grid:
    """Foods alone: what each is in SR28 and its weight, with no compound columns to fill."""
    rows = []
    for number, c in enumerate(items, start=first):
        food = c.recipe.food
        unknown = c.unknown  # a food with no SR28 figure: '?', never 0
        rows.append(
            Row(
                (
                    str(number),
                    _plain(c.item.describe()),
                    f"NDB {food.food.ndb}" if food else "-",
                    "-" if c.food_grams is None else f"{c.food_grams:.4g}",
                    "?" if unknown else amount(c.elemental_mg, 1),
                    "?" if unknown else amount(c.elemental_mmol, 2),
                    "?" if unknown else amount(c.elemental_meq, 2),
                )
            )
        )
    at_least = "≥ " if total.is_minimum else ""
    own_total = len(items) == 1 and items[0].elemental_mg == total.elemental_mg
    if not own_total or total.is_minimum:
        totals = (
            at_least + amount(total.elemental_mg, 1),
            at_least + amount(total.elemental_mmol, 2),
            at_least + amount(total.elemental_meq, 2),
        )
        rows.append(Row(("", total_label, "", "", *totals), "bold", section=True))
    return Grid(FOOD_ITEM_COLUMNS, tuple(rows), title="Foods", card_title=(0, 1))


def print_notes(
    items: Sequence[Converted], *, quiet: bool = False, names: Sequence[str] = ()
) -> bool:
    """Each note once, naming every item it applies to (by number, or by `names` where
    the items are not numbered); --quiet leaves out where a product's figure comes from,
    never how an item was read. True if any note was printed."""
    numbers: dict[str, list[int]] = {}
    for number, c in enumerate(items, start=1):
        warnings = c.warnings  # already said as warnings, as the items were read
        for note in c.reading_notes if quiet else c.notes:
            if note not in warnings:
                numbers.setdefault(note, []).append(number)
    err = stderr_console()
    soft = False  # wrapped at the width of the tables they follow (COLUMNS in a pipe)
    for note, which in numbers.items():
        if names:
            label = ", ".join(names[number - 1] for number in which)
        else:
            label = f"item {which[0]}" if len(which) == 1 else f"items {_listed(which)}"
        err.print(Text(f"note ({label}): ", style="yellow") + _plain(note), soft_wrap=soft)
    return bool(numbers)


def _listed(numbers: Sequence[int]) -> str:
    return ", ".join(str(number) for number in numbers)


def explanations(items: Sequence[Converted]) -> list[Text]:
    return [Text(f"{number}. ") + _plain(explanation(c)) for number, c in enumerate(items, start=1)]


def print_convert(
    conversion: Conversion, *, explain: bool, quiet: bool = False, show_sources: bool = False
) -> None:
    items = conversion.items
    out = stdout_console()
    out.print(fitted(convert_table(items, conversion.total, quiet=quiet), out))
    lines = []
    if any(c.item.percent is not None for c in items):
        lines.append(Text("* % Mg from the label, not from the formula.", style="dim"))
    if explain:
        lines += explanations(items)
    print_notes(items, quiet=not show_sources)  # where a figure comes from: with --sources
    if not (quiet or show_sources) and any(c.recipe.figure_note for c in items):
        lines.append(Text("Products' and foods' sources: --sources", style="dim"))
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
    return Grid(FORMS_COLUMNS, tuple(rows), "Magnesium forms", caption, card_title=(0,))


PRODUCT_COLUMNS = (
    Column("Product"),
    Column("Name"),
    Column("Form"),
    Column("Per", no_wrap=True),
    Column("Compound mg", numeric=True),
    Column("Mg mg", numeric=True),
    Column("Route"),
)


def _yours(product: Product) -> bool:
    return not is_built_in(product.origin)


def products_grid(products: Sequence[Product], title: str = "Products") -> Grid:
    rows = [
        Row(
            (
                product.key + ("\n(yours)" if _yours(product) else ""),
                product.name,
                f"{product.form.key}:{product.variant.key}",
                f"{product.per_ml:g} mL" if product.per_ml else f"1 {product.unit}",
                amount(product.compound_mg, 1) if product.compound_mg else "-",
                amount(product.elemental_mg, 1),
                "/".join(product.routes),
            )
        )
        for product in products
    ]
    return Grid(PRODUCT_COLUMNS, tuple(rows), title=title, card_title=(0,))


FOOD_COLUMNS = (
    Column("NDB", no_wrap=True),
    Column("Food"),
    Column("mg/100 g", numeric=True),
    Column("Portion"),
    Column("Mg", numeric=True),
)


def print_foods(found: Sequence[Found], *, quiet: bool = False) -> None:
    rows = []
    for entry in found:
        food = entry.food
        portion = food.portions[0] if food.portions else None
        per = "-" if food.mg_per_100g is None else amount(food.mg_per_100g, 0)
        in_portion = food.mg_in(portion.grams) if portion else None
        rows.append(
            Row(
                (
                    food.ndb,
                    food.description + (f"\n({entry.name})" if entry.name else ""),
                    per,
                    f"{number_text(portion.amount)} {portion.unit} ({portion.grams:g} g)"
                    if portion
                    else "-",
                    "-" if in_portion is None else amount(in_portion, 1),
                )
            )
        )
    out = stdout_console()
    out.print(fitted(Grid(FOOD_COLUMNS, tuple(rows), title="Foods", card_title=(1,)), out))
    lines = [] if quiet else [Text(f"Figures: {SOURCE}; '-' where SR28 gives none (unknown).")]
    lines.append(Text(DISCLAIMER, style="dim italic"))
    print_prose(out, lines)


def print_products(products: Sequence[Product], *, quiet: bool = False) -> None:
    out = stdout_console()
    out.print(fitted(products_grid(products), out))
    lines = [
        Text(
            "Count a product in its unit: '30 mL milk-of-magnesia', '2 tablet mag-ox-400'. "
            "Mg mg is the label's figure where it states one, else the compound's by its formula.",
        )
    ]
    if quiet:
        lines = []
    else:
        lines += [_product_source(product) for product in products]
    lines.append(Text(DISCLAIMER, style="dim italic"))
    print_prose(out, lines)


def _product_source(product: Product) -> Text:
    where = f" (yours, from {product.origin})" if _yours(product) else ""
    return Text(f"{product.key}{where}: {product.source}", style="dim")


def print_forms(
    forms: Sequence[Form], products: Sequence[Product] = (), *, quiet: bool = False
) -> None:
    out = stdout_console()
    grid = forms_table(forms)
    out.print(fitted(grid._replace(caption=None) if quiet else grid, out))
    yours = [product for product in products if _yours(product)]
    if yours:
        out.print(fitted(products_grid(yours, title="Your products"), out))
        if not quiet:
            print_prose(out, [_product_source(product) for product in yours])


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


def print_config(saved: Settings, rows: Sequence[InForce], forms_file: str) -> None:
    out = stdout_console()
    config_state = "found" if saved.exists else "not found; 'mgcalc config --init' writes one"
    forms_state = (
        "found"
        if os.path.isfile(forms_file)
        else "not found; 'mgcalc forms --template' prints a starter"
    )
    print_prose(
        out,
        [
            Text(f"Config file: {saved.path} ({config_state})"),
            Text(f"Forms file: {forms_file} ({forms_state})"),
        ],
    )
    columns = (Column("Setting"), Column("Value"), Column("From"))
    cells = [
        Row(
            (row.setting, _setting_text(row.value), row.origin),
            "bold" if row.origin != "default" else None,
        )
        for row in rows
    ]
    out.print(fitted(Grid(columns, tuple(cells), title="Settings in force"), out))
    print_prose(
        out,
        [
            Text(
                "The command line wins over these; a regimen file over the config file.",
                style="dim",
            )
        ],
    )


def _setting_text(value: str | float | bool | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return value


def print_prices(comparison: PriceComparison, *, quiet: bool = False) -> None:
    out = stdout_console()
    target = comparison.target_mg
    lines: list[Text] = []
    if not comparison.offers:
        lines.append(
            Text(
                "No product has a price: give one `price` and `units_per_package` in your "
                "forms file ('mgcalc forms --template' shows where).",
                style="yellow",
            )
        )
    else:
        columns = [
            Column("#", numeric=True, style="dim"),
            Column("Product"),
            Column("Price", numeric=True),
            Column("Package", numeric=True, fold_into="Price"),
            Column("Mg mg per unit", numeric=True),
            Column("Per 100 mg", numeric=True, style="bold" if target is None else None),
        ]
        if target is not None:
            columns += [
                Column("Units a day", numeric=True),
                Column("Mg a day", numeric=True, fold_into="Units a day"),
                Column("A package lasts", numeric=True, fold_into="Per day"),
                Column("Per day", numeric=True, style="bold"),
            ]
        rows = []
        for rank, offer in enumerate(comparison.offers, start=1):
            product = offer.product
            assert product.price is not None
            assert product.units_per_package is not None
            money = _money_format(product.currency)
            cells = [
                str(rank),
                f"{product.key}\n{product.name}",
                money(product.price),
                f"{product.units_per_package:g} {product.unit}",
                amount(product.elemental_mg_per_unit, 1),
                money(offer.cost_per_100_mg, 3),
            ]
            if target is not None:
                assert offer.units_per_day is not None
                assert offer.days_per_package is not None
                assert offer.cost_per_day is not None
                assert offer.delivered_mg is not None
                units = offer.units_per_day
                cells += [
                    f"{units:.1f} mL" if product.per_ml else f"{units:g}",
                    f"{amount(offer.delivered_mg, 1)} mg",
                    f"{offer.days_per_package:.1f} days",
                    money(offer.cost_per_day),
                ]
            rows.append(Row(tuple(cells)))
        title = "Cost of magnesium, cheapest first"
        if target is not None:
            title = f"Cost of {amount(target, 0)} mg of magnesium a day, cheapest first"
        grid = Grid(tuple(columns), tuple(rows), title=title, card_title=(0, 1))
        out.print(fitted(grid, out))
        if len(comparison.currencies) > 1:
            lines.append(Text("Prices in different currencies are ranked apart.", style="yellow"))
        if target is not None and not quiet:
            lines.append(
                Text(
                    "Units a day are whole tablets or capsules (the nearest number to the target, "
                    "as `mgcalc plan` counts them), or mL of a liquid.",
                    style="dim",
                )
            )
    yours = [product.key for product in comparison.unpriced if not is_built_in(product.origin)]
    if yours and not quiet:
        lines.append(Text(f"Your products with no price: {', '.join(yours)}.", style="dim"))
    lines.append(Text(DISCLAIMER, style="dim italic"))
    print_prose(out, lines)


def _money_format(currency: str | None) -> Callable[..., str]:
    def money(value: float, decimals: int = 2) -> str:
        shown = f"{value:,.{decimals}f}" if value >= 10**-decimals else f"{value:.3g}"
        return f"{shown} {currency}" if currency else shown

    return money
