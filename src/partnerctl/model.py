"""Pydantic models of the file kinds, and the plain records core works on.

The models of work-based learning (placements, advisory members and meetings)
are in :mod:`partnerctl.model_wbl`, imported here.

The models validate what a user wrote (`extra="forbid"`, enums, dates, slugs;
the checks of single values, with their reasons, are in :mod:`partnerctl.fieldchecks`).
Past validation, every layer works on plain records (``dict`` shaped as the
TypedDicts of :mod:`partnerctl.records`, made by :func:`partner_record` and
friends), so a warm run from the cache never rebuilds a model. No I/O here.
"""

from __future__ import annotations

from typing import Any

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from partnerctl.fieldchecks import (
    Count,
    Distance,
    Flag,
    IsoDate,
    check_mmdd,
    check_slug,
    hinted_error,
    rrule_shape,
    zone_hint,
)
from partnerctl.model_wbl import (
    AdvisoryMember,
    Evaluation,
    Meeting,
    PaperworkEntry,
    Placement,
    placement_record,
)
from partnerctl.modelbase import Strict as _Strict
from partnerctl.modelbase import WithLists as _WithLists

# The records and constants live in partnerctl.records (no pydantic there, for the
# warm path); they are re-exported here, so `from partnerctl.model import PartnerRec`
# keeps working. __all__ lists them and the models and helpers defined below.
from partnerctl.records import (
    AGREEMENT_KINDS,
    CHANNELS,
    DEFAULT_CADENCE,
    DEFAULT_PAPERWORK,
    DEFAULT_STUDENT_CODE,
    EVENT_KINDS,
    MMDD_RE,
    OFFER_KINDS,
    OUTCOMES,
    PAPERWORK_KINDS,
    SLUG_RE,
    SPOTLIGHT_PLACES,
    STAGES,
    WEEKDAYS,
    AdvisoryMemberRec,
    AgreementKind,
    AgreementRec,
    BreakRec,
    BusySeasonRec,
    CadenceRec,
    Channel,
    ConflictRec,
    ConflictValueRec,
    ContactRec,
    EventKind,
    EventRec,
    MeetingRec,
    NextRec,
    OfferKind,
    OfferRec,
    Outcome,
    PaperworkKind,
    PartnerRec,
    PathwayRec,
    PlacementRec,
    ResearchRec,
    SchoolRec,
    SettingsRec,
    SpotlightPlace,
    SpotlightRec,
    SpotlightStatus,
    Stage,
    TouchpointRec,
    Weekday,
)

__all__ = [
    "AGREEMENT_KINDS",
    "CHANNELS",
    "DEFAULT_CADENCE",
    "DEFAULT_PAPERWORK",
    "DEFAULT_STUDENT_CODE",
    "EVENT_KINDS",
    "MMDD_RE",
    "OFFER_KINDS",
    "OUTCOMES",
    "PAPERWORK_KINDS",
    "SLUG_RE",
    "SPOTLIGHT_PLACES",
    "STAGES",
    "WEEKDAYS",
    "AdvisoryMember",
    "AdvisoryMemberRec",
    "Agreement",
    "AgreementKind",
    "AgreementRec",
    "BreakRec",
    "BusySeason",
    "BusySeasonRec",
    "Cadence",
    "CadenceRec",
    "CadenceRule",
    "Channel",
    "Conflict",
    "ConflictRec",
    "ConflictValue",
    "ConflictValueRec",
    "Contact",
    "ContactRec",
    "Evaluation",
    "Event",
    "EventFile",
    "EventKind",
    "EventRec",
    "Meeting",
    "MeetingRec",
    "NextRec",
    "NextStep",
    "Offer",
    "OfferKind",
    "OfferRec",
    "Outcome",
    "PaperworkEntry",
    "PaperworkKind",
    "Partner",
    "PartnerRec",
    "Pathway",
    "PathwayRec",
    "Placement",
    "PlacementRec",
    "Research",
    "ResearchRec",
    "School",
    "SchoolBreak",
    "SchoolRec",
    "Settings",
    "SettingsRec",
    "Spotlight",
    "SpotlightPlace",
    "SpotlightRec",
    "SpotlightStatus",
    "Stage",
    "Touchpoint",
    "TouchpointRec",
    "Weekday",
    "default_settings",
    "event_record",
    "partner_record",
    "placement_record",
    "settings_record",
]


