"""Small facts about one partner that several commands share (due, calendar, pitch, ...)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from partnerctl.dates import add_days
from partnerctl.records import (
    CadenceRec,
    ContactRec,
    PartnerRec,
    SettingsRec,
    SpotlightRec,
    TouchpointRec,
)

# Stages that have a decision maker worth insisting on (DESIGN, rule 6).
DECISION_STAGES = frozenset({"meeting", "committed", "active"})

# What a scheduled follow-up (`next`) without an `action` reads as, in every command.
NO_ACTION = "follow up (no action set)"


def miles_away(miles: float) -> str:
    """`2.4 miles away`, `1 mile away`."""
    return f"{miles:g} {'mile' if miles == 1 else 'miles'} away"


def last_touch(partner: PartnerRec) -> date | None:
    """The newest touchpoint's date, else `since`, else None (never touched)."""
    if partner["touchpoints"]:
        return max(touch["date"] for touch in partner["touchpoints"])
    return partner["since"]


def last_touch_text(partner: PartnerRec) -> str | None:
    """`last touch DATE` (newest touchpoint), `partner since DATE` (none yet), or None.

    The wording every command uses for the day a partner's cadence counts from.
    """
    last = last_touch(partner)
    if last is None:
        return None
    what = "last touch" if partner["touchpoints"] else "partner since"
    return f"{what} {last.isoformat()}"


def cadence_rule(partner: PartnerRec, settings: SettingsRec) -> CadenceRec | None:
    """The cadence of the partner's stage; None for declined partners (never due)."""
    return settings["cadence"].get(partner["stage"])


def cadence_dates(partner: PartnerRec, settings: SettingsRec) -> tuple[date, date] | None:
    """(due, overdue) dates of the cadence rule: last + ideal, last + max, on open days.

    A check-in that would fall on a non-workday or in a school break falls on
    the next open day instead (core.workdays), so `due`, `calendar` and the
    ICS feed show it on the same day. None when the stage has no cadence
    (declined) or the partner was never touched and has no `since` (the
    caller treats that as due now).
    """
    from partnerctl.core.workdays import next_open_day

    rule = cadence_rule(partner, settings)
    last = last_touch(partner)
    if rule is None or last is None:
        return None
    due = next_open_day(settings, add_days(last, rule["ideal"]))
    late = next_open_day(settings, add_days(last, rule["max"]))
    return due, max(due, late)


def decision_maker(partner: PartnerRec) -> ContactRec | None:
    """The first contact marked `decision_maker`, or None."""
    for contact in partner["contacts"]:
        if contact["decision_maker"]:
            return contact
    return None


def find_contact(
    contacts: Sequence[Mapping[str, object]], name: str, *, decision_makers_first: bool = False
) -> int | None:
    """The index of the contact called `name`, case and spacing aside, or None.

    How `contact --name` and `import`'s contact columns find a partner's
    contact. Where two share the name, the first wins; with
    `decision_makers_first`, the first of them marked decision maker (the one
    an export's contact columns showed).
    """
    from partnerctl.core.text import text_key

    wanted = text_key(name)
    found = [
        index
        for index, person in enumerate(contacts)
        if text_key(str(person.get("name") or "")) == wanted
    ]
    if decision_makers_first:
        found.sort(key=lambda index: not contacts[index].get("decision_maker"))
    return found[0] if found else None


def main_contact(partner: PartnerRec) -> ContactRec | None:
    """Who to reach: the decision maker, else the first contact."""
    found = decision_maker(partner)
    if found is None and partner["contacts"]:
        return partner["contacts"][0]
    return found


def newest_spotlight(partner: PartnerRec, *, published_only: bool) -> SpotlightRec | None:
    """The newest spotlight (only published ones when asked), or None."""
    chosen: SpotlightRec | None = None
    for spot in partner["spotlights"]:
        if published_only and spot["status"] != "published":
            continue
        if chosen is None or spot["date"] >= chosen["date"]:
            chosen = spot
    return chosen


@dataclass(frozen=True)
class Recognition:
    """Why and since when an active partner is due public recognition (DESIGN rule 5)."""

    date: date  # the day recognition fell (or falls) due
    reason: str
    milestone: TouchpointRec | None  # the milestone touchpoint behind it, if any


def recognition(partner: PartnerRec, settings: SettingsRec, today: date) -> Recognition | None:
    """When an active partner falls due for recognition, or None.

    Two causes: the newest published spotlight (else `since`) is
    `spotlight_every` days old; or a `milestone` touchpoint is dated after the
    newest spotlight (planned or published). The result's date may lie after
    `today` (the caller decides between due and upcoming); with both causes the
    earlier date wins and the milestone is kept for a suggested title.
    """
    if partner["stage"] != "active":
        return None
    every = settings["spotlight_every"]
    published = newest_spotlight(partner, published_only=True)
    basis = published["date"] if published is not None else partner["since"]
    periodic: Recognition | None
    if basis is None:
        periodic = Recognition(today, "no spotlight on record", None)
    else:
        what = "last spotlight" if published is not None else "partner since"
        periodic = Recognition(
            add_days(basis, every),
            f"{what} {basis.isoformat()}: recognize every {every} days",
            None,
        )
    newest_any = newest_spotlight(partner, published_only=False)
    milestones = [
        touch
        for touch in partner["touchpoints"]
        if touch["outcome"] == "milestone"
        and (newest_any is None or touch["date"] > newest_any["date"])
    ]
    if not milestones:
        return periodic
    milestone = max(milestones, key=lambda touch: touch["date"])
    summary = milestone["summary"] or "a milestone"
    reason = f"milestone {milestone['date'].isoformat()}: {summary}"
    first_milestone = min(touch["date"] for touch in milestones)
    when = min(first_milestone, periodic.date)
    return Recognition(when, reason, milestone)


@dataclass(frozen=True)
class Closing:
    """A touchpoint that closed a follow-up (its `closes:`), and the follow-up's slot key."""

    position: int  # the touchpoint's place in the file, from 1
    touch: TouchpointRec
    key: str  # the contact_slot key the closed follow-up had


def contact_slot(partner: PartnerRec) -> tuple[str, list[Closing]]:
    """The key of the partner's current contact slot, and the touches that closed earlier ones.

    A partner has one next contact at a time: its follow-up (`next`), else its
    projected check-in. That slot keeps its identity while it moves (snooze,
    a new touch, a follow-up planned over a check-in) and gets a new one each
    time a touch closes a follow-up (`closes:`, written by `log`): the key is
    the date the last closed follow-up had, '' before any. Touches are read in
    file order; a touch that closes the same date again (two people logging
    the same call, merged) closes nothing new.
    """
    key = ""
    closings: list[Closing] = []
    for position, touch in enumerate(partner["touchpoints"], start=1):
        closes = touch["closes"]
        if closes is None or closes.isoformat() == key:
            continue
        closings.append(Closing(position, touch, key))
        key = closes.isoformat()
    return key, closings
