"""mgcalc's Python API: what the commands do, as functions that return typed results.

    >>> import mgcalc
    >>> day = mgcalc.check("200 mg elemental glycinate", age=34, sex="female")
    >>> day.above_ul
    False

Items are text in the item grammar (`"2x 400 mg oxide"`), or `Item`s built from values
with `mgcalc.item(400, "mg", "oxide", servings=2)`. Every error is an `MgcalcError`
whose message says what is wrong; `mgcalc.to_dict` gives any result as the JSON
document the command line prints.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO

# An 'X as X' import is re-exported for the command line and other adapters, which reach the
# core only through this module; __all__ is the API documented for users.
from mgcalc.core.check import DayCheck, check_day
from mgcalc.core.check import implausible_intake as implausible_intake  # noqa: PLC0414
from mgcalc.core.convert import Conversion, Converted, Converter, Total
from mgcalc.core.errors import DataFileError, MgcalcError, UsageError
from mgcalc.core.errors import one_line as one_line  # noqa: PLC0414
from mgcalc.core.foods import CITE as FOODS_CITE
from mgcalc.core.foods import SOURCE_IN_FULL as FOODS_SOURCE_IN_FULL
from mgcalc.core.foods import Found
from mgcalc.core.forms import Catalogue, Form, Product, Variant
from mgcalc.core.items import Item, amount_value, kind_from_values, number_text
from mgcalc.core.items import plain_number as plain_number  # noqa: PLC0414
from mgcalc.core.label_documents import label_items as read_label_items
from mgcalc.core.panels import is_panel, read_panel, split_panels
from mgcalc.core.plan import (
    Plan,
    make_plan,
    parse_unit_size,
    rest_of,
    rounding_note,
    taken_notes,
)
from mgcalc.core.prices import PriceComparison, compare_prices
from mgcalc.core.reader import read_items as read_item_words
from mgcalc.core.reference import SEXES as SEXES  # noqa: PLC0414
from mgcalc.core.reference import (
    Medicine,
    Person,
    ReferenceTables,
    Standard,
    find_medicine,
    lookup,
)
from mgcalc.core.reference import PersonValues as PersonValues  # noqa: PLC0414
from mgcalc.core.reference import make_person as person
from mgcalc.core.serum import Serum, read_serum
from mgcalc.core.units import OFFERED_UNITS as OFFERED_UNITS  # noqa: PLC0414
from mgcalc.datafiles import (
    catalogue,
    citations,
    daily_values,
    food_table,
    open_binary,
    reference_data,
    serum_reference,
)
from mgcalc.datafiles import medicines as medicine_table
from mgcalc.datafiles import starter_forms as starter_forms  # noqa: PLC0414
from mgcalc.datafiles import user_forms_file as user_forms_file  # noqa: PLC0414
from mgcalc.inputs import INPUT_FORMATS as INPUT_FORMATS  # noqa: PLC0414
from mgcalc.inputs import detect_format, read_rows
from mgcalc.render import documents
from mgcalc.render.documents import Document
from mgcalc.unit_parser import resolve_unit

__all__ = [
    "Conversion",
    "Converted",
    "DataFileError",
    "DayCheck",
    "Form",
    "Found",
    "Item",
    "Medicine",
    "MgcalcError",
    "Person",
    "Plan",
    "PriceComparison",
    "Product",
    "ReferenceTables",
    "Serum",
    "Total",
    "UsageError",
    "Variant",
    "check",
    "compare",
    "convert",
    "convert_rows",
    "converter",
    "foods",
    "forms",
    "item",
    "items",
    "label_items",
    "load_forms",
    "medicines",
    "number_text",
    "person",
    "plan",
    "products",
    "read_items",
    "reference",
    "serum",
    "sources",
    "to_dict",
]

ItemLike = str | Item | Converted
"""An item as text, as an Item, or already converted."""

FormsFiles = Sequence[str | os.PathLike[str]]


def _files(forms_files: FormsFiles) -> tuple[str, ...]:
    return tuple(os.fspath(path) for path in forms_files)


def load_forms(forms_files: FormsFiles = ()) -> Catalogue:
    """The built-in forms and products, the user's forms file, then `forms_files`."""
    return catalogue(_files(forms_files))


def converter(forms_files: FormsFiles = ()) -> Converter:
    return _converter(load_forms(forms_files))


