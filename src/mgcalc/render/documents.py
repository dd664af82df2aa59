"""The JSON contract: results of the core as plain, JSON-ready dictionaries.

Keys are added freely but never renamed: scripts rely on them (see README).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TextIO

from mgcalc.core.check import DayCheck
from mgcalc.core.convert import Conversion, Converted, Total
from mgcalc.core.foods import Found
from mgcalc.core.forms import Form, Product
from mgcalc.core.items import LabelSource, number_text
from mgcalc.core.plan import Plan
from mgcalc.core.prices import PriceComparison
from mgcalc.core.reference import (
    IntakeBand,
    Note,
    Person,
    Reference,
    ReferenceTables,
    UlBand,
)
from mgcalc.core.serum import Serum
from mgcalc.core.units import UnitKind
from mgcalc.datafiles import is_built_in

JsonValue = None | bool | int | float | str | Sequence["JsonValue"] | Mapping[str, "JsonValue"]
Document = dict[str, JsonValue]

DISCLAIMER = "Educational only: mgcalc does not diagnose or prescribe. Ask a clinician."
UNITS_NOTE = "mmol and mEq count Mg ions, not formula units: 1 mmol = 2 mEq = 24.305 mg."
ATOMIC_WEIGHTS_SOURCE = "CIAAW/IUPAC 2021 abridged standard atomic weights (Mg 24.305)"


def explanation(c: Converted) -> str:
    item, variant, mg_per_mmol = c.item, c.variant, c.recipe.mg_per_mmol
    servings = f" × {item.servings} servings" if item.servings > 1 else ""
    amount = f"{number_text(item.amount)} {item.unit.symbol}{servings}"
    if variant is None or c.elemental_fraction is None or c.compound_mg is None:
        return (
            f"{item.describe()}: magnesium of no named compound; {amount} = "
            f"{c.elemental_mg:.6g} mg Mg = {c.elemental_mmol:.6g} mmol = {c.elemental_meq:.6g} mEq."
        )
    formula_text = (
        f"{variant.formula} has {variant.magnesium_atoms} Mg, "
        f"M = {variant.molar_mass:.3f} g/mol, "
        f"fraction = {variant.magnesium_atoms} × {mg_per_mmol} / {variant.molar_mass:.3f} "
        f"= {variant.elemental_fraction:.6f}"
    )
    if item.percent is not None:
        fraction_text = f"fraction {c.elemental_fraction:.6g} from the label's {item.percent:g}%"
    elif c.recipe.label_figures is not None:  # the label's own arithmetic, and the formula's
        magnesium, compound = c.recipe.label_figures
        fraction_text = (
            f"fraction from the label: {magnesium:g} mg Mg / {compound:g} mg = "
            f"{c.elemental_fraction:.6f} (by the formula: {formula_text})"
        )
    else:
        fraction_text = (
            f"{variant.formula} has {variant.magnesium_atoms} Mg, "
            f"M = {variant.molar_mass:.3f} g/mol, "
            f"fraction = {variant.magnesium_atoms} × {mg_per_mmol} / {variant.molar_mass:.3f} "
            f"= {c.elemental_fraction:.6f}"
        )
    if c.item.unit.kind is UnitKind.MAGNESIUM:
        arithmetic = (
            f"{amount} of Mg = {c.elemental_mmol:.6g} mmol × {mg_per_mmol} "
            f"= {c.elemental_mg:.6g} mg Mg; compound = {c.elemental_mg:.6g} / "
            f"{c.elemental_fraction:.6f} = {c.compound_mg:.6g} mg"
        )
    elif item.elemental:
        arithmetic = (
            f"{amount} elemental = {c.elemental_mg:.6g} mg Mg; compound = "
            f"{c.elemental_mg:.6g} / {c.elemental_fraction:.6f} = {c.compound_mg:.6g} mg"
        )
    else:
        arithmetic = (
            f"{amount} = {c.compound_mg:.6g} mg compound × {c.elemental_fraction:.6f} "
            f"= {c.elemental_mg:.6g} mg Mg"
        )
    return (
        f"{item.describe()}: {fraction_text}; {arithmetic} = {c.elemental_mmol:.6g} mmol "
        f"= {c.elemental_meq:.6g} mEq."
    )


def _food(c: Converted) -> Document | None:
    portion = c.recipe.food
    if portion is None:
        return None
    return {
        "name": portion.food.description,
        "ndb": portion.food.ndb,
        "portion": portion.portion,
        "grams": c.food_grams,
        "mg_per_100g": portion.food.mg_per_100g,
        "source": portion.food.source,
    }


def _label_source(source: LabelSource | None) -> Document | None:
    if source is None:
        return None
    daily = list(source.daily_servings) if source.daily_servings else None
    return {
        "dsld_id": source.dsld_id,
        "product": source.product,
        "brand": source.brand,
        "serving": source.serving,
        "daily_servings": daily,
    }


def item_document(c: Converted, *, explain: bool = False) -> Document:
    form, variant = c.form, c.variant
    document: Document = {
        "line": c.item.line or None,
        "input": c.item.describe(),
        "label": c.item.label,
        "form": form.key if form else None,
        "form_name": form.name if form else None,
        "variant": variant.key if variant else None,
        "formula": variant.formula if variant else None,
        "magnesium_atoms": variant.magnesium_atoms if variant else None,
        "molar_mass_g_per_mol": variant.molar_mass if variant else None,
        "elemental_fraction": c.elemental_fraction,
        "fraction_source": c.recipe.fraction_source,
        "servings": c.item.servings,
        "route": c.route or "oral",
        "routes": list(c.recipe.routes) or [c.route or "oral"],
        "compound_mg": c.compound_mg,
        "elemental_mg": None if c.unknown else c.elemental_mg,
        "elemental_mmol": None if c.unknown else c.elemental_mmol,
        "elemental_meq": None if c.unknown else c.elemental_meq,
        "notes": list(c.notes),
        "sources": list(c.item.sources),
        "from_label": _label_source(c.item.from_label),
        "kind": "food" if c.recipe.food else "medicine" if c.route else "supplement",
        "food": _food(c),
    }
    if explain:
        document["explanation"] = explanation(c)
    return document


def total_document(t: Total) -> dict[str, float]:
    return {
        "elemental_mg": t.elemental_mg,
        "elemental_mmol": t.elemental_mmol,
        "elemental_meq": t.elemental_meq,
    }


def convert_document(conversion: Conversion, *, explain: bool = False) -> Document:
    return {
        "items": [item_document(c, explain=explain) for c in conversion.items],
        "total": total_document(conversion.total),
        "total_is_minimum": conversion.total.is_minimum,
        "failed_rows": conversion.failed_rows,
        "units_note": UNITS_NOTE,
        "atomic_weights": ATOMIC_WEIGHTS_SOURCE,
        "disclaimer": DISCLAIMER,
    }


CSV_COLUMNS = (
    "input",
    "label",
    "form",
    "variant",
    "formula",
    "molar_mass_g_per_mol",
    "elemental_fraction",
    "servings",
    "kind",
    "food",
    "ndb",
    "portion",
    "compound_mg",
    "elemental_mg",
    "elemental_mmol",
    "elemental_meq",
    "grams",
)
"""The item keys a CSV row carries, after its input line: item_document's single values,
and its food's name, NDB number, portion and grams, for a spreadsheet."""


