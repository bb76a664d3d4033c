"""One file's text to its record: parse, validate and locate every problem.

This is the slow path of loading (PyYAML and the pydantic models); a warm
load takes problem-free files from the record cache and never imports it
(see :mod:`partnerctl.workspace.load`). Writers use it directly: a partner
file is validated here before and after every edit.

Nothing here raises for a user's mistake: problems are collected, and the
fast path (a file that parses and validates) builds no line index and
composes nothing twice; only files with problems are located.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from yaml.nodes import Node

from partnerctl.errors import Problem, errors_in
from partnerctl.model import (
    Conflict,
    ConflictRec,
    Event,
    EventRec,
    Partner,
    PartnerRec,
    Placement,
    PlacementRec,
    Settings,
    SettingsRec,
    event_record,
    partner_record,
    placement_record,
    settings_record,
)
from partnerctl.words import did_you_mean
from partnerctl.workspace import checks
from partnerctl.workspace.discover import (
    PARTNERS_DIR,
    SETTINGS_FILE,
    YAML_SUFFIXES,
    data_files,
    relative_name,
)
from partnerctl.workspace.hazards import MAX_FILE_BYTES, decode, too_big
from partnerctl.workspace.messages import validation_problems
from partnerctl.workspace.yamlio import Parsed, parse_yaml

_KINDS = {"list": "a list", "str": "text", "NoneType": "empty"}


def read_text(path: Path, file: str) -> tuple[str | None, list[Problem]]:
    """A file's text (UTF-8, BOM removed), or None and the problem that stops it."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [too_big(file, size)]
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(file, None, None, None, f"cannot read the file: {err.strerror}")]
    return decode(raw, file)


def _mapping(parsed: Parsed, file: str, empty_hint: str) -> dict[str, Any] | None:
    """The document as a mapping, or None with a located problem added."""
    if parsed.problems and parsed.data is None:
        return None
    data = parsed.data
    if isinstance(data, dict):
        return data
    if parsed.node is None:
        parsed.problems.append(Problem(file, 1, 1, None, "the file is empty", empty_hint))
        return None
    mark = parsed.node.start_mark
    kind = _KINDS.get(type(data).__name__, "a value")
    parsed.problems.append(
        Problem(
            file,
            mark.line + 1,
            mark.column + 1,
            None,
            f"the file holds {kind}, not `key: value` lines",
            empty_hint,
        )
    )
    return None


# --- settings -------------------------------------------------------------------


def _salvage(data: dict[str, Any], err: ValidationError, placeholder: str) -> SettingsRec:
    """Settings without the parts that failed, so other commands can still run."""
    kept = copy.deepcopy(data)
    drop_items: dict[str, set[int]] = {}
    for error in err.errors(include_url=False):
        loc = error["loc"]
        if not loc:
            continue
        key = str(loc[0])
        if len(loc) > 1 and isinstance(loc[1], int) and isinstance(kept.get(key), list):
            drop_items.setdefault(key, set()).add(loc[1])
        else:
            kept.pop(key, None)
    for key, indexes in drop_items.items():
        if isinstance(kept.get(key), list):
            kept[key] = [v for i, v in enumerate(kept[key]) if i not in indexes]
    if not isinstance(kept.get("program"), str):
        kept["program"] = placeholder
    try:
        return settings_record(Settings.model_validate(kept))
    except ValidationError:
        return settings_record(Settings(program=placeholder))


def parse_settings_text(
    text: str,
    file: str = SETTINGS_FILE,
    placeholder: str = "CTE program",
    *,
    parsed: Parsed | None = None,
) -> tuple[SettingsRec, list[Problem]]:
    """Settings from the text of partnerctl.yaml; on errors, what could be kept.

    `parsed`: the text already parsed by parse_yaml, to parse it only once.
    """
    if parsed is None:
        parsed = parse_yaml(text, file)
    data = _mapping(parsed, file, "partnerctl.yaml needs at least `program: NAME`")
    if data is None:
        return settings_record(Settings(program=placeholder)), parsed.problems
    try:
        record = settings_record(Settings.model_validate(data))
    except ValidationError as err:
        problems = parsed.problems + validation_problems(err, Settings, file, parsed.node)
        return _salvage(data, err, placeholder), problems
    return record, parsed.problems


