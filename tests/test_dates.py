"""dates.py: command-line shorthand, busy seasons (wrapping, 02-29), recurrence, timezones."""

from __future__ import annotations

import calendar
import itertools
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerctl.dates import (
    FIRST_CLI_DATE,
    LAST_CLI_DATE,
    DateSyntaxError,
    add_months,
    after_busy_seasons,
    busy_season_at,
    mmdd_in_year,
    parse_cli_date,
    season_spans_between,
    today_in,
)
from partnerctl.model import Event, event_record
from partnerctl.recurrence import check_rrule, occurrences

T = date(2026, 11, 24)  # a Tuesday
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
# MM-DD days that exist in every year (02-29 is tested by example below).
mmdds = st.dates(min_value=date(2001, 1, 1), max_value=date(2001, 12, 31)).map(
    lambda d: d.strftime("%m-%d")
)


def season(start: str, end: str) -> Any:
    return {"from": start, "to": end, "why": None}


# --- parse_cli_date -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("today", T),
        ("Tomorrow", date(2026, 11, 25)),
        ("yesterday", date(2026, 11, 23)),
        ("+3d", date(2026, 11, 27)),
        ("-2d", date(2026, 11, 22)),
        ("+2w", date(2026, 12, 8)),
        ("+1m", date(2026, 12, 24)),
        ("monday", date(2026, 11, 30)),
        ("tue", date(2026, 12, 1)),  # the next Tuesday, not today
        (" fri ", date(2026, 11, 27)),
    ],
)
def test_shorthand_examples(text: str, expected: date) -> None:
    assert parse_cli_date(text, T) == expected


def test_weekday_in_the_past_means_most_recent_including_today() -> None:
    assert parse_cli_date("tuesday", T, past=True) == T
    assert parse_cli_date("monday", T, past=True) == date(2026, 11, 23)
    assert parse_cli_date("wed", T, past=True) == date(2026, 11, 18)


@pytest.mark.parametrize("text", ["2026-13-01", "2026-02-30", "next week", "+3y", "", "+99999d"])
def test_bad_shorthand_is_a_date_syntax_error(text: str) -> None:
    with pytest.raises(DateSyntaxError):
        parse_cli_date(text, T)


def test_offsets_out_of_range_are_errors_not_crashes() -> None:
    with pytest.raises(DateSyntaxError, match="out of range"):
        parse_cli_date("+9999w", date(9990, 1, 1))
    with pytest.raises(DateSyntaxError, match="out of range"):
        parse_cli_date("-9999m", date(5, 1, 1))


def test_command_line_dates_run_from_1900_to_2999() -> None:
    assert parse_cli_date("1900-01-01", T) == FIRST_CLI_DATE == date(1900, 1, 1)
    assert parse_cli_date("2999-12-31", T) == LAST_CLI_DATE == date(2999, 12, 31)
    for text, today in [
        ("1899-12-31", T),
        ("3000-01-01", T),
        ("9999-12-31", T),
        ("0001-01-01", T),
        ("tomorrow", LAST_CLI_DATE),
        ("yesterday", FIRST_CLI_DATE),
        ("monday", LAST_CLI_DATE),
        ("+1m", date(2999, 12, 15)),
        ("tomorrow", date.max),
    ]:
        with pytest.raises(DateSyntaxError, match=r"out of range .* 1900-01-01 to 2999-12-31"):
            parse_cli_date(text, today)


@given(
    st.dates(),
    st.sampled_from(["today", "tomorrow", "yesterday", "sun", "+9999d", "-9999w", "+9999m"]),
    st.booleans(),
)
def test_any_shorthand_on_any_day_is_a_bounded_date_or_a_syntax_error(
    today: date, text: str, past: bool
) -> None:
    try:
        day = parse_cli_date(text, today, past=past)
    except DateSyntaxError:
        return
    assert FIRST_CLI_DATE <= day <= LAST_CLI_DATE


@given(days, st.integers(min_value=0, max_value=999))
def test_day_and_week_offsets(today: date, amount: int) -> None:
    assert parse_cli_date(f"+{amount}d", today) == today + timedelta(days=amount)
    assert parse_cli_date(f"-{amount}d", today) == today - timedelta(days=amount)
    assert parse_cli_date(f"+{amount}w", today) == today + timedelta(weeks=amount)


