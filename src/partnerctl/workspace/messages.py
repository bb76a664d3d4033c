"""Pydantic's validation errors in words a CTE director understands, located in the file.

Each error becomes a :class:`Problem` in DESIGN's form
`FILE:LINE:COL: error: PATH: message (hint)`: the key path uses the file's own
key names, dots and `[i]`; line and column point at the value when there is
one, else at the key or the mapping that lacks it.
"""

from __future__ import annotations

import types
from datetime import date
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from partnerctl import model
from partnerctl.errors import Problem
from partnerctl.records import PLACEMENT_OUTCOMES, RATINGS, WOULD_HIRE
from partnerctl.words import did_you_mean, nearest

Loc = tuple[int | str, ...]
DICT_KEY = "[key]"  # the last part of pydantic's path to a bad key of a mapping

# The noun for each kind of choice, found by the Literal's values.
_CHOICE_NOUNS: dict[tuple[str, ...], str] = {
    model.STAGES: "a stage",
    model.CHANNELS: "a channel",
    model.OUTCOMES: "an outcome",
    model.OFFER_KINDS: "an offer kind",
    model.AGREEMENT_KINDS: "an agreement kind",
    model.SPOTLIGHT_PLACES: "a spotlight place",
    model.EVENT_KINDS: "an event kind",
    model.WEEKDAYS: "a weekday (mon, tue, …)",
    ("planned", "published"): "a spotlight status",
    model.PAPERWORK_KINDS: "a paperwork kind",
    RATINGS: "a rating",
    WOULD_HIRE: "yes, no or maybe",
    PLACEMENT_OUTCOMES: "a placement outcome",
}


def format_path(loc: Loc) -> str:
    """`('touchpoints', 0, 'date')` → `touchpoints[0].date`."""
    text = ""
    for part in loc:
        if part == DICT_KEY:
            continue
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def shown(value: Any, limit: int = 40) -> str:
    """A user's value as it appears in a message: quoted text, or what kind of thing it is."""
    if value is None:
        return "an empty value"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


# --- walking the models and the nodes ----------------------------------------


def _unwrap(annotation: Any) -> Any:
    """`X | None` → X; Annotated[X, ...] → X."""
    while True:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        elif origin is not None and hasattr(annotation, "__metadata__"):
            annotation = get_args(annotation)[0]
        else:
            return annotation


def annotation_at(root: type[BaseModel], loc: Loc) -> Any:
    """The type that the model expects at `loc` (None when it has no such place)."""
    current: Any = root
    dict_key: Any = None
    for part in loc:
        if part == DICT_KEY:  # pydantic's place for a mapping's key: its key's type
            current, dict_key = dict_key, None
            continue
        current = _unwrap(current)
        if get_origin(current) is dict:
            dict_key, current = get_args(current)
            continue
        if isinstance(part, int):
            if get_origin(current) is not list:
                return None
            current = get_args(current)[0]
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = next(
            (f for name, f in current.model_fields.items() if (f.alias or name) == part), None
        )
        if info is None:
            return None
        current = info.annotation
    return _unwrap(current)


def known_keys(root: type[BaseModel], loc: Loc) -> list[str]:
    """The key names the mapping at `loc` may hold (the file's names, aliases included)."""
    found = annotation_at(root, loc)
    if isinstance(found, type) and issubclass(found, BaseModel):
        return [info.alias or name for name, info in found.model_fields.items()]
    return []


def _nested_homes(root: type[BaseModel], key: str) -> list[str]:
    """The keys of `root` whose mappings (or lists of them) hold a key named `key`."""
    homes = []
    for name, info in root.model_fields.items():
        inner = _unwrap(info.annotation)
        if get_origin(inner) is list:
            inner = _unwrap(get_args(inner)[0])
        if (
            isinstance(inner, type)
            and issubclass(inner, BaseModel)
            and key in known_keys(inner, ())
        ):
            homes.append(info.alias or name)
    return homes


