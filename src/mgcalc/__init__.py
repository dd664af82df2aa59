"""mgcalc: elemental magnesium in supplements, and daily totals against reference intakes.

The Python API (mgcalc.api, documented in the README) is handed on from here:
`mgcalc.convert("500 mg glycinate")`, `mgcalc.check(items, age=34, sex="female")`, ...
Its names load on first use, so that `mgcalc --version` does not pay for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.2.0"  # the one place the version is written; pyproject.toml reads it

if TYPE_CHECKING:
    from mgcalc.api import *  # noqa: F403


def __getattr__(name: str) -> object:
    api = importlib.import_module("mgcalc.api")
    if name == "api":
        return api
    if name in api.__all__:
        return getattr(api, name)
    raise AttributeError(f"module 'mgcalc' has no attribute {name!r}")
