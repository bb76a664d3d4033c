"""The activity report: what happened over a period, and where the program stands now.

`build_report` is pure: settings, partner and event records, the period and
the day T in; a :class:`Report` out, which `render.report` and
`render.html` turn into plain, table, md, html and json. `Report.as_json`
is the one JSON shape (DESIGN's `report --format json`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from partnerctl.core.advisory import Committee, committee_report, school_year
from partnerctl.core.due import due_items
from partnerctl.core.facts import decision_maker, main_contact
from partnerctl.core.trends import FunnelStep, Week, funnel, weekly_touches
from partnerctl.core.wbl_report import WblReport, build_wbl
from partnerctl.dates import add_days, add_months
from partnerctl.records import STAGES, EventRec, PartnerRec, PlacementRec, SettingsRec
from partnerctl.recurrence import occurrences

EVENTS_AHEAD_DAYS = 14
NO_PATHWAY = "(no pathway)"
NO_OWNER = "(no owner)"
NO_CHANNEL = "(no channel)"
NO_OUTCOME = "(no outcome)"
NO_AUTHOR = "(not recorded)"  # a touch written by hand, without `by`
PLACEHOLDERS = frozenset({NO_PATHWAY, NO_OWNER, NO_CHANNEL, NO_OUTCOME, NO_AUTHOR})


def week_period(today: date) -> tuple[date, date]:
    """The default period: the seven days ending today (T−6 … T)."""
    return add_days(today, -6), today


def month_period(today: date) -> tuple[date, date]:
    """The calendar month that holds yesterday (a run on the 1st reports the month just ended)."""
    yesterday = add_days(today, -1)
    first = yesterday.replace(day=1)
    return first, add_days(add_months(first, 1), -1)


@dataclass(frozen=True)
class Touch:
    """One touchpoint in the period, with its partner's id, name and owner."""

    partner: str
    name: str
    owner: str | None
    date: date
    channel: str | None
    with_: str | None
    summary: str | None
    outcome: str | None
    stage: str | None
    students: int | None
    by: str | None = None  # who logged it (DESIGN, "Working as a team")

    def as_json(self) -> dict[str, Any]:
        return {
            "partner": self.partner,
            "name": self.name,
            "owner": self.owner,
            "date": self.date,
            "channel": self.channel,
            "with": self.with_,
            "summary": self.summary,
            "outcome": self.outcome,
            "stage": self.stage,
            "students": self.students,
            "by": self.by,
        }


@dataclass(frozen=True)
class StageMove:
    """A touchpoint that moved a partner to a new stage; `before` is the stage it left, if known."""

    partner: str
    name: str
    date: date
    before: str | None
    after: str

    def as_json(self) -> dict[str, Any]:
        return {
            "partner": self.partner,
            "name": self.name,
            "date": self.date,
            "from": self.before,
            "to": self.after,
        }


@dataclass(frozen=True)
class NewPartner:
    """A partner first touched (else `since`) in the period, with who to reach."""

    partner: str
    name: str
    date: date
    stage: str
    owner: str | None
    contact: dict[str, str | None] | None

    def as_json(self) -> dict[str, Any]:
        """`contact` is the name, as in `due`; its role, email and phone sit beside it."""
        contact = self.contact or {}
        data = {
            "partner": self.partner,
            "name": self.name,
            "date": self.date,
            "stage": self.stage,
            "owner": self.owner,
            "contact": contact.get("name"),
        }
        for key in ("role", "email", "phone"):
            if key in contact:
                data[f"contact_{key}"] = contact[key]
        return data


@dataclass(frozen=True)
class Count:
    """One named count (an owner's touches, a channel's, an outcome's, a pathway's students)."""

    key: str
    count: int


@dataclass(frozen=True)
class PathwayCoverage:
    """Partners of one pathway by stage; `flagged` when none of them is active."""

    id: str
    name: str
    stages: dict[str, int]
    total: int
    active: int

    @property
    def flagged(self) -> bool:
        return self.active == 0

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "total": self.total,
            "active": self.active,
            "flagged": self.flagged,
            "stages": self.stages,
        }


