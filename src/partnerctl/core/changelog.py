"""What a commit of workspace files did, in the words of partnerctl's commands.

`sync` commits the workspace's own files with a message that says what
changed: "log riverside-auto, kxrv; snooze kxrv". Each changed file is
described from its data before and after (raw data, every scalar as its
text), as the command that would have made the change: a new touchpoint is a
`log` (a `stage` when it moves the stage), a moved follow-up without one a
`snooze`, and so on; what no command names is an `edit`. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from partnerctl.core.mergerules import canonical

SUBJECT_WIDTH = 72
# The keys whose change each verb names (the rest is an `edit`).
_OWN_KEYS = frozenset({"touchpoints", "stage", "next", "contacts", "spotlights", "owner"})


@dataclass(frozen=True)
class FileChange:
    """One file of a commit: its kind (partner, events, settings, other), name and data."""

    kind: str
    name: str  # a partner's id, else the file's path
    old: Mapping[str, Any] | None  # None: a new file
    new: Mapping[str, Any] | None  # None: deleted
    readable: bool = True  # False: a file whose data could not be read


def _entries(data: Mapping[str, Any] | None, key: str) -> list[Any]:
    value = (data or {}).get(key)
    return value if isinstance(value, list) else []


def _added(old: Mapping[str, Any], new: Mapping[str, Any], key: str) -> list[Any]:
    before = {canonical(item) for item in _entries(old, key)}
    return [item for item in _entries(new, key) if canonical(item) not in before]


def partner_verbs(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The commands a partner file's change stands for, in a stable order."""
    verbs: list[str] = []
    touches = _added(old, new, "touchpoints")
    moved = any(isinstance(t, Mapping) and t.get("stage") for t in touches)
    if moved or old.get("stage") != new.get("stage"):
        verbs.append("stage")
    if any(not (isinstance(t, Mapping) and t.get("stage")) for t in touches):
        verbs.append("log")
    resolved = {c.get("key") for c in _entries(old, "conflicts") if isinstance(c, Mapping)} - {
        c.get("key") for c in _entries(new, "conflicts") if isinstance(c, Mapping)
    }
    settled = any(str(key).startswith("next") for key in resolved)
    if old.get("next") != new.get("next") and not touches and not settled:
        verbs.append("snooze")
    if old.get("contacts") != new.get("contacts"):
        verbs.append("contact")
    if old.get("spotlights") != new.get("spotlights"):
        verbs.append("spotlight")
    if old.get("owner") != new.get("owner"):
        verbs.append("reassign")
    before, after = _entries(old, "conflicts"), _entries(new, "conflicts")
    if len(after) < len(before):
        verbs.append("resolve")
    elif after != before:
        verbs.append("merge")
    own = _OWN_KEYS | {"conflicts"}
    others = {k for k in (*old, *new) if k not in own and old.get(k) != new.get(k)}
    if others or (old.get("touchpoints") != new.get("touchpoints") and not touches):
        verbs.append("edit")
    return verbs


def event_verbs(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """`add event X`, `edit event Y`, `remove event Z` for an events file's change."""

    def by_id(data: Mapping[str, Any]) -> dict[str, Any]:
        return {
            str(e.get("id")): e
            for e in _entries(data, "events")
            if isinstance(e, Mapping) and e.get("id") is not None
        }

    before, after = by_id(old), by_id(new)
    verbs = [f"add event {eid}" for eid in after if eid not in before]
    verbs += [f"edit event {eid}" for eid in after if eid in before and after[eid] != before[eid]]
    verbs += [f"remove event {eid}" for eid in before if eid not in after]
    before_conflicts, after_conflicts = _entries(old, "conflicts"), _entries(new, "conflicts")
    if after_conflicts != before_conflicts:
        verbs.append("resolve" if len(after_conflicts) < len(before_conflicts) else "merge")
    return verbs


def describe(change: FileChange) -> list[str]:
    """`log riverside-auto`-style phrases for one changed file."""
    if change.name.endswith(".gitattributes"):
        return ["set up merging"]
    if change.name.startswith(".partnerctl/schema/"):
        return ["schema"]
    if change.old is None and change.new is not None:
        return [f"add {change.name}"]
    if change.new is None:
        return [f"remove {change.name}"]
    if not change.readable or change.old is None:
        return [f"edit {change.name}"]
    if change.kind == "partner":
        return [f"{verb} {change.name}" for verb in partner_verbs(change.old, change.new)] or [
            f"edit {change.name}"
        ]
    if change.kind == "events":
        return event_verbs(change.old, change.new) or [f"edit {change.name}"]
    if change.kind == "settings":
        return ["settings"]
    return [f"edit {change.name}"]


def message(changes: Sequence[FileChange]) -> tuple[str, str]:
    """The commit's subject ("log riverside-auto, kxrv; snooze kxrv") and its body.

    Phrases with the same verb join their names. A subject too long for one
    line keeps the first groups and says how many more; the body then lists
    every phrase, one a line.
    """
    phrases = [phrase for change in changes for phrase in describe(change)]
    subject = _subject(phrases, len(phrases))
    if len(subject) <= SUBJECT_WIDTH:
        return subject, ""
    for shown in range(len(phrases) - 1, 0, -1):
        subject = f"{_subject(phrases[:shown], shown)} and {len(phrases) - shown} more"
        if len(subject) <= SUBJECT_WIDTH:
            return subject, "\n".join(phrases)
    return f"{len(phrases)} changes", "\n".join(phrases)


def _subject(phrases: Sequence[str], count: int) -> str:
    """Phrases with one verb joined: `log a, b; snooze c`."""
    groups: dict[str, list[str]] = {}
    for phrase in phrases[:count]:
        verb, _, name = phrase.rpartition(" ")
        if not verb:
            verb, name = phrase, ""
        names = groups.setdefault(verb, [])
        if name and name not in names:
            names.append(name)
    return "; ".join(f"{verb} {', '.join(names)}".strip() for verb, names in groups.items())