_FOOD_CSV_KEYS = {"food": "name", "ndb": "ndb", "portion": "portion"}


def csv_value(document: Document, column: str) -> JsonValue:
    """An item document's value for a CSV column: a food's are in its `food` object."""
    key = _FOOD_CSV_KEYS.get(column)
    if key is None:
        return document[column]
    food = document["food"]
    return food[key] if isinstance(food, dict) else None


def forms_document(forms: Sequence[Form]) -> Document:
    return {
        "forms": [
            {
                "form": form.key,
                "name": form.name,
                "aliases": list(form.aliases),
                "default_variant": form.default_variant or None,
                "label_only": form.label_only,
                "note": form.note,
                "ambiguity": form.ambiguity,
                "sources": list(form.sources),
                "variants": [
                    {
                        "variant": v.key,
                        "formula": v.formula,
                        "magnesium_atoms": v.magnesium_atoms,
                        "molar_mass_g_per_mol": v.molar_mass,
                        "elemental_fraction": v.elemental_fraction,
                        "synonyms": list(v.synonyms),
                        "aliases": list(v.aliases),
                        "published": v.published,
                    }
                    for v in form.variants.values()
                ],
            }
            for form in forms
        ],
        "atomic_weights": ATOMIC_WEIGHTS_SOURCE,
    }


NO_DIET_SCOPE = "supplements only (no diet given): total intake is at least this"


def total_scope(day: DayCheck) -> str:
    """What the day's total counts, in words."""
    if day.diet_mg is None and day.food_mg is None:
        return NO_DIET_SCOPE
    counted = [
        *(["diet"] if day.diet_mg is not None else []),
        *(["foods listed"] if day.food_mg is not None else []),
        "supplements",
    ]
    scope = " plus ".join(counted)
    if day.total_is_minimum:  # a food SR28 gives no figure for
        scope += " (a food's magnesium unknown): total intake is at least this"
    return scope


def person_document(person: Person) -> Document:
    return {
        "age_years": person.age_years,
        "sex": person.sex.value if person.sex else None,
        "life_stage": person.life_stage.value,
        "kidney": person.kidney,
    }


