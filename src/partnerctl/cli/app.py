"""The Typer app, the options every command shares, and the one exit point.

Global options (`--dir/-C`, `--today`, `--format`, `--color/--no-color`) work
before or after a command's name: :class:`PartnerctlGroup` lifts them out of
the argument list wherever they stand and keeps them in the invocation's
:class:`State`. Commands read them with :func:`state`.
"""

from __future__ import annotations

import os
import sys
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer import _click
from typer.core import TyperGroup

from partnerctl.errors import ExitStatus, PartnerctlError, Problem, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from partnerctl.workspace import Workspace

BUG_MESSAGE = (
    "partnerctl: internal error (a bug in partnerctl, not in your files): {error}. "
    "Please report it with the command you ran; PARTNERCTL_DEBUG=1 shows the details."
)

_VALUE_OPTIONS = {"--dir": "dir", "-C": "dir", "--today": "today_text", "--format": "format"}
_FLAG_OPTIONS = {"--color": True, "--no-color": False}

# The most days a `--within N` looks ahead: ten years is more than any plan needs,
# and keeps every date computed from it far inside what a date can hold.
MAX_WITHIN_DAYS = 3660

# `-o FILE` without --format: the format FILE's extension names, if the command has it.
FORMAT_BY_SUFFIX = {
    ".ics": "ics",
    ".json": "json",
    ".csv": "csv",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".txt": "plain",
}

GLOBAL_HELP = """\b
Options for every command (before or after its name):
  -C, --dir PATH       the workspace folder (else PARTNERCTL_DIR, else the
                       nearest folder upward holding partnerctl.yaml)
  --today DATE         the day to plan for (else PARTNERCTL_TODAY, else today
                       in the program's timezone)
  --format FORMAT      table, plain, json, csv, md, ... where the command has them
  --color / --no-color colour on or off (NO_COLOR and TERM=dumb are honoured)
"""


