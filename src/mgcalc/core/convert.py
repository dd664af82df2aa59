"""The arithmetic: an item and its form give compound and elemental amounts."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from mgcalc.core.errors import MgcalcError
from mgcalc.core.foods import AmbiguousFoodError, Food, FoodTable, Portion, UnknownFoodError
from mgcalc.core.forms import Catalogue, Form, Product, UnknownFormError, Variant
from mgcalc.core.items import Item, ItemKind, kind_words, number_text, require_concentration
from mgcalc.core.labels import DailyValue, daily_value_notes, fitting
from mgcalc.core.reader import WORDS_AFTER_AMOUNT
from mgcalc.core.units import ACCEPTED_UNITS_TEXT, UnitKind, mmol_to_meq

# Larger amounts are typing mistakes, not doses (a day's Epsom salt laxative is ~30 g).
MAX_MG_PER_SERVING = 1_000_000.0
MAX_RECIPES = 10_000  # kinds of item remembered; bounded, whatever the input
# A day's magnesium by mouth above this is far beyond any supplement or laxative dose (a day's
# Epsom salt laxative gives about 3 g): named, not refused.
IMPLAUSIBLE_ORAL_MG = 5_000.0
# A label's figures round (241.3 mg of 400 mg oxide is 60.325 %, the formula 60.30 %).
LABEL_ROUNDING_PERCENT = 0.1
# The strongest magnesium solution sold: magnesium sulfate injection 50 % (data/products.toml).
STRONGEST_SOLUTION_MG_PER_ML = 500.0
# More of one food than anyone eats in a day (about 5 L of water, 20 cups of rice).
MAX_FOOD_GRAMS = 5_000.0


class Recipe(NamedTuple):
    """How to turn an amount into magnesium for one kind of item."""

    form: Form | None  # None: magnesium of no named compound
    variant: Variant | None
    fraction: float | None  # the formula's, the label's or the product's; None without a form
    to_elemental: float  # elemental mg per base unit of the amount (mg, mmol, count)
    amount_is_compound: bool  # the amount weighs the compound, not the magnesium
    notes: tuple[str, ...]
    mg_per_mmol: float  # the molar mass of magnesium the arithmetic used
    route: str | None = None  # 'IV' or 'IM' for a product given by injection
    figure_note: str | None = None  # where a product's figure comes from (not a reading)
    fraction_source: str | None = None  # 'formula' or 'label'; None for magnesium alone
    food: FoodPortion | None = None  # a food: which, and the portion its amount counts
    warnings: tuple[str, ...] = ()  # what is implausible for this kind of item
    routes: tuple[str, ...] = ()  # a product's routes, as its label gives them
    # a product's label figures, magnesium and compound mg per unit, where its fraction is theirs
    label_figures: tuple[float, float] | None = None


class FoodPortion(NamedTuple):
    """A food item's food, and what one of its amount weighs."""

    food: Food
    portion: str  # 'g', '1 cup', '1 medium (7" to 7-7/8" long)'
    grams: float  # per one of the item's amount (one cup, one medium, one gram)


class Converted(NamedTuple):
    """An item with its magnesium, per day (servings included)."""

    item: Item
    recipe: Recipe  # shared by every item of the same kind
    compound_mg: float | None  # None when no compound is named
    elemental_mg: float
    elemental_mmol: float
    elemental_meq: float

    @property
    def form(self) -> Form | None:
        return self.recipe.form

    @property
    def variant(self) -> Variant | None:
        return self.recipe.variant

    @property
    def route(self) -> str | None:
        """'IV' or 'IM' as the item says (or as an injection product is first given); None
        by mouth."""
        return self.item.kind.route or self.recipe.route

    @property
    def food_grams(self) -> float | None:
        """A food's weight in the day (servings included); None for an item that is no food."""
        food = self.recipe.food
        return None if food is None else self.item.amount * food.grams * self.item.servings

    @property
    def unknown(self) -> bool:
        """A food with no magnesium figure: its magnesium is unknown (counted as none)."""
        food = self.recipe.food
        return food is not None and food.food.mg_per_100g is None

    @property
    def elemental_fraction(self) -> float | None:
        """The formula's, or the label's when a percent or a product gave it."""
        return self.recipe.fraction

    @property
    def notes(self) -> tuple[str, ...]:
        """Every note: how the item was read, and where a product's figure comes from."""
        figure = (self.recipe.figure_note,) if self.recipe.figure_note else ()
        return figure + self.reading_notes

    @property
    def reading_notes(self) -> tuple[str, ...]:
        """The notes on how the item was read: they change what its numbers mean."""
        notes = self.recipe.notes + self.item.notes if self.item.notes else self.recipe.notes
        warnings = self.warnings
        return notes + warnings if warnings else notes

    @property
    def warnings(self) -> tuple[str, ...]:
        """What is implausible about the item: worth saying wherever the numbers go."""
        if self.elemental_mg <= IMPLAUSIBLE_ORAL_MG or self.route is not None:
            return self.recipe.warnings
        return (*self.recipe.warnings, _implausible_amount(self))


