"""Every figure as its authority states it: defaults as the pharmacopoeia names the article,
explanations whose equations are true, sources that say what they are, rows that say what they
count. Expected figures are computed here with periodictable or from the label's own numbers."""

from __future__ import annotations

import re

import periodictable as pt
import pytest

import mgcalc

from helpers import run, run_json


def fraction(formula: str) -> float:
    compound = pt.formula(formula)
    return float(compound.atoms[pt.Mg] * pt.Mg.mass / compound.mass)


@pytest.mark.parametrize(
    "text",
    ["1 g phosphate", "1 g magnesium phosphate", "Magnesium (as magnesium phosphate) 100 mg"],
)
def test_bare_phosphate_is_the_usp_article_with_the_dibasic_salt_named(text: str) -> None:
    (item,) = run_json("convert", text)["items"]
    assert (item["form"], item["variant"]) == ("phosphate-tribasic", "pentahydrate")
    assert item["elemental_fraction"] == pytest.approx(fraction("Mg3(PO4)2(H2O)5"), rel=1e-4)
    (note,) = item["notes"]
    assert "USP Magnesium Phosphate" in note
    assert f"{100 * fraction('MgHPO4(H2O)3'):.2f}%" in note  # what the dibasic salt gives


def test_the_dibasic_salt_is_named_for_itself() -> None:
    (item,) = run_json("convert", "1 g phosphate-dibasic")["items"]
    assert item["elemental_fraction"] == pytest.approx(fraction("MgHPO4(H2O)3"), rel=1e-4)
    assert run_json("convert", "1 g hydrogen-phosphate")["items"][0]["form"] == "phosphate-dibasic"


def test_every_ambiguity_note_gives_figures_its_formulas_compute() -> None:
    forms = {form.key: form for form in mgcalc.forms()}
    computed = {
        f"{100 * variant.elemental_fraction:.2f}"
        for form in forms.values()
        for variant in form.variants.values()
    }
    for form in forms.values():
        if not form.ambiguity:
            continue
        default = form.variants[form.default_variant]
        assert f"{100 * default.elemental_fraction:.2f}%" in form.ambiguity, form.key
        for figure in re.findall(r"(\d+\.\d\d)%", form.ambiguity):
            if "USP 24.1" in form.ambiguity and figure in ("24.1", "26.2"):
                continue
            assert figure in computed, (form.key, figure)


@pytest.mark.parametrize(
    ("name", "formula"),
    [("chloride", "MgCl2(H2O)6"), ("sulfate", "MgSO4(H2O)7"), ("gluconate", "C12H22MgO14(H2O)2"),
     ("salicylate", "C14H10MgO6(H2O)4"), ("aspartate", "C8H12MgN2O8(H2O)2"),
     ("citrate", "C12H10Mg3O14"), ("lactate", "C6H10MgO6(H2O)2")],
)  # fmt: skip
def test_a_name_whose_salts_differ_says_which_it_assumed(name: str, formula: str) -> None:
    (item,) = run_json("convert", f"1 g {name}")["items"]
    assert item["elemental_fraction"] == pytest.approx(fraction(formula), rel=1e-4)
    assert any(note.startswith(f"'{name}' assumes") for note in item["notes"])


@pytest.mark.parametrize(
    ("text", "magnesium", "compound", "formula"),
    [("2 tablet mag-ox-400", 241.3, 400, "MgO"),
     ("30 mL milk of magnesia", 500, 1200, "Mg(OH)2"),
     ("1 tablet mag-tab-sr", 84, 835, "C6H10MgO6(H2O)2")],
)  # fmt: skip
def test_explain_shows_the_labels_arithmetic_beside_the_formulas(
    text: str, magnesium: float, compound: float, formula: str
) -> None:
    (item,) = run_json("convert", text, "--explain")["items"]
    explained = item["explanation"]
    label = f"{magnesium:g} mg Mg / {compound:g} mg = {magnesium / compound:.6f}"
    assert f"fraction from the label: {label}" in explained
    assert f"= {fraction(formula):.6f})" in explained  # the formula's own quotient, true
    for left, right, shown in re.findall(r"([\d.]+) / ([\d.]+) = ([\d.]+)", explained):
        assert float(left) / float(right) == pytest.approx(float(shown), abs=5e-7), explained


def test_the_mag_ox_400_figure_cites_a_generic_label_as_generic() -> None:
    (product,) = [p for p in mgcalc.products() if p.key == "mag-ox-400"]
    assert product.source.startswith("a generic magnesium oxide 400 mg tablet label")
    assert "Mag-Ox 400 itself per Medscape" in product.source


def test_a_row_that_counts_fortified_magnesium_says_so() -> None:
    result = run(
        "check", "200 mg elemental oxide", "--age", "40", "--sex", "f", "--fortified", "50"
    )
    assert "Fortified + supplements" in result.stdout
    assert "Supplements only" not in result.stdout
    assert "food not counted" in result.stdout


HEPTAHYDRATE = fraction("MgSO4(H2O)7")


