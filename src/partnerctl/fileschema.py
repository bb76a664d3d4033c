"""JSON Schema of the three file kinds, as editors and JSON Schema validators read them.

Editors (the YAML language server), check-jsonschema and ajv read YAML 1.2,
where `yes` and `10:30` are text, `4` and `2.4` numbers and `true` a boolean;
partnerctl reads every plain scalar as text and converts it itself
(DESIGN: "Text is read as written"). The schema is therefore written for
what a YAML 1.2 parser hands it, so that it accepts exactly what `validate`
accepts:

- text fields take a string, a number or a boolean (`phone: 5550142`);
- counts, distances, yes/no flags, dates and MM-DD days take the value or its
  text, with the very spelling rules partnerctl uses (the ``*_TEXT``
  expressions of :mod:`partnerctl.fieldchecks`);
- ids, repeat rules and time zones have their shapes; given the settings,
  pathway and owner references list the workspace's own ids.

What no JSON Schema can say (one value compared with another, a file's name,
other files) is listed, with a file each, in `tests/test_schema_corpus.py`.
The schema is built by walking the pydantic models, so a key added to a model
is in it at once; :data:`DESCRIPTIONS` gives each key its hover text (a test
fails for a key without one).
"""

from __future__ import annotations

import re
import types
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin

if TYPE_CHECKING:
    from pydantic import BaseModel

    from partnerctl.records import SettingsRec

KINDS = ("settings", "partner", "event", "placement")
SCHEMA_DIR = ".partnerctl/schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
MODELINE = "# yaml-language-server: $schema="
LARGEST_NUMBER = 1.7976931348623157e308  # the largest finite double: .inf is above it

# The folder each kind of file lives in, relative to the workspace root.
_FOLDERS = {"settings": "", "partner": "partners", "event": "events", "placement": "placements"}


def schema_file(kind: str) -> str:
    """The schema's path from the workspace root: `.partnerctl/schema/KIND.schema.json`."""
    return f"{SCHEMA_DIR}/{kind}.schema.json"


def modeline(kind: str) -> str:
    """The first line of a file of `kind`: its schema, by a path from the file's own folder."""
    up = "../" if _FOLDERS[kind] else ""
    return f"{MODELINE}{up}{schema_file(kind)}"


TITLES = {
    "settings": ("partnerctl settings", "partnerctl.yaml: the program, pathways and cadence."),
    "partner": ("partnerctl partner", "partners/ID.yaml: one partner business (id = file name)."),
    "event": ("partnerctl events", "events/*.yaml: outreach events, each with a unique id."),
    "placement": (
        "partnerctl placement",
        "placements/ID.yaml: one student's work-based-learning placement (id = file name).",
    ),
}

