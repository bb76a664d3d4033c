"""Events' repeat rules (RFC 5545 RRULE): checked, and expanded in bounded time.

dateutil expands a rule from its first day on and stops only at an occurrence
past the end it was asked for, or at the year 9999. So a rule that can never
match (`FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31`) walks every day up to 9999
(seconds per command), and an event dated 0001-01-01 walks two thousand years
before it reaches today. Here:

- :func:`occurrences` starts the rule a whole number of its periods after the
  event's `date` (days for DAILY, weeks, months, years times INTERVAL), just
  before the window asked for: the same days come out, without the walk. The
  event's `date` itself is always an occurrence (DESIGN: `date` is the first
  one), whether or not the rule names it.
- :func:`first_occurrence` finds the rule's first day within RULE_HORIZON_YEARS
  of `date`, or None: `validate` refuses a rule with none. It searches a copy
  moved by whole 400-year cycles of the Gregorian calendar (146,097 days, so
  every weekday, month length and leap day falls the same) to just before the
  year 9999, so a rule that never matches stops there, at most some 400 years
  of days later (about 0.2 s), instead of 8,000 years later.
- A rule with COUNT is counted from `date` and never moved; it stops after COUNT
  occurrences.
"""

from __future__ import annotations

import math
import re
from datetime import MAXYEAR, date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from dateutil.rrule import rrule

    from partnerctl.records import EventRec

# How far after its `date` a rule must name a day; `validate` refuses a rule with none.
RULE_HORIZON_YEARS = 10
_CYCLE_DAYS = 146_097  # 400 Gregorian years: the calendar repeats exactly
_CYCLE_MONTHS = 4_800
_CYCLE_YEARS = 400
_SEARCH_END = date(MAXYEAR - 1, 12, 31)  # a year of margin before dateutil's last year
_UNTIL_UTC_RE = re.compile(r"(UNTIL=\d{8}T\d{6})Z", re.IGNORECASE)
_SUB_DAILY = ("FREQ=HOURLY", "FREQ=MINUTELY", "FREQ=SECONDLY")
# The parts that name days; without any, dateutil takes them from the first day.
_DAY_PARTS = ("BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")


def _rule_text(rule: str) -> str:
    """The rule without an `RRULE:` prefix, and with a UTC `UNTIL=…Z` read as a plain time.

    Calendar apps write `UNTIL=20270630T000000Z`; events here are days without
    a time zone, and dateutil refuses an aware UNTIL with a naive start.
    """
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    return _UNTIL_UTC_RE.sub(r"\1", text)


def check_rrule(rule: str) -> str:
    """Raise ValueError unless `rule` is an RFC 5545 RRULE that dateutil accepts.

    Events happen on days, so rules more frequent than DAILY are refused; so is
    dateutil's own BYEASTER, which is no part of RFC 5545 (calendar apps would
    not read it).
    """
    text = _rule_text(rule)
    if not text:
        raise ValueError("empty repeat rule (for example FREQ=MONTHLY;BYDAY=+1TH)")
    upper = text.upper().replace(" ", "")
    if any(freq in upper for freq in _SUB_DAILY):
        raise ValueError(
            f"{rule!r} repeats within a day; events repeat DAILY, WEEKLY, MONTHLY or YEARLY"
        )
    if "BYEASTER" in upper:
        raise ValueError(f"{rule!r}: BYEASTER is not part of RFC 5545; name the day itself")
    for name in ("INTERVAL", "COUNT"):
        value = re.search(rf"(?:^|;){name}=([^;]*)", upper)
        if value is not None and not (value.group(1).isdigit() and int(value.group(1)) >= 1):
            # INTERVAL=0 would make dateutil repeat the same day forever.
            raise ValueError(f"{rule!r}: {name} must be a whole number of 1 or more")
    from dateutil.rrule import rrulestr

    try:
        rrulestr("RRULE:" + text, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError, OverflowError) as err:
        raise ValueError(
            f"{rule!r} is not a repeat rule: {err} (for example FREQ=WEEKLY;BYDAY=TU)"
        ) from None
    return rule


