"""`plan`: a dated first or next touch for each prospect and lapsed partner without a `next`.

Partners are placed best fit first (see :mod:`partnerctl.core.prospects`).
A proposed day lies in the window [start, start + 7·weeks − 1] and

- is on or after the partner's cadence date (last touch + the stage's
  `ideal`; a partner never touched may be planned any day),
- is a workday from the settings,
- is outside every school break,
- is outside the partner's busy seasons (which may wrap the new year),
- is in an ISO week that holds fewer than `per_week` proposals.

Each partner takes the first ISO week that has room and a free day, and in it
the free day with the fewest proposals so far (the earliest on ties), so a
week's touches spread over its days.

A partner named by an event is planned for the first occurrence of that event
that meets the cadence rule and the weekly cap, with "Meet at EVENT" as the
action. The event day need not be a workday or outside breaks and busy
seasons: the event happens anyway. It counts toward the weekly cap like any
other proposal. Partners that fit nowhere are listed with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from partnerctl.core.facts import cadence_dates, last_touch, last_touch_text, main_contact
from partnerctl.core.prospects import Fit, rank_prospects
from partnerctl.core.workdays import is_open_day
from partnerctl.dates import add_days, busy_season_at
from partnerctl.records import EventRec, PartnerRec, SettingsRec
from partnerctl.recurrence import occurrences

PLAN_STAGES = ("prospect", "lapsed")


@dataclass(frozen=True)
class Proposal:
    """One planned touch: the day, what to do, and why this day."""

    partner: str
    name: str
    date: date
    action: str
    reason: str
    event: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The JSON item: partner, date, action, reason, and the event it meets at, if any."""
        data = {
            "partner": self.partner,
            "date": self.date.isoformat(),
            "action": self.action,
            "reason": self.reason,
        }
        if self.event is not None:
            data["event"] = self.event
        return data


@dataclass(frozen=True)
class Unplaced:
    """A partner that fits nowhere in the window, and why."""

    partner: str
    name: str
    reason: str

    def as_json(self) -> dict[str, Any]:
        """The JSON item: partner, reason."""
        return {"partner": self.partner, "reason": self.reason}


@dataclass(frozen=True)
class Plan:
    """The proposals in date order, the partners left out, and the window."""

    start: date
    end: date
    per_week: int
    items: tuple[Proposal, ...]
    unplaced: tuple[Unplaced, ...]


def _week(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso[0], iso[1]


def touch_action(partner: PartnerRec) -> str:
    """What to do on a planned day: introduce, follow up or reconnect, with whom."""
    contact = main_contact(partner)
    if partner["stage"] == "lapsed":
        text, joiner = "Reconnect", " with "
    elif last_touch(partner) is None:
        text, joiner = "Introduce the partner program", " to "
    else:
        text, joiner = "Follow up on the introduction", " with "
    return text + (joiner + contact["name"] if contact else "")


def _window_days(start: date, end: date) -> list[date]:
    return [add_days(start, n) for n in range((end - start).days + 1)]


def _event_days(
    events: Iterable[EventRec], start: date, end: date
) -> dict[str, list[tuple[date, EventRec]]]:
    """Partner id → the (day, event) occurrences in [start, end] that name it, in order.

    Built once per plan: expanding a repeat rule is the costly part.
    """
    found: dict[str, list[tuple[date, EventRec]]] = {}
    for event in events:
        if not event["partners"]:
            continue
        for day in occurrences(event, start, end):
            for partner_id in event["partners"]:
                found.setdefault(partner_id, []).append((day, event))
    for pairs in found.values():
        pairs.sort(key=lambda pair: (pair[0], pair[1]["id"]))
    return found


@dataclass
class _Planner:
    settings: SettingsRec
    events: dict[str, list[tuple[date, EventRec]]]
    start: date
    end: date
    per_week: int
    booked: dict[tuple[int, int], int] = field(default_factory=dict)
    per_day: dict[date, int] = field(default_factory=dict)

    def has_room(self, day: date) -> bool:
        return self.booked.get(_week(day), 0) < self.per_week

    def spread_day(self, free: list[date]) -> date | None:
        """In the first week of `free` days with room, its least booked day (earliest on ties)."""
        for day in free:
            if self.has_room(day):
                week = [d for d in free if _week(d) == _week(day)]
                return min(week, key=lambda d: (self.per_day.get(d, 0), d))
        return None

    def place(self, partner: PartnerRec, fit: Fit) -> Proposal | Unplaced:
        earliest = self.start
        due = cadence_dates(partner, self.settings)
        why = f"fit {fit.score:g}; "
        if due is None:
            why += "never touched"
        else:
            why += f"{last_touch_text(partner)}, cadence due {due[0]}"
            earliest = max(earliest, due[0])
        if earliest > self.end:
            return Unplaced(
                partner["id"],
                partner["name"],
                f"cadence: not due until {earliest.isoformat()}, after {self.end.isoformat()}",
            )
        for day, event in self.events.get(partner["id"], []):
            if day >= earliest and self.has_room(day):
                return self._book(
                    Proposal(
                        partner["id"],
                        partner["name"],
                        day,
                        "Meet at " + event["name"],
                        why + f"; named by event {event['id']}",
                        event["id"],
                    )
                )
        days = _window_days(earliest, self.end)
        seasons = partner["busy_seasons"]
        open_days = [day for day in days if is_open_day(self.settings, day)]
        free = [day for day in open_days if busy_season_at(seasons, day) is None]
        chosen = self.spread_day(free)
        if chosen is not None:
            return self._book(
                Proposal(partner["id"], partner["name"], chosen, touch_action(partner), why)
            )
        span = f"{earliest.isoformat()} to {self.end.isoformat()}"
        if not open_days:
            reason = f"no workday outside school breaks from {span}"
        elif not free:
            reason = f"in its busy season on every open day from {span}"
        else:
            reason = f"every week with a free day is full (--per-week {self.per_week})"
        return Unplaced(partner["id"], partner["name"], reason)

    def _book(self, proposal: Proposal) -> Proposal:
        week = _week(proposal.date)
        self.booked[week] = self.booked.get(week, 0) + 1
        self.per_day[proposal.date] = self.per_day.get(proposal.date, 0) + 1
        return proposal


def plan_outreach(
    settings: SettingsRec,
    partners: Mapping[str, PartnerRec] | Iterable[PartnerRec],
    events: Iterable[EventRec],
    today: date,
    *,
    start: date,
    weeks: int = 6,
    per_week: int = 3,
) -> Plan:
    """Propose a day for each prospect and lapsed partner without a `next`.

    `today` judges the fit (its busy-season term); `start` opens the window.
    """
    records = list(partners.values()) if isinstance(partners, Mapping) else list(partners)
    candidates = [p for p in records if p["next"] is None]
    fits = rank_prospects(settings, candidates, today, stages=PLAN_STAGES)
    by_id = {p["id"]: p for p in candidates}
    end = add_days(start, 7 * weeks - 1)
    planner = _Planner(settings, _event_days(events, start, end), start, end, per_week)
    items: list[Proposal] = []
    unplaced: list[Unplaced] = []
    for fit in fits:
        found = planner.place(by_id[fit.partner], fit)
        if isinstance(found, Proposal):
            items.append(found)
        else:
            unplaced.append(found)
    items.sort(key=lambda item: (item.date, item.name.casefold(), item.partner))
    return Plan(start, end, per_week, tuple(items), tuple(unplaced))