_STAGE_WORDS = "prospect, contacted, meeting, committed, active, paused, declined or lapsed"
_CADENCE = "Days since the last touch for {stage} partners: `ideal` makes one due, `max` overdue."
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Settings": {
        "program": "The program's name, shown in reports (required).",
        "timezone": "IANA time zone in which 'today' is taken, e.g. America/Chicago "
        "(default: the computer's own).",
        "workdays": "The days outreach is planned on (default mon … fri).",
        "pathways": "The program's CTE pathways; partner files name them by id.",
        "cadence": "Days since the last touch, per stage: ideal → due, max → overdue.",
        "spotlight_every": "Days after which an active partner is due a spotlight (default 90).",
        "agreements_notice": "Days before an agreement expires that renewing it is due "
        "(default 30).",
        "school_breaks": "Breaks when no outreach is planned.",
        "owners": "The people who own partners; empty allows any owner.",
        "me": "Your owner id, for `--mine` and the `by:` of what you log "
        "(PARTNERCTL_OWNER and `git config partnerctl.me` win).",
        "from": "The From address of drafts for a one-person workspace "
        "(--from, PARTNERCTL_FROM and git's user.email win).",
        "student_code": "What a student's pseudonymous code looks like (a regular expression); "
        "a name never matches it.",
        "wbl_min_hours": "Hours a work-based-learning experience needs to count (default 90).",
        "suppress_below": "Shared reports (md, html) show a count under this as "
        '"fewer than N" (default 5).',
        "paperwork": "Paperwork on file before a student starts, by offer kind "
        "(default: internship needs a training agreement and parent consent, ...).",
        "paperwork_notice": "Days before a start that missing paperwork is due (default 14).",
        "evaluation_within": "Days after a placement ends that its evaluation is overdue "
        "(default 14).",
        "school_year_starts": "The MM-DD a school year starts (default 07-01).",
        "advisory_meetings": "Meetings each advisory committee holds a school year (default 2).",
        "advisory_notice": "Days ahead that members get notice of a meeting (default 14).",
        "advisory_term_notice": "Days before a member's term ends that renewing it is due "
        "(default 60).",
        "advisory_members": "The advisory committee: name, pathway, term_ends, and a partner "
        "or a role.",
        "schools": "A district's school workspaces, rolled up by report, due and validate.",
        "conflicts": "True merge conflicts that `partnerctl merge-file` recorded; "
        "`partnerctl validate` shows each with the command that resolves it.",
    },
    "AdvisoryMember": {
        "name": "The member's name (a partner's contact, or a parent, faculty member, ...).",
        "pathway": "The pathway id whose committee they serve on.",
        "term_ends": "The last day of their term, YYYY-MM-DD.",
        "partner": "The partner id of the business they come from, if any.",
        "role": "Their role when they come from no partner: parent, faculty, alumnus, ...",
    },
    "Meeting": {
        "date": "The day of the meeting, YYYY-MM-DD.",
        "notice": "The day notice went out to the members, YYYY-MM-DD.",
        "present": "The members who attended, by name.",
        "minutes": "Where the minutes are kept (a file or a link).",
    },
    "Placement": {
        "partner": "The partner id of the business that hosts the student.",
        "pathway": "The pathway id the placement serves.",
        "kind": "The offer kind: internship, job-shadow, apprenticeship, ...",
        "student": "The program's pseudonymous student code (student_code), never a name.",
        "supervisor": "The partner's contact who supervises the student.",
        "start": "The first day, YYYY-MM-DD.",
        "end": "The last day, YYYY-MM-DD.",
        "planned_hours": "Hours planned in all; `due` warns when the hours fall behind pace.",
        "hazardous": "true for hazardous work by a 16-17-year-old: a student-learner exemption "
        "is needed.",
        "hours": "Hours worked, by date.",
        "paperwork": "The placement's own documents on file: kind, date signed, expires.",
        "evaluation": "The end-of-placement evaluation: scores and fixed choices only.",
        "outcome": "How it ended: completed, withdrawn, ...",
    },
    "HoursEntry": {
        "date": "The day (or the month's form), YYYY-MM-DD.",
        "hours": "Hours worked.",
    },
    "PaperworkEntry": {
        "kind": "training-agreement, parent-consent, student-learner-exemption, ...",
        "date": "The day it was signed or received, YYYY-MM-DD.",
        "expires": "The day it expires, YYYY-MM-DD, if it does.",
    },
    "Evaluation": {
        "date": "The day of the evaluation, YYYY-MM-DD.",
        "overall": "exceeds, meets, approaching or below.",
        "would_hire": "yes, no or maybe.",
        "scores": "Scores of 1 to 5 on fixed criteria.",
    },
    "Scores": {
        "attendance": "1 to 5.",
        "punctuality": "1 to 5.",
        "quality": "1 to 5.",
        "initiative": "1 to 5.",
        "teamwork": "1 to 5.",
        "communication": "1 to 5.",
        "safety": "1 to 5.",
    },
    "School": {
        "id": "The school's id: lowercase letters, digits and dashes.",
        "path": "Its workspace: a folder, relative to this one, or a clone.",
        "name": "The school's name, as reports show it.",
    },
    "Conflict": {
        "key": "What the two sides changed differently, e.g. next.date.",
        "values": "Each side's value and who wrote it; the first is the one kept in place.",
    },
    "ConflictValue": {
        "value": "What one side wrote (left out: that side removed it).",
        "by": "Who wrote it: an owner id.",
    },
    "Pathway": {
        "id": "The pathway's id: lowercase letters, digits and dashes (partner files use it).",
        "name": "The pathway's name, e.g. Automotive Technology.",
        "skills": "Skills students learn; matched against partners' needs.",
    },
    "Cadence": {
        stage: _CADENCE.format(stage=stage)
        for stage in ("prospect", "contacted", "meeting", "committed", "active", "paused", "lapsed")
    },
    "CadenceRule": {
        "ideal": "Days after the last touch that a partner is due.",
        "max": "Days after the last touch that a partner is overdue (at least `ideal`).",
    },
    "SchoolBreak": {
        "name": "The break's name, e.g. Winter break.",
        "from": "The break's first day, YYYY-MM-DD.",
        "to": "The break's last day, YYYY-MM-DD (inclusive).",
    },
    "Partner": {
        "name": "The business's name as people know it (required).",
        "industry": "The business's industry, e.g. automotive; matched with pathways.",
        "pathways": "Pathway ids from partnerctl.yaml that this partner serves.",
        "stage": f"Where the partnership stands: {_STAGE_WORDS} (required).",
        "owner": "Who owns this partner: an id from `owners` in partnerctl.yaml.",
        "since": "First contact, or when they became active (YYYY-MM-DD).",
        "distance_miles": "Miles from the school.",
        "relationship": "A pre-existing tie to the school (alumni, parents, sponsors).",
        "early_adopter": "A partner likely to say yes early (true or false).",
        "tags": "Free labels, e.g. chamber.",
        "busy_seasons": "MM-DD ranges when the business is busy; may wrap the new year.",
        "best_time": "When to reach them, as text, e.g. Tue-Thu before 10am.",
        "channel": "How to reach them: email, phone, in-person, social, letter or video.",
        "contacts": "The people at the business.",
        "needs": "Business problems students could help with.",
        "openings": "Jobs the business is hiring for.",
        "research": "What you learned about the business and its industry.",
        "offers": "What the partner gives students.",
        "agreements": "Paperwork with an expiry date.",
        "touchpoints": "The history, appended by `partnerctl log`.",
        "next": "The one scheduled follow-up.",
        "spotlights": "Public recognition, published or planned.",
        "notes": "Anything else.",
        "conflicts": "True merge conflicts that `partnerctl merge-file` recorded; "
        "`partnerctl validate` shows each with the command that resolves it.",
    },
    "BusySeason": {
        "from": "The season's first day, MM-DD.",
        "to": "The season's last day, MM-DD (inclusive; before `from` wraps the new year).",
        "why": "What keeps them busy.",
    },
    "Contact": {
        "name": "The person's name (required).",
        "role": "Their job title.",
        "email": "Their email address.",
        "phone": "Their phone number, as text.",
        "decision_maker": "Whether this person decides on the partnership (true or false).",
    },
    "Research": {
        "business": "The business: size, locations, owners.",
        "trends": "Its industry's trends and needs.",
    },
    "Offer": {
        "kind": "What is offered: tour, guest-speaker, job-shadow, mentorship, internship, "
        "apprenticeship, mock-interview, advisory-board, project, equipment or sponsorship.",
        "pathway": "The pathway id it is for.",
        "seats": "How many students can take part.",
        "notes": "Anything else about the offer.",
    },
    "Agreement": {
        "kind": "mou, background-check, insurance, work-permit, media-release or other.",
        "expires": "The day it expires, YYYY-MM-DD.",
        "holder": "Whose it is, for a person's paperwork (a mentor's background check); "
        "several of one kind are told apart by it.",
        "notes": "Anything else about the agreement.",
    },
    "Touchpoint": {
        "date": "The day of the touch, YYYY-MM-DD.",
        "channel": "email, phone, in-person, social, letter or video.",
        "with": "Who you spoke with.",
        "summary": "What happened.",
        "outcome": "no-reply, replied, meeting-set, committed, declined or milestone "
        "(a success worth recognizing).",
        "stage": "The stage this touch moved the partner to.",
        "students": "Students who took part, for reports.",
        "by": "Who logged it: an owner id.",
        "closes": "The date of the follow-up (`next`) this touch completed, YYYY-MM-DD.",
        "imported": "true for a touch that `import` made from a `last_touch` column.",
    },
    "NextStep": {
        "date": "The day to follow up, YYYY-MM-DD.",
        "action": "What to do then.",
    },
    "Spotlight": {
        "date": "The day it was (or will be) published, YYYY-MM-DD.",
        "where": "social, newsletter, newspaper, website, board-meeting, award or event.",
        "title": "The headline.",
        "status": "planned or published (default published).",
        "by": "Who recorded it: an owner id.",
    },
    "EventFile": {
        "events": "The events of this file; ids are unique across all event files.",
        "conflicts": "True merge conflicts that `partnerctl merge-file` recorded; "
        "`partnerctl validate` shows each with the command that resolves it.",
    },
    "Event": {
        "id": "The event's id: lowercase letters, digits and dashes, unique across files.",
        "name": "The event's name.",
        "kind": "chamber, career-fair, advisory, open-house, newsletter, social-post, "
        "recognition or other.",
        "date": "The first occurrence, YYYY-MM-DD.",
        "repeat": "An RFC 5545 rule, e.g. FREQ=MONTHLY;BYDAY=+1TH.",
        "until": "The last day it repeats, YYYY-MM-DD (not with UNTIL or COUNT in `repeat`).",
        "owner": "Who runs it: an id from `owners` in partnerctl.yaml.",
        "partners": "Partner ids to invite or feature.",
        "prepare": "Days ahead that preparing it shows in `due` (default 0).",
        "notes": "Anything else.",
        "pathways": "An advisory meeting's committees, by pathway id (none: every pathway's).",
        "meetings": "An advisory meeting's record per day: notice, who was present, minutes.",
    },
}


