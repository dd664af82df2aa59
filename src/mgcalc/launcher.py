"""The `mgcalc` entry point: answers --version before the CLI (and click) is even imported."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # the commonest probe, answered in the time Python starts
        from mgcalc import __version__

        sys.stdout.write(f"mgcalc {__version__}\n")
        return
    from mgcalc.cli import cli

    cli.main(prog_name="mgcalc")
