"""Pydantic models of the three file kinds, and the plain records core works on.

The models validate what a user wrote (`extra="forbid"`, enums, dates, slugs).
Past validation, every layer works on plain records (``dict`` shaped as the
TypedDicts of :mod:`partnerctl.records`, made by :func:`partner_record` and
friends), so a warm run from the cache never rebuilds a model. No I/O here.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

# The records and constants live in partnerctl.records (no pydantic there, for the
# warm path); they are re-exported here, so `from partnerctl.model import PartnerRec`
# keeps working. __all__ lists them and the models and helpers defined below.
from partnerctl.records import (
    AGREEMENT_KINDS,
    CHANNELS,
    DEFAULT_CADENCE,
    EVENT_KINDS,
    MMDD_RE,
    OFFER_KINDS,
    OUTCOMES,
    SLUG_RE,
    SLUG_RULE,
    SPOTLIGHT_PLACES,
    STAGES,
    WEEKDAYS,
    AgreementKind,
    AgreementRec,
    BreakRec,
    BusySeasonRec,
    CadenceRec,
    Channel,
    ContactRec,
    EventKind,
    EventRec,
    NextRec,
    OfferKind,
    OfferRec,
    Outcome,
    PartnerRec,
    PathwayRec,
    ResearchRec,
    SettingsRec,
    SpotlightPlace,
    SpotlightRec,
    SpotlightStatus,
    Stage,
    TouchpointRec,
    Weekday,
    iso_date,
)

__all__ = [
    "AGREEMENT_KINDS",
    "CHANNELS",
    "DEFAULT_CADENCE",
    "EVENT_KINDS",
    "MMDD_RE",
    "OFFER_KINDS",
    "OUTCOMES",
    "SLUG_RE",
    "SPOTLIGHT_PLACES",
    "STAGES",
    "WEEKDAYS",
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
    "Contact",
    "ContactRec",
    "Event",
    "EventFile",
    "EventKind",
    "EventRec",
    "IsoDate",
    "NextRec",
    "NextStep",
    "Offer",
    "OfferKind",
    "OfferRec",
    "Outcome",
    "Partner",
    "PartnerRec",
    "PartnerRef",
    "Pathway",
    "PathwayRec",
    "Research",
    "ResearchRec",
    "SchoolBreak",
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
    "check_iso_date",
    "check_mmdd",
    "check_slug",
    "default_settings",
    "event_record",
    "hinted_error",
    "partner_record",
    "settings_record",
]


def check_slug(value: str, what: str) -> str:
    """Raise ValueError unless `value` is a slug (DESIGN: ids are slugs)."""
    if not SLUG_RE.match(value):
        raise ValueError(f"{value!r} is not a valid {what} id: {SLUG_RULE}")
    return value


def _partner_ref(value: str) -> str:
    return check_slug(value, "partner")


PartnerRef = Annotated[str, AfterValidator(_partner_ref)]


def check_mmdd(value: str) -> str:
    """Raise ValueError unless `value` is an MM-DD day that exists in some year."""
    match = MMDD_RE.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a MM-DD day (for example 11-15)")
    month, day = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"{value!r}: month must be 01..12")
    days = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= day <= days:
        raise ValueError(f"{value!r}: day must be 01..{days} in month {month:02d}")
    return value


def check_iso_date(value: object) -> object:
    """Dates in files are ISO `YYYY-MM-DD` only, with a reason when one is impossible.

    Pydantic alone would also take `20261102`, `1700000000` (a timestamp) or a
    datetime, and explain an impossible date in its own words. The reasons are
    records.iso_date's, the command line's too.
    """
    if not isinstance(value, str):
        return value
    try:
        return iso_date(value.strip())
    except ValueError as err:
        raise ValueError(f"{value!r} is not a date: {err}") from None


def hinted_error(message: str, hint: str | None) -> PydanticCustomError:
    """A validation error with its own hint (workspace.messages shows it as the hint)."""
    return PydanticCustomError("partnerctl", "{message}", {"message": message, "hint": hint})


def _zone_hint(value: str) -> str:
    """The nearest IANA zone name, as a hint; only computed for a zone that is wrong."""
    import difflib
    from zoneinfo import available_timezones

    if len(value) > 64:  # no zone name is this long; difflib would take its time
        return "use an IANA name such as America/Chicago"
    zones = sorted(available_timezones())
    same_but_case = {zone.lower(): zone for zone in zones}.get(value.strip().lower())
    near = difflib.get_close_matches(value.strip(), zones, n=1, cutoff=0.6)
    found = same_but_case or (near[0] if near else None)
    if found is None:
        return "use an IANA name such as America/Chicago"
    return f"did you mean {found!r}?"


# A part of an RRULE: NAME=VALUE (dateutil's own message for others is Python's).
_RRULE_PART_RE = re.compile(r"^[A-Za-z]+=[^=]*$")
_RRULE_EXAMPLE = "write it like FREQ=MONTHLY;BYDAY=+1TH"
_RRULE_SEMICOLON = "remove the `;` that has nothing after it"


def _rrule_shape(value: str) -> None:
    """Raise a clear error for text that is not NAME=VALUE parts with a FREQ.

    dateutil would say it in Python's words ("not enough values to unpack").
    """
    text = value.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        return  # check_rrule says so
    if "=" not in text:
        raise hinted_error(f"{value!r} is not an RRULE", _RRULE_EXAMPLE)
    if any(char.isspace() for char in text):
        raise hinted_error(
            f"{value!r} is not an RRULE: it holds spaces", _RRULE_EXAMPLE + ", without spaces"
        )
    parts = text.split(";")
    for part in parts:
        if not part:
            raise hinted_error(f"{value!r} is not an RRULE: it has an empty part", _RRULE_SEMICOLON)
        if not _RRULE_PART_RE.match(part):
            raise hinted_error(
                f"{value!r} is not an RRULE: {part!r} is not one NAME=VALUE",
                _RRULE_EXAMPLE + ", one NAME=VALUE between each `;`",
            )
    if not any(part.split("=")[0].upper() == "FREQ" for part in parts):
        raise hinted_error(
            f"{value!r} has no FREQ",
            "start it with FREQ=DAILY, FREQ=WEEKLY, FREQ=MONTHLY or FREQ=YEARLY",
        )


IsoDate = Annotated[date, BeforeValidator(check_iso_date)]
_WORKDAYS: list[Weekday] = ["mon", "tue", "wed", "thu", "fri"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


# --- partnerctl.yaml ---------------------------------------------------------


class Pathway(_Strict):
    id: str
    name: str
    skills: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        return check_slug(value, "pathway")


class CadenceRule(_Strict):
    ideal: int = Field(ge=0)
    max: int = Field(ge=0)

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


class Settings(_Strict):
    program: str
    timezone: str | None = None
    workdays: list[Weekday] = Field(default_factory=lambda: list(_WORKDAYS))
    pathways: list[Pathway] = Field(default_factory=list)
    cadence: Cadence = Field(default_factory=Cadence)
    spotlight_every: int = Field(default=90, ge=1)
    agreements_notice: int = Field(default=30, ge=0)
    school_breaks: list[SchoolBreak] = Field(default_factory=list)
    owners: list[str] = Field(default_factory=list)
    me: str | None = None

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
            raise hinted_error(f"{value!r} is not a time zone", _zone_hint(value)) from None
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
    decision_maker: bool = False


class Research(_Strict):
    business: str | None = None
    trends: str | None = None


class Offer(_Strict):
    kind: OfferKind
    pathway: str | None = None
    seats: int | None = Field(default=None, ge=0)
    notes: str | None = None


class Agreement(_Strict):
    kind: AgreementKind
    expires: IsoDate
    notes: str | None = None


class Touchpoint(_Strict):
    date: IsoDate
    channel: Channel | None = None
    with_: str | None = Field(default=None, alias="with")
    summary: str | None = None
    outcome: Outcome | None = None
    stage: Stage | None = None
    students: int | None = Field(default=None, ge=0)


class NextStep(_Strict):
    date: IsoDate
    action: str | None = None


class Spotlight(_Strict):
    date: IsoDate
    where: SpotlightPlace
    title: str | None = None
    status: SpotlightStatus = "published"


class Partner(_Strict):
    name: str
    industry: str | None = None
    pathways: list[str] = Field(default_factory=list)
    stage: Stage
    owner: str | None = None
    since: IsoDate | None = None
    distance_miles: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    relationship: str | None = None
    early_adopter: bool = False
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


# --- events/*.yaml -----------------------------------------------------------


class Event(_Strict):
    id: str
    name: str
    kind: EventKind = "other"
    date: IsoDate
    repeat: str | None = None
    until: IsoDate | None = None
    owner: str | None = None
    # Not PartnerRef: an id that is no slug (`KXRV`) must not drop the whole event;
    # workspace.checks reports it with the id meant, and the loader keeps the valid ids.
    partners: list[str] = Field(default_factory=list)
    prepare: int = Field(default=0, ge=0)
    notes: str | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        return check_slug(value, "event")

    @field_validator("repeat")
    @classmethod
    def _rrule(cls, value: str | None) -> str | None:
        if value is None:
            return None
        _rrule_shape(value)
        from partnerctl.dates import check_rrule

        return check_rrule(value)

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
        return self


class EventFile(_Strict):
    events: list[Event] = Field(default_factory=list)


# --- plain records (their shapes are in partnerctl.records) -----------------
# Dumps of the models with the file's own key names (by alias), plus the ids.


def settings_record(model: Settings) -> SettingsRec:
    """The plain record of validated settings."""
    data: SettingsRec = model.model_dump(by_alias=True)  # type: ignore[assignment]
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
