"""The program's open days: its workdays outside its school breaks.

One home for the rule that a date a director *sets* for something to do
(`--next`, `snooze`), and a projected cadence check-in, lands on a day the
school is open (DESIGN, "Commands" and "What is due").
"""

from __future__ import annotations

from datetime import date, timedelta

from partnerctl.records import WEEKDAYS, BreakRec, SettingsRec

# How far ahead to look for an open day before giving up (a program with no
# workdays, or a break of years): the day itself is kept then.
_SEARCH_DAYS = 366 * 3


def school_break_at(settings: SettingsRec, day: date) -> BreakRec | None:
    """The school break that holds `day`, or None."""
    for rest in settings["school_breaks"]:
        if rest["from"] <= day <= rest["to"]:
            return rest
    return None


def in_school_break(settings: SettingsRec, day: date) -> bool:
    """Whether `day` lies inside one of the program's school breaks."""
    return school_break_at(settings, day) is not None


def is_workday(settings: SettingsRec, day: date) -> bool:
    """Whether `day` is one of the program's workdays."""
    return WEEKDAYS[day.weekday()] in settings["workdays"]


def is_open_day(settings: SettingsRec, day: date) -> bool:
    """A workday outside every school break."""
    return is_workday(settings, day) and not in_school_break(settings, day)


def next_open_day(settings: SettingsRec, day: date) -> date:
    """`day` itself when it is open, else the first open day after it.

    When no open day comes within three years (no workdays at all), `day`.
    """
    current = day
    for _ in range(_SEARCH_DAYS):
        if is_open_day(settings, current):
            return current
        try:
            current += timedelta(days=1)
        except OverflowError:
            return day
    return day


def closed_reason(settings: SettingsRec, day: date) -> str | None:
    """Why `day` is not open, in words (`Winter break`, `a Saturday`), or None when it is."""
    rest = school_break_at(settings, day)
    if rest is not None:
        return rest["name"]
    if not is_workday(settings, day):
        return f"a {day:%A}"
    return None


def open_day_for(settings: SettingsRec, day: date, *, shorthand: bool) -> tuple[date, str | None]:
    """The day to use for something to do set on `day`, and a note for the user.

    A date given as shorthand (`+1w`, `friday`) that falls on a closed day
    moves to the next open day, and the note says so; an explicit ISO date is
    kept, and the note warns why the day is closed.
    """
    why = closed_reason(settings, day)
    if why is None:
        return day, None
    if not shorthand:
        return day, f"{day.isoformat()} is {_closed_words(why)}; kept as given"
    moved = next_open_day(settings, day)
    if moved == day:
        return day, None
    return (
        moved,
        f"{day.isoformat()} is {_closed_words(why)}: moved to {moved:%a} {moved.isoformat()}",
    )


def _closed_words(why: str) -> str:
    return why if why.startswith("a ") else f"in {why}"
