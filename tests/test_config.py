"""A saved person and output defaults: config.toml, `mgcalc config`, `forms --template`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import mgcalc
from mgcalc.cli import cli
from mgcalc.datafiles import data_path

from helpers import assert_one_line_error


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A config directory of the test's own: mgcalc's files go in home / 'mgcalc'."""
    (tmp_path / "mgcalc").mkdir()
    return tmp_path


def run_in(home: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, env={"XDG_CONFIG_HOME": str(home)})


def write_config(home: Path, text: str) -> Path:
    path = home / "mgcalc" / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


PERSON = '[person]\nage = 40\nsex = "female"\ndiet_mg = 250\n'


def test_a_saved_person_is_used_and_named(home: Path) -> None:
    path = write_config(home, PERSON)
    result = run_in(home, "check", "300", "mg", "elemental", "oxide", "-f", "json")
    assert result.exit_code == 0, result.stderr
    day = json.loads(result.stdout)
    assert day["person"]["age_years"] == 40
    assert day["person"]["sex"] == "female"
    assert day["diet_mg"] == 250
    assert day["total_mg"] == pytest.approx(550)
    assert day["from_config"] == ["age", "sex", "diet_mg"]
    table = run_in(home, "check", "300", "mg", "elemental", "oxide").stdout
    assert "Daily check: 40 years, female" in table
    assert f"From your config file ({path}): age, sex, diet_mg" in table.replace("\n", " ")


def test_the_command_line_wins(home: Path) -> None:
    write_config(home, PERSON + "pregnant = true\nkidney = true\n")
    args = ["check", "300", "mg", "elemental", "oxide", "-f", "json"]
    day = json.loads(run_in(home, *args, "--age", "30", "--no-pregnant", "--no-kidney").stdout)
    assert day["person"] == {
        "age_years": 30,
        "sex": "female",
        "life_stage": "none",
        "kidney": False,
    }
    assert day["from_config"] == ["sex", "diet_mg"]
    toddler = ["--age-months", "30", "--diet", "0", "--no-pregnant", "--no-kidney"]
    both = json.loads(run_in(home, *args, *toddler).stdout)
    assert both["person"]["age_years"] == 2.5  # an age in months is the age: not the file's
    assert both["diet_mg"] == 0
    assert "age" not in both["from_config"]


def test_a_saved_value_that_does_not_fit_is_named_as_the_configs(home: Path) -> None:
    path = write_config(home, '[person]\nsex = "female"\npregnant = true\n')
    result = run_in(home, "check", "400", "mg", "oxide", "--age", "8")
    assert_one_line_error(result, 1, f"pregnant (from {path}) is accepted for ages 10 to under 60")
    given = run_in(home, "check", "400", "mg", "oxide", "--age", "8", "--pregnant")
    assert_one_line_error(given, 1, "--pregnant is accepted for ages 10")


def test_a_regimen_wins_over_the_config(home: Path, tmp_path: Path) -> None:
    write_config(home, PERSON)
    regimen = tmp_path / "day.toml"
    regimen.write_text('[person]\nage = 70\nsex = "male"\n', encoding="utf-8")
    result = run_in(home, "check", "100", "mg", "oxide", "--regimen", str(regimen), "-f", "json")
    day = json.loads(result.stdout)
    assert (day["person"]["age_years"], day["person"]["sex"]) == (70, "male")
    assert day["from_config"] == ["diet_mg"]


def test_plan_and_reference_use_the_saved_person(home: Path) -> None:
    write_config(home, PERSON)
    plan = json.loads(
        run_in(home, "plan", "300", "mg", "glycinate", "--unit", "500mg", "-f", "json").stdout
    )
    assert plan["check"]["person"]["sex"] == "female"
    assert plan["from_config"] == ["age", "sex", "diet_mg"]
    reference = json.loads(run_in(home, "reference", "-f", "json").stdout)
    assert reference["selected"]["rda_mg"] == 320
    assert reference["from_config"] == ["age", "sex"]


