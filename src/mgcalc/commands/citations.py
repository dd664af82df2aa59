"""`mgcalc sources`: the works cited, in full, by the short keys that tables print."""

from __future__ import annotations

import sys

import click

from mgcalc import api
from mgcalc.commands.options import format_option
from mgcalc.render.documents import write_json


@click.command("sources")
@click.argument("key", nargs=-1)
@format_option("table", "json")
def sources(key: tuple[str, ...], output_format: str) -> None:
    """The works mgcalc cites, in full: all, or the one KEY names (e.g. `mgcalc sources IOM
    1997`). Tables cite them by these keys, as `[IOM 1997]`; JSON carries every source in full.
    """
    works = api.sources(" ".join(key) if key else None)
    if output_format == "json":
        write_json({"sources": dict(works)}, sys.stdout)
        return
    from mgcalc.render.check_view import print_sources  # rich, for tables only

    print_sources(works)