# --- the values -------------------------------------------------------------------

_TEXT: dict[str, Any] = {"type": ["string", "number", "boolean"]}
_NULL: dict[str, Any] = {"type": "null"}
_YAML12_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_YAML12_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_RRULE_FREQ = "|".join(
    "".join(f"[{c}{c.lower()}]" for c in word) for word in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
)
_SUB_DAILY = "|".join(
    "".join(f"[{c}{c.lower()}]" for c in word) for word in ("SECONDLY", "MINUTELY", "HOURLY")
)
_RRULE_PART = r"[A-Za-z]+=[^=; \t\r\n]*"
RRULE_TEXT = (
    rf"[ \t]*(?![\s\S]*(?:{_SUB_DAILY}))(?:[Rr][Rr][Uu][Ll][Ee]:)?"
    rf"(?=(?:[^;]*;)*[Ff][Rr][Ee][Qq]=(?:{_RRULE_FREQ})(?:;|[ \t]*(?![\s\S])))"
    rf"{_RRULE_PART}(?:;{_RRULE_PART})*[ \t]*"
)
ZONE_TEXT = r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*"


def yaml12_value(text: str) -> Any:
    """What a YAML 1.2 parser makes of `text` written unquoted (for enums of users' words)."""
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _YAML12_INT.fullmatch(text):
        if text.startswith("0o"):
            return int(text[2:], 8)
        return int(text, 16) if text.startswith("0x") else int(text)
    if _YAML12_FLOAT.fullmatch(text):
        return float(text)
    return text  # also .inf and .nan: JSON has no such numbers


