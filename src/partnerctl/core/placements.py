"""Facts about placements that `due`, `report`, `show` and the edit rules share.

What paperwork a placement needs (by its offer kind, from the settings), who
holds each document and whether it is on file; hours logged and the pace they
should keep; whether the placement is ahead, running or over. Pure: records
and the day in, facts out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from partnerctl.core.text import text_key
from partnerctl.dates import add_days
from partnerctl.records import (
    HAZARDOUS_PAPERWORK,
    PAPERWORK_HOLDERS,
    WEEKDAYS,
    PartnerRec,
    PlacementRec,
    SettingsRec,
)

_Date = date  # for fields of a class that has a field named `date`

# Hours behind pace: `due` below this share of the hours the pace expects by now,
# `overdue` below the second; fewer than MIN_BEHIND hours short is never an item.
PACE_DUE = 0.8
PACE_OVERDUE = 0.5
MIN_BEHIND = 1.0


def required_paperwork(placement: PlacementRec, settings: SettingsRec) -> list[str]:
    """The kinds of paperwork the placement needs: its offer kind's, plus hazardous work's."""
    kinds = list(settings["paperwork"].get(placement["kind"], []))
    if placement["hazardous"] and HAZARDOUS_PAPERWORK not in kinds:
        kinds.append(HAZARDOUS_PAPERWORK)
    return kinds


@dataclass(frozen=True)
class Document:
    """One required document of a placement: who holds it, and what is on file."""

    kind: str
    holder: str  # "placement", "supervisor" or "partner"
    on_file: bool
    signed: _Date | None = None  # signed or received (placement paperwork)
    expires: _Date | None = None
    agreement_holder: str | None = None  # the `holder` of the partner agreement found

    def covers(self, day: date) -> bool:
        """Whether it is on file and has not expired by `day`."""
        return self.on_file and (self.expires is None or self.expires >= day)


def documents(
    placement: PlacementRec, partner: PartnerRec | None, settings: SettingsRec
) -> list[Document]:
    """Each required document and what is on file for it (partner's and supervisor's too).

    A placement's own documents are in its `paperwork`; the supervisor's (a
    background check) is a partner agreement whose `holder` is the supervisor,
    else one without a holder (the business's, for its staff); the partner's
    (insurance, an MOU) a partner agreement without a holder.
    Of several agreements of a kind, the one that expires last counts.
    """
    found: list[Document] = []
    for kind in required_paperwork(placement, settings):
        holder = PAPERWORK_HOLDERS[kind]
        if holder == "placement":
            entry = next((p for p in placement["paperwork"] if p["kind"] == kind), None)
            if entry is None:
                found.append(Document(kind, holder, False))
            else:
                found.append(Document(kind, holder, True, entry["date"], entry["expires"]))
            continue
        agreements = [] if partner is None else partner["agreements"]
        if holder == "supervisor":
            who = text_key(placement["supervisor"])
            mine = [a for a in agreements if a["kind"] == kind and text_key(a["holder"]) == who]
            # A check without a holder is the business's for its staff: it covers them.
            mine = mine or [a for a in agreements if a["kind"] == kind and a["holder"] is None]
        else:
            mine = [a for a in agreements if a["kind"] == kind and a["holder"] is None]
        if not mine:
            found.append(Document(kind, holder, False))
        else:
            latest = max(mine, key=lambda a: a["expires"])
            found.append(Document(kind, holder, True, None, latest["expires"], latest["holder"]))
    return found


def missing(
    placement: PlacementRec, partner: PartnerRec | None, settings: SettingsRec
) -> list[Document]:
    """The required documents not on file."""
    return [doc for doc in documents(placement, partner, settings) if not doc.on_file]


def is_over(placement: PlacementRec, today: date) -> bool:
    """Whether the placement has ended: an `outcome` recorded, or its `end` is past."""
    return placement["outcome"] is not None or placement["end"] < today


def phase(placement: PlacementRec, today: date) -> str:
    """`ahead` (before its start), `running` or `over`."""
    if is_over(placement, today):
        return "over"
    return "ahead" if today < placement["start"] else "running"


def hours_logged(
    placement: PlacementRec, start: date | None = None, end: date | None = None
) -> float:
    """The hours logged, all of them or those dated in [start, end]."""
    return sum(
        entry["hours"]
        for entry in placement["hours"]
        if (start is None or entry["date"] >= start) and (end is None or entry["date"] <= end)
    )


def _workdays(settings: SettingsRec, start: date, end: date) -> int:
    """The program's workdays in [start, end], counted week by week (no day-by-day loop)."""
    if end < start:
        return 0
    days = (end - start).days + 1
    weeks, rest = divmod(days, 7)
    names = set(settings["workdays"])
    first = start.weekday()
    tail = sum(1 for i in range(rest) if WEEKDAYS[(first + i) % 7] in names)
    return weeks * len(names & set(WEEKDAYS)) + tail


def open_days(settings: SettingsRec, start: date, end: date) -> int:
    """The open days (workdays outside school breaks) in [start, end].

    Arithmetic on weeks and on the breaks' spans, so a placement of any length
    costs the same.
    """
    count = _workdays(settings, start, end)
    spans = sorted(
        (max(rest["from"], start), min(rest["to"], end))
        for rest in settings["school_breaks"]
        if rest["from"] <= end and rest["to"] >= start
    )
    merged: list[tuple[date, date]] = []
    for low, high in spans:
        if merged and low <= add_days(merged[-1][1], 1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return count - sum(_workdays(settings, low, high) for low, high in merged)


@dataclass(frozen=True)
class Pace:
    """Hours logged against what the plan expects by a day."""

    logged: float
    expected: float
    planned: float

    @property
    def behind(self) -> float:
        return max(0.0, self.expected - self.logged)


def pace(placement: PlacementRec, settings: SettingsRec, today: date) -> Pace | None:
    """The pace of a running placement with planned hours, through yesterday; else None.

    The planned hours are spread evenly over the placement's open days, so the
    pace expects the share of them that has passed before `today` (today's
    hours are seldom logged yet).
    """
    planned = placement["planned_hours"]
    if planned is None or phase(placement, today) != "running":
        return None
    total = open_days(settings, placement["start"], placement["end"])
    if total == 0:
        return None
    passed = open_days(settings, placement["start"], add_days(today, -1))
    expected = round(planned * passed / total, 1)
    return Pace(hours_logged(placement, end=today), expected, planned)


def pace_status(found: Pace) -> str | None:
    """`overdue`, `due` or None (on pace), by PACE_DUE and PACE_OVERDUE."""
    if found.behind < MIN_BEHIND:
        return None
    if found.logged < PACE_OVERDUE * found.expected:
        return "overdue"
    if found.logged < PACE_DUE * found.expected:
        return "due"
    return None


def hours_text(value: float) -> str:
    """`6`, `6.5`: hours as people write them."""
    return f"{value:g}"


def hours_value(value: float) -> int | float:
    """Hours as a file or JSON holds them: `6`, not `6.0`; `6.5` stays."""
    return int(value) if float(value).is_integer() else round(value, 2)


def of_partner(placements: Iterable[PlacementRec], partner_id: str) -> list[PlacementRec]:
    """A partner's placements, by start then id."""
    return sorted(
        (p for p in placements if p["partner"] == partner_id), key=lambda p: (p["start"], p["id"])
    )


@dataclass(frozen=True)
class PlacementRow:
    """One placement as `placement` lists it and `show` shows it."""

    placement: PlacementRec
    phase: str
    logged: float
    missing: tuple[str, ...]  # required paperwork kinds not on file
    meets: bool  # its hours reach `wbl_min_hours`

    def as_json(self, *, students: bool = True) -> dict[str, object]:
        """The row for JSON output; without the student's code unless `students`."""
        p = self.placement
        row: dict[str, object] = {
            "id": p["id"],
            "partner": p["partner"],
            "pathway": p["pathway"],
            "kind": p["kind"],
        }
        if students:
            row["student"] = p["student"]
        row.update(
            {
                "supervisor": p["supervisor"],
                "start": p["start"].isoformat(),
                "end": p["end"].isoformat(),
                "phase": self.phase,
                "outcome": p["outcome"],
                "planned_hours": None
                if p["planned_hours"] is None
                else hours_value(p["planned_hours"]),
                "hours_logged": hours_value(self.logged),
                "meets_hours": self.meets,
                "paperwork_missing": list(self.missing),
                "evaluation": p["evaluation"]["overall"] if p["evaluation"] else None,
            }
        )
        return row


def placement_row(
    placement: PlacementRec, partner: PartnerRec | None, settings: SettingsRec, today: date
) -> PlacementRow:
    """The listing row of a placement on `today`."""
    logged = hours_logged(placement)
    return PlacementRow(
        placement,
        phase(placement, today),
        logged,
        tuple(doc.kind for doc in missing(placement, partner, settings)),
        logged >= settings["wbl_min_hours"],
    )
