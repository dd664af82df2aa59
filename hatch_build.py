"""Wheel build hook: check the data files, and ship a JSON copy of each next to it.

The TOML files stay the source of truth. Parsing JSON (with the C parser the
JSON output needs anyway) is several milliseconds faster than tomllib at every
start of mgcalc; an editable install has no copies and reads the TOML.

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
