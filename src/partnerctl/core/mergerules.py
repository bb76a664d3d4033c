"""What makes two list entries "the same entry" in each kind of workspace file, and
how a merge conflict names the value it is about.

The git merge driver (:mod:`partnerctl.core.merge`) matches entries by these
identities, `resolve` finds the entry a conflict's key names, and `validate`
points at it. Every identity compares text as `contact` matches names
(:func:`partnerctl.core.text.text_key`: case and spacing ignored), and works
on raw data (every scalar as its text) as well as on records (dates as
`datetime.date`), so one entry has one identity wherever it is read.

A conflict's key is a path: `stage`, `next.date`, `cadence.prospect.ideal`, or
an entry of a list by its label, `contacts[Dana Ortiz].email`,
`touchpoints[2026-11-02, Sent one-page intro, jlee].outcome`,
`events[chamber-breakfast].date`. `file` is the key of a whole file that one
side deleted while the other edited it.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from partnerctl.core.text import text_key

# The key of a conflict about a whole file: deleted on one side, edited on the other.
FILE_KEY = "file"
EDITED = "edited"
DELETED = "deleted"
CONFLICTS = "conflicts"


@dataclass(frozen=True)
class ListRule:
    """How the entries of one list are told apart.

    `fields` make an entry's identity; `several` are added to it for entries
    whose first field's value occurs more than once in a version of the list
    (agreements: by kind, and by holder where one kind is held several
    times). `loose` is a weaker identity that recognizes an entry whose
    identity a command changed (a spotlight moved or published to another
    date keeps its place and title). No fields: the list holds text, and
    its items are matched by value. `whole`: entries match only when equal.
    """

    fields: tuple[str, ...] = ()
    several: tuple[str, ...] = ()
    loose: tuple[str, ...] = ()
    whole: bool = False

    @property
    def text(self) -> bool:
        """Whether the list holds plain text items (needs, tags, owners, ...)."""
        return not self.fields and not self.whole


TEXT_LIST = ListRule()
WHOLE = ListRule(whole=True)

# Per kind of file: the rule of each list, by its key; "events[].partners" names a
# list inside the entries of another.
RULES: dict[str, dict[str, ListRule]] = {
    "partner": {
        "touchpoints": ListRule(("date", "summary", "by")),
        "spotlights": ListRule(("date", "where", "title"), loose=("where", "title")),
        "contacts": ListRule(("name",)),
        "offers": ListRule(("kind", "pathway")),
        "agreements": ListRule(("kind",), several=("holder",)),
        "busy_seasons": ListRule(("from", "to")),
        "needs": TEXT_LIST,
        "tags": TEXT_LIST,
        "openings": TEXT_LIST,
        "pathways": TEXT_LIST,
        CONFLICTS: WHOLE,
    },
    "events": {
        "events": ListRule(("id",)),
        "events[].partners": TEXT_LIST,
        CONFLICTS: WHOLE,
    },
    "settings": {
        "pathways": ListRule(("id",)),
        "pathways[].skills": TEXT_LIST,
        "school_breaks": ListRule(("name",)),
        "schools": ListRule(("id",)),
        "owners": TEXT_LIST,
        "workdays": TEXT_LIST,
        CONFLICTS: WHOLE,
    },
}


def rule_for(kind: str, key: str, items: Sequence[Any] = ()) -> ListRule:
    """The rule of list `key` in a file of `kind`; an unknown list goes by its items' shape.

    Text items are matched by value, mappings that all have an `id` by it,
    anything else only when equal.
    """
    known = RULES.get(kind, {}).get(key)
    if known is not None:
        return known
    if all(not isinstance(item, Mapping | list) for item in items):
        return TEXT_LIST
    if all(isinstance(item, Mapping) and item.get("id") is not None for item in items):
        return ListRule(("id",))
    return WHOLE


def plain_text(value: Any) -> str:
    """A scalar as text: dates in ISO, None as empty (records and raw data agree)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def canonical(value: Any) -> str:
    """One text for a value, equal for equal data (an entry matched whole)."""
    return json.dumps(value, sort_keys=True, default=plain_text, ensure_ascii=False)


def several_of(rule: ListRule, versions: Sequence[Sequence[Any]]) -> frozenset[str]:
    """The values of the rule's first field that occur more than once in some version."""
    if not rule.several:
        return frozenset()
    many: set[str] = set()
    for items in versions:
        seen: set[str] = set()
        for item in items:
            if isinstance(item, Mapping):
                first = text_key(plain_text(item.get(rule.fields[0])))
                if first in seen:
                    many.add(first)
                seen.add(first)
    return frozenset(many)


