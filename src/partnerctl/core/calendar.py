"""`calendar`: every dated thing in a window, as entries of a few kinds.

Kinds, in the order they sort on one day:

- ``school-break``: a break overlapping the window (``date`` its first day,
  ``end`` its last);
- ``event``: one entry per occurrence of an event (RRULE with ``until`` or
  COUNT, expanded by :func:`partnerctl.dates.occurrences`);
- ``follow-up``: a partner's ``next``;
- ``cadence``: the projected touch of a partner without ``next``: last touch
  + the stage's ``ideal`` (today when that is past or the partner was never
  touched), pushed past its busy seasons; declined partners have none;
- ``spotlight``: a planned spotlight;
- ``agreement``: an agreement's expiry (not for declined partners);
- ``busy-season``: a partner's busy season beginning or ending.

Overdue things are not lost before the window: when today is in the window, a
follow-up dated before today and an agreement that expired before today show
on today, with ``overdue_since`` their own date (as ``due`` calls them
overdue). Outside such a window they show on their own date, if it is in it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from partnerctl.core.facts import NO_ACTION, cadence_dates, last_touch, last_touch_text
from partnerctl.dates import add_days, after_busy_seasons, season_spans_between
from partnerctl.records import EventRec, PartnerRec, SettingsRec
from partnerctl.recurrence import occurrences

KINDS = (
    "school-break",
    "event",
    "follow-up",
    "cadence",
    "spotlight",
    "agreement",
    "busy-season",
)
_Date = date


@dataclass(frozen=True)
class Entry:
    """One dated thing on the calendar."""

    date: date
    kind: str
    title: str
    key: str = ""  # tells apart entries of one kind, subject and day (for UIDs)
    partner: str | None = None
    partner_name: str | None = None
    event: str | None = None
    owner: str | None = None
    partners: tuple[str, ...] = ()
    detail: str | None = None
    end: _Date | None = None  # the last day of a span (school breaks)
    overdue_since: _Date | None = None  # its own day, when it is late and shown on today
    # The day a UID is built from when it is not the shown day: a late cadence
    # touch moves to today on each run but keeps the day it fell due.
    anchor: _Date | None = None

    def as_json(self) -> dict[str, Any]:
        """The JSON item; keys that do not apply are left out."""
        data: dict[str, Any] = {"date": self.date.isoformat()}
        if self.end is not None:
            data["end"] = self.end.isoformat()
        data["kind"] = self.kind
        data["title"] = self.title
        for name in ("partner", "event", "owner", "detail"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.partners:
            data["partners"] = list(self.partners)
        if self.overdue_since is not None:
            data["overdue_since"] = self.overdue_since.isoformat()
        return data

    def shown_on(self, start: _Date) -> _Date:
        """The day the entry shows in an agenda beginning at `start` (a span's first day in it)."""
        return max(self.date, start) if self.end is not None else self.date


@dataclass(frozen=True)
class Calendar:
    """The entries of [start, end], sorted by day, kind, oldest overdue first, and title."""

    start: date
    end: date
    entries: tuple[Entry, ...]


def _partner_entries(
    partner: PartnerRec, settings: SettingsRec, today: date, start: date, end: date
) -> Iterable[Entry]:
    pid, name, owner = partner["id"], partner["name"], partner["owner"]

    def entry(
        day: date,
        kind: str,
        title: str,
        key: str = "",
        detail: str | None = None,
        overdue_since: date | None = None,
        anchor: date | None = None,
    ) -> Entry:
        return Entry(
            day, kind, title, key, pid, name, None, owner, (), detail, None, overdue_since, anchor
        )

    def placed(day: date) -> tuple[date, date | None] | None:
        """(the day it shows, the day it is overdue since), or None outside the window."""
        if day < today and start <= today <= end:
            return today, day
        return (day, None) if start <= day <= end else None

    declined = partner["stage"] == "declined"
    nxt = partner["next"]
    shown = None if nxt is None else placed(nxt["date"])
    if nxt is not None and shown is not None:
        title = "follow up: " + nxt["action"] if nxt["action"] else NO_ACTION
        yield entry(shown[0], "follow-up", title, overdue_since=shown[1])
    if nxt is None and not declined:
        dates = cadence_dates(partner, settings)
        last = last_touch(partner)
        due = today if dates is None else max(dates[0], today)
        day = after_busy_seasons(partner["busy_seasons"], due)
        if start <= day <= end:
            if last is None:
                detail = "never touched"
            else:
                ideal = settings["cadence"][partner["stage"]]["ideal"]
                detail = f"{last_touch_text(partner)} + {ideal} days ({partner['stage']})"
            if dates is not None and day != dates[0]:
                detail += f"; due {dates[0].isoformat()}"
            title = "first touch" if last is None else "check in"
            # never touched, no `since`: due every day, one stable anchor
            anchor = dates[0] if dates is not None else date.min
            yield entry(day, "cadence", title, detail=detail, anchor=anchor)
    for spot in partner["spotlights"]:
        if spot["status"] != "planned":
            continue
        shown = placed(spot["date"])
        if shown is not None:
            title = f"spotlight ({spot['where']})" + (f": {spot['title']}" if spot["title"] else "")
            yield entry(shown[0], "spotlight", title, spot["where"], overdue_since=shown[1])
    if declined:
        return
    for deal in partner["agreements"]:
        shown = placed(deal["expires"])
        if shown is not None:
            verb = "expired" if deal["expires"] < today else "expires"
            title = f"{deal['kind']} agreement {verb}"
            yield entry(shown[0], "agreement", title, deal["kind"], overdue_since=shown[1])
    for season in partner["busy_seasons"]:
        why = f": {season['why']}" if season["why"] else ""
        for first, last_day in season_spans_between(season, start, end):
            key = f"{season['from']}..{season['to']}"
            if start <= first <= end:
                title = f"busy season begins{why}"
                yield entry(first, "busy-season", title, "begins " + key, f"until {last_day}")
            if start <= last_day <= end:
                yield entry(last_day, "busy-season", f"busy season ends{why}", "ends " + key)


def _event_entries(event: EventRec, start: date, end: date) -> Iterable[Entry]:
    for day in occurrences(event, start, end):
        yield Entry(
            day,
            "event",
            event["name"],
            event["kind"],
            None,
            None,
            event["id"],
            event["owner"],
            tuple(event["partners"]),
            event["notes"],
        )


def calendar_entries(
    settings: SettingsRec,
    partners: Iterable[PartnerRec],
    events: Iterable[EventRec],
    today: date,
    *,
    start: date,
    weeks: int = 4,
    owner: str | None = None,
    only: Collection[str] = (),
) -> Calendar:
    """Every dated thing from `start` for `weeks` weeks.

    `owner` keeps that owner's partners and the events it owns or that have no
    owner; `only` (partner ids) keeps those partners and the events naming
    them. School breaks stay in both cases.
    """
    end = add_days(start, 7 * weeks - 1)
    found: list[Entry] = []
    for rest in settings["school_breaks"]:
        if rest["from"] <= end and rest["to"] >= start:
            found.append(
                Entry(rest["from"], "school-break", rest["name"], rest["name"], end=rest["to"])
            )
    for partner in partners:
        if owner is not None and partner["owner"] != owner:
            continue
        if only and partner["id"] not in only:
            continue
        found.extend(_partner_entries(partner, settings, today, start, end))
    for event in events:
        if owner is not None and event["owner"] not in (None, owner):
            continue
        if only and not set(only) & set(event["partners"]):
            continue
        found.extend(_event_entries(event, start, end))
    found.sort(
        key=lambda e: (
            e.shown_on(start),
            KINDS.index(e.kind),
            e.overdue_since or e.date,  # within a kind, the longest overdue first
            e.title,
            e.partner or "",
            e.key,
        )
    )
    return Calendar(start, end, tuple(found))
