"""Dates at the edges of the calendar (0001-01-01, 9999-12-31) never crash a daily command.

Dates in files are not bounded: a typo such as `9999-12-31` passes `validate`,
so every rule of `due`, and `calendar`, `report`, `plan`, `show`, `spotlight`
and `pitch` must handle it: a date computed past the calendar's end is held
at its last day (it means "never" there), one before its start at the first.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import run_cli

from partnerctl.dates import add_days, after_busy_seasons, busy_season_at, season_spans_between

SETTINGS = """\
program: Edge High
pathways:
  - {id: auto, name: Automotive, skills: [engine diagnostics]}
spotlight_every: SPOT_EVERY
agreements_notice: NOTICE
school_breaks:
  - {name: Long break, from: BREAK_FROM, to: BREAK_TO}
"""

PARTNER = """\
name: Edge Motors
industry: automotive
pathways: [auto]
stage: STAGE
since: SINCE
busy_seasons:
  - {from: 12-20, to: 01-05}
contacts:
  - {name: Dana Ortiz, email: dana@example.com}
agreements:
  - {kind: mou, expires: EXPIRES}
touchpoints:
  - {date: TOUCH, channel: email, summary: Called, outcome: milestone}
NEXT
spotlights:
  - {date: SPOT, where: social, title: Tour, status: SPOT_STATUS}
"""

EVENTS = """\
events:
  - id: fair
    name: Career fair
    kind: career-fair
    date: EVENT_DATE
    REPEAT
    prepare: PREPARE
    partners: [edge-motors]
"""

READING = [
    ["validate"],
    ["due", "--all", "--within", "3660"],
    ["due", "--format", "json"],
    ["calendar", "--weeks", "8"],
    ["calendar", "--format", "ics"],
    ["report"],
    ["report", "--month", "--format", "json"],
    ["show", "edge-motors"],
    ["plan"],
    ["spotlight"],
    ["pitch", "edge-motors"],
    ["list"],
    ["prospects"],
    ["export"],
]


def write_workspace(root: Path, values: dict[str, str]) -> None:
    def fill(text: str) -> str:
        for key in sorted(values, key=len, reverse=True):
            text = text.replace(key, values[key])
        return text

    (root / "partners").mkdir(parents=True, exist_ok=True)
    (root / "events").mkdir(exist_ok=True)
    (root / "partnerctl.yaml").write_text(fill(SETTINGS))
    (root / "partners" / "edge-motors.yaml").write_text(fill(PARTNER))
    (root / "events" / "2026.yaml").write_text(fill(EVENTS))


def defaults(**changes: str) -> dict[str, str]:
    values = {
        "SPOT_EVERY": "90",
        "NOTICE": "30",
        "BREAK_FROM": "2026-12-21",
        "BREAK_TO": "2027-01-01",
        "STAGE": "active",
        "SINCE": "2024-09-01",
        "EXPIRES": "2027-06-30",
        "TOUCH": "2026-10-01",
        "NEXT": "",
        "SPOT": "2026-09-10",
        "SPOT_STATUS": "published",
        "EVENT_DATE": "2026-12-10",
        "REPEAT": "",
        "PREPARE": "14",
    }
    values.update(changes)
    return values


def run_everything(root: Path, today: str) -> dict[str, int]:
    """Every reading command's exit code; any traceback fails the test."""
    codes: dict[str, int] = {}
    for args in READING:
        result = run_cli(["-C", str(root), "--today", today, *args])
        assert "internal error" not in result.stderr, (args, result.stderr)
        codes[" ".join(args)] = result.exit_code
    return codes


# --- the cases, one by one -------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"TOUCH": "9999-12-31"}, id="touchpoint-9999-12-31"),
        pytest.param({"SINCE": "9999-12-30", "SPOT_STATUS": "planned"}, id="since-near-the-end"),
        pytest.param({"SPOT": "9999-12-30"}, id="spotlight-9999-12-30"),
        pytest.param({"EXPIRES": "0001-01-01"}, id="agreement-0001-01-01"),
        pytest.param({"EXPIRES": "9999-12-31"}, id="agreement-9999-12-31"),
        pytest.param({"NEXT": "next: {date: 9999-12-31, action: Call}"}, id="next-9999-12-31"),
        pytest.param({"NEXT": "next: {date: 0001-01-01, action: Call}"}, id="next-0001-01-01"),
        pytest.param({"BREAK_TO": "9999-12-31"}, id="school-break-to-9999"),
        pytest.param({"BREAK_FROM": "0001-01-01"}, id="school-break-from-0001"),
        pytest.param({"EVENT_DATE": "9999-12-31"}, id="event-9999-12-31"),
        pytest.param({"EVENT_DATE": "0001-01-01"}, id="event-0001-01-01"),
        pytest.param({"PREPARE": "366", "EVENT_DATE": "0001-01-01"}, id="prepare-a-year"),
        pytest.param({"SPOT_EVERY": "3000000"}, id="spotlight-every-3000000"),
        pytest.param({"NOTICE": "3000000"}, id="notice-3000000"),
        pytest.param({"STAGE": "prospect", "SINCE": "9999-12-31"}, id="prospect-since-9999"),
    ],
)
def test_an_edge_date_leaves_every_command_working(tmp_path: Path, changes: dict[str, str]) -> None:
    write_workspace(tmp_path, defaults(**changes))
    codes = run_everything(tmp_path, "2026-11-24")
    assert set(codes.values()) == {0}, codes


