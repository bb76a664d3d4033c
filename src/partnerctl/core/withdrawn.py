"""Items done or withdrawn lately, so that a calendar feed can update what was imported.

A feed imported as a file (not subscribed to) leaves in the calendar every
event it ever carried: only a new copy under the same UID changes one. So for
`DAYS` days after an item is done or withdrawn the feed still carries it:

- a follow-up closed by a touch (`closes:`, which `log` writes): cancelled, on
  its own day, under the UID of the contact slot it had (core/facts.py's
  ``contact_slot``); "done" when it was due by then, else "withdrawn";
- the check-in of a partner moved to `declined` by a touch, with no follow-up
  left: cancelled (declined partners get no check-ins);
- a planned spotlight that was published: kept, marked published (a success
  stays in the calendar), under the UID it had while planned.

What the files no longer hold cannot be withdrawn this way: a spotlight or an
agreement deleted from a file, a partner file removed or renamed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from datetime import date, timedelta

from partnerctl.core.calendar import Entry, ordinals
from partnerctl.core.facts import contact_slot
from partnerctl.records import PartnerRec

DAYS = 30


def _closed_follow_ups(partner: PartnerRec, since: date, today: date) -> Iterator[Entry]:
    pid, name = partner["id"], partner["name"]
    for closing in contact_slot(partner)[1]:
        touch = closing.touch
        closes = touch["closes"]
        if closes is None or not since <= touch["date"] <= today:
            continue
        verb = "done" if closes <= touch["date"] else "withdrawn"
        title = f"follow-up {verb} {touch['date'].isoformat()}"
        if touch["summary"]:
            title += f": {touch['summary']}"
        yield Entry(
            closes, "follow-up", title, ("contact", pid, closing.key), pid, name,
            owner=partner["owner"], detail=f"was set for {closes.isoformat()}",
            revision=closing.position, changed=touch["date"], cancelled=True,
        )  # fmt: skip


def _declined_check_in(partner: PartnerRec, since: date, today: date) -> Iterator[Entry]:
    if partner["stage"] != "declined" or partner["next"] is not None:
        return
    moves = [t for t in partner["touchpoints"] if t["stage"] == "declined"]
    if not moves or not since <= moves[-1]["date"] <= today:
        return
    day = moves[-1]["date"]
    pid = partner["id"]
    yield Entry(
        day, "cadence", f"check-ins end: declined {day.isoformat()}",
        ("contact", pid, contact_slot(partner)[0]), pid, partner["name"],
        owner=partner["owner"], revision=len(partner["touchpoints"]), changed=day,
        cancelled=True,
    )  # fmt: skip


def _published_spotlights(partner: PartnerRec, since: date) -> Iterator[Entry]:
    spots = partner["spotlights"]
    numbers = ordinals((spot["where"], spot["title"] or "") for spot in spots)
    for spot, number in zip(spots, numbers, strict=True):
        if spot["status"] != "published" or spot["date"] < since:
            continue
        title = f"spotlight published ({spot['where']})"
        title += f": {spot['title']}" if spot["title"] else ""
        pid = partner["id"]
        yield Entry(
            spot["date"], "spotlight", title,
            ("spotlight", pid, spot["where"], spot["title"] or "", number), pid,
            partner["name"], owner=partner["owner"], revision=1, changed=spot["date"],
        )  # fmt: skip


def recently_done(
    partners: Iterable[PartnerRec],
    today: date,
    *,
    owner: str | None = None,
    only: Collection[str] = (),
    days: int = DAYS,
) -> tuple[Entry, ...]:
    """The items done or withdrawn in the `days` days up to `today`, sorted by day.

    `owner` and `only` keep the partners that `calendar_entries` keeps.
    """
    since = today - timedelta(days=days)
    found: list[Entry] = []
    for partner in partners:
        if (owner is not None and partner["owner"] != owner) or (
            only and partner["id"] not in only
        ):
            continue
        found.extend(_closed_follow_ups(partner, since, today))
        found.extend(_declined_check_in(partner, since, today))
        found.extend(_published_spotlights(partner, since))
    found.sort(key=lambda e: (e.date, e.kind, e.partner or "", e.identity))
    return tuple(found)