class Total(NamedTuple):
    elemental_mg: float
    elemental_mmol: float
    elemental_meq: float
    is_minimum: bool = False  # a food's magnesium is unknown: the total is at least this


class Conversion(NamedTuple):
    """Items converted, and their total per day."""

    items: tuple[Converted, ...]
    total: Total
    failed_rows: int = 0  # rows of the input that could not be converted


def make_recipe(kind: ItemKind, catalogue: Catalogue) -> Recipe:
    """Resolve the form of a kind of item, and work out its fraction and notes."""
    if kind.form is None:
        return _plain_magnesium_recipe(kind, catalogue.magnesium_molar_mass)
    try:
        resolved = catalogue.resolve(kind.form, kind.variant)
    except UnknownFormError as error:
        raise _unaccounted_word(kind.form, catalogue) or error from None
    form, variant, product = resolved.form, resolved.variant, resolved.product
    unit = kind.unit
    if unit.kind is UnitKind.PORTION:  # a portion is a food's; a form has units
        word = unit.symbol or kind.form  # '500 oxide': the form stands where a unit would
        raise MgcalcError(_no_unit(word, unit.symbol, kind.form, product is not None))
    mg = catalogue.magnesium_molar_mass
    notes: list[str] = []
    warnings: list[str] = []
    if product is None and unit.kind is UnitKind.COUNT:
        raise MgcalcError(
            f"{unit.symbol!r} counts a product's units; {kind.form!r} is a form, "
            "so give a weight (mg, g) or define the product in a forms file"
        )
    if product is not None:
        return _product_recipe(product, kind, mg)
    require_concentration(kind)
    injection = form.injection_variant
    if kind.route and resolved.by_formula and variant and injection not in (None, variant.key):
        assert injection is not None
        injected = form.variants[injection]
        notes.append(
            f"{kind.form} given {kind.route} is {form.name} injection, made of the "
            f"{injected.key} ({injected.formula}): read as that; for the {variant.key} salt "
            f"itself write {form.key}:{variant.key}"
        )
        variant = injected
    percent = kind.percent
    if percent is None and resolved.sold_percent is not None:  # every label states it
        percent = resolved.sold_percent
        notes.append(resolved.alias_note or f"{form.key}: {form.note}")
    elif resolved.alias_note and percent is None:
        notes.append(resolved.alias_note)
    if variant is None and percent is None:
        raise MgcalcError(
            f"{form.key} is {form.name}, with no single formula: give the label's % Mg as "
            f"{form.key}@P% (P as the label states it) or, in a label line, the compound's weight"
        )
    if percent is not None:
        fraction = percent / 100.0
        if variant is not None and kind.percent is not None:
            notes.append(
                f"elemental fraction {percent:g}% taken from the label, "
                f"not from the formula ({variant.elemental_fraction:.2%})"
            )
        warnings = _implausible_percent(percent, form, variant)
    else:
        assert variant is not None
        fraction = variant.elemental_fraction
        if not resolved.variant_given and form.ambiguity:
            notes.append(form.ambiguity)
    if unit.kind is UnitKind.MAGNESIUM:
        to_elemental, is_compound = mg, False
    elif kind.elemental:
        to_elemental, is_compound = 1.0, False
    else:
        to_elemental, is_compound = fraction, True
    source = "formula" if percent is None else "label"
    return Recipe(
        form, variant, fraction, to_elemental, is_compound, tuple(notes), mg,
        fraction_source=source, warnings=(*warnings, *_implausible_strength(kind)),
    )  # fmt: skip


