"""Building a catalogue of forms and products from parsed TOML, checked in full.

Errors name the file and the key; the chemistry (formula, molar mass, fraction)
is computed here once, from the formula and the atomic weights.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from mgcalc.core import schema
from mgcalc.core.chemistry import (
    FormulaError,
    atom_counts,
    hydrate_count_of_name,
    hydrate_water,
    molar_mass,
)
from mgcalc.core.errors import MgcalcError
from mgcalc.core.forms import Catalogue, Form, Product, Variant, normalise_name
from mgcalc.core.schema import TomlTable

FORM_KEYS = (
    "name",
    "aliases",
    "default_variant",
    "note",
    "ambiguity",
    "alias_notes",
    "label_percent_max",
    "label_only",
    "injection_variant",
    "sold_percent",
    "sources",
    "variants",
)
VARIANT_KEYS = ("formula", "synonyms", "aliases", "published")
PRODUCT_KEYS = (
    "name",
    "form",
    "elemental_mg",
    "compound_mg",
    "unit",
    "per_ml",
    "routes",
    "aliases",
    "source",
    "price",
    "currency",
    "units_per_package",
)
FILE_KEYS = ("forms", "products")


def _names(value: object, where: str, origin: str) -> tuple[str, ...]:
    return tuple(normalise_name(name) for name in schema.texts(value, where, origin))


def _key(key: str, where: str, origin: str, what: str) -> None:
    schema.printable(key, where, origin)
    if normalise_name(key) != key:
        raise schema.fail(
            origin, where, f"is not a valid key: {what} keys are lower-case words joined by '-'"
        )


def build_variant(
    key: str, value: object, where: str, origin: str, atomic_weights: Mapping[str, float]
) -> Variant:
    schema.printable(key, where, origin)
    table = schema.table(value, where, origin)
    schema.known_keys(table, VARIANT_KEYS, where, origin)
    formula = schema.text(table.get("formula"), f"{where}.formula", origin)
    try:
        counts = atom_counts(formula)
        mass = molar_mass(counts, atomic_weights)
        water = hydrate_water(formula)
    except FormulaError as error:
        raise schema.fail(origin, f"{where}.formula", f"cannot be read: {error.message}") from None
    magnesium_atoms = counts.get("Mg", 0)
    if magnesium_atoms < 1:
        raise schema.fail(origin, f"{where}.formula", f"{formula!r} contains no Mg")
    promised = hydrate_count_of_name(key)
    if promised is not None and promised != water:
        raise schema.fail(
            origin,
            f"{where}.formula",
            f"{formula!r} has {water} H2O after a dot, but the name {key!r} says {promised}",
        )
    fraction = magnesium_atoms * atomic_weights["Mg"] / mass
    if not (0.0 < fraction < 1.0 and math.isfinite(fraction)):
        raise schema.fail(origin, f"{where}.formula", f"gives an impossible fraction {fraction}")
    return Variant(
        key=key,
        formula=formula,
        magnesium_atoms=magnesium_atoms,
        molar_mass=mass,
        elemental_fraction=fraction,
        synonyms=_names(table.get("synonyms"), f"{where}.synonyms", origin),
        aliases=_names(table.get("aliases"), f"{where}.aliases", origin),
        published=schema.optional_text(table.get("published"), f"{where}.published", origin),
    )


def build_form(key: str, value: object, origin: str, atomic_weights: Mapping[str, float]) -> Form:
    where = f"forms.{key}"
    _key(key, where, origin, "form")
    table = schema.table(value, where, origin)
    schema.known_keys(table, FORM_KEYS, where, origin)
    label_only = "label_only" in table and schema.flag(
        table["label_only"], f"{where}.label_only", origin
    )
    if label_only:
        return _mixture(key, table, where, origin)
    variants_table = schema.table(table.get("variants"), f"{where}.variants", origin)
    if not variants_table:
        raise schema.fail(origin, f"{where}.variants", "is empty")
    variants = {
        vkey: build_variant(vkey, vtable, f"{where}.variants.{vkey}", origin, atomic_weights)
        for vkey, vtable in variants_table.items()
    }
    default = schema.text(table.get("default_variant"), f"{where}.default_variant", origin)
    if default not in variants:
        raise schema.fail(
            origin, f"{where}.default_variant", f"{default!r} is not one of its variants"
        )
    sources = schema.texts(table.get("sources"), f"{where}.sources", origin, required=True)
    aliases = _names(table.get("aliases"), f"{where}.aliases", origin)
    alias_notes = schema.table(table.get("alias_notes", {}), f"{where}.alias_notes", origin)
    notes = {}
    for alias, text in alias_notes.items():
        if normalise_name(alias) not in aliases:
            raise schema.fail(origin, f"{where}.alias_notes.{alias}", "is not one of its aliases")
        notes[normalise_name(alias)] = schema.text(text, f"{where}.alias_notes.{alias}", origin)
    most = table.get("label_percent_max")
    if most is not None:
        most = schema.number(most, f"{where}.label_percent_max", origin, positive=True)
        if most > 100:
            raise schema.fail(origin, f"{where}.label_percent_max", "must be at most 100")
    injection = schema.optional_text(
        table.get("injection_variant"), f"{where}.injection_variant", origin
    )
    if injection is not None and injection not in variants:
        raise schema.fail(
            origin, f"{where}.injection_variant", f"{injection!r} is not one of its variants"
        )
    return Form(
        key=key,
        name=schema.text(table.get("name"), f"{where}.name", origin),
        aliases=aliases,
        default_variant=default,
        variants=variants,
        note=schema.text(table.get("note"), f"{where}.note", origin),
        ambiguity=schema.optional_text(table.get("ambiguity"), f"{where}.ambiguity", origin),
        sources=sources,
        alias_notes=notes,
        label_percent_max=most,
        injection_variant=injection,
        sold_percents=_sold_percents(table, aliases, where, origin),
    )


def _mixture(key: str, table: TomlTable, where: str, origin: str) -> Form:
    """A form with no single formula: a label's figure gives its magnesium."""
    if "variants" in table or "default_variant" in table:
        raise schema.fail(origin, where, "is label_only: it has no variants")
    most = schema.number(
        table.get("label_percent_max"), f"{where}.label_percent_max", origin, positive=True
    )
    aliases = _names(table.get("aliases"), f"{where}.aliases", origin)
    return Form(
        key=key,
        name=schema.text(table.get("name"), f"{where}.name", origin),
        aliases=aliases,
        default_variant="",
        variants={},
        note=schema.text(table.get("note"), f"{where}.note", origin),
        ambiguity=None,
        sources=schema.texts(table.get("sources"), f"{where}.sources", origin, required=True),
        label_percent_max=most,
        label_only=True,
        sold_percents=_sold_percents(table, aliases, where, origin),
    )