_WORKDAYS: list[Weekday] = ["mon", "tue", "wed", "thu", "fri"]


# --- conflicts (every file kind) ---------------------------------------------


class ConflictValue(_Strict):
    # What one side wrote (text, a mapping for a whole entry); left out: it removed it.
    value: Any = None
    by: str | None = None


class Conflict(_Strict):
    """A true merge conflict: `partnerctl merge-file` writes it, `partnerctl resolve` removes it."""

    key: str = Field(min_length=1)
    values: list[ConflictValue] = Field(min_length=2)


class School(_Strict):
    """A school's workspace (a folder or a clone) that a district workspace rolls up."""

    id: str
    path: str = Field(min_length=1)
    name: str | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        return check_slug(value, "school")


class Pathway(_WithLists):
    id: str
    name: str
    skills: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        return check_slug(value, "pathway")


class CadenceRule(_Strict):
    ideal: Count = Field(ge=0)
    max: Count = Field(ge=0)

    @model_validator(mode="after")
    def _order(self) -> CadenceRule:
        if self.max < self.ideal:
            raise ValueError(f"max ({self.max}) must not be less than ideal ({self.ideal})")
        return self


def _rule(stage: str) -> Any:
    ideal, most = DEFAULT_CADENCE[stage]
    return Field(default_factory=lambda: CadenceRule(ideal=ideal, max=most))


class Cadence(_Strict):
    prospect: CadenceRule = _rule("prospect")
    contacted: CadenceRule = _rule("contacted")
    meeting: CadenceRule = _rule("meeting")
    committed: CadenceRule = _rule("committed")
    active: CadenceRule = _rule("active")
    paused: CadenceRule = _rule("paused")
    lapsed: CadenceRule = _rule("lapsed")


class SchoolBreak(_Strict):
    name: str
    start: IsoDate = Field(alias="from")
    end: IsoDate = Field(alias="to")

    @model_validator(mode="after")
    def _order(self) -> SchoolBreak:
        if self.end < self.start:
            raise ValueError("'to' is before 'from'")
        return self


class Settings(_WithLists):
    program: str
    timezone: str | None = None
    workdays: list[Weekday] = Field(default_factory=lambda: list(_WORKDAYS))
    pathways: list[Pathway] = Field(default_factory=list)
    cadence: Cadence = Field(default_factory=Cadence)
    spotlight_every: Count = Field(default=90, ge=1)
    agreements_notice: Count = Field(default=30, ge=0)
    school_breaks: list[SchoolBreak] = Field(default_factory=list)
    owners: list[str] = Field(default_factory=list)
    me: str | None = None
    # Drafts' From when neither --from, PARTNERCTL_FROM nor git's user.email gives one.
    from_: str | None = Field(default=None, alias="from")

    @field_validator("from_")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        from partnerctl.records import split_address

        if value is not None and split_address(value) is None:
            raise hinted_error(
                f"{value!r} is not an email address",
                'for example "Jordan Lee <jlee@example.org>" or jlee@example.org',
            )
        return value

    # Work-based learning (README, "Placements and student privacy").
    student_code: str = DEFAULT_STUDENT_CODE
    wbl_min_hours: Distance = Field(default=90, ge=0, allow_inf_nan=False)
    suppress_below: Count = Field(default=5, ge=1)
    paperwork: dict[OfferKind, list[PaperworkKind]] = Field(default_factory=dict)
    paperwork_notice: Count = Field(default=14, ge=0)
    evaluation_within: Count = Field(default=14, ge=0)
    school_year_starts: str = "07-01"
    # The advisory committee (README, "The advisory committee").
    advisory_meetings: Count = Field(default=2, ge=0)
    advisory_notice: Count = Field(default=14, ge=0)
    advisory_term_notice: Count = Field(default=60, ge=0)
    advisory_members: list[AdvisoryMember] = Field(default_factory=list)
    # A district's schools (README, "A district with several schools"); conflicts stay last.
    schools: list[School] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)

    @field_validator("student_code")
    @classmethod
    def _student_code(cls, value: str) -> str:
        from partnerctl.privacy import code_pattern_problem

        problem = code_pattern_problem(value)
        if problem is not None:
            raise hinted_error(*problem)
        return value

    @field_validator("school_year_starts")
    @classmethod
    def _year_start(cls, value: str) -> str:
        return check_mmdd(value)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            # OSError: a folder of the zone database (America) or a name too long for a path
            raise hinted_error(f"{value!r} is not a time zone", zone_hint(value)) from None
        return value