def _unaccounted_word(name: str, catalogue: Catalogue) -> MgcalcError | None:
    """The one word of a name that keeps it from naming a form ('glycinate xyz')."""
    words = name.split()
    for index, word in enumerate(words):
        rest = " ".join(words[:index] + words[index + 1 :])
        if len(words) < 2 or not rest:
            break
        try:
            found = catalogue.resolve(rest)
        except MgcalcError:
            continue

        close = difflib.get_close_matches(word.lower(), found.form.variants, n=1, cutoff=0.8)
        if close:
            return MgcalcError(
                f"unknown form {name!r}: {word!r} is no variant of {found.form.key} "
                f"(did you mean '{rest} {close[0]}'?)"
            )
        return MgcalcError(
            f"{word!r} is not understood: {rest!r} is {found.form.name}, and beside a form's "
            f"name mgcalc reads {WORDS_AFTER_AMOUNT}"
        )
    return None


def _product_recipe(product: Product, kind: ItemKind, mg_per_mmol: float) -> Recipe:
    """A product counted in its unit: tablets by number, a liquid by volume."""
    unit = kind.unit
    if product.per_ml is not None:
        if unit.kind is not UnitKind.VOLUME:
            raise MgcalcError(
                f"{product.key} is a liquid measured by volume, e.g. '{product.per_ml:g} mL "
                f"{product.key}'"
            )
        per = f"{product.per_ml:g} mL"
        to_elemental = product.elemental_mg / product.per_ml
    else:
        if unit.kind is not UnitKind.COUNT:
            raise MgcalcError(
                f"{product.key} is a product counted in {product.unit}s, e.g. '2 {product.unit} "
                f"{product.key}'"
            )
        if unit.symbol != product.unit:
            raise MgcalcError(f"{product.key} is counted in {product.unit}s, not {unit.symbol}s")
        per, to_elemental = product.unit, product.elemental_mg
    if kind.percent is not None or kind.concentration is not None:
        raise MgcalcError(f"{product.key} already has its label's figures; drop the @")
    if kind.elemental:
        raise MgcalcError(
            f"'elemental' does not apply to {product.key}: it is counted in its own unit "
            f"({product.unit}), and its label gives the magnesium in each"
        )
    route = _product_route(product, kind.route)
    given = " or ".join("by mouth" if r == "oral" else r for r in product.routes)
    figure = "the label's magnesium figure" if product.elemental_from_label else "its formula"
    note = (
        f"{product.name}: {product.elemental_mg:.4g} mg magnesium per {per} ({figure}), "
        f"given {given} ({product.source})"
    )
    return Recipe(
        product.form,
        product.variant,
        product.elemental_fraction,
        to_elemental,
        False,
        (),
        mg_per_mmol,
        route,
        figure_note=note,
        fraction_source="label" if product.elemental_from_label else "formula",
        routes=product.routes,
        label_figures=(product.elemental_mg, product.compound_mg)
        if product.elemental_from_label and product.compound_mg
        else None,
    )


def _product_route(product: Product, said: str | None) -> str | None:
    """The route an item of a product is given by: as said, if its label allows it."""
    if said is None:
        return None if product.routes == ("oral",) else product.routes[0]
    if said not in product.routes:
        allowed = ", ".join(product.routes)
        raise MgcalcError(f"{product.key} is given {allowed} only, not {said}")
    return said


def _plain_magnesium_recipe(kind: ItemKind, mg_per_mmol: float) -> Recipe:
    """Magnesium of no named compound: the amount is the magnesium; no compound weight."""
    if kind.unit.kind is UnitKind.COUNT:
        raise MgcalcError(f"{kind.unit.symbol!r} counts a product's units: name the product")
    if kind.percent is not None:
        raise MgcalcError("a label's % Mg needs the compound it is of: name the form")
    to_elemental = mg_per_mmol if kind.unit.kind is UnitKind.MAGNESIUM else 1.0
    return Recipe(None, None, None, to_elemental, False, (), mg_per_mmol)


def _implausible_amount(converted: Converted) -> str:
    item = converted.item
    per_serving_unit = item.kind.unit.symbol
    return (
        f"{converted.elemental_mg:,.0f} mg of magnesium by mouth in a day is far beyond any "
        f"supplement or laxative dose: check the amount ({number_text(item.amount)}) and its "
        f"unit ({per_serving_unit})"
    )


