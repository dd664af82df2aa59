"""What magnesium costs: products with a package price, ranked by cost."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

from mgcalc.core.errors import MgcalcError
from mgcalc.core.forms import Product
from mgcalc.core.plan import whole_units


class Offer(NamedTuple):
    """One priced product, and what its magnesium costs."""

    product: Product
    cost_per_100_mg: float  # in the product's currency
    units_per_day: float | None = None  # with a target: whole tablets, or mL of a liquid
    days_per_package: float | None = None
    cost_per_day: float | None = None
    delivered_mg: float | None = None  # a day's units' magnesium (whole tablets round)


class PriceComparison(NamedTuple):
    offers: tuple[Offer, ...]  # cheapest first, by currency
    target_mg: float | None
    unpriced: tuple[Product, ...]  # oral products with no price
    currencies: tuple[str, ...]  # as written; "" for a price with no currency


def compare_prices(products: Iterable[Product], target_mg: float | None = None) -> PriceComparison:
    """Oral products with a price, cheapest magnesium first; with a target (elemental mg a
    day), each one's units a day, days a package and cost a day, cheapest day first.

    Prices in different currencies are ranked apart (grouped by currency), never converted.
    """
    if target_mg is not None and not (math.isfinite(target_mg) and target_mg > 0):
        raise MgcalcError(
            f"{target_mg:g} must be a finite amount above 0 (elemental mg a day)",
            parameter="target_mg",
        )
    oral = [product for product in products if not product.injection]
    offers = [_offer(p, target_mg) for p in oral if p.price is not None]
    currencies = tuple(sorted({offer.product.currency or "" for offer in offers}))

    def rank(offer: Offer) -> tuple[int, float, float, str]:
        per_day = offer.cost_per_day if offer.cost_per_day is not None else 0.0
        group = currencies.index(offer.product.currency or "")
        return group, per_day, offer.cost_per_100_mg, offer.product.key

    return PriceComparison(
        tuple(sorted(offers, key=rank)),
        target_mg,
        tuple(p for p in oral if p.price is None),
        currencies,
    )


def _offer(product: Product, target_mg: float | None) -> Offer:
    assert product.price is not None
    assert product.units_per_package is not None
    per_unit = product.elemental_mg_per_unit
    package_mg = per_unit * product.units_per_package
    cost_per_100_mg = product.price / package_mg * 100
    if target_mg is None:
        return Offer(product, cost_per_100_mg)
    exact = target_mg / per_unit
    units = exact if product.per_ml else float(whole_units(exact))  # liquids are measured
    return Offer(
        product,
        cost_per_100_mg,
        units_per_day=units,
        days_per_package=product.units_per_package / units,
        cost_per_day=product.price * units / product.units_per_package,
        delivered_mg=units * per_unit,
    )