def unknown_key_hint(key: str, root: type[BaseModel], loc: Loc) -> str:
    """Did-you-mean for an unknown key, or where such a key belongs, or the known keys."""
    known = known_keys(root, loc)
    if key == "<<":
        return "merge keys `<<:` are not supported: write the keys out"
    here = annotation_at(root, loc)
    if isinstance(here, type) and issubclass(here, BaseModel):
        homes = _nested_homes(here, key)
        if homes:
            return f"{key!r} belongs under " + " or ".join(f"`{h}:`" for h in homes)
    return did_you_mean(key, known) or "known keys: " + ", ".join(known)


def locate(node: Node | None, loc: Loc, *, key: bool = False) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the value at `loc`, of its key with ``key=True``,
    or of the deepest mapping or list on the way when the path stops early."""
    if node is None:
        return None, None
    current = node
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(current, MappingNode) and isinstance(part, str):
            pair = next(
                (p for p in current.value if isinstance(p[0], ScalarNode) and p[0].value == part),
                None,
            )
            if pair is None:
                break
            if last and key:
                current = pair[0]
                break
            current = pair[1]
        elif isinstance(current, SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(current.value):
                break
            current = current.value[part]
        else:
            break
    mark = current.start_mark
    return mark.line + 1, mark.column + 1


# --- one error, in words ---------------------------------------------------------


def _choices(expected: Any) -> tuple[str, ...]:
    if get_origin(expected) is Literal:
        return tuple(str(a) for a in get_args(expected))
    return ()


def _missing_hint(key: str, expected: Any) -> str:
    choices = _choices(expected)
    if choices:
        return f"add `{key}: {choices[0]}`; {key} is one of: {', '.join(choices)}"
    if expected is date or key in ("date", "expires", "since"):
        return f"add `{key}: YYYY-MM-DD`"
    return f"add a line `{key}: …`"


def _number(limit: Any) -> str:
    """A model's limit as people write it: `0`, not `0.0`."""
    return f"{limit:g}" if isinstance(limit, float) else str(limit)


