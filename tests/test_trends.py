"""The report's pictures: touches per week over the term, and the stage funnel (core/trends.py)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.test_due_core import partner

from partnerctl.core.trends import (
    MAX_WEEKS,
    MIN_WEEKS,
    PIPELINE,
    funnel,
    furthest_stage,
    term_start,
    weekly_touches,
)

T = date(2026, 11, 24)
BREAKS: list[Any] = [
    {"name": "Thanksgiving break", "from": date(2026, 11, 25), "to": date(2026, 11, 27)},
    {"name": "Fall break", "from": date(2026, 10, 12), "to": date(2026, 10, 16)},
]


def touched(pid: str, *days: date, **fields: Any) -> Any:
    return partner(pid, touchpoints=[{"date": d, "summary": "x"} for d in days], **fields)


def test_the_term_starts_on_august_first_of_the_school_year() -> None:
    assert term_start(date(2026, 11, 24)) == date(2026, 8, 1)
    assert term_start(date(2026, 8, 1)) == date(2026, 8, 1)
    assert term_start(date(2027, 7, 31)) == date(2026, 8, 1)
    assert term_start(date(2027, 1, 5)) == date(2026, 8, 1)


def test_weeks_end_on_the_reports_last_day_and_reach_back_to_the_term() -> None:
    partners = {
        "a": touched("a", date(2026, 11, 18), date(2026, 11, 24), date(2026, 11, 17)),
        "b": touched("b", date(2026, 8, 3), date(2026, 7, 1), date(2026, 11, 25)),
    }
    weeks = weekly_touches(partners, BREAKS, date(2026, 11, 18), T)
    assert weeks[-1].start == date(2026, 11, 18) and weeks[-1].end == T
    assert weeks[-1].touches == 2 and weeks[-1].in_period
    assert weeks[-2].touches == 1 and not weeks[-2].in_period
    assert weeks[0].start <= date(2026, 8, 1) <= weeks[0].end
    assert sum(w.touches for w in weeks) == 4  # not July's, not after the report's end
    assert [w.school_break for w in weeks if w.school_break] == ["Fall break"]


def test_a_period_before_the_term_widens_the_chart() -> None:
    weeks = weekly_touches({}, [], date(2026, 5, 1), T)
    assert weeks[0].start <= date(2026, 5, 1)
    assert all(w.in_period for w in weeks if w.end >= date(2026, 5, 1))


def test_at_least_eight_weeks_early_in_the_term_and_two_years_at_most() -> None:
    weeks = weekly_touches({}, [], date(2026, 8, 4), date(2026, 8, 10))
    assert len(weeks) == MIN_WEEKS
    assert len(weekly_touches({}, [], date(1900, 1, 1), date(2999, 12, 31))) == MAX_WEEKS


@settings(max_examples=60, deadline=None)
@given(
    end=st.dates(date(1900, 3, 1), date(2999, 12, 31)),
    span=st.integers(0, 800),
    offsets=st.lists(st.integers(-900, 30), max_size=20),
)
def test_weeks_tile_the_chart_and_count_every_touch_once(
    end: date, span: int, offsets: list[int]
) -> None:
    start = max(end - timedelta(days=span), date(1900, 1, 1))
    days = [end + timedelta(days=o) for o in offsets if date(1900, 1, 1) <= end + timedelta(days=o)]
    weeks = weekly_touches({"a": touched("a", *days)}, [], start, end)
    assert weeks[-1].end == end and len(weeks) >= MIN_WEEKS
    for before, after in pairwise(weeks):
        assert after.start == before.end + timedelta(days=1)
        assert (before.end - before.start).days == 6
    assert len(weeks) <= MAX_WEEKS
    first = weeks[0].start
    assert sum(w.touches for w in weeks) == sum(1 for d in days if first <= d <= end)


def test_furthest_stage_counts_history_and_lapsed() -> None:
    assert PIPELINE[furthest_stage(partner("a", stage="prospect"))] == "prospect"
    assert PIPELINE[furthest_stage(partner("a", stage="meeting"))] == "meeting"
    moved = partner(
        "a",
        stage="declined",
        touchpoints=[{"date": T, "summary": "x", "stage": "committed"}],
    )
    assert PIPELINE[furthest_stage(moved)] == "committed"
    assert PIPELINE[furthest_stage(partner("a", stage="lapsed"))] == "active"
    assert PIPELINE[furthest_stage(partner("a", stage="paused"))] == "prospect"


def test_the_funnel_narrows_and_counts_now() -> None:
    steps = funnel(
        [
            partner("a", stage="prospect"),
            partner("b", stage="contacted"),
            partner("c", stage="active"),
            partner("d", stage="lapsed"),
            partner("e", stage="declined"),
        ]
    )
    assert [(s.stage, s.reached, s.now) for s in steps] == [
        ("prospect", 5, 1),
        ("contacted", 3, 1),
        ("meeting", 2, 0),
        ("committed", 2, 0),
        ("active", 2, 1),
    ]
    assert funnel([])[0].reached == 0
