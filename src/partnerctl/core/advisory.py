"""Facts about the advisory committee that `due`, `report` and `advisory` share.

The committee is `advisory_members` in the settings, each member on one
pathway's committee with a term end. Its meetings are events of kind
`advisory`: an event with `pathways` is a meeting of those committees, one
without is a meeting of every committee. Each occurrence may have a record in
the event's `meetings` (notice sent, who was present, where the minutes are).
Pure: records and days in, facts out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from partnerctl.core.text import find_text
from partnerctl.dates import add_days, add_months, mmdd_in_year
from partnerctl.records import AdvisoryMemberRec, EventRec, MeetingRec, SettingsRec
from partnerctl.recurrence import occurrences


def school_year(settings: SettingsRec, day: date) -> tuple[date, date]:
    """The school year that holds `day`: from `school_year_starts` to the day before the next."""
    start = mmdd_in_year(settings["school_year_starts"], day.year)
    if start > day:
        start = mmdd_in_year(settings["school_year_starts"], day.year - 1)
    return start, add_days(add_months(start, 12), -1)


def committees(settings: SettingsRec) -> list[str]:
    """The pathways that have committee members, in the settings' order of pathways."""
    having = {member["pathway"] for member in settings["advisory_members"]}
    ordered = [p["id"] for p in settings["pathways"] if p["id"] in having]
    return ordered + sorted(having - set(ordered))


def members_of(settings: SettingsRec, pathway: str) -> list[AdvisoryMemberRec]:
    """One committee's members, in the settings' order."""
    return [m for m in settings["advisory_members"] if m["pathway"] == pathway]


def is_meeting_of(event: EventRec, pathway: str) -> bool:
    """Whether an event is a meeting of the pathway's committee."""
    return event["kind"] == "advisory" and (not event["pathways"] or pathway in event["pathways"])


def advisory_events(events: Iterable[EventRec]) -> list[EventRec]:
    """The advisory meetings among the events."""
    return [event for event in events if event["kind"] == "advisory"]


def record_of(event: EventRec, day: date) -> MeetingRec | None:
    """The `meetings` entry of the occurrence on `day`, or None."""
    return next((m for m in event["meetings"] if m["date"] == day), None)


@dataclass(frozen=True)
class Meeting:
    """One occurrence of an advisory meeting and what is recorded about it."""

    event: EventRec
    date: date
    record: MeetingRec | None

    @property
    def present(self) -> list[str]:
        return [] if self.record is None else self.record["present"]

    @property
    def recorded(self) -> bool:
        """Whether attendance was recorded (someone was present)."""
        return bool(self.present)


def meetings(events: Iterable[EventRec], start: date, end: date) -> list[Meeting]:
    """Every advisory meeting in [start, end], by date then event id."""
    found = [
        Meeting(event, day, record_of(event, day))
        for event in advisory_events(events)
        for day in occurrences(event, start, end)
    ]
    return sorted(found, key=lambda m: (m.date, m.event["id"]))


def of_committee(found: Iterable[Meeting], pathway: str) -> list[Meeting]:
    """The meetings of one pathway's committee."""
    return [m for m in found if is_meeting_of(m.event, pathway)]


def attended(found: Iterable[Meeting], name: str) -> int:
    """How many of the meetings `name` was present at (name matched as `contact` does)."""
    return sum(1 for m in found if find_text(m.present, name) is not None)


@dataclass(frozen=True)
class MemberLine:
    """A member and their attendance at the committee's meetings held in a period."""

    member: AdvisoryMemberRec
    attended: int
    held: int

    def as_json(self) -> dict[str, object]:
        m = self.member
        return {
            "name": m["name"],
            "pathway": m["pathway"],
            "partner": m["partner"],
            "role": m["role"],
            "term_ends": m["term_ends"].isoformat(),
            "attended": self.attended,
            "held": self.held,
        }


@dataclass(frozen=True)
class Committee:
    """One pathway's committee over a period: its members, and its meetings held and ahead."""

    pathway: str
    name: str
    members: tuple[MemberLine, ...]
    meetings: tuple[Meeting, ...]  # in the period, held (on or before today) and ahead
    today: date
    required: int

    @property
    def held(self) -> list[Meeting]:
        return [m for m in self.meetings if m.date <= self.today]

    @property
    def ahead(self) -> list[Meeting]:
        return [m for m in self.meetings if m.date > self.today]

    def as_json(self) -> dict[str, object]:
        return {
            "pathway": self.pathway,
            "name": self.name,
            "required": self.required,
            "members": [line.as_json() for line in self.members],
            "meetings": [meeting_json(m, len(self.members)) for m in self.meetings],
        }


def meeting_json(meeting: Meeting, members: int) -> dict[str, object]:
    """A meeting for JSON: its event, day, notice, who was present and the minutes."""
    record = meeting.record
    return {
        "event": meeting.event["id"],
        "name": meeting.event["name"],
        "date": meeting.date.isoformat(),
        "notice": record["notice"].isoformat() if record and record["notice"] else None,
        "present": list(meeting.present),
        "members": members,
        "minutes": record["minutes"] if record else None,
    }


def committee_report(
    settings: SettingsRec, events: Iterable[EventRec], today: date, start: date, end: date
) -> list[Committee]:
    """Each committee's members and meetings in [start, end] (held: on or before today)."""
    found = meetings(events, start, end)
    names = {p["id"]: p["name"] for p in settings["pathways"]}
    out: list[Committee] = []
    for pathway in committees(settings):
        mine = of_committee(found, pathway)
        held = [m for m in mine if m.date <= today]
        lines = tuple(
            MemberLine(member, attended(held, member["name"]), len(held))
            for member in members_of(settings, pathway)
        )
        out.append(
            Committee(
                pathway,
                names.get(pathway, pathway),
                lines,
                tuple(mine),
                today,
                settings["advisory_meetings"],
            )
        )
    return out
