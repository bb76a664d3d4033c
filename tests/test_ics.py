"""`calendar --format ics`: parses, round-trips, stable UIDs, reproducible, escaped, -o."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
from tests.conftest import DATA, run_cli

WS = str(DATA / "outreach-basic")
T = "2026-11-24"


def ics(*args: str, today: str = T) -> Any:
    return run_cli(["-C", WS, "--today", today, "calendar", "--format", "ics", *args])


def events(text: str) -> list[Any]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def test_parses_and_round_trips_through_icalendar() -> None:
    result = ics("--weeks", "8")
    assert (result.exit_code, result.stderr) == (0, "")
    feed = icalendar.Calendar.from_ical(result.stdout)
    # The test runner reads stdout with universal newlines; the -o test checks the CRLFs.
    assert feed.to_ical().decode().replace("\r\n", "\n") == result.stdout
    assert str(feed["X-WR-CALNAME"]) == "Lakeside High CTE outreach"
    assert str(feed["VERSION"]) == "2.0"


def test_all_day_events_one_per_occurrence_with_dtstamp_from_today() -> None:
    found = events(ics("--weeks", "8").stdout)
    stamp = datetime(2026, 11, 24, tzinfo=UTC)
    for item in found:
        start, end = item.decoded("DTSTART"), item.decoded("DTEND")
        assert type(start) is date and type(end) is date
        assert item.decoded("DTSTAMP") == stamp
        if "school-break" in str(item["CATEGORIES"].to_ical()):
            assert (start, end) == (date(2026, 12, 21), date(2027, 1, 2))
        else:
            assert end == start + timedelta(days=1)
    chamber = [i.decoded("DTSTART") for i in found if str(i["SUMMARY"]).startswith("Chamber")]
    assert chamber == [date(2026, 12, 3), date(2027, 1, 7)]
    newsletters = [i for i in found if str(i["SUMMARY"]) == "Partner newsletter"]
    assert len(newsletters) == 3  # COUNT=3
    assert "\nDTSTART;VALUE=DATE:20261203\n" in ics("--weeks", "8").stdout


def test_two_runs_give_the_same_bytes_and_uids_are_unique() -> None:
    first, second = ics("--weeks", "8").stdout, ics("--weeks", "8").stdout
    assert first == second
    uids = [str(item["UID"]) for item in events(first)]
    assert len(uids) == len(set(uids))
    assert all(uid.startswith("calendar-") and uid.endswith("@partnerctl") for uid in uids)


def test_an_entry_keeps_its_uid_across_windows_and_days() -> None:
    def by_summary(text: str) -> dict[tuple[str, date], str]:
        return {(str(i["SUMMARY"]), i.decoded("DTSTART")): str(i["UID"]) for i in events(text)}

    wide = by_summary(ics("--weeks", "8").stdout)
    later = by_summary(ics("--from", "2026-12-01", "--weeks", "2", today="2026-11-26").stdout)
    shared = set(wide) & set(later)
    assert ("Chamber breakfast (with dune-cafe)", date(2026, 12, 3)) in shared
    assert all(wide[key] == later[key] for key in shared)


def test_user_text_is_escaped_and_neutralised() -> None:
    text = ics().stdout
    assert "\x1b" not in text
    follow = next(i for i in events(text) if "follow-up" in str(i["CATEGORIES"].to_ical()))
    assert str(follow["SUMMARY"]) == "Elm \\x1b[1mTech: follow up: Send [red]photos[/red]"
    # The library escapes `;` and newlines and folds long lines (unfolded here).
    wide = ics("--weeks", "8").stdout.replace("\n ", "")
    assert (
        "DESCRIPTION:kind: cadence\\npartner: bright-print\\nowner: mortiz\\n"
        "last touch 2026-11-01 + 21 days (prospect)\\; due 2026-11-23\n"  # Sunday → Monday
    ) in wide


def test_output_file_is_written_atomically_with_the_format_from_its_name(tmp_path: Path) -> None:
    target = tmp_path / "feed.ics"
    target.write_text("old")
    result = run_cli(["-C", WS, "--today", T, "calendar", "-o", str(target)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    written = target.read_bytes()
    assert written.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert written.decode().replace("\r\n", "\n") == ics().stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.ics"]
    missing = run_cli(["-C", WS, "--today", T, "calendar", "-o", str(tmp_path / "no/x.ics")])
    assert missing.exit_code == 2
    assert "-o: no folder" in missing.stderr


def test_render_neutralises_control_and_bidi_characters_in_any_entry() -> None:
    from partnerctl.core.calendar import Calendar, Entry
    from partnerctl.render.ics import ics_doc

    entry = Entry(
        date(2026, 12, 1),
        "follow-up",
        "call\u202eevil\nnext line",
        partner="x",
        partner_name="Bad \x07 Co, Inc; [b]x[/b]",
    )
    text = ics_doc(
        Calendar(date(2026, 11, 30), date(2026, 12, 6), (entry,)), "P\x1b", date(2026, 11, 30)
    )
    (item,) = events(text)
    assert str(item["SUMMARY"]) == "Bad \\x07 Co, Inc; [b]x[/b]: call\\u202eevil next line"
    assert "SUMMARY:Bad \\\\x07 Co\\, Inc\\; [b]x[/b]" in text
    assert str(icalendar.Calendar.from_ical(text)["X-WR-CALNAME"]) == "P\\x1b outreach"
    assert "\x07" not in text and "\u202e" not in text and "\x1b" not in text