@dataclass(frozen=True)
class Report:
    """Everything `report` shows, in every format."""

    program: str
    today: date
    start: date
    end: date
    touches: list[Touch]
    by_owner: list[Count]
    by_channel: list[Count]
    outcomes: list[Count]
    students: int
    students_by_pathway: list[Count]
    stage_moves: list[StageMove]
    new_partners: list[NewPartner]
    overdue: int
    due: int
    events: list[dict[str, Any]]
    spotlights: list[dict[str, Any]]
    agreements: list[dict[str, Any]]
    stages: dict[str, int]
    pathways: list[PathwayCoverage]
    wbl: WblReport
    committees: list[Committee]
    school_year: tuple[date, date]  # the advisory section's period
    contacts: bool = field(default=True)
    # For the pictures and the names shown (not part of the JSON document).
    names: dict[str, str] = field(default_factory=dict)  # partner id -> name
    weeks: list[Week] = field(default_factory=list)
    funnel: list[FunnelStep] = field(default_factory=list)
    # Touches by who logged them (`by`), beside by_owner (whose partners they were).
    by_author: list[Count] = field(default_factory=list)

    @property
    def logged_by(self) -> bool:
        """Whether any touch of the period records who logged it (else "logged by" is noise)."""
        return any(touch.by for touch in self.touches)

    codes: bool = field(default=True)  # student codes in JSON (not with --no-students)

    def as_json(self) -> dict[str, Any]:
        """The body of DESIGN's JSON document (without `version`)."""
        return {
            "program": self.program,
            "today": self.today,
            "period": {"from": self.start, "to": self.end},
            "touches": [touch.as_json() for touch in self.touches],
            "by_owner": [{"owner": _key(c), "touches": c.count} for c in self.by_owner],
            "by_author": [{"by": _key(c), "touches": c.count} for c in self.by_author],
            "by_channel": [{"channel": _key(c), "touches": c.count} for c in self.by_channel],
            "outcomes": [{"outcome": _key(c), "touches": c.count} for c in self.outcomes],
            "students": {
                "total": self.students,
                "by_pathway": [
                    {"pathway": _key(c), "students": c.count} for c in self.students_by_pathway
                ],
            },
            "stage_moves": [move.as_json() for move in self.stage_moves],
            "new_partners": [new.as_json() for new in self.new_partners],
            "due": {"overdue": self.overdue, "due": self.due},
            "events": self.events,
            "spotlights": self.spotlights,
            "agreements": self.agreements,
            "stages": self.stages,
            "pathways": [p.as_json() for p in self.pathways],
            "placements": self.wbl.as_json(students=self.codes),
            "advisory": {
                "from": self.school_year[0],
                "to": self.school_year[1],
                "committees": [c.as_json() for c in self.committees],
            },
        }


def _key(count: Count) -> str | None:
    """A count's key for JSON: the placeholders such as "(no owner)" are null."""
    return None if count.key in PLACEHOLDERS else count.key


def _counts(keys: Iterable[str]) -> list[Count]:
    counted = Counter(keys)
    return [Count(key, n) for key, n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))]


def _touches(partners: Mapping[str, PartnerRec], start: date, end: date) -> list[Touch]:
    found: list[Touch] = []
    for pid, partner in partners.items():
        for touch in partner["touchpoints"]:
            if start <= touch["date"] <= end:
                found.append(
                    Touch(
                        pid,
                        partner["name"],
                        partner["owner"],
                        touch["date"],
                        touch["channel"],
                        touch["with"],
                        touch["summary"],
                        touch["outcome"],
                        touch["stage"],
                        touch["students"],
                        touch["by"],
                    )
                )
    found.sort(key=lambda t: (t.date, t.partner))
    return found


def _stage_moves(partners: Mapping[str, PartnerRec], start: date, end: date) -> list[StageMove]:
    moves: list[StageMove] = []
    for pid, partner in partners.items():
        before: str | None = None
        ordered = sorted(
            (t for t in partner["touchpoints"] if t["stage"] is not None), key=lambda t: t["date"]
        )
        for touch in ordered:
            after = touch["stage"]
            assert after is not None
            if start <= touch["date"] <= end:
                moves.append(StageMove(pid, partner["name"], touch["date"], before, after))
            before = after
    moves.sort(key=lambda m: (m.date, m.partner))
    return moves


def _contact(partner: PartnerRec, with_contacts: bool) -> dict[str, str | None] | None:
    contact = decision_maker(partner) or main_contact(partner)
    if contact is None:
        return None
    shown: dict[str, str | None] = {"name": contact["name"], "role": contact["role"]}
    if with_contacts:
        shown["email"] = contact["email"]
        shown["phone"] = contact["phone"]
    return shown


def _new_partners(
    partners: Mapping[str, PartnerRec], start: date, end: date, with_contacts: bool
) -> list[NewPartner]:
    found: list[NewPartner] = []
    for pid, partner in partners.items():
        dates = [t["date"] for t in partner["touchpoints"]]
        first = min(dates) if dates else partner["since"]
        if first is not None and start <= first <= end:
            found.append(
                NewPartner(
                    pid,
                    partner["name"],
                    first,
                    partner["stage"],
                    partner["owner"],
                    _contact(partner, with_contacts),
                )
            )
    found.sort(key=lambda n: (n.date, n.partner))
    return found


