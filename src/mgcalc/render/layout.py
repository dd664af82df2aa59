"""Output that fits the width it is given, without ever cutting a number, unit or name.

The width is COLUMNS where set, else the terminal's, else (a pipe) PIPE_WIDTH; never below
NARROWEST. A `Grid` is a table's content: `fitted` draws it as the full table where that
fits; else without its optional columns, or with the columns that may fold (a variant, a
formula) folded into their neighbour; else with text columns wrapped between words (never
inside one); else as one stacked card per row. `print_prose` wraps notes and sources between
words and keeps an address whole. No line ends in spaces.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping, Sequence
from typing import NamedTuple, TextIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

Cell = str | Text

NARROWEST = 40  # the least width laid out for; a narrower terminal wraps what it gets
PIPE_WIDTH = 160  # a pipe with no COLUMNS: room for every table whole
_WORD = re.compile(r"\S+")
_TRAILING_SPACES = re.compile(r" +((?:\x1b\[[0-9;]*m)*)\n")


class _Trimmed:
    """A stream that drops the spaces rich pads lines with, before each line's end."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(_TRAILING_SPACES.sub(r"\1\n", text))

    def __getattr__(self, name: str) -> object:  # flush, isatty, fileno, encoding
        return getattr(self._stream, name)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit 1 here; let the CLI report a closed pipe with its own exit code.
        raise BrokenPipeError


def console_width(is_terminal: bool, environ: Mapping[str, str]) -> int | None:
    """COLUMNS if set (in a terminal too), else the terminal's width, else PIPE_WIDTH."""
    columns = environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(NARROWEST, int(columns))
    return None if is_terminal else PIPE_WIDTH


def console(stream: TextIO) -> Console:
    width = console_width(stream.isatty(), os.environ)
    made = _Console(
        file=_Trimmed(stream),  # type: ignore[arg-type]
        width=width,
        highlight=False,
        markup=False,  # user text is shown as typed (and rendering is faster)
        emoji=False,
    )
    made.width = max(made.width, NARROWEST)
    return made


def stdout_console() -> Console:
    return console(sys.stdout)


def stderr_console() -> Console:
    return console(sys.stderr)


class Column(NamedTuple):
    header: str
    numeric: bool = False  # right-justified and never wrapped
    fold_into: str | None = None  # the header of the column this one joins when space is short
    fold_unit: str = ""  # said after a folded value, which has lost its header: " mmol"
    style: str | None = None
    no_wrap: bool = False  # drawn whole, on one line (a gauge, a verdict)
    optional: bool = False  # left out when space is short (a gauge, beside its percent)
    # left out last, where even folded the table must wrap: what the columns beside it
    # already say in other words (a formula, beside its form and variant)
    derived: bool = False


class Row(NamedTuple):
    cells: tuple[Cell, ...]
    style: str | None = None
    section: bool = False  # a rule above this row


class Grid(NamedTuple):
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    title: str | None = None
    caption: str | None = None
    title_justify: str = "center"
    show_header: bool = True
    card_title: tuple[int, ...] = ()  # columns whose values head a card ('1. 2x 400 mg oxide')


def print_prose(console: Console, texts: Sequence[Text]) -> None:
    """Lines of prose (notes, sources) broken between words at the console's width; an
    address longer than the width stays whole, on a line of its own."""
    console.print(Group(*(wrapped(text, console.width) for text in texts)), soft_wrap=True)


def wrapped(text: Text, width: int) -> Text:
    plain = text.plain
    indent = len(plain) - len(plain.lstrip(" "))
    line_start, breaks = 0, list[int]()
    for word in _WORD.finditer(plain):
        used = word.end() - line_start + (indent if breaks else 0)
        if used > width and word.start() > line_start:
            breaks.append(word.start())
            line_start = word.start()
    lines = text.divide(breaks)
    for line in lines:
        line.rstrip()
    return Text("\n" + " " * indent).join(lines) if breaks else text


def fitted(grid: Grid, console: Console) -> RenderableType:
    width = console.width
    candidates = [grid]
    if any(column.optional for column in grid.columns):
        candidates.append(_without_optional(grid))
    if any(column.fold_into or column.optional for column in grid.columns):
        candidates.append(_folded(grid))
    if any(column.derived for column in grid.columns):
        candidates.append(_folded(_without_derived(grid)))
    for candidate in candidates:
        if _natural_width(candidate, console) <= width:
            return _table(candidate)
    for candidate in candidates[::-1]:  # folded first: fewer, wider columns wrap less
        widths = _allocated(candidate, console, width)
        if widths is not None:
            return _table(candidate, widths)
    return _cards(grid)


def _text(cell: Cell) -> Text:
    return cell if isinstance(cell, Text) else Text(cell)


def _without_optional(grid: Grid) -> Grid:
    keep = [i for i, column in enumerate(grid.columns) if not column.optional]
    rows = tuple(row._replace(cells=tuple(row.cells[i] for i in keep)) for row in grid.rows)
    return grid._replace(columns=tuple(grid.columns[i] for i in keep), rows=rows)