def load_settings(root: Path) -> tuple[SettingsRec, list[Problem]]:
    """partnerctl.yaml's settings and problems; broken settings give defaults plus errors."""
    placeholder = root.name or "CTE program"
    text, problems = read_text(root / SETTINGS_FILE, SETTINGS_FILE)
    if text is None:
        return settings_record(Settings(program=placeholder)), problems
    return parse_settings_text(text, SETTINGS_FILE, placeholder)


# --- partners -------------------------------------------------------------------

_PARTNER_HINT = "a partner file needs at least `name: ...` and `stage: prospect`"


def parse_partner_file(
    text: str, file: str, partner_id: str, *, parsed: Parsed | None = None
) -> tuple[PartnerRec | None, list[Problem], Node | None]:
    """A partner file on its own (no settings needed): its record, problems and nodes.

    `parsed`: the text already parsed by parse_yaml (a writer has it), else it is parsed here.
    """
    return _parse_one(
        text, file, partner_id, "partner", _PARTNER_HINT, Partner, partner_record, parsed
    )


def _parse_one(
    text: str,
    file: str,
    file_id: str,
    noun: str,
    hint: str,
    model: Any,
    make_record: Callable[[Any, str, str], Any],
    parsed: Parsed | None = None,
) -> tuple[Any, list[Problem], Node | None]:
    """A file that holds one record (a partner, a placement): its record, problems and nodes.

    The record is None when the file has an error; its id is the file's name.
    """
    if parsed is None:
        parsed = parse_yaml(text, file)
    data = _mapping(parsed, file, hint)
    problems = parsed.problems
    bad_id = checks.slug_problem(file_id, file, noun)
    if bad_id is not None:
        problems.insert(0, bad_id)
    if data is None:
        return None, problems, parsed.node
    try:
        validated = model.model_validate(data)
    except ValidationError as err:
        problems.extend(validation_problems(err, model, file, parsed.node))
        return None, problems, parsed.node
    if errors_in(problems):
        return None, problems, parsed.node
    return make_record(validated, file_id, file), problems, parsed.node


def parse_partner_text(
    text: str, file: str, partner_id: str, settings: SettingsRec, *, parsed: Parsed | None = None
) -> tuple[PartnerRec | None, list[Problem]]:
    """Validate a partner file's text as a whole (for writers, before they write).

    The record is None when there is any error; warnings come with a record.
    `parsed`: the text already parsed by parse_yaml, to parse it only once.
    """
    record, problems, node = parse_partner_file(text, file, partner_id, parsed=parsed)
    if record is None:
        return None, problems
    findings = checks.partner_findings(record, settings)
    problems = problems + checks.locate_findings(None, findings, {file: node})
    if errors_in(problems):
        return None, problems
    return record, problems


def partner_path(root: Path, partner_id: str) -> Path | None:
    """The file of a partner id (`.yaml` before `.yml`), or None."""
    for suffix in YAML_SUFFIXES:
        path = root / PARTNERS_DIR / f"{partner_id}{suffix}"
        if path.is_file():
            return path
    return None


def read_partner(
    root: Path, partner_id: str, settings: SettingsRec
) -> tuple[str, PartnerRec | None, list[Problem]]:
    """One partner's text, record (None when it has errors) and problems.

    Raises UsageError for an id with no file (with a did-you-mean hint), or
    for a file that cannot be read as text.
    """
    checks_id = checks.slug_problem(partner_id, f"{partner_id}.yaml", "partner")
    path = None if checks_id is not None else partner_path(root, partner_id)
    if path is None:
        from partnerctl.workspace.edit import unknown_partner

        files, _ = data_files(root, PARTNERS_DIR)
        raise unknown_partner(partner_id, {p.stem for p in files})
    file = relative_name(root, path)
    text, problems = read_text(path, file)
    if text is None:
        from partnerctl.errors import DataError

        raise DataError(found=problems)
    record, problems = parse_partner_text(text, file, partner_id, settings)
    return text, record, problems


# --- placements -----------------------------------------------------------------

_PLACEMENT_HINT = (
    "a placement file needs at least partner, kind, student (a code), supervisor, start and end"
)


def parse_placement_file(
    text: str, file: str, placement_id: str, *, parsed: Parsed | None = None
) -> tuple[PlacementRec | None, list[Problem], Node | None]:
    """A placement file on its own (no settings needed): its record, problems and nodes.

    `parsed`: the text already parsed by parse_yaml, to parse it only once.
    """
    return _parse_one(
        text, file, placement_id, "placement", _PLACEMENT_HINT, Placement, placement_record, parsed
    )


