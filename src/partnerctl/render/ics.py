"""`calendar --format ics`: an iCalendar feed that Google Calendar and Outlook import.

Every entry is an all-day VEVENT (``DTSTART;VALUE=DATE``, ``DTEND`` the day
after its last day). Its UID hashes the entry's kind, ids, key and date, so a
re-import updates an entry instead of duplicating it; DTSTAMP is the run's
"today" at midnight UTC, so two runs on the same data give the same bytes.

An overdue entry (a follow-up dated before today, an agreement that expired)
is placed on the run's today, where a calendar shows what to do now; its
SUMMARY begins ``[overdue since DATE]`` and its DESCRIPTION says the same.
Its UID hashes its own date, not today's, so importing the feed again on a
later day moves that one event to the new day instead of adding another, and
the UID is the one the entry had before it fell late. A late cadence touch
(shown on today, not marked overdue until `due` would call it so) hashes the
day it fell due, for the same reason.
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
    from partnerctl.core.calendar import Calendar, Entry

PRODID = "-//partnerctl//outreach calendar//EN"


def entry_uid(entry: Entry) -> str:
    """`calendar-<sha1>@partnerctl`, from the kind, ids, key and its own day (see above)."""
    parts = (
        entry.kind,
        entry.partner or "",
        entry.event or "",
        entry.key,
        (entry.anchor or entry.overdue_since or entry.date).isoformat(),
    )
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8"), usedforsecurity=False)
    return f"calendar-{digest.hexdigest()}@partnerctl"


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


def ics_doc(calendar: Calendar, program: str, today: date) -> str:
    """The whole feed as text (CRLF line ends, as RFC 5545 wants)."""
    import icalendar

    feed = icalendar.Calendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", clean_line(f"{program} outreach"))
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    for entry in calendar.entries:
        item = icalendar.Event()
        item.add("uid", entry_uid(entry))
        item.add("dtstamp", stamp)
        item.add("dtstart", entry.date)
        item.add("dtend", add_days(entry.end or entry.date, 1))
        item.add("summary", clean_line(what_summary(entry)))
        item.add("description", _description(entry))
        item.add("categories", [entry.kind])
        item.add("transp", "TRANSPARENT")
        feed.add_component(item)
    text: str = feed.to_ical().decode("utf-8")
    return text


def what_summary(entry: Entry) -> str:
    """The event's one-line summary: the agenda's headline, after `[overdue since DATE]`."""
    note = overdue_note(entry)
    return f"[{note}] {headline(entry)}" if note else headline(entry)
