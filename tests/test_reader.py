"""The one reader: every word of an item is used or refused, and means the same wherever
it stands (the item grammar, a label line, a file, a record, a regimen)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mgcalc

from helpers import assert_one_line_error, run

# CIAAW 2021 abridged standard atomic weights, as the data uses them.
MG, O, S, H, C, N = 24.305, 15.999, 32.06, 1.008, 12.011, 14.007
WATER = 2 * H + O
OXIDE = MG + O
SULFATE = MG + S + 4 * O
EPSOM = SULFATE + 7 * WATER
GLYCINATE = MG + 2 * (2 * C + 4 * H + N + 2 * O)
CITRATE = 3 * MG + 2 * (6 * C + 5 * H + 7 * O)
THREONATE = MG + 2 * (4 * C + 7 * H + 5 * O)


def only(text: str, *, elemental: bool = False) -> mgcalc.Converted:
    (converted,) = mgcalc.convert(text, elemental=elemental).items
    return converted


@pytest.mark.parametrize(
    "text",
    [
        "Magnesium citrate 200 mg elemental",
        "Magnesium citrate 200 mg (elemental)",
        "200 mg elemental citrate",
        "200 mg citrate elemental",
        "Elemental magnesium 200 mg (as magnesium citrate)",
    ],
)
def test_elemental_means_the_magnesium_wherever_it_stands(text: str) -> None:
    item = only(text)
    assert item.form is not None
    assert item.form.key == "citrate"
    assert item.elemental_mg == 200
    assert item.compound_mg == pytest.approx(200 * CITRATE / (3 * MG), rel=1e-12)


@pytest.mark.parametrize(
    ("text", "servings"),
    [
        ("Magnesium oxide 400 mg x2", 2),
        ("Magnesium oxide 400 mg twice daily", 2),
        ("Magnesium oxide 400 mg × 3", 3),
        ("400 mg oxide 3 times a day", 3),
        ("400 mg oxide bid", 2),
        ("400 mg oxide tid PO", 3),
        ("400 mg oxide once daily", 1),
        ("400 mg oxide daily", 1),
        ("400 mg oxide per day", 1),
        ("2x 400 mg oxide twice a day", 4),
        ("2 tablets of 400 mg oxide", 2),
        ("2 capsules Magnesium oxide 400 mg", 2),
        ("2 x Magnesium oxide 400 mg qid", 8),
    ],
)
def test_servings_are_read_before_and_after_the_amount(text: str, servings: int) -> None:
    item = only(text)
    assert item.item.servings == servings
    assert item.compound_mg == pytest.approx(servings * 400)
    assert item.elemental_mg == pytest.approx(servings * 400 * MG / OXIDE, rel=1e-12)


def test_servings_beyond_the_limit_are_refused() -> None:
    with pytest.raises(mgcalc.MgcalcError, match="from 1 to 100"):
        mgcalc.convert("20x 400 mg oxide 3 times daily x2")


@pytest.mark.parametrize(
    ("text", "route"),
    [
        ("magnesium sulfate 4 g IV", "IV"),
        ("4 g sulfate intravenous", "IV"),
        ("4 g IM sulfate", "IM"),
        ("Magnesium sulfate 4 g intramuscularly", "IM"),
        ("4 g sulfate by mouth", "oral"),
        ("4 g sulfate orally", "oral"),
    ],
)
def test_a_route_is_read_wherever_it_stands(text: str, route: str) -> None:
    item = only(text)
    assert (item.route or "oral") == route
    assert item.elemental_mg == pytest.approx(4000 * MG / EPSOM, rel=1e-12)


def test_an_iv_label_line_is_reported_apart_not_above_the_ul() -> None:
    result = run(
        "check", "magnesium sulfate 4 g IV", "--age", "40", "--sex", "f", "--exit-code",
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["above_ul"] is False
    assert document["parenteral_mg"] == pytest.approx(4000 * MG / EPSOM, rel=1e-12)


def test_two_routes_in_one_item_are_refused() -> None:
    assert_one_line_error(run("convert", "4 g sulfate IV oral"), 2, "already gives a route")


@pytest.mark.parametrize(
    "text",
    [
        "Magnesium Glycinate 500mg (providing 100mg elemental magnesium)",
        "500 mg glycinate (100 mg elemental)",
        "500 mg glycinate providing 100 mg elemental magnesium",
        "Magnesium glycinate 0.5 g (supplying 100 mg magnesium)",
    ],
)
def test_a_stated_elemental_figure_gives_the_labels_fraction(text: str) -> None:
    item = only(text)
    assert (item.compound_mg, item.elemental_mg) == (500, 100)
    assert item.elemental_fraction == pytest.approx(0.2)
    assert mgcalc.to_dict(item)["fraction_source"] == "label"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("500 mg glycinate (providing 600 mg elemental)", "is not less than the 500 mg"),
        ("500 mg elemental glycinate (providing 100 mg elemental)", "two amounts of magnesium"),
        ("500 mg glycinate@20% (providing 100 mg elemental)", "not both"),
        ("500 mg glycinate (providing 100 mg)", "say what the figure is"),
        ("500 mg glycinate (providing 100 mg elemental zinc)", "'zinc' is not understood"),
        ("5 mL glycinate@100mg/mL (providing 100 mg elemental)", "goes with a weight"),
    ],
)
def test_a_stated_figure_that_cannot_be_is_refused(text: str, fragment: str) -> None:
    with pytest.raises(mgcalc.MgcalcError, match=fragment):
        mgcalc.convert(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Magnesium Glycinate 500mg xyz", "xyz"),
        ("500 mg glycinate xyz", "xyz"),
        ("500 mg xyz glycinate", "xyz"),
        ("Magnesium oxide 400 mg twice weekly", "weekly"),
        ("Magnesium (foo) 200 mg", "(foo)"),
        ("Magnesium 200 mg (as citrate) sometimes", "sometimes"),
        ("magnesium L-threonate capsules 2 g", "capsules"),
    ],
)
def test_a_word_that_says_nothing_known_is_refused_by_name(text: str, word: str) -> None:
    with pytest.raises(mgcalc.MgcalcError) as caught:
        mgcalc.convert(text)
    assert repr(word) in caught.value.message


@pytest.mark.parametrize(
    "formula", ["MgSO4 7H2O", "MgSO4.7H2O", "MgSO4·7H2O", "MgSO4 · 7H2O", "MgSO4*7H2O"]
)
def test_a_hydrate_formula_takes_a_space_a_dot_or_a_middle_dot(formula: str) -> None:
    item = only(f"1 g {formula}")
    assert item.variant is not None
    assert item.variant.key == "heptahydrate"
    assert item.elemental_mg == pytest.approx(1000 * MG / EPSOM, rel=1e-12)


@pytest.mark.parametrize("text", ["2 g MgSO4 IV", "2 g IM MgSO4", "Magnesium MgSO4 2 g IV"])
def test_mgso4_given_by_injection_is_the_heptahydrate_with_a_note(text: str) -> None:
    item = only(text)
    assert item.variant is not None
    assert item.variant.key == "heptahydrate"
    assert item.elemental_meq == pytest.approx(2 * 2000 / EPSOM, rel=1e-12)
    assert any("magnesium sulfate injection" in note for note in item.notes)


def test_a_formula_by_mouth_or_a_variant_named_keeps_its_compound() -> None:
    assert only("2 g MgSO4").elemental_mg == pytest.approx(2000 * MG / SULFATE, rel=1e-12)
    named = only("2 g sulfate:anhydrous IV")
    assert named.elemental_mg == pytest.approx(2000 * MG / SULFATE, rel=1e-12)
    assert not named.notes


@pytest.mark.parametrize(
    ("text", "compound_mg"),
    [
        ("Magnesium L-Threonate 2,000 mg", 2000),
        ("Magnesium L-Threonate 2,000mg", 2000),
        ("Magnesium L-threonate 1,234.5 mg", 1234.5),
    ],
)
def test_a_thousands_comma_on_a_label_line_is_thousands(text: str, compound_mg: float) -> None:
    item = only(text)
    assert item.compound_mg == compound_mg
    assert item.elemental_mg == pytest.approx(compound_mg * MG / THREONATE, rel=1e-12)


@pytest.mark.parametrize(
    "text", ["2,000 mg threonate", "Magnesium threonate 2,00 mg", "Magnesium 1,5 mg"]
)
def test_a_comma_elsewhere_reads_two_ways_and_is_refused(text: str) -> None:
    with pytest.raises(mgcalc.MgcalcError, match="comma reads two ways"):
        mgcalc.convert(text)


def test_servings_and_a_label_line_in_one_string_a_file_and_a_regimen(tmp_path: Path) -> None:
    text = "2x Magnesium (as magnesium glycinate) 200 mg"
    assert only(text).elemental_mg == 400
    (row,) = mgcalc.convert_rows(mgcalc.read_items(io.BytesIO(text.encode() + b"\n"), "items"))
    assert isinstance(row, mgcalc.Converted)
    assert row.elemental_mg == 400
    regimen = tmp_path / "day.toml"
    regimen.write_text(f'[[items]]\ntext = "{text}"\n', encoding="utf-8")
    result = run("convert", "--regimen", str(regimen), "--format", "json")
    if result.exit_code == 0:  # convert may not take a regimen; check does
        pytest.fail("convert took --regimen")
    result = run(
        "check", "--regimen", str(regimen), "--age", "40", "--sex", "f", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["items"][0]["elemental_mg"] == 400


def test_capsules_of_a_label_line_are_servings() -> None:
    item = only("2 capsules of Magnesium Bisglycinate 1000 mg")
    assert item.item.servings == 2
    assert item.compound_mg == 2000
    assert item.elemental_mg == pytest.approx(2000 * MG / GLYCINATE, rel=1e-12)


def test_a_product_counted_in_its_unit_is_no_servings_prefix() -> None:
    item = only("2 tablet mag-ox-400")
    assert item.item.servings == 1
    assert item.item.amount == 2


@pytest.mark.parametrize(
    ("record", "servings"),
    [
        ({"text": "400 mg oxide", "servings": 2}, 2),
        ({"text": "2x 400 mg oxide", "servings": "3"}, 6),
    ],
)
def test_text_with_servings_multiplies(record: dict[str, object], servings: int) -> None:
    data = (json.dumps(record) + "\n").encode()
    (row,) = mgcalc.convert_rows(mgcalc.read_items(io.BytesIO(data), "jsonl"))
    assert isinstance(row, mgcalc.Converted)
    assert row.item.servings == servings
    assert row.compound_mg == pytest.approx(400 * servings)


def test_elemental_option_applies_to_a_front_of_pack_line() -> None:
    item = only("Magnesium glycinate 400 mg", elemental=True)
    assert item.elemental_mg == 400
    result = run("convert", "--elemental", "Magnesium glycinate 400 mg", "--format", "json")
    assert json.loads(result.stdout)["items"][0]["elemental_mg"] == 400


def test_compound_says_the_amount_is_the_salt_even_with_the_elemental_option() -> None:
    item = only("2 g compound sulfate", elemental=True)
    assert item.compound_mg == 2000
    assert item.elemental_mg == pytest.approx(2000 * MG / EPSOM, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("200 mg elemental compound oxide", "elemental or compound, not both"),
        ("400 mg compound", "is missing a form"),
        ("120 mg compound magnesium", "'compound' needs the compound's name"),
        ("Magnesium (as citrate) 200 mg compound", "the amount is the magnesium"),
        ("Magnesium glycinate (as magnesium citrate) 200 mg", "both name the compound"),
        ("Magnesium 200 mg (as citrate", "never closed"),
        ("Magnesium 200 mg as citrate)", "no '(' before it"),
        ("Magnesium (as citrate)", "no amount of magnesium in the line"),
        ("Magnesium 200 mg 48% 50%", "already gives a daily-value"),
        ("Magnesium 200 mg ()", "empty parentheses"),
        ("200 mg elemental oxide from", "needs the compound it names"),
    ],
)
def test_words_that_contradict_or_lack_their_partner_are_refused(text: str, fragment: str) -> None:
    with pytest.raises(mgcalc.MgcalcError, match=fragment.replace("(", r"\(")):
        mgcalc.convert(text)


@pytest.mark.parametrize(
    "text",
    [
        "Magnesium 200 mg from magnesium citrate",
        "Magnesium 200 mg as citrate 48% DV",
        "Mg 200 mg (48 % DV) (as magnesium citrate)",
        "Magnesium* 200 mg† (as magnesium citrate)",
    ],
)
def test_a_source_after_the_amount_or_with_footnote_marks(text: str) -> None:
    item = only(text)
    assert item.form is not None
    assert item.form.key == "citrate"
    assert item.elemental_mg == 200
    assert not any("fits neither" in note for note in item.notes)  # 200/420 = 48 %


def test_an_empty_item_is_refused_everywhere() -> None:
    for command in ("convert", "check", "plan"):
        extra = {"plan": ["--unit", "500mg"], "check": ["--age", "40", "--sex", "f"]}.get(
            command, []
        )
        assert_one_line_error(run(command, "", *extra), 2, "no item given")
        assert_one_line_error(run(command, "  ", *extra), 2, "no item given")
    with pytest.raises(mgcalc.MgcalcError, match="no item given"):
        mgcalc.items("")


# Every accepted input accounts for each of its words: the result is what the words say,
# and a word that says nothing known is refused by name.

FORMS = {"oxide": OXIDE, "glycinate": GLYCINATE}
PREFIXES = {"": 1, "2x ": 2, "3 x ": 3, "2 capsules of ": 2}
FREQUENCIES = {"": 1, "twice daily": 2, "x3": 3, "tid": 3, "2 times a day": 2, "daily": 1}
ROUTES = {"": None, "IV": "IV", "oral": None, "IM": "IM"}
BASES = {"": False, "elemental": True, "compound": False}
JUNK = st.sampled_from(["xyz", "foo", "weekly", "quux", "tabletz", "(note)", "of"])


@st.composite
def item_words(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    prefix = draw(st.sampled_from(sorted(PREFIXES)))
    amount = draw(st.integers(min_value=1, max_value=900))
    form = draw(st.sampled_from(sorted(FORMS)))
    frequency = draw(st.sampled_from(sorted(FREQUENCIES)))
    route = draw(st.sampled_from(sorted(ROUTES)))
    basis = draw(st.sampled_from(sorted(BASES)))
    label_line = draw(st.booleans())
    qualifiers = draw(st.permutations([w for w in (frequency, route, basis) if w]))
    if label_line:
        words = [f"Magnesium {form}", f"{amount} mg", *qualifiers]
    else:
        before = draw(st.integers(min_value=0, max_value=len(qualifiers)))
        words = [f"{amount} mg", *qualifiers[:before], form, *qualifiers[before:]]
    expected: dict[str, object] = {
        "servings": PREFIXES[prefix] * FREQUENCIES[frequency],
        "elemental": BASES[basis],
        "route": ROUTES[route],
        "form": form,
        "amount": amount,
    }
    return prefix + " ".join(words), expected


@settings(max_examples=300, deadline=None)
@given(item_words())
def test_every_accepted_word_is_accounted_for(case: tuple[str, dict[str, object]]) -> None:
    text, expected = case
    item = only(text)
    amount = float(expected["amount"])  # type: ignore[arg-type]
    servings = int(expected["servings"])  # type: ignore[call-overload]
    molar_mass = FORMS[str(expected["form"])]
    per_serving = amount if expected["elemental"] else amount * MG / molar_mass
    assert item.item.servings == servings
    assert item.route == expected["route"]
    assert item.form is not None
    assert item.form.key == expected["form"]
    assert item.elemental_mg == pytest.approx(servings * per_serving, rel=1e-12)
    assert only(item.item.describe()).elemental_mg == pytest.approx(item.elemental_mg)


@settings(max_examples=300, deadline=None)
@given(item_words(), JUNK, st.data())
def test_a_word_the_result_cannot_account_for_is_refused(
    case: tuple[str, dict[str, object]], junk: str, data: st.DataObject
) -> None:
    words = case[0].split()
    at = data.draw(st.integers(min_value=0, max_value=len(words)))
    text = " ".join([*words[:at], junk, *words[at:]])
    try:
        converted = mgcalc.convert(text)
    except mgcalc.MgcalcError:
        return  # refused: which word is named is tested above, example by example
    # 'of' is the one word that may stand in an item ('2 capsules of', '120 mg of'): then
    # it changed nothing.
    assert junk == "of", text
    assert len(converted.items) == 1
    (item,) = converted.items
    assert item.elemental_mg == pytest.approx(only(case[0]).elemental_mg)


def test_the_elemental_option_names_the_items_it_cannot_apply_to() -> None:
    items = mgcalc.convert(
        ["2 tablet mag-ox-400", "30 mL milk-of-magnesia", "100 mg oxide"], elemental=True
    ).items
    tablets, liquid, oxide = items
    assert tablets.elemental_mg == pytest.approx(2 * 241.3)  # the label's figure per tablet
    assert liquid.elemental_mg == pytest.approx(1000)  # 500 mg per 15 mL
    assert oxide.elemental_mg == 100
    assert "not read as elemental: 2 tablet is a count" in tablets.notes[-1]
    assert "not read as elemental: 30 mL is a volume" in liquid.notes[-1]
    assert "drop 'elemental'" not in " ".join(tablets.notes + liquid.notes)


def test_the_word_elemental_on_a_product_is_refused_by_name() -> None:
    assert_one_line_error(
        run("convert", "2", "tablet", "elemental", "mag-ox-400"),
        1,
        "'elemental' does not apply to mag-ox-400: it is counted in its own unit (tablet)",
    )


def test_a_product_says_where_its_figure_comes_from_and_how_it_is_given() -> None:
    document = json.loads(json.dumps(mgcalc.to_dict(mgcalc.convert(
        ["30 mL citrate-solution", "15 mL milk-of-magnesia", "4 mL sulfate-injection-50",
         "50 mL sulfate-premix-4", "2 mL IM sulfate-injection-50"]
    ))))  # fmt: skip
    solution, milk, vial, bag, intramuscular = document["items"]
    # The solution's label gives only its magnesium: no compound weight is made up.
    assert (solution["compound_mg"], solution["fraction_source"]) == (None, "label")
    assert solution["elemental_mg"] == pytest.approx(290)
    assert (milk["compound_mg"], milk["fraction_source"]) == (pytest.approx(1200), "label")
    assert (vial["compound_mg"], vial["fraction_source"]) == (pytest.approx(2000), "formula")
    assert (vial["route"], vial["routes"]) == ("IV", ["IV", "IM"])
    assert (bag["route"], bag["routes"]) == ("IV", ["IV"])
    assert intramuscular["route"] == "IM"
    with pytest.raises(mgcalc.MgcalcError, match="sulfate-premix-4 is given IV only, not IM"):
        mgcalc.convert("50 mL IM sulfate-premix-4")


LINES = st.sampled_from(
    ["500 mg oxide", "500 mg glycinate IV", "2 x 400 mg oxide", "3 x 400 mg oxide",
     "400 mg oxide twice daily", "0 mg oxide", "007 mg oxide", "5 oxide", "500 glycinate",
     "500mg glycinate", "300 glycinate", "Magnesium oxide 400 mg", "120 mg magnesium",
     "500\tmg oxide", "500* mg oxide", "300 oxide", "2 capsules of 400 mg oxide",
     "1.5 g citrate:nonahydrate", "1e3 mg oxide", "1.2.3 mg oxide",
     "500 mg glycinate (100 mg elemental)", "600 mg glycinate (100 mg elemental)",
     "10 mL sulfate@50%w/v", "20 mL sulfate@50%w/v"]
)  # fmt: skip


def reading(read: object, line: str) -> tuple[object, ...] | str:
    try:
        item = read(line)  # type: ignore[operator]
    except mgcalc.MgcalcError as error:
        return error.message
    assert isinstance(item, mgcalc.Item)
    return (item.amount, item.kind, item.describe(), item.notes, item.sources)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=12))
def test_lines_read_once_per_kind_read_as_each_alone(lines: list[str]) -> None:
    from mgcalc.core.reader import LineReader, read_item
    from mgcalc.unit_parser import resolve_unit

    remembered = LineReader(resolve_unit).read
    for line in lines:
        alone = reading(lambda text: read_item(text, resolve_unit), line)
        assert reading(remembered, line) == alone, line


@pytest.mark.parametrize("command", ["convert", "check"])
def test_the_item_help_shows_the_one_reader(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    text = result.stdout
    assert "\\b" not in text
    assert "\b" not in text
    for shown in ("2 g compound sulfate", "4 g sulfate IV", "10 mL sulfate@50%w/v",
                  "30 mL milk-of-magnesia", "Magnesium (as magnesium citrate) 200 mg 48% DV",
                  "twice daily", "refused by name"):  # fmt: skip
        assert shown in text, shown
    assert max(len(line) for line in text.splitlines()) <= 80


def test_the_same_words_mean_the_same_in_a_csv_row() -> None:
    data = (
        b"amount,unit,form,route\n1,g,MgSO4 7H2O,\n1,g,MgSO4 . 7H2O,intravenously\n"
        b"1,g,MgSO4,IV\n2,g,sulfate,by  mouth\n1,g,oxide,sometimes\n"
    )
    rows = list(mgcalc.convert_rows(mgcalc.read_items(io.BytesIO(data), "csv")))
    first, second, third, fourth, fifth = rows
    for row in (first, second, third):
        assert isinstance(row, mgcalc.Converted)
        assert row.variant is not None
        assert row.variant.key == "heptahydrate"
        assert row.elemental_mg == pytest.approx(1000 * MG / EPSOM, rel=1e-12)
    assert isinstance(second, mgcalc.Converted)
    assert second.route == "IV"
    assert isinstance(fourth, mgcalc.Converted)
    assert fourth.route is None
    assert isinstance(fifth, mgcalc.MgcalcError)
    assert fifth.message == "line 6: route 'sometimes': use oral, IV or IM"


@pytest.mark.parametrize(
    ("text", "elemental_mg"),
    [
        ("MgSO4 2 g IV", 2000 * MG / EPSOM),  # an order names the salt first
        ("Magnesium 200 mg per serving", 200),
        ("Magnesium citrate 150 mg elemental per capsule", 150),
        ("Magnesium Bisglycinate Chelate (Albion®) 200 mg", 200 * MG / GLYCINATE),
        ("10 mL of 50% magnesium sulfate", 5000 * MG / EPSOM),
        ("glycinate 400 mg", 400 * MG / GLYCINATE),
    ],
)
def test_names_first_and_label_wording(text: str, elemental_mg: float) -> None:
    assert only(text).elemental_mg == pytest.approx(elemental_mg, rel=1e-12)


def test_a_percent_of_a_volume_is_its_strength_with_a_note() -> None:
    item = only("10 mL of 50% magnesium sulfate")
    assert item.item.kind.concentration == 500
    assert "50% of a solution read as 50%w/v" in item.notes[-1]
    with pytest.raises(mgcalc.MgcalcError, match="two strengths"):
        mgcalc.convert("10 mL 50% sulfate@50%w/v")


def test_a_quoted_item_that_names_first_stands_alone() -> None:
    result = run("convert", "500", "mg", "glycinate", "MgSO4 2 g IV", "--format", "json")
    first, second = json.loads(result.stdout)["items"]
    assert first["elemental_mg"] == pytest.approx(500 * MG / GLYCINATE, rel=1e-12)
    assert second["route"] == "IV"
    # A quoted name with no amount of its own is the name of the item before it.
    result = run("convert", "1.5", "g", "citrate nonahydrate", "--format", "json")
    (joined,) = json.loads(result.stdout)["items"]
    assert joined["variant"] == "nonahydrate"


@pytest.mark.parametrize("text", ["× 500 mg oxide", "of 500 mg oxide", "five mg oxide"])
def test_a_line_that_starts_with_no_name_or_amount_is_refused(text: str) -> None:
    with pytest.raises(mgcalc.MgcalcError, match="expected an amount"):
        mgcalc.convert(text)