def test_an_overdue_agreement_from_year_one_is_on_the_morning_list(tmp_path: Path) -> None:
    write_workspace(tmp_path, defaults(EXPIRES="0001-01-01"))
    result = run_cli(["-C", str(tmp_path), "--today", "2026-11-24", "due"])
    assert result.exit_code == 0
    assert "renew mou (expired 0001-01-01)" in result.stdout
    assert result.stdout.startswith("overdue   0001-01-01  edge-motors  agreement")


def test_a_touch_on_the_last_day_means_no_cadence_item(tmp_path: Path) -> None:
    write_workspace(tmp_path, defaults(STAGE="contacted", TOUCH="9999-12-31"))
    result = run_cli(["-C", str(tmp_path), "--today", "2026-11-24", "due", "--format", "json"])
    assert result.exit_code == 0
    assert '"kind": "cadence"' not in result.stdout


# --- the helpers ----------------------------------------------------------------------


def test_add_days_holds_at_the_calendar_edges() -> None:
    assert add_days(date(9999, 12, 30), 5) == date.max
    assert add_days(date(1, 1, 2), -5) == date.min
    assert add_days(date(2026, 11, 24), 10**12) == date.max
    assert add_days(date(2026, 11, 24), -(10**12)) == date.min
    assert add_days(date(2026, 11, 24), 6) == date(2026, 11, 30)


@pytest.mark.parametrize("day", [date.min, date(1, 1, 3), date(9999, 12, 25), date.max])
def test_busy_seasons_at_the_calendar_edges(day: date) -> None:
    seasons = [{"from": "12-20", "to": "01-05", "why": None}]
    span = busy_season_at(seasons, day)  # type: ignore[arg-type]
    assert span is not None and span[0] <= day <= span[1]
    assert after_busy_seasons(seasons, day) >= day  # type: ignore[arg-type]
    assert list(season_spans_between(seasons[0], day, day))  # type: ignore[arg-type]


# --- the property: any edge date in any field, any command ------------------------------

EDGES = [
    "0001-01-01",
    "0001-01-02",
    "0001-12-31",
    "1899-12-31",
    "2026-11-24",
    "2999-12-31",
    "9999-01-01",
    "9999-12-30",
    "9999-12-31",
]
edge_dates = st.one_of(
    st.sampled_from(EDGES),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
)
todays = st.sampled_from(["1900-01-01", "2026-11-24", "2999-12-31"])
big = st.sampled_from(["0", "1", "30", "366", "3660", "3000000"])
repeats = st.sampled_from(
    [
        "",
        "repeat: FREQ=WEEKLY",
        "repeat: FREQ=DAILY;COUNT=3",
        "repeat: FREQ=MONTHLY;BYDAY=-1FR",
        "repeat: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    ]
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    touch=edge_dates,
    since=edge_dates,
    expires=edge_dates,
    spot=edge_dates,
    next_day=st.one_of(st.none(), edge_dates),
    event_day=edge_dates,
    stage=st.sampled_from(["prospect", "contacted", "active", "lapsed", "declined"]),
    status=st.sampled_from(["planned", "published"]),
    repeat=repeats,
    prepare=big,
    every=big.filter(lambda v: v != "0"),
    notice=big,
    today=todays,
)
def test_no_edge_date_crashes_any_command(
    touch: str,
    since: str,
    expires: str,
    spot: str,
    next_day: str | None,
    event_day: str,
    stage: str,
    status: str,
    repeat: str,
    prepare: str,
    every: str,
    notice: str,
    today: str,
) -> None:
    values = defaults(
        TOUCH=touch,
        SINCE=since,
        EXPIRES=expires,
        SPOT=spot,
        SPOT_STATUS=status,
        NEXT="" if next_day is None else f"next: {{date: {next_day}, action: Call}}",
        EVENT_DATE=event_day,
        STAGE=stage,
        REPEAT=repeat,
        PREPARE=prepare,
        SPOT_EVERY=every,
        NOTICE=notice,
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_workspace(root, values)
        codes = run_everything(root, today)
    valid = codes["validate"] == 0
    for command, code in codes.items():
        # A valid workspace: every command does all of its job. An event whose rule a
        # date near the end leaves without any occurrence is a located validate error.
        assert code == (0 if valid else 2) or command == "validate", (command, codes)
