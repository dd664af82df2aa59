"""`mgcalc convert`: numbers checked against hand arithmetic on CIAAW weights."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from mgcalc.cli import cli

from helpers import assert_one_line_error, run, run_json

H, C, N, O, MG, S, CL = 1.008, 12.011, 14.007, 15.999, 24.305, 32.06, 35.45
GLYCINATE = MG + 2 * (2 * C + 4 * H + N + 2 * O)  # Mg(C2H4NO2)2
CITRATE_9 = 3 * MG + 2 * (6 * C + 5 * H + 7 * O) + 9 * (2 * H + O)  # Mg3(C6H5O7)2·9H2O
OXIDE = MG + O
CHLORIDE_6 = MG + 2 * CL + 6 * (2 * H + O)
EPSOM = MG + S + 4 * O + 7 * (2 * H + O)
THREONATE = MG + 2 * (4 * C + 7 * H + 5 * O)
GRAIN_MG = 64.79891


def test_single_item_default_command() -> None:
    document = run_json("500", "mg", "glycinate")
    (item,) = document["items"]
    assert item["form"] == "glycinate"
    assert item["variant"] == "anhydrous"
    assert item["formula"] == "Mg(C2H4NO2)2"
    assert item["molar_mass_g_per_mol"] == pytest.approx(GLYCINATE, rel=1e-12)
    assert item["elemental_fraction"] == pytest.approx(MG / GLYCINATE, rel=1e-12)
    assert item["compound_mg"] == 500.0
    assert item["elemental_mg"] == pytest.approx(500 * MG / GLYCINATE, rel=1e-12)
    assert item["elemental_mmol"] == pytest.approx(500 / GLYCINATE, rel=1e-12)
    assert item["elemental_meq"] == pytest.approx(1000 / GLYCINATE, rel=1e-12)
    assert document["total"]["elemental_mg"] == pytest.approx(500 * MG / GLYCINATE, rel=1e-12)
    assert "Educational" in document["disclaimer"]
    assert "1 mmol = 2 mEq = 24.305 mg" in document["units_note"]


def test_several_items_with_servings_and_variants() -> None:
    document = run_json(
        "convert",
        "500mg",
        "glycinate",
        "1.5",
        "g",
        "citrate:nonahydrate",
        "2x",
        "400",
        "mg",
        "oxide",
    )
    glycinate, citrate, oxide = document["items"]
    assert citrate["formula"] == "Mg3(C6H5O7)2·9H2O"
    assert citrate["magnesium_atoms"] == 3
    assert citrate["elemental_mg"] == pytest.approx(1500 * 3 * MG / CITRATE_9, rel=1e-12)
    assert oxide["servings"] == 2
    assert oxide["compound_mg"] == pytest.approx(800.0)
    assert oxide["elemental_mg"] == pytest.approx(800 * MG / OXIDE, rel=1e-12)
    expected_total = 500 * MG / GLYCINATE + 1500 * 3 * MG / CITRATE_9 + 800 * MG / OXIDE
    assert document["total"]["elemental_mg"] == pytest.approx(expected_total, rel=1e-12)
    assert document["total"]["elemental_mmol"] == pytest.approx(expected_total / MG, rel=1e-12)
    assert document["total"]["elemental_meq"] == pytest.approx(2 * expected_total / MG, rel=1e-12)
    assert glycinate["input"] == "500 mg glycinate"  # as understood: amount as typed
    assert oxide["input"] == "2x 400 mg oxide"


def test_elemental_gives_compound() -> None:
    (item,) = run_json("convert", "--elemental", "350", "mg", "oxide")["items"]
    assert item["elemental_mg"] == 350.0
    assert item["compound_mg"] == pytest.approx(350 * OXIDE / MG, rel=1e-12)


def test_elemental_word_applies_to_one_item() -> None:
    first, second = run_json("200", "mg", "elemental", "glycinate", "200", "mg", "glycinate")[
        "items"
    ]
    assert first["elemental_mg"] == 200.0
    assert second["compound_mg"] == 200.0


@pytest.mark.parametrize(
    ("unit", "mmol"),
    [("mEq", 10.0), ("meq", 10.0), ("mmol", 20.0), ("milliequivalents", 10.0)],
)
def test_clinical_units_count_magnesium_ions(unit: str, mmol: float) -> None:
    (item,) = run_json("20", unit, "oxide")["items"]
    assert item["elemental_mmol"] == pytest.approx(mmol)
    assert item["elemental_mg"] == pytest.approx(mmol * MG)
    assert item["compound_mg"] == pytest.approx(mmol * OXIDE)


def test_mmol_of_citrate_counts_ions_not_formula_units() -> None:
    (item,) = run_json("3", "mmol", "citrate")["items"]
    # 3 mmol Mg ions is 1 mmol of Mg3(C6H5O7)2, not 3.
    assert item["compound_mg"] == pytest.approx((3 * MG + 2 * (6 * C + 5 * H + 7 * O)) * 1.0)


def test_magnesium_sulfate_injection_label() -> None:
    # Label: 500 mg/mL of MgSO4·7H2O is 4.06 mEq/mL.
    (item,) = run_json("500", "mg", "epsom")["items"]
    assert item["variant"] == "heptahydrate"
    assert item["elemental_meq"] == pytest.approx(2 * 500 / EPSOM, rel=1e-12)
    assert round(item["elemental_meq"], 2) == 4.06


@pytest.mark.parametrize(
    ("amount", "unit", "milligrams"),
    [
        ("1", "g", 1000.0),
        ("250000", "mcg", 250.0),
        ("250000", "µg", 250.0),
        ("250000", "μg", 250.0),
        ("250000", "ug", 250.0),
        ("5", "grain", 5 * GRAIN_MG),
        ("5", "grains", 5 * GRAIN_MG),
        ("0.5", "milligrams", 0.5),
        ("0.001", "kg", 1000.0),
    ],
)
def test_mass_units(amount: str, unit: str, milligrams: float) -> None:
    (item,) = run_json(amount, unit, "chloride")["items"]
    assert item["variant"] == "hexahydrate"
    assert item["compound_mg"] == pytest.approx(milligrams, rel=1e-12)
    assert item["elemental_mg"] == pytest.approx(milligrams * MG / CHLORIDE_6, rel=1e-12)


@pytest.mark.parametrize(
    "name",
    [
        "threonate",
        "l-threonate",
        "L-Threonate",
        "magnesium-l-threonate",
        "Magnesium_L_Threonate",
    ],
)
def test_forgiving_names(name: str) -> None:
    (item,) = run_json("1", "g", name)["items"]
    assert item["form"] == "threonate"
    assert item["elemental_mg"] == pytest.approx(1000 * MG / THREONATE, rel=1e-12)


@pytest.mark.parametrize(
    "name", ["magtein", "Magtein", "L-threonate Magtein", "Magtein L-threonate"]
)
def test_the_trade_name_magtein_is_its_labels_figure(name: str) -> None:
    (item,) = run_json("1", "g", name)["items"]
    assert item["form"] == "threonate"
    assert item["elemental_mg"] == pytest.approx(72)  # 144 mg per 2,000 mg, as sold
    assert item["fraction_source"] == "label"


def test_magnesium_as_a_separate_word() -> None:
    (item,) = run_json("400", "mg", "magnesium", "oxide")["items"]
    assert item["form"] == "oxide"
    assert item["input"] == "400 mg magnesium oxide"


def test_bisglycinate_is_glycinate() -> None:
    (item,) = run_json("500", "mg", "bisglycinate")["items"]
    assert item["form"] == "glycinate"


def test_label_percentage_overrides_formula() -> None:
    (item,) = run_json("1000", "mg", "glycinate@20%")["items"]
    assert item["elemental_fraction"] == 0.2
    assert item["elemental_mg"] == pytest.approx(200.0)
    assert item["fraction_source"] == "label"
    # 20% is a normal buffered glycinate: taken from the label, with no warning about it
    assert item["notes"] == [
        "elemental fraction 20% taken from the label, not from the formula (14.10%)"
    ]


@pytest.mark.parametrize(
    ("form", "fragment"),
    [
        ("citrate", "nonahydrate"),
        ("glycinate", "18-22%"),
        ("carbonate", "basic carbonate"),
    ],
)
def test_ambiguity_is_shown(form: str, fragment: str) -> None:
    (item,) = run_json("500", "mg", form)["items"]
    assert any(fragment in note for note in item["notes"])


def test_no_ambiguity_note_when_variant_named() -> None:
    (item,) = run_json("500", "mg", "citrate:nonahydrate")["items"]
    assert item["notes"] == []


def test_round_trip_compound_elemental_compound() -> None:
    (forward,) = run_json("737.5", "mg", "citrate:tetradecahydrate")["items"]
    (back,) = run_json(
        "--elemental", repr(forward["elemental_mg"]), "mg", "citrate:tetradecahydrate"
    )["items"]
    assert back["compound_mg"] == pytest.approx(737.5, rel=1e-14)


def test_csv_output() -> None:
    result = run("2x", "400", "mg", "oxide", "--format", "csv")
    assert result.exit_code == 0
    assert "\r" not in result.stdout
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 1
    assert rows[0]["form"] == "oxide"
    assert float(rows[0]["elemental_mg"]) == pytest.approx(800 * MG / OXIDE, rel=1e-12)
    assert rows[0]["servings"] == "2"


def test_table_output_rounds_for_display() -> None:
    result = run("500", "mg", "glycinate")
    assert result.exit_code == 0
    assert "70.5" in result.stdout  # 70.4807... to 0.1 mg
    assert "14.10" in result.stdout
    assert "Total per day" not in result.stdout  # one item is its own total
    assert "1 mmol = 2 mEq = 24.305 mg" in result.stdout
    assert "Educational only: mgcalc does not diagnose or prescribe." in result.stdout
    assert "buffered" in result.stderr.lower()


def test_table_notes_wrap_on_stderr_at_the_tables_width() -> None:
    result = CliRunner().invoke(
        cli, ["500", "mg", "glycinate", "1", "g", "citrate"], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert all(len(line) <= 80 for line in lines)
    text = " ".join(lines)
    assert text.startswith("note (item 1): 'glycinate' assumes")
    assert "e.g. glycinate@20%. note (item 2): " in text
    assert text.count("note (") == 2


def test_explain_shows_the_arithmetic() -> None:
    result = run("1.5", "g", "citrate:nonahydrate", "--explain")
    assert result.exit_code == 0
    assert "Mg3(C6H5O7)2·9H2O has 3 Mg" in result.stdout
    assert "613.248 g/mol" in result.stdout
    (item,) = run_json("1.5", "g", "citrate:nonahydrate", "--explain")["items"]
    assert "3 × 24.305 / 613.248" in item["explanation"]


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["-5", "mg", "oxide"], 1, "greater than zero"),
        (["0", "mg", "oxide"], 1, "greater than zero"),
        (["nan", "mg", "oxide"], 1, "not a finite number"),
        (["inf", "mg", "oxide"], 1, "not a finite number"),
        (["1e400", "mg", "oxide"], 1, "too large"),
        (["1_000", "mg", "oxide"], 1, "without '_'"),
        (["0,5", "g", "oxide"], 1, "decimal point"),
        (["2", "kg", "oxide"], 1, "more than 1 kg"),
        (["500", "furlongs", "oxide"], 1, "unknown unit 'furlongs'"),
        (["5", "ml", "oxide"], 1, "a volume"),
        (["5", "kcal", "oxide"], 1, "an energy"),
        (["500", "mg", "glycinat"], 1, "did you mean 'glycinate'"),
        (["500", "mg", "citrate:dodecahydrate"], 1, "unknown variant 'dodecahydrate'"),
        (["500", "mg", "epsom:anhydrous"], 1, "sulfate:anhydrous"),
        (["0x", "500", "mg", "oxide"], 1, "servings"),
        (["1.5x", "500", "mg", "oxide"], 1, "servings"),
        (["1000000000x", "500", "mg", "oxide"], 1, "servings"),
        (["500", "mg", "oxide@0%"], 1, "percentage"),
        (["500", "mg", "oxide@120%"], 1, "at most 100"),
        (["500", "mg"], 2, "missing a form"),
        (["500", "glycinate"], 1, "unknown unit 'glycinate'"),
        (["500"], 2, "missing a unit"),
        (["mg", "glycinate"], 2, "expected an amount"),
        (["convert"], 2, "at least one item"),
        (["500", "mg", "oxide", "--bogus"], 2, "No such option '--bogus'"),
        (["convert", "500", "mg", "oxide", "--format", "xml"], 2, "--format"),
    ],
)
def test_bad_input(args: list[str], code: int, fragment: str) -> None:
    assert_one_line_error(run(*args), code, fragment)


def test_colour_only_where_asked_and_never_in_data() -> None:
    plain = run("500", "mg", "glycinate")
    assert "\x1b[" not in plain.stdout  # a pipe: no colour
    forced = CliRunner().invoke(cli, ["500", "mg", "glycinate"], env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    for output_format in ("json", "csv"):
        data = CliRunner().invoke(
            cli, ["500", "mg", "glycinate", "--format", output_format], env={"FORCE_COLOR": "1"}
        )
        assert data.exit_code == 0
        assert "\x1b[" not in data.stdout + data.stderr


@pytest.mark.parametrize(
    ("item", "fragment"),
    [
        (
            "250 mg glycinate@0.2%",
            "0.2% is below a tenth of glycinate's 14.10%: read as a fraction",
        ),
        ("250 mg glycinate@40%", "40% is above any glycinate product (22% at most, blends"),
        ("250 mg citrate@18%", "18% is above any citrate product (16.16% at most)"),
        ("1 g oxide@6%", "6% is below a tenth of oxide's 60.30%"),
    ],
)
def test_an_implausible_label_percent_is_named_with_its_other_reading(
    item: str, fragment: str
) -> None:
    (converted,) = run_json(*item.split())["items"]
    assert any(note.startswith(fragment) for note in converted["notes"]), converted["notes"]


@pytest.mark.parametrize("item", ["250 mg glycinate@18%", "1 g citrate@15%", "1 g oxide@60%"])
def test_a_plausible_label_percent_is_not_warned_about(item: str) -> None:
    (converted,) = run_json(*item.split())["items"]
    assert len(converted["notes"]) == 1  # only where the fraction came from


@pytest.mark.parametrize(
    ("name", "form", "variant"),
    [
        ("MgCl2", "chloride", "anhydrous"),
        ("mgcl2", "chloride", "anhydrous"),
        ("MgCl2·6H2O", "chloride", "hexahydrate"),
        ("MgCl2.6H2O", "chloride", "hexahydrate"),
        ("MgSO4*7H2O", "sulfate", "heptahydrate"),
        ("MgSO4", "sulfate", "anhydrous"),
        ("Mg3(C6H5O7)2.9H2O", "citrate", "nonahydrate"),
        ("MgO", "oxide", "anhydrous"),
    ],
)
def test_a_formula_means_that_exact_compound(name: str, form: str, variant: str) -> None:
    (converted,) = run_json("1", "g", name)["items"]
    assert (converted["form"], converted["variant"]) == (form, variant)
    assert converted["notes"] == []  # no default was assumed


@pytest.mark.parametrize(
    ("name", "form", "variant", "fragment"),
    [
        ("e345", "citrate", "anhydrous", None),
        ("E-345", "citrate", "anhydrous", None),
        ("lactate", "lactate", "dihydrate", "L-lactate dihydrate (10.19% Mg)"),
        ("aspartate", "aspartate", "dihydrate", "dihydrate (7.49% Mg, Ph. Eur.)"),
        ("magtein", "threonate", "anhydrous", "Magtein labels state 144 mg magnesium per 2,000"),
        ("carbonate", "carbonate", "basic-tetrahydrate", "(USP 24.1-26.2%)"),
    ],
)
def test_defaults_and_aliases_follow_the_reference(
    name: str, form: str, variant: str, fragment: str | None
) -> None:
    (converted,) = run_json("1", "g", name)["items"]
    assert (converted["form"], converted["variant"]) == (form, variant)
    if fragment is None:
        assert converted["notes"] == []
    else:
        assert any(fragment in note for note in converted["notes"]), converted["notes"]


@pytest.mark.parametrize(
    ("args", "stdin", "shown"),
    [
        (["--elemental", "350", "mg", "oxide"], None, "350 mg elemental oxide"),
        (["350mg", "elemental", "oxide"], None, "350 mg elemental oxide"),
        (["2X", "1.50", "g", "glycinate@20%"], None, "2x 1.50 g glycinate@20%"),
        (
            ["--input", "-", "--input-format", "csv"],
            "amount,unit,form,elemental,percent,servings\n100,mg,glycinate,true,,2\n1,g,citrate,,15,\n",
            "2x 100 mg elemental glycinate|1 g citrate@15%",
        ),
        (
            ["--input", "-", "--input-format", "jsonl"],
            '{"amount": 100, "unit": "mg", "form": "oxide", "elemental": true, "percent": 50}\n',
            "100 mg elemental oxide@50%",
        ),
        (["--input", "-", "--elemental"], "100 mg citrate\n", "100 mg elemental citrate"),
    ],
)
def test_the_input_shows_the_item_as_understood(
    args: list[str], stdin: str | None, shown: str
) -> None:
    result = run("convert", *args, "--format", "json", input=stdin)
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    assert "|".join(item["input"] for item in items) == shown
    table = run("convert", *args, input=stdin).stdout
    for text in shown.split("|"):
        assert text in table
