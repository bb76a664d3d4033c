"""The Typer app, the options every command shares, and the one exit point.

Global options (`--dir/-C`, `--today`, `--format`, `--color/--no-color`) are
Click options, declared once on the root callback and shared with every
command, so they work before or after a command's name and Click parses them
with everything else: an option's value that begins with `-C` is that value,
completion knows them, and a usage error is one more error. Their callbacks
keep them in the invocation's :class:`~partnerctl.cli.invocation.State`;
commands read it with :func:`state` (imported from here).

:meth:`PartnerctlGroup.main` is the one exit point: partnerctl's own errors,
Click's usage errors and bugs all leave through it, in one form (DESIGN's
error lines, a JSON error document under `--format json`, exit 2; a bug is
exit 3).
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

# Commands import the formats registry and `state` from here.
from partnerctl.cli.invocation import COMMAND_FORMATS as COMMAND_FORMATS
from partnerctl.cli.invocation import STATE, State, print_problems, report_bug
from partnerctl.cli.invocation import WRITE_FORMATS as WRITE_FORMATS
from partnerctl.cli.invocation import command_formats as command_formats
from partnerctl.cli.invocation import formats_of as formats_of
from partnerctl.cli.invocation import state as state  # every command imports it from here
from partnerctl.errors import ExitStatus, PartnerctlError, Problem, UsageError

# The global options' names on the command line, by their field in State.
# `cli/entry.py` reads these to find the command's name without Click.
GLOBAL_VALUE_OPTIONS = {"--dir": "dir", "-C": "dir", "--today": "today_text", "--format": "format"}
GLOBAL_FLAG_OPTIONS = ("--color", "--no-color", "--no-students")
# The parameter names of the global options (the root callback's), shared with every command.
GLOBAL_PARAMS = (
    "global_dir",
    "global_today",
    "global_format",
    "global_color",
    "global_no_color",
    "global_no_students",
)

# The most days a `--within N` looks ahead: ten years is more than any plan needs,
# and keeps every date computed from it far inside what a date can hold.
MAX_WITHIN_DAYS = 3660

GLOBAL_HELP = "Options -C/--dir, --today, --format and --color work before or after a command."


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


# --- the global options --------------------------------------------------------


def _keep_dir(value: str | None) -> None:
    if value is not None:
        state().dir = value


def _keep_today(value: str | None) -> None:
    if value is not None:
        state().set_today_text(value)


def _keep_format(value: str | None) -> None:
    if value is not None:
        state().format = value


# Two flags rather than Click's `--color/--no-color` pair: a pair cannot tell
# "not given" from "--no-color" on every Click release partnerctl supports.
def _keep_color(value: bool) -> None:
    if value:
        state().color = True


def _keep_no_color(value: bool) -> None:
    if value:
        state().color = False


def _keep_no_students(value: bool) -> None:
    if value:
        state().no_students = True


def _complete_dir(incomplete: str) -> list[str]:
    # Nothing: the shell then completes folder names itself (`complete -o default`).
    return []


def _complete_today(incomplete: str) -> list[str]:
    from partnerctl.cli.complete import complete_date

    return complete_date(incomplete)


def _complete_format(ctx: typer.Context, incomplete: str) -> list[str]:
    from partnerctl.cli.complete import complete_format

    return complete_format(ctx, incomplete)


def _version(value: bool) -> None:
    if value:
        from partnerctl import __version__

        sys.stdout.write(f"partnerctl {__version__}\n")
        raise typer.Exit(0)


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
    "set",
    "need",
    "opening",
    "tag",
    "pathway",
    "research",
    "busy-season",
    "offer",
    "agreement",
    "prospects",
    "plan",
    "calendar",
    "pitch",
    "draft",
    "spotlight",
    "placement",
    "advisory",
    "report",
    "export",
    "import",
    "init",
    "validate",
    "schema",
    "sync",
    "resolve",
    "join",
    "merge-file",
)


class PartnerctlGroup(TyperGroup):
    """The root group: global options anywhere, and the one place errors become exit codes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        shared = [param for param in self.params if param.name in GLOBAL_PARAMS]
        for command in self.commands.values():
            _share_options(command, shared)
            _plain_metavars(command)

    # Click hands these a Context; Typer >= 0.26 keeps Click's class private, so
    # partnerctl does not name it (`ctx: Any`).
    def list_commands(self, ctx: Any) -> list[str]:
        """The commands in the order of a director's day, not of registration."""
        known = super().list_commands(ctx)
        ordered = [name for name in COMMAND_ORDER if name in known]
        return ordered + [name for name in known if name not in ordered]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """The command `args` names; a mistyped name is a usage error with a did-you-mean."""
        name = args[0] if args else ""
        if (
            name
            and not name.startswith("-")
            and self.get_command(ctx, name) is None
            and not ctx.resilient_parsing
        ):
            from partnerctl.words import did_you_mean

            hint = did_you_mean(name, self.list_commands(ctx))
            raise UsageError(
                f"no such command {name!r}", hint=hint or "`partnerctl --help` lists the commands"
            )
        found = super().resolve_command(ctx, args)
        if found[0] is not None:
            state().command = found[0]
        return found

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run a command line: the one exit point of every run.

        Click runs in its non-standalone mode, so that every error reaches
        this method: partnerctl's own, Click's usage errors (an unknown
        option, a bad or missing value) and bugs.
        """
        from partnerctl.cli.streams import guard_streams

        guard_streams()  # before anything is written, no output can fail on its encoding
        argv = list(sys.argv[1:] if args is None else args)
        if not argv:
            argv = ["--help"]  # the same on every Click release (8.2 made it a usage error)
        token = STATE.set(State(argv=argv))
        try:
            extra["windows_expand_args"] = windows_expand_args
            code = self._run(argv, prog_name, complete_var, extra)
        finally:
            STATE.reset(token)
            sys.stderr.flush()  # every line written, before the exit status is known
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(
        self, argv: list[str], prog_name: str | None, complete_var: str | None, extra: Any
    ) -> int:
        current = state()
        try:
            result = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except typer.Exit as done:  # raised outside a command, e.g. by --version
            code = done.exit_code
        except typer.Abort:
            sys.stderr.write("partnerctl: interrupted\n")
            code = 130
        except PartnerctlError as err:
            print_problems(err.problems())
            # Before a command was found (`partnerctl dew`), the line decides; after, the
            # command's own choice of format (output_format) does.
            if current.error_document or (
                current.command is None and current.wants_error_document()
            ):
                _print_error_document(current, err.problems())
            code = int(err.status)
        except Exception as err:
            from partnerctl.cli.usage import (
                click_error_command,
                click_error_problem,
                is_click_error,
            )

            if not is_click_error(err):
                return report_bug(err)
            problem = click_error_problem(err)
            print_problems([problem])
            if current.wants_error_document(click_error_command(err)):
                _print_error_document(current, [problem])
            code = int(ExitStatus.INCOMPLETE)
        if current.had_load_errors and not current.load_errors_are_findings and code < 2:
            code = int(ExitStatus.INCOMPLETE)
        return code

    def invoke(self, ctx: Any) -> Any:
        current = state()
        try:
            super().invoke(ctx)
            # Every command consults the state before it works; this is the backstop.
            current.raise_bad_today()
            code = 0
        except typer.Exit as done:
            code = done.exit_code
        except BrokenPipeError:
            # `partnerctl due | head` closed the pipe: not an error of ours.
            sys.stderr = open(os.devnull, "w")  # noqa: SIM115
            code = 0
        raise typer.Exit(code)


def _plain_metavars(command: Any) -> None:
    """Help names values in words (`--name NAME`), never Python types (`<list[str]>`).

    Recent Typer releases show an argument's or option's Python annotation in
    plain help; a director does not read `list[str]`. An option without a
    metavar is named after itself, as in a manual page; an argument shows its
    metavar alone.
    """
    for param in command.params:
        if getattr(param, "param_type_name", "") == "argument":
            param.display_type_rich = lambda ctx: None  # the metavar says it
        elif param.metavar is None and not getattr(param, "is_flag", False):
            longest = max(param.opts, key=len)
            param.metavar = longest.lstrip("-").upper()
    for sub in getattr(command, "commands", {}).values():
        _plain_metavars(sub)


def _share_options(command: Any, shared: list[Any]) -> None:
    """Give `command` (and a group's subcommands) the root's global options.

    `--format`'s help then names the command's own formats: a copy of the
    option, so that each command's help can differ.
    """
    names = {param.name for param in command.params}
    for param in shared:
        if param.name in names:
            continue
        if param.name == "global_format" and command.name is not None:
            param = copy.copy(param)
            param.help = "One of: " + ", ".join(formats_of(command.name)) + "."
        command.params.append(param)
    for sub in getattr(command, "commands", {}).values():
        _share_options(sub, shared)


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
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    global_dir: Annotated[
        str | None,
        typer.Option(
            "--dir",
            "-C",
            metavar="PATH",
            help="The workspace folder (else PARTNERCTL_DIR, else the nearest folder "
            "upward holding partnerctl.yaml).",
            callback=_keep_dir,
            autocompletion=_complete_dir,
            expose_value=False,
            is_eager=True,
        ),
    ] = None,
    global_today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="DATE",
            help="The day to plan for (else PARTNERCTL_TODAY, else today in the "
            "program's timezone).",
            callback=_keep_today,
            autocompletion=_complete_today,
            expose_value=False,
            is_eager=True,
        ),
    ] = None,
    global_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="table, plain, json, csv, md, html or ics, where the command has it.",
            callback=_keep_format,
            autocompletion=_complete_format,
            expose_value=False,
            is_eager=True,
        ),
    ] = None,
    global_color: Annotated[
        bool,
        typer.Option(
            "--color",
            help="Colour on, even when piped.",
            callback=_keep_color,
            expose_value=False,
            is_eager=True,
        ),
    ] = False,
    global_no_color: Annotated[
        bool,
        typer.Option(
            "--no-color",
            help="Colour off (NO_COLOR or TERM=dumb do the same without it).",
            callback=_keep_no_color,
            expose_value=False,
            is_eager=True,
        ),
    ] = False,
    global_no_students: Annotated[
        bool,
        typer.Option(
            "--no-students",
            help="Leave student codes out of every output (also PARTNERCTL_NO_STUDENTS=1).",
            callback=_keep_no_students,
            expose_value=False,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Plan, track and recognize industry partnerships for CTE programs."""


OUTPUT_HELP = "Write to FILE instead of stdout (format: --format, else its extension)."


def output_option(help: str = OUTPUT_HELP) -> Any:
    """The `-o/--output FILE` option of the commands that write a document to a file."""
    return typer.Option("--output", "-o", metavar="FILE", help=help)


def within_option(help: str) -> Any:
    """The `--within N` option: days to look ahead, 0 through MAX_WITHIN_DAYS."""
    return typer.Option("--within", min=0, max=MAX_WITHIN_DAYS, metavar="N", help=help)


def fail_usage(message: str, hint: str | None = None) -> NoReturn:
    """Raise a usage error (exit 2)."""
    raise UsageError(message, hint=hint)
