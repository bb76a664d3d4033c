"""What the editing commands (log, add, snooze, contact, stage, reassign) share.

They read only the settings and the files they touch, never the whole
workspace: :func:`write_context` checks --format, finds the root, loads the
settings and works out "today" from them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from partnerctl.cli.app import WRITE_FORMATS, state
from partnerctl.errors import DataError, Problem, UsageError

if TYPE_CHECKING:
    from partnerctl.model import SettingsRec
    from partnerctl.workspace import Workspace


@dataclass(frozen=True)
class WriteContext:
    """The workspace root, its settings and today, for one editing command."""

    root: Path
    settings: SettingsRec
    today: date


def write_context() -> WriteContext:
    """Root, settings and today, reading partnerctl.yaml alone (a bad --format: usage error)."""
    from partnerctl.workspace.edit import settings_for_write

    current = state()
    current.output_format(WRITE_FORMATS)
    root = current.root()
    settings = settings_for_write(root)
    today = current.today(settings)  # their timezone: partnerctl.yaml is not read again
    return WriteContext(root, settings, today)


def refuse_partial_workspace(workspace: Workspace) -> None:
    """Refuse a write meant for every partner while some file has errors (they are above)."""
    if not workspace.errors:
        return
    partners = any((p.file or "").startswith("partners/") for p in workspace.errors)
    which = "some partner files have" if partners else "some files have"
    why = f"{which} errors (above); fix them so no partner is missed"
    raise DataError(found=[Problem(None, None, None, None, f"nothing was written: {why}")])


def date_arg(ctx: WriteContext, name: str, text: str | None, *, past: bool = False) -> date | None:
    """A command-line date (DESIGN's shorthand) relative to the context's today."""
    from partnerctl.dates import DateSyntaxError, parse_cli_date

    if text is None:
        return None
    try:
        return parse_cli_date(text, ctx.today, past=past)
    except DateSyntaxError as err:
        raise UsageError(f"{name}: {err}") from None


def choice(option: str, value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    """`value` if it is one of `allowed` (case-insensitive), else a usage error with a hint."""
    if value is None:
        return None
    wanted = value.strip().lower()
    if wanted in allowed:
        return wanted
    close = difflib.get_close_matches(wanted, allowed, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else "choose one of " + ", ".join(allowed)
    raise UsageError(f"{option}: {value!r} is not {what}", hint=hint)


def text_option(option: str, value: str | None, *, required: bool = False) -> str | None:
    """Text from the command line, refused when empty (if required) or not valid UTF-8."""
    if value is None:
        return None
    if any(0xD800 <= ord(char) <= 0xDFFF for char in value):
        raise UsageError(f"{option}: the text is not valid UTF-8")
    if required and not value.strip():
        raise UsageError(f"{option}: must not be empty")
    return value


def owner_option(option: str, value: str | None, settings: SettingsRec) -> str | None:
    """An owner name, which must be in the settings' `owners` when that list is set."""
    value = text_option(option, value, required=True)
    if value is None or not settings["owners"] or value in settings["owners"]:
        return value
    close = difflib.get_close_matches(value, settings["owners"], n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else "owners: " + ", ".join(settings["owners"])
    raise UsageError(f"{option}: {value!r} is not in partnerctl.yaml's owners", hint=hint)


def quoted(text: str | None, width: int = 60) -> str:
    """User text for one output line: cleaned, shortened, in double quotes."""
    from partnerctl.render.text import clean_line

    shown = clean_line(text or "")
    if len(shown) > width:
        shown = shown[: width - 1] + "…"
    return f'"{shown}"'
