"""Checks of one value in a file, each with a reason in the user's words.

Slugs, MM-DD days, ISO dates, counts, distances, yes/no flags, time zones
and RRULE text: pydantic alone would take more than DESIGN allows (a
timestamp as a date, `1_000` as a number) or explain a mistake in Python's
words. The models in :mod:`partnerctl.model` call these;
`workspace/edit.py` checks a new partner's id with :func:`check_slug`.

Each accepted spelling is one regular expression below (``*_TEXT``), which
the published JSON Schema uses too (:mod:`partnerctl.fileschema`), so an
editor and `validate` agree on every quoted value. The expressions use only
what Python's `re` and ECMAScript (editors, ajv, check-jsonschema) read
alike: ASCII classes, no `\\d`, no `\\s`, no `$`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from partnerctl.records import MMDD_RE, SLUG_RE, SLUG_RULE, iso_date

# --- the spellings of values, shared with the JSON Schema ----------------------

SLUG_TEXT = r"[a-z0-9][a-z0-9-]{0,63}"
_LONG_MONTH = r"(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
_SHORT_MONTH = r"(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
MMDD_TEXT = rf"(?:{_LONG_MONTH}|{_SHORT_MONTH}|02-(?:0[1-9]|[12][0-9]))"
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
# Spaces or tabs around a date are allowed (a quoted " 2026-11-02"), nothing else.
_BLANK = r"[ \t]*"
DATE_TEXT = (
    rf"{_BLANK}(?:(?!0000)[0-9]{{4}}-(?:{_LONG_MONTH}|{_SHORT_MONTH}|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    rf"|{_LEAP_YEAR}-02-29){_BLANK}"
)
# A count is a decimal integer (`4`, `+4`, `04`, `1_000`: YAML 1.1 and some YAML 1.2
# readers group digits with `_`), at least 0 or at least 1, of at most 15 digits
# (past them a number is a typing mistake).
COUNT_DIGITS = 15  # 10**15 - 1 is exact in JavaScript too (editors, ajv)
LARGEST_COUNT = 10**COUNT_DIGITS - 1
_DIGITS = r"[0-9](?:_?[0-9])*"
_SOME_DIGITS = rf"[0-9](?:_?[0-9]){{0,{COUNT_DIGITS - 1}}}"
COUNT_TEXT = rf"{_BLANK}(?:\+?{_SOME_DIGITS}|-0+){_BLANK}"
POSITIVE_TEXT = rf"{_BLANK}\+?(?=[0_]*[1-9]){_SOME_DIGITS}{_BLANK}"
_INTEGER_TEXT = rf"{_BLANK}[-+]?{_DIGITS}{_BLANK}"
# A distance is a decimal number (`2.4`, `.5`, `1e3`, `1_000`), at least 0.
_EXPONENT = r"(?:[eE][-+]?[0-9]+)?"
_DECIMAL = rf"(?:\.{_DIGITS}|{_DIGITS}(?:\.(?:{_DIGITS})?)?){_EXPONENT}"
DISTANCE_TEXT = rf"{_BLANK}(?:\+?{_DECIMAL}|-(?:\.0+|0+(?:\.0*)?){_EXPONENT}){_BLANK}"
_NUMBER_TEXT = rf"{_BLANK}[-+]?{_DECIMAL}{_BLANK}"
# Yes/no, in any case: YAML 1.1's words and pydantic's (`yes`, `On`, `y`, `t`, `1`).
_TRUE = r"[Tt][Rr][Uu][Ee]|[Yy][Ee][Ss]|[Oo][Nn]|[Yy]|[Tt]|1"
_FALSE = r"[Ff][Aa][Ll][Ss][Ee]|[Nn][Oo]|[Oo][Ff][Ff]|[Nn]|[Ff]|0"
FLAG_TEXT = rf"{_BLANK}(?:{_TRUE}|{_FALSE}){_BLANK}"
_TRUE_RE = re.compile(rf"{_BLANK}(?:{_TRUE}){_BLANK}")


def whole(text: str) -> str:
    """A ``*_TEXT`` expression as a JSON Schema pattern that must match the whole value.

    `(?![\\s\\S])` is "the very end" in both dialects (`$` is not: Python's also
    matches before a final line break).
    """
    return rf"^(?:{text})(?![\s\S])"


def _matches(text: str, value: str) -> bool:
    return re.fullmatch(text, value) is not None


def check_count(value: object) -> object:
    """A whole number written in digits (`4`, `"4"`); `4.0`, `1e3`, `0x10` are refused.

    The minimum (0 or 1) is the field's own `ge`; pydantic checks it after.
    """
    if not isinstance(value, str):
        return value
    if not _matches(_INTEGER_TEXT, value):
        raise hinted_error(f"{value!r} is not a whole number", "write it in digits, for example 4")
    digits = value.strip(" \t").lstrip("+-").replace("_", "")
    if len(digits) > COUNT_DIGITS:
        hint = f"use a number of at most {COUNT_DIGITS} digits"
        raise hinted_error("the number is too long", hint)
    return int(value.strip(" \t"))


def check_distance(value: object) -> object:
    """A decimal number (`2.4`, `.5`, `1e3`); `inf`, `nan` and `1_000` are refused."""
    if not isinstance(value, str):
        return value
    if not _matches(_NUMBER_TEXT, value):
        raise hinted_error(f"{value!r} is not a number", "for example 2.5")
    # pydantic makes it a float, and a bound it breaks is shown as the user wrote it
    return value.strip(" \t")


def check_flag(value: object) -> object:
    """Yes or no: true/false, yes/no, on/off, y/n, t/f or 1/0, in any case."""
    if not isinstance(value, str):
        return value
    if not _matches(FLAG_TEXT, value):
        raise hinted_error(f"{value!r} is not true or false", "use true or false")
    return _TRUE_RE.fullmatch(value) is not None


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
        return iso_date(value.strip(" \t"))
    except ValueError as err:
        raise ValueError(f"{value!r} is not a date: {err}") from None


def hinted_error(message: str, hint: str | None) -> PydanticCustomError:
    """A validation error with its own hint (workspace.messages shows it as the hint)."""
    return PydanticCustomError("partnerctl", "{message}", {"message": message, "hint": hint})


def zone_hint(value: str) -> str:
    """The nearest IANA zone name, as a hint; only computed for a zone that is wrong."""
    from zoneinfo import available_timezones

    from partnerctl.words import did_you_mean

    fallback = "use an IANA name such as America/Chicago"
    if len(value) > 64:  # no zone name is this long; difflib would take its time
        return fallback
    return did_you_mean(value, available_timezones()) or fallback


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
Count = Annotated[int, BeforeValidator(check_count)]
Distance = Annotated[float, BeforeValidator(check_distance)]
Flag = Annotated[bool, BeforeValidator(check_flag)]
