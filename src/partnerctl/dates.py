"""Dates: command-line shorthand, spreadsheets' dates, busy-season ranges, clamped
arithmetic, "today".

Repeat rules are :mod:`partnerctl.recurrence`'s.
"""

from __future__ import annotations

import calendar as _calendar
import re
from collections.abc import Iterator
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta
from typing import TYPE_CHECKING

from partnerctl.records import iso_date

if TYPE_CHECKING:
    from partnerctl.records import BusySeasonRec

WEEKDAY_NAMES = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_OFFSET_RE = re.compile(r"^([+-])(\d{1,4})([dwm])$")
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# What shell completion offers for a date: DESIGN's shorthand, each read by parse_cli_date.
DATE_SHORTHAND = (
    "today",
    "tomorrow",
    "yesterday",
    *(name for name in WEEKDAY_NAMES if name.endswith("day")),
    "+1d",
    "+2d",
    "+3d",
    "+1w",
    "+2w",
    "+1m",
    "-1d",
    "-2d",
    "-1w",
)
DATE_HELP = "YYYY-MM-DD, today, tomorrow, yesterday, +3d, -2d, +2w, +1m or a weekday name"
# Command-line dates stay in these years, so that every window, season and
# recurrence computed from them stays inside what `datetime.date` can hold.
# Dates inside the files are not bounded.
FIRST_CLI_DATE = date(1900, 1, 1)
LAST_CLI_DATE = date(2999, 12, 31)


class DateSyntaxError(ValueError):
    """A command-line date that partnerctl cannot read."""


def add_days(day: date, days: int) -> date:
    """`day` moved by `days`, held at the calendar's first or last day (0001-01-01, 9999-12-31).

    Dates in files are not bounded, so every date arithmetic in core goes through
    this: a cadence counted from a touch on 9999-12-31 falls due on 9999-12-31
    (never, in practice) instead of crashing the morning list.
    """
    try:
        return day + timedelta(days=days)
    except OverflowError:  # past the calendar's edge, or a number of days beyond timedelta's
        return date.max if days > 0 else date.min


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the last day of the target month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def parse_cli_date(text: str, today: date, *, past: bool = False) -> date:
    """Read a command-line date: ISO, today/tomorrow/yesterday, +Nd/-Nw/+Nm, or a weekday.

    A weekday name means its next occurrence after today, or with ``past=True``
    (`log --date`) its most recent occurrence, today included. The result must
    fall in FIRST_CLI_DATE..LAST_CLI_DATE.
    """
    try:
        day = _parse_cli_date(text, today, past=past)
    except OverflowError:  # `tomorrow` of date.max
        raise DateSyntaxError(_out_of_range(text)) from None
    if not FIRST_CLI_DATE <= day <= LAST_CLI_DATE:
        raise DateSyntaxError(_out_of_range(text))
    return day


def _out_of_range(text: str) -> str:
    return (
        f"{text!r} is out of range (command-line dates run from "
        f"{FIRST_CLI_DATE.isoformat()} to {LAST_CLI_DATE.isoformat()})"
    )