@dataclass
class State:
    """What one invocation knows: global options, and the workspace once loaded."""

    dir: str | None = None
    today_text: str | None = None
    format: str | None = None
    color: bool | None = None
    # Set by commands: whether load errors count as findings (validate) or as
    # "could not do all of its job" (every other command).
    load_errors_are_findings: bool = False
    had_load_errors: bool = False
    # Set by output_format: `--format json` to stdout, so that an error which
    # stops the command still prints one JSON document (see invoke()).
    error_document: bool = False
    _workspace: Workspace | None = field(default=None, repr=False)
    _today: date | None = field(default=None, repr=False)
    # Set by check_today(): a bad --today or PARTNERCTL_TODAY, raised at the
    # command's first look at the state (output_format, root or today).
    _bad_today: UsageError | None = field(default=None, repr=False)

    # --- workspace -----------------------------------------------------------

    def root(self) -> Path:
        """The workspace root folder, found as DESIGN says."""
        from partnerctl.workspace import find_root

        self.raise_bad_today()
        explicit = self.dir if self.dir is not None else os.environ.get("PARTNERCTL_DIR") or None
        source = "--dir" if self.dir is not None else "PARTNERCTL_DIR"
        root: Path = find_root(Path(explicit) if explicit else None, Path.cwd(), source=source)
        return root

    def workspace(self, *, report: bool = True) -> Workspace:
        """The loaded workspace; its errors go to stderr once (``report=False`` to skip)."""
        if self._workspace is None:
            from partnerctl.workspace import load_workspace

            self._workspace = load_workspace(self.root())
            errors = [p for p in self._workspace.problems if p.severity == "error"]
            if errors:
                self.had_load_errors = True
                if report:
                    print_problems(errors)
        return self._workspace

    def loaded_errors(self) -> list[Problem]:
        """The errors of the files read so far (none when nothing was loaded yet)."""
        return self._workspace.errors if self._workspace is not None else []

    def no_partners(self) -> bool:
        """Whether the workspace has no partner files at all (a broken one counts as one).

        Commands then say how to add one instead of "nothing matches".
        """
        loaded = self.workspace()
        return not loaded.partners and not any(
            (p.file or "").startswith("partners/") for p in loaded.errors
        )

    # --- today ---------------------------------------------------------------

    def _today_given(self) -> tuple[str, str] | None:
        """(where it came from, the text) of --today, else PARTNERCTL_TODAY; None if neither."""
        if self.today_text is not None:
            return "--today", self.today_text
        text = os.environ.get("PARTNERCTL_TODAY") or None
        return None if text is None else ("PARTNERCTL_TODAY", text)

    def check_today(self) -> None:
        """Check --today / PARTNERCTL_TODAY before any command runs, whether it uses them or not.

        This needs no workspace: the program's timezone changes what a relative
        date (`monday`, `+3d`) computes to, not whether it is one, so the
        computer's own today stands in. A bad one is kept and raised by
        raise_bad_today(), so that a `--format json` run still gets its error
        document from output_format().
        """
        given = self._today_given()
        if given is None:
            return
        from partnerctl.dates import DateSyntaxError, parse_cli_date, today_in

        name, text = given
        try:
            parse_cli_date(text, today_in(None))
        except DateSyntaxError as err:
            self._bad_today = UsageError(f"{name}: {err}")

    def raise_bad_today(self) -> None:
        """Raise the usage error of a bad --today / PARTNERCTL_TODAY found by check_today()."""
        if self._bad_today is not None:
            raise self._bad_today

    def today(self) -> date:
        """--today, else PARTNERCTL_TODAY, else today in the program's timezone."""
        if self._today is None:
            from partnerctl.dates import DateSyntaxError, parse_cli_date, today_in

            self.raise_bad_today()
            given = self._today_given()
            real = today_in(self._timezone())
            if given is None:
                self._today = real
            else:
                name, text = given
                try:
                    self._today = parse_cli_date(text, real)
                except DateSyntaxError as err:
                    raise UsageError(f"{name}: {err}") from None
        return self._today

    def _timezone(self) -> str | None:
        """The program's timezone, reading only partnerctl.yaml when nothing is loaded yet."""
        if self._workspace is not None:
            return self._workspace.settings["timezone"]
        from partnerctl.workspace.parse import load_settings

        try:
            settings, _problems = load_settings(self.root())
        except PartnerctlError:
            return None  # no workspace: the computer's own timezone
        return settings["timezone"]

    def date_option(self, name: str, text: str | None, *, past: bool = False) -> date | None:
        """A command-line date option read with the shorthand, or a usage error naming it."""
        if text is None:
            return None
        from partnerctl.dates import DateSyntaxError, parse_cli_date

        try:
            return parse_cli_date(text, self.today(), past=past)
        except DateSyntaxError as err:
            raise UsageError(f"{name}: {err}") from None

    # --- output --------------------------------------------------------------

    def output_format(
        self, allowed: tuple[str, ...], *, tty: str = "table", to_stdout: bool = True
    ) -> str:
        """The --format to use: given and allowed, else `tty` on a terminal, else plain.

        `to_stdout=False` when the document goes to a file (`-o`): an error
        then leaves stdout empty instead of printing a JSON error document.
        """
        if self.format is not None:
            chosen = self.format.lower()
            if chosen not in allowed:
                raise UsageError(
                    f"--format: {self.format!r} is not a format of this command",
                    hint="choose one of " + ", ".join(allowed),
                )
            self.error_document = chosen == "json" and to_stdout
        elif tty in allowed and sys.stdout.isatty():
            chosen = tty
        else:
            chosen = "plain" if "plain" in allowed else allowed[0]
        # Every command asks for its format first; the error document is settled now.
        self.raise_bad_today()
        return chosen

    def file_format(
        self, output: str | None, allowed: tuple[str, ...], *, default: str, tty: str = "table"
    ) -> str:
        """The format of a command with `-o FILE`: --format, else FILE's extension, else `default`.

        Without -o (or with `-o -`) it is output_format's choice for stdout.
        The extension counts when it names one of the command's formats
        (FORMAT_BY_SUFFIX); an explicit --format wins over it, with a warning
        when the two disagree. A file never gets `table`: it gets plain.
        """
        if output is None or output == "-":
            return self.output_format(allowed, tty=tty)
        from pathlib import PurePath

        by_suffix = FORMAT_BY_SUFFIX.get(PurePath(output).suffix.lower())
        if by_suffix not in allowed:
            by_suffix = None
        if self.format is None:
            self.raise_bad_today()
            return by_suffix or default
        chosen = self.output_format(allowed, tty=tty, to_stdout=False)
        if chosen == "table" and "plain" in allowed:
            chosen = "plain"
        if by_suffix is not None and by_suffix != chosen:
            warning = f"writing {chosen} to {output} as --format says, not {by_suffix}"
            print_problems([Problem(None, None, None, "-o", warning, severity="warning")])
        return chosen

    def use_color(self) -> bool:
        """Colour unless --no-color, NO_COLOR, TERM=dumb or a non-terminal says no."""
        if self.color is not None:
            return self.color
        if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
            return False
        return sys.stdout.isatty()

    def console(self, *, stderr: bool = False) -> Console:
        """A Rich console that never interprets markup or highlights user text."""
        from rich.console import Console

        color = self.use_color()
        return Console(
            file=sys.stderr if stderr else sys.stdout,
            color_system="auto" if color else None,
            force_terminal=True if self.color else None,
            no_color=not color,
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=False,
        )


_STATE: ContextVar[State | None] = ContextVar("partnerctl_state", default=None)


def state() -> State:
    """The current invocation's state."""
    current = _STATE.get()
    if current is None:
        current = State()
        _STATE.set(current)
    return current


def print_problems(problems: list[Problem]) -> None:
    """Write problems to stderr, one line each, with no markup or escapes interpreted."""
    from partnerctl.render.text import clean

    for problem in problems:
        sys.stderr.write(clean(problem.render()) + "\n")
    sys.stderr.flush()


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
