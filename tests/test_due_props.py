"""Hypothesis properties of the due engine: cadence arithmetic, --within, busy seasons."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from partnerctl.core.due import STATUSES, due_items
from partnerctl.core.workdays import is_open_day, next_open_day
from partnerctl.dates import busy_season_at
from partnerctl.model import Partner, Settings, partner_record, settings_record

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2080, 12, 31))
mmdds = st.dates(min_value=date(2001, 1, 1), max_value=date(2001, 12, 31)).map(
    lambda d: d.strftime("%m-%d")
)


def make_settings(ideal: int, most: int) -> Any:
    return settings_record(
        Settings.model_validate(
            {"program": "P", "cadence": {"contacted": {"ideal": ideal, "max": most}}}
        )
    )


def contacted(last: date, seasons: list[tuple[str, str]] | None = None) -> Any:
    data = {
        "name": "Acme",
        "stage": "contacted",
        "touchpoints": [{"date": last}],
        "busy_seasons": [{"from": a, "to": b} for a, b in seasons or []],
    }
    return partner_record(Partner.model_validate(data), "acme", "partners/acme.yaml")


cadences = st.tuples(st.integers(0, 200), st.integers(0, 200)).map(sorted)


def check_in_days(last: date, ideal: int, most: int) -> tuple[date, date]:
    """Where DESIGN's arithmetic puts a check-in, moved off weekends (no breaks here)."""
    settings = make_settings(ideal, most)
    due = next_open_day(settings, last + timedelta(days=ideal))
    return due, max(due, next_open_day(settings, last + timedelta(days=most)))


@settings(max_examples=150)
@given(days, st.integers(-30, 400), cadences)
def test_cadence_status_follows_ideal_and_max(last: date, elapsed: int, rule: list[int]) -> None:
    ideal, most = rule
    today = last + timedelta(days=elapsed)
    found = due_items(make_settings(ideal, most), [contacted(last)], [], today)
    due, late = check_in_days(last, ideal, most)
    if today >= late:
        expected = ["overdue"]
    elif today >= due:
        expected = ["due"]
    else:
        expected = []
    assert [item.status for item in found] == expected
    for item in found:
        assert item.date == due
        assert is_open_day(make_settings(ideal, most), item.date)
        # last + ideal, or the Monday after it when that falls on a weekend
        assert 0 <= (item.date - (last + timedelta(days=ideal))).days <= 2
        assert item.days_late == (today - due).days
        assert item.terms["lateness"] == min(5.0, round(0.1 * item.days_late, 1))


@settings(max_examples=150)
@given(days, st.integers(0, 60), st.integers(0, 60), cadences)
def test_within_includes_t_plus_n(last: date, before: int, within: int, rule: list[int]) -> None:
    ideal, most = rule
    due, _late = check_in_days(last, ideal, most)
    today = due - timedelta(days=before)  # due `before` days ahead
    found = due_items(make_settings(ideal, most), [contacted(last)], [], today, within=within)
    if before == 0:
        assert [i.status for i in found] in (["due"], ["overdue"])
    elif before <= within:
        assert [i.status for i in found] == ["upcoming"]
    else:
        assert found == []


@settings(max_examples=150)
@given(days, st.integers(0, 120), st.lists(st.tuples(mmdds, mmdds), max_size=2))
def test_busy_seasons_defer_exactly_the_days_inside(
    last: date, elapsed: int, seasons: list[tuple[str, str]]
) -> None:
    today = last + timedelta(days=elapsed)
    record = contacted(last, seasons)
    plain = due_items(make_settings(7, 14), [record], [], today)
    every = due_items(make_settings(7, 14), [record], [], today, include_deferred=True)
    in_season = busy_season_at(record["busy_seasons"], today) is not None
    if today < check_in_days(last, 7, 14)[0]:
        assert every == []
    elif in_season:
        assert plain == []
        (item,) = every
        assert item.status == "deferred"
        assert item.deferred_until is not None and item.deferred_until > today
    else:
        assert plain == every and len(plain) == 1
        assert plain[0].status in ("due", "overdue")


@given(st.lists(st.sampled_from(["prospect", "contacted", "meeting", "active"]), max_size=6))
def test_items_are_sorted_by_status_then_urgency(stages: list[str]) -> None:
    records = [
        partner_record(
            Partner.model_validate(
                {"name": f"P{i}", "stage": stage, "since": date(2026, 1, i + 1)}
            ),
            f"p{i}",
            f"partners/p{i}.yaml",
        )
        for i, stage in enumerate(stages)
    ]
    found = due_items(make_settings(7, 14), records, [], date(2026, 3, 1), within=30)
    keys = [(STATUSES.index(item.status), -item.urgency) for item in found]
    assert keys == sorted(keys)
    for item in found:
        assert abs(item.urgency - sum(item.terms.values())) < 1e-9
