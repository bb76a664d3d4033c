"""The plain records every layer past validation works on, and the file formats' constants.

Records are ``dict``s shaped as the TypedDicts below: the file's own key names
(``"from"``, ``"to"``, ``"with"``), every key present, dates as
``datetime.date``. They come from the pydantic models in :mod:`partnerctl.model`
(``partner_record`` and friends) or from the record cache. This module imports
neither pydantic nor yaml, so that a warm run, served from the cache, pays for
neither; :mod:`partnerctl.model` re-exports every name here.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal, TypedDict, get_args

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}\Z")
SLUG_RULE = (
    "use lowercase letters, digits and dashes, starting with a letter or digit, "
    "at most 64 characters"
)
# ASCII digits only, and no line break before the end (`$` would allow one; `\d` takes
# any script's digits): what JSON Schema's ECMAScript patterns take too.
MMDD_RE = re.compile(r"^([0-9]{2})-([0-9]{2})\Z")
ISO_DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
# What an email address looks like, for warnings and for the To: and From: of drafts.
EMAIL_RE = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[A-Za-z]{2,}$")

Stage = Literal[
    "prospect", "contacted", "meeting", "committed", "active", "paused", "declined", "lapsed"
]
Channel = Literal["email", "phone", "in-person", "social", "letter", "video"]
Outcome = Literal["no-reply", "replied", "meeting-set", "committed", "declined", "milestone"]
OfferKind = Literal[
    "tour",
    "guest-speaker",
    "job-shadow",
    "mentorship",
    "internship",
    "apprenticeship",
    "mock-interview",
    "advisory-board",
    "project",
    "equipment",
    "sponsorship",
]
AgreementKind = Literal[
    "mou", "background-check", "insurance", "work-permit", "media-release", "other"
]
SpotlightPlace = Literal[
    "social", "newsletter", "newspaper", "website", "board-meeting", "award", "event"
]
SpotlightStatus = Literal["planned", "published"]
EventKind = Literal[
    "chamber",
    "career-fair",
    "advisory",
    "open-house",
    "newsletter",
    "social-post",
    "recognition",
    "other",
]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# Work-based learning: the documents a placement needs, and who holds each.
PaperworkKind = Literal[
    "training-agreement",
    "parent-consent",
    "student-learner-exemption",
    "work-permit",
    "student-media-release",
    "background-check",
    "insurance",
    "mou",
]
Rating = Literal["exceeds", "meets", "approaching", "below"]
WouldHire = Literal["yes", "no", "maybe"]
PlacementOutcome = Literal["completed", "withdrew"]

STAGES: tuple[str, ...] = get_args(Stage)
CHANNELS: tuple[str, ...] = get_args(Channel)
OUTCOMES: tuple[str, ...] = get_args(Outcome)
OFFER_KINDS: tuple[str, ...] = get_args(OfferKind)
AGREEMENT_KINDS: tuple[str, ...] = get_args(AgreementKind)
SPOTLIGHT_PLACES: tuple[str, ...] = get_args(SpotlightPlace)
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)
WEEKDAYS: tuple[str, ...] = get_args(Weekday)
PAPERWORK_KINDS: tuple[str, ...] = get_args(PaperworkKind)
RATINGS: tuple[str, ...] = get_args(Rating)
WOULD_HIRE: tuple[str, ...] = get_args(WouldHire)
PLACEMENT_OUTCOMES: tuple[str, ...] = get_args(PlacementOutcome)

# Who holds each kind of paperwork: the placement's own file (the student's
# documents), the supervising contact (a partner agreement whose `holder` is
# the supervisor) or the partner itself (a partner agreement without a holder).
PAPERWORK_HOLDERS: dict[str, str] = {
    "training-agreement": "placement",
    "parent-consent": "placement",
    "student-learner-exemption": "placement",
    "work-permit": "placement",
    "student-media-release": "placement",
    "background-check": "supervisor",
    "insurance": "partner",
    "mou": "partner",
}
# The paperwork each offer kind needs before a student starts, unless the settings'
# `paperwork` says otherwise for that kind; other kinds need none.
DEFAULT_PAPERWORK: dict[str, list[str]] = {
    "internship": ["training-agreement", "parent-consent"],
    "apprenticeship": ["training-agreement", "parent-consent", "work-permit"],
    "job-shadow": ["parent-consent"],
    "mentorship": ["parent-consent", "background-check"],
}
# Hazardous work by a student-learner (16-17 years old) needs this besides its kind's list.
HAZARDOUS_PAPERWORK = "student-learner-exemption"
# The criteria of an end-of-placement evaluation, each scored 1 (low) to 5 (high).
EVALUATION_CRITERIA: tuple[str, ...] = (
    "attendance",
    "punctuality",
    "quality",
    "initiative",
    "teamwork",
    "communication",
    "safety",
)
SCORE_MIN, SCORE_MAX = 1, 5
# A program-assigned pseudonymous code, e.g. S-0427: never a name or a student number.
DEFAULT_STUDENT_CODE = r"^S-[0-9]{4,6}$"

DEFAULT_CADENCE: dict[str, tuple[int, int]] = {
    "prospect": (21, 45),
    "contacted": (7, 14),
    "meeting": (7, 14),
    "committed": (14, 30),
    "active": (30, 60),
    "paused": (90, 180),
    "lapsed": (30, 90),
}


def looks_like_email(text: str) -> bool:
    """Whether `text` (surrounding space ignored) looks like an email address."""
    return bool(EMAIL_RE.match(text.strip()))


def split_address(text: str) -> tuple[str, str] | None:
    """(display name, address) of `Jordan Lee <jlee@example.org>` or `jlee@example.org`.

    None unless `text` is exactly one address that looks like one (no line
    breaks, no second address): what a draft's From: or To: may carry.
    """
    from email.utils import getaddresses

    if "\n" in text or "\r" in text:
        return None
    found = getaddresses([text.strip()])
    if len(found) != 1:
        return None
    name, address = found[0]
    if not looks_like_email(address) or address not in text:
        return None
    return name.strip(), address


def iso_date(text: str) -> date:
    """The day a `YYYY-MM-DD` text names, or ValueError saying why it names none.

    The one wording of an impossible date, in files and on the command line
    alike: "month must be 1..12", "day must be 1..28 in 2026-02".
    """
    match = ISO_DATE_RE.match(text)
    if not match:
        raise ValueError("use YYYY-MM-DD, for example 2026-11-02")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise ValueError("month must be 1..12")
    if year < 1:
        raise ValueError("the year must be 0001 or later")
    try:
        return date(year, month, day)
    except ValueError:
        import calendar

        last = calendar.monthrange(year, month)[1]
        raise ValueError(f"day must be 1..{last} in {year:04d}-{month:02d}") from None


# --- partnerctl.yaml ---------------------------------------------------------


class CadenceRec(TypedDict):
    ideal: int
    max: int


class PathwayRec(TypedDict):
    id: str
    name: str
    skills: list[str]


BreakRec = TypedDict("BreakRec", {"name": str, "from": date, "to": date})


class ConflictValueRec(TypedDict):
    value: Any
    by: str | None


class ConflictRec(TypedDict):
    """A true merge conflict kept as data (DESIGN, "Working as a team")."""

    key: str
    values: list[ConflictValueRec]


class SchoolRec(TypedDict):
    """A school's workspace that a district workspace rolls up."""

    id: str
    path: str
    name: str | None


