"""Reading data files: the built-in ones shipped in the package, and the user's own."""

from __future__ import annotations

import functools
import os.path
import sys
from collections.abc import Sequence
from typing import IO

import click

from mgcalc.core import schema
from mgcalc.core.errors import DataFileError, MgcalcError
from mgcalc.core.foods import FoodTable, read_table
from mgcalc.core.forms import Catalogue
from mgcalc.core.forms_schema import build_catalogue, parse_atomic_weights
from mgcalc.core.labels import DailyValue
from mgcalc.core.reference import Medicine, Note, Standard
from mgcalc.core.reference_schema import (
    build_citations,
    build_daily_values,
    build_medicines,
    build_reference_data,
)
from mgcalc.core.schema import TomlTable
from mgcalc.core.serum import SerumReference, build_serum_reference
from mgcalc.core.units import COUNT_UNITS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")
USER_FORMS_FILE_NAME = "forms.toml"


def data_path(name: str) -> str:
    return os.path.join(DATA_DIR, name)


def open_binary(name: str) -> IO[bytes]:
    """A file opened for reading; every failure becomes one MgcalcError naming it."""
    try:
        if os.path.isdir(name):
            raise MgcalcError(f"{name}: is a directory, not a file")
        return open(name, "rb")
    except FileNotFoundError:
        raise MgcalcError(f"{name}: no such file") from None
    except PermissionError:
        raise MgcalcError(f"{name}: permission denied") from None
    except OSError as error:
        raise MgcalcError(f"{name}: cannot read: {error.strerror}") from None
    except ValueError:  # a NUL in the name
        raise MgcalcError(f"{name!r} is not a file name") from None


def read_toml(path: str) -> TomlTable:
    """Parse a TOML file; every failure becomes one DataFileError naming the file."""
    try:
        with open_binary(path) as file:
            return tomllib.load(file)
    except MgcalcError as error:
        raise DataFileError(error.message) from None
    except UnicodeDecodeError as error:
        raise DataFileError(f"{path}: not valid UTF-8 ({error.reason})") from None
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:  # the parser recurses once per level of nesting
        raise DataFileError(f"{path}: invalid TOML: nested too deeply") from None


@functools.cache
def atomic_weights() -> dict[str, float]:
    path = data_path("elements.toml")
    return parse_atomic_weights(read_toml(path), path)


def is_built_in(path: str) -> bool:
    """Whether a data file is one of mgcalc's own, not the user's."""
    return os.path.dirname(path) == DATA_DIR


def starter_forms() -> str:
    """A commented starter forms and products file, for `mgcalc forms --template`."""
    with open(data_path("starter-forms.toml"), encoding="utf-8") as file:
        return file.read()


def user_forms_file() -> str:
    """The per-user forms and products file, in the platform's config directory."""
    return os.path.join(click.get_app_dir("mgcalc"), USER_FORMS_FILE_NAME)


def catalogue(extra_files: tuple[str, ...] = ()) -> Catalogue:
    """Built-in forms and products, then the user's forms file, then extra files; read once
    per process."""
    user_file = user_forms_file()
    return _catalogue((user_file,) if os.path.isfile(user_file) else (), extra_files)


@functools.cache
def _catalogue(user_file: tuple[str, ...], extra_files: tuple[str, ...]) -> Catalogue:
    paths: Sequence[str] = [
        data_path("forms.toml"),
        data_path("products.toml"),
        *user_file,
        *extra_files,
    ]
    documents = [(read_toml(path), path) for path in paths]
    return build_catalogue(documents, atomic_weights(), COUNT_UNITS)


@functools.cache
def serum_reference() -> SerumReference:
    """The serum interval and cautions, from the reference data file."""
    path = data_path("reference.toml")
    return build_serum_reference(read_toml(path).get("serum"), path)


@functools.cache
def food_table() -> FoodTable:
    """Every SR28 food and the everyday names of foods (read when a food is asked for)."""
    path = data_path("foods.tsv")
    try:
        with open(path, encoding="utf-8") as file:
            foods = read_table(file)
    except OSError as error:
        raise DataFileError(f"{path}: cannot read: {error.strerror}") from None
    names_path = data_path("food_names.toml")
    table = schema.table(read_toml(names_path).get("names"), "[names]", names_path)
    names = {name: schema.text(ndb, f"names.{name}", names_path) for name, ndb in table.items()}
    unknown = [ndb for ndb in names.values() if ndb not in foods]
    if unknown:
        raise DataFileError(f"{names_path}: NDB {unknown[0]} is no food of {path}")
    return FoodTable(foods, names)


@functools.cache
def daily_values() -> tuple[DailyValue, ...]:
    """The reference values a label's %DV or %NRV may be of."""
    path = data_path("reference.toml")
    return build_daily_values(read_toml(path), path)


@functools.cache
def reference_data() -> tuple[dict[str, Standard], dict[str, Note]]:
    """The reference standards and the notes that may accompany a check."""
    path = data_path("reference.toml")
    return build_reference_data(read_toml(path), path)


@functools.cache
def citations() -> dict[str, str]:
    """The works cited, by the short keys that tables print ('IOM 1997')."""
    path = data_path("reference.toml")
    return build_citations(read_toml(path), path)


@functools.cache
def medicines() -> dict[str, Medicine]:
    """The medicines whose labels give a spacing from magnesium."""
    path = data_path("reference.toml")
    return build_medicines(read_toml(path), path)
