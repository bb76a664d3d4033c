"""Repeat rules: bounded expansion, `validate`'s checks, and an event's own `date` kept."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import copy_data, run_cli

from partnerctl.model import Event, event_record
from partnerctl.recurrence import first_occurrence, no_occurrence, occurrences

T = "2026-11-24"
NEVER = "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31"


def event(**fields: Any) -> Any:
    data: dict[str, Any] = {"id": "e", "name": "E", "date": date(2026, 12, 3)}
    data.update(fields)
    return event_record(Event.model_validate(data), "events/x.yaml")


def with_events(tmp_path: Path, body: str) -> Path:
    ws = copy_data("due-basic", tmp_path)
    (ws / "events" / "2026-27.yaml").write_text("events:\n" + body, encoding="utf-8")
    return ws


# --- validate ---------------------------------------------------------------------------


def test_a_rule_that_never_matches_is_a_located_validate_error(tmp_path: Path) -> None:
    ws = with_events(
        tmp_path,
        f"  - id: fair\n    name: Fair\n    date: 2026-12-03\n    repeat: {NEVER}\n",
    )
    result = run_cli(["-C", str(ws), "--today", T, "validate"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"events/2026-27.yaml:5:13: error: events[0].repeat: '{NEVER}' names no day in the "
        "10 years from the event's date (2026-12-03) (check that its parts can meet (April has "
        "no 31st) and that its end comes after its first day)\n"
    )
    report = run_cli(["-C", str(ws), "--today", T, "report"])
    assert report.exit_code == 2
    assert "events[0].repeat" in report.stderr


@pytest.mark.parametrize(
    ("rule", "until"),
    [
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", None),
        ("FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=6", None),
        ("FREQ=YEARLY;BYWEEKNO=0", None),
        ("FREQ=WEEKLY;BYDAY=MO;UNTIL=20261205", None),  # ends before its first Monday
        ("FREQ=WEEKLY;BYDAY=MO", date(2026, 12, 5)),
    ],
)
def test_rules_with_no_occurrence_are_refused(rule: str, until: date | None) -> None:
    with pytest.raises(ValueError, match="names no day"):
        event(repeat=rule, until=until)


@pytest.mark.parametrize(
    "rule", ["FREQ=DAILY;INTERVAL=0", "FREQ=WEEKLY;INTERVAL=-1", "FREQ=DAILY;COUNT=0"]
)
def test_interval_and_count_must_be_positive(rule: str) -> None:
    # INTERVAL=0 made dateutil repeat the same day forever: the command never ended.
    with pytest.raises(ValueError, match="must be a whole number of 1 or more"):
        event(repeat=rule)


def test_byeaster_is_refused() -> None:
    with pytest.raises(ValueError, match="BYEASTER is not part of RFC 5545"):
        event(repeat="FREQ=YEARLY;BYEASTER=0")


def test_prepare_is_at_most_a_year() -> None:
    assert event(prepare=366)["prepare"] == 366
    with pytest.raises(ValueError, match="less than or equal to 366"):
        event(prepare=367)


def test_rare_but_real_rules_are_accepted() -> None:
    leap_monday = event(date=date(2026, 1, 1), repeat="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29")
    assert first_occurrence(leap_monday["repeat"], leap_monday["date"]) == date(2028, 2, 29)
    friday_13 = event(date=date(2026, 1, 1), repeat="FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13")
    assert first_occurrence(friday_13["repeat"], friday_13["date"]) == date(2026, 2, 13)
    assert no_occurrence(friday_13["repeat"], friday_13["date"]) is None


# --- an event's date is its first occurrence ----------------------------------------------


def test_a_date_off_its_rule_still_shows_with_a_warning(tmp_path: Path) -> None:
    # 2026-12-02 is a Wednesday; the rule names first Thursdays.
    ws = with_events(
        tmp_path,
        "  - id: breakfast\n    name: Chamber breakfast\n    date: 2026-12-02\n"
        "    repeat: FREQ=MONTHLY;BYDAY=+1TH\n    prepare: 14\n",
    )
    checked = run_cli(["-C", str(ws), "--today", T, "validate"])
    assert checked.exit_code == 0
    assert checked.stderr == (
        "events/2026-27.yaml:4:11: warning: events[0].date: 2026-12-02 is not a day of its "
        "repeat rule; it shows as the first occurrence, then the rule's days from 2026-12-03 "
        "(if the first one is on 2026-12-03, write that date)\n"
    )
    cal = run_cli(["-C", str(ws), "--today", T, "calendar", "--format", "json", "--weeks", "7"])
    days = [e["date"] for e in json.loads(cal.stdout)["items"] if e.get("event")]
    assert days == ["2026-12-02", "2026-12-03", "2027-01-07"]
    due = run_cli(["-C", str(ws), "--today", T, "due"])
    assert "prepare: Chamber breakfast on 2026-12-02" in due.stdout


def test_the_date_is_an_occurrence_even_when_the_rule_skips_it() -> None:
    off = event(date=date(2026, 12, 2), repeat="FREQ=MONTHLY;BYDAY=+1TH")
    assert occurrences(off, date(2026, 11, 1), date(2027, 1, 31)) == [
        date(2026, 12, 2),
        date(2026, 12, 3),
        date(2027, 1, 7),
    ]
    assert occurrences(off, date(2026, 12, 3), date(2026, 12, 31)) == [date(2026, 12, 3)]


# --- bounded expansion: the same days as dateutil from the first day ------------------------

FREQS = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
PARTS = {
    "DAILY": ["", ";BYDAY=MO,TH", ";BYMONTH=2,3", ";BYMONTHDAY=1,15,-1"],
    "WEEKLY": ["", ";BYDAY=TU,SA", ";BYDAY=FR;WKST=SU", ";BYDAY=MO,WE,FR;BYSETPOS=-1"],
    "MONTHLY": ["", ";BYDAY=+1TH", ";BYDAY=-1FR", ";BYMONTHDAY=31", ";BYDAY=MO,TU;BYSETPOS=2"],
    "YEARLY": ["", ";BYMONTH=2;BYMONTHDAY=29", ";BYWEEKNO=20;BYDAY=MO", ";BYYEARDAY=100,-1"],
}
rules = st.sampled_from(FREQS).flatmap(
    lambda freq: st.tuples(st.sampled_from(PARTS[freq]), st.integers(1, 4)).map(
        lambda parts: f"FREQ={freq};INTERVAL={parts[1]}{parts[0]}"
    )
)
firsts = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


def reference(rule: str, first: date, lower: date, upper: date) -> list[date]:
    """dateutil's own days, walked from the first day (slow for far dates, exact)."""
    walked = rrulestr("RRULE:" + rule, dtstart=datetime(first.year, first.month, first.day))
    days = {
        moment.date()
        for moment in itertools.takewhile(lambda m: m.date() <= upper, walked)
        if moment.date() >= lower
    }
    return sorted(days | ({first} if lower <= first <= upper else set()))


