"""The one home of every command-line argument rule: choices, stages, owners,
pathways, partner ids, dates and text.

Each kind of argument is checked here once, with one wording and one
did-you-mean (:mod:`partnerctl.words`), so `list --stage Active` and
`prospects --stage Active` read the same. Choices are case-insensitive on the
command line. A failed check is a UsageError (exit 2) naming the option.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from partnerctl.errors import UsageError
from partnerctl.words import did_you_mean

if TYPE_CHECKING:
    from partnerctl.records import SettingsRec

# DESIGN's text placeholder, and the three dots people type for it.
TEXT_PLACEHOLDERS = ("…", "...")
# DESIGN's date placeholder.
DATE_PLACEHOLDER = "YYYY-MM-DD"


# --- choices ---------------------------------------------------------------------


def choice(option: str, value: str | None, allowed: Iterable[str], what: str) -> str | None:
    """`value` if it is one of `allowed` (any case), else a usage error with a hint."""
    if value is None:
        return None
    known = tuple(allowed)
    wanted = value.strip().lower()
    if wanted in known:
        return wanted
    if wanted and is_placeholder(wanted):
        raise UsageError(
            f"{option}: {value.strip()!r} is a placeholder, not {what}",
            hint="choose one of " + ", ".join(known),
        )
    hint = did_you_mean(wanted, known) or "choose one of " + ", ".join(known)
    raise UsageError(f"{option}: {value!r} is not {what}", hint=hint)


def choices(
    option: str, values: Iterable[str] | None, allowed: Iterable[str], what: str
) -> list[str]:
    """Each of `values` checked by :func:`choice`, without repeats, in order."""
    known = tuple(allowed)
    chosen: list[str] = []
    for value in values or ():
        found = choice(option, value, known, what)
        if found is not None and found not in chosen:
            chosen.append(found)
    return chosen


def stage(option: str, value: str | None) -> str | None:
    """A stage (any case)."""
    from partnerctl.records import STAGES

    return choice(option, value, STAGES, "a stage")


def stages(option: str, values: Iterable[str] | None) -> list[str]:
    """Stages (any case), without repeats."""
    from partnerctl.records import STAGES

    return choices(option, values, STAGES, "a stage")


def owner(option: str, value: str | None, settings: SettingsRec) -> str | None:
    """An owner id, which must be in the settings' `owners` when that list is set."""
    value = text(option, value, required=True)
    if value is None or not settings["owners"] or value in settings["owners"]:
        return value
    same = [known for known in settings["owners"] if known.casefold() == value.strip().casefold()]
    if same:  # choices are case-insensitive on the command line
        return same[0]
    listed = ", ".join(settings["owners"])
    hint = did_you_mean(value, settings["owners"]) or f"owners: {listed}"
    raise UsageError(f"{option}: {value!r} is not one of partnerctl.yaml's owners", hint=hint)


def pathway(option: str, value: str | None, settings: SettingsRec) -> str | None:
    """A pathway id of the settings (any case)."""
    known = [p["id"] for p in settings["pathways"]]
    if value is not None and not known:
        raise UsageError(
            f"{option}: partnerctl.yaml has no pathways",
            hint="add the program's pathways to partnerctl.yaml first",
        )
    return choice(option, value, known, "a pathway id in partnerctl.yaml")


def pathways(option: str, values: Iterable[str] | None, settings: SettingsRec) -> list[str]:
    """Pathway ids of the settings (any case), without repeats."""
    chosen: list[str] = []
    for value in values or ():
        found = pathway(option, value, settings)
        if found is not None and found not in chosen:
            chosen.append(found)
    return chosen


# --- partner ids -------------------------------------------------------------------


def partner_id(value: str) -> str:
    """A partner id that is a slug (no `..`, `/` or absolute path), or a UsageError."""
    from partnerctl.fieldchecks import check_slug

    try:
        return check_slug(value, "partner")
    except ValueError as err:
        raise UsageError(str(err)) from None


def known_partner(partner: str, known: Iterable[str], option: str | None = None) -> str:
    """`partner` when it is one of the `known` ids, else the one unknown-partner error."""
    from partnerctl.workspace.edit import unknown_partner

    ids = list(known)
    if partner not in ids:
        raise unknown_partner(partner, ids, option)
    return partner


def file_id(value: str, noun: str) -> str:
    """An id of a placement (or another file kind) that is a slug, or a UsageError."""
    from partnerctl.fieldchecks import check_slug

    try:
        return check_slug(value, noun)
    except ValueError as err:
        raise UsageError(str(err)) from None


