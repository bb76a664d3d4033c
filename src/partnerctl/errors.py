"""Error types and exit codes: the one vocabulary every layer uses for problems."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class ExitStatus(IntEnum):
    """Exit codes from DESIGN's "Output, errors and exit codes"."""

    OK = 0
    FINDINGS = 1  # validate found errors; due --check found due items
    INCOMPLETE = 2  # usage error, unreadable file, refused or failed write, init refusing
    BUG = 3  # a bug in partnerctl


@dataclass(frozen=True)
class Problem:
    """One located problem in a user's file: the unit of every error line."""

    file: str | None
    line: int | None
    column: int | None
    path: str | None
    message: str
    hint: str | None = None
    severity: str = "error"  # "error" or "warning"

    def render(self) -> str:
        """The `FILE:LINE:COL: error: PATH: message (hint)` line of DESIGN."""
        place = ""
        if self.file is not None:
            place = self.file
            if self.line is not None:
                place += f":{self.line}"
                if self.column is not None:
                    place += f":{self.column}"
            place += ": "
        text = f"{place}{self.severity}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_json(self) -> dict[str, Any]:
        """The `errors` entry of a JSON document."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
        }


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """The errors among `problems` (not the warnings)."""
    return [p for p in problems if p.severity == "error"]


def nothing_written(why: str, hint: str | None = "fix the errors above and try again") -> Problem:
    """The last line of a refused write: `error: nothing was written: WHY (HINT)`."""
    return Problem(None, None, None, None, f"nothing was written: {why}", hint)


class PartnerctlError(Exception):
    """Base of the errors the CLI turns into messages and exit codes."""

    status: ExitStatus = ExitStatus.INCOMPLETE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def problems(self) -> list[Problem]:
        """The lines this error prints on stderr."""
        return [Problem(None, None, None, None, self.message, self.hint)]


class UsageError(PartnerctlError):
    """A bad command line: unknown option value, partner id or date."""


class WorkspaceNotFound(PartnerctlError):
    """No partnerctl.yaml in --dir, PARTNERCTL_DIR or any parent folder."""


@dataclass
class DataError(PartnerctlError):
    """One or more located problems in users' files."""

    found: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        first = self.found[0].render() if self.found else "invalid data"
        PartnerctlError.__init__(self, first)

    def problems(self) -> list[Problem]:
        return list(self.found)


class WriteError(PartnerctlError):
    """A write that was refused or failed; the file on disk is untouched."""