def _implausible_strength(kind: ItemKind) -> tuple[str, ...]:
    """A solution stronger than any sold (and than a magnesium salt dissolves to)."""
    strength = kind.concentration
    if strength is None or kind.elemental or strength <= STRONGEST_SOLUTION_MG_PER_ML:
        return ()
    return (
        f"{number_text(strength)} mg/mL ({number_text(strength / 10)}%w/v) is stronger than "
        "the strongest magnesium solution sold, magnesium sulfate injection 50 %, and likely "
        "above what the salt dissolves to: check the strength",
    )


def _implausible_percent(percent: float, form: Form, variant: Variant | None) -> list[str]:
    """A label percent no product of the form plausibly has, named with its other reading."""
    formula_percent = 100 * variant.elemental_fraction if variant else form.plausible_percent
    if percent < formula_percent / 10:
        as_fraction = 100 * percent
        if as_fraction <= form.plausible_percent + 1e-9:  # the reading that fits the form
            return [
                f"{percent:g}% is below a tenth of {form.key}'s {formula_percent:.2f}%: read as "
                f"a fraction, {percent:g} would be {as_fraction:g}%"
            ]
        return [
            f"{percent:g}% is below a tenth of {form.key}'s {formula_percent:.2f}%: check the "
            "label's figure"
        ]
    if percent > form.plausible_percent + LABEL_ROUNDING_PERCENT:
        blends = ", blends included" if form.label_percent_max else ""
        most = round(form.plausible_percent, 2)
        return [
            f"{percent:g}% is above any {form.key} product ({most:g}% at most{blends}): the "
            "label's figure may belong to another salt"
        ]
    return []


