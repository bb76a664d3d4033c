"""Loading a workspace: every file read safely, validated, and every problem located.

Nothing here raises for a user's mistake: problems are collected, a broken
file is named (never silently dropped), and what is valid is still returned so
that other commands show what they can.

A file whose stat matches its entry in the record cache
(:mod:`partnerctl.workspace.cache`) is taken from there: a warm run imports
neither PyYAML nor the pydantic models. Other files go through
:mod:`partnerctl.workspace.parse` (imported on the first miss), and a file is
stored only when it had no problem at all: a broken file is read, and
reported, on every run. Files hold no warnings of their own; the warnings (and
errors) that look across files — pathways, owners, event partners, duplicate
names and ids, e-mail addresses — come from :mod:`partnerctl.workspace.checks`
on every load, warm or cold.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partnerctl.errors import Problem
from partnerctl.records import (
    SLUG_RE,
    ConflictRec,
    EventRec,
    SettingsRec,
)
from partnerctl.workspace import checks, checks_wbl
from partnerctl.workspace.cache import RecordCache
from partnerctl.workspace.discover import (
    EVENTS_DIR,
    PARTNERS_DIR,
    PLACEMENTS_DIR,
    SETTINGS_FILE,
    data_entries,
)
from partnerctl.workspace.loaded import Workspace

if TYPE_CHECKING:
    from types import ModuleType

    from yaml.nodes import Node

# Records of at least this many partners and events are frozen out of the collector's
# sight (gc.freeze). Below it there is nothing to win, and a long-lived process (a test
# run) would keep any cyclic garbage of the moment frozen with them.
FREEZE_AT = 1000

# Moved to partnerctl.workspace.parse; still importable from here (on first use).
_PARSE_NAMES = frozenset(
    {
        "load_settings",
        "parse_events_file",
        "parse_partner_file",
        "parse_partner_text",
        "parse_placement_file",
        "parse_settings_text",
        "partner_path",
        "read_partner",
        "read_text",
    }
)


def __getattr__(name: str) -> Any:
    if name in _PARSE_NAMES:
        return getattr(_parse(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _parse() -> ModuleType:
    """The slow path's module (PyYAML, pydantic), imported on the first cache miss."""
    from partnerctl.workspace import parse

    return parse


def _stat(path: str | os.DirEntry[str]) -> os.stat_result | None:
    """A file's stat, taken before it is read (None: let the reader report the problem)."""
    try:
        return path.stat() if isinstance(path, os.DirEntry) else os.stat(path)
    except OSError:
        return None


def load_workspace(root: Path) -> Workspace:
    """Every file of the workspace: valid records, and every problem of every file."""
    # Unpickling the cache and parsing both allocate millions of small objects that
    # all survive, and the collector would walk them again and again (half of a warm
    # load's unpickling, a quarter to a third of a cold load of 10,000 partners). The
    # records live as long as the run and hold no cycles: pause the collector, then
    # freeze a large load out of its sight, or every later full collection walks them
    # (at 10,000 partners that doubled the time of the stats and of `due`'s rules).
    enabled = gc.isenabled()
    gc.disable()
    try:
        cache = RecordCache.load(root)
        workspace = _load(root, cache)
        cache.save()
        if len(workspace.partners) + len(workspace.events) + len(workspace.placements) >= FREEZE_AT:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()
    return workspace


def _load(root: Path, cache: RecordCache) -> Workspace:
    settings, problems = _settings(root, cache)
    # Parts of the settings that did not validate are defaulted; checking partners
    # against them would fault (and drop) every partner that uses them.
    gaps = checks.settings_gaps(problems)
    findings: list[checks.Finding] = []
    nodes: dict[str, Node | None] = {}
    partners, partner_ids = _one_per_file(root, PARTNERS_DIR, "partner", cache, problems, nodes)
    for record in partners.values():
        findings.extend(checks.partner_findings(record, settings, gaps))
    events: list[tuple[EventRec, int]] = []
    # Merge conflicts recorded in files other than partners' (whose records hold theirs).
    file_conflicts: dict[str, list[ConflictRec]] = {}
    if settings["conflicts"]:
        file_conflicts[SETTINGS_FILE] = settings["conflicts"]
    for entry in _listing(root, EVENTS_DIR, problems):
        file = f"{EVENTS_DIR}/{entry.name}"
        st = _stat(entry)
        found: list[tuple[EventRec, int]] | None = (
            None if st is None else cache.lookup(file, st, "events")
        )
        if found is None:
            found, file_problems, conflicts = _parse().events_file(Path(entry.path), file)
            if conflicts:
                file_conflicts[file] = conflicts
            if file_problems or conflicts:  # a file with conflicts is read on every run
                problems.extend(file_problems)
                cache.forget(file)
            elif st is not None:
                cache.store(file, st, found)
        events.extend(found)
    findings.extend(checks.event_findings(events, partner_ids, settings, gaps))
    findings.extend(checks_wbl.meeting_findings(events, settings, gaps))
    findings.extend(checks.duplicate_name_findings(partners.values()))
    # Partners first: a placement's supervisor is checked against its partner's contacts.
    placements, _ids = _one_per_file(root, PLACEMENTS_DIR, "placement", cache, problems, nodes)
    findings.extend(checks_wbl.member_findings(settings, partners, partner_ids, gaps))
    for placement in placements.values():
        findings.extend(
            checks_wbl.placement_findings(placement, partners, partner_ids, settings, gaps)
        )
    located = checks.locate_findings(root, findings, nodes)
    for problem in located:
        if problem.severity == "error" and problem.file is not None:
            stem = Path(problem.file).stem
            if problem.file.startswith(PARTNERS_DIR + "/") and stem in partners:
                del partners[stem]
            if problem.file.startswith(PLACEMENTS_DIR + "/") and stem in placements:
                del placements[stem]
    problems.extend(located)
    problems.sort(key=_problem_order)
    # Events that a cross-file check faults (an unknown partner id) stay: their
    # other data is good, and dropping one would hide its preparation from `due`.
    # An id that is no id at all (`KXRV`) is left out of the event's partners.
    valid_events = [_valid_partner_ids(event) for event, _ in events]
    return Workspace(
        root=root,
        settings=settings,
        partners=partners,
        events=valid_events,
        placements=placements,
        problems=problems,
        file_conflicts=file_conflicts,
    )


