"""One input row: the item it holds, or why it holds none."""

from __future__ import annotations

from typing import NamedTuple

from mgcalc.core.errors import MgcalcError
from mgcalc.core.items import ItemSpec


class Row(NamedTuple):
    line: int  # 1-based line of the input; 0 for items from the command line
    item: ItemSpec | None
    error: MgcalcError | None = None
