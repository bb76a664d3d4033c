"""Checks that look across records: ids, references, owners, and the warnings of `validate`.

They work on plain records (fresh or cached alike) and return :class:`Finding`
objects naming a key path; :func:`locate_findings` turns them into located
problems, composing a file's nodes only when it has a finding.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from partnerctl.errors import Problem
from partnerctl.records import (
    SLUG_RE,
    SLUG_RULE,
    EventRec,
    PartnerRec,
    SettingsRec,
    looks_like_email,
)

if TYPE_CHECKING:
    from yaml.nodes import Node

    from partnerctl.workspace.messages import Loc

# The checks run on every load, warm or cold; messages.py (pydantic, yaml) is
# imported only when there is something to say.

_WORD_RE = re.compile(r"[a-z0-9]+")
# Words that do not tell two businesses apart.
_SUFFIXES = frozenset(
    {
        "inc", "incorporated", "llc", "llp", "ltd", "limited", "co", "corp",
        "corporation", "company", "the", "pllc", "pc", "plc",
    }
)  # fmt: skip


# The parts of the settings that cross-file checks compare records with.
SETTINGS_PARTS = frozenset({"pathways", "owners", "student_code", "advisory_members"})


@dataclass(frozen=True)
class Finding:
    """A problem found in a record: its file, key path, words and severity."""

    file: str
    loc: Loc
    message: str
    hint: str | None = None
    severity: str = "error"
    key: bool = False  # point at the key (not its value)


def slug_problem(stem: str, file: str, what: str) -> Problem | None:
    """An error naming a file whose stem is not a valid id, with a hint to rename it."""
    if SLUG_RE.match(stem):
        return None
    suggestion = slugify(stem) or "partner"
    return Problem(
        file,
        None,
        None,
        None,
        f"{stem!r} is not a valid {what} id (the file's name is its id): {SLUG_RULE}",
        hint=f"rename it to {suggestion}{Path(file).suffix}",
    )


def settings_gaps(problems: Iterable[Problem]) -> frozenset[str]:
    """The parts of the settings (of SETTINGS_PARTS) that could not be read as written.

    The loader drops or defaults what does not validate, so checking records
    against such a part would fault every partner that uses it (one syntax
    error in partnerctl.yaml would hide most partners). The checks skip these
    parts while the settings error, which is reported, lasts. An error without
    a key path (an unreadable file, YAML syntax, an unknown or duplicate
    top-level key) may touch any part.
    """
    gaps: set[str] = set()
    for problem in problems:
        if problem.severity != "error":
            continue
        if not problem.path:
            return SETTINGS_PARTS
        top = re.split(r"[.\[]", problem.path, maxsplit=1)[0]
        if top in SETTINGS_PARTS:
            gaps.add(top)
    return frozenset(gaps)


def partner_findings(
    partner: PartnerRec, settings: SettingsRec, gaps: frozenset[str] = frozenset()
) -> list[Finding]:
    """A partner's pathway ids and owner against the settings, and its contact emails.

    `gaps` names the parts of the settings not to check against (see settings_gaps).
    """
    found: list[Finding] = []
    pathway_ids = [p["id"] for p in settings["pathways"]]
    file = partner["file"]
    if "pathways" not in gaps:
        for index, pathway in enumerate(partner["pathways"]):
            if pathway not in pathway_ids:
                found.append(unknown_pathway(file, ("pathways", index), pathway, pathway_ids))
        for index, offer in enumerate(partner["offers"]):
            offered = offer["pathway"]
            if offered is not None and offered not in pathway_ids:
                loc = ("offers", index, "pathway")
                found.append(unknown_pathway(file, loc, offered, pathway_ids))
    if "owners" not in gaps:
        owner_finding = _owner(file, ("owner",), partner["owner"], settings)
        if owner_finding is not None:
            found.append(owner_finding)
    for index, contact in enumerate(partner["contacts"]):
        email = contact["email"]
        if email is not None and not looks_like_email(email):
            found.append(
                Finding(
                    file,
                    ("contacts", index, "email"),
                    f"{email!r} does not look like an email address",
                    "for example dana@example.com",
                    severity="warning",
                )
            )
    return found


def unknown_pathway(file: str, loc: Loc, pathway: str, known: list[str]) -> Finding:
    from partnerctl.words import did_you_mean

    hint = did_you_mean(pathway, known)
    if hint is None:
        hint = (
            "pathways in partnerctl.yaml: " + ", ".join(known)
            if known
            else "partnerctl.yaml lists no pathways yet"
        )
    return Finding(file, loc, f"{pathway!r} is not a pathway in partnerctl.yaml", hint)


def _owner(file: str, loc: Loc, owner: str | None, settings: SettingsRec) -> Finding | None:
    owners = settings["owners"]
    if owner is None or not owners or owner in owners:
        return None
    from partnerctl.words import did_you_mean

    hint = did_you_mean(owner, owners) or "owners in partnerctl.yaml: " + ", ".join(owners)
    return Finding(file, loc, f"{owner!r} is not in the owners list of partnerctl.yaml", hint)


def event_findings(
    events: list[tuple[EventRec, int]],
    partner_ids: Iterable[str],
    settings: SettingsRec,
    gaps: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Event ids unique across files, partner ids that are valid and exist, owners in the list.

    `events` pairs each event with its index in its file's `events` list;
    `gaps` names the parts of the settings not to check against.
    """
    known = sorted(partner_ids)
    known_set = set(known)
    first: dict[str, tuple[str, int]] = {}
    found: list[Finding] = []
    for event, index in events:
        file = event["file"]
        where = first.get(event["id"])
        if where is None:
            first[event["id"]] = (file, index)
        else:
            found.append(
                Finding(
                    file,
                    ("events", index, "id"),
                    f"event id {event['id']!r} is used twice (also {where[0]} events[{where[1]}])",
                    "event ids are unique across all event files",
                )
            )
        for at, partner in enumerate(event["partners"]):
            if partner not in known_set:
                loc = ("events", index, "partners", at)
                found.append(_unknown_event_partner(file, loc, partner, known, known_set))
        if "owners" not in gaps:
            owner_finding = _owner(file, ("events", index, "owner"), event["owner"], settings)
            if owner_finding is not None:
                found.append(owner_finding)
        if event["repeat"] is not None:
            off_rule = _date_off_rule(event, index)
            if off_rule is not None:
                found.append(off_rule)
    return found