@pytest.mark.parametrize(
    ("text", "compound_mg", "route"),
    [("10 mL of 50% magnesium sulfate", 5000, "oral"),
     ("10 mL sulfate@50%w/v", 5000, "oral"),
     ("4 g magnesium sulfate in 100 mL", 4000, "oral"),
     ("4 g magnesium sulfate in 100 mL IV", 4000, "IV"),
     ("magnesium sulfate 4 g in 100 mL IV", 4000, "IV"),
     ("2 g/50 mL sulfate", 2000, "oral"),
     ("2g/50mL sulfate IV", 2000, "IV"),
     ("50 mL of 2 g/50 mL sulfate", 2000, "oral"),
     ("25 mL of 2g/50mL sulfate", 1000, "oral"),
     ("10 mL of 50% w/v magnesium sulfate", 5000, "oral"),
     ("magnesium sulfate 50% 10 mL", 5000, "oral"),
     ("1 g magnesium sulfate in 100 mL D5W IV", 1000, "IV"),
     ("4 g/100 mL magnesium sulfate", 4000, "oral"),
     ("2 g in 50 mL sulfate", 2000, "oral")],
)  # fmt: skip
def test_concentrations_as_clinicians_write_them_read_like_at(
    text: str, compound_mg: float, route: str
) -> None:
    (item,) = run_json("convert", text)["items"]
    assert item["compound_mg"] == pytest.approx(compound_mg, rel=1e-12)
    assert item["elemental_mg"] == pytest.approx(compound_mg * HEPTAHYDRATE, rel=1e-4)
    assert item["route"] == route
    assert "@" in item["input"]  # said back as the '@' strength it was read as


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("10 mL sulfate@50%w/v in 100 mL", "gives two strengths"),
     ("4 mL magnesium sulfate in 100 mL", "'in' a volume goes with a weight"),
     ("2 g/ sulfate", "unknown unit 'g/'"),
     ("50 mg of 2 g/50 mL sulfate", "a strength goes with a volume"),
     ("500 mg 50% w/v sulfate", "a w/v strength goes with a volume")],
)  # fmt: skip
def test_a_strength_that_reads_two_ways_is_refused(text: str, fragment: str) -> None:
    result = run("convert", text)
    assert result.exit_code in (1, 2)
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "key", "spacing", "quoted"),
    [("ciprofloxacin", "ciprofloxacin", "at least 2 hours before or 6 hours after",
      "at least 2 hours before or 6 hours after antacids or mineral supplements"),
     ("Cipro", "ciprofloxacin", "at least 2 hours before or 6 hours after", "pubmed/2598571"),
     ("moxifloxacin", "moxifloxacin", "at least 4 hours before or 8 hours after",
      "'at least 4 hours before or 8 hours after'"),
     ("levofloxacin", "levofloxacin", "at least 2 hours before or after", "within 2 hours"),
     ("doxycycline", "tetracyclines", "2 to 3 hours or more", "separated by 2 to 3 hours or more"),
     ("levothyroxine", "levothyroxine", "at least 4 hours apart", "at least 4 hours apart"),
     ("alendronate", "bisphosphonates", "3 to 4 hours before or after", "half an hour before"),
     ("iron", "iron", "3 to 4 hours before or after", "3 to 4 hours before or after")],
)  # fmt: skip
def test_each_medicine_has_its_own_labels_spacing_and_source(
    name: str, key: str, spacing: str, quoted: str
) -> None:
    day = run_json("check", "400 mg oxide", "--age", "40", "--sex", "f", "--medicine", name)
    (medicine,) = day["medicines"]
    assert medicine["key"] == key
    assert spacing in medicine["spacing"]
    assert quoted in medicine["source"]
    table = run("check", "400 mg oxide", "--age", "40", "--sex", "f", "--medicine", name)
    text = " ".join(table.stdout.split())
    assert f"{medicine['name']}: {medicine['spacing']}" in text
    assert "as each label says" not in text  # the named medicine replaces the general


def test_moxifloxacin_is_not_given_ciprofloxacins_spacing() -> None:
    day = run_json("check", "400 mg oxide", "--age", "40", "--medicine", "moxifloxacin")
    assert "6 hours" not in day["medicines"][0]["spacing"]


def test_an_unknown_medicine_is_refused_with_the_known_ones() -> None:
    result = run("check", "400 mg oxide", "--age", "40", "--medicine", "warfarin")
    assert result.exit_code == 1
    assert result.stderr.startswith("mgcalc: error: --medicine 'warfarin': no spacing")
    assert "ciprofloxacin" in result.stderr


def test_medicine_names_complete_on_tab() -> None:
    from click.shell_completion import ShellComplete

    from mgcalc.cli import cli

    completion = ShellComplete(cli, {}, "mgcalc", "_MGCALC_COMPLETE")
    offered = completion.get_completions(["check", "400 mg oxide", "--medicine"], "lev")
    assert [item.value for item in offered] == [
        "levaquin",
        "levofloxacin",
        "levothyroxine",
        "levoxyl",
    ]


def test_the_python_api_takes_medicines_and_clinicians_strengths_alike() -> None:
    day = mgcalc.check("4 g magnesium sulfate in 100 mL", age=40, sex="female",
                       medicines=["moxifloxacin"])  # fmt: skip
    (medicine,) = day.medicines
    assert medicine.spacing.startswith("at least 4 hours before or 8 hours after")
    assert day.parenteral is None  # no route given: by mouth
    assert day.supplemental.elemental_mg == pytest.approx(4000 * HEPTAHYDRATE, rel=1e-4)
    assert [m.key for m in mgcalc.medicines()][:3] == ["ciprofloxacin", "levofloxacin",
                                                       "moxifloxacin"]  # fmt: skip


@pytest.mark.parametrize("flag", ["--quiet", "--brief"])
def test_a_medicine_asked_for_keeps_its_spacing_in_quiet_and_brief(flag: str) -> None:
    result = run("check", "400 mg oxide", "--age", "40", "--sex", "f", "--medicine", "iron", flag)
    assert "iron: magnesium 3 to 4 hours before or after [SmPC 12118]" in result.stdout


def test_a_diluent_is_said_and_counts_no_magnesium() -> None:
    (item,) = run_json("convert", "1 g magnesium sulfate in 100 mL D5W")["items"]
    assert "in D5W: the diluent, counted as no magnesium" in item["notes"]
    assert item["compound_mg"] == 1000
