"""The arithmetic: an item and its form give compound and elemental amounts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from mgcalc.core.errors import MgcalcError
from mgcalc.core.forms import Catalogue, Form, Variant
from mgcalc.core.items import ItemSpec
from mgcalc.core.records import Record
from mgcalc.core.units import UnitKind, mmol_to_meq

# Larger amounts are typing mistakes, not doses (a day's Epsom salt laxative is ~30 g).
MAX_MG_PER_SERVING = 1_000_000.0


class Recipe(Record):
    """How to turn an amount into magnesium for one kind of item (all but its amount)."""

    form: Form
    variant: Variant
    fraction: float  # the formula's, the label's or the product's
    to_elemental: float  # elemental mg per base unit of the amount (mg, mmol, count)
    amount_is_compound: bool  # the amount weighs the compound, not the magnesium
    notes: tuple[str, ...]


class Converted(NamedTuple):
    item: ItemSpec
    recipe: Recipe  # shared by every item of the same kind
    compound_mg: float  # per day, servings included
    elemental_mg: float  # per day, servings included
    elemental_mmol: float
    elemental_meq: float

    @property
    def form(self) -> Form:
        return self.recipe.form

    @property
    def variant(self) -> Variant:
        return self.recipe.variant

    @property
    def elemental_fraction(self) -> float:
        """The formula's, or the label's when a percent or a product gave it."""
        return self.recipe.fraction

    @property
    def notes(self) -> tuple[str, ...]:
        return self.recipe.notes


class Total(Record):
    elemental_mg: float
    elemental_mmol: float
    elemental_meq: float


def recipe_for(item: ItemSpec, catalogue: Catalogue) -> Recipe:
    """Resolve the form and work out the fraction and notes; cached per kind of item."""
    key = (item.unit, item.form, item.variant, item.percent, item.elemental)
    recipe: Recipe | None = catalogue.recipes.get(key)
    if recipe is None:
        recipe = _make_recipe(item, catalogue)
        if len(catalogue.recipes) >= 10_000:  # bounded, whatever the input
            catalogue.recipes.clear()
        catalogue.recipes[key] = recipe
    return recipe


def _make_recipe(item: ItemSpec, catalogue: Catalogue) -> Recipe:
    resolved = catalogue.resolve(item.form, item.variant)
    form, variant, product = resolved.form, resolved.variant, resolved.product
    notes: list[str] = []
    if (product is None) != (item.unit.kind is not UnitKind.COUNT):
        if product is None:
            raise MgcalcError(
                f"{item.unit.symbol!r} counts a product's units; {item.form!r} is a form, "
                "so give a weight (mg, g) or define the product in a --forms file"
            )
        raise MgcalcError(
            f"{item.form!r} is a product counted in {product.unit}s, e.g. '2 {product.unit} "
            f"{product.key}'"
        )
    if product is not None:
        if item.unit.symbol != product.unit:
            raise MgcalcError(
                f"{product.key} is counted in {product.unit}s, not {item.unit.symbol}s"
            )
        if item.percent is not None:
            raise MgcalcError(f"{product.key} already has its label's figure; drop the @%")
        fraction = product.elemental_fraction
        notes.append(
            f"{product.name}: {product.elemental_mg:g} mg magnesium per {product.unit} "
            f"({product.source})"
        )
    elif item.percent is not None:
        fraction = item.percent / 100.0
        notes.append(
            f"elemental fraction {item.percent:g}% taken from the label, "
            f"not from the formula ({variant.elemental_fraction:.2%})"
        )
        if fraction > form.highest_fraction:
            notes.append(
                f"{item.percent:g}% is above every {form.key} variant "
                f"({form.highest_fraction:.2%} at most): likely a blend with another salt"
            )
    else:
        fraction = variant.elemental_fraction
        if not resolved.variant_given and form.ambiguity:
            notes.append(form.ambiguity)
    if product is not None:
        to_elemental, is_compound = product.elemental_mg, False
    elif item.unit.kind is UnitKind.MAGNESIUM:
        to_elemental, is_compound = catalogue.magnesium_molar_mass, False
    elif item.elemental:
        to_elemental, is_compound = 1.0, False
    else:
        to_elemental, is_compound = fraction, True
    return Recipe(form, variant, fraction, to_elemental, is_compound, tuple(notes))


def magnesium_amounts(
    recipe: Recipe, per_serving: float, servings: int, mg_per_mmol: float, text: str
) -> tuple[float, float, float, float]:
    """Compound mg, elemental mg, mmol and mEq per day for `per_serving` base units."""
    if recipe.amount_is_compound:
        compound_mg = per_serving
        elemental_mg = compound_mg * recipe.fraction
    else:
        elemental_mg = per_serving * recipe.to_elemental
        compound_mg = elemental_mg / recipe.fraction
    if compound_mg > MAX_MG_PER_SERVING or elemental_mg > MAX_MG_PER_SERVING:
        raise MgcalcError(
            f"{text!r} is more than {MAX_MG_PER_SERVING / 1e6:g} kg per serving; "
            "check the amount and unit"
        )
    if servings != 1:
        compound_mg *= servings
        elemental_mg *= servings
    elemental_mmol = elemental_mg / mg_per_mmol
    return compound_mg, elemental_mg, elemental_mmol, mmol_to_meq(elemental_mmol)


def convert(item: ItemSpec, catalogue: Catalogue) -> Converted:
    recipe = recipe_for(item, catalogue)
    amounts = magnesium_amounts(
        recipe,
        item.amount * item.unit.to_base,
        item.servings,
        catalogue.magnesium_molar_mass,
        item.text,
    )
    return Converted(item, recipe, *amounts)


def total(items: Iterable[Converted], mg_per_mmol: float) -> Total:
    elemental_mg = sum(c.elemental_mg for c in items)
    elemental_mmol = elemental_mg / mg_per_mmol
    return Total(elemental_mg, elemental_mmol, mmol_to_meq(elemental_mmol))
