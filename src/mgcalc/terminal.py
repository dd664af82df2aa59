"""What the entry point and the CLI both need to know about the terminal; stdlib only."""

from __future__ import annotations

import os
import sys


def help_width() -> int:
    """The text width click chooses for help, found as shutil would, without importing it."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    stdout = sys.__stdout__
    if columns <= 0 and stdout is not None:  # unset or not positive: ask the terminal
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return max(min(columns or 80, 80) - 2, 50)


def silence_stdout() -> None:
    """After the reader of stdout has gone, make the interpreter's final flush quiet too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout is not a real file
        pass
