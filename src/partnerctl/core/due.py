"""The due engine: every rule of DESIGN's "What is due", its statuses, dates and order.

`due_items` is pure: settings, partner and event records and the day T in, a
sorted list of :class:`DueItem` out. The urgency of an item is a sum of named
terms (`DueItem.terms`) so that `due --explain` can show why one item ranks
above another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from partnerctl.core.facts import (
    DECISION_STAGES,
    NO_ACTION,
    cadence_rule,
    decision_maker,
    last_touch,
    last_touch_text,
    main_contact,
    recognition,
)
from partnerctl.dates import add_days, after_busy_seasons, busy_season_at
from partnerctl.records import EventRec, PartnerRec, SettingsRec
from partnerctl.recurrence import occurrences

KINDS = ("follow-up", "cadence", "event", "recognition", "decision-maker", "agreement")
STATUSES = ("overdue", "due", "upcoming", "deferred")
ACTIONABLE = frozenset({"overdue", "due"})  # what `due --check` counts

# DESIGN "Order": the urgency terms.
LATENESS_PER_DAY = 0.1
LATENESS_CAP = 5.0
STAGE_WEIGHT = {
    "committed": 3,
    "active": 3,
    "meeting": 2,
    "contacted": 1,
    "lapsed": 1,
    "prospect": 0,
    "paused": 0,
}
EARLY_ADOPTER_WEIGHT = 1
KIND_WEIGHT = {
    "follow-up": 2,
    "agreement": 2,
    "event": 1,
    "cadence": 0,
    "recognition": 0,
    "decision-maker": -1,
}
TERM_NAMES = ("lateness", "stage", "early_adopter", "kind")
_Date = date  # for fields declared after the field named `date`


@dataclass(frozen=True)
class DueItem:
    """One thing to do, with DESIGN's JSON keys as fields (None where they do not apply)."""

    kind: str
    status: str
    date: date
    days_late: int
    action: str
    urgency: float
    terms: dict[str, float] = field(hash=False)
    partner: str | None = None
    contact: str | None = None
    channel: str | None = None
    owner: str | None = None
    warnings: tuple[str, ...] = ()
    event: str | None = None
    event_date: _Date | None = None
    partners: tuple[str, ...] = ()
    deferred_until: _Date | None = None
    # Not in the JSON: the partner's file (for hints such as "edit partners/x.yaml").
    file: str | None = field(default=None, compare=False)

    def as_json(self) -> dict[str, Any]:
        """DESIGN's JSON object for this item; keys that do not apply are left out."""
        out: dict[str, Any] = {}
        if self.event is None:
            out["partner"] = self.partner
        out["kind"] = self.kind
        out["status"] = self.status
        out["date"] = self.date.isoformat()
        out["days_late"] = self.days_late
        out["action"] = self.action
        if self.event is not None:
            out["event"] = self.event
            out["event_date"] = self.event_date.isoformat() if self.event_date else None
            out["partners"] = list(self.partners)
        for key in ("contact", "channel", "owner"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        out["urgency"] = self.urgency
        if self.warnings:
            out["warnings"] = list(self.warnings)
        if self.deferred_until is not None:
            out["deferred_until"] = self.deferred_until.isoformat()
        return out

    @property
    def subject(self) -> str:
        """The partner id, or the event id for an event's item."""
        return self.event if self.event is not None else (self.partner or "")


def urgency_terms(kind: str, days_late: int, partner: PartnerRec | None) -> dict[str, float]:
    """The named urgency terms of DESIGN's "Order" (all four, zeros included)."""
    lateness = min(LATENESS_CAP, round(LATENESS_PER_DAY * max(0, days_late), 1))
    stage = float(STAGE_WEIGHT.get(partner["stage"], 0)) if partner is not None else 0.0
    early = float(EARLY_ADOPTER_WEIGHT) if partner is not None and partner["early_adopter"] else 0.0
    return {
        "lateness": lateness,
        "stage": stage,
        "early_adopter": early,
        "kind": float(KIND_WEIGHT[kind]),
    }


def _status(day: date, today: date, *, overdue: bool) -> str:
    if day > today:
        return "upcoming"
    return "overdue" if overdue else "due"


class _Builder:
    """Makes the items of one run: knows T and the horizon T + within."""

    def __init__(self, settings: SettingsRec, today: date, within: int, deferred: bool) -> None:
        self.settings = settings
        self.today = today
        self.horizon = add_days(today, max(0, within))
        self.include_deferred = deferred
        self.items: list[DueItem] = []

    def add_partner_item(
        self,
        partner: PartnerRec,
        kind: str,
        status: str,
        day: date,
        action: str,
        *,
        warnings: tuple[str, ...] = (),
        deferred_until: date | None = None,
    ) -> None:
        days_late = (self.today - day).days
        terms = urgency_terms(kind, days_late, partner)
        contact = main_contact(partner)
        self.items.append(
            DueItem(
                kind=kind,
                status=status,
                date=day,
                days_late=days_late,
                action=action,
                urgency=round(sum(terms.values()), 2),
                terms=terms,
                partner=partner["id"],
                contact=contact["name"] if contact is not None else None,
                channel=partner["channel"],
                owner=partner["owner"],
                warnings=warnings,
                deferred_until=deferred_until,
                file=partner["file"],
            )
        )

    # --- the rules, one method each -----------------------------------------

    def follow_up(self, partner: PartnerRec) -> None:
        """Rule 1; a follow-up in a busy season is never deferred, only warned about."""
        step = partner["next"]
        if step is None or step["date"] > self.horizon:
            return
        day = step["date"]
        status = _status(day, self.today, overdue=day < self.today)
        warnings: tuple[str, ...] = ()
        span = busy_season_at(partner["busy_seasons"], max(day, self.today))
        if span is not None:
            warnings = (f"busy season until {span[1]:%m-%d}",)
        action = step["action"] or NO_ACTION
        self.add_partner_item(partner, "follow-up", status, day, action, warnings=warnings)

    def cadence(self, partner: PartnerRec) -> None:
        """Rules 2 and 3: ideal → due, max → overdue; a busy season defers it."""
        rule = cadence_rule(partner, self.settings)
        if rule is None or partner["next"] is not None:
            return
        last = last_touch(partner)
        if last is None:
            day, late_day = self.today, None
        else:
            day = add_days(last, rule["ideal"])
            late_day = add_days(last, rule["max"])
        if day > self.horizon:  # most partners of a large workspace: no text to build
            return
        action = (
            "check in (never touched)"
            if last is None
            else f"check in ({last_touch_text(partner)}, every {rule['ideal']} days)"
        )
        acting_day = max(day, self.today)
        seasons = partner["busy_seasons"]
        if busy_season_at(seasons, acting_day) is not None:
            if self.include_deferred:
                until = after_busy_seasons(seasons, acting_day)
                self.add_partner_item(
                    partner, "cadence", "deferred", day, action, deferred_until=until
                )
            return
        overdue = late_day is not None and self.today >= late_day
        status = _status(day, self.today, overdue=overdue)
        self.add_partner_item(partner, "cadence", status, day, action)

    def recognize(self, partner: PartnerRec) -> None:
        """Rule 5, through core.facts.recognition."""
        found = recognition(partner, self.settings, self.today)
        if found is None or found.date > self.horizon:
            return
        status = _status(found.date, self.today, overdue=False)
        self.add_partner_item(partner, "recognition", status, found.date, found.reason)

    def find_decision_maker(self, partner: PartnerRec) -> None:
        """Rule 6: due today while the partner has no decision maker."""
        if partner["stage"] in DECISION_STAGES and decision_maker(partner) is None:
            self.add_partner_item(
                partner, "decision-maker", "due", self.today, "find the decision maker"
            )

    def agreements(self, partner: PartnerRec) -> None:
        """Rule 7: due `agreements_notice` days before expiry, overdue once expired."""
        notice = self.settings["agreements_notice"]
        for agreement in partner["agreements"]:
            expires = agreement["expires"]
            day = add_days(expires, -notice)
            if day > self.horizon:
                continue
            expired = expires < self.today
            verb = "expired" if expired else "expires"
            action = f"renew {agreement['kind']} ({verb} {expires.isoformat()})"
            status = _status(day, self.today, overdue=expired)
            self.add_partner_item(partner, "agreement", status, day, action)

    def event(self, event: EventRec) -> None:
        """Rule 4: an occurrence E gives one item from E − prepare through E."""
        prepare = event["prepare"]
        for when in occurrences(event, self.today, add_days(self.horizon, prepare)):
            day = add_days(when, -prepare)
            days_late = (self.today - day).days
            terms = urgency_terms("event", days_late, None)
            self.items.append(
                DueItem(
                    kind="event",
                    status="due" if day <= self.today else "upcoming",
                    date=day,
                    days_late=days_late,
                    action=f"prepare: {event['name']} on {when.isoformat()}",
                    urgency=round(sum(terms.values()), 2),
                    terms=terms,
                    owner=event["owner"],
                    event=event["id"],
                    event_date=when,
                    partners=tuple(event["partners"]),
                    file=event["file"],
                )
            )


def sort_key(item: DueItem) -> tuple[int, float, date, str, int]:
    """DESIGN's order: status, urgency (highest first); then date, id and kind for stability."""
    return (
        STATUSES.index(item.status),
        -item.urgency,
        item.date,
        item.subject,
        KINDS.index(item.kind),
    )


def due_items(
    settings: SettingsRec,
    partners: Iterable[PartnerRec] | Mapping[str, PartnerRec],
    events: Iterable[EventRec],
    today: date,
    *,
    within: int = 0,
    include_deferred: bool = False,
) -> list[DueItem]:
    """Everything due on `today` (and up to `within` days ahead), sorted as DESIGN says.

    `partners` may be the workspace's id → record mapping or any iterable of
    records. Declined partners are never due. Deferred cadence items are only
    returned with `include_deferred`.
    """
    records = partners.values() if isinstance(partners, Mapping) else partners
    build = _Builder(settings, today, within, include_deferred)
    for partner in records:
        if partner["stage"] == "declined":
            continue
        build.follow_up(partner)
        build.cadence(partner)
        build.recognize(partner)
        build.find_decision_maker(partner)
        build.agreements(partner)
    for event in events:
        build.event(event)
    return sorted(build.items, key=sort_key)


def for_owner(items: Iterable[DueItem], owner: str) -> list[DueItem]:
    """DESIGN's `--owner X`: X's partners' items, and events whose owner is X or none."""
    kept: list[DueItem] = []
    for item in items:
        if item.event is not None:
            if item.owner is None or item.owner == owner:
                kept.append(item)
        elif item.owner == owner:
            kept.append(item)
    return kept


def actionable(items: Iterable[DueItem]) -> list[DueItem]:
    """The items `due --check` counts: overdue and due."""
    return [item for item in items if item.status in ACTIONABLE]


def next_due(
    settings: SettingsRec,
    partners: Iterable[PartnerRec] | Mapping[str, PartnerRec],
    events: Iterable[EventRec],
    today: date,
    *,
    horizon: int = 366,
    owner: str | None = None,
) -> DueItem | None:
    """The first item that becomes due after `today` within `horizon` days, or None.

    With `owner`, only what `for_owner` keeps.
    """
    found = due_items(settings, partners, events, today, within=horizon)
    if owner is not None:
        found = for_owner(found, owner)
    ahead = [item for item in found if item.status == "upcoming"]
    if not ahead:
        return None
    return min(ahead, key=lambda item: (item.date, *sort_key(item)))
