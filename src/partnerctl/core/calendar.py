"""`calendar`: every dated thing in a window, as entries of a few kinds.

Kinds, in the order they sort on one day:

- ``school-break``: a break overlapping the window (``date`` its first day,
  ``end`` its last);
- ``event``: one entry per occurrence of an event (RRULE with ``until`` or
  COUNT, expanded by :func:`partnerctl.recurrence.occurrences`);
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

Each entry also carries what a calendar feed needs to update an imported copy
instead of adding another: ``identity``, which stays the same while the item
moves or changes (a snoozed follow-up, a renewed agreement, a moved event),
and ``revision``, the number of changes the files record for it (see
``core/withdrawn.py`` for items done or withdrawn).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from partnerctl.core.facts import (
    NO_ACTION,
    cadence_dates,
    contact_slot,
    last_touch,
    last_touch_text,
)
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
    # What makes it the same item on another day, after a move or an edit (for UIDs).
    identity: tuple[str, ...] = ()
    partner: str | None = None
    partner_name: str | None = None
    event: str | None = None
    owner: str | None = None
    partners: tuple[str, ...] = ()
    detail: str | None = None
    end: _Date | None = None  # the last day of a span (school breaks)
    overdue_since: _Date | None = None  # its own day, when it is late and shown on today
    # A check-in's own day (when it fell due), when it shows on another (today, after a season).
    due: _Date | None = None
    # Changes the files record for it: a contact slot's touchpoints, a done item's close.
    revision: int = 0
    changed: _Date | None = None  # the newest of those changes, when they are dated
    # Done or withdrawn (core/withdrawn.py): the feed publishes it cancelled.
    cancelled: bool = False

    def shown_on(self, start: _Date) -> _Date:
        """The day the entry shows in an agenda beginning at `start` (a span's first day in it)."""
        return max(self.date, start) if self.end is not None else self.date


@dataclass(frozen=True)
class Calendar:
    """The entries of [start, end], sorted by day, kind, oldest overdue first, and title."""

    start: date
    end: date
    entries: tuple[Entry, ...]


def ordinals(keys: Iterable[tuple[str, ...]]) -> list[str]:
    """Each key's number among the equal keys before it (`0`, `1`, ...), for identities.

    Two agreements of one kind, or two spotlights of one place and title, are
    told apart by their order in the file, which an edit to one keeps.
    """
    seen: dict[tuple[str, ...], int] = {}
    out: list[str] = []
    for key in keys:
        out.append(str(seen.get(key, 0)))
        seen[key] = seen.get(key, 0) + 1
    return out


def _partner_entries(
    partner: PartnerRec, settings: SettingsRec, today: date, start: date, end: date
) -> Iterable[Entry]:
    pid, name, owner = partner["id"], partner["name"], partner["owner"]

    def entry(day: date, kind: str, title: str, identity: tuple[str, ...], **rest: Any) -> Entry:
        return Entry(day, kind, title, (kind, pid, *identity), pid, name, owner=owner, **rest)

    def placed(day: date) -> tuple[date, date | None] | None:
        """(the day it shows, the day it is overdue since), or None outside the window."""
        if day < today and start <= today <= end:
            return today, day
        return (day, None) if start <= day <= end else None

    declined = partner["stage"] == "declined"
    # The follow-up and the projected check-in are one item, the partner's next
    # contact: planning a follow-up over a check-in, or snoozing it, moves it.
    slot = ("contact", pid, contact_slot(partner)[0])
    revision = len(partner["touchpoints"])
    changed = last_touch(partner) if revision else None
    nxt = partner["next"]
    shown = None if nxt is None else placed(nxt["date"])
    if nxt is not None and shown is not None:
        title = "follow up: " + nxt["action"] if nxt["action"] else NO_ACTION
        yield Entry(
            shown[0], "follow-up", title, slot, pid, name, owner=owner,
            overdue_since=shown[1], revision=revision, changed=changed,
        )  # fmt: skip
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
            yield Entry(
                day, "cadence", title, slot, pid, name, owner=owner, detail=detail,
                due=dates[0] if dates is not None else None, revision=revision, changed=changed,
            )  # fmt: skip
    spots = partner["spotlights"]
    numbers = ordinals((spot["where"], spot["title"] or "") for spot in spots)
    for spot, number in zip(spots, numbers, strict=True):
        if spot["status"] != "planned":
            continue
        shown = placed(spot["date"])
        if shown is not None:
            title = f"spotlight ({spot['where']})" + (f": {spot['title']}" if spot["title"] else "")
            which = (spot["where"], spot["title"] or "", number)
            yield entry(shown[0], "spotlight", title, which, overdue_since=shown[1])
    if declined:
        return
    deals = partner["agreements"]
    for deal, number in zip(deals, ordinals((d["kind"],) for d in deals), strict=True):
        shown = placed(deal["expires"])
        if shown is not None:
            verb = "expired" if deal["expires"] < today else "expires"
            title = f"{deal['kind']} agreement {verb}"
            yield entry(
                shown[0], "agreement", title, (deal["kind"], number), overdue_since=shown[1]
            )
    for index, season in enumerate(partner["busy_seasons"]):
        why = f": {season['why']}" if season["why"] else ""
        for first, last_day in season_spans_between(season, start, end):
            # One season recurs every year: its place in the list and the year it begins.
            season_key = (str(index), str(first.year))
            if start <= first <= end:
                title = f"busy season begins{why}"
                detail = f"until {last_day}"
                yield entry(first, "busy-season", title, ("begins", *season_key), detail=detail)
            if start <= last_day <= end:
                title = f"busy season ends{why}"
                yield entry(last_day, "busy-season", title, ("ends", *season_key))


def _event_entries(event: EventRec, start: date, end: date) -> Iterable[Entry]:
    # An occurrence is the event's n-th, counted from its first day: moving the
    # event (or changing its rule) moves each occurrence instead of replacing it.
    # (Expanding a rule walks from its first day anyway, so counting costs nothing.)
    for number, day in enumerate(occurrences(event, event["date"], end)):
        if day < start:
            continue
        yield Entry(
            day,
            "event",
            event["name"],
            ("event", event["id"], str(number)),
            event=event["id"],
            owner=event["owner"],
            partners=tuple(event["partners"]),
            detail=event["notes"],
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
    breaks = settings["school_breaks"]
    for rest, number in zip(breaks, ordinals((b["name"],) for b in breaks), strict=True):
        if rest["from"] <= end and rest["to"] >= start:
            identity = ("school-break", rest["name"], number)
            found.append(
                Entry(rest["from"], "school-break", rest["name"], identity, end=rest["to"])
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
            e.identity,
        )
    )
    return Calendar(start, end, tuple(found))