def _choices_of(words: list[str]) -> list[Any]:
    """An enum of users' words as YAML 1.2 may hand them over: the text and its value."""
    found: list[Any] = []
    for word in words:
        for value in (word, yaml12_value(word)):
            if value not in found:
                found.append(value)
    return found


def _pattern(text: str, what: str) -> dict[str, Any]:
    from partnerctl.fieldchecks import whole

    return {"type": "string", "pattern": whole(text), "patternErrorMessage": what}


def _value_schemas() -> dict[str, dict[str, Any]]:
    from partnerctl.fieldchecks import (
        COUNT_TEXT,
        DATE_TEXT,
        DISTANCE_TEXT,
        FLAG_TEXT,
        LARGEST_COUNT,
        MMDD_TEXT,
        POSITIVE_TEXT,
        SLUG_TEXT,
    )

    slug = "lowercase letters, digits and dashes, at most 64"
    return {
        "date": _pattern(DATE_TEXT, "a date that exists, as YYYY-MM-DD, e.g. 2026-11-02"),
        "mmdd": _pattern(MMDD_TEXT, "a day of the year as MM-DD, e.g. 11-15"),
        "count": {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": LARGEST_COUNT},
                _pattern(COUNT_TEXT, "a whole number of at least 0, in digits"),
            ]
        },
        "positive": {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": LARGEST_COUNT},
                _pattern(POSITIVE_TEXT, "a whole number of at least 1, in digits"),
            ]
        },
        "distance": {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": LARGEST_NUMBER},
                _pattern(DISTANCE_TEXT, "a number of at least 0, e.g. 2.5"),
            ]
        },
        "flag": {
            "anyOf": [
                {"type": "boolean"},
                {"type": "integer", "enum": [0, 1]},
                _pattern(FLAG_TEXT, "true or false (yes/no, on/off also work)"),
            ]
        },
        "slug": {
            "anyOf": [_pattern(SLUG_TEXT, slug), {"type": "integer", "minimum": 0}],
        },
        "rrule": _pattern(RRULE_TEXT, "an RFC 5545 rule, e.g. FREQ=MONTHLY;BYDAY=+1TH"),
        "zone": {
            **_pattern(ZONE_TEXT, "an IANA time zone, e.g. America/Chicago"),
            "examples": ["America/Chicago", "America/New_York", "America/Denver"],
        },
    }