# --- work-based learning -----------------------------------------------------------


def student_code(option: str, value: str, settings: SettingsRec) -> str:
    """A student's pseudonymous code matching the settings' pattern; a name is refused."""
    from partnerctl.privacy import code_problem

    code = (text(option, value, required=True) or "").strip()
    problem = code_problem(code, settings["student_code"])
    if problem is not None:
        message, hint = problem
        raise UsageError(f"{option}: {message}", hint=hint)
    return code


def hours(option: str, value: str) -> float:
    """A number of hours: more than 0, at most a month's (744); `…` is a placeholder."""
    stripped = value.strip()
    if is_placeholder(stripped):
        raise UsageError(
            f"{option}: {stripped!r} is a placeholder, not a number of hours",
            hint="put the hours worked in its place, e.g. 6 or 7.5",
        )
    try:
        number = float(stripped)
    except ValueError:
        raise UsageError(
            f"{option}: {value!r} is not a number of hours", hint="for example 6 or 7.5"
        ) from None
    if not 0 < number <= 744:
        raise UsageError(
            f"{option}: {value!r} hours is out of range", hint="more than 0, at most 744"
        )
    return number


# --- text --------------------------------------------------------------------------


def is_placeholder(value: str) -> bool:
    """Text that stands for something to fill in: `…`, empty, or only punctuation."""
    stripped = value.strip()
    if stripped in TEXT_PLACEHOLDERS:
        return True
    return all(char.isspace() or unicodedata.category(char).startswith("P") for char in stripped)


def text(option: str, value: str | None, *, required: bool = False) -> str | None:
    """Text from the command line, refused when not valid UTF-8.

    `required` text (a summary, a name, a title, an action) is also refused
    when it is empty, DESIGN's placeholder `…`, or only punctuation: a
    suggested command pasted without filling it in writes nothing.
    """
    if value is None:
        return None
    if any(0xD800 <= ord(char) <= 0xDFFF for char in value):
        raise UsageError(f"{option}: the text is not valid UTF-8")
    if required and not value.strip():
        raise UsageError(f"{option}: must not be empty")
    if required and is_placeholder(value):
        raise UsageError(
            f"{option}: {value.strip()!r} is a placeholder, not text",
            hint=f"type what it stands for in place of {value.strip()!r}, in quotes",
        )
    return value


# --- dates -------------------------------------------------------------------------


def date_value(option: str, value: str | None, today: date, *, past: bool = False) -> date | None:
    """A command-line date (DESIGN's shorthand) relative to `today`; None stays None.

    DESIGN's date placeholder `YYYY-MM-DD` is refused with what to put there.
    """
    from partnerctl.dates import DATE_HELP, DateSyntaxError, parse_cli_date

    if value is None:
        return None
    if value.strip().upper() == DATE_PLACEHOLDER:
        raise UsageError(
            f"{option}: {DATE_PLACEHOLDER} is a placeholder, not a date",
            hint=f"put the date in its place: {DATE_HELP}",
        )
    try:
        return parse_cli_date(value, today, past=past)
    except DateSyntaxError as err:
        raise UsageError(f"{option}: {err}") from None


def is_shorthand(value: str) -> bool:
    """Whether a command-line date was given as shorthand (`+1w`, `friday`), not as ISO."""
    from partnerctl.records import ISO_DATE_RE

    return ISO_DATE_RE.match(value.strip()) is None


def todo_date(
    option: str, value: str, today: date, settings: SettingsRec
) -> tuple[date, str | None]:
    """A date for something to do (`--next`, `snooze`), on an open day, and a note.

    Shorthand that lands on a non-workday or in a school break moves to the
    next workday; an explicit ISO date is kept with a warning (core.workdays).
    A day before today is refused.
    """
    from partnerctl.core.workdays import open_day_for

    day = date_value(option, value, today)
    assert day is not None
    if day < today:
        raise UsageError(f"{option}: {day.isoformat()} is before today", hint="give a later date")
    return open_day_for(settings, day, shorthand=is_shorthand(value))


def past_date(option: str, value: str | None, today: date) -> date:
    """A date something happened on (`log --date`): default today, never after today."""
    day = date_value(option, value, today, past=True) or today
    if day > today:
        raise UsageError(
            f"{option}: {day.isoformat()} is after today ({today.isoformat()})",
            hint="log what happened; use --next for what is planned",
        )
    return day
