"""The `mgcalc` entry point: answers --version and --help before click is even imported.

A wheel carries every help text as click rendered it at build time (see
hatch_build.py), at the width click uses in a terminal of 80 columns or more and
in pipes. Any other width, and an editable install, which has no such texts,
leave the help to click.
"""

from __future__ import annotations

import gc
import os
import sys

from mgcalc.terminal import help_width

HELP_DIR = os.path.join(os.path.dirname(__file__), "data", "help")
PRERENDERED_HELP_WIDTH = 78
_HELP_OPTIONS = ("--help", "-h")
COMPLETION_VARIABLE = "_MGCALC_COMPLETE"  # click's name for it, from the program's name


def help_file_name(args: list[str]) -> str | None:
    """The pre-rendered help that answers these arguments, if any could."""
    if not args or (len(args) == 1 and args[0] in _HELP_OPTIONS):
        return "mgcalc.txt"
    if len(args) == 2 and args[1] in _HELP_OPTIONS and args[0].isalpha():
        return f"mgcalc-{args[0]}.txt"
    return None


def prerendered_help(args: list[str]) -> str | None:
    name = help_file_name(args)
    if name is None or help_width() != PRERENDERED_HELP_WIDTH:
        return None
    try:
        with open(os.path.join(HELP_DIR, name), encoding="utf-8") as file:
            return file.read()
    except FileNotFoundError:
        return None


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        from mgcalc.core.errors import EXIT_BROKEN_PIPE
        from mgcalc.terminal import silence_stdout

        silence_stdout()
        sys.exit(EXIT_BROKEN_PIPE)


def main() -> None:
    # Start-up (click, rich, the data) makes tens of thousands of objects and no garbage
    # cycles worth collecting: the cycle collector's rounds over them, and its last
    # round at exit, cost about a fifth of a table's run time. A batch turns it back on
    # (batch.restart_garbage_collector); frozen objects are left out of every round.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        _run(sys.argv[1:])
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _run(args: list[str]) -> None:
    if COMPLETION_VARIABLE not in os.environ:  # else a shell is asking click to complete a word
        answer = answer_without_click(args)
        if answer is not None:
            _write(answer)
            return
    from mgcalc.cli import cli

    cli.main(prog_name="mgcalc")


def answer_without_click(args: list[str]) -> str | None:
    if args == ["--version"]:  # the commonest probe, answered in the time Python starts
        from mgcalc import __version__

        return f"mgcalc {__version__}\n"
    return prerendered_help(args)
