"""Magnesium compounds: forms, their variants, and finding one by a forgiving name."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from mgcalc.core.chemistry import (
    FormulaError,
    atom_counts,
    hydrate_count_of_name,
    hydrate_water,
    molar_mass,
)
from mgcalc.core.errors import DataFileError, MgcalcError
from mgcalc.core.records import Record


class Variant(Record):
    key: str
    formula: str
    magnesium_atoms: int
    molar_mass: float  # g/mol
    elemental_fraction: float  # mass of Mg / mass of compound
    synonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    published: str | None = None


class Form(Record):
    key: str
    name: str
    aliases: tuple[str, ...]
    default_variant: str
    variants: Mapping[str, Variant]
    note: str
    ambiguity: str | None
    sources: tuple[str, ...]

    def variant(self, name: str | None) -> Variant:
        if name is None:
            return self.variants[self.default_variant]
        wanted = normalise_name(name)
        for variant in self.variants.values():
            if wanted == variant.key or wanted in variant.synonyms:
                return variant
        raise UnknownVariantError(self, name)

    @property
    def highest_fraction(self) -> float:
        return max(v.elemental_fraction for v in self.variants.values())


class Product(Record):
    """A user's product: the label's elemental magnesium per counted unit."""

    key: str
    name: str
    form: Form
    variant: Variant
    elemental_mg: float  # per unit, as the label states it
    compound_mg: float | None  # per unit, when the label states it
    unit: str  # capsule, tablet, scoop, ...
    aliases: tuple[str, ...]
    source: str

    @property
    def elemental_fraction(self) -> float:
        if self.compound_mg:
            return self.elemental_mg / self.compound_mg
        return self.variant.elemental_fraction


class Resolved(Record):
    form: Form
    variant: Variant
    variant_given: bool  # False when the form's default was used
    product: Product | None = None


class UnknownFormError(MgcalcError):
    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f" (did you mean {_quoted_choices(suggestions)}?)" if suggestions else ""
        super().__init__(f"unknown form {name!r}{hint}; 'mgcalc forms' lists them all")


class UnknownVariantError(MgcalcError):
    def __init__(self, form: Form, name: str) -> None:
        known = list(form.variants)
        super().__init__(
            f"unknown variant {name!r} of {form.key}; known: {', '.join(known)}"
            f" (default {form.default_variant})"
        )


def _quoted_choices(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


_PREFIXES = ("magnesium-", "mg-")


def normalise_name(name: str) -> str:
    """'Magnesium L_Threonate' -> 'l-threonate'."""
    text = "-".join(name.lower().replace("_", " ").split())
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :]
    return text


class Catalogue:
    """Every known form and product, looked up by key, alias or 'form:variant'."""

    def __init__(self, magnesium_molar_mass: float) -> None:
        self.magnesium_molar_mass = magnesium_molar_mass
        # Forms in file order; None until a trusted form is first used (see add_unbuilt_form).
        self._forms: dict[str, Form | None] = {}
        self._builders: dict[str, Callable[[], Form]] = {}
        self.products: dict[str, Product] = {}
        # name -> (form key, variant key or None, product key or None)
        self._names: dict[str, tuple[str, str | None, str | None]] = {}
        self._origins: dict[str, str] = {}
        self.recipes: dict[tuple[object, ...], Any] = {}  # see convert.recipe_for

    @property
    def forms(self) -> dict[str, Form]:
        """Every form, in file order (building any not yet built)."""
        return {key: self.form(key) for key in self._forms}

    def form(self, key: str) -> Form:
        form = self._forms[key]
        if form is None:
            form = self._forms[key] = self._builders.pop(key)()
        return form

    def add_form(self, form: Form, origin: str) -> None:
        self._register_form(form.key, origin)
        self._forms[form.key] = form
        for alias in form.aliases:
            self._add_name(alias, (form.key, None, None), origin, f"forms.{form.key}.aliases")
        for variant in form.variants.values():
            where = f"forms.{form.key}.variants.{variant.key}.aliases"
            for alias in variant.aliases:
                self._add_name(alias, (form.key, variant.key, None), origin, where)

    def add_unbuilt_form(
        self, key: str, table: Mapping[str, Any], origin: str, build: Callable[[], Form]
    ) -> None:
        """A form from trusted data (the built-in file, validated when the wheel is built
        and by the tests): its names now, its formulas only when it is first used."""
        self._register_form(key, origin)
        self._forms[key] = None
        self._builders[key] = build
        for alias in table.get("aliases", []):
            self._add_name(normalise_name(alias), (key, None, None), origin, f"forms.{key}")
        for variant_key, variant in table["variants"].items():
            for alias in variant.get("aliases", []):
                self._add_name(normalise_name(alias), (key, variant_key, None), origin, key)

    def _register_form(self, key: str, origin: str) -> None:
        if key in self._forms:
            raise DataFileError(
                f"{origin}: forms.{key} clashes with the form of that name from "
                f"{self._origins[key]}"
            )
        self._add_name(key, (key, None, None), origin, f"forms.{key}")

    def add_product(self, product: Product, origin: str) -> None:
        self.products[product.key] = product
        target = (product.form.key, product.variant.key, product.key)
        self._add_name(product.key, target, origin, f"products.{product.key}")
        for alias in product.aliases:
            self._add_name(alias, target, origin, f"products.{product.key}.aliases")

    def _add_name(
        self, name: str, target: tuple[str, str | None, str | None], origin: str, where: str
    ) -> None:
        if name in self._names:
            raise DataFileError(
                f"{origin}: {where}: the name {name!r} is already used in {self._origins[name]}"
            )
        self._names[name] = target
        self._origins[name] = origin

    def names_starting(self, prefix: str) -> list[str]:
        """The names (forms, aliases, products) that begin with prefix, or, after a colon,
        that form's variants: what a shell offers on TAB."""
        form_name, colon, variant_prefix = prefix.partition(":")
        if not colon:
            start = normalise_name(prefix) if prefix.strip() else ""
            return sorted(name for name in self._names if name.startswith(start))
        found = self._names.get(normalise_name(form_name))
        if found is None or found[1] is not None:  # unknown, or the name fixes its variant
            return []
        variants = self.form(found[0]).variants
        wanted = variant_prefix.lower()
        return [f"{form_name}:{key}" for key in variants if key.startswith(wanted)]

    def resolve(self, form_name: str, variant_name: str | None = None) -> Resolved:
        key = normalise_name(form_name)
        found = self._names.get(key)
        if found is None:
            import difflib  # only on the error path

            raise UnknownFormError(form_name, difflib.get_close_matches(key, self._names, n=3))
        form_key, alias_variant, product_key = found
        form = self.form(form_key)
        product = self.products[product_key] if product_key else None
        if variant_name is not None:
            variant = form.variant(variant_name)
            if alias_variant is not None and variant.key != alias_variant:
                raise MgcalcError(
                    f"{form_name!r} already means {form_key}:{alias_variant}; "
                    f"write {form_key}:{variant.key} instead"
                )
            return Resolved(form, variant, True, product)
        if alias_variant is not None:
            return Resolved(form, form.variants[alias_variant], True, product)
        return Resolved(form, form.variant(None), False)