# --- partners/ID.yaml --------------------------------------------------------


class BusySeason(_Strict):
    start: str = Field(alias="from")
    end: str = Field(alias="to")
    why: str | None = None

    @field_validator("start", "end")
    @classmethod
    def _mmdd(cls, value: str) -> str:
        return check_mmdd(value)


class Contact(_Strict):
    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    decision_maker: Flag = False


class Research(_Strict):
    business: str | None = None
    trends: str | None = None


class Offer(_Strict):
    kind: OfferKind
    pathway: str | None = None
    seats: Count | None = Field(default=None, ge=0)
    notes: str | None = None


class Agreement(_Strict):
    kind: AgreementKind
    expires: IsoDate
    # Whose it is, where it is a person's rather than the business's (a mentor's
    # background check); several of one kind are told apart by it.
    holder: str | None = None
    notes: str | None = None


class Touchpoint(_Strict):
    date: IsoDate
    channel: Channel | None = None
    with_: str | None = Field(default=None, alias="with")
    summary: str | None = None
    outcome: Outcome | None = None
    stage: Stage | None = None
    students: Count | None = Field(default=None, ge=0)
    # Who logged it: an owner id (DESIGN, "Working as a team"); hand-written entries may omit it.
    by: str | None = None
    # The date of the follow-up (`next`) this touch completed, written by `log`.
    closes: IsoDate | None = None
    # Made by `import` from a spreadsheet's last_touch column: a touch recorded elsewhere.
    imported: bool = False


class NextStep(_Strict):
    date: IsoDate
    action: str | None = None


class Spotlight(_Strict):
    date: IsoDate
    where: SpotlightPlace
    title: str | None = None
    status: SpotlightStatus = "published"
    by: str | None = None


class Partner(_WithLists):
    name: str
    industry: str | None = None
    pathways: list[str] = Field(default_factory=list)
    stage: Stage
    owner: str | None = None
    since: IsoDate | None = None
    distance_miles: Distance | None = Field(default=None, ge=0, allow_inf_nan=False)
    relationship: str | None = None
    early_adopter: Flag = False
    tags: list[str] = Field(default_factory=list)
    busy_seasons: list[BusySeason] = Field(default_factory=list)
    best_time: str | None = None
    channel: Channel | None = None
    contacts: list[Contact] = Field(default_factory=list)
    needs: list[str] = Field(default_factory=list)
    openings: list[str] = Field(default_factory=list)
    research: Research = Field(default_factory=Research)
    offers: list[Offer] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    touchpoints: list[Touchpoint] = Field(default_factory=list)
    next: NextStep | None = None
    spotlights: list[Spotlight] = Field(default_factory=list)
    notes: str | None = None
    conflicts: list[Conflict] = Field(default_factory=list)


# --- events/*.yaml -----------------------------------------------------------


# An event's `prepare` is at most a year: every occurrence within it is on today's list.
MAX_PREPARE_DAYS = 366
_NO_OCCURRENCE_HINT = (
    "check that its parts can meet (April has no 31st) and that its end comes after its first day"
)