def placement_file(
    path: Path, file: str, placement_id: str
) -> tuple[PlacementRec | None, list[Problem], Node | None]:
    """A placement file read from disk: its record, its own problems and its nodes."""
    text, problems = read_text(path, file)
    if text is None:
        return None, problems, None
    return parse_placement_file(text, file, placement_id)


# --- events ---------------------------------------------------------------------

_EVENTS_HINT = "an event file holds `events:` and a list of events under it"
_EVENT_FILE_KEYS = ("events", "conflicts")

EventsFound = tuple[list[tuple[EventRec, int]], list[Problem], list[ConflictRec]]


def _file_conflicts(
    data: dict[str, Any], file: str, node: Node | None
) -> tuple[list[ConflictRec], list[Problem]]:
    """The `conflicts` of an events file (written by the merge driver), each validated alone."""
    items = data.get("conflicts")
    if items is None:
        return [], []
    if not isinstance(items, list):
        from partnerctl.workspace.messages import locate

        line, col = locate(node, ("conflicts",))
        hint = "partnerctl resolve removes them; `git log -p` shows what the merge wrote"
        return [], [Problem(file, line, col, "conflicts", "should be a list", hint)]
    found: list[ConflictRec] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        try:
            model = Conflict.model_validate(item)
        except ValidationError as err:
            problems.extend(validation_problems(err, Conflict, file, node, ("conflicts", index)))
            continue
        found.append(model.model_dump())  # type: ignore[arg-type]
    return found, problems


def parse_events_file(text: str, file: str, *, parsed: Parsed | None = None) -> EventsFound:
    """The valid events of one file (each with its index), the file's problems and conflicts.

    Each event is validated alone, so one bad event keeps the others. An
    empty file holds no events. `conflicts` are the merge conflicts the file
    records (DESIGN, "Working as a team"). `parsed`: the text already parsed.
    """
    if parsed is None:
        parsed = parse_yaml(text, file)
    if parsed.node is None and not parsed.problems:
        return [], [], []
    data = _mapping(parsed, file, _EVENTS_HINT)
    problems = parsed.problems
    if data is None:
        return [], problems, []
    conflicts, conflict_problems = _file_conflicts(data, file, parsed.node)
    problems.extend(conflict_problems)
    for key in data:
        if key not in _EVENT_FILE_KEYS:
            from partnerctl.workspace.messages import locate

            line, col = locate(parsed.node, (key,), key=True)
            problems.append(
                Problem(
                    file,
                    line,
                    col,
                    None,
                    f"unknown key {key!r}",
                    did_you_mean(key, _EVENT_FILE_KEYS) or _EVENTS_HINT,
                )
            )
    items = data.get("events")
    if items is None:
        return [], problems, conflicts
    if not isinstance(items, list):
        from partnerctl.workspace.messages import locate

        line, col = locate(parsed.node, ("events",))
        problems.append(
            Problem(
                file, line, col, "events", "should be a list of events", "one `- id: ...` per event"
            )
        )
        return [], problems, conflicts
    events: list[tuple[EventRec, int]] = []
    for index, item in enumerate(items):
        try:
            model = Event.model_validate(item)
        except ValidationError as err:
            problems.extend(validation_problems(err, Event, file, parsed.node, ("events", index)))
            continue
        events.append((event_record(model, file), index))
    return events, problems, conflicts


# --- whole files, for the loader's miss path ---------------------------------


def partner_file(
    path: Path, file: str, partner_id: str
) -> tuple[PartnerRec | None, list[Problem], Node | None]:
    """A partner file read from disk: its record, its own problems and its nodes."""
    text, problems = read_text(path, file)
    if text is None:
        return None, problems, None
    return parse_partner_file(text, file, partner_id)


def events_file(path: Path, file: str) -> EventsFound:
    """An event file read from disk: its valid events (each with its index), problems, conflicts."""
    text, problems = read_text(path, file)
    if text is None:
        return [], problems, []
    return parse_events_file(text, file)


def find_event(root: Path, event_id: str) -> tuple[str, EventRec] | None:
    """The event file (its id: the name without .yaml) that holds `event_id`, and the event.

    Reads the event files alone, not the whole workspace; None when no valid
    event has that id.
    """
    from partnerctl.workspace.discover import EVENTS_DIR

    files, _others = data_files(root, EVENTS_DIR)
    for path in files:
        found, _problems, _conflicts = events_file(path, relative_name(root, path))
        for event, _index in found:
            if event["id"] == event_id:
                return path.stem, event
    return None
