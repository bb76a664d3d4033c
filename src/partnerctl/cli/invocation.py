"""The invocation's state: global options, the workspace once loaded, today, formats.

:class:`State` is what one run of partnerctl knows; :func:`state` returns the
current one. `partnerctl.cli.app` fills it from the global options and
re-exports :func:`state`, so commands import it from there.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from partnerctl.errors import PartnerctlError, Problem, UsageError, errors_in

if TYPE_CHECKING:
    from rich.console import Console

    from partnerctl.records import SettingsRec
    from partnerctl.workspace import Workspace

# `-o FILE` without --format: the format FILE's extension names, if the command has it.
FORMAT_BY_SUFFIX = {
    ".ics": "ics",
    ".json": "json",
    ".csv": "csv",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".txt": "plain",
    ".xlsx": "xlsx",
    ".eml": "eml",
}


# The formats of each command (registered by its module), for --format's help and
# completion, and for the error document of a usage error.
COMMAND_FORMATS: dict[str, tuple[str, ...]] = {}
# Editing commands print plain lines (`table` and `plain` print the same ones) or, with
# `--format json`, the changes they made; a command that registers no formats has these.
WRITE_FORMATS = ("table", "plain", "json")


def command_formats(names: str | Iterable[str], formats: tuple[str, ...]) -> tuple[str, ...]:
    """Register `formats` as what the commands `names` print; returns `formats`.

    A command that registers nothing prints WRITE_FORMATS.
    """
    for name in [names] if isinstance(names, str) else names:
        COMMAND_FORMATS[name] = formats
    return formats


def formats_of(command: str) -> tuple[str, ...]:
    """The formats the command `command` prints."""
    return COMMAND_FORMATS.get(command, WRITE_FORMATS)


@dataclass
class State:
    """What one invocation knows: global options, and the workspace once loaded."""

    dir: str | None = None
    today_text: str | None = None
    format: str | None = None
    color: bool | None = None
    # The command line as given (for the error document of a usage error that
    # stopped Click before it read --format), and the command it names once known.
    argv: list[str] = field(default_factory=list)
    command: str | None = None
    # --no-students (or PARTNERCTL_NO_STUDENTS=1): no student code in any output.
    no_students: bool = False
    # Set by commands: whether load errors count as findings (validate) or as
    # "could not do all of its job" (every other command).
    load_errors_are_findings: bool = False
    had_load_errors: bool = False
    # Set by output_format: `--format json` to stdout, so that an error which
    # stops the command still prints one JSON document (see app.PartnerctlGroup.invoke).
    error_document: bool = False
    _workspace: Workspace | None = field(default=None, repr=False)
    _recovered: bool = field(default=False, repr=False)
    _today: date | None = field(default=None, repr=False)
    # Set by check_today(): a bad --today or PARTNERCTL_TODAY, raised at the
    # command's first look at the state (output_format, root or today).
    _bad_today: UsageError | None = field(default=None, repr=False)
    _today_checked: bool = field(default=False, repr=False)

    # --- workspace -----------------------------------------------------------

    def root(self) -> Path:
        """The workspace root folder, found as DESIGN says."""
        from partnerctl.workspace import find_root

        self.raise_bad_today()
        explicit = self.dir if self.dir is not None else os.environ.get("PARTNERCTL_DIR") or None
        source = "--dir" if self.dir is not None else "PARTNERCTL_DIR"
        root: Path = find_root(Path(explicit) if explicit else None, Path.cwd(), source=source)
        if not self._recovered:
            # A write that a killed partnerctl left half done is finished or undone
            # before this command reads anything (a journal; one stat when none).
            from partnerctl.workspace.lock import recover_workspace

            self._recovered = True
            print_problems(recover_workspace(root))
        return root

    def workspace(self, *, report: bool = True) -> Workspace:
        """The loaded workspace; its errors go to stderr once (``report=False`` to skip)."""
        if self._workspace is None:
            from partnerctl.workspace import load_workspace

            self._workspace = load_workspace(self.root())
            errors = errors_in(self._workspace.problems)
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

    def set_today_text(self, text: str) -> None:
        """--today, from the command line (checked at the command's first look at the state)."""
        self.today_text = text
        self._today_checked = False

    def check_today(self) -> None:
        """Check --today / PARTNERCTL_TODAY before any command works, whether it uses them or not.

        This needs no workspace: the program's timezone changes what a relative
        date (`monday`, `+3d`) computes to, not whether it is one, so the
        computer's own today stands in. A bad one is kept and raised by
        raise_bad_today(), so that a `--format json` run still gets its error
        document from output_format().
        """
        self._today_checked = True
        self._bad_today = None
        if self._today_given() is None:
            return
        from partnerctl.dates import today_in

        try:
            self.given_today(today_in(None))
        except UsageError as err:
            self._bad_today = err

    def raise_bad_today(self) -> None:
        """Raise the usage error of a bad --today / PARTNERCTL_TODAY (see check_today())."""
        if not self._today_checked:
            self.check_today()
        if self._bad_today is not None:
            raise self._bad_today

    def today(self, settings: SettingsRec | None = None) -> date:
        """--today, else PARTNERCTL_TODAY, else today in the program's timezone.

        `settings`: the workspace's, when the caller has read them already;
        else the timezone is the loaded workspace's or partnerctl.yaml's.
        """
        if self._today is None:
            from partnerctl.dates import today_in

            self.raise_bad_today()
            timezone = settings["timezone"] if settings is not None else self._timezone()
            self._today = self.given_today(today_in(timezone))
        return self._today

    def given_today(self, real: date) -> date:
        """--today / PARTNERCTL_TODAY read relative to `real` (the day it is), else `real`."""
        given = self._today_given()
        if given is None:
            return real
        from partnerctl.dates import DateSyntaxError, parse_cli_date

        name, text = given
        try:
            return parse_cli_date(text, real)
        except DateSyntaxError as err:
            raise UsageError(f"{name}: {err}") from None

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

    def students_shown(self) -> bool:
        """Whether output may show student codes: not with --no-students or its variable."""
        if self.no_students:
            return False
        return os.environ.get("PARTNERCTL_NO_STUDENTS", "") in ("", "0")

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
        if to_stdout:
            from partnerctl.cli.streams import documents_in_utf8

            documents_in_utf8(chosen)  # json, csv, ics, md, html: UTF-8 in any locale
        # Every command asks for its format first; the error document is settled now.
        self.raise_bad_today()
        return chosen

    def wants_error_document(self, command: str | None = None) -> bool:
        """Whether an error that stopped the run prints a JSON error document on stdout.

        Yes once output_format() chose json for stdout. Before that (a usage
        error found by Click or by the group), when the command line asks for
        `--format json`, names no output file (`-o`/`--output`), and the
        command (`command`, else the one resolved) has a JSON output or is
        not known yet.
        """
        if self.error_document:
            return True
        command = command or self.command
        if command is not None and "json" not in formats_of(command):
            return False
        if self.format is None:
            return json_asked(self.argv)
        return self.format.lower() == "json" and output_file(self.argv) is None

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


STATE: ContextVar[State | None] = ContextVar("partnerctl_state", default=None)


def state() -> State:
    """The current invocation's state."""
    current = STATE.get()
    if current is None:
        current = State()
        STATE.set(current)
    return current


def completing() -> bool:
    """Whether this run answers the shell's completion (Click's `_PROG_COMPLETE` is set)."""
    return any(key.startswith("_") and key.endswith("_COMPLETE") for key in os.environ)


def option_values(argv: list[str], names: tuple[str, ...]) -> list[str]:
    """The values given to the options `names` in `argv` (`--x V`, `--x=V`, `-xV`), up to `--`.

    A plain scan, for the error path alone: when Click stopped at a usage
    error before it read these options, the error form still follows them.
    """
    found: list[str] = []
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        for name in names:
            if arg == name and index + 1 < len(argv):
                found.append(argv[index + 1])
            elif name.startswith("--") and arg.startswith(name + "="):
                found.append(arg[len(name) + 1 :])
            elif not name.startswith("--") and arg.startswith(name) and len(arg) > len(name):
                found.append(arg[len(name) :])
    return found


def output_file(argv: list[str]) -> str | None:
    """The file that `-o`/`--output` names on the command line (None for none or `-`)."""
    values = option_values(argv, ("-o", "--output"))
    return values[-1] if values and values[-1] != "-" else None


def json_asked(argv: list[str]) -> bool:
    """Whether the command line asks for `--format json` to stdout."""
    formats = option_values(argv, ("--format",))
    return bool(formats) and formats[-1].lower() == "json" and output_file(argv) is None


BUG_MESSAGE = (
    "partnerctl: internal error (a bug in partnerctl, not in your files): {error}. "
    "Please report it with the command you ran; PARTNERCTL_DEBUG=1 shows the details."
)


def report_bug(err: BaseException) -> int:
    """A bug: one line on stderr and exit status 3; PARTNERCTL_DEBUG=1 prints the traceback first.

    While the shell completes a word, nothing is printed: the line would land
    in the middle of what the user types.
    """
    debug = bool(os.environ.get("PARTNERCTL_DEBUG"))
    if completing() and not debug:
        return 3
    if debug:
        import traceback

        traceback.print_exception(err)
    sys.stderr.write(BUG_MESSAGE.format(error=type(err).__name__) + "\n")
    sys.stderr.flush()
    return 3


def print_problems(problems: list[Problem]) -> None:
    """Write problems to stderr, one line each, with no markup or escapes interpreted."""
    from partnerctl.render.text import one_line

    for problem in problems:
        sys.stderr.write(one_line(problem.render()) + "\n")
    sys.stderr.flush()
