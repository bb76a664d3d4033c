"""The three-way merge of one workspace file by meaning: git's merge driver, as data.

:func:`merge_data` takes the raw data (every scalar as its text) of the
common ancestor (`base`), of the side git hands as the file to write
(`ours`) and of the other side (`theirs`), and returns the operations that
apply the other side's edits to ours (:mod:`partnerctl.core.change`), so the
workspace layer writes the result the way every partnerctl edit writes:
only the lines that must change. Pure: no files, no git, no clock.

DESIGN, "Working as a team": every list entry has an identity
(:mod:`partnerctl.core.mergerules`), and each entry and each scalar merges
three-way: added on one side → added; removed on one side and unchanged on
the other → removed; changed on one side → that change; changed on both
sides to the same value → once. Anything else is a true conflict: the value
in ours stays in place and a `conflicts:` entry names the key, each value and
each side's author.

Authors come from the data, never from which side a change is on (under
`git pull --rebase` git swaps the sides): a side's author is the one `by` of
the touchpoints and spotlights it added to the file; when that names nobody
(or several people), the caller's `fallback` for that side, which the git
layer finds from the side's commit.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from partnerctl.core import mergerules as rules
from partnerctl.core.change import Op, append, remove_item, set_field, set_key
from partnerctl.core.mergerules import CONFLICTS, ListRule, Step, key_text

Raw = Any  # str | None | list | dict: what a YAML file holds, every scalar as its text


@dataclass(frozen=True)
class Merged:
    """What merging one file does: the operations on ours, and the true conflicts found."""

    ops: tuple[Op, ...]
    conflicts: tuple[dict[str, Any], ...]
    authors: tuple[str | None, str | None]


def conflict_entry(key: str, values: Sequence[tuple[Raw, str | None]]) -> dict[str, Any]:
    """A `conflicts:` entry: the key and each value with its author (None left out)."""
    shown = []
    for value, by in values:
        entry: dict[str, Any] = {}
        if value is not None:
            entry["value"] = value
        if by is not None:
            entry["by"] = by
        shown.append(entry)
    return {"key": key, "values": shown}


def side_author(kind: str, base: Mapping[str, Raw], side: Mapping[str, Raw]) -> str | None:
    """The one `by` of the touchpoints and spotlights a side added (or changed), else None."""
    if kind != "partner":
        return None
    names: set[str] = set()
    for key in ("touchpoints", "spotlights"):
        before = {rules.canonical(item) for item in _list(base.get(key))}
        for item in _list(side.get(key)):
            if isinstance(item, Mapping) and rules.canonical(item) not in before:
                by = item.get("by")
                if isinstance(by, str) and by.strip():
                    names.add(by.strip())
    return names.pop() if len(names) == 1 else None


def merge_data(
    kind: str,
    base: Mapping[str, Raw],
    ours: Mapping[str, Raw],
    theirs: Mapping[str, Raw],
    *,
    fallback: tuple[str | None, str | None] = (None, None),
) -> Merged:
    """Theirs' edits (since base) as operations on ours, and the true conflicts.

    `kind` is `partner`, `events` or `settings` (another kind merges by the
    shape of its lists). `fallback` is each side's author when its own entries
    do not name one.
    """
    authors = (
        side_author(kind, base, ours) or fallback[0],
        side_author(kind, base, theirs) or fallback[1],
    )
    merge = _Merge(kind, authors, base, ours, theirs)
    merge.top()
    return Merged(tuple(merge.ops), tuple(merge.conflicts), authors)


def _list(value: Raw) -> list[Raw]:
    return value if isinstance(value, list) else []


def _is_list_key(*values: Raw) -> bool:
    """Lists (or missing) on every side, and a list on one at least."""
    return all(v is None or isinstance(v, list) for v in values) and any(
        isinstance(v, list) for v in values
    )


class _Merge:
    """One file's merge: collects operations and conflicts."""

    def __init__(
        self,
        kind: str,
        authors: tuple[str | None, str | None],
        base: Mapping[str, Raw],
        ours: Mapping[str, Raw],
        theirs: Mapping[str, Raw],
    ) -> None:
        self.kind = kind
        self.authors = authors
        self.base, self.ours, self.theirs = base, ours, theirs
        self.ops: list[Op] = []
        self.conflicts: list[dict[str, Any]] = []

    def conflict(self, steps: Sequence[Step], ours: Raw, theirs: Raw) -> None:
        values = [(ours, self.authors[0]), (theirs, self.authors[1])]
        self.conflicts.append(conflict_entry(key_text(steps), values))

    # --- the file ----------------------------------------------------------------

    def top(self) -> None:
        base, ours, theirs = self.base, self.ours, self.theirs
        keys = [*ours, *(k for k in theirs if k not in ours), *(k for k in base if k not in ours)]
        for key in dict.fromkeys(keys):
            if key == CONFLICTS:
                continue
            b, o, t = base.get(key), ours.get(key), theirs.get(key)
            if o == t or b == t:
                continue  # theirs has nothing to add here
            if _is_list_key(b, o, t):
                left = self.merge_list(key, _list(b), _list(o), _list(t))
                if t is None and key in ours and b is not None and not left:
                    self.ops.append(set_key(key, None))  # theirs removed the whole list
                continue
            if key == "next" and self.kind == "partner" and self.new_follow_up(b, o, t):
                if o is None:
                    self.ops.append(set_key(key, t))
                continue
            merged = self.merge_value([(key, None)], b, o, t, key)
            if merged != o:
                self.ops.append(set_key(key, merged))
        self.merge_conflicts()

    def new_follow_up(self, b: Raw, o: Raw, t: Raw) -> bool:
        """Whether both sides completed the old follow-up and one of them set a new one.

        Each side logged a touch that `closes` the old `next`; one side also
        set a new `next`, the other cleared it. The new one stands: no conflict.
        """
        if not isinstance(b, Mapping) or (o is None) == (t is None):
            return False
        done = b.get("date")
        return self._completed(self.ours, done) and self._completed(self.theirs, done)

    def _completed(self, side: Mapping[str, Raw], done: Raw) -> bool:
        before = {rules.canonical(x) for x in _list(self.base.get("touchpoints"))}
        return any(
            isinstance(touch, Mapping)
            and rules.canonical(touch) not in before
            and touch.get("closes") == done
            for touch in _list(side.get("touchpoints"))
        )

    def merge_conflicts(self) -> None:
        """The `conflicts` list itself (resolved on one side: gone), then the new ones."""
        b, o, t = (_list(side.get(CONFLICTS)) for side in (self.base, self.ours, self.theirs))
        kept = [*o]
        if o != t and b != t:
            kept = self.merge_list(CONFLICTS, b, o, t)
        present = {rules.canonical(entry) for entry in kept}
        for entry in self.conflicts:
            if rules.canonical(entry) not in present:
                present.add(rules.canonical(entry))
                self.ops.append(append(CONFLICTS, entry))

    # --- values ------------------------------------------------------------------

    def merge_value(self, steps: list[Step], b: Raw, o: Raw, t: Raw, rule_key: str) -> Raw:
        """One value three-way; mappings field by field, text lists item by item."""
        if o == t or b == t:
            return o
        if b == o:
            return t
        if (
            isinstance(o, Mapping)
            and isinstance(t, Mapping)
            and (b is None or isinstance(b, Mapping))
        ):
            base = b or {}
            out = dict(o)
            for name in dict.fromkeys([*o, *t]):
                value = self.merge_value(
                    [*steps, (name, None)], base.get(name), o.get(name), t.get(name),
                    f"{rule_key}.{name}",
                )  # fmt: skip
                if value is None:
                    out.pop(name, None)
                else:
                    out[name] = value
            return out
        if _is_list_key(b, o, t):
            items = [*_list(b), *_list(o), *_list(t)]
            if rules.rule_for(self.kind, rule_key, items).text:
                return _text_merge(_list(b), _list(o), _list(t))
        self.conflict(steps, o, t)
        return o

    # --- lists -------------------------------------------------------------------

    def merge_list(self, key: str, b: list[Raw], o: list[Raw], t: list[Raw]) -> list[Raw]:
        """A top-level list: operations for theirs' additions, removals and changes.

        Returns the list as it reads after them (for the conflicts list).
        """
        rule = rules.rule_for(self.kind, key, [*b, *o, *t])
        if rule.text:
            return self._text_ops(key, b, o, t)
        many = rules.several_of(rule, [b, o, t])
        base, ours, theirs = (_keyed(rule, items, many) for items in (b, o, t))
        at = {k: index for index, k in enumerate(ours)}
        in_ours = _correspond(rule, base, ours)
        in_theirs = _correspond(rule, base, theirs)
        removals: list[int] = []
        for base_key, b_item in base.items():
            o_key, t_key = in_ours.get(base_key), in_theirs.get(base_key)
            o_item = ours[o_key] if o_key is not None else None
            t_item = theirs[t_key] if t_key is not None else None
            steps: list[Step] = [(key, rules.label(rule, b_item, many))]
            if t_item is None:
                if o_item is None or o_key is None:
                    continue
                if o_item == b_item:
                    removals.append(at[o_key])
                else:
                    self.conflict(steps, o_item, None)  # changed here, removed there
            elif o_item is None or o_key is None:
                if t_item != b_item:
                    self.conflict(steps, None, t_item)  # removed here, changed there
            else:
                self.merge_entry(key, at[o_key], steps, b_item, o_item, t_item)
        taken = set(in_theirs.values())
        added: list[Raw] = []
        for t_key, t_item in theirs.items():
            if t_key in taken:
                continue
            if t_key in ours:  # added on both sides
                added_steps: list[Step] = [(key, rules.label(rule, ours[t_key], many))]
                self.merge_entry(key, at[t_key], added_steps, None, ours[t_key], t_item)
            else:
                added.append(t_item)
        for index in sorted(removals, reverse=True):
            self.ops.append(remove_item(key, index))
        self.ops.extend(append(key, item) for item in added)
        gone = set(removals)
        return [item for index, item in enumerate(o) if index not in gone] + added

    def merge_entry(self, key: str, index: int, steps: list[Step], b: Raw, o: Raw, t: Raw) -> None:
        """One entry present in ours: theirs' field changes as `set_item` operations."""
        if o == t or b == t:
            return
        if not isinstance(o, Mapping) or not isinstance(t, Mapping):
            self.conflict(steps, o, t)
            return
        base = b if isinstance(b, Mapping) else {}
        for name in dict.fromkeys([*o, *t]):
            bf, of, tf = base.get(name), o.get(name), t.get(name)
            if of == tf or bf == tf:
                continue
            merged = self.merge_value([*steps, (name, None)], bf, of, tf, f"{key}[].{name}")
            if merged != of:
                self.ops.append(set_field(key, index, name, merged))

    def _text_ops(self, key: str, b: list[Raw], o: list[Raw], t: list[Raw]) -> list[Raw]:
        """A text list: theirs' removals and additions, matched by value."""
        merged = _text_merge(b, o, t)
        kept = {rules.identity(rules.TEXT_LIST, item) for item in merged}
        removals = [
            i for i, item in enumerate(o) if rules.identity(rules.TEXT_LIST, item) not in kept
        ]
        for index in reversed(removals):
            self.ops.append(remove_item(key, index))
        have = {_text_id(item) for item in o}
        self.ops.extend(append(key, item) for item in merged if _text_id(item) not in have)
        return merged