@settings(max_examples=150, deadline=None)
@given(rules, firsts, st.integers(0, 6000), st.integers(0, 400))
def test_expansion_from_a_moved_start_is_exact(
    rule: str, first: date, offset: int, length: int
) -> None:
    lower = first + timedelta(days=offset)
    upper = lower + timedelta(days=length)
    record: Any = {"date": first, "repeat": rule, "until": None}
    found = occurrences(record, lower, upper)
    assert found == reference(rule, first, lower, upper)


@settings(max_examples=200, deadline=None)
@given(rules, firsts)
def test_first_occurrence_is_dateutils_first_day(rule: str, first: date) -> None:
    start = datetime(first.year, first.month, first.day)
    own = rrulestr("RRULE:" + rule, dtstart=start).after(start, inc=True)
    horizon = date(first.year + 10, first.month, min(first.day, 28))
    expected = own.date() if own is not None and own.date() <= horizon else None
    assert first_occurrence(rule, first) == expected


@settings(max_examples=100, deadline=None)
@given(rules, st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_far_dates_expand_in_a_bounded_walk(rule: str, first: date) -> None:
    """Any first day: the window of 2026 comes out, and dateutil agrees on each day."""
    record: Any = {"date": first, "repeat": rule, "until": None}
    found = occurrences(record, date(2026, 11, 1), date(2027, 1, 31))
    assert found == sorted(set(found))
    for day in found:
        assert date(2026, 11, 1) <= day <= date(2027, 1, 31) and day >= first
