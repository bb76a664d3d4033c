"""What `due` returns: DueItem, the kinds and statuses, and the urgency terms.

DESIGN's "Order": an item's urgency is a sum of named terms (`DueItem.terms`)
so that `due --explain` can show why one item ranks above another. The rules
that make items are in :mod:`partnerctl.core.due` and :mod:`partnerctl.core.due_wbl`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from partnerctl.records import PartnerRec

KINDS = (
    "follow-up",
    "cadence",
    "event",
    "recognition",
    "decision-maker",
    "agreement",
    "conflict",
    # work-based learning (core.due_wbl)
    "paperwork",
    "expiry",
    "hours",
    "evaluation",
    "advisory-notice",
    "advisory-term",
    "advisory-meetings",
)
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
    # A merge conflict: one of two people's values is in place, maybe the wrong one.
    "conflict": 3,
    "paperwork": 3,
    "expiry": 2,
    "hours": 1,
    "evaluation": 1,
    "advisory-notice": 1,
    "advisory-term": 0,
    "advisory-meetings": 0,
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
    # The commands that act on it, ready to paste (core.suggest).
    commands: tuple[str, ...] = ()
    # Work-based learning: the placement, its student's code (left out with
    # --no-students), the committee's pathway and member of an advisory item.
    placement: str | None = None
    student: str | None = None
    pathway: str | None = None
    member: str | None = None
    # The rule that made the item, in words (`due --explain`), for the kinds that have one.
    rule: str | None = field(default=None, compare=False)
    # Not in the JSON but for a conflict: the file (for hints such as "edit partners/x.yaml").
    file: str | None = field(default=None, compare=False)
    # The school whose workspace it is from, in a district's `due` (core.district).
    school: str | None = None

    def as_json(self) -> dict[str, Any]:
        """DESIGN's JSON object for this item; keys that do not apply are left out."""
        out: dict[str, Any] = {}
        if self.school is not None:
            out["school"] = self.school
        if self.event is None and self.partner is not None:
            out["partner"] = self.partner
        if self.kind == "conflict":
            out["file"] = self.file
        for key in ("placement", "student", "member", "pathway"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
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
        if self.commands:
            out["commands"] = list(self.commands)
        return out

    @property
    def subject(self) -> str:
        """The event, placement, member, pathway or partner's id it is about, else a file."""
        for found in (self.event, self.placement, self.member):
            if found is not None:
                return found
        if self.partner is None and self.pathway is not None:
            return self.pathway
        return self.partner or self.file or ""  # a conflict in settings or events: its file


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


def status_for(day: date, today: date, *, overdue: bool) -> str:
    """`upcoming` for a day after today, else `overdue` or `due`."""
    if day > today:
        return "upcoming"
    return "overdue" if overdue else "due"
