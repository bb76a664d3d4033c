"""Small facts about one partner that several commands share (due, calendar, pitch, ...)."""

from __future__ import annotations

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
    """(due, overdue) dates of the cadence rule: last + ideal, last + max.

    None when the stage has no cadence (declined) or the partner was never
    touched and has no `since` (the caller treats that as due now).
    """
    rule = cadence_rule(partner, settings)
    last = last_touch(partner)
    if rule is None or last is None:
        return None
    return add_days(last, rule["ideal"]), add_days(last, rule["max"])


def decision_maker(partner: PartnerRec) -> ContactRec | None:
    """The first contact marked `decision_maker`, or None."""
    for contact in partner["contacts"]:
        if contact["decision_maker"]:
            return contact
    return None


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
