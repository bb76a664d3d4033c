"""The report's work-based-learning sections: placements, hours, students, paperwork.

Counts what counts: placements running in the period and the hours logged in
it, by partner and by pathway; the students (counted by their codes, each
once) whose experience reaches `wbl_min_hours`; the paperwork complete or
missing. JSON carries each student's code (the district joins it with its
student system when it reports to the state); Markdown and HTML show counts
only, and a count under `suppress_below` as "fewer than N"
(:func:`partnerctl.render.wbl.shown_count`). Pure: records in, a
:class:`WblReport` out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from partnerctl.core.placements import hours_logged, hours_value, missing
from partnerctl.dates import add_days
from partnerctl.records import PartnerRec, PlacementRec, SettingsRec

NO_PATHWAY = "(no pathway)"


@dataclass(frozen=True)
class Group:
    """The placements of one partner or one pathway in the period."""

    key: str
    name: str
    placements: int
    students: int
    hours: float  # logged in the period
    hours_to_date: float  # logged up to the period's end

    def as_json(self, kind: str) -> dict[str, Any]:
        return {
            kind: None if self.key == NO_PATHWAY else self.key,
            "name": self.name,
            "placements": self.placements,
            "students": self.students,
            "hours": hours_value(self.hours),
            "hours_to_date": hours_value(self.hours_to_date),
        }


@dataclass(frozen=True)
class WblReport:
    """Everything the report says about placements, in every format."""

    threshold: float  # wbl_min_hours
    minimum: int  # suppress_below: smaller counts show as "fewer than N" in md and html
    placements: list[PlacementRec]  # running at some time in the period
    hours: float  # logged in the period
    students: int
    meeting: int  # students with an experience of at least `threshold` hours
    by_partner: list[Group]
    by_pathway: list[Group]
    checked: int  # placements whose paperwork counts: in the period, or about to start
    complete: int  # of those, with every required document on file
    missing: dict[str, int]  # of those, missing each kind of document
    per_student: dict[str, list[dict[str, Any]]]  # code → its placements (JSON only)
    on_file: int = 0  # the workspace's placements, in the period or not

    @property
    def shown(self) -> bool:
        """Whether the report has a placements section: the workspace keeps placements."""
        return self.on_file > 0

    @property
    def incomplete(self) -> int:
        return self.checked - self.complete

    def as_json(self, *, students: bool = True) -> dict[str, Any]:
        """The report's `placements` object; `students` keyed by code unless left out."""
        body: dict[str, Any] = {
            "threshold_hours": hours_value(self.threshold),
            "placements": len(self.placements),
            "hours": hours_value(self.hours),
            "students": self.students,
            "students_meeting_threshold": self.meeting,
            "by_partner": [g.as_json("partner") for g in self.by_partner],
            "by_pathway": [g.as_json("pathway") for g in self.by_pathway],
            "paperwork": {
                "checked": self.checked,
                "complete": self.complete,
                "incomplete": self.incomplete,
                "missing": dict(self.missing),
            },
        }
        if students:
            body["by_student"] = {
                code: {
                    "meets_threshold": any(p["meets_threshold"] for p in found),
                    "placements": found,
                }
                for code, found in self.per_student.items()
            }
        return body


def _groups(
    chosen: list[PlacementRec],
    key_of: Mapping[str, str],
    names: Mapping[str, str],
    start: date,
    end: date,
) -> list[Group]:
    keys: dict[str, list[PlacementRec]] = {}
    for placement in chosen:
        keys.setdefault(key_of[placement["id"]], []).append(placement)
    groups = [
        Group(
            key,
            names.get(key, key),
            len(found),
            len({p["student"] for p in found}),
            sum(hours_logged(p, start, end) for p in found),
            sum(hours_logged(p, end=end) for p in found),
        )
        for key, found in keys.items()
    ]
    return sorted(groups, key=lambda g: (-g.placements, g.key))


def build_wbl(
    settings: SettingsRec,
    partners: Mapping[str, PartnerRec],
    placements: Iterable[PlacementRec],
    start: date,
    end: date,
    today: date,
) -> WblReport:
    """The placements running in [start, end] and what they add up to.

    The paperwork counts also take the placements about to start, whose
    paperwork is due by `today` (`paperwork_notice` days before their start).
    """
    every = sorted(placements, key=lambda p: (p["start"], p["id"]))
    chosen = [p for p in every if p["start"] <= end and p["end"] >= start]
    notice = settings["paperwork_notice"]
    checked = chosen + [
        p
        for p in every
        if p not in chosen and p["start"] > today and add_days(p["start"], -notice) <= today
    ]
    threshold = settings["wbl_min_hours"]
    per_student: dict[str, list[dict[str, Any]]] = {}
    missing_kinds: dict[str, int] = {}
    complete = 0
    for placement in checked:
        lacking = missing(placement, partners.get(placement["partner"]), settings)
        if not lacking:
            complete += 1
        for doc in lacking:
            missing_kinds[doc.kind] = missing_kinds.get(doc.kind, 0) + 1
    for placement in chosen:
        to_date = hours_logged(placement, end=end)
        per_student.setdefault(placement["student"], []).append(
            {
                "placement": placement["id"],
                "partner": placement["partner"],
                "pathway": placement["pathway"],
                "kind": placement["kind"],
                "start": placement["start"].isoformat(),
                "end": placement["end"].isoformat(),
                "hours": hours_value(to_date),
                "meets_threshold": to_date >= threshold,
            }
        )
    partner_names = {pid: partner["name"] for pid, partner in partners.items()}
    pathway_names = {p["id"]: p["name"] for p in settings["pathways"]}
    return WblReport(
        threshold=threshold,
        minimum=settings["suppress_below"],
        placements=chosen,
        hours=sum(hours_logged(p, start, end) for p in chosen),
        students=len(per_student),
        meeting=sum(
            1 for found in per_student.values() if any(p["meets_threshold"] for p in found)
        ),
        by_partner=_groups(
            chosen, {p["id"]: p["partner"] for p in chosen}, partner_names, start, end
        ),
        by_pathway=_groups(
            chosen, {p["id"]: p["pathway"] or NO_PATHWAY for p in chosen}, pathway_names, start, end
        ),
        checked=len(checked),
        complete=complete,
        missing=dict(sorted(missing_kinds.items())),
        per_student=dict(sorted(per_student.items())),
        on_file=len(every),
    )