@given(days, st.integers(min_value=-120, max_value=120))
def test_month_offsets_keep_the_day_or_clamp(today: date, amount: int) -> None:
    moved = parse_cli_date(f"{'+' if amount >= 0 else '-'}{abs(amount)}m", today)
    assert (moved.year * 12 + moved.month) - (today.year * 12 + today.month) == amount
    last = calendar.monthrange(moved.year, moved.month)[1]
    assert moved.day == min(today.day, last)


@given(days)
def test_iso_round_trip(day: date) -> None:
    assert parse_cli_date(day.isoformat(), T) == day


@given(days, st.sampled_from(["mon", "tuesday", "wed", "thursday", "fri", "sat", "sunday"]))
def test_weekday_names(today: date, name: str) -> None:
    ahead = parse_cli_date(name, today)
    behind = parse_cli_date(name, today, past=True)
    assert ahead.weekday() == behind.weekday() == parse_cli_date(name, T).weekday()
    assert 1 <= (ahead - today).days <= 7
    assert 0 <= (today - behind).days <= 6


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)


# --- busy seasons ---------------------------------------------------------------


def inside(day: date, start: str, end: str) -> bool:
    """Reference: is day's MM-DD inside the inclusive, maybe wrapping range?"""
    key = day.strftime("%m-%d")
    if start <= end:
        return start <= key <= end
    return key >= start or key <= end


@given(days, mmdds, mmdds)
def test_season_membership_matches_mmdd_reference(day: date, start: str, end: str) -> None:
    span = busy_season_at([season(start, end)], day)
    assert (span is not None) == inside(day, start, end)
    if span is not None:
        first, last = span
        assert first <= day <= last
        assert (last - first).days < 366
        assert first.strftime("%m-%d") == start and last.strftime("%m-%d") == end


@given(days, st.lists(st.tuples(mmdds, mmdds), min_size=1, max_size=3))
def test_after_busy_seasons_is_the_first_free_day(day: date, ranges: list[Any]) -> None:
    seasons = [season(a, b) for a, b in ranges]
    free = after_busy_seasons(seasons, day)
    assert free >= day
    # every day from `day` up to it is inside some season...
    probe = day
    while probe < free:
        assert busy_season_at(seasons, probe) is not None
        probe += timedelta(days=1)
    # ...and it is free, unless the seasons chain round the whole year
    if busy_season_at(seasons, free) is not None:
        assert (free - day).days > 300


def test_wrapping_season_across_new_year() -> None:
    winter = [season("11-15", "01-10")]
    assert busy_season_at(winter, date(2026, 11, 14)) is None
    assert busy_season_at(winter, date(2026, 11, 15)) == (date(2026, 11, 15), date(2027, 1, 10))
    assert busy_season_at(winter, date(2027, 1, 10)) == (date(2026, 11, 15), date(2027, 1, 10))
    assert busy_season_at(winter, date(2027, 1, 11)) is None
    assert after_busy_seasons(winter, date(2026, 12, 25)) == date(2027, 1, 11)


def test_leap_day_in_seasons() -> None:
    assert mmdd_in_year("02-29", 2028) == date(2028, 2, 29)
    assert mmdd_in_year("02-29", 2027) == date(2027, 2, 28)
    feb = [season("02-01", "02-29")]
    assert busy_season_at(feb, date(2027, 2, 28)) == (date(2027, 2, 1), date(2027, 2, 28))
    assert busy_season_at(feb, date(2027, 3, 1)) is None
    assert busy_season_at(feb, date(2028, 2, 29)) == (date(2028, 2, 1), date(2028, 2, 29))
    starts_leap = [season("02-29", "03-10")]
    assert busy_season_at(starts_leap, date(2027, 2, 28)) == (date(2027, 2, 28), date(2027, 3, 10))
    assert busy_season_at(starts_leap, date(2028, 2, 28)) is None
    wraps_to_leap = [season("12-01", "02-29")]
    assert after_busy_seasons(wraps_to_leap, date(2027, 12, 5)) == date(2028, 3, 1)
    assert after_busy_seasons(wraps_to_leap, date(2026, 12, 5)) == date(2027, 3, 1)


def test_season_spans_between_lists_every_overlap() -> None:
    spans = list(
        season_spans_between(season("11-15", "01-10"), date(2026, 1, 1), date(2027, 12, 31))
    )
    assert spans == [
        (date(2025, 11, 15), date(2026, 1, 10)),
        (date(2026, 11, 15), date(2027, 1, 10)),
        (date(2027, 11, 15), date(2028, 1, 10)),
    ]


