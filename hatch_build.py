"""Wheel build hook: check the data files, ship a JSON copy of each, and the help texts.

The TOML files stay the source of truth. Parsing JSON (with the C parser the
JSON output needs anyway) is several milliseconds faster than tomllib at every
start of mgcalc; an editable install has no copies and reads the TOML.

The help texts are click's own rendering of the commands, made here so that
`mgcalc --help` need not import click (see mgcalc/launcher.py); a test checks
the installed texts against click at run time.

mgcalc builds the built-in forms lazily, when first used; so every form, formula
and reference table is validated here, with mgcalc's own code: a wheel with a
mistake in its data cannot be built.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA_FILES = ("elements.toml", "forms.toml", "reference.toml")


class JsonDataCopies(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        folder = Path(tempfile.mkdtemp(prefix="mgcalc-data-"))
        documents = {}
        for name in DATA_FILES:
            with (Path(self.root) / "data" / name).open("rb") as file:
                documents[name] = document = tomllib.load(file)
            copy = folder / f"{name}.json"
            copy.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
            build_data["force_include"][str(copy)] = f"mgcalc/data/{name}.json"
        validate(Path(self.root), documents)
        for name, text in render_help_texts(Path(self.root)).items():
            path = folder / name
            path.write_text(text, encoding="utf-8")
            build_data["force_include"][str(path)] = f"mgcalc/data/help/{name}"


def render_help_texts(root: Path) -> dict[str, str]:
    """Each help text the launcher may print, by file name, rendered by click."""
    sys.path.insert(0, str(root / "src"))
    try:
        from mgcalc.cli import COMMANDS, render_help
        from mgcalc.launcher import PRERENDERED_HELP_WIDTH, help_file_name

        texts = {}
        for command in (None, *COMMANDS):
            name = help_file_name([command, "--help"] if command else ["--help"])
            assert name is not None
            texts[name] = render_help(command, PRERENDERED_HELP_WIDTH)
        return texts
    finally:
        sys.path.remove(str(root / "src"))


def validate(root: Path, documents: dict[str, Any]) -> None:
    """Build every form and reference table with mgcalc's core; raises on any mistake."""
    sys.path.insert(0, str(root / "src"))
    try:
        from mgcalc.core.forms import build_catalogue
        from mgcalc.core.reference import build_reference_data
        from mgcalc.core.units import COUNT_UNITS
        from mgcalc.datafiles import parse_atomic_weights

        weights = parse_atomic_weights(documents["elements.toml"], "data/elements.toml")
        forms = build_catalogue(
            [(documents["forms.toml"], "data/forms.toml")], weights, COUNT_UNITS
        )
        assert forms.forms  # builds, and so checks, every form
        build_reference_data(documents["reference.toml"], "data/reference.toml")
    finally:
        sys.path.remove(str(root / "src"))
