"""The `mgcalc` entry point: answers --version before click is even imported, and runs
start-up without the cycle collector."""

from __future__ import annotations

import gc
import sys

from mgcalc import __version__
from mgcalc.commands.exit_codes import EXIT_BROKEN_PIPE


def main() -> None:
    # Start-up (click, rich, the data) makes tens of thousands of objects and no garbage
    # cycles worth collecting: the cycle collector's rounds over them, and its last
    # round at exit, cost about a fifth of a table's run time. A batch turns it back on
    # (commands/sources.py); frozen objects are left out of every round.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        _run(sys.argv[1:])
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _run(args: list[str]) -> None:
    if args in (["--version"], ["-V"]):  # the commonest probe, answered in the time Python starts
        try:
            sys.stdout.write(f"mgcalc {__version__}\n")
            sys.stdout.flush()
        except BrokenPipeError:
            sys.exit(EXIT_BROKEN_PIPE)
        return
    from mgcalc.cli import cli  # click, and everything behind the commands

    cli.main(prog_name="mgcalc")