def build_product(
    key: str, value: object, origin: str, catalogue: Catalogue, count_units: Mapping[str, str]
) -> Product:
    where = f"products.{key}"
    _key(key, where, origin, "product")
    table = schema.table(value, where, origin)
    if "injection" in table:
        raise schema.fail(
            origin,
            f"{where}.injection",
            'is written as routes: routes = ["IV", "IM"] (or ["IV"] for a premixed bag)',
        )
    schema.known_keys(table, PRODUCT_KEYS, where, origin)
    form_text = schema.text(table.get("form"), f"{where}.form", origin)
    form_name, _, variant_name = form_text.partition(":")
    try:
        resolved = catalogue.resolve(form_name, variant_name or None)
    except MgcalcError as error:
        raise schema.fail(origin, f"{where}.form:", error.message) from None
    if resolved.variant is None:
        raise schema.fail(
            origin, f"{where}.form", f"{form_text!r} has no formula: a product needs one"
        )
    compound = None
    if "compound_mg" in table:
        compound = schema.number(
            table["compound_mg"], f"{where}.compound_mg", origin, positive=True
        )
    if "elemental_mg" in table or compound is None:
        elemental = schema.number(
            table.get("elemental_mg"), f"{where}.elemental_mg", origin, positive=True
        )
    else:  # the label gives the compound only: its magnesium by the formula
        elemental = compound * resolved.variant.elemental_fraction
    if compound is not None and elemental > compound:
        raise schema.fail(
            origin,
            where,
            f"says elemental_mg {elemental:g} is more than compound_mg {compound:g} "
            "(a fraction above 1)",
        )
    per_ml = None
    if "per_ml" in table:
        per_ml = schema.number(table["per_ml"], f"{where}.per_ml", origin, positive=True)
        if "unit" in table:
            raise schema.fail(
                origin, where, "has per_ml and unit: a liquid is counted in mL, not in units"
            )
        unit = "mL"
    else:
        unit_text = schema.text(table.get("unit"), f"{where}.unit", origin).strip().lower()
        counted = count_units.get(unit_text)
        if counted is None:
            raise schema.fail(
                origin,
                f"{where}.unit",
                f"{unit_text!r} is not a counted unit; use one of "
                f"{', '.join(sorted(set(count_units.values())))}, or per_ml for a liquid",
            )
        unit = counted
    price, currency, units_per_package = _price(table, where, origin)
    return Product(
        key=key,
        name=schema.text(table.get("name"), f"{where}.name", origin),
        form=resolved.form,
        variant=resolved.variant,
        elemental_mg=elemental,
        compound_mg=compound,
        unit=unit,
        aliases=_names(table.get("aliases"), f"{where}.aliases", origin),
        source=schema.text(table.get("source"), f"{where}.source", origin),
        per_ml=per_ml,
        routes=_routes(table.get("routes"), f"{where}.routes", origin),
        elemental_from_label="elemental_mg" in table,
        price=price,
        currency=currency,
        units_per_package=units_per_package,
        origin=origin,
    )


