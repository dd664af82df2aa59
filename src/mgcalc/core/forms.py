"""Magnesium compounds: forms, their variants, products, and finding one by a forgiving name."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from mgcalc.core.chemistry import written_formula
from mgcalc.core.errors import DataFileError, MgcalcError


class Variant(NamedTuple):
    key: str
    formula: str
    magnesium_atoms: int
    molar_mass: float  # g/mol
    elemental_fraction: float  # mass of Mg / mass of compound
    synonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    published: str | None = None


class Form(NamedTuple):
    key: str
    name: str
    aliases: tuple[str, ...]
    default_variant: str
    variants: Mapping[str, Variant]
    note: str
    ambiguity: str | None
    sources: tuple[str, ...]
    alias_notes: Mapping[str, str] = MappingProxyType({})  # brand-like aliases' label figures
    label_percent_max: float | None = None  # blends included; None: the formulas' highest
    label_only: bool = False  # a mixture with no single formula: the label's figure is needed
    injection_variant: str | None = None  # the salt an injection of this form is made of
    # The % Mg every label of a trade name (or of a mixture) states: its figure as sold.
    sold_percents: Mapping[str, float] = MappingProxyType({})  # by alias; '' for the form

    def variant(self, name: str | None) -> Variant | None:
        """A variant by name or synonym; None for a mixture with no formula."""
        if self.label_only:
            if name is not None:
                raise MgcalcError(f"{self.key} has no formula, so no variants ({name!r})")
            return None
        if name is None:
            return self.variants[self.default_variant]
        wanted = normalise_name(name)
        for variant in self.variants.values():
            if wanted == variant.key or wanted in variant.synonyms:
                return variant
        raise UnknownVariantError(self, name)

    @property
    def plausible_percent(self) -> float:
        """The highest % Mg a product of this form plausibly has."""
        if self.label_percent_max is not None:
            return self.label_percent_max
        return 100 * max(v.elemental_fraction for v in self.variants.values())


class Product(NamedTuple):
    """A product: its magnesium per counted unit, or per `per_ml` of a liquid."""

    key: str
    name: str
    form: Form
    variant: Variant
    elemental_mg: float  # per unit: the label's figure, else the compound's by its formula
    compound_mg: float | None  # per unit, when the label states it
    unit: str  # capsule, tablet, scoop, ...; mL for a liquid
    aliases: tuple[str, ...]
    source: str
    per_ml: float | None = None  # a liquid: the volume its figures are for
    routes: tuple[str, ...] = ("oral",)  # as its label gives it: 'oral', or 'IV' and/or 'IM'
    elemental_from_label: bool = False  # elemental_mg is the label's figure, not the formula's
    price: float | None = None  # of one package, in `currency` (as the user writes it)
    currency: str | None = None
    units_per_package: float | None = None  # in `unit`: tablets, or mL of a liquid
    origin: str = ""  # the file it was read from

    @property
    def elemental_mg_per_unit(self) -> float:
        """Magnesium in one counted unit: a tablet, or one mL of a liquid."""
        return self.elemental_mg / self.per_ml if self.per_ml else self.elemental_mg

    @property
    def injection(self) -> bool:
        """Given IV or IM: a check reports it apart from magnesium by mouth."""
        return "oral" not in self.routes

    @property
    def elemental_fraction(self) -> float | None:
        """The label's (or, from the compound's weight, the formula's) fraction; None when
        the label gives only its magnesium, so no compound weight can be said."""
        if self.compound_mg:
            return self.elemental_mg / self.compound_mg
        return None if self.elemental_from_label else self.variant.elemental_fraction


class Resolved(NamedTuple):
    form: Form
    variant: Variant | None  # None for a mixture with no formula
    variant_given: bool  # False when the form's default was used
    product: Product | None = None
    alias_note: str | None = None  # what the name used needs said
    by_formula: bool = False  # the name was a chemical formula ('MgSO4')
    sold_percent: float | None = None  # the % Mg every label of the name states


class UnknownFormError(MgcalcError):
    def __init__(
        self, name: str, suggestions: list[tuple[str, str]], *, foods: str | None = None
    ) -> None:
        """`suggestions`: (a name, the compound it names); each is said with its compound.
        `foods`, where the foods were searched too: '' or the food a close spelling names."""
        self.name = name
        self.suggestions = suggestions
        named = [f"'{key}' ({compound})" for key, compound in suggestions]
        if foods is None:
            what, lists = "form", "'mgcalc forms' lists them all"
        else:
            what = "form or food"
            lists = "'mgcalc forms' lists the forms, 'mgcalc foods WORDS' searches the foods"
            named += [f"the food {foods!r}"] if foods else []
        hint = f" (did you mean {_either(named)}?)" if named else ""
        super().__init__(f"unknown {what} {name!r}{hint}; {lists}")

    def or_food(self, food_spelling: str | None) -> UnknownFormError:
        """The error for a name that is neither a form nor a food, with both's suggestions."""
        return UnknownFormError(self.name, self.suggestions, foods=food_spelling or "")


class UnknownVariantError(MgcalcError):
    def __init__(self, form: Form, name: str) -> None:
        super().__init__(
            f"unknown variant {name!r} of {form.key}; known: {', '.join(form.variants)}"
            f" (default {form.default_variant})"
        )


def _either(choices: list[str]) -> str:
    return choices[0] if len(choices) == 1 else ", ".join(choices[:-1]) + " or " + choices[-1]


_PREFIXES = ("magnesium-", "mg-")


def normalise_name(name: str) -> str:
    """'Magnesium L_Threonate' -> 'l-threonate'."""
    text = "-".join(name.lower().replace("_", " ").split())
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :]
    return text