_CONVERTERS: dict[int, Converter] = {}


def _converter(forms: Catalogue) -> Converter:
    # One per catalogue, so that each kind of item is worked out once per process.
    found = _CONVERTERS.get(id(forms))
    if found is None or found.catalogue is not forms:
        found = _CONVERTERS[id(forms)] = Converter(forms, daily_values, food_table)
    return found


def item(
    amount: float,
    unit: str,
    form: str,
    *,
    variant: str | None = None,
    servings: int = 1,
    elemental: bool = False,
    percent: float | None = None,
    concentration: str | None = None,
    route: str | None = None,
    label: str | None = None,
) -> Item:
    """An item from values: `item(100, "mg", "glycinate", elemental=True, servings=2)`.

    `form` may carry a variant and a strength as in the item grammar (`"citrate:nonahydrate"`,
    `"glycinate@20%"`, `"sulfate@50%w/v"`); `"magnesium"` is magnesium itself. A volume
    needs a concentration: `item(10, "mL", "sulfate", concentration="500mg/mL")`. `route`
    is `"oral"` (the default), `"IV"` or `"IM"`: a check reports injections apart.
    """
    values = {
        "unit": unit,
        "form": form,
        "variant": variant,
        "servings": servings,
        "elemental": elemental,
        "percent": percent,
        "concentration": concentration,
        "route": route,
    }
    kind = kind_from_values(values, resolve_unit)
    return Item(amount_value(amount), kind, label)


def items(text: str | Sequence[str], *, elemental: bool = False) -> list[Item]:
    """Items read from text in the item grammar, one or several ('500 mg glycinate 1 g oxide'),
    or a Supplement Facts line ('Magnesium (as magnesium citrate) 200 mg')."""
    tokens = [text] if isinstance(text, str) else list(text)
    found: list[Item] = []
    words: list[str] = []
    for token in tokens:
        if not is_panel(token):
            words.append(token)
            continue
        found += read_item_words(words, resolve_unit, elemental=elemental) if words else []
        words = []
        for _, panel in split_panels(token.splitlines()):
            found += [item._replace(line=0) for item in read_panel(panel, resolve_unit)]
    if words or not found:
        found += read_item_words(words, resolve_unit, elemental=elemental)
    return found


def label_items(document: Mapping[str, object]) -> list[Item]:
    """The magnesium a label-database document declares (the NIH DSLD label object, as
    `json.load` gives it), as items per day, each with `from_label`."""
    return read_label_items(document, resolve_unit)


def _items(given: ItemLike | Iterable[ItemLike], elemental: bool) -> Iterator[Item | Converted]:
    # An Item is itself a tuple, so iterable: tell one item from a collection of them first.
    entries = [given] if isinstance(given, (str, Item, Converted)) else given
    for entry in entries:
        if isinstance(entry, str):
            yield from items(entry, elemental=elemental)
        else:
            yield entry


def _converted(
    given: ItemLike | Iterable[ItemLike], elemental: bool, conversion: Converter
) -> Iterator[Converted]:
    for entry in _items(given, elemental):
        yield entry if isinstance(entry, Converted) else conversion.convert(entry)


def convert(
    items: ItemLike | Iterable[ItemLike],
    *,
    elemental: bool = False,
    forms_files: FormsFiles = (),
) -> Conversion:
    """Compound and elemental magnesium (mg, mmol, mEq) of each item, and the day's total.

    `elemental=True` reads every amount given as text as elemental magnesium.
    """
    conversion = converter(forms_files)
    converted = tuple(_converted(items, elemental, conversion))
    return Conversion(converted, conversion.total(converted))


def convert_rows(
    rows: Iterable[Item | MgcalcError], *, forms_files: FormsFiles = ()
) -> Iterator[Converted | MgcalcError]:
    """Each row converted, or the error (at the row's line) that stops it; an error row as it
    is. Lazy: a row is converted when it is asked for, so input of any length streams."""
    convert_one = converter(forms_files).convert
    for row in rows:
        if isinstance(row, MgcalcError):
            yield row
            continue
        try:
            yield convert_one(row)
        except MgcalcError as error:
            yield error.at_line(row.line) if row.line else error