def _sold_percents(
    table: TomlTable, aliases: tuple[str, ...], where: str, origin: str
) -> dict[str, float]:
    """sold_percent: a number (every label of the form states it) or a table by alias (every
    label of that trade name does)."""
    value = table.get("sold_percent")
    if value is None:
        return {}
    given = value if isinstance(value, dict) else {"": value}
    found = {}
    for alias, percent in given.items():
        name = normalise_name(alias) if alias else ""
        if name and name not in aliases:
            raise schema.fail(origin, f"{where}.sold_percent.{alias}", "is not one of its aliases")
        figure = schema.number(percent, f"{where}.sold_percent", origin, positive=True)
        if figure > 100:
            raise schema.fail(origin, f"{where}.sold_percent", "must be at most 100")
        found[name] = figure
    return found


ROUTES = ("oral", "IV", "IM")


def _routes(value: object, where: str, origin: str) -> tuple[str, ...]:
    """'oral' (the default), or the injections a product is given as: IV, IM or both."""
    if value is None:
        return ("oral",)
    routes = schema.texts(value, where, origin, required=True)
    unknown = [route for route in routes if route not in ROUTES]
    if unknown:
        raise schema.fail(origin, where, f"{unknown[0]!r} is not one of {', '.join(ROUTES)}")
    if "oral" in routes and len(routes) > 1:
        raise schema.fail(origin, where, "a product is given by mouth or by injection, not both")
    if len(set(routes)) != len(routes):
        raise schema.fail(origin, where, "names a route twice")
    return routes


def _price(
    table: TomlTable, where: str, origin: str
) -> tuple[float | None, str | None, float | None]:
    """A package's price, its currency and its units: price and units go together."""
    if ("price" in table) != ("units_per_package" in table):
        raise schema.fail(
            origin, where, "needs price and units_per_package together (a package's price)"
        )
    if "price" not in table:
        if "currency" in table:
            raise schema.fail(origin, f"{where}.currency", "needs a price")
        return None, None, None
    price = schema.number(table["price"], f"{where}.price", origin, positive=True)
    units = schema.number(
        table["units_per_package"], f"{where}.units_per_package", origin, positive=True
    )
    currency = schema.optional_text(table.get("currency"), f"{where}.currency", origin)
    return price, currency.strip() if currency else None, units


def build_catalogue(
    documents: Sequence[tuple[TomlTable, str]],
    atomic_weights: Mapping[str, float],
    count_units: Mapping[str, str],
) -> Catalogue:
    """Forms and products from several files, in order; a clash is an error, never an override."""
    catalogue = Catalogue(atomic_weights["Mg"])
    for document, origin in documents:
        schema.known_keys(document, FILE_KEYS, "the file", origin)
        forms_table = schema.table(document.get("forms", {}), "forms", origin)
        for key, table in forms_table.items():
            catalogue.add_form(build_form(key, table, origin, atomic_weights), origin)
        products_table = schema.table(document.get("products", {}), "products", origin)
        for key, table in products_table.items():
            product = build_product(key, table, origin, catalogue, count_units)
            catalogue.add_product(product, origin)
    return catalogue


def parse_atomic_weights(document: TomlTable, origin: str) -> dict[str, float]:
    weights = document.get("weights")
    if not isinstance(weights, dict) or "Mg" not in weights:
        raise schema.fail(origin, "[weights]", "must be a table that includes Mg")
    return {
        element: schema.number(weight, f"weights.{element}", origin, positive=True)
        for element, weight in weights.items()
    }
