"""The command line: the `mgcalc` group, its commands, and how every error ends a command.

An error is one line on stderr and an exit code from commands/exit_codes.py, decided
here and nowhere else.
"""

from __future__ import annotations

import codecs
import difflib
import os
import sys
import traceback
from collections.abc import Iterable, Sequence
from typing import TextIO

import click

from mgcalc import __version__
from mgcalc.api import MgcalcError, UsageError, one_line
from mgcalc.commands.check import check
from mgcalc.commands.citations import sources
from mgcalc.commands.compare import compare
from mgcalc.commands.config import config
from mgcalc.commands.convert import convert
from mgcalc.commands.exit_codes import (
    EXIT_BROKEN_PIPE,
    EXIT_ERROR,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_USAGE,
)
from mgcalc.commands.foods import foods
from mgcalc.commands.forms import forms
from mgcalc.commands.options import negative_amount
from mgcalc.commands.plan import plan
from mgcalc.commands.products import products
from mgcalc.commands.reference import reference
from mgcalc.commands.serum import serum

# The options that give the API's parameters, for messages that name a value's origin.
OPTION_NAMES = {
    "age": "--age",
    "age_months": "--age-months",
    "sex": "--sex",
    "pregnant": "--pregnant",
    "lactating": "--lactating",
    "standard": "--standard",
    "diet_mg": "--diet",
    "fortified_mg": "--fortified",
    "intakes": "--split",
    "unit": "--unit",
    "target_mg": "--target",
    "medicines": "--medicine",
}
_HELP_WORDS = {"-h", "--help", "-V", "--version"}
DEBUG_VARIABLE = "MGCALC_DEBUG"  # set to 1: an internal error prints its traceback
# What a stream that takes only ASCII (a C locale) gets for the characters mgcalc prints.
ASCII_STAND_INS = {
    "·": ".", "µ": "u", "μ": "u", "≥": ">=", "≤": "<=", "×": "x", "…": "...", "–": "-",
    "—": "-", "█": "#", "░": ".", "▶": ">", "─": "-", "━": "=", "│": "|", "’": "'",
    "‘": "'", "“": '"', "”": '"', "²": "2", "³": "3", "⁺": "+", "₂": "2", "₃": "3",
}  # fmt: skip


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(ASCII_STAND_INS.get(char, "?") for char in text), error.end


codecs.register_error("mgcalc-ascii", _stand_in)


def plain_streams() -> None:
    """Where stdout or stderr take only ASCII, write stand-ins instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and _ascii_stream(stream):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="mgcalc-ascii")


def _as_typed(arg: str) -> str:
    """An argument as typed: in a C locale Python decodes UTF-8 bytes (µg) as surrogates."""
    try:
        return os.fsencode(arg).decode("utf-8")
    except UnicodeDecodeError:
        return arg


def _ascii_stream(stream: TextIO) -> bool:
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    return not encoding.startswith("utf")


def error_message(error: MgcalcError) -> str:
    """The error in the command line's words: a parameter is named by its option."""
    if error.parameter is None:
        return error.message
    return f"{OPTION_NAMES.get(error.parameter, error.parameter)} {error.detail}"


def exit_code_of(error: MgcalcError) -> int:
    return EXIT_USAGE if isinstance(error, UsageError) else EXIT_ERROR


def report(message: str) -> None:
    try:
        sys.stderr.write(f"mgcalc: error: {one_line(message)}\n")
        sys.stderr.flush()
    except (BrokenPipeError, OSError):  # pragma: no cover - stderr gone
        pass


def silence_stdout() -> None:
    """After the reader of stdout has gone, make the interpreter's final flush quiet too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout is not a real file
        pass


def close_commands(word: str, commands: Iterable[str]) -> str | None:
    """'conver' -> "'convert'": the command names a word is a likely typo of, if any."""
    if not word.isalpha():
        return None

    close = difflib.get_close_matches(word.lower(), list(commands), n=2, cutoff=0.75)
    return " or ".join(f"'{name}'" for name in close) or None


def close_group_option(word: str, convert: click.Command, ctx: click.Context) -> str | None:
    """'--verison' -> '--version', '-v' -> '-V': mgcalc's own option a word is a typo of,
    unless it is an option of convert (which runs when no command is named)."""
    if not word.startswith("-") or word.startswith("---") or negative_amount(word):
        return None
    name = word.partition("=")[0]
    if any(name in param.opts + param.secondary_opts for param in convert.get_params(ctx)):
        return None
    if name.lower() in {"-v", "--version"}:
        return "--version"

    close = difflib.get_close_matches(name.lower(), sorted(_HELP_WORDS), n=1, cutoff=0.75)
    return close[0] if close else None


class _ReaderGone(Exception):
    """stdout's reader has gone; raised past click, which would otherwise exit 1."""