def read_items(
    source: str | os.PathLike[str] | IO[bytes],
    input_format: str | None = None,
    *,
    elemental: bool = False,
    before_wait: Callable[[], None] = lambda: None,
    name: str | None = None,
) -> Iterator[Item | MgcalcError]:
    """The rows of a file of item lines, CSV or JSON lines (the format from its extension
    unless given), read as they arrive; `before_wait` runs before each read that may block.
    An error that stops the whole input (a CSV header) names it: its path, or `name`."""
    path = os.fspath(source) if isinstance(source, (str, os.PathLike)) else None
    chosen = detect_format(path or "", input_format)
    try:
        if path is None:
            assert not isinstance(source, (str, os.PathLike))
            yield from read_rows(
                source, chosen, resolve_unit, elemental=elemental, before_wait=before_wait
            )
            return
        with open_binary(path) as stream:
            yield from read_rows(
                stream, chosen, resolve_unit, elemental=elemental, before_wait=before_wait
            )
    except MgcalcError as error:
        where = path or name
        if where is None or error.message.startswith(f"{where}:"):
            raise
        raise MgcalcError(f"{where}: {error.message}") from None


def _standard(key: str) -> Standard:
    """A reference standard: 'nih' (US IOM 1997, as used by NIH ODS) or 'efsa'."""
    standards = reference_data()[0]
    chosen = standards.get(key.lower())
    if chosen is None:
        raise MgcalcError(f"{key!r} is not one of {', '.join(standards)}", parameter="standard")
    return chosen


def check(
    items: ItemLike | Iterable[ItemLike],
    who: Person | None = None,
    *,
    age: float | None = None,
    age_months: float | None = None,
    sex: str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    kidney: bool = False,
    standard: str = "nih",
    diet_mg: float | None = None,
    fortified_mg: float | None = None,
    elemental: bool = False,
    forms_files: FormsFiles = (),
    keep_items: bool = True,
    medicines: Iterable[str] = (),
) -> DayCheck:
    """A day's items against the RDA/AI (with `diet_mg`: total intake) and the UL
    (supplemental magnesium only), for a person given as `who` or by its values.

    `medicines` ('ciprofloxacin', 'levothyroxine') are given with the spacing from magnesium
    each one's label gives (`mgcalc.medicines()` lists them).

    `fortified_mg` is magnesium added to water or foods: it counts toward the RDA/AI, and
    toward the UL where the standard says so (EFSA/SCF), never under IOM's.

    Items are read once, lazily; with `keep_items=False` the result keeps only their total,
    so that a stream of any length takes no more memory than one item.
    """
    chosen = _standard(standard)
    subject = who or person(
        age,
        age_months=age_months,
        sex=sex,
        pregnant=pregnant,
        lactating=lactating,
        kidney=kidney,
    )
    named = [find_medicine(name, medicine_table()) for name in medicines]
    conversion = converter(forms_files)
    notes = reference_data()[1]
    converted = _converted(items, elemental, conversion)
    return check_day(
        converted,
        subject,
        chosen,
        notes,
        conversion.mg_per_mmol,
        diet_mg,
        fortified_mg=fortified_mg,
        keep_items=keep_items,
        medicines=list(dict.fromkeys(named)),
    )


def medicines() -> list[Medicine]:
    """The medicines whose labels give a spacing from magnesium, each with its source."""
    return list(medicine_table().values())


def plan(
    target: str | Item,
    unit: str,
    *,
    intakes: int = 1,
    who: Person | None = None,
    standard: str = "nih",
    diet_mg: float | None = None,
    forms_files: FormsFiles = (),
    with_items: ItemLike | Iterable[ItemLike] = (),
) -> Plan:
    """The compound, and the whole units of `unit` ('500mg', '100 mg elemental'), that give
    `target` (elemental magnesium from a form: '300 mg glycinate'); checked when `who` is given.
    `with_items`, the day's other items ('1 oz almonds'), give part of the target: the plan is
    for the rest, and the check counts them too.
    """
    given = list(_items(target, elemental=True))
    if len(given) != 1:
        raise MgcalcError("plan takes one target, e.g. '300 mg glycinate'")
    conversion = converter(forms_files)
    (entry,) = given
    goal = entry if isinstance(entry, Converted) else conversion.convert(entry)
    taken = tuple(_converted(with_items, False, conversion))
    planned = rest_of(goal, taken, conversion) if taken else goal
    the_plan = make_plan(planned, parse_unit_size(unit, goal, resolve_unit), conversion, intakes)
    if taken:
        the_plan = the_plan._replace(
            taken=taken, goal_mg=goal.elemental_mg, notes=the_plan.notes + taken_notes(taken)
        )
    if who is None:
        return the_plan
    notes = reference_data()[1]
    day = check_day(
        [the_plan.delivered, *taken],
        who,
        _standard(standard),
        notes,
        conversion.mg_per_mmol,
        diet_mg,
    )
    crossing = rounding_note(the_plan, day)
    extra = (crossing,) if crossing else ()
    return the_plan._replace(check=day, notes=the_plan.notes + extra)