class AdvisoryMemberRec(TypedDict):
    name: str
    pathway: str
    term_ends: date
    partner: str | None
    role: str | None


SettingsRec = TypedDict(
    "SettingsRec",
    {
        "program": str,
        "timezone": str | None,
        "workdays": list[str],
        "pathways": list[PathwayRec],
        "cadence": dict[str, CadenceRec],
        "spotlight_every": int,
        "agreements_notice": int,
        "school_breaks": list[BreakRec],
        "owners": list[str],
        "me": str | None,
        "from": str | None,  # the drafts' From address when nothing per person gives one
        "student_code": str,
        "wbl_min_hours": float,
        "suppress_below": int,
        "paperwork": dict[str, list[str]],
        "paperwork_notice": int,
        "evaluation_within": int,
        "school_year_starts": str,
        "advisory_meetings": int,
        "advisory_notice": int,
        "advisory_term_notice": int,
        "advisory_members": list[AdvisoryMemberRec],
        "schools": list[SchoolRec],
        "conflicts": list[ConflictRec],
    },
)


# --- partners/ID.yaml --------------------------------------------------------

BusySeasonRec = TypedDict("BusySeasonRec", {"from": str, "to": str, "why": str | None})


class ContactRec(TypedDict):
    name: str
    role: str | None
    email: str | None
    phone: str | None
    decision_maker: bool


class ResearchRec(TypedDict):
    business: str | None
    trends: str | None


class OfferRec(TypedDict):
    kind: str
    pathway: str | None
    seats: int | None
    notes: str | None


class AgreementRec(TypedDict):
    kind: str
    expires: date
    holder: str | None
    notes: str | None


TouchpointRec = TypedDict(
    "TouchpointRec",
    {
        "date": date,
        "channel": str | None,
        "with": str | None,
        "summary": str | None,
        "outcome": str | None,
        "stage": str | None,
        "students": int | None,
        "by": str | None,
        "closes": date | None,
        "imported": bool,
    },
)


class NextRec(TypedDict):
    date: date
    action: str | None


class SpotlightRec(TypedDict):
    date: date
    where: str
    title: str | None
    status: str
    by: str | None


class PartnerRec(TypedDict):
    id: str
    file: str
    name: str
    industry: str | None
    pathways: list[str]
    stage: str
    owner: str | None
    since: date | None
    distance_miles: float | None
    relationship: str | None
    early_adopter: bool
    tags: list[str]
    busy_seasons: list[BusySeasonRec]
    best_time: str | None
    channel: str | None
    contacts: list[ContactRec]
    needs: list[str]
    openings: list[str]
    research: ResearchRec
    offers: list[OfferRec]
    agreements: list[AgreementRec]
    touchpoints: list[TouchpointRec]
    next: NextRec | None
    spotlights: list[SpotlightRec]
    notes: str | None
    conflicts: list[ConflictRec]


# --- events/*.yaml -----------------------------------------------------------


class MeetingRec(TypedDict):
    date: date
    notice: date | None
    present: list[str]
    minutes: str | None


class EventRec(TypedDict):
    id: str
    file: str
    name: str
    kind: str
    date: date
    repeat: str | None
    until: date | None
    owner: str | None
    partners: list[str]
    prepare: int
    notes: str | None
    pathways: list[str]
    meetings: list[MeetingRec]


# --- placements/ID.yaml ------------------------------------------------------


class HoursRec(TypedDict):
    date: date
    hours: float


class PaperworkRec(TypedDict):
    kind: str
    date: date
    expires: date | None


class EvaluationRec(TypedDict):
    date: date
    overall: str
    would_hire: str | None
    scores: dict[str, int]


class PlacementRec(TypedDict):
    id: str
    file: str
    partner: str
    pathway: str | None
    kind: str
    student: str
    supervisor: str
    start: date
    end: date
    planned_hours: float | None
    hazardous: bool
    hours: list[HoursRec]
    paperwork: list[PaperworkRec]
    evaluation: EvaluationRec | None
    outcome: str | None