def _text_id(item: Raw) -> Hashable:
    return rules.identity(rules.TEXT_LIST, item)


def _text_merge(b: list[Raw], o: list[Raw], t: list[Raw]) -> list[Raw]:
    """Ours, without what theirs removed, plus what theirs added (matched by value)."""

    def ids(items: list[Raw]) -> set[Hashable]:
        return {_text_id(item) for item in items}

    base, theirs = ids(b), ids(t)
    removed = base - theirs
    kept = [item for item in o if _text_id(item) not in removed]
    have = ids(kept)
    for item in t:
        found = _text_id(item)
        if found not in base and found not in have:
            kept.append(item)
            have.add(found)
    return kept


def _keyed(rule: ListRule, items: list[Raw], many: frozenset[str]) -> dict[Hashable, Raw]:
    """Each entry by its identity; a repeat gets the number of its occurrence."""
    seen: dict[Hashable, int] = {}
    out: dict[Hashable, Raw] = {}
    for item in items:
        found = rules.identity(rule, item, many)
        seen[found] = seen.get(found, 0) + 1
        out[(found, seen[found])] = item
    return out


def _correspond(
    rule: ListRule, base: dict[Hashable, Raw], side: dict[Hashable, Raw]
) -> dict[Hashable, Hashable]:
    """Each base entry's key in a side: the same identity, else one new entry as loosely the same.

    A spotlight moved or published to another date is the same spotlight:
    the side holds one new entry with its place and title where it is gone.
    """
    found = {k: k for k in base if k in side}
    if not rule.loose:
        return found
    new = [k for k in side if k not in base]
    for k, item in base.items():
        if k in found:
            continue
        loose = rules.loose_identity(rule, item)
        matches = [n for n in new if rules.loose_identity(rule, side[n]) == loose]
        if len(matches) == 1 and matches[0] not in found.values():
            found[k] = matches[0]
    return found