class _Target(NamedTuple):
    """What a name selects: a form, perhaps one of its variants, perhaps a product."""

    form: str
    variant: str | None = None
    product: str | None = None


class Catalogue:
    """Every known form and product, looked up by key, alias or 'form:variant'."""

    def __init__(self, magnesium_molar_mass: float) -> None:
        self.magnesium_molar_mass = magnesium_molar_mass
        self.forms: dict[str, Form] = {}  # in file order
        self.products: dict[str, Product] = {}
        self._names: dict[str, _Target] = {}
        self._origins: dict[str, str] = {}
        self._formulas: dict[str, _Target] = {}  # a formula names its exact variant

    def add_form(self, form: Form, origin: str) -> None:
        if form.key in self.forms:
            raise DataFileError(
                f"{origin}: forms.{form.key} clashes with the form of that name from "
                f"{self._origins[form.key]}"
            )
        self._add_name(form.key, _Target(form.key), origin, f"forms.{form.key}")
        self.forms[form.key] = form
        for alias in form.aliases:
            self._add_name(alias, _Target(form.key), origin, f"forms.{form.key}.aliases")
        for variant in form.variants.values():
            where = f"forms.{form.key}.variants.{variant.key}.aliases"
            for alias in variant.aliases:
                self._add_name(alias, _Target(form.key, variant.key), origin, where)
            # The first form to use a formula keeps it (a user's file may repeat a built-in one).
            key = written_formula(variant.formula).lower()
            self._formulas.setdefault(key, _Target(form.key, variant.key))

    def add_product(self, product: Product, origin: str) -> None:
        self.products[product.key] = product
        target = _Target(product.form.key, product.variant.key, product.key)
        self._add_name(product.key, target, origin, f"products.{product.key}")
        for alias in product.aliases:
            self._add_name(alias, target, origin, f"products.{product.key}.aliases")

    def _add_name(self, name: str, target: _Target, origin: str, where: str) -> None:
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
        if found is None or found.variant is not None:  # unknown, or the name fixes its variant
            return []
        wanted = variant_prefix.lower()
        variants = self.forms[found.form].variants
        return [f"{form_name}:{key}" for key in variants if key.startswith(wanted)]

    def _name_and_variant(self, key: str) -> tuple[str, str] | None:
        """'citrate-nonahydrate' -> ('citrate', 'nonahydrate'): a name whose last words are a
        variant of the form the first ones name ('magnesium chloride hexahydrate')."""
        words = key.split("-")
        for cut in range(len(words) - 1, 0, -1):
            name, variant = "-".join(words[:cut]), "-".join(words[cut:])
            found = self._names.get(name)
            if found is None or found.product is not None:
                continue
            form = self.forms[found.form]
            if any(variant == v.key or variant in v.synonyms for v in form.variants.values()):
                return name, variant
        return None

    def _one_of_two_names(self, key: str) -> str | None:
        """'l-threonate-magtein' -> 'magtein': a name written with a trade name of the same
        form beside it is the trade name (which carries its labels' figure)."""
        words = [word for word in key.split("-") if word not in ("magnesium", "mg")]
        for cut in range(1, len(words)):
            first, second = "-".join(words[:cut]), "-".join(words[cut:])
            one, other = self._names.get(first), self._names.get(second)
            if one is None or other is None or one.form != other.form or one.product:
                continue
            sold = self.forms[one.form].sold_percents
            return second if second in sold else first
        return None

    def resolve(self, form_name: str, variant_name: str | None = None) -> Resolved:
        """The form (and variant, product) a name selects. A chemical formula selects exactly
        that compound: 'MgCl2' is anhydrous chloride, 'MgCl2.6H2O' the hexahydrate."""
        key = normalise_name(form_name)
        formula = written_formula(form_name).lower()  # no two of ours differ only in case
        by_formula = formula in self._formulas
        found = self._formulas.get(formula) or self._names.get(key)
        if found is None and variant_name is None:
            named = self._name_and_variant(key)
            if named is not None:
                key, variant_name = named
                found = self._names[key]
        if found is None:
            key = self._one_of_two_names(key) or key
            found = self._names.get(key)
        if found is None:
            # Close spellings only (0.8), and names that share a word of the name given (by
            # meaning): each said with its compound, so that another compound reads as one.
            close = difflib.get_close_matches(key, self._names, n=3, cutoff=0.8)
            words = {word for word in key.split("-") if len(word) >= 5 and word != "magnesium"}
            close += [name for name in self._names if words & set(name.split("-"))]
            suggestions: dict[str, tuple[str, str]] = {}
            for name in close:
                target = self._names[name]
                if target.form not in suggestions and len(suggestions) < 4:
                    suggestions[target.form] = (name, self.forms[target.form].name)
            raise UnknownFormError(form_name, list(suggestions.values()))
        form = self.forms[found.form]
        product = self.products[found.product] if found.product else None
        alias_note = form.alias_notes.get(key)
        sold = form.sold_percents.get(key, form.sold_percents.get(""))
        if variant_name is not None:
            variant = form.variant(variant_name)
            if found.variant is not None and variant is not None and variant.key != found.variant:
                raise MgcalcError(
                    f"{form_name!r} already means {form.key}:{found.variant}; "
                    f"write {form.key}:{variant.key} instead"
                )
            return Resolved(form, variant, True, product, alias_note)
        if found.variant is not None:
            variant = form.variants[found.variant]
            return Resolved(form, variant, True, product, alias_note, by_formula)
        return Resolved(form, form.variant(None), False, None, alias_note, sold_percent=sold)
