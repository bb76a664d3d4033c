"""The Typer app, the options every command shares, and the one exit point.

Global options (`--dir/-C`, `--today`, `--format`, `--color/--no-color`) work
before or after a command's name: :class:`PartnerctlGroup` lifts them out of
the argument list wherever they stand and keeps them in the invocation's
:class:`~partnerctl.cli.invocation.State`. Commands read them with
:func:`state` (imported from here, though it lives in `cli/invocation.py`).
"""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

import typer
from typer import _click
from typer.core import TyperGroup

from partnerctl.cli.invocation import _STATE, State, print_problems
from partnerctl.cli.invocation import state as state  # every command imports it from here
from partnerctl.errors import ExitStatus, PartnerctlError, Problem, UsageError

BUG_MESSAGE = (
    "partnerctl: internal error (a bug in partnerctl, not in your files): {error}. "
    "Please report it with the command you ran; PARTNERCTL_DEBUG=1 shows the details."
)

_VALUE_OPTIONS = {"--dir": "dir", "-C": "dir", "--today": "today_text", "--format": "format"}
_FLAG_OPTIONS = {"--color": True, "--no-color": False}
_SWITCH_OPTIONS = {"--no-students": "no_students"}

# The most days a `--within N` looks ahead: ten years is more than any plan needs,
# and keeps every date computed from it far inside what a date can hold.
MAX_WITHIN_DAYS = 3660

GLOBAL_HELP = """\b
Options for every command (before or after its name):
  -C, --dir PATH       the workspace folder (else PARTNERCTL_DIR, else the
                       nearest folder upward holding partnerctl.yaml)
  --today DATE         the day to plan for (else PARTNERCTL_TODAY, else today
                       in the program's timezone)
  --format FORMAT      table, plain, json, csv, md, ... where the command has them
  --color / --no-color colour on or off (NO_COLOR and TERM=dumb are honoured)
  --no-students        leave student codes out of every output (also
                       PARTNERCTL_NO_STUDENTS=1)
"""


def _print_error_document(current: State, problems: list[Problem]) -> None:
    """`{"version": 1, "errors": [...]}` on stdout: the load errors, then what stopped the run.

    A script that asked for `--format json` gets one JSON document even when
    the command could not run; the same lines are on stderr and the exit
    status says it failed.
    """
    from partnerctl.render.jsonout import document

    sys.stdout.write(document({}, errors=[*current.loaded_errors(), *problems]))
    sys.stdout.flush()


def finish(status: ExitStatus | int) -> NoReturn:
    """End the command with an exit status."""
    raise typer.Exit(int(status))


def split_global_options(args: list[str]) -> tuple[State, list[str]]:
    """Lift the global options out of `args`, wherever they stand (up to `--`)."""
    found = State()
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        name, eq, value = arg.partition("=")
        if name in _VALUE_OPTIONS and arg.startswith("--") and eq:
            setattr(found, _VALUE_OPTIONS[name], value)
        elif arg in _VALUE_OPTIONS:
            if index + 1 >= len(args):
                raise _click.exceptions.UsageError(f"Option '{arg}' requires an argument.")
            setattr(found, _VALUE_OPTIONS[arg], args[index + 1])
            index += 1
        elif arg.startswith("-C") and len(arg) > 2 and not arg.startswith("--"):
            found.dir = arg[2:]
        elif arg in _FLAG_OPTIONS:
            found.color = _FLAG_OPTIONS[arg]
        elif arg in _SWITCH_OPTIONS:
            setattr(found, _SWITCH_OPTIONS[arg], True)
        else:
            rest.append(arg)
        index += 1
    return found, rest


# How `--help` lists the commands: the morning loop, everyday edits, outreach,
# reporting and exchange, then setup.
COMMAND_ORDER = (
    "due",
    "log",
    "snooze",
    "show",
    "list",
    "add",
    "contact",
    "stage",
    "reassign",
    "prospects",
    "plan",
    "calendar",
    "pitch",
    "spotlight",
    "placement",
    "advisory",
    "report",
    "export",
    "import",
    "init",
    "validate",
    "schema",
)


class PartnerctlGroup(TyperGroup):
    """The root group: global options anywhere, and the one place errors become exit codes."""

    def list_commands(self, ctx: _click.Context) -> list[str]:
        """The commands in the order of a director's day, not of registration."""
        known = super().list_commands(ctx)
        ordered = [name for name in COMMAND_ORDER if name in known]
        return ordered + [name for name in known if name not in ordered]

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        found, rest = split_global_options(list(args))
        _STATE.set(found)
        return super().parse_args(ctx, rest)

    def invoke(self, ctx: _click.Context) -> Any:
        current = state()
        current.check_today()
        try:
            super().invoke(ctx)
            # Every command consults the state before it works; this is the backstop.
            current.raise_bad_today()
            code = 0
        except typer.Exit as done:
            code = done.exit_code
        except PartnerctlError as err:
            print_problems(err.problems())
            if current.error_document:
                _print_error_document(current, err.problems())
            code = int(err.status)
        except (_click.exceptions.ClickException, typer.Abort):
            raise
        except BrokenPipeError:
            # `partnerctl due | head` closed the pipe: not an error of ours.
            sys.stderr = open(os.devnull, "w")  # noqa: SIM115
            code = 0
        except Exception as err:
            if os.environ.get("PARTNERCTL_DEBUG"):
                raise
            sys.stderr.write(BUG_MESSAGE.format(error=type(err).__name__) + "\n")
            code = int(ExitStatus.BUG)
        if current.had_load_errors and not current.load_errors_are_findings and code < 2:
            code = int(ExitStatus.INCOMPLETE)
        raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from partnerctl import __version__

        sys.stdout.write(f"partnerctl {__version__}\n")
        raise typer.Exit(0)


app = typer.Typer(
    cls=PartnerctlGroup,
    name="partnerctl",
    help="Plan, track and recognize industry partnerships for CTE programs.",
    epilog=GLOBAL_HELP,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Plan, track and recognize industry partnerships for CTE programs."""


def within_option(help: str) -> Any:
    """The `--within N` option: days to look ahead, 0 through MAX_WITHIN_DAYS."""
    return typer.Option("--within", min=0, max=MAX_WITHIN_DAYS, metavar="N", help=help)


def fail_usage(message: str, hint: str | None = None) -> NoReturn:
    """Raise a usage error (exit 2)."""
    raise UsageError(message, hint=hint)
