"""JSON Schema of each command's `--format json` document (`partnerctl schema --output NAME`).

JSON is a contract with users' scripts. Each concept has one definition in
:data:`DEFS` (a date, a partner id, a due item, a partner's profile, an
error, a period), and every document refers to it, so one concept keeps one
name and shape across commands. Documents are closed (`additionalProperties:
false`) and name their required keys, so the tests, which validate real
output against these schemas, fail on any drift.
"""

from __future__ import annotations

from typing import Any

from partnerctl.core.calendar import KINDS as CALENDAR_ENTRY_KINDS
from partnerctl.core.due import KINDS, STATUSES
from partnerctl.records import (
    AGREEMENT_KINDS,
    CHANNELS,
    EVENT_KINDS,
    OFFER_KINDS,
    OUTCOMES,
    SPOTLIGHT_PLACES,
    STAGES,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DUE_KINDS = KINDS  # the due engine's own list: one home
DUE_STATUSES = STATUSES
CALENDAR_KINDS = CALENDAR_ENTRY_KINDS


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _null(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _list(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": schema}


def _object(
    required: dict[str, Any], optional: dict[str, Any] | None = None, description: str = ""
) -> dict[str, Any]:
    """A closed object: `required` keys always there, `optional` ones when they apply."""
    out: dict[str, Any] = {"type": "object"}
    if description:
        out["description"] = description
    out["properties"] = {**required, **(optional or {})}
    out["required"] = list(required)
    out["additionalProperties"] = False
    return out


_TEXT = {"type": "string"}
_INT = {"type": "integer"}
_COUNT = {"type": "integer", "minimum": 0}
_NUMBER = {"type": "number"}
_BOOL = {"type": "boolean"}
_DATE = _ref("date")
_ID = _ref("id")
_ERRORS = _list(_ref("problem"))


def _enum(values: tuple[str, ...]) -> dict[str, Any]:
    return {"enum": list(values)}


_PROBLEM = _object(
    {
        "file": _null(_TEXT),
        "line": _null(_INT),
        "column": _null(_INT),
        "path": _null(_TEXT),
        "message": _TEXT,
        "hint": _null(_TEXT),
    },
    description="One problem: FILE:LINE:COL, the key path, the message and a hint.",
)
_DUE_ITEM = _object(
    {
        "kind": _enum(DUE_KINDS),
        "status": _enum(DUE_STATUSES),
        "date": _DATE,
        "days_late": _INT,
        "action": _TEXT,
        "urgency": _NUMBER,
    },
    {
        "partner": _ID,
        "contact": _TEXT,
        "channel": _enum(CHANNELS),
        "owner": _TEXT,
        "warnings": _list(_TEXT),
        "event": _ID,
        "event_date": _DATE,
        "partners": _list(_ID),
        "deferred_until": _DATE,
        "commands": _list(_TEXT),
        "school": _ID,
        "file": _TEXT,
        "placement": _ID,
        "student": _TEXT,
        "member": _TEXT,
        "pathway": _ID,
        "rule": _TEXT,
    },
    "One thing to do (DESIGN's `due` item): a partner's, or an event's with its partners.",
)
_TOUCHPOINT = _object(
    {
        "date": _DATE,
        "channel": _null(_enum(CHANNELS)),
        "with": _null(_TEXT),
        "summary": _null(_TEXT),
        "outcome": _null(_enum(OUTCOMES)),
        "stage": _null(_enum(STAGES)),
        "students": _null(_COUNT),
        "by": _null(_TEXT),
        "closes": _null(_DATE),
        "imported": _BOOL,
    }
)
_PROFILE = _object(
    {
        "id": _ID,
        "name": _TEXT,
        "industry": _null(_TEXT),
        "pathways": _list(_ID),
        "stage": _enum(STAGES),
        "owner": _null(_TEXT),
        "since": _null(_DATE),
        "distance_miles": _null(_NUMBER),
        "relationship": _null(_TEXT),
        "early_adopter": _BOOL,
        "tags": _list(_TEXT),
        "busy_seasons": _list(
            _object({"from": _ref("mmdd"), "to": _ref("mmdd"), "why": _null(_TEXT)})
        ),
        "best_time": _null(_TEXT),
        "channel": _null(_enum(CHANNELS)),
        "contacts": _list(
            _object(
                {"name": _TEXT, "role": _null(_TEXT), "decision_maker": _BOOL},
                {"email": _null(_TEXT), "phone": _null(_TEXT)},
            )
        ),
        "needs": _list(_TEXT),
        "openings": _list(_TEXT),
        "research": _object({"business": _null(_TEXT), "trends": _null(_TEXT)}),
        "offers": _list(
            _object(
                {
                    "kind": _enum(OFFER_KINDS),
                    "pathway": _null(_ID),
                    "seats": _null(_COUNT),
                    "notes": _null(_TEXT),
                }
            )
        ),
        "agreements": _list(
            _object(
                {
                    "kind": _enum(AGREEMENT_KINDS),
                    "expires": _DATE,
                    "holder": _null(_TEXT),
                    "notes": _null(_TEXT),
                }
            )
        ),
        "touchpoints": _list(_TOUCHPOINT),
        "next": _null(_object({"date": _DATE, "action": _null(_TEXT)})),
        "spotlights": _list(
            _object(
                {
                    "date": _DATE,
                    "where": _enum(SPOTLIGHT_PLACES),
                    "title": _null(_TEXT),
                    "status": _enum(("planned", "published")),
                    "by": _null(_TEXT),
                }
            )
        ),
        "notes": _null(_TEXT),
        "conflicts": _list(
            _object(
                {
                    "key": _TEXT,
                    "values": _list(_object({"by": _null(_TEXT)}, {"value": {}})),
                }
            )
        ),
    },
    description="A partner as its file holds it (dates as YYYY-MM-DD), `id` first.",
)

DEFS: dict[str, Any] = {
    "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"},
    "mmdd": {"type": "string", "pattern": "^[0-9]{2}-[0-9]{2}$"},
    "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,63}$"},
    "period": _object({"from": _DATE, "to": _DATE}, description="The days covered, inclusive."),
    "problem": _PROBLEM,
    "due_item": _DUE_ITEM,
    "profile": _PROFILE,
}

_CALENDAR_ITEM = _object(
    {"date": _DATE, "shown_on": _DATE, "kind": _enum(CALENDAR_KINDS)},
    {
        "end": _DATE,
        "status": {"const": "overdue"},
        "days_late": _INT,
        "partner": _ID,
        "event": _ID,
        "owner": _TEXT,
        "action": _TEXT,
        "detail": _TEXT,
        "name": _TEXT,
        "notes": _TEXT,
        "where": _enum(SPOTLIGHT_PLACES),
        "title": _TEXT,
        "agreement": _enum(AGREEMENT_KINDS),
        "edge": _enum(("begins", "ends")),
        "why": _TEXT,
        "partners": _list(_ID),
    },
    "One dated thing: `date` its own day, `shown_on` the day the calendar shows it on.",
)
# The keys each kind of calendar item always has.
_CALENDAR_KEYS = {
    "follow-up": ["partner", "action"],
    "cadence": ["partner", "action", "detail"],
    "event": ["event", "name", "partners"],
    "school-break": ["name", "end"],
    "spotlight": ["partner", "where"],
    "agreement": ["partner", "agreement"],
    "busy-season": ["partner", "edge"],
}
_CALENDAR_ITEM["allOf"] = [
    {"if": {"properties": {"kind": {"const": kind}}}, "then": {"required": keys}}
    for kind, keys in _CALENDAR_KEYS.items()
]


def _counted(key: str, count: str = "touches") -> dict[str, Any]:
    return _list(_object({key: _null(_TEXT), count: _COUNT}))


_REPORT = {
    "program": _TEXT,
    "today": _DATE,
    "period": _ref("period"),
    "touches": _list(
        _object(
            {
                "partner": _ID,
                "name": _TEXT,
                "owner": _null(_TEXT),
                "date": _DATE,
                "channel": _null(_enum(CHANNELS)),
                "with": _null(_TEXT),
                "summary": _null(_TEXT),
                "outcome": _null(_enum(OUTCOMES)),
                "stage": _null(_enum(STAGES)),
                "students": _null(_COUNT),
                "by": _null(_TEXT),
            }
        )
    ),
    "by_owner": _counted("owner"),
    "by_author": _counted("by"),
    "by_channel": _counted("channel"),
    "outcomes": _counted("outcome"),
    "students": _object({"total": _COUNT, "by_pathway": _counted("pathway", "students")}),
    "stage_moves": _list(
        _object(
            {
                "partner": _ID,
                "name": _TEXT,
                "date": _DATE,
                "from": _null(_enum(STAGES)),
                "to": _enum(STAGES),
            }
        )
    ),
    "new_partners": _list(
        _object(
            {
                "partner": _ID,
                "name": _TEXT,
                "date": _DATE,
                "stage": _enum(STAGES),
                "owner": _null(_TEXT),
                "contact": _null(_TEXT),
            },
            {
                "contact_role": _null(_TEXT),
                "contact_email": _null(_TEXT),
                "contact_phone": _null(_TEXT),
            },
        )
    ),
    "due": _object({"overdue": _COUNT, "due": _COUNT}),
    "events": _list(
        _object(
            {
                "event": _ID,
                "name": _TEXT,
                "kind": _enum(EVENT_KINDS),
                "date": _DATE,
                "owner": _null(_TEXT),
                "partners": _list(_ID),
            }
        )
    ),
    "spotlights": _list(
        _object(
            {
                "partner": _ID,
                "name": _TEXT,
                "date": _DATE,
                "where": _enum(SPOTLIGHT_PLACES),
                "title": _null(_TEXT),
                "by": _null(_TEXT),
            }
        )
    ),
    "agreements": _list(
        _object(
            {
                "partner": _ID,
                "name": _TEXT,
                "kind": _enum(AGREEMENT_KINDS),
                "expires": _DATE,
                "days_left": _INT,
            }
        )
    ),
    "stages": _object(dict.fromkeys(STAGES, _COUNT)),
    "pathways": _list(
        _object(
            {
                "id": _ID,
                "name": _TEXT,
                "total": _COUNT,
                "active": _COUNT,
                "flagged": _BOOL,
                "stages": _object(dict.fromkeys(STAGES, _COUNT)),
            }
        )
    ),
    # README, "Placements and student privacy": counts by partner and pathway, and
    # `by_student`, keyed by the pseudonymous code (left out with --no-students).
    "placements": {
        "type": "object",
        "required": ["threshold_hours", "placements", "hours", "students", "paperwork"],
    },
    # README, "The advisory committee": the school year and each committee.
    "advisory": _object({"from": _DATE, "to": _DATE, "committees": _list({"type": "object"})}),
}

_SPOTLIGHT_ITEM = _object(
    {
        "partner": _ID,
        "status": _enum(("due", "upcoming")),
        "reason": _TEXT,
        "date": _DATE,
        "suggested_where": _enum(SPOTLIGHT_PLACES),
        "suggested_title": _TEXT,
        "media_release": _BOOL,
    },
    {
        "planned": _object(
            {"date": _DATE, "where": _enum(SPOTLIGHT_PLACES), "title": _null(_TEXT)}
        ),
        "commands": _list(_TEXT),
    },
)
_PITCH = {
    "partner": _ID,
    "today": _DATE,
    "opening": _null(_TEXT),
    "checklist": _list(
        _object({"item": _TEXT, "ok": _BOOL, "detail": _null(_TEXT)}, {"command": _TEXT})
    ),
    "peers": _list(
        _object(
            {
                "partner": _ID,
                "name": _TEXT,
                "stage": _enum(STAGES),
                "offers": _list(_TEXT),
                "via": _TEXT,
            },
            {"pathways": _list(_ID)},
        )
    ),
    "matches": _list(
        _object(
            {
                "need": _TEXT,
                "skill": _TEXT,
                "pathway": _ID,
                "pathway_name": _TEXT,
                "shared": _list(_TEXT),
            }
        )
    ),
    "benefits": {"type": "object", "additionalProperties": _TEXT},
    "ask": _list(_object({"kind": _enum(OFFER_KINDS), "reason": _TEXT})),
}

# The body of each document (without `version` and `errors`), by the name `--output` takes.
DOCUMENTS: dict[str, tuple[str, dict[str, Any]]] = {
    "due": ("due --format json", {"today": _DATE, "items": _list(_ref("due_item"))}),
    "calendar": (
        "calendar --format json",
        {"today": _DATE, "period": _ref("period"), "items": _list(_CALENDAR_ITEM)},
    ),
    "report": ("report --format json", _REPORT),
    "show": (
        "show ID --format json",
        {
            "today": _DATE,
            "partner": _ID,
            "file": _TEXT,
            "profile": _ref("profile"),
            "items": _list(_ref("due_item")),
            "placements": _list({"type": "object"}),  # the placements it hosts
        },
    ),
    "list": (
        "list --format json",
        {
            "partners": _list(
                _object(
                    {
                        "id": _ID,
                        "name": _TEXT,
                        "stage": _enum(STAGES),
                        "owner": _null(_TEXT),
                        "industry": _null(_TEXT),
                        "pathways": _list(_ID),
                        "tags": _list(_TEXT),
                        "last_touch": _null(_DATE),
                        "next": _null(_object({"date": _DATE, "action": _null(_TEXT)})),
                    }
                )
            )
        },
    ),
    "prospects": (
        "prospects --format json",
        {
            "today": _DATE,
            "items": _list(
                _object(
                    {
                        "partner": _ID,
                        "score": _NUMBER,
                        "terms": {"type": "object", "additionalProperties": _NUMBER},
                        "reasons": _list(_TEXT),
                    }
                )
            ),
        },
    ),
    "plan": (
        "plan --format json",
        {
            "today": _DATE,
            "period": _ref("period"),
            "items": _list(
                _object(
                    {"partner": _ID, "date": _DATE, "action": _TEXT, "reason": _TEXT},
                    {"event": _ID},
                )
            ),
            "unplaced": _list(_object({"partner": _ID, "reason": _TEXT})),
        },
    ),
    "pitch": ("pitch ID --format json", _PITCH),
    "spotlight": ("spotlight --format json", {"today": _DATE, "items": _list(_SPOTLIGHT_ITEM)}),
    "spotlight-history": (
        "spotlight --history --format json",
        {
            "history": _list(
                _object(
                    {
                        "partner": _ID,
                        "date": _DATE,
                        "where": _enum(SPOTLIGHT_PLACES),
                        "title": _null(_TEXT),
                    }
                )
            ),
            "by_place": {"type": "object", "additionalProperties": _COUNT},
        },
    ),
    "validate": (
        "validate --format json",
        {
            "today": _DATE,
            "checked": _object({"partners": _COUNT, "events": _COUNT}),
            "warnings": _ERRORS,
        },
    ),
    "export": ("export --format json", {"partners": _list(_ref("profile"))}),
    "error": ("any command's --format json when it stops on an error", {}),
}
NAMES = tuple(DOCUMENTS)


def output_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one document; a UsageError (with a did-you-mean) for another name."""
    if name not in DOCUMENTS:
        from partnerctl.errors import UsageError
        from partnerctl.words import did_you_mean

        raise UsageError(
            f"--output: {name!r} has no JSON document",
            hint=did_you_mean(name, NAMES) or "one of: " + ", ".join(NAMES),
        )
    command, body = DOCUMENTS[name]
    return {
        "$schema": DIALECT,
        "title": f"partnerctl {command}",
        **_object({"version": {"const": 1}, **body, "errors": _ERRORS}),
        "$defs": DEFS,
    }
