"""Every write to a workspace file: located, verified, validated, locked, atomic.

:func:`apply_changes` is the one way commands change files and make new ones
(partners, placements, event files and the settings: each a
:class:`~partnerctl.workspace.filekinds.FileKind`; :func:`create_partner`
makes one partner): each edit is a core rule that returns a
:class:`~partnerctl.core.change.Change` (edits as data). Each file is read
and parsed once, edited as text by
:class:`~partnerctl.workspace.yamledit.PartnerDocument` (only the lines an
edit must change), re-parsed once and checked to read back as intended, then
validated; under the workspace lock, when every file is still as it was read
and every new text is valid, they are all replaced in one journaled write.
"""

from __future__ import annotations

import shlex
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partnerctl.core.change import Change, Op
from partnerctl.errors import (
    DataError,
    Problem,
    UsageError,
    WriteError,
    errors_in,
    nothing_written,
)
from partnerctl.fieldchecks import check_slug
from partnerctl.model import SettingsRec
from partnerctl.workspace import atomic
from partnerctl.workspace.discover import PARTNERS_DIR, SETTINGS_FILE, YAML_SUFFIXES
from partnerctl.workspace.filekinds import PARTNER, FileKind
from partnerctl.workspace.lock import workspace_lock
from partnerctl.workspace.yamledit import PartnerDocument

if TYPE_CHECKING:
    from partnerctl.workspace.yamlio import Parsed


def check_partner_id(partner_id: str) -> str:
    """A partner id that is a slug (no `..`, `/` or absolute path), or a UsageError."""
    try:
        return check_slug(partner_id, "partner")
    except ValueError as err:
        raise UsageError(str(err)) from None


def partner_ids(root: Path) -> list[str]:
    """The ids of the partner files in the workspace (names only; no file is read)."""
    folder = root / PARTNERS_DIR
    if not folder.is_dir():
        return []
    return sorted({path.stem for path in folder.iterdir() if path.suffix in YAML_SUFFIXES})


def partner_path(root: Path, partner_id: str) -> Path | None:
    """The file of a partner id, or None when there is none."""
    check_partner_id(partner_id)
    for suffix in YAML_SUFFIXES:
        path = root / PARTNERS_DIR / f"{partner_id}{suffix}"
        if path.exists() or path.is_symlink():
            return path
    return None


def unknown_partner(partner_id: str, known: Iterable[str], option: str | None = None) -> UsageError:
    """The one error for a partner id with no file, suggesting the nearest known ids.

    `option` names the option that gave the id (`--partner`), if one did.
    """
    from partnerctl.words import did_you_mean

    hint = did_you_mean(partner_id, known, n=3, containing=True)
    where = f"{option}: " if option else ""
    return UsageError(
        f"{where}no partner {partner_id!r} (no {PARTNERS_DIR}/{partner_id}.yaml)",
        hint=hint or "`partnerctl list` shows the partners; `partnerctl add` makes one",
    )


def shown_name(root: Path, path: Path) -> str:
    """`path` relative to the workspace root, with `/`, as messages show it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def inside_workspace(root: Path, path: Path, shown: str) -> Path:
    """The real path to write for `path`; refuses one whose link leads out of the workspace."""
    real = path.resolve()
    if not real.is_relative_to(root.resolve()):
        raise WriteError(
            f"{shown}: leads outside the workspace (to {real}); partnerctl does not write there",
            hint="replace the link with the file itself",
        )
    return real


def settings_for_write(root: Path) -> SettingsRec:
    """The workspace settings; a write is refused while they have errors."""
    from partnerctl.workspace.parse import load_settings

    settings, problems = load_settings(root)
    errors = errors_in(problems)
    if errors:
        raise DataError(found=[*errors, nothing_written(f"{SETTINGS_FILE} has errors")])
    return settings


def read_text(path: Path, shown: str) -> str:
    """A file's text as partnerctl reads it (UTF-8, a BOM kept), or a DataError."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise WriteError(f"{shown}: cannot read: {err.strerror}") from None
    return _decoded(raw, shown)