class Event(_WithLists):
    id: str
    name: str
    kind: EventKind = "other"
    date: IsoDate
    repeat: str | None = None
    until: IsoDate | None = None
    owner: str | None = None
    # Any text, not a slug type: an id that is no slug (`KXRV`) must not drop the event;
    # workspace.checks reports it with the id meant, and the loader keeps the valid ids.
    partners: list[str] = Field(default_factory=list)
    prepare: Count = Field(default=0, ge=0, le=MAX_PREPARE_DAYS)
    notes: str | None = None
    # Advisory meetings: the pathways' committees that meet (none: every pathway's),
    # and per occurrence the notice sent, who attended and where the minutes are.
    pathways: list[str] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        return check_slug(value, "event")

    @field_validator("repeat")
    @classmethod
    def _rrule(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        rrule_shape(value)
        from partnerctl.recurrence import check_rrule, no_occurrence

        check_rrule(value)
        first = info.data.get("date")
        if first is not None:  # `until` is checked with the rule in _until
            why = no_occurrence(value, first)
            if why is not None:
                raise hinted_error(why, _NO_OCCURRENCE_HINT)
        return value

    @model_validator(mode="after")
    def _until(self) -> Event:
        if self.until is not None:
            if self.repeat is None:
                raise ValueError("'until' needs a 'repeat' rule")
            upper = self.repeat.upper()
            if "UNTIL=" in upper or "COUNT=" in upper:
                raise ValueError("give 'until' or UNTIL/COUNT inside 'repeat', not both")
            if self.until < self.date:
                raise ValueError("'until' is before the event's 'date'")
            from partnerctl.recurrence import no_occurrence

            why = no_occurrence(self.repeat, self.date, self.until)
            if why is not None:
                raise hinted_error(f"{why} ('until' {self.until.isoformat()})", _NO_OCCURRENCE_HINT)
        if self.meetings and self.kind != "advisory":
            raise ValueError(
                "`meetings` (notice and attendance) are kept for advisory meetings only: "
                "give this event `kind: advisory`, or remove `meetings`"
            )
        seen: set[object] = set()
        for meeting in self.meetings:
            if meeting.date in seen:
                raise ValueError(f"`meetings` lists {meeting.date} twice: keep one entry a day")
            seen.add(meeting.date)
        if self.meetings:
            from partnerctl.recurrence import occurrences

            rec: Any = self.model_dump(by_alias=True)
            for meeting in self.meetings:
                if not occurrences(rec, meeting.date, meeting.date):
                    raise ValueError(
                        f"`meetings` has {meeting.date}, a day this event does not happen on"
                    )
        return self


class EventFile(_WithLists):
    events: list[Event] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)


# --- plain records (their shapes are in partnerctl.records) -----------------
# Dumps of the models with the file's own key names (by alias), plus the ids.


def settings_record(model: Settings) -> SettingsRec:
    """The plain record of validated settings.

    `paperwork` holds every offer kind: the settings' own lists, else the defaults.
    """
    data: SettingsRec = model.model_dump(by_alias=True)  # type: ignore[assignment]
    paperwork = {kind: list(DEFAULT_PAPERWORK.get(kind, [])) for kind in OFFER_KINDS}
    paperwork.update({str(k): list(v) for k, v in data["paperwork"].items()})
    data["paperwork"] = paperwork
    return data


def partner_record(model: Partner, partner_id: str, file: str) -> PartnerRec:
    """The plain record of a validated partner file."""
    data = model.model_dump(by_alias=True)
    data["id"] = partner_id
    data["file"] = file
    return data  # type: ignore[return-value]


def event_record(model: Event, file: str) -> EventRec:
    """The plain record of one validated event."""
    data = model.model_dump(by_alias=True)
    data["file"] = file
    return data  # type: ignore[return-value]


def default_settings(program: str = "CTE program") -> SettingsRec:
    """Settings with every default, for tests and for core callers without a file."""
    return settings_record(Settings(program=program))