# Building a catalogue from parsed TOML, with errors that name the file and key.


def _expect(value: Any, kind: type, where: str, origin: str) -> Any:
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        expected = "a non-empty string" if kind is str else f"a {kind.__name__}"
        raise DataFileError(f"{origin}: {where} must be {expected}")
    if isinstance(value, str):
        _printable(value, where, origin)
    return value


def _printable(text: str, where: str, origin: str) -> None:
    # Text from a user's file is shown in a terminal: no escape sequences in it.
    if not text.isprintable():
        raise DataFileError(f"{origin}: {where} contains a control character")


def _string_list(table: Mapping[str, Any], key: str, where: str, origin: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(f"{origin}: {where}.{key} must be a list of non-empty strings")
    for text in value:
        _printable(text, f"{where}.{key}", origin)
    return tuple(normalise_name(v) for v in value)


def _check_keys(table: Mapping[str, Any], allowed: set[str], where: str, origin: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise DataFileError(f"{origin}: {where} has unknown key {unknown[0]!r}")


_FORM_KEYS = {"name", "aliases", "default_variant", "note", "ambiguity", "sources", "variants"}
_VARIANT_KEYS = {"formula", "synonyms", "aliases", "published"}


def build_variant(
    key: str,
    table: Any,
    where: str,
    origin: str,
    atomic_weights: Mapping[str, float],
) -> Variant:
    _printable(key, where, origin)
    _expect(table, dict, where, origin)
    _check_keys(table, _VARIANT_KEYS, where, origin)
    formula = _expect(table.get("formula"), str, f"{where}.formula", origin)
    try:
        counts = atom_counts(formula)
        mass = molar_mass(counts, atomic_weights)
        water = hydrate_water(formula)
    except FormulaError as error:
        raise DataFileError(f"{origin}: {where}.formula: {error.message}") from None
    magnesium_atoms = counts.get("Mg", 0)
    if magnesium_atoms < 1:
        raise DataFileError(f"{origin}: {where}.formula {formula!r} contains no Mg")
    promised = hydrate_count_of_name(key)
    if promised is not None and promised != water:
        raise DataFileError(
            f"{origin}: {where}.formula {formula!r} has {water} H2O after a dot, "
            f"but the name {key!r} says {promised}"
        )
    fraction = magnesium_atoms * atomic_weights["Mg"] / mass
    if not (0.0 < fraction < 1.0 and math.isfinite(fraction)):
        raise DataFileError(f"{origin}: {where}.formula gives an impossible fraction {fraction}")
    published = table.get("published")
    if published is not None:
        _expect(published, str, f"{where}.published", origin)
    return Variant(
        key=key,
        formula=formula,
        magnesium_atoms=magnesium_atoms,
        molar_mass=mass,
        elemental_fraction=fraction,
        synonyms=_string_list(table, "synonyms", where, origin),
        aliases=_string_list(table, "aliases", where, origin),
        published=published,
    )


def build_form(key: str, table: Any, origin: str, atomic_weights: Mapping[str, float]) -> Form:
    where = f"forms.{key}"
    _printable(key, where, origin)
    _expect(table, dict, where, origin)
    _check_keys(table, _FORM_KEYS, where, origin)
    if normalise_name(key) != key:
        raise DataFileError(f"{origin}: {where}: form keys are lower-case words joined by '-'")
    variants_table = _expect(table.get("variants"), dict, f"{where}.variants", origin)
    if not variants_table:
        raise DataFileError(f"{origin}: {where}.variants is empty")
    variants = {
        vkey: build_variant(vkey, vtable, f"{where}.variants.{vkey}", origin, atomic_weights)
        for vkey, vtable in variants_table.items()
    }
    default = _expect(table.get("default_variant"), str, f"{where}.default_variant", origin)
    if default not in variants:
        raise DataFileError(
            f"{origin}: {where}.default_variant {default!r} is not one of its variants"
        )
    sources = _string_list(table, "sources", where, origin)
    if not sources:
        raise DataFileError(f"{origin}: {where}.sources must name at least one source")
    ambiguity = table.get("ambiguity")
    if ambiguity is not None:
        _expect(ambiguity, str, f"{where}.ambiguity", origin)
    return Form(
        key=key,
        name=_expect(table.get("name"), str, f"{where}.name", origin),
        aliases=_string_list(table, "aliases", where, origin),
        default_variant=default,
        variants=variants,
        note=_expect(table.get("note"), str, f"{where}.note", origin),
        ambiguity=ambiguity,
        sources=tuple(table["sources"]),
    )


_PRODUCT_KEYS = {"name", "form", "elemental_mg", "compound_mg", "unit", "aliases", "source"}
_FILE_KEYS = {"forms", "products"}


def build_product(
    key: str, table: Any, origin: str, catalogue: Catalogue, count_units: Mapping[str, str]
) -> Product:
    where = f"products.{key}"
    _printable(key, where, origin)
    _expect(table, dict, where, origin)
    _check_keys(table, _PRODUCT_KEYS, where, origin)
    if normalise_name(key) != key:
        raise DataFileError(f"{origin}: {where}: product keys are lower-case words joined by '-'")
    form_text = _expect(table.get("form"), str, f"{where}.form", origin)
    form_name, _, variant_name = form_text.partition(":")
    try:
        resolved = catalogue.resolve(form_name, variant_name or None)
    except MgcalcError as error:
        raise DataFileError(f"{origin}: {where}.form: {error.message}") from None
    elemental = _positive(table.get("elemental_mg"), f"{where}.elemental_mg", origin)
    compound = table.get("compound_mg")
    if compound is not None:
        compound = _positive(compound, f"{where}.compound_mg", origin)
        if elemental > compound:
            raise DataFileError(
                f"{origin}: {where}: elemental_mg {elemental:g} is more than compound_mg "
                f"{compound:g} (a fraction above 1)"
            )
    unit_text = _expect(table.get("unit"), str, f"{where}.unit", origin).strip().lower()
    unit = count_units.get(unit_text)
    if unit is None:
        raise DataFileError(
            f"{origin}: {where}.unit {unit_text!r} is not a counted unit; use one of "
            f"{', '.join(sorted(set(count_units.values())))}"
        )
    return Product(
        key=key,
        name=_expect(table.get("name"), str, f"{where}.name", origin),
        form=resolved.form,
        variant=resolved.variant,
        elemental_mg=elemental,
        compound_mg=compound,
        unit=unit,
        aliases=_string_list(table, "aliases", where, origin),
        source=_expect(table.get("source"), str, f"{where}.source", origin),
    )


def _positive(value: Any, where: str, origin: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataFileError(f"{origin}: {where} must be a number")
    if not (math.isfinite(value) and value > 0):
        raise DataFileError(f"{origin}: {where} must be a finite number above 0")
    return float(value)


def build_catalogue(
    documents: Sequence[tuple[Mapping[str, Any], str]],
    atomic_weights: Mapping[str, float],
    count_units: Mapping[str, str],
    *,
    trusted: int = 0,
) -> Catalogue:
    """Forms and products from several files, in order; a clash is an error, never an override.

    The forms of the first `trusted` documents are built when first used; all others are
    validated in full here.
    """
    catalogue = Catalogue(atomic_weights["Mg"])
    for index, (document, origin) in enumerate(documents):
        _check_keys(document, _FILE_KEYS, "the file", origin)
        forms_table = _expect(document.get("forms", {}), dict, "forms", origin)
        for key, table in forms_table.items():
            if index < trusted:
                catalogue.add_unbuilt_form(
                    key, table, origin, partial(build_form, key, table, origin, atomic_weights)
                )
            else:
                catalogue.add_form(build_form(key, table, origin, atomic_weights), origin)
        products_table = _expect(document.get("products", {}), dict, "products", origin)
        for key, table in products_table.items():
            product = build_product(key, table, origin, catalogue, count_units)
            catalogue.add_product(product, origin)
    return catalogue
