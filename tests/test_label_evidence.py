"""A label's own evidence decides how its line reads, and the reading is said: its %DV or %NRV,
a stated elemental figure, its mEq; names as labels print them, trade names and excipients.

The lines are as printed on real labels (the reference's §4b and the label texts the issue
that asked for this quotes); the arithmetic is worked out here from the formulas."""

from __future__ import annotations

import pytest

import mgcalc

MG, H, C, N, O, S = 24.305, 1.008, 12.011, 14.007, 15.999, 32.06
OXIDE = MG + O
ACETYL_TAURATE = MG + 2 * (4 * C + 8 * H + N + 4 * O + S)
ASCORBATE = MG + 2 * (6 * C + 7 * H + 6 * O)


def only(text: str) -> mgcalc.Converted:
    (converted,) = mgcalc.convert(text).items
    return converted


@pytest.mark.parametrize(
    ("line", "elemental_mg", "fits"),
    [
        ("ATA Mg 350 mg 83.3%", 350, "the US DV (420 mg)"),  # 350/420 = 83.3 %
        ("Magnesium Ascorbate 30 mg 8%", 30, "the US DV (420 mg)"),  # 30/420 = 7.1 %
        ("Magnesium acetyl taurate 350 mg 83.3%", 350, "the US DV (420 mg)"),
    ],
)
def test_a_percentage_that_fits_the_amount_as_magnesium_makes_it_elemental(
    line: str, elemental_mg: float, fits: str
) -> None:
    item = only(line)
    assert item.elemental_mg == elemental_mg
    assert item.item.kind.elemental
    (note,) = [note for note in item.notes if "read as elemental" in note]
    assert fits in note


def test_the_compound_reading_is_named_when_the_percentage_chose_the_magnesium() -> None:
    (note,) = only("Magnesium Ascorbate 30 mg 8%").reading_notes
    assert f"not the {30 * MG / ASCORBATE:.4g} mg that 30 mg of Ascorbate compound holds" in note
    (note,) = only("ATA Mg 350 mg 83.3%").reading_notes
    assert f"not the {350 * MG / ACETYL_TAURATE:.4g} mg" in note


def test_a_percentage_that_fits_the_compound_keeps_it_and_says_so() -> None:
    item = only("Magnesium oxide 400 mg 57%")  # 241.2 mg is 57 % of 420 mg
    assert item.compound_mg == 400
    assert item.elemental_mg == pytest.approx(400 * MG / OXIDE, rel=1e-12)
    assert any("read as the compound" in note for note in item.notes)


def test_a_percentage_that_fits_no_reading_is_named() -> None:
    item = only("Magnesium oxide 400 mg 40%")
    assert item.compound_mg == 400
    assert any("fits neither 400 mg as the magnesium nor" in note for note in item.notes)


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("Magnesium 200 mg 48%", None),  # 420 mg
        ("Magnesium (as Magnesium Oxide) 50 mg 13%", "before the 2016 rule (400 mg)"),  # DSLD 49495
        ("Magnesium 40 mg 50%", "children 1-3 years (80 mg)"),
        ("Magnesium 40 mg 53%", "infants through 12 months (75 mg)"),
        ("Magnesium 200 mg 53%", "fits only the EU NRV (375 mg)"),
        ("Mg 120 mg (32% NRV)", None),
        ("Magnesium 200 mg 60%", "fits none of"),
    ],
)
def test_which_reference_value_a_percentage_fits_is_said(line: str, fragment: str | None) -> None:
    notes = only(line).notes
    if fragment is None:
        assert not any("fits" in note for note in notes), notes
    else:
        assert any(fragment in note for note in notes), notes


@pytest.mark.parametrize(
    ("line", "elemental_mg", "name"),
    [
        ("Motion Magnesium Blend 350 mg 83.3%", 350, "'Motion Magnesium Blend'"),
        ("Magnesium Asporotate Complex 400 mg 95%", 400, "'Asporotate Complex'"),
    ],
)
def test_an_unknown_name_whose_percentage_fits_the_magnesium_is_that_magnesium(
    line: str, elemental_mg: float, name: str
) -> None:
    item = only(line)
    assert (item.form, item.elemental_mg, item.compound_mg) == (None, elemental_mg, None)
    assert any(name in note and "no compound mgcalc knows" in note for note in item.notes)


def test_an_unknown_name_with_no_evidence_is_refused() -> None:
    with pytest.raises(mgcalc.MgcalcError, match="unknown form or food 'Motion Magnesium Blend'"):
        mgcalc.convert("Motion Magnesium Blend 350 mg")


@pytest.mark.parametrize(
    ("line", "elemental_mg", "compound_mg"),
    [
        ("Magnesium Oxide 400 mg (241.3 mg elemental magnesium)", 241.3, 400),
        ("Magnesium L-lactate dihydrate 835 mg or 84.5 mg Elemental Magnesium (6.93 mEq)",
         84.5, 835),
    ],
)  # fmt: skip
def test_a_stated_elemental_figure_is_read_and_its_difference_shown(
    line: str, elemental_mg: float, compound_mg: float
) -> None:
    item = only(line)
    assert item.elemental_mg == pytest.approx(elemental_mg)
    assert item.compound_mg == pytest.approx(compound_mg)
    assert any("taken from the label, not from the formula" in note for note in item.notes)
    assert item.warnings == ()  # within a label's rounding of the formula


def test_a_stated_mEq_that_disagrees_is_named() -> None:
    item = only("Magnesium 100 mg (9 mEq)")  # 100 mg is 8.23 mEq
    assert any("the label's 9 mEq disagrees with the 8.23 mEq" in note for note in item.notes)
    assert not only("Magnesium 100 mg (8.2 mEq)").notes


def test_elemental_magnesium_and_mag_lead_a_line() -> None:
    for line in ("Elemental Magnesium 500 mg 120%", "elemental magnesium 500 mg", "Mag. 500 mg"):
        item = only(line)
        assert (item.form, item.elemental_mg) == (None, 500), line


def test_a_single_unknown_source_keeps_its_amount_and_is_named() -> None:
    item = only("Magnesium (from Algae) 15 mg 4%")
    assert (item.form, item.elemental_mg, item.compound_mg) == (None, 15, None)
    assert any("the source 'Algae' is no compound mgcalc knows" in note for note in item.notes)


@pytest.mark.parametrize(
    ("line", "elemental_mg"),
    [
        ("Magtein 2000 mg", 144),  # 144 mg per 2,000 mg on every Magtein label
        ("Magnesium L-Threonate (Magtein®) 2,000 mg", 144),
        ("Magnesium Lysinate Glycinate Chelate 2000 mg", 200),  # 10 % as sold
        ("Magnesium 200 mg 50% (from 2,000 mg magnesium lysinate glycinate chelate)", 200),
    ],
)
def test_trade_names_and_mixtures_use_the_figure_their_labels_state(
    line: str, elemental_mg: float
) -> None:
    item = only(line)
    assert item.elemental_mg == pytest.approx(elemental_mg)
    assert mgcalc.to_dict(item)["fraction_source"] == "label"


@pytest.mark.parametrize(
    "line", ["Vegetable Magnesium Stearate", "Magnesium Stearate", "Magnesium silicate 5 mg"]
)
def test_an_excipient_is_named_as_one(line: str) -> None:
    with pytest.raises(mgcalc.MgcalcError, match="is an excipient"):
        mgcalc.convert(line)


def test_the_trisilicate_is_no_excipient() -> None:
    assert only("1 g trisilicate").compound_mg == 1000
