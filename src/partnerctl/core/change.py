"""Edits described as data: what one command does to one file of the workspace.

A rule in core takes a record (a partner's, as the file reads now) and the
command's inputs, and returns a :class:`Change`: the operations to apply and
the sentences that tell the user what happened. Nothing here touches a file.
The workspace layer applies the operations under its lock
(:func:`partnerctl.workspace.edit.apply_changes`), the CLI prints the
sentences or the change as JSON, and ``--dry-run`` stops before the write.
The git merge driver describes the other side's edits with the same
operations, so every write of partnerctl goes one way.

The operations are those of :class:`~partnerctl.workspace.yamledit.PartnerDocument`:

- ``set``: a top-level key gets a value (a scalar, list or mapping; a mapping
  merges into the one in the file, field by field); ``None`` removes the key.
- ``remove``: a top-level key and its lines go.
- ``append``: an item is added at the end of a top-level list.
- ``set_item``: one field of the mapping at ``key[index]`` is set (``None``
  removes the field).
- ``remove_item``: ``key[index]`` goes.
- ``set_in`` and ``append_in``: as ``set_item`` and ``append``, deeper down:
  ``field`` of the mapping at ``key`` + ``path`` is set, or an item appended
  to the list there (an event's meeting record in an events file:
  ``key="events", path=(3, "meetings", 0)``).

Indexes count in the list as it stands when that operation runs, so a rule
that removes several items of one list removes them from the last one back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

OpKind = Literal["set", "remove", "append", "set_item", "remove_item", "set_in", "append_in"]


@dataclass(frozen=True)
class Op:
    """One operation on a file's data (see the module's docstring)."""

    op: OpKind
    key: str
    value: Any = None
    index: int | None = None
    field: str | None = None
    path: tuple[str | int, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The operation as `--format json` shows it (keys that do not apply are left out)."""
        data: dict[str, Any] = {"op": self.op, "key": self.key}
        if self.path:
            data["path"] = list(self.path)
        if self.index is not None:
            data["index"] = self.index
        if self.field is not None:
            data["field"] = self.field
        if self.op in ("set", "append", "set_item", "set_in", "append_in"):
            data["value"] = _plain(self.value)
        return data


def set_key(key: str, value: Any) -> Op:
    """Set a top-level key (None removes it)."""
    return Op("set", key, value)


def remove_key(key: str) -> Op:
    """Remove a top-level key."""
    return Op("remove", key)


def append(key: str, item: Any) -> Op:
    """Append `item` to the top-level list `key` (made when missing)."""
    return Op("append", key, _no_none(item))


def set_field(key: str, index: int, name: str, value: Any) -> Op:
    """Set field `name` of the mapping at `key[index]` (None removes the field)."""
    return Op("set_item", key, value, index=index, field=name)


def remove_item(key: str, index: int) -> Op:
    """Remove `key[index]`."""
    return Op("remove_item", key, index=index)


def set_in(key: str, path: tuple[str | int, ...], name: str, value: Any) -> Op:
    """Set field `name` of the mapping at `key` + `path` (None removes the field)."""
    return Op("set_in", key, value, field=name, path=path)


def append_in(key: str, path: tuple[str | int, ...], item: Any) -> Op:
    """Append `item` to the list at `key` + `path` (made when missing)."""
    return Op("append_in", key, _no_none(item), path=path)


@dataclass(frozen=True)
class Change:
    """What one command does to one file: operations, and the sentences for the user.

    `kind` is the kind of file (`partner`, and the kinds later rules add) and
    `id` its id. A change with no operations writes nothing; its sentences
    still say why ("already at stage active; nothing changed"). `create` is a
    new file's data, for a change that makes the file. `file` is the path
    relative to the workspace root, set by the workspace layer when it knows it.
    """

    id: str
    ops: tuple[Op, ...] = ()
    said: tuple[str, ...] = ()
    kind: str = "partner"
    create: Mapping[str, Any] | None = None
    file: str | None = None

    @property
    def writes(self) -> bool:
        """Whether applying the change writes the file."""
        return bool(self.ops) or self.create is not None

    def saying(self, *sentences: str) -> Change:
        """The same change with more sentences."""
        return replace(self, said=(*self.said, *sentences))

    def as_json(self) -> dict[str, Any]:
        """The change as edit commands print it under `--format json`."""
        data: dict[str, Any] = {self.kind: self.id}
        if self.file is not None:
            data["file"] = self.file
        data["created"] = self.create is not None
        data["changed"] = self.writes
        data["said"] = list(self.said)
        data["ops"] = [op.as_json() for op in self.ops]
        if self.create is not None:
            data["data"] = _plain(dict(self.create))
        return data


def combine(partner_id: str, parts: Iterable[Change]) -> Change:
    """One change of one file made of several (their operations and sentences in order)."""
    ops: list[Op] = []
    said: list[str] = []
    for part in parts:
        ops.extend(part.ops)
        said.extend(part.said)
    return Change(partner_id, tuple(ops), tuple(said))


@dataclass(frozen=True)
class Outcome:
    """What a whole edit command did: every change, and whether it wrote anything."""

    changes: tuple[Change, ...]
    dry_run: bool = False
    notes: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        """The body of an edit command's JSON document."""
        return {
            "dry_run": self.dry_run,
            "changes": [change.as_json() for change in self.changes],
            **({"notes": list(self.notes)} if self.notes else {}),
        }


def _no_none(item: Any) -> Any:
    """A new list item without its None fields (a file leaves them out)."""
    if isinstance(item, Mapping):
        return {k: v for k, v in item.items() if v is not None}
    return item


def _plain(value: Any) -> Any:
    """A value for JSON: dates as ISO text, mappings and lists walked."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