# --- occurrences -------------------------------------------------------------------


def event(**fields: Any) -> Any:
    data: dict[str, Any] = {"id": "e", "name": "E", "date": date(2026, 12, 3)}
    data.update(fields)
    return event_record(Event.model_validate(data), "events/x.yaml")


def test_single_and_repeating_occurrences() -> None:
    assert occurrences(event(), T, date(2026, 12, 3)) == [date(2026, 12, 3)]
    assert occurrences(event(), T, date(2026, 12, 2)) == []
    monthly = event(repeat="FREQ=MONTHLY;BYDAY=+1TH", until=date(2027, 2, 28))
    assert occurrences(monthly, T, date(2027, 12, 31)) == [
        date(2026, 12, 3),
        date(2027, 1, 7),
        date(2027, 2, 4),
    ]
    counted = event(repeat="RRULE:FREQ=WEEKLY;COUNT=2")
    assert occurrences(counted, date(2026, 12, 4), date(2027, 1, 31)) == [date(2026, 12, 10)]


@settings(max_examples=50)
@given(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_weekly_occurrences_are_in_range_and_seven_apart(offset: int, length: int) -> None:
    weekly = event(repeat="FREQ=WEEKLY")
    start = date(2026, 11, 20) + timedelta(days=offset)
    end = start + timedelta(days=length)
    found = occurrences(weekly, start, end)
    assert all(start <= day <= end and day >= date(2026, 12, 3) for day in found)
    assert all((b - a).days == 7 for a, b in itertools.pairwise(found))
    assert all((day - date(2026, 12, 3)).days % 7 == 0 for day in found)


# --- today in the program's timezone -----------------------------------------------


def test_today_in_chicago_from_utc() -> None:
    now = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    assert today_in("America/Chicago", now) == date(2026, 11, 23)
    assert today_in("UTC", now) == date(2026, 11, 24)
    assert today_in("Asia/Tokyo", datetime(2026, 11, 24, 20, 0, tzinfo=UTC)) == date(2026, 11, 25)


instants = st.datetimes(
    min_value=datetime(2000, 1, 2),
    max_value=datetime(2090, 12, 30),
    timezones=st.just(UTC),
)


@given(instants)
def test_today_in_chicago_is_utc_minus_five_or_six_hours(now: datetime) -> None:
    local = today_in("America/Chicago", now)
    assert local in {(now - timedelta(hours=5)).date(), (now - timedelta(hours=6)).date()}
    assert today_in("UTC", now) == now.date()


@given(instants, st.integers(min_value=-12, max_value=14))
def test_today_in_does_not_depend_on_the_given_offset(now: datetime, hours: int) -> None:
    shifted = now.astimezone(timezone(timedelta(hours=hours)))
    assert today_in("America/Chicago", shifted) == today_in("America/Chicago", now)
    assert today_in("UTC", shifted) == now.date()


def test_calendar_app_until_in_utc_is_accepted() -> None:
    assert check_rrule("FREQ=WEEKLY;UNTIL=20261217T000000Z") == "FREQ=WEEKLY;UNTIL=20261217T000000Z"
    weekly = event(repeat="FREQ=WEEKLY;UNTIL=20261217T000000Z")
    assert occurrences(weekly, T, date(2027, 1, 31)) == [
        date(2026, 12, 3),
        date(2026, 12, 10),
        date(2026, 12, 17),
    ]


@pytest.mark.parametrize("rule", ["FREQ=HOURLY", "freq=minutely;count=3", "FREQ=SECONDLY"])
def test_rules_within_a_day_are_refused(rule: str) -> None:
    with pytest.raises(ValueError, match="repeats within a day"):
        check_rrule(rule)


@pytest.mark.parametrize("rule", ["", "FREQ=FORTNIGHTLY", "BYDAY=TU", "FREQ=WEEKLY;BYDAY=XX"])
def test_bad_rules_are_refused(rule: str) -> None:
    with pytest.raises(ValueError):
        check_rrule(rule)


def test_a_day_named_twice_gives_one_occurrence() -> None:
    twice = event(repeat="FREQ=DAILY;BYHOUR=9,15;COUNT=4")
    assert occurrences(twice, T, date(2026, 12, 31)) == [date(2026, 12, 3), date(2026, 12, 4)]
