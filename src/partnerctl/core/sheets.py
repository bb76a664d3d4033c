"""What a spreadsheet does to a CSV cell it opens and saves, so that `import` can tell.

LibreOffice and Excel read a cell that looks like a number, a time of day or
a truth value as one, and save it back in their own spelling: a phone
`01174960018` becomes `1174960018`, `best_time: 10:30` becomes `10:30:00 AM`,
`true` becomes `TRUE`. Such a cell still means what the partner file says, so
`import` keeps the file's text (and says so) instead of writing the
spreadsheet's spelling back. A long number shown in scientific notation
(`1.17496E+11`) has lost digits: that is refused, never written.

Pure functions of text; no files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

_NUMBER_RE = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_SCIENTIFIC_RE = re.compile(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?$")
_TRUTH = {"true": True, "false": False}

FIX_HINT = "xlsx keeps text as written: partnerctl export -o partners.xlsx"


def _number(text: str) -> Decimal | None:
    if not _NUMBER_RE.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def _time(text: str) -> tuple[int, int, int] | None:
    match = _TIME_RE.match(text)
    if match is None:
        return None
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    half = (match.group(4) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _truth(text: str) -> bool | None:
    return _TRUTH.get(text.lower())


_READINGS: tuple[tuple[Callable[[str], object], str], ...] = (
    (_number, "number"),
    (_time, "time"),
    (_truth, "true/false value"),
)


def spreadsheet_spelling(kept: str, given: str) -> str | None:
    """What `given` and `kept` both are when `given` is a spreadsheet's spelling of `kept`.

    "number", "time" or "true/false value" when both read as the same one and
    differ as text (`01174960018` and `1174960018`, `10:30` and `10:30:00 AM`);
    None when they say different things.
    """
    if kept == given:
        return None
    for read, what in _READINGS:
        value = read(kept.strip())
        if value is not None and value == read(given.strip()):
            return what
    return None


def kept_message(kept: str, given: str, what: str) -> str:
    """The warning's words when import keeps the file's text over a spreadsheet's spelling."""
    return f"kept {kept!r}: {given!r} is the same {what}, as a spreadsheet rewrites it"


def shortened_number(text: str) -> bool:
    """Whether `text` is a number in scientific notation, as a spreadsheet shows a long one.

    `1.17496E+11` stands for a phone or id whose last digits are gone.
    """
    return _SCIENTIFIC_RE.match(text.strip()) is not None
