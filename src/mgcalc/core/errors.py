"""The one error family for everything a user can get wrong.

The core knows nothing of processes: how an error ends a command (its exit code,
the option that gave the value) is the command line's business (see cli.py).
"""

from __future__ import annotations


class MgcalcError(Exception):
    """A value or request mgcalc cannot use; `message` says why, in one line.

    `parameter` names the argument the value came from (`diet_mg`, `intakes`, ...), so
    that a caller can say it in its own words: the command line names its option.
    """

    line: int | None = None  # the line of the input it stands for, if any

    def __init__(self, message: str, *, parameter: str | None = None) -> None:
        self.detail = message
        self.parameter = parameter
        self.message = f"{parameter} {message}" if parameter else message
        super().__init__(self.message)

    def at_line(self, line: int) -> MgcalcError:
        """The same kind of error, for line `line` of an input ('line 17: ...')."""
        error = MgcalcError.__new__(type(self))
        MgcalcError.__init__(error, f"line {line}: {self.message}")
        error.line = line
        return error


class UsageError(MgcalcError):
    """A malformed request: an item or a command line that cannot be read at all."""


class DataFileError(MgcalcError):
    """A data file (built-in or the user's) is malformed; the message names the file and key."""


def one_line(message: str) -> str:
    """A message as one printable line: whitespace folded, control characters escaped
    (a label from a file can never send escape sequences to the terminal)."""
    folded = " ".join(message.split())
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in folded)
