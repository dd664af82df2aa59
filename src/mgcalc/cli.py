"""The command line: the `mgcalc` group, its error handling and exit codes.

Each command lives in its own module under `mgcalc.commands` and is imported
only when it runs; pint and rich load only inside the commands that need them,
because click imports this module for --help, --version and every TAB of shell
completion.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from mgcalc import __version__
from mgcalc.core.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    MgcalcError,
    one_line,
)
from mgcalc.terminal import help_width, silence_stdout

_HELP_WORDS = {"-h", "--help", "--version"}
# The commands, in the order --help lists them: the module that defines each, and
# the first line of its help, so that `mgcalc --help` imports none of them (a test
# keeps these lines equal to the commands' own).
COMMANDS = {
    "convert": (
        "mgcalc.commands.convert",
        "Convert compound amounts to elemental magnesium (mg, mmol, mEq), and back.",
    ),
    "check": (
        "mgcalc.commands.check",
        "Check a day's supplements against the RDA/AI and the supplemental UL.",
    ),
    "plan": (
        "mgcalc.commands.plan",
        "Plan a dose: how much compound, and how many whole units, give TARGET.",
    ),
    "reference": (
        "mgcalc.commands.reference",
        "Show the RDA/AI and UL tables of a standard, with sources.",
    ),
    "forms": (
        "mgcalc.commands.forms",
        "List every form with its variants, formulas and % Mg, or show one in detail.",
    ),
}


def _report(message: str) -> None:
    text = one_line(message)
    try:
        sys.stderr.write(f"mgcalc: error: {text}\n")
        sys.stderr.flush()
    except (BrokenPipeError, OSError):  # pragma: no cover - stderr gone
        pass


class _ReaderGone(Exception):
    """stdout's reader has gone; raised past click, which would otherwise exit 1."""


class _Interrupted(Exception):
    """Ctrl-C; raised past click, which would print an empty line and 'Aborted!'."""


class MgcalcGroup(click.Group):
    """A group that runs `convert` when no command is named, and owns all error output."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise _ReaderGone from None
        except KeyboardInterrupt:
            raise _Interrupted from None

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        extra.setdefault("terminal_width", help_width())
        return super().make_context(info_name, args, parent, **extra)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        import importlib

        module = importlib.import_module(COMMANDS[cmd_name][0])
        command: click.Command = getattr(module, cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        # Stand-in commands carry the help lines: shortened as click would, with no import.
        rows = [
            (name, click.Command(name, help=line).get_short_help_str(limit))
            for name, (_, line) in COMMANDS.items()
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in COMMANDS and args[0] not in _HELP_WORDS:
            args = ["convert", *args]
        return super().parse_args(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = self._run(args, prog_name, complete_var, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(
        self,
        args: Sequence[str] | None,
        prog_name: str | None,
        complete_var: str | None,
        **extra: Any,
    ) -> int:
        try:
            result = super().main(
                args, prog_name or "mgcalc", complete_var, standalone_mode=False, **extra
            )
            sys.stdout.flush()
        except MgcalcError as error:
            _report(error.message)
            return error.exit_code
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.format_message())
            return EXIT_OK
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "mgcalc"
            _report(f"{error.format_message()} (see '{where} --help')")
            return EXIT_USAGE
        except click.ClickException as error:
            _report(error.format_message())
            return error.exit_code
        except (KeyboardInterrupt, click.Abort, _Interrupted):
            _report("interrupted")
            return EXIT_INTERRUPTED
        except (BrokenPipeError, _ReaderGone):
            silence_stdout()
            return EXIT_BROKEN_PIPE
        except Exception as error:  # a bug: still one line, never a traceback
            _report(f"internal error ({type(error).__name__}: {error}); please report it")
            return EXIT_INTERNAL
        return result if isinstance(result, int) else EXIT_OK


@click.group(
    cls=MgcalcGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
)
@click.version_option(version=__version__, prog_name="mgcalc", message="%(prog)s %(version)s")
def cli() -> None:
    """Elemental magnesium in supplements: mg, mmol and mEq from a compound, and back.

    With no command, `mgcalc ITEMS...` runs `mgcalc convert ITEMS...`.

    Educational information only; mgcalc does not diagnose or prescribe.
    """


def render_help(command_name: str | None, width: int) -> str:
    """The text `mgcalc [COMMAND] --help` prints at a given help width (see terminal.py)."""
    settings = cli.context_settings
    with click.Context(cli, info_name="mgcalc", terminal_width=width, **settings) as group_context:
        if command_name is None:
            return cli.get_help(group_context) + "\n"
        command = cli.get_command(group_context, command_name)
        if command is None:
            raise ValueError(f"no command {command_name!r}")
        settings = command.context_settings
        with click.Context(command, group_context, info_name=command_name, **settings) as context:
            return command.get_help(context) + "\n"
