"""Merge conflicts kept as data: how they read, the commands that resolve them, and `resolve`.

A conflict (DESIGN, "Working as a team") names a key and two or more values,
each with its author; the first value is the one kept in place. `validate`
reports each as an error, `due` lists it, and `partnerctl resolve TARGET KEY
--keep VALUE` puts the chosen value in place and removes the conflict. TARGET
is a partner's id, or the path of partnerctl.yaml or of an events file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from partnerctl.core.change import Change, Op, append, remove_item, set_field, set_key
from partnerctl.core.mergerules import (
    CONFLICTS,
    DELETED,
    FILE_KEY,
    canonical,
    find_entry,
    parse_key,
    plain_text,
)
from partnerctl.core.text import command, one_line, quoted, text_key
from partnerctl.errors import UsageError
from partnerctl.records import ConflictRec, PartnerRec

UNKNOWN_AUTHOR = "author unknown"


def value_text(value: Any) -> str:
    """A conflict's value as people read it: text as written, an entry as `{k: v, …}`."""
    if value is None:
        return "(none: removed)"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{k}: {value_text(v)}" for k, v in value.items() if v is not None)
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    return one_line(plain_text(value))


def described(conflict: ConflictRec) -> str:
    """`2026-12-08 (jlee, in place) or 2026-12-15 (mortiz)`."""
    parts = []
    for index, entry in enumerate(conflict["values"]):
        who = entry.get("by") or UNKNOWN_AUTHOR
        place = ", in place" if index == 0 else ""
        parts.append(f"{value_text(entry.get('value'))} ({who}{place})")
    return " or ".join(parts)


def keep_argument(conflict: ConflictRec, index: int) -> str:
    """What `--keep` takes to choose value `index`: its text, or its number for an entry."""
    value = conflict["values"][index].get("value")
    if value is None or isinstance(value, Mapping | list):
        return str(index + 1)
    text = plain_text(value)
    same = [v for v in conflict["values"] if _matches(v.get("value"), text)]
    return text if len(same) == 1 and text.strip() else str(index + 1)


def resolve_commands(target: str, conflict: ConflictRec) -> tuple[str, ...]:
    """One `partnerctl resolve TARGET KEY --keep VALUE` per value, ready to paste."""
    return tuple(
        command("resolve", target, conflict["key"], "--keep", keep_argument(conflict, index))
        for index in range(len(conflict["values"]))
    )


def message(conflict: ConflictRec) -> str:
    """validate's words for one conflict (the key is the problem's path)."""
    return f"merge conflict: {described(conflict)}"


def hint(target: str, conflict: ConflictRec) -> str:
    """The commands that resolve it, for validate's hint."""
    commands = resolve_commands(target, conflict)
    return "keep one: " + " or ".join(commands)


@dataclass(frozen=True)
class FoundConflict:
    """One conflict of the workspace: its file, the TARGET `resolve` takes, and the conflict."""

    file: str
    target: str  # the partner's id, else the file's path
    index: int  # its place in the file's `conflicts`
    conflict: ConflictRec
    partner: PartnerRec | None = None

    def as_json(self) -> dict[str, Any]:
        """`{"file", "partner"?, "key", "values": [{"value", "by"}], "commands"}`."""
        out: dict[str, Any] = {"file": self.file}
        if self.partner is not None:
            out["partner"] = self.partner["id"]
        out["key"] = self.conflict["key"]
        out["values"] = [
            {"value": entry["value"], "by": entry["by"]} for entry in self.conflict["values"]
        ]
        out["commands"] = list(resolve_commands(self.target, self.conflict))
        return out


def all_conflicts(
    partners: Iterable[PartnerRec], file_conflicts: Mapping[str, list[ConflictRec]]
) -> list[FoundConflict]:
    """Every conflict: partners' (by file) then the other files' (settings, events)."""
    found = [
        FoundConflict(partner["file"], partner["id"], index, conflict, partner)
        for partner in sorted(partners, key=lambda p: p["file"])
        for index, conflict in enumerate(partner["conflicts"])
    ]
    for file in sorted(file_conflicts):
        found.extend(
            FoundConflict(file, file, index, conflict)
            for index, conflict in enumerate(file_conflicts[file])
        )
    return found


# --- resolve ---------------------------------------------------------------------


def _matches(value: Any, wanted: str) -> bool:
    if value is None or isinstance(value, Mapping | list):
        return False
    return text_key(plain_text(value)) == text_key(wanted)


