"""Reading the data files that ship with mgcalc (and, later, the user's own)."""

from __future__ import annotations

import functools
import json
import os.path
import sys
from typing import TYPE_CHECKING, Any

from mgcalc.core.errors import DataFileError, MgcalcError
from mgcalc.core.forms import Catalogue, build_catalogue

if TYPE_CHECKING:
    from mgcalc.core.reference import Note, Standard

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")


def data_path(name: str) -> str:
    return os.path.join(DATA_DIR, name)


def read_toml(path: str) -> dict[str, Any]:
    """Parse a TOML file; every failure becomes one DataFileError naming the file."""
    if sys.version_info >= (3, 11):  # imported here: a wheel's built-in data is JSON
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    from mgcalc.inputs import open_binary

    try:
        with open_binary(path) as file:
            document: dict[str, Any] = tomllib.load(file)
            return document
    except MgcalcError as error:
        raise DataFileError(error.message) from None
    except UnicodeDecodeError as error:
        raise DataFileError(f"{path}: not valid UTF-8 ({error.reason})") from None
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:  # the parser recurses once per level of nesting
        raise DataFileError(f"{path}: invalid TOML: nested too deeply") from None


def parse_atomic_weights(document: dict[str, Any], origin: str) -> dict[str, float]:
    weights = document.get("weights")
    if not isinstance(weights, dict) or "Mg" not in weights:
        raise DataFileError(f"{origin}: [weights] must be a table that includes Mg")
    for element, weight in weights.items():
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
            raise DataFileError(f"{origin}: weights.{element} must be a positive number")
    return {element: float(weight) for element, weight in weights.items()}


def read_builtin(name: str) -> dict[str, Any]:
    """A built-in data file; a wheel also ships a JSON copy made from it at build time,
    which parses several times faster (see hatch_build.py)."""
    try:
        with open(data_path(name + ".json"), encoding="utf-8") as file:
            document: dict[str, Any] = json.load(file)
            return document
    except FileNotFoundError:
        return read_toml(data_path(name))


@functools.cache
def atomic_weights() -> dict[str, float]:
    return parse_atomic_weights(read_builtin("elements.toml"), data_path("elements.toml"))


CONFIG_FILE_NAME = "forms.toml"


def user_config_file() -> str:
    """The per-user forms and products file, in the platform's config directory."""
    import click  # its get_app_dir knows each platform's convention

    return os.path.join(click.get_app_dir("mgcalc"), CONFIG_FILE_NAME)


@functools.cache
def catalogue(extra_files: tuple[str, ...] = ()) -> Catalogue:
    """Built-in forms, then the user's config file, then --forms files; parsed once per process."""
    from mgcalc.core.units import COUNT_UNITS

    documents = [(read_builtin("forms.toml"), data_path("forms.toml"))]
    config = user_config_file()
    user_files = [config] if os.path.isfile(config) else []
    documents.extend((read_toml(path), path) for path in [*user_files, *extra_files])
    return build_catalogue(documents, atomic_weights(), COUNT_UNITS, trusted=1)


@functools.cache
def reference_data() -> tuple[dict[str, Standard], dict[str, Note]]:
    """The reference standards and the notes that may accompany a check."""
    from mgcalc.core.reference import build_reference_data

    return build_reference_data(read_builtin("reference.toml"), data_path("reference.toml"))