def reference_values_document(reference: Reference) -> Document:
    standard = reference.standard
    return {
        "standard": standard.key,
        "name": standard.name,
        "year": standard.year,
        "rda_mg": reference.rda_mg,
        "rda_kind": reference.rda_kind,
        "rda_by_sex": dict(reference.rda_by_sex) or None,
        "rda_band": reference.intake_band.label,
        "rda_note": reference.intake_band.note,
        "ul_mg": reference.ul_mg,
        "ul_band": reference.ul_band.label,
        "ul_note": reference.ul_band.note,
        "ul_applies": reference.ul_applies,
        "ul_scope": standard.ul_scope,
        "sources": {
            "rda": reference.intake_band.source,
            "ul": reference.ul_band.source,
            "ul_scope": standard.ul_scope_source,
            "standard": list(standard.sources),
        },
    }


def notes_document(notes: Sequence[Note]) -> list[Document]:
    return [{"key": n.key, "text": n.text, "source": n.source} for n in notes]


def check_document(day: DayCheck, *, explain: bool = False) -> Document:
    document = convert_document(
        Conversion(day.items, day.supplemental, day.failed_rows), explain=explain
    )
    supplemental = day.supplemental
    document.update(
        {
            "person": person_document(day.person),
            "reference": reference_values_document(day.reference),
            "supplemental_mg": supplemental.elemental_mg,
            "supplemental_mmol": supplemental.elemental_mmol,
            "supplemental_meq": supplemental.elemental_meq,
            "diet_mg": day.diet_mg,
            "food_mg": day.food_mg,
            "fortified_mg": day.fortified_mg,
            "ul_counted_mg": day.ul_counted_mg,
            "parenteral_mg": day.parenteral_mg,
            "total_mg": day.total_mg,
            "total_scope": total_scope(day),
            "total_is_minimum": day.total_is_minimum,
            "percent_rda": day.percent_rda,
            "meets_rda": day.meets_rda,
            "percent_ul": day.percent_ul,
            "ul_applies": day.ul_applies,
            "above_ul": day.above_ul,
            "notes": notes_document(day.notes),
            "medicines": [
                {"key": m.key, "name": m.name, "spacing": m.spacing, "source": m.source}
                for m in day.medicines
            ],
        }
    )
    return document


def foods_document(found: Sequence[Found]) -> Document:
    foods: list[JsonValue] = []
    for entry in found:
        food = entry.food
        portions: list[JsonValue] = [
            {
                "portion": f"{number_text(portion.amount)} {portion.unit}",
                "grams": portion.grams,
                "mg": food.mg_in(portion.grams),
            }
            for portion in food.portions
        ]
        foods.append(
            {
                "ndb": food.ndb,
                "description": food.description,
                "name": entry.name,
                "mg_per_100g": food.mg_per_100g,
                "portions": portions,
                "source": food.source,
            }
        )
    return {"foods": foods, "disclaimer": DISCLAIMER}


def products_document(products: Sequence[Product]) -> Document:
    return {
        "products": [
            {
                "product": product.key,
                "name": product.name,
                "aliases": list(product.aliases),
                "form": product.form.key,
                "variant": product.variant.key,
                "formula": product.variant.formula,
                "unit": product.unit,
                "per_ml": product.per_ml,
                "compound_mg": product.compound_mg,
                "elemental_mg": product.elemental_mg,
                "elemental_fraction": product.elemental_fraction,
                "routes": list(product.routes),
                "source": product.source,
                "price": product.price,
                "currency": product.currency,
                "units_per_package": product.units_per_package,
                "yours": not is_built_in(product.origin),
                "file": product.origin,
            }
            for product in products
        ],
        "disclaimer": DISCLAIMER,
    }


PRICE_COLUMNS = (
    "rank",
    "product",
    "name",
    "currency",
    "price",
    "units_per_package",
    "unit",
    "elemental_mg_per_unit",
    "cost_per_100_mg",
    "units_per_day",
    "days_per_package",
    "cost_per_day",
    "delivered_mg",
)


def price_rows(comparison: PriceComparison) -> list[dict[str, str | float | int | None]]:
    """One row per offer, cheapest first: the JSON's offers and the CSV's rows."""
    return [
        {
            "rank": rank,
            "product": offer.product.key,
            "name": offer.product.name,
            "currency": offer.product.currency,
            "price": offer.product.price,
            "units_per_package": offer.product.units_per_package,
            "unit": offer.product.unit,
            "elemental_mg_per_unit": offer.product.elemental_mg_per_unit,
            "cost_per_100_mg": offer.cost_per_100_mg,
            "units_per_day": offer.units_per_day,
            "days_per_package": offer.days_per_package,
            "cost_per_day": offer.cost_per_day,
            "delivered_mg": offer.delivered_mg,
        }
        for rank, offer in enumerate(comparison.offers, start=1)
    ]


