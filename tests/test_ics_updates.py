"""The ICS feed over time: one UID per item, SEQUENCE from content, withdrawn items cancelled.

Each test edits a copy of a workspace the way a director does (log, snooze,
stage, an edited file) and compares the feeds before and after, as a calendar
that imports the file again would.
"""

from __future__ import annotations

import functools
import os
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import copy_data, run_cli

T = "2026-11-24"


def feed(ws: Path, today: str = T, *args: str) -> dict[str, Any]:
    """The feed's events by UID (every UID once)."""
    result = run_cli(["-C", str(ws), "--today", today, "calendar", "--format", "ics", *args])
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    found = list(icalendar.Calendar.from_ical(result.stdout).walk("VEVENT"))
    by_uid = {str(item["UID"]): item for item in found}
    assert len(by_uid) == len(found), "two events share a UID"
    return by_uid


def cli(ws: Path, *args: str, today: str = T) -> None:
    result = run_cli(["-C", str(ws), "--today", today, *args])
    assert result.exit_code == 0, result.stderr


def find(events: dict[str, Any], text: str) -> tuple[str, Any]:
    (hit,) = [(uid, e) for uid, e in events.items() if text in str(e["SUMMARY"])]
    return hit


def seq(item: Any) -> int:
    return int(item["SEQUENCE"])


def start(item: Any) -> date:
    value: date = item.decoded("DTSTART")
    return value


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("outreach-basic", tmp_path)


def test_items_alike_in_kind_day_and_place_get_their_own_uids(ws: Path) -> None:
    (ws / "partners" / "twin-co.yaml").write_text(
        "name: Twin Co\nstage: active\nowner: jlee\nsince: 2026-09-01\n"
        "agreements:\n"
        "  - {kind: insurance, expires: 2026-12-01, notes: building}\n"
        "  - {kind: insurance, expires: 2026-12-01, notes: vehicles}\n"
        "spotlights:\n"
        "  - {date: 2026-12-03, where: social, title: Shadow day, status: planned}\n"
        "  - {date: 2026-12-03, where: social, title: Shadow day, status: planned}\n"
        "  - {date: 2026-12-03, where: social, status: planned}\n"
        "busy_seasons:\n"
        "  - {from: 12-01, to: 12-05}\n"
        "  - {from: 12-01, to: 12-05}\n",
        encoding="utf-8",
    )
    events = feed(ws, T, "--weeks", "8")
    twins = [e for e in events.values() if str(e["SUMMARY"]).startswith("Twin Co:")]
    kinds = sorted(str(e["SUMMARY"]).split(": ", 1)[1] for e in twins)
    assert kinds == [
        "busy season begins",
        "busy season begins",
        "busy season ends",
        "busy season ends",
        "check in",
        "insurance agreement expires",
        "insurance agreement expires",
        "spotlight (social)",
        "spotlight (social): Shadow day",
        "spotlight (social): Shadow day",
    ]


def test_same_files_on_another_day_keep_uid_sequence_and_last_modified(ws: Path) -> None:
    before, after = feed(ws, "2026-11-24"), feed(ws, "2026-11-26")
    shared = set(before) & set(after)
    assert len(shared) >= 8
    for uid in shared:
        old, new = before[uid], after[uid]
        if start(old) == start(new):
            assert (seq(old), old["LAST-MODIFIED"].dt) == (seq(new), new["LAST-MODIFIED"].dt)
        else:  # an overdue item or a late check-in, carried to the new today
            assert start(new) == date(2026, 11, 26) and seq(new) > seq(old)
            assert new["LAST-MODIFIED"].dt > old["LAST-MODIFIED"].dt
    assert any(start(before[uid]) != start(after[uid]) for uid in shared)


def test_file_times_play_no_part(ws: Path) -> None:
    first = run_cli(["-C", str(ws), "--today", T, "calendar", "--format", "ics"]).stdout
    later = time.time() + 86_400 * 40
    for path in ws.rglob("*.yaml"):
        os.utime(path, (later, later))  # as a fresh git checkout would reset them
    assert run_cli(["-C", str(ws), "--today", T, "calendar", "--format", "ics"]).stdout == first


def test_a_snoozed_follow_up_is_the_same_event_moved(ws: Path) -> None:
    uid, old = find(feed(ws), "Elm \\x1b[1mTech: follow up")
    cli(ws, "snooze", "elm-tech", "2026-12-09")
    new = feed(ws)[uid]
    assert (start(old), start(new)) == (date(2026, 12, 2), date(2026, 12, 9))
    assert seq(new) > seq(old)
    assert new["LAST-MODIFIED"].dt == datetime(2026, 12, 9, tzinfo=UTC)


def test_a_touch_keeps_the_next_contact_and_raises_its_sequence(ws: Path) -> None:
    """A check-in turned into a sooner follow-up by `log --next` is one event moved, not two."""
    uid, check_in = find(feed(ws, T, "--weeks", "8"), "Bright Print: check in")
    assert start(check_in) == date(2027, 1, 11)  # after its busy season
    cli(ws, "log", "bright-print", "Called about the catalog", "--next", "2026-12-01")
    events = feed(ws, T, "--weeks", "8")
    follow_up = events[uid]
    assert str(follow_up["SUMMARY"]) == "Bright Print: follow up (no action set)"
    assert start(follow_up) == date(2026, 12, 1)  # earlier, but the touch counts first
    assert seq(follow_up) > seq(check_in)
    assert not [e for e in events.values() if "Bright Print: check in" in str(e["SUMMARY"])]


