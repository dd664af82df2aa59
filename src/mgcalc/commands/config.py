"""`mgcalc config`: where the config file is, and the settings in force."""

from __future__ import annotations

import os.path
import sys

import click

from mgcalc import config as settings_file
from mgcalc.api import user_forms_file
from mgcalc.commands.options import format_option
from mgcalc.render.documents import Document, write_json


@click.command("config")
@click.option(
    "--init",
    is_flag=True,
    help="Write a commented starter config file where mgcalc reads it (never over one).",
)
@format_option("table", "json")
def config(init: bool, output_format: str) -> None:
    """Show the config file's path and the settings in force, and where each comes from.

    The config file may hold a [person] (age, sex, pregnant, lactating, kidney, standard,
    diet_mg) and [output] defaults (format, quiet); the command line always wins.
    """
    path = settings_file.config_file()
    if init:
        settings_file.write_starter(path)
        click.echo(f"Wrote {path}: remove the '#' before a setting to use it.")
        return
    saved = settings_file.settings()
    rows = settings_file.in_force(saved)
    forms_path = user_forms_file()
    if output_format == "json":
        write_json(config_document(saved, rows, forms_path), sys.stdout)
        return
    from mgcalc.render.table import print_config  # rich, for tables only

    print_config(saved, rows, forms_path)


def config_document(
    saved: settings_file.Settings, rows: list[settings_file.InForce], forms_file: str
) -> Document:
    return {
        "config_file": saved.path,
        "config_exists": saved.exists,
        "forms_file": forms_file,
        "forms_exists": os.path.isfile(forms_file),
        "settings": {row.setting: {"value": row.value, "from": row.origin} for row in rows},
    }