def chosen_value(key: str, values: Sequence[Mapping[str, Any]], keep: str) -> Any:
    """The value `--keep` names: one of the values as written, else its number (1, 2, ...)."""
    found = [v.get("value") for v in values if _matches(v.get("value"), keep)]
    if found:
        return found[0]
    if keep.strip().isdigit() and 1 <= int(keep) <= len(values):
        return values[int(keep) - 1].get("value")
    shown = "; ".join(
        f"{index + 1}: {value_text(v.get('value'))}" for index, v in enumerate(values)
    )
    raise UsageError(
        f"--keep: {keep!r} is not one of the values of the conflict on {key}",
        hint=f"give a value as written or its number ({shown})",
    )


def resolve(
    kind: str, target: str, data: Mapping[str, Any], key: str, keep: str
) -> tuple[Change, bool]:
    """`resolve TARGET KEY --keep VALUE`: the value in place, the conflict gone.

    `data` is the file's raw data (as :mod:`partnerctl.core.merge` reads it).
    Returns the change and whether the file itself goes (a file deleted on
    one side and edited on the other, resolved as deleted).
    """
    entries = [c for c in data.get(CONFLICTS) or [] if isinstance(c, Mapping)]
    matching = [i for i, c in enumerate(entries) if c.get("key") == key]
    if not matching:
        matching = [i for i, c in enumerate(entries) if text_key(c.get("key")) == text_key(key)]
    if not matching:
        from partnerctl.words import did_you_mean

        keys = [str(c.get("key")) for c in entries]
        where = f"{target} has no merge conflict on {key!r}"
        listed = ", ".join(keys)
        hint_text = did_you_mean(key, keys) or (
            f"its conflicts: {listed}" if keys else "it has no conflicts"
        )
        raise UsageError(where, hint=hint_text)
    real_key = str(entries[matching[0]].get("key"))
    values: list[Mapping[str, Any]] = []
    seen: set[str] = set()
    for index in matching:
        for entry in entries[index].get("values") or []:
            if isinstance(entry, Mapping) and canonical(entry.get("value")) not in seen:
                seen.add(canonical(entry.get("value")))
                values.append(entry)
    value = chosen_value(real_key, values, keep)
    ops: list[Op] = []
    delete = False
    if real_key == FILE_KEY:
        delete = value == DELETED
    else:
        ops.extend(_put(kind, data, real_key, value))
    if len(matching) == len(entries):
        ops.append(set_key(CONFLICTS, None))
    else:
        ops.extend(remove_item(CONFLICTS, index) for index in sorted(matching, reverse=True))
    verb = "deleted the file" if delete else f"kept {quoted(value_text(value))}"
    said = f"resolved {target} {real_key}: {verb}"
    return Change(target, tuple(ops), (said,), kind=kind), delete


def _put(kind: str, data: Mapping[str, Any], key: str, value: Any) -> list[Op]:
    """The operations that put `value` at the conflict's key (None removes what is there)."""
    try:
        steps = parse_key(key)
    except ValueError as err:
        raise UsageError(f"cannot resolve {key!r}: {err}", hint="edit the file by hand") from None
    name, entry = steps[0]
    rest = steps[1:]
    if entry is None:
        return [set_key(name, _nested(data.get(name), [s[0] for s in rest], value))]
    items = data.get(name) if isinstance(data.get(name), list) else []
    assert isinstance(items, list)
    index = find_entry(kind, name, items, entry)
    if not rest:
        if value is None:
            return [] if index is None else [remove_item(name, index)]
        if index is None:
            return [append(name, value)]
        current = items[index] if isinstance(items[index], Mapping) else {}
        fields = dict.fromkeys([*current, *value])
        return [
            set_field(name, index, field, value.get(field))
            for field in fields
            if current.get(field) != value.get(field)
        ]
    if index is None:
        return []  # the entry has gone since: nothing to put, the conflict goes
    item = items[index] if isinstance(items[index], Mapping) else {}
    field = rest[0][0]
    return [
        set_field(name, index, field, _nested(item.get(field), [s[0] for s in rest[1:]], value))
    ]


def _nested(current: Any, path: list[str], value: Any) -> Any:
    """`current` with `value` at `path` (mappings made where missing; None removes)."""
    if not path:
        return value
    out = dict(current) if isinstance(current, Mapping) else {}
    inner = _nested(out.get(path[0]), path[1:], value)
    if inner is None:
        out.pop(path[0], None)
    else:
        out[path[0]] = inner
    return out or None