def _without_derived(grid: Grid) -> Grid:
    keep = [i for i, column in enumerate(grid.columns) if not column.derived]
    rows = tuple(row._replace(cells=tuple(row.cells[i] for i in keep)) for row in grid.rows)
    return grid._replace(columns=tuple(grid.columns[i] for i in keep), rows=rows)


def _folded(grid: Grid) -> Grid:
    """The grid with each folding column's cells added below its neighbour's, on a new line,
    and without its optional columns."""
    keep = [
        i for i, column in enumerate(grid.columns) if not column.fold_into and not column.optional
    ]
    headers = [column.header for column in grid.columns]
    into = {
        i: headers.index(column.fold_into)
        for i, column in enumerate(grid.columns)
        if column.fold_into
    }
    units = [column.fold_unit for column in grid.columns]
    rows = []
    for row in grid.rows:
        cells = [_text(cell).copy() for cell in row.cells]
        for source, target in into.items():
            extra = _text(row.cells[source])
            if extra.plain and extra.plain != "-":
                if cells[target].plain:
                    cells[target].append("\n")
                cells[target].append_text(extra).append(units[source])
        rows.append(row._replace(cells=tuple(cells[i] for i in keep)))
    return grid._replace(columns=tuple(grid.columns[i] for i in keep), rows=tuple(rows))


def _table(grid: Grid, widths: Sequence[int] | None = None) -> Table:
    table = Table(
        title=grid.title,
        caption=grid.caption,
        box=box.SIMPLE_HEAD,
        show_edge=False,  # no blank line above the header and below the rows
        title_justify=grid.title_justify,  # type: ignore[arg-type]
        show_header=grid.show_header,
    )
    for index, column in enumerate(grid.columns):
        header = column.header
        if widths is not None and len(header) > widths[index]:
            header = header.replace(" ", "\n")  # 'Compound mg' over two lines
        table.add_column(
            header,
            justify="right" if column.numeric else "left",
            style=column.style,
            no_wrap=column.numeric or column.no_wrap,
            overflow="fold",
            width=None if widths is None else widths[index],
        )
    for row in grid.rows:
        if row.section:
            table.add_section()
        table.add_row(*row.cells, style=row.style)
    return table


def _range(console: Console, column: Column, cells: Sequence[Cell]) -> tuple[int, int]:
    """The narrowest a column can be without breaking a word, and its natural width."""
    options = console.options
    header = Measurement.get(console, options, Text(column.header))
    measures = [Measurement.get(console, options, _text(cell)) for cell in cells]
    widest = max((measure.maximum for measure in measures), default=0)
    if column.numeric or column.no_wrap:  # headers may wrap; numbers never
        return max(widest, header.minimum), max(widest, header.maximum)
    narrowest = max((measure.minimum for measure in measures), default=0)
    return max(narrowest, header.minimum), max(widest, header.maximum)


def _ranges(grid: Grid, console: Console) -> list[tuple[int, int]]:
    return [
        _range(console, column, [row.cells[i] for row in grid.rows])
        for i, column in enumerate(grid.columns)
    ]


def _frame(grid: Grid) -> int:
    """Columns taken by edges, dividers and padding (one space each side of each cell)."""
    count = len(grid.columns)
    return 2 + (count - 1) + 2 * count


def _natural_width(grid: Grid, console: Console) -> int:
    return _frame(grid) + sum(widest for _, widest in _ranges(grid, console))


def _allocated(grid: Grid, console: Console, width: int) -> list[int] | None:
    """Column widths that fit `width` with every word whole, or None if none do."""
    ranges = _ranges(grid, console)
    widths = [narrowest for narrowest, _ in ranges]
    spare = width - _frame(grid) - sum(widths)
    if spare < 0:
        return None
    # Each column left wanting most gets the next column of space (the later on a tie).
    while spare > 0:
        wanting = [ranges[i][1] - widths[i] for i in range(len(widths))]
        neediest = max(range(len(widths)), key=lambda i: (wanting[i], i))
        if wanting[neediest] == 0:
            break
        widths[neediest] += 1
        spare -= 1
    return widths


def _cards(grid: Grid) -> RenderableType:
    """One block per row: each column's header beside its value; empty values left out."""
    parts: list[RenderableType] = []
    if grid.title:
        parts.append(Text(grid.title, style="bold"))
    for row in grid.rows:
        parts.append(Text(""))
        heading = [_text(row.cells[i]) for i in grid.card_title]
        heading = [text for text in heading if text.plain.strip()]
        if heading:
            title = Text(". ").join(heading)
            title.stylize("bold")
            parts.append(title)
        card = Table.grid(padding=(0, 1))
        card.add_column(style="dim", no_wrap=True)
        card.add_column(overflow="fold")
        for index, (column, cell) in enumerate(zip(grid.columns, row.cells, strict=True)):
            text = _text(cell)
            if index in grid.card_title or text.plain.strip() in ("", "-"):
                continue
            card.add_row(column.header or "", text, style=row.style)
        parts.append(card)
    if grid.caption:
        parts += [Text(""), Text(grid.caption, style="dim")]
    parts.append(Text(""))
    return Group(*parts)
