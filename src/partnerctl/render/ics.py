"""`calendar --format ics`: an iCalendar feed that Google Calendar, Outlook and khal import.

Every entry is an all-day VEVENT (``DTSTART;VALUE=DATE``, ``DTEND`` the day
after its last day).

**UID.** Hashes the entry's identity (core/calendar.py): what makes it the
same item while it moves or changes. A follow-up and a projected check-in are
one item, the partner's next contact, until a touch closes the follow-up; an
agreement is its partner, kind and place among agreements of that kind; a
spotlight its partner, place, title and place among equal ones; an event's
occurrence its event and number; a busy season's start or end its partner,
place in the list and year. So importing the feed again, on any day, updates
an event instead of adding another, and two items never share a UID.

**SEQUENCE and LAST-MODIFIED** come from the files' content, never from file
times: SEQUENCE is ``REVISION × 100000 + DAYS``, where REVISION counts the
changes the files record for the item (the partner's touchpoints for its next
contact; the closing touch's place for a closed follow-up; 1 for a published
spotlight) and DAYS is the number of days from 2020-01-01 to the day the
event stands on. It stays the same while nothing changes, and rises when a
touch is logged, when the item moves to a later day (a snooze, a renewal, an
overdue item carried to today) and when it is cancelled. LAST-MODIFIED is the
later of the day it stands on and its newest dated change (the touch), at
00:00 UTC. DTSTAMP is the run's "today" at 00:00 UTC (RFC 5545: with METHOD,
when the object was made), so two runs on the same data give the same bytes,
and a client that compares SEQUENCE and then DTSTAMP (RFC 5546) takes a newer
file's copy.

An overdue entry (a follow-up dated before today, an agreement that expired)
is placed on the run's today, where a calendar shows what to do now; its
SUMMARY begins ``[overdue since DATE]`` and its DESCRIPTION says the same.
Items done or withdrawn in the last 30 days (core/withdrawn.py) follow the
agenda; a cancelled one has ``STATUS:CANCELLED``.
Text is escaped by the icalendar library; control and bidi characters in a
user's text are first turned into visible escapes, as everywhere else.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from partnerctl.dates import add_days
from partnerctl.render.calendar import headline, overdue_note
from partnerctl.render.text import clean, clean_line

if TYPE_CHECKING:
    from collections.abc import Iterable

    from partnerctl.core.calendar import Calendar, Entry

PRODID = "-//partnerctl//outreach calendar//EN"
# SEQUENCE = REVISION * DAY_SPAN + days since EPOCH (see above); both parts are
# bounded so that the number stays a 32-bit integer, as some clients store it.
EPOCH = date(2020, 1, 1)
DAY_SPAN = 100_000
MAX_REVISION = 21_000


def entry_uid(entry: Entry) -> str:
    """`calendar-<sha1 of its identity>@partnerctl`."""
    digest = hashlib.sha1("\x1f".join(entry.identity).encode("utf-8"), usedforsecurity=False)
    return f"calendar-{digest.hexdigest()}@partnerctl"


def sequence(entry: Entry) -> int:
    """The entry's SEQUENCE: its revision, then the day it stands on (see above)."""
    days = min(max((entry.date - EPOCH).days, 0), DAY_SPAN - 1)
    return min(entry.revision, MAX_REVISION) * DAY_SPAN + days


def last_modified(entry: Entry) -> datetime:
    """The later of the day it stands on and its newest dated change, at 00:00 UTC."""
    day = entry.date if entry.changed is None else max(entry.date, entry.changed)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _description(entry: Entry) -> str:
    lines = [f"kind: {entry.kind}"]
    if entry.partner:
        lines.append(f"partner: {entry.partner}")
    if entry.event:
        lines.append(f"event: {entry.event}")
    if entry.partners:
        lines.append("partners: " + ", ".join(entry.partners))
    if entry.owner:
        lines.append(f"owner: {entry.owner}")
    if entry.overdue_since is not None:
        lines.append(str(overdue_note(entry)))
    if entry.detail:
        lines.append(entry.detail)
    return clean("\n".join(lines))


def ics_doc(calendar: Calendar, program: str, today: date, done: Iterable[Entry] = ()) -> str:
    """The whole feed as text (CRLF line ends, as RFC 5545 wants).

    `done`: the items done or withdrawn lately (core/withdrawn.py), after the agenda.
    """
    import icalendar

    feed = icalendar.Calendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", clean_line(f"{program} outreach"))
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    for entry in (*calendar.entries, *done):
        item = icalendar.Event()
        item.add("uid", entry_uid(entry))
        item.add("dtstamp", stamp)
        item.add("sequence", sequence(entry))
        item.add("last-modified", last_modified(entry))
        item.add("dtstart", entry.date)
        item.add("dtend", add_days(entry.end or entry.date, 1))
        item.add("summary", clean_line(what_summary(entry)))
        item.add("description", _description(entry))
        item.add("categories", [entry.kind])
        if entry.cancelled:
            item.add("status", "CANCELLED")
        item.add("transp", "TRANSPARENT")
        feed.add_component(item)
    text: str = feed.to_ical().decode("utf-8")
    return text


def what_summary(entry: Entry) -> str:
    """The event's one-line summary: the agenda's headline, after `[overdue since DATE]`."""
    note = overdue_note(entry)
    return f"[{note}] {headline(entry)}" if note else headline(entry)