def identity(rule: ListRule, item: Any, many: frozenset[str] = frozenset()) -> Hashable:
    """The identity of one entry under `rule` (see ListRule)."""
    if rule.whole or not isinstance(item, Mapping):
        if rule.text and not isinstance(item, Mapping | list):
            return text_key(plain_text(item))
        return canonical(item)
    parts = [text_key(plain_text(item.get(name))) for name in rule.fields]
    if rule.several and parts[0] in many:
        parts += [text_key(plain_text(item.get(name))) for name in rule.several]
    return tuple(parts)


def loose_identity(rule: ListRule, item: Any) -> Hashable | None:
    """The entry's loose identity, or None when the rule has none."""
    if not rule.loose or not isinstance(item, Mapping):
        return None
    return tuple(text_key(plain_text(item.get(name))) for name in rule.loose)


def label(rule: ListRule, item: Any, many: frozenset[str] = frozenset()) -> str:
    """How a conflict's key names an entry: its identity's values, as written, comma-separated."""
    if rule.whole or rule.text or not isinstance(item, Mapping):
        return plain_text(item) if not isinstance(item, Mapping | list) else canonical(item)
    names = list(rule.fields)
    if rule.several and text_key(plain_text(item.get(rule.fields[0]))) in many:
        names += list(rule.several)
    return ", ".join(" ".join(plain_text(item.get(name)).split()) or "-" for name in names)


def numbered_labels(rule: ListRule, items: Sequence[Any], many: frozenset[str]) -> list[str]:
    """The label of each entry; a repeat of an earlier label gets ` #2`, ` #3`."""
    seen: dict[str, int] = {}
    labels: list[str] = []
    for item in items:
        text = label(rule, item, many)
        seen[text] = seen.get(text, 0) + 1
        labels.append(text if seen[text] == 1 else f"{text} #{seen[text]}")
    return labels


# --- keys ------------------------------------------------------------------------

Step = tuple[str, str | None]  # (a mapping's key, the label of an entry of it, or None)


def key_text(steps: Sequence[Step]) -> str:
    """`contacts[Dana Ortiz].email` from its steps."""
    return ".".join(name + (f"[{entry}]" if entry is not None else "") for name, entry in steps)


def parse_key(text: str) -> list[Step]:
    """The steps of a conflict's key; ValueError for text that is not one.

    A label may hold any character: it runs to the last `]` that ends the key
    or comes before a `.`.
    """
    steps: list[Step] = []
    rest = text.strip()
    while rest:
        bracket = rest.find("[")
        dot = rest.find(".")
        if bracket != -1 and (dot == -1 or bracket < dot):
            name = rest[:bracket]
            end = _label_end(rest, bracket)
            steps.append((name, rest[bracket + 1 : end]))
            rest = rest[end + 1 :]
            if rest and not rest.startswith("."):
                raise ValueError(f"{text!r} is not a key: expected `.` after `]`")
            rest = rest[1:]
        else:
            name, _, rest = rest.partition(".") if dot != -1 else (rest, "", "")
            steps.append((name, None))
        if not name:
            raise ValueError(f"{text!r} is not a key")
    if not steps:
        raise ValueError("the key is empty")
    return steps


def _label_end(text: str, bracket: int) -> int:
    end = -1
    for index in range(bracket + 1, len(text)):
        if text[index] == "]" and (index + 1 == len(text) or text[index + 1] == "."):
            end = index
    if end == -1:
        raise ValueError(f"{text!r} is not a key: `[` without its `]`")
    return end


def find_entry(kind: str, list_key: str, items: Sequence[Any], wanted: str) -> int | None:
    """The index of the entry of `items` whose label is `wanted` (case and spacing ignored)."""
    rule = rule_for(kind, list_key, items)
    many = several_of(rule, [items])
    want = text_key(wanted)
    for index, text in enumerate(numbered_labels(rule, items, many)):
        if text_key(text) == want:
            return index
    return None


def locate(kind: str, data: Mapping[str, Any], key: str) -> tuple[str | int, ...] | None:
    """The path (keys and indexes) of the value a conflict's key names in `data`, or None.

    None when the key does not parse or names nothing there now (removed,
    say); the caller then points at the conflict itself.
    """
    try:
        steps = parse_key(key)
    except ValueError:
        return None
    path: list[str | int] = []
    node: Any = data
    for depth, (name, entry) in enumerate(steps):
        if not isinstance(node, Mapping) or node.get(name) is None:
            return None
        node = node[name]
        path.append(name)
        if entry is not None:
            if not isinstance(node, list):
                return None
            list_key = name if depth == 0 else f"{steps[depth - 1][0]}[].{name}"
            index = find_entry(kind, list_key, node, entry)
            if index is None:
                return None
            node = node[index]
            path.append(index)
    return tuple(path)
