"""Label-database documents as items: the NIH Dietary Supplement Label Database's label
object (`ingredientRows`, `servingSizes`, `otheringredients`), read offline.

A magnesium row is read as the label line it stands for ('Magnesium (as Magnesium Oxide)
50 mg 13%'), by the one reader; rows nested under it are read as a panel's nested rows;
every item carries where it came from (`from_label`) and is counted per day, at the most
servings the label directs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mgcalc.core.errors import MgcalcError
from mgcalc.core.items import (
    Item,
    LabelSource,
    UnitResolver,
    check_servings,
    kind_words,
    number_text,
)
from mgcalc.core.labels import EXCIPIENTS
from mgcalc.core.panels import Row, items_of_rows

LABEL_KEY = "ingredientRows"  # what tells a label document from an item record


def is_label_document(value: object) -> bool:
    return isinstance(value, Mapping) and LABEL_KEY in value


def label_items(document: Mapping[str, object], resolve_unit: UnitResolver) -> list[Item]:
    """The magnesium a label document declares, as items per day (each with `from_label`)."""
    source = _source(document)
    named = f"label {source.dsld_id} ({source.brand or ''} {source.product or ''})".replace(
        " )", ")"
    ).replace("( ", "(")
    notes = _excipients(document)
    rows = _list(document.get(LABEL_KEY), LABEL_KEY)
    items: list[Item] = []
    undeclared: list[str] = []
    for row in _magnesium_rows(rows):
        line = _row_line(row)
        if line is None:
            undeclared.append(str(row.get("name")))
            continue
        nested = [
            text for text in map(_row_line, _list(row.get("nestedRows"), "nestedRows")) if text
        ]
        parent = Row(1, 0, line)
        children = [Row(2 + index, 2, text) for index, text in enumerate(nested)]
        try:
            items += items_of_rows(parent, children, resolve_unit)
        except MgcalcError as error:
            raise MgcalcError(f"{named}: {line!r}: {error.message}") from None
    if undeclared:
        notes.append(
            f"{', '.join(undeclared)}: listed with no amount of its own (a blend's member), "
            "so no dose"
        )
    if not items:
        said = f" ({'; '.join(notes)})" if notes else ""
        raise MgcalcError(f"{named}: no magnesium dose{said}")
    servings, servings_note = _daily(source)
    if servings_note:
        notes.append(servings_note)
    per_serving = sum(item.amount * item.kind.unit.to_base for item in items if item.kind.elemental)
    if per_serving:
        notes.append(
            f"{named}: {number_text(per_serving)} mg of magnesium per serving"
            f"{f' ({source.serving})' if source.serving else ''}, "
            f"{number_text(per_serving * servings)} mg a day at {servings} serving(s)"
        )
    found = [_per_day(item, servings, source) for item in items]
    first = found[0]
    return [first._replace(notes=(*first.notes, *notes)), *found[1:]]


def _source(document: Mapping[str, object]) -> LabelSource:
    sizes = _list(document.get("servingSizes"), "servingSizes")
    serving = daily = None
    if sizes and isinstance(sizes[0], Mapping):
        size = sizes[0]
        quantity, unit = size.get("minQuantity"), size.get("unit")
        if isinstance(quantity, (int, float)) and isinstance(unit, str):
            serving = f"{number_text(float(quantity))} {unit}"
        low, high = size.get("minDailyServings"), size.get("maxDailyServings")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and high >= low > 0:
            daily = (float(low), float(high))
    dsld_id = document.get("id")
    return LabelSource(
        dsld_id if isinstance(dsld_id, (int, str)) else None,
        _text(document.get("fullName")),
        _text(document.get("brandName")),
        serving,
        daily,
    )


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _list(value: object, key: str) -> list[Mapping[str, object]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(entry, Mapping) for entry in value):
        raise MgcalcError(f"a label document's {key} must be a list of objects")
    return value


def _magnesium_rows(rows: Sequence[Mapping[str, object]]) -> list[Mapping[str, object]]:
    """The rows of magnesium itself, wherever they stand (at the top, or inside a blend)."""
    found = []
    for row in rows:
        group, name = row.get("ingredientGroup"), row.get("name")
        if group == "Magnesium" or (isinstance(name, str) and name.lower().startswith("magnesium")):
            found.append(row)
        else:
            found += _magnesium_rows(_list(row.get("nestedRows"), "nestedRows"))
    return found


def _row_line(row: Mapping[str, object]) -> str | None:
    """The label line a row stands for, or None when it declares no amount ('NP', 0)."""
    quantities = _list(row.get("quantity"), "quantity")
    name = _text(row.get("name")) or "Magnesium"
    forms = [
        (_text(form.get("prefix")), _text(form.get("name")))
        for form in _list(row.get("forms"), "forms")
    ]
    named = [form for _, form in forms if form]
    if not quantities:
        return f"as {', '.join(named)}" if named else None
    quantity = quantities[0]
    amount, unit = quantity.get("quantity"), quantity.get("unit")
    if not isinstance(amount, (int, float)) or isinstance(amount, bool) or amount <= 0:
        return None
    if not isinstance(unit, str) or unit.upper() == "NP":
        return None
    percent = ""
    targets = _list(quantity.get("dailyValueTargetGroup"), "dailyValueTargetGroup")
    if targets and isinstance(targets[0].get("percent"), (int, float)):
        percent = f" {number_text(float(targets[0]['percent']))}%"  # type: ignore[arg-type]
    sources = f" (as {', '.join(named)})" if named else ""
    return f"{name}{sources} {number_text(float(amount))} {unit}{percent}"


def _excipients(document: Mapping[str, object]) -> list[str]:
    other = document.get("otheringredients")
    names: list[str] = []
    if isinstance(other, Mapping):
        for ingredient in _list(other.get("ingredients"), "otheringredients.ingredients"):
            names.append(str(ingredient.get("name", "")))
            names += [str(form.get("name", "")) for form in _list(ingredient.get("forms"), "forms")]
    lowered = " | ".join(names).lower()
    return [
        f"magnesium {name} in the other ingredients is an excipient ({what}), no magnesium dose"
        for name, what in EXCIPIENTS.items()
        if f"magnesium {name}" in lowered
    ]


def _daily(source: LabelSource) -> tuple[int, str | None]:
    if source.daily_servings is None:
        return 1, "the label gives no servings a day: one serving a day"
    low, high = source.daily_servings
    if high != int(high):
        return 1, f"the label's {number_text(high)} servings a day are not whole: one a day"
    servings = check_servings(int(high))
    if low != high:
        return servings, (
            f"the label directs {number_text(low)} to {number_text(high)} servings a day: "
            f"{servings}, the most, are counted"
        )
    return servings, None


def _per_day(item: Item, servings: int, source: LabelSource) -> Item:
    kind = item.kind._replace(servings=check_servings(item.kind.servings * servings))
    before, after = kind_words(kind)
    return item._replace(
        kind=kind, text=before + number_text(item.amount) + after, from_label=source, line=0
    )