def _date_off_rule(event: EventRec, index: int) -> Finding | None:
    """A warning for an event whose `date` is not a day its repeat rule names.

    DESIGN calls `date` the first occurrence, so it still shows; the warning
    says so, and names the rule's own first day.
    """
    from partnerctl.recurrence import first_occurrence

    assert event["repeat"] is not None
    first = first_occurrence(event["repeat"], event["date"], event["until"])
    if first is None or first == event["date"]:
        return None  # None: validate's error about the rule says it
    return Finding(
        event["file"],
        ("events", index, "date"),
        f"{event['date'].isoformat()} is not a day of its repeat rule; it shows as the "
        f"first occurrence, then the rule's days from {first.isoformat()}",
        f"if the first one is on {first.isoformat()}, write that date",
        severity="warning",
    )


def _unknown_event_partner(
    file: str, loc: Loc, partner: str, known: list[str], known_set: set[str]
) -> Finding:
    """An event's partner id that is not a partner: a misspelling or not an id at all.

    Either way the event stays (the loader keeps its valid ids), and the hint
    names the partner meant: `KXRV` or `Mike's Garage` as well as `kxrvv`.
    """
    from partnerctl.words import did_you_mean

    slug = slugify(partner)
    hint = f"did you mean {slug!r}?" if slug in known_set else did_you_mean(partner, known)
    if not SLUG_RE.match(partner):
        return Finding(file, loc, f"{partner!r} is not a valid partner id: {SLUG_RULE}", hint)
    return Finding(
        file,
        loc,
        f"{partner!r} is not a partner (no partners/{partner}.yaml)",
        hint or "a partner id is its file's name",
    )


def slugify(text: str) -> str:
    """`Mike's Garage` → `mike-s-garage`: lowercase letters and digits joined by dashes."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64]


def normalized_name(name: str) -> str:
    """A partner name for spotting duplicates: case, accents, punctuation and Inc/LLC gone."""
    if name.isascii():  # most names; NFKD would change nothing (runs for every partner)
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    words = [w for w in _WORD_RE.findall(text) if w not in _SUFFIXES]
    return " ".join(words)


def duplicate_name_findings(partners: Iterable[PartnerRec]) -> list[Finding]:
    """One warning for each group of partners whose names are the same.

    It stands in the group's first file (by file name) and names the others:
    one problem, one line.
    """
    groups: dict[str, list[PartnerRec]] = {}
    for partner in partners:
        key = normalized_name(partner["name"])
        if key:
            groups.setdefault(key, []).append(partner)
    found: list[Finding] = []
    for group in groups.values():
        if len(group) < 2:
            continue
        first, *rest = sorted(group, key=lambda p: p["file"])
        others = ", ".join(p["file"] for p in rest)
        found.append(
            Finding(
                first["file"],
                ("name",),
                f"{first['name']!r} looks like the same partner as {others}",
                "merge the files, or make the names differ",
                severity="warning",
            )
        )
    return found


def locate_findings(
    root: Path | None, findings: list[Finding], nodes: dict[str, Node | None] | None = None
) -> list[Problem]:
    """Located problems for findings; each file named is parsed once, only here.

    `nodes` holds documents already composed (by file); other files are read
    from `root` (no place is given when `root` is None).
    """
    if not findings:
        return []  # the usual case: nothing to parse or import
    from partnerctl.workspace.hazards import decode
    from partnerctl.workspace.messages import format_path, locate
    from partnerctl.workspace.yamlio import parse_yaml

    nodes = dict(nodes or {})
    problems: list[Problem] = []
    for finding in findings:
        if finding.file not in nodes:
            node = None
            try:
                if root is not None:
                    text, _ = decode((root / finding.file).read_bytes(), finding.file)
                    if text is not None:
                        node = parse_yaml(text, finding.file).node
            except OSError:
                node = None
            nodes[finding.file] = node
        line, col = locate(nodes[finding.file], finding.loc, key=finding.key)
        problems.append(
            Problem(
                finding.file,
                line,
                col,
                format_path(finding.loc) or None,
                finding.message,
                finding.hint,
                finding.severity,
            )
        )
    return problems