class Converter:
    """Converts items with one catalogue, working out each kind of item once."""

    def __init__(
        self,
        catalogue: Catalogue,
        daily_values: Callable[[], Sequence[DailyValue]] = tuple,
        foods: Callable[[], FoodTable] | None = None,
    ) -> None:
        """`daily_values` gives the values a label's %DV may be of, `foods` the foods a name
        may be; each is read when first needed."""
        self.catalogue = catalogue
        self.foods = foods
        self.mg_per_mmol = catalogue.magnesium_molar_mass
        self.daily_values = daily_values
        self._recipes: dict[ItemKind, Recipe] = {}

    def recipe(self, kind: ItemKind) -> Recipe:
        recipe = self._recipes.get(kind)
        if recipe is None:
            recipe = make_recipe(kind, self.catalogue)
            if len(self._recipes) >= MAX_RECIPES:
                self._recipes.clear()
            self._recipes[kind] = recipe
        return recipe

    def convert(self, item: Item) -> Converted:
        if item.figures is not None:
            return self._weighed(item)
        kind = item.kind
        recipe = self._recipes.get(kind)
        if recipe is None:
            try:
                recipe = self.recipe(kind)
            except UnknownFormError as error:
                if len(item.sources) == 1:
                    return self.convert(_of_unknown_source(item))
                recipe = self._food_recipe(item, error)
        if recipe.food is not None:
            _require_eaten(item, recipe.food.grams)
        per_serving = item.amount * kind.unit.to_base
        if kind.concentration is not None:  # a volume of a solution: mL × mg/mL
            per_serving *= kind.concentration
        compound_mg: float | None
        if recipe.amount_is_compound:
            compound_mg = per_serving
            elemental_mg = compound_mg * (recipe.fraction or 1.0)
        else:
            elemental_mg = per_serving * recipe.to_elemental
            compound_mg = None if recipe.fraction is None else elemental_mg / recipe.fraction
        if (compound_mg or 0.0) > MAX_MG_PER_SERVING or elemental_mg > MAX_MG_PER_SERVING:
            raise MgcalcError(
                f"{item.describe()!r} is more than {MAX_MG_PER_SERVING / 1e6:g} kg per serving; "
                "check the amount and unit"
            )
        servings = kind.servings
        if servings != 1:
            compound_mg = None if compound_mg is None else compound_mg * servings
            elemental_mg *= servings
        mmol = elemental_mg / self.mg_per_mmol
        return Converted(item, recipe, compound_mg, elemental_mg, mmol, mmol_to_meq(mmol))

    def _food_recipe(self, item: Item, unknown: UnknownFormError) -> Recipe:
        """A name no form has may be a food: its SR28 figure, by weight or by a portion."""
        kind = item.kind
        if self.foods is None or kind.form is None or kind.elemental or kind.percent or kind.route:
            raise unknown
        try:
            food, note = self.foods().food(kind.form)
        except UnknownFoodError as not_food:
            raise unknown.or_food(not_food.close) from None
        except AmbiguousFoodError as ambiguous:
            figures = {food.ndb: _mg_of_item(food, item) for food in ambiguous.choices}
            raise MgcalcError(ambiguous.listing(figures)) from None
        portion, grams, measured = food_portion(food, kind)
        per_unit = food.mg_in(grams) or 0.0  # unknown: no magnesium counted, and said
        said = kind.form.strip().lower()
        if note is None and said not in (food.description.lower(), f"ndb {food.ndb}"):
            # which SR28 food a name chose changes the figure (raw or cooked): always said
            note = f"{kind.form!r} read as {food.description} (NDB {food.ndb})"
        notes = [note] if note else []
        if measured:
            notes.append(measured)
        if food.mg_per_100g is None:
            notes.append(f"{food.description}: SR28 gives no magnesium figure (unknown, not 0)")
        recipe = Recipe(
            None, None, None, per_unit / kind.unit.to_base, False, tuple(notes),
            self.mg_per_mmol, food=FoodPortion(food, portion, grams),
            figure_note=_food_figure(food),
        )  # fmt: skip
        if len(self._recipes) >= MAX_RECIPES:
            self._recipes.clear()
        self._recipes[kind] = recipe
        return recipe

    def _weighed(self, item: Item) -> Converted:
        """An item with a label's %DV: the percentage checked, and, where no word said what
        the amount is, the reading it fits chosen (the magnesium, or the compound)."""
        printed = item.figures
        assert printed is not None
        values = self.daily_values()
        plain = item._replace(figures=None)
        kind = item.kind
        try:
            converted = self.convert(plain)
        except UnknownFormError:
            named = self._unknown_name_as_magnesium(item, values)
            if named is None:
                raise
            return named
        per_serving = converted.elemental_mg / kind.servings
        if printed.restated is not None:
            converted = _noted(converted, *self._restated_notes(per_serving, printed.restated))
        if printed.percent is None:
            return converted
        if printed.basis_open and converted.recipe.amount_is_compound:
            as_magnesium = item.amount * kind.unit.to_base
            fits_magnesium = fitting(as_magnesium, printed.percent, printed.of, values)
            fits_compound = fitting(per_serving, printed.percent, printed.of, values)
            form = kind.form
            said = f"the label's {printed.percent:g}%"
            if fits_magnesium and not fits_compound:
                elemental = kind._replace(elemental=True)
                before, after = kind_words(elemental)
                note = (
                    f"{said} fits {number_text(as_magnesium)} mg as the magnesium "
                    f"({fits_magnesium[0].applies}), not the {per_serving:.4g} mg that "
                    f"{number_text(as_magnesium)} mg of {form} compound holds: read as elemental"
                )
                chosen = plain._replace(
                    kind=elemental,
                    text=before + number_text(item.amount) + after,
                    notes=(*item.notes, note),
                )
                return self.convert(chosen)
            if fits_compound:
                note = (
                    f"{said} fits the {per_serving:.4g} mg of magnesium in "
                    f"{number_text(as_magnesium)} mg of {form} ({fits_compound[0].applies}): "
                    "read as the compound"
                )
            else:
                note = (
                    f"{said} fits neither {number_text(as_magnesium)} mg as the magnesium nor "
                    f"the {per_serving:.4g} mg in that much {form}: read as the compound, as a "
                    f"front of pack often gives it; write 'elemental' if it is the magnesium"
                )
            return _noted(converted, note)
        notes = daily_value_notes(per_serving, printed.percent, printed.of, values)
        return _noted(converted, *notes)

    def _unknown_name_as_magnesium(
        self, item: Item, values: Sequence[DailyValue]
    ) -> Converted | None:
        """'Motion Magnesium Blend 350 mg 83.3%': a name mgcalc does not know, whose %DV fits
        its amount as the magnesium, is that magnesium, the name said as unknown."""
        figures, kind = item.figures, item.kind
        if figures is None or figures.percent is None or kind.unit.kind is not UnitKind.MASS:
            return None
        as_magnesium = item.amount * kind.unit.to_base
        fits = fitting(as_magnesium, figures.percent, figures.of, values)
        if not fits:
            return None
        plain = kind._replace(form=None, variant=None, percent=None, elemental=True)
        before, after = kind_words(plain)
        note = (
            f"{kind.form!r} is no compound mgcalc knows, but the label's {figures.percent:g}% "
            f"fits {number_text(as_magnesium)} mg as the magnesium ({fits[0].applies}): read "
            "as elemental magnesium, with no compound weight"
        )
        chosen = item._replace(
            kind=plain,
            text=before + number_text(item.amount) + after,
            notes=(*item.notes, note),
            figures=figures._replace(percent=None) if figures.restated else None,
        )
        return self.convert(chosen)

    def _restated_notes(self, per_serving_mg: float, restated: tuple[float, str]) -> list[str]:
        """A label's mEq or mmol beside its mg: said only when they disagree (labels round)."""
        amount, unit = restated
        mmol = per_serving_mg / self.mg_per_mmol
        computed = mmol * 2 if unit == "mEq" else mmol
        if abs(computed - amount) <= max(0.01 * amount, 0.05):
            return []
        return [
            f"the label's {number_text(amount)} {unit} disagrees with the "
            f"{computed:.3g} {unit} of its {per_serving_mg:.4g} mg of magnesium"
        ]

    def total(self, items: Iterable[Converted]) -> Total:
        unknown = False

        def magnesium() -> Iterator[float]:
            nonlocal unknown
            for converted in items:
                unknown = unknown or converted.unknown
                yield converted.elemental_mg

        total = total_of(math.fsum(magnesium()), self.mg_per_mmol)
        return total._replace(is_minimum=True) if unknown else total