def test_a_closed_follow_up_is_cancelled_under_its_old_uid(ws: Path) -> None:
    (ws / "partners" / "dune-cafe.yaml").write_text(
        "name: Dune Cafe\nindustry: food service\nstage: contacted\nowner: jlee\n"
        "touchpoints:\n  - {date: 2026-11-10, channel: phone, summary: Met at the fair}\n"
        "next: {date: 2026-11-20, action: Call about the tour}\n",
        encoding="utf-8",
    )
    uid, live = find(feed(ws), "Dune Cafe: follow up")
    assert "STATUS" not in live and start(live) == date(2026, 11, 24)  # overdue: on today
    cli(ws, "log", "dune-cafe", "Booked the tour", "--channel", "phone")
    events = feed(ws, "2026-11-25")
    done = events[uid]
    assert str(done["STATUS"]) == "CANCELLED"
    assert str(done["SUMMARY"]) == "Dune Cafe: follow-up done 2026-11-24: Booked the tour"
    assert start(done) == date(2026, 11, 20)  # back on its own day
    assert seq(done) > seq(live)
    # The next check-in is a new event, and the cancellation stays put day after day.
    _, check_in = find(events, "Dune Cafe: check in")
    assert "STATUS" not in check_in
    assert seq(feed(ws, "2026-12-20")[uid]) == seq(done)
    assert uid not in feed(ws, "2026-12-25")  # 31 days after the touch: no longer published


def test_next_none_withdraws_a_follow_up_still_ahead(ws: Path) -> None:
    uid, live = find(feed(ws), "follow up: Send [red]photos[/red]")
    cli(ws, "log", "elm-tech", "They will call us", "--next", "none")
    done = feed(ws)[uid]
    assert str(done["STATUS"]) == "CANCELLED"
    assert str(done["SUMMARY"]).endswith(": follow-up withdrawn 2026-11-24: They will call us")
    assert seq(done) > seq(live)


def test_a_declined_partner_s_check_in_is_cancelled(ws: Path) -> None:
    uid, live = find(feed(ws), "City Clinic: check in")
    cli(ws, "stage", "city-clinic", "declined", "--summary", "No capacity this year")
    done = feed(ws)[uid]
    assert str(done["STATUS"]) == "CANCELLED"
    assert str(done["SUMMARY"]) == "City Clinic: check-ins end: declined 2026-11-24"
    assert seq(done) > seq(live)


def test_a_published_spotlight_and_a_renewed_agreement_update_in_place(ws: Path) -> None:
    spot_uid, planned = find(feed(ws, T, "--weeks", "4"), "spotlight (newsletter)")
    deal_uid, deal = find(feed(ws, T, "--weeks", "4"), "mou agreement expires")
    path = ws / "partners" / "elm-tech.yaml"
    text = path.read_text()
    text = text.replace("status: planned", "status: published")
    text = text.replace("expires: 2026-12-15", "expires: 2027-12-15")
    path.write_text(text)
    events = feed(ws, "2026-12-10", "--weeks", "4")
    published = events[spot_uid]
    assert str(published["SUMMARY"]) == (
        "Elm \\x1b[1mTech: spotlight published (newsletter): Students at Elm"
    )
    assert "STATUS" not in published and seq(published) > seq(planned)
    renewed = feed(ws, "2027-11-20", "--weeks", "8")[deal_uid]
    assert start(renewed) == date(2027, 12, 15) and seq(renewed) > seq(deal)


def test_a_moved_event_keeps_the_uids_of_its_occurrences(ws: Path) -> None:
    def newsletters(events: dict[str, Any]) -> list[Any]:
        hits = [e for e in events.values() if str(e["SUMMARY"]) == "Partner newsletter"]
        return sorted(hits, key=start)

    before = newsletters(feed(ws, T, "--weeks", "8"))
    path = next((ws / "events").glob("*.yaml"))
    path.write_text(path.read_text().replace("date: 2026-11-30", "date: 2026-12-07"))
    after = newsletters(feed(ws, T, "--weeks", "8"))
    assert [str(e["UID"]) for e in after] == [str(e["UID"]) for e in before]  # each one moved
    assert [start(e) for e in after] == [date(2026, 12, 7), date(2026, 12, 14), date(2026, 12, 21)]
    assert all(seq(new) > seq(old) for new, old in zip(after, before, strict=True))


@functools.cache
def _examples() -> Any:
    from tests.conftest import EXAMPLES

    from partnerctl.workspace import load_workspace

    return load_workspace(EXAMPLES)


@settings(max_examples=60, deadline=None)
@given(
    first=st.integers(min_value=-60, max_value=400),
    second=st.integers(min_value=-60, max_value=400),
    weeks=st.integers(min_value=1, max_value=12),
)
def test_a_uid_names_one_item_on_one_day_in_every_window(
    first: int, second: int, weeks: int
) -> None:
    """Any two windows: UIDs are unique in each, and a UID in both stands on the same day."""

    from partnerctl.core.calendar import calendar_entries
    from partnerctl.render.ics import entry_uid, sequence

    loaded = _examples()
    today = date(2026, 11, 24)

    def window(offset: int) -> dict[str, tuple[date, int]]:
        start = today + timedelta(days=offset)
        found = calendar_entries(
            loaded.settings, loaded.partners.values(), loaded.events, today,
            start=start, weeks=weeks,
        ).entries  # fmt: skip
        uids = {entry_uid(e): (e.date, sequence(e)) for e in found if e.overdue_since is None}
        assert len({entry_uid(e) for e in found}) == len(found)
        return uids

    one, two = window(first), window(second)
    assert all(one[uid] == two[uid] for uid in set(one) & set(two))