def _events(events: Iterable[EventRec], today: date) -> list[dict[str, Any]]:
    ahead: list[dict[str, Any]] = []
    last = add_days(today, EVENTS_AHEAD_DAYS)
    for event in events:
        for day in occurrences(event, today, last):
            ahead.append(
                {
                    "event": event["id"],
                    "name": event["name"],
                    "kind": event["kind"],
                    "date": day,
                    "owner": event["owner"],
                    "partners": list(event["partners"]),
                }
            )
    ahead.sort(key=lambda e: (e["date"], e["event"]))
    return ahead


def _spotlights(partners: Mapping[str, PartnerRec], start: date, end: date) -> list[dict[str, Any]]:
    found = [
        {
            "partner": pid,
            "name": partner["name"],
            "date": spot["date"],
            "where": spot["where"],
            "title": spot["title"],
            "by": spot["by"],
        }
        for pid, partner in partners.items()
        for spot in partner["spotlights"]
        if spot["status"] == "published" and start <= spot["date"] <= end
    ]
    found.sort(key=lambda s: (s["date"], s["partner"]))
    return found


def _agreements(
    partners: Mapping[str, PartnerRec], settings: SettingsRec, today: date
) -> list[dict[str, Any]]:
    horizon = add_days(today, settings["agreements_notice"])
    found = [
        {
            "partner": pid,
            "name": partner["name"],
            "kind": agreement["kind"],
            "expires": agreement["expires"],
            "days_left": (agreement["expires"] - today).days,
        }
        for pid, partner in partners.items()
        if partner["stage"] != "declined"
        for agreement in partner["agreements"]
        if agreement["expires"] <= horizon
    ]
    found.sort(key=lambda a: (a["expires"], a["partner"], a["kind"]))
    return found


def _pathways(partners: Mapping[str, PartnerRec], settings: SettingsRec) -> list[PathwayCoverage]:
    coverage: list[PathwayCoverage] = []
    for pathway in settings["pathways"]:
        members = [p for p in partners.values() if pathway["id"] in p["pathways"]]
        stages = {stage: 0 for stage in STAGES}
        for member in members:
            stages[member["stage"]] += 1
        coverage.append(
            PathwayCoverage(pathway["id"], pathway["name"], stages, len(members), stages["active"])
        )
    return coverage


def build_report(
    settings: SettingsRec,
    partners: Mapping[str, PartnerRec],
    events: Iterable[EventRec],
    today: date,
    start: date,
    end: date,
    *,
    with_contacts: bool = True,
    placements: Iterable[PlacementRec] = (),
    with_students: bool = True,
) -> Report:
    """The report of activity in [start, end], and of the program's state on `today`.

    Students served count once in the total and once under each pathway of
    the partner that served them (a partner of two pathways counts in both).
    Placements are those running in the period; the advisory committees are
    reported over the school year that holds the period's end.
    """
    events = list(events)
    placements = list(placements)
    touches = _touches(partners, start, end)
    students = 0
    by_pathway: list[str] = []
    for touch in touches:
        if touch.students:
            students += touch.students
            for pathway in partners[touch.partner]["pathways"] or [NO_PATHWAY]:
                by_pathway.extend([pathway] * touch.students)
    items = due_items(settings, partners, events, today, placements=placements)
    year = school_year(settings, end)
    stages = {stage: 0 for stage in STAGES}
    for partner in partners.values():
        stages[partner["stage"]] += 1
    return Report(
        program=settings["program"],
        today=today,
        start=start,
        end=end,
        touches=touches,
        by_owner=_counts(t.owner or NO_OWNER for t in touches),
        by_author=_counts(t.by or NO_AUTHOR for t in touches),
        by_channel=_counts(t.channel or NO_CHANNEL for t in touches),
        outcomes=_counts(t.outcome or NO_OUTCOME for t in touches),
        students=students,
        students_by_pathway=_counts(by_pathway),
        stage_moves=_stage_moves(partners, start, end),
        new_partners=_new_partners(partners, start, end, with_contacts),
        overdue=sum(1 for item in items if item.status == "overdue"),
        due=sum(1 for item in items if item.status == "due"),
        events=_events(events, today),
        spotlights=_spotlights(partners, start, end),
        agreements=_agreements(partners, settings, today),
        stages=stages,
        pathways=_pathways(partners, settings),
        wbl=build_wbl(settings, partners, placements, start, end, today),
        committees=committee_report(settings, events, today, *year),
        school_year=year,
        contacts=with_contacts,
        names={pid: partner["name"] for pid, partner in partners.items()},
        weeks=weekly_touches(partners, settings["school_breaks"], start, end),
        funnel=funnel(partners.values()),
        codes=with_students,
    )
