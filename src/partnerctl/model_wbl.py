"""Pydantic models of work-based learning: placements, advisory members and meetings.

A placement file (`placements/ID.yaml`) holds what the program must prove about
one student's experience at one partner, and nothing that identifies the
student: a program-assigned pseudonymous code (checked against the settings'
`student_code` pattern in :mod:`partnerctl.workspace.checks`), dates, hours,
paperwork dates and an evaluation made of scores and fixed choices. There is
no free text in it at all, and a key meant for a name or a note is refused
with a message about student privacy (:data:`PRIVATE_KEYS`). No I/O here.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, field_validator, model_validator

from partnerctl.fieldchecks import Count, Distance, Flag, IsoDate, check_slug
from partnerctl.modelbase import Strict, WithLists
from partnerctl.records import (
    PAPERWORK_HOLDERS,
    SCORE_MAX,
    SCORE_MIN,
    OfferKind,
    PaperworkKind,
    PlacementOutcome,
    PlacementRec,
    Rating,
    WouldHire,
)

# Keys a placement never has, because what they would hold identifies a student
# or says something about one in free text (FERPA): the loader refuses them with
# a message about student privacy rather than a did-you-mean.
PRIVATE_KEYS = frozenset(
    {
        "name", "student_name", "first_name", "last_name", "full_name", "given_name",
        "family_name", "surname", "nickname", "student_id", "student_number", "sis_id",
        "id_number", "ssn", "dob", "birthdate", "birthday", "date_of_birth", "age", "grade",
        "email", "phone", "address", "parent", "parent_name", "guardian", "notes", "note",
        "comments", "comment", "summary", "description",
    }
)  # fmt: skip
PRIVACY_HINT = (
    "student privacy: a placement keeps only the program's pseudonymous code in `student:`; "
    "names, numbers and notes about a student stay in the student information system"
)


class HoursEntry(Strict):
    date: IsoDate
    # One entry may be a day's hours or a month's form (at most a month of hours).
    hours: Distance = Field(gt=0, le=744, allow_inf_nan=False)


class PaperworkEntry(Strict):
    kind: PaperworkKind
    date: IsoDate  # signed or received
    expires: IsoDate | None = None

    @field_validator("kind")
    @classmethod
    def _held_here(cls, value: str) -> str:
        holder = PAPERWORK_HOLDERS[value]
        if holder == "supervisor":
            raise ValueError(
                f"{value} is the supervisor's, not the placement's: keep it in the partner's "
                "`agreements` with `holder:` the supervisor's name"
            )
        if holder == "partner":
            raise ValueError(
                f"{value} is the partner's, not the placement's: keep it in the partner's "
                "`agreements`"
            )
        return value


class Scores(Strict):
    attendance: Count | None = Field(default=None, ge=SCORE_MIN, le=SCORE_MAX)
    punctuality: Count | None = Field(default=None, ge=SCORE_MIN, le=SCORE_MAX)
    quality: Count | None = Field(default=None, ge=SCORE_MIN, le=SCORE_MAX)
    initiative: Count | None = Field(default=None, ge=SCORE_MIN, le=SCORE_MAX)
    teamwork: Count | None = Field(default=None, ge=SCORE_MIN, le=SCORE_MAX)
    communication: Count | None = Field(default=None, ge=SCORE_MIN, le=SCORE_MAX)
    safety: Count | None = Field(default=None, ge=SCORE_MIN, le=SCORE_MAX)


class Evaluation(Strict):
    date: IsoDate
    overall: Rating
    would_hire: WouldHire | None = None
    scores: Scores = Field(default_factory=Scores)


class Placement(WithLists):
    # Read by workspace.messages: an unknown key among these gets the privacy message.
    private_keys: ClassVar[frozenset[str]] = PRIVATE_KEYS

    partner: str
    pathway: str | None = None
    kind: OfferKind
    student: str
    supervisor: str
    start: IsoDate
    end: IsoDate
    planned_hours: Distance | None = Field(default=None, gt=0, allow_inf_nan=False)
    hazardous: Flag = False
    hours: list[HoursEntry] = Field(default_factory=list)
    paperwork: list[PaperworkEntry] = Field(default_factory=list)
    evaluation: Evaluation | None = None
    outcome: PlacementOutcome | None = None

    @field_validator("partner")
    @classmethod
    def _partner(cls, value: str) -> str:
        return check_slug(value, "partner")

    @field_validator("pathway")
    @classmethod
    def _pathway(cls, value: str | None) -> str | None:
        return None if value is None else check_slug(value, "pathway")

    @field_validator("student", "supervisor")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value

    @model_validator(mode="after")
    def _dates(self) -> Placement:
        if self.end < self.start:
            raise ValueError(f"'end' ({self.end}) is before 'start' ({self.start})")
        for entry in self.hours:
            if not self.start <= entry.date <= self.end:
                raise ValueError(
                    f"hours dated {entry.date} fall outside the placement "
                    f"({self.start} to {self.end})"
                )
        seen: set[str] = set()
        for paper in self.paperwork:
            if paper.kind in seen:
                raise ValueError(f"paperwork lists {paper.kind} twice: keep one entry per kind")
            seen.add(paper.kind)
        return self


def placement_record(model: Placement, placement_id: str, file: str) -> PlacementRec:
    """The plain record of a validated placement file (scores not given are left out)."""
    data: dict[str, Any] = model.model_dump(by_alias=True)
    data["id"] = placement_id
    data["file"] = file
    evaluation = data["evaluation"]
    if evaluation is not None:
        evaluation["scores"] = {k: v for k, v in evaluation["scores"].items() if v is not None}
    return data  # type: ignore[return-value]


class AdvisoryMember(Strict):
    name: str
    pathway: str
    term_ends: IsoDate
    # A partner's contact serves by name; a parent, a college faculty member or a
    # former student has no partner, only a role (name and role only).
    partner: str | None = None
    role: str | None = None

    @field_validator("pathway")
    @classmethod
    def _pathway(cls, value: str) -> str:
        return check_slug(value, "pathway")

    @field_validator("partner")
    @classmethod
    def _partner(cls, value: str | None) -> str | None:
        return None if value is None else check_slug(value, "partner")

    @field_validator("name")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value


class Meeting(Strict):
    """One occurrence of an advisory meeting: notice sent, who was there, where the minutes are."""

    date: IsoDate
    notice: IsoDate | None = None
    present: list[str] = Field(default_factory=list)
    minutes: str | None = None