class _Interrupted(Exception):
    """Ctrl-C; raised past click, which would print an empty line and 'Aborted!'."""


class _OutputFailed(Exception):
    """Writing to stdout failed (a full disk, a closed descriptor); raised past click."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class MgcalcGroup(click.Group):
    """A group that runs `convert` when no command is named, and owns all error output."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # in the order they were added, not sorted

    def invoke(self, ctx: click.Context) -> object:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # here, so that a full disk is an output error too
            return result
        except BrokenPipeError:
            raise _ReaderGone from None
        except KeyboardInterrupt:
            raise _Interrupted from None
        except OSError as error:  # reading fails as an MgcalcError: this is the output
            raise _OutputFailed(error.strerror or str(error)) from None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in _HELP_WORDS:
            close = close_commands(args[0], self.commands)
            if close:  # 'chek 400 mg oxide' is a typo, not an item without an amount
                raise UsageError(f"no such command {args[0]!r}; did you mean {close}?")
            close = close_group_option(args[0], self.commands["convert"], ctx)
            if close:  # '--verison' is a typo of mgcalc's own option, not of convert's
                raise UsageError(f"no such option {args[0]!r}; did you mean {close!r}?")
            args = ["convert", *args]
        return super().parse_args(ctx, args)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: object,
    ) -> int:
        code = self._run(args, prog_name, complete_var, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(
        self,
        args: Sequence[str] | None,
        prog_name: str | None,
        complete_var: str | None,
        **extra: object,
    ) -> int:
        if sys.stdout is None:  # started with stdout closed (>&-)
            report("standard output is closed: nothing can be written")
            return EXIT_OUTPUT
        plain_streams()
        if args is None:
            args = [_as_typed(arg) for arg in sys.argv[1:]]
        try:
            result = super().main(
                args, prog_name or "mgcalc", complete_var, standalone_mode=False, **extra
            )
            sys.stdout.flush()
        except MgcalcError as error:
            report(error_message(error))
            return exit_code_of(error)
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.format_message())
            return EXIT_OK
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "mgcalc"
            report(f"{error.format_message()} (see '{where} --help')")
            return EXIT_USAGE
        except click.ClickException as error:
            report(error.format_message())
            return error.exit_code
        except (KeyboardInterrupt, click.Abort, _Interrupted):
            report("interrupted")
            return EXIT_INTERRUPTED
        except (BrokenPipeError, _ReaderGone):
            silence_stdout()
            return EXIT_BROKEN_PIPE
        except _OutputFailed as failed:
            silence_stdout()
            report(f"cannot write the output: {failed.reason}")
            return EXIT_OUTPUT
        except Exception as error:  # a bug: still one line, never a traceback unless asked
            if os.environ.get(DEBUG_VARIABLE):
                traceback.print_exc()
            report(f"internal error ({type(error).__name__}: {error}); please report it")
            return EXIT_INTERNAL
        return result if isinstance(result, int) else EXIT_OK


@click.group(
    cls=MgcalcGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
)
@click.version_option(
    __version__, "-V", "--version", prog_name="mgcalc", message="%(prog)s %(version)s"
)
def cli() -> None:
    """Elemental magnesium in supplements: mg, mmol and mEq from a compound, and back.

    With no command, `mgcalc ITEMS...` runs `mgcalc convert ITEMS...`.

    Educational information only; mgcalc does not diagnose or prescribe.
    """


@click.command("help")
@click.argument("command", required=False)
@click.pass_context
def help_command(ctx: click.Context, command: str | None) -> None:
    """Show the help of mgcalc, or of one COMMAND."""
    group = ctx.find_root()
    if command is None:
        click.echo(group.get_help())
        return
    chosen = cli.get_command(group, command)
    if chosen is None:
        close = close_commands(command, cli.commands)
        hint = f"; did you mean {close}?" if close else "; see 'mgcalc --help'"
        raise UsageError(f"no such command {command!r}{hint}")
    click.echo(chosen.get_help(click.Context(chosen, info_name=command, parent=group)))


for _command in (
    convert,
    check,
    plan,
    reference,
    forms,
    products,
    foods,
    compare,
    serum,
    sources,
    config,
    help_command,
):
    cli.add_command(_command)