# Keys whose values are checked by a validator of the model rather than by their type.
_VALIDATED = {
    ("Pathway", "id"): "slug",
    ("Event", "id"): "slug",
    ("BusySeason", "from"): "mmdd",
    ("BusySeason", "to"): "mmdd",
    ("Event", "repeat"): "rrule",
    ("Settings", "timezone"): "zone",
    ("Settings", "school_year_starts"): "mmdd",
    ("Placement", "partner"): "slug",
    ("AdvisoryMember", "partner"): "slug",
}
# References to the settings: pathway ids and owners.
_PATHWAY_REFS = {
    ("Partner", "pathways"),
    ("Offer", "pathway"),
    ("Placement", "pathway"),
    ("AdvisoryMember", "pathway"),
    ("Event", "pathways"),
}
_OWNER_REFS = {("Partner", "owner"), ("Event", "owner")}
_PARTNER_REFS = {("Event", "partners")}


class _Builder:
    """Walks the models; `pathways` and `owners` (None: not known) make enums."""

    def __init__(self, pathways: list[str] | None, owners: list[str] | None) -> None:
        self.values = _value_schemas()
        self.pathways = pathways
        self.owners = owners
        self.defs: dict[str, Any] = {}

    def model(self, model: type[BaseModel]) -> dict[str, Any]:
        from partnerctl.modelbase import WithLists

        name = model.__name__
        texts = DESCRIPTIONS.get(name, {})
        properties: dict[str, Any] = {}
        required: list[str] = []
        empty_lists = issubclass(model, WithLists)  # `key:` with nothing after it is []
        for field_name, info in model.model_fields.items():
            key = info.alias or field_name
            schema = self.field(name, key, info.annotation, info.metadata, lists_empty=empty_lists)
            if key in texts:
                schema = {"description": texts[key], **schema}
            properties[key] = schema
            if info.is_required():
                required.append(key)
        out: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out

    def ref(self, model: type[BaseModel]) -> dict[str, Any]:
        name = model.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserved before walking: a model may hold itself
            self.defs[name] = self.model(model)
        return {"$ref": f"#/$defs/{name}"}

    def field(
        self,
        owner: str,
        key: str,
        annotation: Any,
        metadata: list[Any],
        *,
        lists_empty: bool = False,
    ) -> dict[str, Any]:
        where = (owner, key)
        inner, optional = _strip_none(annotation)
        least = next((m.min_length for m in metadata if hasattr(m, "min_length")), None)
        if get_origin(inner) is dict:
            key_type, value_type = get_args(inner)
            keys = self.scalar(where, key_type, [], in_list=True)
            values = self.field(owner, key, value_type, [])
            mapping: dict[str, Any] = {"type": "object", "additionalProperties": values}
            if keys:
                mapping["propertyNames"] = keys
            return {"anyOf": [mapping, _NULL]} if optional else mapping
        if get_origin(inner) is list:
            item = get_args(inner)[0]
            items = self.scalar(where, item, [], in_list=True)
            schema: dict[str, Any] = {"type": "array", "items": items}
            if least:
                schema["minItems"] = least
            elif lists_empty and not optional:
                schema["type"] = ["array", "null"]
        else:
            schema = self.scalar(where, inner, metadata, in_list=False)
            if least and schema.get("type") == "string":
                schema = {**schema, "minLength": least}
        return {"anyOf": [schema, _NULL]} if optional else schema

    def scalar(
        self, where: tuple[str, str], annotation: Any, metadata: list[Any], *, in_list: bool
    ) -> dict[str, Any]:
        from pydantic import BaseModel

        if where in _VALIDATED:
            return self.values[_VALIDATED[where]]
        if where in _PATHWAY_REFS:
            if self.pathways is None:
                return self.values["slug"]
            return {"enum": _choices_of(self.pathways)} if self.pathways else {"not": {}}
        if where in _OWNER_REFS and self.owners:
            return {"enum": _choices_of(self.owners)}
        if where in _PARTNER_REFS:
            return self.values["slug"]
        if annotation is Any:
            return {}  # any value at all (a conflict's value: text, a number, an entry)
        base, checks = _base_and_checks(annotation)
        # pydantic keeps a field's own Annotated[...] parts in its metadata
        checks += [getattr(m, "func", None) for m in metadata]
        if isinstance(base, type) and issubclass(base, BaseModel):
            return self.ref(base)
        if get_origin(base) is Literal:
            return {"enum": list(get_args(base))}
        kind = _kind_of(checks)
        if kind == "count":
            least = _least(metadata)
            most = next((int(m.le) for m in metadata if getattr(m, "le", None) is not None), None)
            if most is not None and most <= 9:  # a score: one digit in a small range
                text = rf"[ \t]*\+?0*[{least}-{most}][ \t]*"
                return {
                    "anyOf": [
                        {"type": "integer", "minimum": least, "maximum": most},
                        _pattern(text, f"a whole number from {least} to {most}"),
                    ]
                }
            return self.values["positive" if least == 1 else "count"]
        if kind is not None:
            return self.values[kind]
        return dict(_TEXT)


