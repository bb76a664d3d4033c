"""The due engine: every rule of DESIGN's "What is due", its statuses, dates and order.

`due_items` is pure: settings, partner and event records and the day T in, a
sorted list of :class:`DueItem` out. The urgency of an item is a sum of named
terms (`DueItem.terms`) so that `due --explain` can show why one item ranks
above another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from partnerctl.core import suggest
from partnerctl.core.dueitem import (
    ACTIONABLE,
    KINDS,
    STATUSES,
    TERM_NAMES,
    DueItem,
    status_for,
    urgency_terms,
)
from partnerctl.core.facts import (
    DECISION_STAGES,
    NO_ACTION,
    cadence_dates,
    cadence_rule,
    decision_maker,
    last_touch,
    last_touch_text,
    main_contact,
    recognition,
)
from partnerctl.core.text import text_key
from partnerctl.dates import add_days, after_busy_seasons, busy_season_at
from partnerctl.records import ConflictRec, EventRec, PartnerRec, PlacementRec, SettingsRec
from partnerctl.recurrence import occurrences

__all__ = [
    "ACTIONABLE",
    "KINDS",
    "STATUSES",
    "TERM_NAMES",
    "Builder",
    "DueItem",
    "actionable",
    "due_items",
    "for_owner",
    "next_due",
    "sort_key",
    "urgency_terms",
]


class Builder:
    """Makes the items of one run: knows T and the horizon T + within."""

    def __init__(self, settings: SettingsRec, today: date, within: int, deferred: bool) -> None:
        self.settings = settings
        self.today = today
        self.horizon = add_days(today, max(0, within))
        self.include_deferred = deferred
        self.items: list[DueItem] = []
        # (partner, kind, holder's text_key, expires) → the index of its agreement item,
        # for the placement rules' warnings (core.due_wbl).
        self.agreement_items: dict[tuple[str, str, str, date], int] = {}

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
        commands: tuple[str, ...] = (),
        **more: Any,
    ) -> None:
        """An item about a partner; `more` sets other fields (contact, placement, rule, ...)."""
        contact = main_contact(partner)
        fields: dict[str, Any] = {
            "partner": partner["id"],
            "contact": contact["name"] if contact is not None else None,
            "channel": partner["channel"],
            "owner": partner["owner"],
            "file": partner["file"],
            **more,
        }
        self.add_item(
            kind,
            status,
            day,
            action,
            terms_of=partner,
            warnings=warnings,
            deferred_until=deferred_until,
            commands=commands,
            **fields,
        )

    def add_item(
        self,
        kind: str,
        status: str,
        day: date,
        action: str,
        *,
        terms_of: PartnerRec | None = None,
        **fields: Any,
    ) -> None:
        """An item of any kind: lateness and urgency from T; stage terms from `terms_of`."""
        days_late = (self.today - day).days
        terms = urgency_terms(kind, days_late, terms_of)
        self.items.append(
            DueItem(
                kind=kind,
                status=status,
                date=day,
                days_late=days_late,
                action=action,
                urgency=round(sum(terms.values()), 2),
                terms=terms,
                **fields,
            )
        )

    # --- the rules, one method each -----------------------------------------

    def follow_up(self, partner: PartnerRec) -> None:
        """Rule 1; a follow-up in a busy season is never deferred, only warned about."""
        step = partner["next"]
        if step is None or step["date"] > self.horizon:
            return
        day = step["date"]
        status = status_for(day, self.today, overdue=day < self.today)
        warnings: tuple[str, ...] = ()
        span = busy_season_at(partner["busy_seasons"], max(day, self.today))
        if span is not None:
            warnings = (f"busy season until {span[1]:%m-%d}",)
        action = step["action"] or NO_ACTION
        self.add_partner_item(
            partner,
            "follow-up",
            status,
            day,
            action,
            warnings=warnings,
            commands=suggest.follow_up(partner["id"]),
        )

    def cadence(self, partner: PartnerRec) -> None:
        """Rules 2 and 3: ideal → due, max → overdue; a busy season defers it."""
        rule = cadence_rule(partner, self.settings)
        if rule is None or partner["next"] is not None:
            return
        last = last_touch(partner)
        dates = cadence_dates(partner, self.settings)
        late_day: date | None
        if dates is None:
            day, late_day = self.today, None
        else:
            day, late_day = dates
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
                    partner,
                    "cadence",
                    "deferred",
                    day,
                    action,
                    deferred_until=until,
                    commands=suggest.check_in(partner["id"]),
                )
            return
        overdue = late_day is not None and self.today >= late_day
        status = status_for(day, self.today, overdue=overdue)
        self.add_partner_item(
            partner, "cadence", status, day, action, commands=suggest.check_in(partner["id"])
        )

    def recognize(self, partner: PartnerRec) -> None:
        """Rule 5, through core.facts.recognition; names a spotlight already planned."""
        from partnerctl.core.spotlight import planned_note, suggestion_for

        found = recognition(partner, self.settings, self.today)
        if found is None or found.date > self.horizon:
            return
        status = status_for(found.date, self.today, overdue=False)
        where, title = suggestion_for(partner, found, self.settings["program"])
        note = planned_note(partner)
        self.add_partner_item(
            partner,
            "recognition",
            status,
            found.date,
            found.reason,
            warnings=(note,) if note else (),
            commands=suggest.recognize(partner, max(self.today, found.date), where, title),
        )

    def find_decision_maker(self, partner: PartnerRec) -> None:
        """Rule 6: due today while the partner has no decision maker."""
        if partner["stage"] in DECISION_STAGES and decision_maker(partner) is None:
            self.add_partner_item(
                partner,
                "decision-maker",
                "due",
                self.today,
                "find the decision maker",
                commands=suggest.decision_maker(partner),
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
            status = status_for(day, self.today, overdue=expired)
            if agreement["holder"]:
                action = action.replace(")", f", {agreement['holder']})", 1)
            key = (partner["id"], agreement["kind"], text_key(agreement["holder"]), expires)
            self.agreement_items[key] = len(self.items)
            self.add_partner_item(
                partner,
                "agreement",
                status,
                day,
                action,
                commands=suggest.renew(partner, agreement),
            )

    def conflicts(self, partner: PartnerRec | None, file: str, found: list[ConflictRec]) -> None:
        """Each merge conflict of a file: due today, with the commands that resolve it."""
        from partnerctl.core.conflicts import described, resolve_commands

        target = partner["id"] if partner is not None else file
        for conflict in found:
            action = f"resolve {conflict['key']}: {described(conflict)}"
            commands = resolve_commands(target, conflict)
            if partner is not None:
                self.add_partner_item(
                    partner, "conflict", "due", self.today, action, commands=commands
                )
                continue
            terms = urgency_terms("conflict", 0, None)
            self.items.append(
                DueItem(
                    kind="conflict", status="due", date=self.today, days_late=0, action=action,
                    urgency=round(sum(terms.values()), 2), terms=terms, commands=commands,
                    file=file,
                )
            )  # fmt: skip

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
                    commands=suggest.event(event["partners"]),
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
    file_conflicts: Mapping[str, list[ConflictRec]] | None = None,
    placements: Iterable[PlacementRec] = (),
) -> list[DueItem]:
    """Everything due on `today` (and up to `within` days ahead), sorted as DESIGN says.

    `partners` may be the workspace's id → record mapping or any iterable of
    records. Declined partners are never due, except for their merge
    conflicts. Deferred cadence items are only returned with
    `include_deferred`. `file_conflicts` are the conflicts of other files
    (partnerctl.yaml, events), by file. `placements` give the work-based-learning
    items, and the advisory committee in `settings` its own (core.due_wbl).
    """
    from partnerctl.core import due_wbl

    records = list(partners.values() if isinstance(partners, Mapping) else partners)
    events = list(events)
    build = Builder(settings, today, within, include_deferred)
    for file, found in sorted((file_conflicts or {}).items()):
        build.conflicts(None, file, found)
    for partner in records:
        if partner["conflicts"]:
            build.conflicts(partner, partner["file"], partner["conflicts"])
        if partner["stage"] == "declined":
            continue
        build.follow_up(partner)
        build.cadence(partner)
        build.recognize(partner)
        build.find_decision_maker(partner)
        build.agreements(partner)
    for event in events:
        build.event(event)
    by_id = {partner["id"]: partner for partner in records}
    due_wbl.placement_items(build, placements, by_id)
    due_wbl.advisory_items(build, events, by_id)
    return sorted(build.items, key=sort_key)


def for_owner(items: Iterable[DueItem], owner: str) -> list[DueItem]:
    """DESIGN's `--owner X`: X's partners' items, and events whose owner is X or none.

    An item of no partner (an event's, the advisory committee's) goes by its own
    owner the same way: X's or no one's.
    """
    kept: list[DueItem] = []
    for item in items:
        if item.event is not None or item.partner is None:
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
    placements: Iterable[PlacementRec] = (),
) -> DueItem | None:
    """The first item that becomes due after `today` within `horizon` days, or None.

    With `owner`, only what `for_owner` keeps.
    """
    found = due_items(settings, partners, events, today, within=horizon, placements=placements)
    if owner is not None:
        found = for_owner(found, owner)
    ahead = [item for item in found if item.status == "upcoming"]
    if not ahead:
        return None
    return min(ahead, key=lambda item: (item.date, *sort_key(item)))
