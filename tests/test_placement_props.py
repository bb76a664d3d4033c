"""Property tests of the pace's date arithmetic: open days counted week by week.

`core.placements.open_days` counts a span's workdays outside school breaks
without walking it day by day (a placement of any length costs the same);
it must agree with the day-by-day rule of `core.workdays.is_open_day`.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from partnerctl.core.placements import open_days
from partnerctl.core.workdays import is_open_day
from partnerctl.model import Settings, settings_record
from partnerctl.records import WEEKDAYS

DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))


@st.composite
def program(draw: st.DrawFn) -> object:
    workdays = draw(st.lists(st.sampled_from(WEEKDAYS), unique=True))
    breaks = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(DAYS)
        breaks.append(
            {"name": "b", "from": start, "to": start + timedelta(draw(st.integers(0, 60)))}
        )
    return settings_record(
        Settings.model_validate({"program": "P", "workdays": workdays, "school_breaks": breaks})
    )


@settings(max_examples=300, deadline=None)
@given(program(), DAYS, st.integers(-5, 400))
def test_open_days_agrees_with_the_day_by_day_rule(rules: object, start: date, length: int) -> None:
    end = start + timedelta(days=length)
    expected = sum(
        1
        for n in range(length + 1)
        if is_open_day(rules, start + timedelta(days=n))  # type: ignore[arg-type]
    )
    assert open_days(rules, start, end) == expected  # type: ignore[arg-type]


def test_a_placement_of_centuries_costs_no_more_than_a_week() -> None:
    rules = settings_record(Settings(program="P"))
    assert (
        open_days(rules, date(1900, 1, 1), date(2999, 12, 31)) == 286_977
    )  # every weekday of 1,100 years