def _strip_none(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(args) < len(get_args(annotation)):
            return args[0], True
    return annotation, False


def _base_and_checks(annotation: Any) -> tuple[Any, list[Any]]:
    """`Annotated[int, BeforeValidator(check_count)]` → (int, [check_count])."""
    checks: list[Any] = []
    while hasattr(annotation, "__metadata__"):
        checks.extend(getattr(m, "func", None) for m in annotation.__metadata__)
        annotation = get_args(annotation)[0]
    return annotation, checks


def _kind_of(checks: list[Any]) -> str | None:
    from partnerctl import fieldchecks

    kinds = {
        fieldchecks.check_iso_date: "date",
        fieldchecks.check_count: "count",
        fieldchecks.check_distance: "distance",
        fieldchecks.check_flag: "flag",
    }
    return next((kinds[c] for c in checks if c in kinds), None)


def _least(metadata: list[Any]) -> int:
    return next((int(m.ge) for m in metadata if getattr(m, "ge", None) is not None), 0)


def _settings_words(settings: SettingsRec | None) -> tuple[list[str] | None, list[str] | None]:
    if settings is None:
        return None, None
    return [p["id"] for p in settings["pathways"]], list(settings["owners"])


def file_schema(
    kind: str,
    settings: SettingsRec | None = None,
    *,
    known: frozenset[str] = frozenset({"pathways", "owners"}),
) -> dict[str, Any]:
    """The JSON Schema of one file kind: settings, partner or event (an events file).

    With `settings`, pathway references and owners are the workspace's own
    (`known` names the parts of the settings that could be read; the others
    stay open, as `validate` leaves them unchecked).
    """
    from partnerctl.model import EventFile, Partner, Placement, Settings

    pathways, owners = _settings_words(settings)
    builder = _Builder(
        pathways if "pathways" in known else None, owners if "owners" in known else None
    )
    models: dict[str, type[BaseModel]] = {
        "settings": Settings,
        "partner": Partner,
        "event": EventFile,
        "placement": Placement,
    }
    model = models[kind]
    body = builder.model(model)
    if kind == "event":
        # An empty events file, and `events:` with nothing under it, hold no events.
        body["type"] = ["object", "null"]
        events = body["properties"]["events"]
        body["properties"]["events"] = {
            "description": events["description"],
            "type": ["array", "null"],
            "items": events["items"],
        }
        builder.defs["Event"].update(_UNTIL_RULES)
    title, description = TITLES[kind]
    return {
        "$schema": DIALECT,
        "title": title,
        "description": description,
        **body,
        "$defs": dict(sorted(builder.defs.items())),
    }


_UNTIL_WORDS = "[Uu][Nn][Tt][Ii][Ll]=|[Cc][Oo][Uu][Nn][Tt]="
# `until` needs a `repeat` rule without UNTIL or COUNT of its own.
_UNTIL_RULES = {
    "if": {"properties": {"until": {"type": "string"}}, "required": ["until"]},
    "then": {
        "required": ["repeat"],
        "properties": {"repeat": {"type": "string"}},
        "not": {"required": ["repeat"], "properties": {"repeat": {"pattern": _UNTIL_WORDS}}},
    },
}


def schema_text(
    kind: str,
    settings: SettingsRec | None = None,
    *,
    known: frozenset[str] = frozenset({"pathways", "owners"}),
) -> str:
    """One schema as stable, indented JSON text."""
    import json

    schema = file_schema(kind, settings, known=known)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