def _one_per_file(
    root: Path,
    folder: str,
    kind: str,
    cache: RecordCache,
    problems: list[Problem],
    nodes: dict[str, Node | None],
) -> tuple[dict[str, Any], list[str]]:
    """The files of a folder of one record each (partners, placements) that validate alone.

    Returns the records by id (cross-file checks come after) and every id that
    has a file, valid or not. Two files for one id (`x.yaml` and `x.yml`) are
    an error and neither is used.
    """
    reader = f"{kind}_file"  # parse.partner_file or parse.placement_file, imported when needed
    records: dict[str, Any] = {}
    seen: dict[str, str] = {}
    for entry in _listing(root, folder, problems):
        file = f"{folder}/{entry.name}"
        file_id = entry.name[: entry.name.rindex(".")]  # .yaml or .yml
        if file_id in seen:
            problems.append(
                Problem(
                    file,
                    None,
                    None,
                    None,
                    f"two files for {kind} {file_id!r}: {seen[file_id]} and {file}",
                    "keep one of them",
                )
            )
            records.pop(file_id, None)
            continue
        seen[file_id] = file
        st = _stat(entry)
        record = None if st is None else cache.lookup(file, st, kind)
        if record is None:
            read = getattr(_parse(), reader)
            record, file_problems, node = read(Path(entry.path), file, file_id)
            if file_problems:
                nodes[file] = node
                problems.extend(file_problems)
                cache.forget(file)
            elif record is not None and st is not None:
                cache.store(file, st, record)
        if record is not None:
            records[file_id] = record
    return records, list(seen)


def _valid_partner_ids(event: EventRec) -> EventRec:
    """The event, without partner ids that are not slugs (checks report those)."""
    if all(SLUG_RE.match(partner) for partner in event["partners"]):
        return event
    kept = event.copy()
    kept["partners"] = [partner for partner in event["partners"] if SLUG_RE.match(partner)]
    return kept


def _settings(root: Path, cache: RecordCache) -> tuple[SettingsRec, list[Problem]]:
    """partnerctl.yaml's settings (from the cache when unchanged) and problems."""
    st = _stat(os.path.join(root, SETTINGS_FILE))
    settings: SettingsRec | None = (
        None if st is None else cache.lookup(SETTINGS_FILE, st, "settings")
    )
    if settings is not None:
        return settings, []
    settings, problems = _parse().load_settings(root)
    if problems:
        cache.forget(SETTINGS_FILE)
    elif st is not None:
        cache.store(SETTINGS_FILE, st, settings)
    return settings, problems


def _listing(root: Path, folder: str, problems: list[Problem]) -> list[os.DirEntry[str]]:
    """The YAML files of a folder; a warning for each other file, an error if unreadable."""
    try:
        files, others = data_entries(root, folder)
    except OSError as err:
        problems.append(
            Problem(f"{folder}/", None, None, None, f"cannot read the folder: {err.strerror}")
        )
        return []
    problems.extend(
        Problem(
            f"{folder}/{name}",
            None,
            None,
            None,
            "ignored: only .yaml and .yml files are read here",
            severity="warning",
        )
        for name in others
        if not name.lower().startswith("readme")
    )
    return files


def _problem_order(problem: Problem) -> tuple[int, str, int, int]:
    """Settings, partners, events, then placements, each file's problems by place."""
    file = problem.file or ""
    if file == SETTINGS_FILE:
        rank = 0
    elif file.startswith(PARTNERS_DIR + "/"):
        rank = 1
    elif file.startswith(EVENTS_DIR + "/"):
        rank = 2
    elif file.startswith(PLACEMENTS_DIR + "/"):
        rank = 3
    else:
        rank = 4
    return rank, file, problem.line or 0, problem.column or 0