def _decoded(raw: bytes, shown: str) -> str:
    from partnerctl.workspace.hazards import decode

    text, problems = decode(raw, shown)
    if text is None:
        raise DataError(found=[*problems, nothing_written(f"{shown} cannot be read")])
    if raw.startswith(b"\xef\xbb\xbf") and not text.startswith("\ufeff"):
        text = "\ufeff" + text  # decode() drops it; a write must keep it
    return text


def read_only(mode: int, shown: str) -> Problem | None:
    """The refusal to edit a file whose write bits are all clear (mode 0444), else None.

    The mode bits say it, not os.access: root may write any file, and CI jobs
    and many containers run as root, but a file made read-only means "do not
    change me" to whoever made it so.
    """
    if mode & 0o222:
        return None
    return Problem(
        shown,
        None,
        None,
        None,
        f"the file is read-only (mode {mode:04o}); partnerctl does not change it",
        f"if the change is meant, make it writable first: chmod u+w {shlex.quote(shown)}",
    )


def _validate(
    kind: FileKind,
    root: Path,
    text: str,
    shown: str,
    file_id: str,
    settings: SettingsRec,
    parsed: Parsed | None = None,
) -> tuple[Any, list[Problem]]:
    """The record (None on any error) and every problem of a file's text: errors and warnings.

    `parsed`: the text (without its BOM) parsed already, so that it is parsed once.
    """
    from partnerctl.workspace.yamlio import parse_yaml

    plain = text.removeprefix("\ufeff")
    if parsed is None:
        parsed = parse_yaml(plain, shown)
    return kind.read(root, plain, shown, file_id, settings, parsed)


def _new_warnings(after: list[Problem], before: list[Problem]) -> list[Problem]:
    """The warnings of `after` that `before` does not have (lines may have moved)."""
    known = {(p.path, p.message) for p in before}
    return [p for p in after if p.severity != "error" and (p.path, p.message) not in known]


Planner = Callable[[Any], Change]


def apply_ops(document: PartnerDocument, ops: Iterable[Op]) -> None:
    """Apply a change's operations to a document, in order."""
    for op in ops:
        if op.op == "set":
            document.set_value(op.key, op.value)
        elif op.op == "remove":
            document.remove_key(op.key)
        elif op.op == "append":
            document.append_item(op.key, op.value)
        elif op.op == "set_item":
            assert op.index is not None and op.field is not None
            document.set_item_value(op.key, op.index, op.field, op.value)
        elif op.op == "set_in":
            assert op.field is not None
            document.set_nested((op.key, *op.path), op.field, op.value)
        elif op.op == "append_in":
            document.append_nested((op.key, *op.path), op.value)
        else:
            assert op.index is not None
            document.remove_item(op.key, op.index)