def _words(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> tuple[str, str | None]:
    """The message and hint for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "partnerctl":  # fieldchecks.hinted_error: the model's own words and hint
        hint = ctx.get("hint")
        return str(ctx.get("message", error["msg"])), None if hint is None else str(hint)
    if kind == "literal_error":
        choices = _choices(annotation_at(root, loc))
        noun = _CHOICE_NOUNS.get(choices, "one of the choices")
        hint = did_you_mean(value, choices) if isinstance(value, str) else None
        return f"{shown(value)} is not {noun}", hint or "one of: " + ", ".join(choices)
    if kind == "string_type":
        if value is None:
            return "needs a value", "write the text after the colon, or remove the line"
        hint = "text that holds ': ' or starts with [ or { needs quotes"
        return f"should be text, not {shown(value)}", hint
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return f"{shown(value)} is not a whole number", None
    if kind == "int_parsing_size":
        return "the number is too long", "use a number of at most 18 digits"
    if kind in ("float_parsing", "float_type"):
        return f"{shown(value)} is not a number", "for example 2.5"
    if kind == "finite_number":
        return f"{shown(value)} is not a usable number", "for example 2.5"
    if kind in ("bool_parsing", "bool_type"):
        return f"{shown(value)} is not true or false", "use true or false"
    if kind == "list_type":
        return (
            f"should be a list, not {shown(value)}",
            "write [a, b] or one `- item` per line",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (
            f"should be a mapping of `key: value` lines, not {shown(value)}",
            "indent its keys under it",
        )
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"{shown(value)} is not a date", "use YYYY-MM-DD, for example 2026-11-02"
    if kind == "greater_than_equal":
        return f"{shown(value)} is too small: it must be at least {ctx.get('ge')}", None
    if kind == "less_than_equal":
        return f"{shown(value)} is too large: it must be at most {_number(ctx.get('le'))}", None
    if kind == "greater_than":
        return f"{shown(value)} is too small: it must be more than {_number(ctx.get('gt'))}", None
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), None
    return error["msg"], None


def _renames(errors: list[ErrorDetails]) -> dict[tuple[Loc, str], tuple[Loc, str]]:
    """Unknown keys that are a required key misspelled: (mapping, typo) → (mapping, key).

    `stge: prospect` is one mistake, not two: the unknown key alone is reported
    (rename it), not also "'stage' is required".
    """
    unknown: list[tuple[Loc, str]] = []
    missing: dict[Loc, list[str]] = {}
    for error in errors:
        loc: Loc = tuple(error["loc"])
        if not loc:
            continue
        if error["type"] == "extra_forbidden":
            unknown.append((loc[:-1], str(loc[-1])))
        elif error["type"] == "missing":
            missing.setdefault(loc[:-1], []).append(str(loc[-1]))
    found: dict[tuple[Loc, str], tuple[Loc, str]] = {}
    for mapping, key in unknown:
        wanted = [k for k in missing.get(mapping, []) if (mapping, k) not in found.values()]
        near = nearest(key, wanted)
        if near:
            found[(mapping, key)] = (mapping, near[0])
    return found


def _private_key(root: type[BaseModel], key: str) -> tuple[str, str] | None:
    """The privacy message for a key meant for a name or a note, in a model that refuses them.

    A placement (model_wbl.Placement.private_keys) never holds a student's name,
    number or free text about them, at any depth: `student_name` is not a typo
    to correct but a thing the workspace must not keep.
    """
    private: frozenset[str] = getattr(root, "private_keys", frozenset())
    if key.strip().lower().replace("-", "_").replace(" ", "_") not in private:
        return None
    from partnerctl.model_wbl import PRIVACY_HINT

    return f"{key!r}: a placement keeps no names and no notes about a student", PRIVACY_HINT


def validation_problems(
    err: ValidationError,
    root: type[BaseModel],
    file: str,
    node: Node | None,
    prefix: Loc = (),
) -> list[Problem]:
    """Every error of a failed validation as located problems, in file order.

    `prefix` is the path of the validated value inside the file (an event
    validated alone is at `('events', 3)`); `root` is the model at `prefix`.
    """
    problems: list[Problem] = []
    errors = err.errors(include_url=False)
    renames = _renames(errors)
    for error in errors:
        loc: Loc = tuple(error["loc"])
        full = prefix + loc
        kind = error["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            line, col = locate(node, full, key=True)
            meant = renames.get((loc[:-1], key))
            private = _private_key(root, key)
            if private is not None:
                where = format_path(full[:-1]) or None
                problems.append(Problem(file, line, col, where, *private))
                continue
            if meant is not None:
                hint = f"rename `{key}` to `{meant[1]}`"
            else:
                hint = unknown_key_hint(key, root, loc[:-1])
            problems.append(
                Problem(
                    file, line, col, format_path(full[:-1]) or None, f"unknown key {key!r}", hint
                )
            )
        elif kind == "missing":
            key = str(loc[-1])
            if (loc[:-1], key) in renames.values():
                continue  # said by the unknown key that is this one misspelled
            line, col = locate(node, full[:-1])
            problems.append(
                Problem(
                    file,
                    line,
                    col,
                    format_path(full[:-1]) or None,
                    f"{key!r} is required",
                    _missing_hint(key, annotation_at(root, loc)),
                )
            )
        else:
            message, maybe_hint = _words(error, root, loc)
            if full and full[-1] == DICT_KEY:  # point at the key itself
                line, col = locate(node, full[:-1], key=True)
            else:
                line, col = locate(node, full)
            problems.append(
                Problem(file, line, col, format_path(full) or None, message, maybe_hint)
            )
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems
