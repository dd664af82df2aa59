"""Magnesium compounds: forms, their variants, and finding one by a forgiving name."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mgcalc.core.chemistry import (
    FormulaError,
    atom_counts,
    hydrate_count_of_name,
    hydrate_water,
    molar_mass,
)
from mgcalc.core.errors import DataFileError, MgcalcError


@dataclass(frozen=True, slots=True)
class Variant:
    key: str
    formula: str
    magnesium_atoms: int
    molar_mass: float  # g/mol
    elemental_fraction: float  # mass of Mg / mass of compound
    synonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Form:
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


@dataclass(frozen=True, slots=True)
class Resolved:
    form: Form
    variant: Variant
    variant_given: bool  # False when the form's default was used


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


_SEPARATORS = re.compile(r"[\s_]+")
_PREFIXES = ("magnesium-", "mg-")


def normalise_name(name: str) -> str:
    """'Magnesium L_Threonate' -> 'l-threonate'."""
    text = _SEPARATORS.sub("-", name.strip().lower())
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :]
    return text


class Catalogue:
    """Every known form, looked up by key, alias or 'form:variant'."""

    def __init__(self, forms: Mapping[str, Form], magnesium_molar_mass: float) -> None:
        self.forms = forms
        self.magnesium_molar_mass = magnesium_molar_mass
        self._names: dict[str, tuple[str, str | None]] = {}
        for form in forms.values():
            self._add_name(form.key, form.key, None)
            for alias in form.aliases:
                self._add_name(alias, form.key, None)
            for variant in form.variants.values():
                for alias in variant.aliases:
                    self._add_name(alias, form.key, variant.key)

    def _add_name(self, name: str, form_key: str, variant_key: str | None) -> None:
        taken = self._names.get(name)
        if taken is not None:
            raise DataFileError(f"name {name!r} is used by both {taken[0]} and {form_key}")
        self._names[name] = (form_key, variant_key)

    def names(self) -> list[str]:
        return sorted(self._names)

    def resolve(self, form_name: str, variant_name: str | None = None) -> Resolved:
        key = normalise_name(form_name)
        found = self._names.get(key)
        if found is None:
            import difflib  # only on the error path

            raise UnknownFormError(form_name, difflib.get_close_matches(key, self._names, n=3))
        form_key, alias_variant = found
        form = self.forms[form_key]
        if variant_name is not None:
            variant = form.variant(variant_name)
            if alias_variant is not None and variant.key != alias_variant:
                raise MgcalcError(
                    f"{form_name!r} already means {form_key}:{alias_variant}; "
                    f"write {form_key}:{variant.key} instead"
                )
            return Resolved(form, variant, True)
        if alias_variant is not None:
            return Resolved(form, form.variants[alias_variant], True)
        return Resolved(form, form.variant(None), False)


# Building a catalogue from parsed TOML, with errors that name the file and key.


def _expect(value: Any, kind: type, where: str, origin: str) -> Any:
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        expected = "a non-empty string" if kind is str else f"a {kind.__name__}"
        raise DataFileError(f"{origin}: {where} must be {expected}")
    return value


def _string_list(table: Mapping[str, Any], key: str, where: str, origin: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(f"{origin}: {where}.{key} must be a list of non-empty strings")
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
    if not (0.0 < fraction < 1.0 and math.isfinite(fraction)):  # pragma: no cover - Mg plus atoms
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


def build_catalogue(
    document: Mapping[str, Any], origin: str, atomic_weights: Mapping[str, float]
) -> Catalogue:
    forms_table = _expect(document.get("forms"), dict, "forms", origin)
    forms = {
        key: build_form(key, table, origin, atomic_weights) for key, table in forms_table.items()
    }
    try:
        return Catalogue(forms, atomic_weights["Mg"])
    except DataFileError as error:
        raise DataFileError(f"{origin}: {error.message}") from None
