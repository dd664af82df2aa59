"""Wheel build hook: ship a JSON copy of each data/*.toml file next to it.

The TOML files stay the source of truth. Parsing JSON (with the C parser the
JSON output needs anyway) is several milliseconds faster than tomllib at every
start of mgcalc; an editable install has no copies and reads the TOML.
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
        for name in DATA_FILES:
            with (Path(self.root) / "data" / name).open("rb") as file:
                document = tomllib.load(file)
            copy = folder / f"{name}.json"
            copy.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
            build_data["force_include"][str(copy)] = f"mgcalc/data/{name}.json"
