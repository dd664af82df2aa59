"""What the entry point and the CLI both need to know about the terminal; stdlib only."""

from __future__ import annotations

import os
import sys


def help_width() -> int:
    """The text width click would choose for help, found without importing shutil."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        try:
            columns = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError, AttributeError):
            columns = 80
    return max(min(columns, 80) - 2, 50)


def silence_stdout() -> None:
    """After the reader of stdout has gone, make the interpreter's final flush quiet too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout is not a real file
        pass
