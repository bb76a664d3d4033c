"""The ICS feed in real calendar programs: khal (import, act, import again, list) and calcurse.

khal is the calendar a director might keep in a terminal; it imports a file
by UID, so it shows whether a re-imported feed updates or duplicates. calcurse
is an iCalendar parser written in C, independent of the `icalendar` package
that partnerctl writes the feed with. Both are Debian packages (`.ci/run`
installs them); each test is skipped with a message where its program is
missing. Both run on private copies of their configuration and data.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, run_cli

KHAL = shutil.which("khal")
CALCURSE = shutil.which("calcurse")
DAY1, DAY2 = "2026-11-24", "2026-11-25"
UID_RE = re.compile(r"^UID:(.*)\r$", re.MULTILINE)


def feed(ws: Path, today: str, target: Path) -> set[str]:
    """Write the 8-week feed for `today` to `target`; its UIDs."""
    args = ["-C", str(ws), "--today", today, "calendar", "--weeks", "8", "-o", str(target)]
    result = run_cli(args)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return set(UID_RE.findall(target.read_bytes().decode("utf-8")))


def act(ws: Path) -> None:
    """A director's morning: a follow-up done, one snoozed, a partner declined, a check-in."""
    for args in (
        ["log", "riverside-auto", "Called Rick about shadow dates", "--channel", "phone"],
        ["snooze", "kxrv", "2026-12-01"],
        ["stage", "river-city-radio", "declined", "--summary", "No room for students"],
        ["log", "grand-river-hotel", "Lunch with Sarah", "--channel", "in-person"],
    ):
        result = run_cli(["-C", str(ws), "--today", DAY1, *args])
        assert result.exit_code == 0, result.stderr


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLES, target)
    return target


def khal(home: Path, *args: str) -> str:
    assert KHAL is not None
    done = subprocess.run(
        [KHAL, "-c", str(home / "config"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(home), "TZ": "UTC", "LANG": "C.UTF-8"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(KHAL is None, reason="no khal on this machine (Debian: apt-get install khal)")
def test_khal_import_act_import_again(ws: Path, tmp_path: Path) -> None:
    home = tmp_path / "khal"
    (home / "outreach").mkdir(parents=True)
    (home / "config").write_text(
        f"[calendars]\n[[outreach]]\npath = {home / 'outreach'}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n"
        "longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
        "longdatetimeformat = %Y-%m-%d %H:%M\n"
        f"[sqlite]\npath = {home / 'khal.db'}\n",
        encoding="utf-8",
    )
    first = feed(ws, DAY1, tmp_path / "day1.ics")
    khal(home, "import", "--batch", "-a", "outreach", str(tmp_path / "day1.ics"))
    act(ws)
    second = feed(ws, DAY2, tmp_path / "day2.ics")
    khal(home, "import", "--batch", "-a", "outreach", str(tmp_path / "day2.ics"))

    # Nothing duplicated: one stored event per UID the two feeds carried.
    assert len(list((home / "outreach").glob("*.ics"))) == len(first | second)
    listing = khal(
        home, "list", "--day-format", "", "--format", "{start-date}|{uid}|{cancelled}{title}",
        "2026-11-01", "2027-01-31",
    )  # fmt: skip
    # khal lists an event on each day it covers (a school break on several).
    rows = {
        (day, uid, title) for day, uid, title in (r.split("|", 2) for r in listing.split("\n") if r)
    }
    titles = {uid: title for _, uid, title in rows}
    days = {uid: day for day, uid, _ in rows}
    assert len(rows) == len(titles)  # one start day and title per UID
    assert len({(days[uid], title) for uid, title in titles.items()}) == len(titles)

    def one(text: str) -> tuple[str, str]:
        (hit,) = [(days[uid], title) for uid, title in titles.items() if text in title]
        return hit

    # Done and withdrawn items: shown as cancelled, under the UID they had.
    assert one("Riverside Auto Group: follow") == (
        "2026-11-20",
        "CANCELLED Riverside Auto Group: follow-up done 2026-11-24: Called Rick about shadow dates",
    )
    assert one("River City Radio 101.5 FM: check") == (
        "2026-11-24",
        "CANCELLED River City Radio 101.5 FM: check-ins end: declined 2026-11-24",
    )
    # A snoozed follow-up moved; an overdue agreement moved to the new day; a check-in moved.
    assert one("KXRV News 7: follow up")[0] == "2026-12-01"
    assert one("Heartland Precision Manufacturing: insurance")[0] == DAY2
    # logged 11-24, every 30 days: 12-24 falls in winter break, so the first day back
    assert one("Grand River Hotel & Conference Center: check in")[0] == "2027-01-04"
    assert sum("CANCELLED" in title for title in titles.values()) == 2


def calcurse_events(folder: Path, ics: Path) -> list[tuple[date, date, str]]:
    """Import `ics` into a fresh calcurse; (first day, last day, summary) of each event."""
    assert CALCURSE is not None
    done = subprocess.run(
        [CALCURSE, "-D", str(folder), "-i", str(ics)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(folder), "LANG": "C.UTF-8"},
    )
    assert done.returncode == 0, done.stderr
    counts = re.search(r"(\d+) apps / (\d+) events / (\d+) todos / (\d+) skipped", done.stdout)
    assert counts is not None, done.stdout
    assert counts.groups()[::3] == ("0", "0"), done.stdout  # nothing timed, nothing skipped
    found = []
    line_re = re.compile(r"(\d\d)/(\d\d)/(\d{4}) \[1\] (?:\{1D -> (\d\d)/(\d\d)/(\d{4})\} )?")
    for line in (folder / "apts").read_text(encoding="utf-8").splitlines():
        match = line_re.match(line)
        assert match is not None, line
        month, day, year = (int(x) for x in match.groups()[:3])
        first = date(year, month, day)
        last = first
        if match.group(4):
            last = date(int(match.group(6)), int(match.group(4)), int(match.group(5)))
        summary = re.sub(r"^>\w+ ", "", line[match.end() :])  # a note (the description)
        found.append((first, last, summary))
    assert len(found) == int(counts.group(2))
    return sorted(found)


@pytest.mark.skipif(
    CALCURSE is None, reason="no calcurse on this machine (Debian: apt-get install calcurse)"
)
def test_calcurse_reads_every_event_on_its_days(ws: Path, tmp_path: Path) -> None:
    from partnerctl.core.calendar import calendar_entries
    from partnerctl.core.withdrawn import recently_done
    from partnerctl.render.ics import what_summary
    from partnerctl.workspace import load_workspace

    act(ws)  # so that the feed holds cancelled items too
    feed(ws, DAY2, tmp_path / "feed.ics")
    got = calcurse_events(tmp_path / "calcurse", tmp_path / "feed.ics")

    loaded = load_workspace(ws)
    today = date.fromisoformat(DAY2)
    monday = today - timedelta(days=today.weekday())
    agenda = calendar_entries(
        loaded.settings, loaded.partners.values(), loaded.events, today, start=monday, weeks=8
    )
    items = [*agenda.entries, *recently_done(loaded.partners.values(), today)]
    wanted = sorted((e.date, e.end or e.date, what_summary(e)) for e in items)
    assert got == wanted
    assert any("follow-up done" in summary for _, _, summary in got)
    assert any(first != last for first, last, _ in got)  # a school break spans its days
