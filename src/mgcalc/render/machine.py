"""The JSON document writer (JSON lines and CSV stream from batch.py): json directly, never rich."""

from __future__ import annotations

import json
from typing import Any, TextIO


def write_json(document: Any, stream: TextIO) -> None:
    stream.write(json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False))
    stream.write("\n")