def prices_document(comparison: PriceComparison) -> Document:
    return {
        "target_mg": comparison.target_mg,
        "offers": price_rows(comparison),
        "unpriced": [product.key for product in comparison.unpriced],
        "currencies": [currency or None for currency in comparison.currencies],
        "disclaimer": DISCLAIMER,
    }


def _intake_band_document(band: IntakeBand) -> Document:
    return {
        "from_age": band.from_months / 12,
        "to_age": band.to_months / 12,
        "label": band.label,
        "kind": band.kind,
        **{k: band.values.get(k) for k in ("female", "male", "pregnant", "lactating")},
        "note": band.note,
        "source": band.source,
    }


def _ul_band_document(band: UlBand) -> Document:
    return {
        "from_age": band.from_months / 12,
        "to_age": band.to_months / 12,
        "label": band.label,
        "ul_mg": band.ul_mg,
        "note": band.note,
        "source": band.source,
    }


def reference_document(tables: ReferenceTables) -> Document:
    standard, reference = tables.standard, tables.selected
    return {
        "standard": standard.key,
        "name": standard.name,
        "authority": standard.authority,
        "year": standard.year,
        "intake_scope": standard.intake_scope,
        "ul_scope": standard.ul_scope,
        "ul_scope_source": standard.ul_scope_source,
        "sources": list(standard.sources),
        "intake": [_intake_band_document(b) for b in standard.intake],
        "ul": [_ul_band_document(b) for b in standard.ul],
        "selected": None if reference is None else reference_values_document(reference),
        "person": None if tables.person is None else person_document(tables.person),
        "notes": notes_document(tables.notes),
    }


def plan_document(plan: Plan) -> Document:
    delivered = plan.delivered
    return {
        "target": item_document(plan.target),
        "unit_compound_mg": plan.unit_compound_mg,
        "unit_elemental_mg": plan.unit_elemental_mg,
        "exact_units": plan.exact_units,
        "whole_units": plan.whole_units,
        "delivered_compound_mg": delivered.compound_mg,
        "delivered_elemental_mg": delivered.elemental_mg,
        "delivered_elemental_mmol": delivered.elemental_mmol,
        "delivered_elemental_meq": delivered.elemental_meq,
        "intakes": list(plan.intakes),
        "with": [item_document(c) for c in plan.taken],
        "with_mg": plan.taken_mg if plan.taken else None,
        "goal_elemental_mg": plan.target.elemental_mg if plan.goal_mg is None else plan.goal_mg,
        "notes": list(plan.notes),
        "check": None if plan.check is None else check_document(plan.check),
        "disclaimer": DISCLAIMER,
    }


def serum_document(serum: Serum) -> Document:
    reference = serum.reference
    low, high = reference.interval_mmol_per_l
    return {
        "input": serum.given,
        "mg_per_dl": serum.mg_per_dl,
        "mmol_per_l": serum.mmol_per_l,
        "meq_per_l": serum.meq_per_l,
        "interval_mmol_per_l": [low, high],
        "interval_words": reference.interval_words,
        "interval_source": reference.interval_source,
        "laboratories": reference.laboratories,
        "caution": reference.caution,
        "caution_source": reference.caution_source,
        "warnings": list(serum.warnings),
        "disclaimer": DISCLAIMER,
    }


def write_json_streamed(
    items: Iterable[Converted],
    finish: Callable[[Iterator[Converted]], Document],
    stream: TextIO,
    *,
    explain: bool = False,
) -> None:
    """A document whose items come first, each written as it is read, so that memory stays
    flat; `finish` reads the items through and gives the rest of the document."""
    ascii = ascii_only(stream)
    stream.write('{\n  "items": [')
    count = 0

    def written() -> Iterator[Converted]:
        nonlocal count
        for converted in items:
            document = item_document(converted, explain=explain)
            text = json.dumps(document, indent=2, ensure_ascii=ascii, allow_nan=False)
            indented = "    " + text.replace("\n", "\n    ")  # at the depth of a list's items
            stream.write(("," if count else "") + "\n" + indented)
            count += 1
            yield converted

    rest = finish(written())
    rest.pop("items", None)
    tail = json.dumps(rest, indent=2, ensure_ascii=ascii, allow_nan=False)
    stream.write(("\n  ]" if count else "]") + ("," + tail[1:] if rest else "\n}") + "\n")


def write_json(document: Document, stream: TextIO) -> None:
    text = json.dumps(document, indent=2, ensure_ascii=ascii_only(stream), allow_nan=False)
    stream.write(text + "\n")


def ascii_only(stream: TextIO) -> bool:
    """Whether a stream cannot take every character (a C locale): JSON then escapes them."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    return not encoding.startswith("utf")