class _Rule:
    """A checked rule's parts, to build moved copies of it."""

    def __init__(self, rule: str, first: date) -> None:
        self.parts: dict[str, str] = {}
        for part in _rule_text(rule).split(";"):
            name, _, value = part.partition("=")
            self.parts[name.strip().upper()] = value.strip()
        self.freq = self.parts["FREQ"].upper()
        self.interval = max(1, int(self.parts.get("INTERVAL", "1") or 1))
        self.count = int(self.parts["COUNT"]) if "COUNT" in self.parts else None
        until = self.parts.get("UNTIL")
        self.until = _until_day(until) if until else None
        self.first = first
        if not any(part in self.parts for part in _DAY_PARTS):
            # dateutil takes the rule's days from its start; a moved start must not change them.
            if self.freq == "YEARLY":
                self.parts.setdefault("BYMONTH", str(first.month))
                self.parts["BYMONTHDAY"] = str(first.day)
            elif self.freq == "MONTHLY":
                self.parts["BYMONTHDAY"] = str(first.day)
            elif self.freq == "WEEKLY":
                self.parts["BYDAY"] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[first.weekday()]

    def build(self, start: date, *, keep: tuple[str, ...] = ("COUNT", "UNTIL")) -> rrule:
        """The rule started on `start` (COUNT and UNTIL only as `keep` says)."""
        from dateutil.rrule import rrule, rrulestr

        parts = [
            f"{name}={value}"
            for name, value in self.parts.items()
            if name not in ("COUNT", "UNTIL") or name in keep
        ]
        made = rrulestr("RRULE:" + ";".join(parts), dtstart=_moment(start))
        assert isinstance(made, rrule)  # one RRULE line gives one rule, never a set
        return made

    def moved_start(self, lower: date) -> date:
        """The latest start a whole number of periods after `first` and not after `lower`."""
        first, step = self.first, self.interval
        if self.count is not None or lower <= first:
            return first  # COUNT counts from the first day: never moved
        if self.freq in ("DAILY", "WEEKLY"):
            period = step * (7 if self.freq == "WEEKLY" else 1)
            return first + timedelta(days=(lower - first).days // period * period)
        if self.freq == "MONTHLY":
            months = (lower.year - first.year) * 12 + lower.month - first.month
            months = months // step * step
            if months == 0:
                return first
            index = first.year * 12 + first.month - 1 + months
            return date(index // 12, index % 12 + 1, 1)
        years = (lower.year - first.year) // step * step
        return first if years == 0 else date(first.year + years, 1, 1)


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _until_day(value: str) -> date | None:
    """The day of an UNTIL value (`20270630` or `20270630T000000`)."""
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


def occurrences(event: EventRec, start: date, end: date) -> list[date]:
    """The days in [start, end] on which the event happens, each once, in order.

    The event's `date` is always one of them; a repeat rule adds the days it
    names after it, through `until` or the rule's own UNTIL or COUNT.
    """
    first: date = event["date"]
    if end < first:
        return []
    found = {first} if start <= first else set()
    repeat = event["repeat"]
    upper = end if event["until"] is None else min(end, event["until"])
    lower = max(start, first)
    if repeat is None or upper < lower:
        return sorted(found)
    rule = _Rule(repeat, first)
    # One day each, even if a rule names a day twice (BYHOUR=9,15).
    found.update(_days(rule.build(rule.moved_start(lower)), lower, upper))
    return sorted(found)


def _days(expanded: rrule, lower: date, upper: date) -> Iterator[date]:
    """The days of the rule's moments in [lower, upper], in order.

    dateutil fails (ValueError) when a week or month it expands reaches past
    9999-12-31: the days before that are kept, and the rule ends there.
    """
    try:
        for moment in expanded:
            day = moment.date()
            if day > upper:
                return
            if day >= lower:
                yield day
    except ValueError:
        return


def first_occurrence(repeat: str, first: date, until: date | None = None) -> date | None:
    """The first day on or after `first` that the rule names, within RULE_HORIZON_YEARS.

    None when there is none: a rule that can never match, or whose UNTIL,
    COUNT=0 or `until` ends it before its first day.
    """
    rule = _Rule(repeat, first)
    if rule.count == 0:
        return None
    horizon = _years_later(first, RULE_HORIZON_YEARS)
    for limit in (until, rule.until):
        if limit is not None:
            horizon = min(horizon, limit)
    if horizon < first:
        return None
    cycles = _cycles_to_move(rule, horizon)
    moved = _years_later(first, cycles * _CYCLE_YEARS)
    end = _years_later(horizon, cycles * _CYCLE_YEARS)
    hit = next(_days(rule.build(moved, keep=()), moved, end), None)
    if hit is None:
        return None
    return date(hit.year - cycles * _CYCLE_YEARS, hit.month, hit.day)


def no_occurrence(repeat: str, first: date, until: date | None = None) -> str | None:
    """Why the rule names no day at or after `first` (validate's error), or None when it does."""
    if first_occurrence(repeat, first, until) is not None:
        return None
    rule = _Rule(repeat, first)
    if rule.count is None and rule.until is None and until is None:
        return (
            f"{repeat!r} names no day in the {RULE_HORIZON_YEARS} years from the event's date "
            f"({first.isoformat()})"
        )
    return f"{repeat!r} names no day from the event's date ({first.isoformat()}) to its end"


def _years_later(day: date, years: int) -> date:
    """`day` `years` later (02-29 → 02-28 in a common year), held at 9999-12-31."""
    year = day.year + years
    if year > MAXYEAR:
        return date.max
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def _cycles_to_move(rule: _Rule, horizon: date) -> int:
    """How many 400-year cycles to move a search ending on `horizon`, keeping the rule's phase.

    The move must be a whole number of the rule's own periods (INTERVAL) as well
    as of calendar cycles; as many as keep the search before _SEARCH_END.
    """
    if rule.freq in ("DAILY", "WEEKLY"):
        period = rule.interval * (7 if rule.freq == "WEEKLY" else 1)
        per_cycle = _CYCLE_DAYS
    elif rule.freq == "MONTHLY":
        period, per_cycle = rule.interval, _CYCLE_MONTHS
    else:
        period, per_cycle = rule.interval, _CYCLE_YEARS
    step = period // math.gcd(period, per_cycle)  # cycles in one common multiple
    room = (_SEARCH_END.year - horizon.year - 1) // _CYCLE_YEARS
    return max(0, room // step * step)
