"""Edits of any workspace file (a partner's, partnerctl.yaml, events) by a rule on its raw data.

`resolve` and `sync` change files that are not only partners' and work on
the data as the merge driver reads it (every scalar as its text). The steps
are :func:`partnerctl.workspace.edit.apply_changes`' own: under the
workspace lock the file is read afresh, the rule returns a
:class:`~partnerctl.core.change.Change`, its operations are applied by
:class:`~partnerctl.workspace.yamledit.PartnerDocument` (only the lines an
edit must change), the text is re-read and validated as its kind, and it
replaces the file in a journaled write, or nothing is written. A read-only
file is refused, as by every edit. (It holds the lock from the first reading,
as these edits are rare and small, where apply_changes re-checks under it.)
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from partnerctl.core.change import Change
from partnerctl.errors import (
    DataError,
    Problem,
    UsageError,
    WriteError,
    errors_in,
    nothing_written,
)
from partnerctl.records import SettingsRec
from partnerctl.workspace.discover import EVENTS_DIR, PARTNERS_DIR, SETTINGS_FILE, YAML_SUFFIXES

# A rule on a file's raw data: its change, and whether the file itself goes.
RawRule = Callable[[dict[str, Any]], tuple[Change, bool]]


@dataclass(frozen=True)
class Target:
    """A workspace file named on the command line: its kind, id (for a partner) and path."""

    kind: str  # partner, settings or events
    name: str  # the partner id, or the file's path as given
    path: Path
    shown: str


def target_file(root: Path, name: str) -> Target:
    """The file a TARGET names: a partner id, `partnerctl.yaml` or an events file's path."""
    from partnerctl.workspace.edit import (
        check_partner_id,
        partner_ids,
        partner_path,
        shown_name,
        unknown_partner,
    )

    given = name.strip().replace("\\", "/").removeprefix("./")
    if given == SETTINGS_FILE:
        return Target("settings", given, root / SETTINGS_FILE, SETTINGS_FILE)
    folder, _, stem = given.rpartition("/")
    if folder == EVENTS_DIR:
        path = root / given
        if not path.is_file() or path.suffix not in YAML_SUFFIXES:
            raise UsageError(f"no events file {given!r}", hint="name it as validate shows it")
        return Target("events", given, path, given)
    if folder == PARTNERS_DIR:
        given = stem.rsplit(".", 1)[0]
    elif folder:
        raise UsageError(
            f"{name!r} is not a partner id, partnerctl.yaml or an events file",
            hint="give what `partnerctl validate` names, e.g. riverside-auto",
        )
    check_partner_id(given)
    found = partner_path(root, given)
    if found is None:
        raise unknown_partner(given, partner_ids(root))
    return Target("partner", given, found, shown_name(root, found))


def file_problems(target: Target, text: str, settings: SettingsRec) -> list[Problem]:
    """Every problem of a file's text, validated as its kind (without cross-file checks)."""
    from partnerctl.workspace import parse

    plain = text.removeprefix("\ufeff")
    if target.kind == "partner":
        return parse.parse_partner_text(plain, target.shown, target.name, settings)[1]
    if target.kind == "settings":
        return parse.parse_settings_text(plain, target.shown)[1]
    return parse.parse_events_file(plain, target.shown)[1]


def edit_file(
    root: Path,
    target: Target,
    rule: RawRule,
    *,
    settings: SettingsRec,
    dry_run: bool = False,
    locked: bool = False,
) -> Change:
    """Apply `rule` to the target file under the lock; all of it or nothing.

    `locked`: the caller holds the workspace lock already (sync).
    """
    from partnerctl.workspace import atomic
    from partnerctl.workspace.edit import apply_ops, inside_workspace, read_only, read_text
    from partnerctl.workspace.lock import workspace_lock
    from partnerctl.workspace.merging import typed_ops
    from partnerctl.workspace.yamledit import PartnerDocument

    lock = nullcontext() if dry_run or locked else workspace_lock(root)
    with lock:
        real = inside_workspace(root, target.path, target.shown)
        if not real.is_file():
            raise WriteError(f"{target.shown}: the file is gone", hint="run the command again")
        text = read_text(real, target.shown)
        before = errors_in(file_problems(target, text, settings))
        if before:
            why = f"{target.shown} has errors; partnerctl edits valid files only"
            raise DataError(found=[*before, nothing_written(why)])
        document = PartnerDocument(text, target.shown)
        change, delete = rule(document.expected)
        change = replace(change, file=target.shown)
        if delete:
            if dry_run:
                return change
            try:
                real.unlink()
            except OSError as err:
                raise WriteError(f"{target.shown}: cannot delete: {err.strerror}") from None
            atomic.sync_folder(real.parent)
            return change
        if not change.ops:
            return change
        refused = read_only(stat.S_IMODE(real.stat().st_mode), target.shown)
        if refused is not None:
            raise DataError(found=[refused, nothing_written(f"{target.shown} is read-only", None)])
        apply_ops(document, typed_ops(change.ops))
        document.verify()
        after = errors_in(file_problems(target, document.text, settings))
        if after:
            why = f"the change would make {target.shown} invalid"
            raise DataError(found=[*after, nothing_written(why)])
        if dry_run:
            return change
        atomic.write_all([(real, document.text.encode("utf-8"), target.shown)], root=root)
    return change