# US customary measures in mL (SR28's cups and spoons are US measures): a volume a food's
# portions lack is weighed from one they have ('1 cup water' from its '1 fl oz').
_US_MEASURE_ML = {
    "ml": 1.0,
    "l": 1000.0,
    "liter": 1000.0,
    "litre": 1000.0,
    "tsp": 4.92892159375,
    "teaspoon": 4.92892159375,
    "tbsp": 14.78676478125,
    "tablespoon": 14.78676478125,
    "fl oz": 29.5735295625,
    "fl": 29.5735295625,
    "cup": 236.5882365,
    "pint": 473.176473,
    "pt": 473.176473,
    "quart": 946.352946,
    "qt": 946.352946,
    "gallon": 3785.411784,
    "gal": 3785.411784,
}
_SAME_MEASURE = {
    "tablespoon": "tbsp",
    "teaspoon": "tsp",
    "fl": "fl oz",
    "litre": "liter",
    "l": "liter",
    "pt": "pint",
    "qt": "quart",
    "gal": "gallon",
}
# A portion that is a measure, not a count of the food ('2 bananas' counts mediums, not cups).
_NOT_COUNTS = {*_US_MEASURE_ML, "oz", "lb", "g", "pat", "cubic"}
# What only a food is counted in: a form or product named with one is said to be no food.
_FOOD_PORTIONS = {*_US_MEASURE_ML, "medium", "large", "small", "slice", "piece", "serving"}


def _no_unit(word: str, symbol: str, form: str, is_product: bool) -> str:
    """The message for a unit no form has; a food's portion says the name is no food."""
    said = f"unknown unit {word!r}; use {ACCEPTED_UNITS_TEXT}"
    portion = _measure(symbol)
    if portion in _FOOD_PORTIONS or portion.rstrip("s") in _FOOD_PORTIONS:  # '1 cup MoM'
        what = "a product" if is_product else "a form"
        said += f" ({form!r} is {what}, not a food: a {word} is a food's portion)"
    return said


def _singular(word: str) -> str:
    """'slices' -> 'slice', 'pieces' -> 'piece', 'cups' -> 'cup'; 'fl oz' stays."""
    word = word.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _measure(word: str) -> str:
    """A measure as one spelling: 'tablespoons' and 'tbsp' -> 'tbsp'; 'cups' -> 'cup'."""
    word = word.lower()
    if word not in _US_MEASURE_ML and word.endswith("s") and word[:-1] in _US_MEASURE_ML:
        word = word[:-1]
    return _SAME_MEASURE.get(word, word)