def test_output_defaults(home: Path) -> None:
    write_config(home, '[output]\nformat = "json"\nquiet = true\n')
    assert json.loads(run_in(home, "500", "mg", "glycinate").stdout)["total"]
    assert run_in(home, "500", "mg", "glycinate", "-f", "table").stdout.startswith(" ")
    write_config(home, '[output]\nformat = "csv"\nquiet = true\n')
    # check has no CSV: its default stays the table, which is quiet
    table = run_in(home, "check", "400", "mg", "oxide", "--age", "40", "--sex", "f").stdout
    assert "Daily check" in table
    assert "source" not in table
    loud = run_in(home, "check", "400", "mg", "oxide", "--age", "40", "--sex", "f", "--no-quiet")
    assert "source" in loud.stdout


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[person]\nagee = 40\n", "[person] has unknown key 'agee'"),
        ("[persons]\nage = 40\n", "the file has unknown key 'persons'"),
        ('[person]\nage = "forty"\n', "person.age must be a number"),
        ("[person]\nage = -3\n", "person.age must not be negative"),
        ('[person]\nsex = "x"\n', 'person.sex must be "female" or "male"'),
        ("[person]\npregnant = 1\n", "person.pregnant must be true or false"),
        ('[person]\nstandard = "who"\n', 'person.standard must be "nih" or "efsa"'),
        ("[person]\ndiet_mg = -5\n", "person.diet_mg must not be negative"),
        ('[output]\nformat = "xml"\n', "output.format must be one of table, json, csv, jsonl"),
        ('[output]\nquiet = "yes"\n', "output.quiet must be true or false"),
        ('[person]\nage = 40\nsex = "male"\npregnant = true\n', "[person]"),
        ("[person\n", "invalid TOML"),
    ],
)
@pytest.mark.parametrize("command", [["check", "400", "mg", "oxide"], ["config"], ["forms"]])
def test_a_broken_config_is_an_error_naming_file_and_key(
    home: Path, text: str, fragment: str, command: list[str]
) -> None:
    path = write_config(home, text)
    assert_one_line_error(run_in(home, *command), 1, str(path), fragment)


def test_config_shows_path_settings_and_origins(home: Path) -> None:
    result = run_in(home, "config", "-f", "json")
    document = json.loads(result.stdout)
    assert document["config_file"] == str(home / "mgcalc" / "config.toml")
    assert document["config_exists"] is False
    assert document["forms_file"] == str(home / "mgcalc" / "forms.toml")
    assert document["settings"]["person.standard"] == {"value": "nih", "from": "default"}
    write_config(home, PERSON)
    document = json.loads(run_in(home, "config", "-f", "json").stdout)
    assert document["config_exists"] is True
    assert document["settings"]["person.age"] == {"value": 40, "from": "config file"}
    assert document["settings"]["person.pregnant"] == {"value": False, "from": "default"}
    table = run_in(home, "config").stdout
    assert "person.diet_mg      250      config file" in table


def test_config_init_writes_a_starter_once(home: Path) -> None:
    path = home / "mgcalc" / "config.toml"
    result = run_in(home, "config", "--init")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Wrote {path}")
    assert path.read_text(encoding="utf-8").startswith("# mgcalc's settings")
    assert json.loads(run_in(home, "config", "-f", "json").stdout)["config_exists"] is True
    assert_one_line_error(run_in(home, "config", "--init"), 1, "already exists")


def test_the_starter_config_says_nothing_until_edited(home: Path) -> None:
    run_in(home, "config", "--init")
    settings = json.loads(run_in(home, "config", "-f", "json").stdout)["settings"]
    assert {entry["from"] for entry in settings.values()} == {"default"}
    # Every commented setting is one the file accepts: uncommented, it loads.
    path = home / "mgcalc" / "config.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    uncommented = [line[2:] if line.startswith("# ") and " = " in line else line for line in lines]
    path.write_text("\n".join(uncommented).replace("age_months", "# age_months"), encoding="utf-8")
    settings = json.loads(run_in(home, "config", "-f", "json").stdout)["settings"]
    assert settings["person.age"] == {"value": 40, "from": "config file"}


def test_forms_template_is_a_valid_products_file(home: Path) -> None:
    result = run_in(home, "forms", "--template")
    assert result.exit_code == 0
    (home / "mgcalc" / "forms.toml").write_text(result.stdout, encoding="utf-8")
    products = run_in(home, "products", "-f", "json")
    mine = [p for p in json.loads(products.stdout)["products"] if p["yours"]]
    assert [p["product"] for p in mine] == ["my-glycinate"]
    assert mine[0]["file"] == str(home / "mgcalc" / "forms.toml")
    listed = run_in(home, "forms")
    assert "Your products" in listed.stdout
    assert "my-glycinate" in listed.stdout
    assert "(yours)" in listed.stdout


def test_forms_template_uncommented_is_valid_too(tmp_path: Path) -> None:
    """Every commented example in the template loads once its '# ' is removed."""
    text = Path(data_path("starter-forms.toml")).read_text(encoding="utf-8")
    example = tmp_path / "forms.toml"
    example.write_text(
        "\n".join(
            line[2:] if line.startswith("# ") and ("=" in line or line[2:3] == "[") else line
            for line in text.splitlines()
        ),
        encoding="utf-8",
    )
    catalogue = mgcalc.load_forms([example])
    assert {"my-glycinate", "my-liquid"} <= set(catalogue.products)
    assert "my-form" in catalogue.forms
    liquid = catalogue.products["my-liquid"]
    assert liquid.elemental_mg_per_unit == 20  # 100 mg per 5 mL
    offers = mgcalc.compare(forms_files=[example]).offers
    assert [offer.product.key for offer in offers] == ["my-glycinate", "my-liquid"]
