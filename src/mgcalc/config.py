"""The user's saved person and output defaults: config.toml beside the user's forms file.

The command line wins over a regimen file, which wins over this file.
"""

from __future__ import annotations

import functools
import os.path
from typing import NamedTuple

from mgcalc.core import schema
from mgcalc.core.errors import MgcalcError
from mgcalc.core.reference import PersonValues
from mgcalc.datafiles import data_path, read_toml, user_forms_file
from mgcalc.regimen import PERSON_KEYS, read_person, read_standard

CONFIG_FILE_NAME = "config.toml"
CONFIG_PERSON_KEYS = (*PERSON_KEYS, "standard", "diet_mg")
OUTPUT_KEYS = ("format", "quiet")
FORMATS = ("table", "json", "csv", "jsonl")
STARTER_CONFIG = "starter-config.toml"  # in the data directory, shipped in the wheel


class Settings(NamedTuple):
    """What a config file sets; None where it says nothing."""

    path: str
    exists: bool = False
    person: PersonValues = PersonValues()
    diet_mg: float | None = None
    output_format: str | None = None
    quiet: bool | None = None


def config_file() -> str:
    """Beside the user's forms file, in the platform's config directory."""
    return os.path.join(os.path.dirname(user_forms_file()), CONFIG_FILE_NAME)


def settings() -> Settings:
    """The user's config file (none is no settings), read again only when it changes."""
    path = config_file()
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return Settings(path)
    except OSError:
        return read_settings(path)  # unreadable: read_toml names the reason
    if not os.path.isfile(path):
        return read_settings(path)  # a directory: read_toml says so
    return _read_once(path, status.st_mtime_ns, status.st_size)


@functools.cache
def _read_once(path: str, modified: int, size: int) -> Settings:
    return read_settings(path)


def read_settings(path: str) -> Settings:
    """A config file's settings; a mistake is a DataFileError naming the file and the key."""
    document = read_toml(path)
    schema.known_keys(document, ("person", "output"), "the file", path)
    person_table = schema.table(document.get("person", {}), "[person]", path)
    schema.known_keys(person_table, CONFIG_PERSON_KEYS, "[person]", path)
    output = schema.table(document.get("output", {}), "[output]", path)
    schema.known_keys(output, OUTPUT_KEYS, "[output]", path)
    output_format = schema.optional_text(output.get("format"), "output.format", path)
    if output_format is not None and output_format.lower() not in FORMATS:
        raise schema.fail(path, "output.format", f"must be one of {', '.join(FORMATS)}")
    person = read_person(person_table, path)
    standard = read_standard(person_table.get("standard"), "person.standard", path)
    person = person._replace(standard=standard)
    try:  # an impossible person is the file's mistake, named as such (with no age, at use)
        if person.has_age:
            person.build()
    except MgcalcError as error:
        raise schema.fail(
            path, f"[person] {error.parameter or ''}".rstrip(), error.detail
        ) from None
    quiet = output.get("quiet")
    return Settings(
        path,
        exists=True,
        person=person,
        diet_mg=schema.optional_number(person_table.get("diet_mg"), "person.diet_mg", path),
        output_format=output_format.lower() if output_format else None,
        quiet=None if quiet is None else schema.flag(quiet, "output.quiet", path),
    )


class InForce(NamedTuple):
    setting: str  # as written in the file: person.age, output.format
    value: str | float | bool | None
    origin: str  # "config file" or "default"


def in_force(saved: Settings) -> list[InForce]:
    """Every setting, with the value commands use when the command line says nothing."""
    person = saved.person
    values: list[tuple[str, str | float | bool | None, str | float | bool | None]] = [
        ("person.age", person.age, None),
        ("person.age_months", person.age_months, None),
        ("person.sex", person.sex, None),
        ("person.pregnant", person.pregnant, False),
        ("person.lactating", person.lactating, False),
        ("person.kidney", person.kidney, False),
        ("person.standard", person.standard, "nih"),
        ("person.diet_mg", saved.diet_mg, None),
        ("output.format", saved.output_format, "table"),
        ("output.quiet", saved.quiet, False),
    ]
    return [
        InForce(name, default, "default") if value is None else InForce(name, value, "config file")
        for name, value, default in values
    ]


def write_starter(path: str) -> None:
    """Write the starter config file at `path`, never over an existing file."""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "x", encoding="utf-8") as file:
            file.write(starter_config())
    except FileExistsError:
        raise MgcalcError(f"{path}: already exists; edit it, or remove it first") from None
    except OSError as error:
        raise MgcalcError(f"{path}: cannot write: {error.strerror or error}") from None


def starter_config() -> str:
    """The commented starter file that `mgcalc config --init` writes."""
    with open(data_path(STARTER_CONFIG), encoding="utf-8") as file:
        return file.read()