def food_portion(food: Food, kind: ItemKind) -> tuple[str, float, str | None]:
    """What one of the item's amount weighs, how that is said, and, where a volume was
    weighed from another of the food's measures, a note saying so. By weight, by a portion
    SR28 gives the food (a cup, a medium), or, with no unit, the food's usual count."""
    unit = kind.unit
    if unit.kind is UnitKind.MASS:
        return unit.symbol, unit.to_base / 1000, None
    if unit.kind not in (UnitKind.PORTION, UnitKind.VOLUME):
        raise MgcalcError(f"a food is counted by weight or by its portions, not in {unit.symbol}")
    portions = food.portions
    if not unit.symbol:
        counted = [portion for portion in portions if portion.word not in _NOT_COUNTS]
        medium = [portion for portion in counted if portion.word == "medium"]
        chosen = (medium or counted)[:1]
        if not chosen:
            raise MgcalcError(
                f"{food.description} has no portion to count in SR28: give a weight or one "
                f"of {_portion_list(food)}"
            )
        (portion,) = chosen
        return _said(portion), portion.grams / portion.amount, None
    wanted = _measure(_singular(unit.symbol))
    for portion in portions:
        if _measure(_singular(portion.word)) == wanted:
            return _said(portion), portion.grams / portion.amount, None
    if wanted in _US_MEASURE_ML:
        for portion in portions:
            if _measure(portion.word) in _US_MEASURE_ML:
                ml = portion.amount * _US_MEASURE_ML[_measure(portion.word)]
                grams = portion.grams / ml * _US_MEASURE_ML[wanted]
                return (
                    f"1 {wanted}",
                    grams,
                    f"{food.description}: 1 {wanted} weighed from SR28's {_said(portion)} "
                    f"({number_text(portion.grams)} g) by US measures: {grams:.4g} g",
                )
    raise MgcalcError(
        f"{food.description} has no {unit.symbol} portion in SR28; its portions: "
        f"{_portion_list(food)}, or a weight (g, oz)"
    )


def _said(portion: Portion) -> str:
    return f"{number_text(portion.amount)} {portion.unit}"


def _require_eaten(item: Item, grams_per_unit: float) -> None:
    """A food's amount is what a person eats in a day; far more is a typing mistake."""
    grams = item.amount * grams_per_unit * item.kind.servings
    if grams > MAX_FOOD_GRAMS:
        raise MgcalcError(
            f"{item.describe()!r} is {grams:,.0f} g of one food, more than anyone eats in a "
            f"day (at most {MAX_FOOD_GRAMS:,.0f} g); check the amount and unit"
        )


def _mg_of_item(food: Food, item: Item) -> str:
    """A food's magnesium in the item's amount, or per 100 g where it lacks the portion."""
    if food.mg_per_100g is None:
        return "magnesium unknown"
    try:
        _, grams, _ = food_portion(food, item.kind)
    except MgcalcError:
        return f"{food.mg_per_100g:g} mg per 100 g"
    mg = food.mg_in(grams * item.amount * item.kind.servings) or 0.0
    return f"{mg:,.1f} mg in {item.describe()}"


def _portion_list(food: Food) -> str:
    return ", ".join(f"{number_text(p.amount)} {p.unit}" for p in food.portions) or "none"


def _food_figure(food: Food) -> str:
    """Where a food's figure comes from (an unknown one is a reading note of its own)."""
    if food.mg_per_100g is None:
        return f"{food.description}: {food.source}"
    return f"{food.description}: {food.mg_per_100g:g} mg magnesium per 100 g ({food.source})"


def _noted(converted: Converted, *notes: str) -> Converted:
    item = converted.item
    return converted._replace(item=item._replace(notes=(*item.notes, *notes)))


def _of_unknown_source(item: Item) -> Item:
    """A label line's one source that names no known compound: its amount is still the
    magnesium (as with several sources), and the source is named as unknown."""
    kind = item.kind._replace(form=None, variant=None, percent=None)
    before, after = kind_words(kind)
    note = (
        f"the source {item.sources[0]!r} is no compound mgcalc knows: the amount is the "
        "magnesium, with no compound weight"
    )
    return item._replace(
        kind=kind, text=before + number_text(item.amount) + after, notes=(*item.notes, note)
    )


def total_of(elemental_mg: float, mg_per_mmol: float) -> Total:
    mmol = elemental_mg / mg_per_mmol
    return Total(elemental_mg, mmol, mmol_to_meq(mmol))