def serum(value: str | float, unit: str | None = None) -> Serum:
    """A serum magnesium value in mg/dL, mmol/L and mEq/L, with a cited adult interval and
    what serum does not show: serum('1.8 mg/dL') or serum(0.8, 'mmol/L')."""
    words = [value] if isinstance(value, str) else [number_text(float(value))]
    words += [unit] if unit else []
    return read_serum(" ".join(words).split(), load_forms().magnesium_molar_mass, serum_reference())


def forms(name: str | None = None, *, forms_files: FormsFiles = ()) -> list[Form]:
    """Every form, or the one a name ('citrate', 'epsom', 'citrate:nonahydrate') selects."""
    known = load_forms(forms_files)
    if name is None:
        return list(known.forms.values())
    form_name, _, variant_name = name.partition(":")
    return [known.resolve(form_name, variant_name or None).form]


def foods(query: str, *, limit: int = 20) -> list[Found]:
    """Foods whose SR28 description (or everyday name) holds every word of `query`, everyday
    names first; an NDB number finds its food."""
    return food_table().search(query, limit)


def sources(key: str | None = None) -> dict[str, str]:
    """The works cited, by the short keys tables print ('IOM 1997'): all, or the one `key`
    names (any case)."""
    works = {**citations(), FOODS_CITE: FOODS_SOURCE_IN_FULL}
    if key is None:
        return dict(works)
    wanted = key.strip().strip("[]").lower()  # as tables print it, '[IOM 1997]', too
    found = {name: text for name, text in works.items() if name.lower() == wanted}
    if not found:
        raise MgcalcError(f"no source {key!r}; the keys are {', '.join(works)}")
    return found


def products(*, forms_files: FormsFiles = ()) -> list[Product]:
    """Every product: the built-in ones with their label sources, then the user's."""
    return list(load_forms(forms_files).products.values())


def compare(target_mg: float | None = None, *, forms_files: FormsFiles = ()) -> PriceComparison:
    """The oral products with a price (`price` and `units_per_package` in a products file),
    cheapest magnesium first; with `target_mg` (elemental mg a day), each one's units, days
    per package and cost a day, cheapest day first. Currencies are ranked apart."""
    return compare_prices(products(forms_files=forms_files), target_mg)


def reference(standard: str = "nih", who: Person | None = None) -> ReferenceTables:
    """A standard's RDA/AI and UL tables, and the values that apply to `who` if given."""
    chosen = _standard(standard)
    if who is None:
        return ReferenceTables(chosen)
    notes = reference_data()[1]
    wanted = ("kidney", "ul_kidney") if who.kidney else ()
    return ReferenceTables(chosen, who, lookup(chosen, who), tuple(notes[key] for key in wanted))


Result = (
    Conversion
    | Converted
    | DayCheck
    | Plan
    | ReferenceTables
    | Serum
    | PriceComparison
    | Sequence[Form]
)


def to_dict(result: Result, *, explain: bool = False) -> Document:
    """A result as the JSON document the command line prints for it (see README)."""
    if isinstance(result, Conversion):
        return documents.convert_document(result, explain=explain)
    if isinstance(result, Converted):
        return documents.item_document(result, explain=explain)
    if isinstance(result, DayCheck):
        return documents.check_document(result, explain=explain)
    if isinstance(result, Plan):
        return documents.plan_document(result)
    if isinstance(result, ReferenceTables):
        return documents.reference_document(result)
    if isinstance(result, Serum):
        return documents.serum_document(result)
    if isinstance(result, PriceComparison):
        return documents.prices_document(result)
    return documents.forms_document(result)