def _parse_cli_date(text: str, today: date, *, past: bool) -> date:
    value = text.strip().lower()
    if _ISO_RE.match(value):
        try:
            return iso_date(value)
        except ValueError as err:
            raise DateSyntaxError(f"{text!r} is not a date: {err}") from None
    if value == "today":
        return today
    if value == "tomorrow":
        return today + timedelta(days=1)
    if value == "yesterday":
        return today - timedelta(days=1)
    match = _OFFSET_RE.match(value)
    if match:
        sign = 1 if match.group(1) == "+" else -1
        amount = int(match.group(2)) * sign
        unit = match.group(3)
        try:
            if unit == "d":
                return today + timedelta(days=amount)
            if unit == "w":
                return today + timedelta(weeks=amount)
            return add_months(today, amount)
        except (OverflowError, ValueError):
            raise DateSyntaxError(_out_of_range(text)) from None
    if value in WEEKDAY_NAMES:
        target = WEEKDAY_NAMES[value]
        if past:
            return today - timedelta(days=(today.weekday() - target) % 7)
        ahead = (target - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    raise DateSyntaxError(f"{text!r} is not a date (use {DATE_HELP})")


# --- dates a spreadsheet wrote ------------------------------------------------

# The orders `import --date-format` reads a date like 9/1/2024 in.
DATE_ORDERS = {"mdy": "month first", "dmy": "day first"}
_SHEET_DATE_RE = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$")


def is_sheet_date(text: str) -> bool:
    """Whether `text` is shaped like a spreadsheet's date: `9/1/2024`, `09.01.24`, `1-9-2024`."""
    return _SHEET_DATE_RE.match(text.strip()) is not None


def sheet_date(text: str, order: str) -> date:
    """A spreadsheet's date read month first (`order` "mdy", as US spreadsheets write it) or
    day first ("dmy").

    A two-digit year is 2000-2029 for 00-29 and 1930-1999 for 30-99, as Excel
    reads it. ValueError with records.iso_date's reason when there is no such
    day, or when `text` is not shaped like such a date.
    """
    match = _SHEET_DATE_RE.match(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a date like 9/1/2024")
    first, second, year_text = int(match.group(1)), int(match.group(3)), match.group(4)
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < 30 else 1900
    month, day = (first, second) if order == "mdy" else (second, first)
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a date ({DATE_ORDERS[order]}): month must be 1..12")
    try:
        return iso_date(f"{year:04d}-{month:02d}-{day:02d}")
    except ValueError as err:
        raise ValueError(f"{text!r} is not a date ({DATE_ORDERS[order]}): {err}") from None


def sheet_date_readings(text: str) -> dict[str, date]:
    """Every order in which `text` names a real day (for a hint): order → the day."""
    readings: dict[str, date] = {}
    for order in DATE_ORDERS:
        try:
            readings[order] = sheet_date(text, order)
        except ValueError:
            continue
    return readings


def today_in(timezone: str | None, now: datetime | None = None) -> date:
    """Today's date in the program's timezone (the computer's own when None).

    `now` is an aware datetime for tests; the CLI alone calls this without it.
    """
    if now is None:
        now = datetime.now().astimezone()
    if timezone is None:
        return now.astimezone().date()
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(timezone)).date()


# --- busy seasons -----------------------------------------------------------


def mmdd_in_year(mmdd: str, year: int) -> date:
    """The date of an MM-DD in `year`; 02-29 means 02-28 in other years."""
    month, day = int(mmdd[:2]), int(mmdd[3:])
    if month == 2 and day == 29 and not _calendar.isleap(year):
        day = 28
    return date(year, month, day)


def season_span(season: BusySeasonRec, day: date) -> tuple[date, date] | None:
    """The occurrence of a busy season that contains `day`, as (first, last), or None.

    Seasons are inclusive and may wrap the new year (11-15 → 01-10).
    """
    for start_year in (day.year - 1, day.year):
        span = _season_in(season, start_year)
        if span is not None and span[0] <= day <= span[1]:
            return span
    return None


def _season_in(season: BusySeasonRec, year: int) -> tuple[date, date] | None:
    """The occurrence of a season that begins in `year`, as (first, last).

    At the calendar's edges, one that would begin in year 0 and wraps into
    0001 begins on 0001-01-01, and one that wraps past 9999-12-31 ends there.
    """
    if year == MINYEAR - 1:
        last = mmdd_in_year(season["to"], MINYEAR)
        return (date.min, last) if last < mmdd_in_year(season["from"], MINYEAR) else None
    if not MINYEAR <= year <= MAXYEAR:
        return None
    first = mmdd_in_year(season["from"], year)
    last = mmdd_in_year(season["to"], year)
    if last < first:
        last = mmdd_in_year(season["to"], year + 1) if year < MAXYEAR else date.max
    return first, last


def busy_season_at(seasons: list[BusySeasonRec], day: date) -> tuple[date, date] | None:
    """The busy season containing `day` with the latest end, or None."""
    best: tuple[date, date] | None = None
    for season in seasons:
        span = season_span(season, day)
        if span is not None and (best is None or span[1] > best[1]):
            best = span
    return best


def after_busy_seasons(seasons: list[BusySeasonRec], day: date) -> date:
    """The first day on or after `day` that is in none of the seasons."""
    for _ in range(len(seasons) + 2):
        span = busy_season_at(seasons, day)
        if span is None:
            return day
        if span[1] == date.max:
            return date.max  # busy until the calendar ends: never free
        day = add_days(span[1], 1)
    return day


def season_spans_between(
    season: BusySeasonRec, start: date, end: date
) -> Iterator[tuple[date, date]]:
    """Every occurrence (first, last) of a season that overlaps [start, end]."""
    for year in range(start.year - 1, end.year + 1):
        span = _season_in(season, year)
        if span is not None and span[1] >= start and span[0] <= end:
            yield span


# English names, not the locale's (`strftime("%B")`): drafts read the same on every computer.
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def spoken_date(day: date, today: date, *, weekday: bool = False, with_year: bool = False) -> str:
    """`November 5`, or `Thursday, December 10` with `weekday`; the year when not today's.

    How a date reads in a message to a person: `January 11, 2027` (always
    with its year when `with_year`).
    """
    text = f"{MONTH_NAMES[day.month - 1]} {day.day}"
    if with_year or day.year != today.year:
        text += f", {day.year}"
    return f"{DAY_NAMES[day.weekday()]}, {text}" if weekday else text
