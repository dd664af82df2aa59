"""The one error family for everything a user can get wrong."""

from __future__ import annotations

# Exit codes: the README's table, in one place.
EXIT_OK = 0
EXIT_ERROR = 1  # a value mgcalc understood but rejects
EXIT_USAGE = 2  # a malformed command line
EXIT_ABOVE_UL = 3  # check --exit-code: supplements above the UL
EXIT_ROWS_FAILED = 4  # some input rows failed; the good ones were written
EXIT_INTERNAL = 70  # a bug, still reported in one line
EXIT_INTERRUPTED = 130  # Ctrl-C
EXIT_BROKEN_PIPE = 141  # the reader of stdout went away


class MgcalcError(Exception):
    """A problem with the user's input or data; `cli` prints it as one line and exits."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def located(self, where: str) -> MgcalcError:
        """The same error, its message prefixed with where it happened ('line 17')."""
        error = MgcalcError(f"{where}: {self.message}")
        error.exit_code = self.exit_code
        return error


class UsageError(MgcalcError):
    """The command line is malformed (click's convention: exit code 2)."""

    exit_code = EXIT_USAGE


class DataFileError(MgcalcError):
    """A data file (built-in or the user's) is malformed; the message names the file and key."""


def one_line(message: str) -> str:
    """A message as one printable line: whitespace folded, control characters escaped
    (a label from a file can never send escape sequences to the terminal)."""
    folded = " ".join(message.split())
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in folded)