def apply_changes(
    root: Path,
    plans: Mapping[str, Planner],
    *,
    creates: Iterable[Change] = (),
    settings: SettingsRec | None = None,
    dry_run: bool = False,
    lock_timeout: float | None = None,
    warnings: list[Problem] | None = None,
    kind: FileKind = PARTNER,
) -> list[Change]:
    """Work out each file's change from the file as it is now, and write them all or none.

    `kind` says which kind of file the ids name (partners by default; see
    :mod:`partnerctl.workspace.filekinds`). `plans` maps ids to a core rule
    that takes the file's record and returns its
    :class:`~partnerctl.core.change.Change`; `creates` are changes that make
    new files (their `create` data). Each file is read, its rule applied, the
    new text checked to read back as intended and validated first; then,
    under one hold of the workspace lock, each id to create is checked to
    have no file yet, each file to edit is checked to be exactly as it was
    read (else all is worked out again, under the lock: a rule is pure, so
    running it twice is harmless), and everything is written through one
    journaled write (:mod:`partnerctl.workspace.journal`). Editing a large
    file thus holds other writers up only for the write itself. An unknown
    id, an id to create that has a file, a read-only file, a file that does
    not validate (before or after its change), a rule that refuses (a
    UsageError) or a failed write leaves every file as it was.

    With `dry_run` everything is worked out and checked the same way, without
    the lock and without writing. Returns the changes, new files first, each
    with its `file`; `warnings`, when given, receives the warnings (validate's)
    that the new texts have and the old ones had not, and what the lock's
    recovery of an interrupted write did.
    """
    new = {change.id: change for change in creates}
    for file_id in (*plans, *new):
        kind.check_id(file_id)
    both = sorted(plans.keys() & new.keys())
    if both:
        raise ValueError(f"{kind.noun} files both edited and created: {', '.join(both)}")
    if settings is None:
        settings = settings_for_write(root)
    edited = _edit_all(root, plans, settings, kind)
    if dry_run:
        _refuse_existing(root, new, alone=len(new) == 1 and not plans, kind=kind)
        made = _new_files(root, new, settings, kind, edited)
        return [*made, *edited.changes]
    with workspace_lock(root, lock_timeout, notes=warnings):
        _refuse_existing(root, new, alone=len(new) == 1 and not plans, kind=kind)
        if not edited.current():
            edited = _edit_all(root, plans, settings, kind)
        made = _new_files(root, new, settings, kind, edited)
        if warnings is not None:
            warnings.extend(edited.warnings)
        writes = list(edited.writes)
        mode: int | None = None
        if made:
            folder = _kind_folder(root, kind)
            mode = (root / SETTINGS_FILE).stat().st_mode & 0o666
            # New files first: one that appears meanwhile (os.link refuses it) stops the
            # write before any existing file is replaced.
            writes[:0] = [
                (folder / f"{change.id}.yaml", text, change.file or "")
                for change, text in zip(made, edited.new_texts, strict=True)
            ]
        atomic.write_all(writes, mode=mode, root=root)
    return [*made, *edited.changes]


