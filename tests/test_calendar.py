"""`calendar`: every kind of entry, recurrence with until and COUNT, filters, and outputs."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

from tests.conftest import DATA, copy_data, run_cli
from tests.test_prospects import make_event, make_partner, make_settings

from partnerctl.core.calendar import Calendar, calendar_entries

WS = str(DATA / "outreach-basic")
T = "2026-11-24"
TODAY = date(2026, 11, 24)
MONDAY = date(2026, 11, 23)


def entries(
    partners: list[Any], events: list[Any] | None = None, **options: Any
) -> list[tuple[str, str, str]]:
    settings = options.pop("settings", None) or make_settings()
    options.setdefault("start", MONDAY)
    result: Calendar = calendar_entries(settings, partners, events or [], TODAY, **options)
    return [(e.date.isoformat(), e.kind, e.title) for e in result.entries]


# --- events ---------------------------------------------------------------------------


def test_a_single_event_inside_and_outside_the_window() -> None:
    inside = make_event("fair", name="Fair", date="2026-12-01")
    outside = make_event("later", name="Later", date="2027-03-01")
    assert entries([], [inside, outside]) == [("2026-12-01", "event", "Fair")]


def test_recurrence_stops_at_until() -> None:
    event = make_event(
        "chamber", name="Chamber", date="2026-11-05", repeat="FREQ=WEEKLY", until="2026-12-03"
    )
    found = entries([], [event], weeks=8)
    assert [day for day, _, _ in found] == [
        "2026-11-26",
        "2026-12-03",
    ]


def test_recurrence_stops_after_count_and_at_an_until_inside_the_rule() -> None:
    counted = make_event("post", name="Post", date="2026-11-20", repeat="FREQ=WEEKLY;COUNT=3")
    # Occurrences 11-20, 11-27, 12-04: the window starts 11-23, so two show.
    assert [d for d, _, _ in entries([], [counted], weeks=8)] == ["2026-11-27", "2026-12-04"]
    monthly = make_event(
        "board", name="Board", date="2026-11-05", repeat="FREQ=MONTHLY;BYDAY=+1TH;UNTIL=20270101"
    )
    assert [d for d, _, _ in entries([], [monthly], weeks=12)] == ["2026-12-03"]


# --- partners ---------------------------------------------------------------------------


def test_follow_up_and_no_cadence_projection_when_a_next_exists() -> None:
    partner = make_partner(next={"date": "2026-12-02", "action": "Call Dana"})
    assert entries([partner]) == [("2026-12-02", "follow-up", "follow up: Call Dana")]


def test_cadence_is_last_touch_plus_ideal() -> None:
    partner = make_partner(stage="active", touchpoints=[{"date": "2026-11-10"}])
    assert entries([partner]) == [("2026-12-10", "cadence", "check in")]


def test_cadence_overdue_or_never_touched_shows_today() -> None:
    old = make_partner("old", touchpoints=[{"date": "2026-01-01"}])
    never = make_partner("never")
    assert entries([old, never]) == [
        ("2026-11-24", "cadence", "check in"),
        ("2026-11-24", "cadence", "first touch"),
    ]


def test_cadence_is_pushed_past_a_busy_season_that_wraps_the_new_year() -> None:
    partner = make_partner(
        stage="contacted",
        touchpoints=[{"date": "2026-12-10"}],  # + 7 = 12-17, inside 12-15 → 01-04
        busy_seasons=[{"from": "12-15", "to": "01-04", "why": "holidays"}],
    )
    found = entries([partner], start=date(2026, 12, 14), weeks=4)
    assert found == [
        ("2026-12-15", "busy-season", "busy season begins: holidays"),
        ("2027-01-04", "busy-season", "busy season ends: holidays"),
        ("2027-01-05", "cadence", "check in"),
    ]


def test_cadence_counted_from_since_says_partner_since() -> None:
    partner = make_partner(since="2026-11-10")
    (entry,) = calendar_entries(make_settings(), [partner], [], TODAY, start=MONDAY).entries
    assert (entry.date, entry.detail) == (
        date(2026, 12, 1),
        "partner since 2026-11-10 + 21 days (prospect)",
    )


def late(partners: list[Any], **options: Any) -> list[tuple[str, str, str, str | None]]:
    options.setdefault("start", MONDAY)
    result = calendar_entries(make_settings(), partners, [], TODAY, **options)
    return [
        (e.date.isoformat(), e.kind, e.title, e.overdue_since and e.overdue_since.isoformat())
        for e in result.entries
    ]


def test_overdue_follow_ups_and_expired_agreements_show_on_today() -> None:
    before_window = make_partner("kx", next={"date": "2026-11-18", "action": "Send dates"})
    this_monday = make_partner("mon", next={"date": "2026-11-23", "action": "Call"})
    on_time = make_partner("ok", next={"date": "2026-11-24", "action": "Visit"})
    expired = make_partner(
        "hp",
        stage="active",
        next={"date": "2026-12-30"},
        agreements=[{"kind": "insurance", "expires": "2026-11-01"}],
    )
    assert late([on_time, this_monday, before_window, expired]) == [
        ("2026-11-24", "follow-up", "follow up: Send dates", "2026-11-18"),
        ("2026-11-24", "follow-up", "follow up: Call", "2026-11-23"),
        ("2026-11-24", "follow-up", "follow up: Visit", None),
        ("2026-11-24", "agreement", "insurance agreement expired", "2026-11-01"),
    ]


def test_overdue_things_need_today_in_the_window() -> None:
    partner = make_partner(
        next={"date": "2026-11-10", "action": "Call"},
        agreements=[{"kind": "mou", "expires": "2026-11-12"}],
    )
    # A window after today: what is late belongs to today, so it shows nowhere.
    assert late([partner], start=date(2026, 11, 30)) == []
    # A window in the past shows them on their own days, not marked.
    assert late([partner], start=date(2026, 11, 9), weeks=1) == [
        ("2026-11-10", "follow-up", "follow up: Call", None),
        ("2026-11-12", "agreement", "mou agreement expired", None),
    ]


def test_declined_partners_get_no_cadence_agreement_or_season() -> None:
    partner = make_partner(
        stage="declined",
        agreements=[{"kind": "mou", "expires": "2026-12-01"}],
        busy_seasons=[{"from": "12-01", "to": "12-02"}],
    )
    assert entries([partner]) == []


def test_planned_spotlights_and_agreement_expiries() -> None:
    partner = make_partner(
        stage="active",
        since="2026-11-20",
        spotlights=[
            {"date": "2026-12-01", "where": "social", "title": "Tour", "status": "planned"},
            {"date": "2026-11-24", "where": "website", "status": "published"},
        ],
        agreements=[
            {"kind": "insurance", "expires": "2026-12-04"},
            {"kind": "mou", "expires": "2027-06-30"},
        ],
    )
    assert entries([partner]) == [
        ("2026-12-01", "spotlight", "spotlight (social): Tour"),
        ("2026-12-04", "agreement", "insurance agreement expires"),
        # The check-in (11-24 + 30 = Sunday 12-20) falls on a school day: Monday 12-21,
        # or after the break when there is one; the window here ends 12-20.
    ]
    wider = entries([partner], weeks=6)
    assert ("2026-12-21", "cadence", "check in") in wider


def test_school_breaks_overlapping_the_window_show_as_spans() -> None:
    breaks = [
        {"name": "Thanksgiving", "from": "2026-11-20", "to": "2026-11-27"},
        {"name": "Spring", "from": "2027-03-20", "to": "2027-03-28"},
    ]
    settings = make_settings(school_breaks=breaks)
    result = calendar_entries(settings, [], [], TODAY, start=MONDAY, weeks=1)
    (only,) = result.entries
    assert (only.kind, only.date, only.end, only.shown_on(MONDAY)) == (
        "school-break",
        date(2026, 11, 20),
        date(2026, 11, 27),
        MONDAY,
    )


# --- filters ------------------------------------------------------------------------------


def test_owner_keeps_its_partners_and_events_it_owns_or_nobody_owns() -> None:
    mine = make_partner("mine", owner="jlee", next={"date": "2026-11-25"})
    theirs = make_partner("theirs", owner="mortiz", next={"date": "2026-11-25"})
    events = [
        make_event("a", name="Mine", date="2026-11-26", owner="jlee"),
        make_event("b", name="Theirs", date="2026-11-26", owner="mortiz"),
        make_event("c", name="Nobody", date="2026-11-26"),
    ]
    found = entries([mine, theirs], events, owner="jlee")
    assert found == [
        ("2026-11-25", "follow-up", "follow up (no action set)"),
        ("2026-11-26", "event", "Mine"),
        ("2026-11-26", "event", "Nobody"),
    ]


def test_only_keeps_those_partners_and_events_naming_them() -> None:
    one = make_partner("one", next={"date": "2026-11-25", "action": "x"})
    two = make_partner("two", next={"date": "2026-11-25", "action": "y"})
    events = [
        make_event("a", name="Names one", date="2026-11-26", partners=["one"]),
        make_event("b", name="Names two", date="2026-11-26", partners=["two"]),
    ]
    assert entries([one, two], events, only=["one"]) == [
        ("2026-11-25", "follow-up", "follow up: x"),
        ("2026-11-26", "event", "Names one"),
    ]


# --- the command ----------------------------------------------------------------------------

PLAIN = """\
Calendar 2026-11-23 to 2026-12-20
2026-11-24 Tue  cadence  ace-auto  Ace Auto: first touch [never touched]  @jlee
2026-11-24 Tue  cadence  dune-cafe  Dune Cafe: first touch [never touched]  @jlee
2026-11-30 Mon  event  newsletter  Partner newsletter  @mortiz
2026-12-02 Wed  follow-up  elm-tech  Elm \\x1b[1mTech: follow up: Send [red]photos[/red]  @mortiz
2026-12-03 Thu  event  chamber-breakfast  Chamber breakfast (with dune-cafe)  @jlee
2026-12-07 Mon  event  newsletter  Partner newsletter  @mortiz
2026-12-07 Mon  busy-season  elm-tech  Elm \\x1b[1mTech: busy season begins: inventory \
[until 2026-12-11]  @mortiz
2026-12-09 Wed  spotlight  elm-tech  Elm \\x1b[1mTech: spotlight (newsletter): \
Students at Elm  @mortiz
2026-12-10 Thu  cadence  city-clinic  City Clinic: check in \
[last touch 2026-11-10 + 30 days (lapsed)]  @jlee
2026-12-11 Fri  busy-season  elm-tech  Elm \\x1b[1mTech: busy season ends: inventory  @mortiz
2026-12-14 Mon  event  newsletter  Partner newsletter  @mortiz
2026-12-15 Tue  agreement  elm-tech  Elm \\x1b[1mTech: mou agreement expires  @mortiz
"""


def cli(*args: str, env: dict[str, str | None] | None = None) -> Any:
    return run_cli(["-C", WS, "--today", T, *args], env=env)


def test_plain_output_whole() -> None:
    result = cli("calendar")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == PLAIN


def test_from_and_weeks_show_the_winter_break_and_the_count_ending() -> None:
    result = cli("calendar", "--from", "2026-12-14", "--weeks", "3")
    assert result.stdout.splitlines()[1:4] == [
        "2026-12-14 Mon  event  newsletter  Partner newsletter  @mortiz",
        "2026-12-15 Tue  agreement  elm-tech  Elm \\x1b[1mTech: mou agreement expires  @mortiz",
        "2026-12-21..2027-01-01 Mon  school-break  Winter break",
    ]
    assert "2026-12-21 Mon  event  newsletter" not in result.stdout  # COUNT=3 ended


def test_mine_uses_the_environment_then_settings() -> None:
    mine = cli("calendar", "--mine").stdout
    assert "@mortiz" not in mine and "chamber-breakfast" in mine
    theirs = cli("calendar", "--mine", env={"PARTNERCTL_OWNER": "mortiz"}).stdout
    assert "@jlee" not in theirs and "elm-tech" in theirs
    assert cli("calendar", "--owner", "mortiz").stdout == theirs
    bad = cli("calendar", "--owner", "jle")
    assert bad.exit_code == 2 and "did you mean 'jlee'?" in bad.stderr


def test_partner_filter_and_an_unknown_partner() -> None:
    result = cli("calendar", "--partner", "dune-cafe")
    assert result.stdout.splitlines()[1:] == [
        "2026-11-24 Tue  cadence  dune-cafe  Dune Cafe: first touch [never touched]  @jlee",
        "2026-12-03 Thu  event  chamber-breakfast  Chamber breakfast (with dune-cafe)  @jlee",
    ]
    bad = cli("calendar", "--partner", "dune-caf")
    assert bad.exit_code == 2 and bad.stdout == ""
    assert (
        "--partner: no partner 'dune-caf' (no partners/dune-caf.yaml) (did you mean 'dune-cafe'?)"
        in bad.stderr
    )


def test_json_csv_md() -> None:
    doc = json.loads(cli("calendar", "--format", "json").stdout)
    assert (doc["version"], doc["today"]) == (1, "2026-11-24")
    assert doc["period"] == {"from": "2026-11-23", "to": "2026-12-20"}
    assert doc["items"][4] == {
        "date": "2026-12-03",
        "shown_on": "2026-12-03",
        "kind": "event",
        "event": "chamber-breakfast",
        "owner": "jlee",
        "name": "Chamber breakfast",
        "partners": ["dune-cafe"],
    }
    rows = list(csv.DictReader(io.StringIO(cli("calendar", "--format", "csv").stdout)))
    assert len(rows) == len(doc["items"])
    assert rows[3]["title"] == "follow up: Send [red]photos[/red]"
    md = cli("calendar", "--format", "md").stdout.splitlines()
    assert md[2] == "| Date | Kind | Id | What | Owner |"


def test_table_is_a_week_by_week_agenda() -> None:
    result = cli("calendar", "--format", "table", "--weeks", "6")
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0] == "Calendar 2026-11-23 to 2027-01-03"
    assert "Week of Mon 2026-11-30" in lines
    assert "Week of Mon 2026-12-28: nothing scheduled" in lines
    assert any(line.startswith("Mon 12-21  school-break  Winter break") for line in lines)
    # every week's table has the same columns: the headers and the owners line up
    headers = [line for line in lines if line.startswith("Day ")]
    assert len(headers) >= 3 and len(set(headers)) == 1
    assert headers[0].index("What") == len("Mon 11-24  school-break  ")
    owner_at = headers[0].index("Owner")
    owners = [line for line in lines if line.endswith(("jlee", "mortiz"))]
    assert owners and {line.rindex(" ") + 1 for line in owners} == {owner_at}


def late_workspace(tmp_path: Path) -> str:
    """outreach-basic with elm-tech's follow-up dated 11-18 and its mou expired 11-01."""
    ws = copy_data("outreach-basic", tmp_path)
    path = ws / "partners" / "elm-tech.yaml"
    text = path.read_text().replace("date: 2026-12-02", "date: 2026-11-18")
    path.write_text(text.replace("expires: 2026-12-15", "expires: 2026-11-01"))
    return str(ws)


def test_overdue_is_marked_with_its_own_date_in_every_format(tmp_path: Path) -> None:
    ws = late_workspace(tmp_path)

    def run(*args: str) -> str:
        result = run_cli(["-C", ws, "--today", T, "calendar", *args])
        assert (result.exit_code, result.stderr) == (0, "")
        return str(result.stdout)

    assert run().splitlines()[1:4] == [
        "2026-11-24 Tue  follow-up  elm-tech  Elm \\x1b[1mTech: follow up: Send [red]photos[/red] "
        "[overdue since 2026-11-18]  @mortiz",
        "2026-11-24 Tue  cadence  ace-auto  Ace Auto: first touch [never touched]  @jlee",
        "2026-11-24 Tue  cadence  dune-cafe  Dune Cafe: first touch [never touched]  @jlee",
    ]
    assert (
        "2026-11-24 Tue  agreement  elm-tech  Elm \\x1b[1mTech: mou agreement expired "
        "[overdue since 2026-11-01]  @mortiz"
    ) in run().splitlines()
    items = json.loads(run("--format", "json"))["items"]
    # JSON: the item's own date, as in `due`; the day it shows on beside it
    late = [i for i in items if i.get("status") == "overdue"]
    assert [(i["date"], i["shown_on"], i["kind"], i["days_late"]) for i in late] == [
        ("2026-11-18", "2026-11-24", "follow-up", 6),
        ("2026-11-01", "2026-11-24", "agreement", 23),
    ]
    rows = list(csv.DictReader(io.StringIO(run("--format", "csv"))))
    assert [(r["date"], r["overdue_since"]) for r in rows if r["partner"] == "elm-tech"][:2] == [
        ("2026-11-24", "2026-11-18"),
        ("2026-11-24", "2026-11-01"),
    ]
    md = run("--format", "md")  # Markdown escapes the brackets
    assert "mou agreement expired \\[overdue since 2026-11-01\\] | mortiz |" in md
    table = [line.strip() for line in run("--format", "table").splitlines()]
    assert table[4].startswith("Tue 11-24  follow-up     Elm \\x1b[1mTech: follow up: Send")
    assert (table[5], table[9]) == ("overdue since 2026-11-18", "overdue since 2026-11-01")


def test_an_overdue_entry_keeps_its_uid_in_the_ics_feed(tmp_path: Path) -> None:
    import icalendar

    ws = late_workspace(tmp_path)

    def follow_up(today: str, *args: str) -> tuple[date, str, str]:
        text = run_cli(["-C", ws, "--today", today, "calendar", "--format", "ics", *args]).stdout
        for item in icalendar.Calendar.from_ical(text).walk("VEVENT"):
            if "follow-up" in str(item["CATEGORIES"].to_ical()):
                return item.decoded("DTSTART"), str(item["SUMMARY"]), str(item["UID"])
        raise AssertionError("no follow-up")

    on_its_day = follow_up("2026-11-18")
    late_day, summary, uid = follow_up(T)
    later_day, _, later_uid = follow_up("2026-12-01")
    assert on_its_day[0] == date(2026, 11, 18) and not on_its_day[1].startswith("[")
    assert (late_day, later_day) == (TODAY, date(2026, 12, 1))
    assert summary == (
        "[overdue since 2026-11-18] Elm \\x1b[1mTech: follow up: Send [red]photos[/red]"
    )
    assert uid == on_its_day[2] == later_uid


def test_a_late_cadence_touch_keeps_its_uid_from_day_to_day(tmp_path: Path) -> None:
    """ace-auto was never touched: due every day, shown on today, one event in the feed."""
    import icalendar

    ws = late_workspace(tmp_path)

    def cadence_uids(today: str) -> dict[str, tuple[date, str]]:
        text = run_cli(["-C", ws, "--today", today, "calendar", "--format", "ics"]).stdout
        found = {}
        for item in icalendar.Calendar.from_ical(text).walk("VEVENT"):
            if "cadence" in str(item["CATEGORIES"].to_ical()):
                found[str(item["SUMMARY"])] = (item.decoded("DTSTART"), str(item["UID"]))
        return found

    first, second = cadence_uids(T), cadence_uids("2026-11-25")
    ace = "Ace Auto: first touch"
    assert (first[ace][0], second[ace][0]) == (TODAY, date(2026, 11, 25))
    assert first[ace][1] == second[ace][1]
    assert len({uid for _, uid in first.values()}) == len(first)


def test_a_planned_spotlight_in_the_past_shows_on_today(tmp_path: Path) -> None:
    ws = late_workspace(tmp_path)
    path = Path(ws) / "partners" / "elm-tech.yaml"
    path.write_text(path.read_text().replace("{date: 2026-12-09,", "{date: 2026-11-20,"))
    items = json.loads(run_cli(["-C", ws, "--today", T, "calendar", "--format", "json"]).stdout)
    spots = [i for i in items["items"] if i["kind"] == "spotlight"]
    assert [(i["date"], i["shown_on"], i["status"]) for i in spots] == [
        ("2026-11-20", "2026-11-24", "overdue")
    ]
