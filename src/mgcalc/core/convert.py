"""The arithmetic: an item and its form give compound and elemental amounts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from mgcalc.core.errors import MgcalcError
from mgcalc.core.forms import Catalogue, Form, Variant
from mgcalc.core.items import ItemSpec
from mgcalc.core.units import UnitKind, mmol_to_meq

# Larger amounts are typing mistakes, not doses (a day's Epsom salt laxative is ~30 g).
MAX_MG_PER_SERVING = 1_000_000.0


class Converted(NamedTuple):
    item: ItemSpec
    form: Form
    variant: Variant
    elemental_fraction: float  # the formula's, or the label's when a percent was given
    compound_mg: float  # per day, servings included
    elemental_mg: float  # per day, servings included
    elemental_mmol: float
    elemental_meq: float
    notes: tuple[str, ...]


class Total(NamedTuple):
    elemental_mg: float
    elemental_mmol: float
    elemental_meq: float


def convert(item: ItemSpec, catalogue: Catalogue) -> Converted:
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

    mg_per_mmol = catalogue.magnesium_molar_mass
    per_serving = item.amount * item.unit.to_base
    if product is not None:
        elemental_mg = per_serving * product.elemental_mg
        compound_mg = elemental_mg / fraction
    elif item.unit.kind is UnitKind.MAGNESIUM:
        elemental_mg = per_serving * mg_per_mmol
        compound_mg = elemental_mg / fraction
    elif item.elemental:
        elemental_mg = per_serving
        compound_mg = elemental_mg / fraction
    else:
        compound_mg = per_serving
        elemental_mg = compound_mg * fraction
    if max(compound_mg, elemental_mg) > MAX_MG_PER_SERVING:
        raise MgcalcError(
            f"{item.text!r} is more than {MAX_MG_PER_SERVING / 1e6:g} kg per serving; "
            "check the amount and unit"
        )
    compound_mg *= item.servings
    elemental_mg *= item.servings
    elemental_mmol = elemental_mg / mg_per_mmol
    return Converted(
        item=item,
        form=form,
        variant=variant,
        elemental_fraction=fraction,
        compound_mg=compound_mg,
        elemental_mg=elemental_mg,
        elemental_mmol=elemental_mmol,
        elemental_meq=mmol_to_meq(elemental_mmol),
        notes=tuple(notes),
    )


def total(items: Iterable[Converted], mg_per_mmol: float) -> Total:
    elemental_mg = sum(c.elemental_mg for c in items)
    elemental_mmol = elemental_mg / mg_per_mmol
    return Total(elemental_mg, elemental_mmol, mmol_to_meq(elemental_mmol))