@dataclass
class _Edited:
    """The changes and new texts of the files to edit, their problems, and the files as read."""

    changes: list[Change] = field(default_factory=list)
    writes: list[tuple[Path, bytes, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    read: list[tuple[Path, bytes, int]] = field(default_factory=list)  # (file, bytes, mode)
    new_texts: list[bytes] = field(default_factory=list)  # of the files to create, in order

    def current(self) -> bool:
        """Whether every file is still exactly as it was read (its bytes and its mode)."""
        try:
            return all(
                real.read_bytes() == raw and stat.S_IMODE(real.stat().st_mode) == mode
                for real, raw, mode in self.read
            )
        except OSError:
            return False


def _edit_all(
    root: Path, plans: Mapping[str, Planner], settings: SettingsRec, kind: FileKind
) -> _Edited:
    """Read each file, apply its rule, check it reads back, validate it: nothing written."""
    from partnerctl.workspace.yamlio import parse_yaml

    done = _Edited()
    for file_id, plan in plans.items():
        path = kind.path(root, file_id)
        if path is None:
            raise kind.unknown(file_id, kind.ids(root))
        shown = shown_name(root, path)
        real = inside_workspace(root, path, shown)
        try:
            raw, mode = real.read_bytes(), stat.S_IMODE(real.stat().st_mode)
        except OSError as err:
            raise WriteError(f"{shown}: cannot read: {err.strerror}") from None
        done.read.append((real, raw, mode))
        text = _decoded(raw, shown)
        parsed = parse_yaml(text.removeprefix("\ufeff"), shown)  # once: validation and editor
        record, found = _validate(kind, root, text, shown, file_id, settings, parsed)
        errors = errors_in(found)
        if errors or record is None:
            done.problems.extend(errors)
            done.problems.append(
                nothing_written(f"{shown} has errors; partnerctl edits valid files only")
            )
            continue
        change = replace(plan(record), file=shown)
        done.changes.append(change)
        if not change.ops:
            continue
        refused = read_only(mode, shown)
        if refused is not None:
            done.problems.extend([refused, nothing_written(f"{shown} is read-only", None)])
            continue
        document = PartnerDocument(
            text, shown, kind.key_order, others_at_end=kind.others_at_end, node=parsed.node
        )
        apply_ops(document, change.ops)
        reread = document.verified()  # parsed once, for the check and the validation
        if document.text == text:
            continue
        _after, checked = _validate(kind, root, document.text, shown, file_id, settings, reread)
        errors = errors_in(checked)
        if errors:
            done.problems.extend(errors)
            done.problems.append(nothing_written(f"the change would make {shown} invalid"))
            continue
        done.warnings.extend(_new_warnings(checked, found))
        done.writes.append((real, document.text.encode("utf-8"), shown))
    return done


def _new_files(
    root: Path, new: Mapping[str, Change], settings: SettingsRec, kind: FileKind, edited: _Edited
) -> list[Change]:
    """The changes that make new files, each with its file; their texts go to `edited`.

    Raises the DataError of every problem (the files to edit's, then these) when
    there is any: nothing is written.
    """
    problems = list(edited.problems)
    made: list[Change] = []
    edited.new_texts = []
    for file_id, change in new.items():
        assert change.create is not None
        shown = kind.new_shown(file_id)
        text = kind.new_text(change.create)
        _record, checked = _validate(kind, root, text, shown, file_id, settings)
        errors = errors_in(checked)
        if errors:
            problems.extend(errors)
            problems.append(nothing_written(f"{shown} would not be valid"))
            continue
        edited.warnings.extend(_new_warnings(checked, []))
        made.append(replace(change, file=shown))
        edited.new_texts.append(text.encode("utf-8"))
    if problems:
        raise DataError(found=problems)
    return made


def _refuse_existing(
    root: Path, new: Mapping[str, object], *, alone: bool, kind: FileKind = PARTNER
) -> None:
    """Refuse ids to create that have a file now (call under the lock).

    A single new file keeps `add`'s one-line error; among several files every
    taken id is named and nothing is written.
    """
    taken = [(fid, path) for fid in new if (path := kind.path(root, fid)) is not None]
    if not taken:
        return
    noun = kind.noun
    if alone:
        file_id, path = taken[0]
        raise UsageError(
            f"{noun} {file_id!r} already exists ({shown_name(root, path)})",
            hint=f"choose another id, or edit that {noun}",
        )
    found = [
        Problem(shown_name(root, path), None, None, None, f"{noun} {fid!r} already exists")
        for fid, path in taken
    ]
    why, them = f"a {noun} to create already exists", "it"
    if len(taken) > 1:
        why, them = f"{len(taken)} {noun}s to create already exist", "them"
    hint = f"another partnerctl may have made {them} meanwhile; run the command again"
    found.append(nothing_written(why, hint))
    raise DataError(found=found)


def _kind_folder(root: Path, kind: FileKind) -> Path:
    """The real folder of a kind's files, to write new ones in, made when missing."""
    assert kind.folder is not None, f"no new {kind.noun} files"
    folder = root / kind.folder
    try:
        folder.mkdir(exist_ok=True)
    except OSError as err:
        raise WriteError(f"{kind.folder}: cannot create the folder: {err.strerror}") from None
    return inside_workspace(root, folder, kind.folder)


def partner_text(data: Mapping[str, Any]) -> str:
    """A new partner file's text: DESIGN's key order, two-space indents, None left out."""
    return PARTNER.new_text(data)


def create_partner(
    root: Path,
    partner_id: str,
    data: Mapping[str, Any],
    *,
    settings: SettingsRec | None = None,
    warnings: list[Problem] | None = None,
) -> Path:
    """Write a new partner file partners/ID.yaml; refuses an id that already has a file."""
    from partnerctl.core.change import Change

    made = apply_changes(
        root, {}, creates=[Change(partner_id, create=data)], settings=settings, warnings=warnings
    )
    return root / (made[0].file or "")
