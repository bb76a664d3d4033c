"""Checks of one value in a file, each with a reason in the user's words.

Slugs, MM-DD days, ISO dates, time zones and RRULE text: pydantic alone
would take more than DESIGN allows (a timestamp as a date) or explain a
mistake in Python's words. The models in :mod:`partnerctl.model` call these;
`workspace/edit.py` checks a new partner's id with :func:`check_slug`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from partnerctl.records import MMDD_RE, SLUG_RE, SLUG_RULE, iso_date


def check_slug(value: str, what: str) -> str:
    """Raise ValueError unless `value` is a slug (DESIGN: ids are slugs)."""
    if not SLUG_RE.match(value):
        raise ValueError(f"{value!r} is not a valid {what} id: {SLUG_RULE}")
    return value


def check_mmdd(value: str) -> str:
    """Raise ValueError unless `value` is an MM-DD day that exists in some year."""
    match = MMDD_RE.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a MM-DD day (for example 11-15)")
    month, day = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"{value!r}: month must be 01..12")
    days = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= day <= days:
        raise ValueError(f"{value!r}: day must be 01..{days} in month {month:02d}")
    return value


def check_iso_date(value: object) -> object:
    """Dates in files are ISO `YYYY-MM-DD` only, with a reason when one is impossible.

    Pydantic alone would also take `20261102`, `1700000000` (a timestamp) or a
    datetime, and explain an impossible date in its own words. The reasons are
    records.iso_date's, the command line's too.
    """
    if not isinstance(value, str):
        return value
    try:
        return iso_date(value.strip())
    except ValueError as err:
        raise ValueError(f"{value!r} is not a date: {err}") from None


def hinted_error(message: str, hint: str | None) -> PydanticCustomError:
    """A validation error with its own hint (workspace.messages shows it as the hint)."""
    return PydanticCustomError("partnerctl", "{message}", {"message": message, "hint": hint})


def zone_hint(value: str) -> str:
    """The nearest IANA zone name, as a hint; only computed for a zone that is wrong."""
    import difflib
    from zoneinfo import available_timezones

    if len(value) > 64:  # no zone name is this long; difflib would take its time
        return "use an IANA name such as America/Chicago"
    zones = sorted(available_timezones())
    same_but_case = {zone.lower(): zone for zone in zones}.get(value.strip().lower())
    near = difflib.get_close_matches(value.strip(), zones, n=1, cutoff=0.6)
    found = same_but_case or (near[0] if near else None)
    if found is None:
        return "use an IANA name such as America/Chicago"
    return f"did you mean {found!r}?"


# A part of an RRULE: NAME=VALUE (dateutil's own message for others is Python's).
_RRULE_PART_RE = re.compile(r"^[A-Za-z]+=[^=]*$")
_RRULE_EXAMPLE = "write it like FREQ=MONTHLY;BYDAY=+1TH"
_RRULE_SEMICOLON = "remove the `;` that has nothing after it"


def rrule_shape(value: str) -> None:
    """Raise a clear error for text that is not NAME=VALUE parts with a FREQ.

    dateutil would say it in Python's words ("not enough values to unpack").
    """
    text = value.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        return  # check_rrule says so
    if "=" not in text:
        raise hinted_error(f"{value!r} is not an RRULE", _RRULE_EXAMPLE)
    if any(char.isspace() for char in text):
        raise hinted_error(
            f"{value!r} is not an RRULE: it holds spaces", _RRULE_EXAMPLE + ", without spaces"
        )
    parts = text.split(";")
    for part in parts:
        if not part:
            raise hinted_error(f"{value!r} is not an RRULE: it has an empty part", _RRULE_SEMICOLON)
        if not _RRULE_PART_RE.match(part):
            raise hinted_error(
                f"{value!r} is not an RRULE: {part!r} is not one NAME=VALUE",
                _RRULE_EXAMPLE + ", one NAME=VALUE between each `;`",
            )
    if not any(part.split("=")[0].upper() == "FREQ" for part in parts):
        raise hinted_error(
            f"{value!r} has no FREQ",
            "start it with FREQ=DAILY, FREQ=WEEKLY, FREQ=MONTHLY or FREQ=YEARLY",
        )


IsoDate = Annotated[date, BeforeValidator(check_iso_date)]
