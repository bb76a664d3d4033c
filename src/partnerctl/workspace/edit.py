"""Every write to a partner file: locked, located, verified, validated, atomic.

:func:`edit_partners` is the one way commands change partner files and
:func:`create_partner` the one way they make new ones. Under the workspace
lock each file is read afresh, edited as text by
:class:`~partnerctl.workspace.yamledit.PartnerDocument` (only the lines an
edit must change), re-parsed and checked to read back as intended, then
validated; only when every file is valid are they all replaced atomically.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from partnerctl.errors import DataError, Problem, UsageError, WriteError
from partnerctl.model import PartnerRec, SettingsRec, check_slug
from partnerctl.workspace import atomic
from partnerctl.workspace.discover import PARTNERS_DIR, SETTINGS_FILE, YAML_SUFFIXES
from partnerctl.workspace.lock import workspace_lock
from partnerctl.workspace.yamledit import PartnerDocument
from partnerctl.workspace.yamlemit import entry_lines

PartnerEdit = Callable[[PartnerDocument, PartnerRec], None]


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


def unknown_partner(root: Path, partner_id: str) -> UsageError:
    """The error for an id with no file, suggesting the nearest known ids."""
    close = difflib.get_close_matches(partner_id, partner_ids(root), n=3, cutoff=0.6)
    hint = "did you mean " + " or ".join(repr(c) for c in close) + "?" if close else None
    if hint is None:
        hint = "`partnerctl list` shows the partners; `partnerctl add` makes one"
    return UsageError(f"no partner {partner_id!r} (no {PARTNERS_DIR}/{partner_id}.yaml)", hint=hint)


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
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(found=[*errors, _nothing_written(f"{SETTINGS_FILE} has errors")])
    return settings


def _nothing_written(why: str) -> Problem:
    return Problem(
        None, None, None, None, f"nothing was written: {why}", "fix the errors above and try again"
    )


def read_text(path: Path, shown: str) -> str:
    """A file's text as partnerctl reads it (UTF-8, a BOM kept), or a DataError."""
    from partnerctl.workspace.yamlio import decode

    try:
        raw = path.read_bytes()
    except OSError as err:
        raise WriteError(f"{shown}: cannot read: {err.strerror}") from None
    text, problems = decode(raw, shown)
    if text is None:
        raise DataError(found=[*problems, _nothing_written(f"{shown} cannot be read")])
    if raw.startswith(b"\xef\xbb\xbf") and not text.startswith("\ufeff"):
        text = "\ufeff" + text  # decode() drops it; a write must keep it
    return text


def _validate(text: str, shown: str, partner_id: str, settings: SettingsRec) -> list[Problem]:
    from partnerctl.workspace.parse import parse_partner_text

    _record, problems = parse_partner_text(text.removeprefix("\ufeff"), shown, partner_id, settings)
    return [p for p in problems if p.severity == "error"]


def edit_partners(
    root: Path,
    edits: Mapping[str, PartnerEdit],
    *,
    settings: SettingsRec | None = None,
    lock_timeout: float | None = None,
) -> list[Path]:
    """Apply one edit to each partner file, all or none; return the files changed.

    Each edit gets the file as a PartnerDocument and its validated record.
    An unknown id, a file that does not validate (before or after its edit)
    or a failed write leaves every file as it was.
    """
    from partnerctl.workspace.parse import parse_partner_text

    for partner_id in edits:
        check_partner_id(partner_id)
    if settings is None:
        settings = settings_for_write(root)
    changed: list[Path] = []
    with workspace_lock(root, lock_timeout):
        writes: list[tuple[Path, bytes, str]] = []
        problems: list[Problem] = []
        for partner_id, edit in edits.items():
            path = partner_path(root, partner_id)
            if path is None:
                raise unknown_partner(root, partner_id)
            shown = shown_name(root, path)
            real = inside_workspace(root, path, shown)
            text = read_text(real, shown)
            plain = text.removeprefix("\ufeff")
            record, found = parse_partner_text(plain, shown, partner_id, settings)
            errors = [p for p in found if p.severity == "error"]
            if errors or record is None:
                problems.extend(errors)
                problems.append(
                    _nothing_written(f"{shown} has errors; partnerctl edits valid files only")
                )
                continue
            document = PartnerDocument(text, shown)
            edit(document, record)
            document.verify()
            if document.text == text:
                continue
            after = _validate(document.text, shown, partner_id, settings)
            if after:
                problems.extend(after)
                problems.append(_nothing_written(f"the change would make {shown} invalid"))
                continue
            writes.append((real, document.text.encode("utf-8"), shown))
            changed.append(path)
        if problems:
            raise DataError(found=problems)
        atomic.write_all(writes)
    return changed


def partner_text(data: Mapping[str, Any]) -> str:
    """A new partner file's text: DESIGN's key order, two-space indents, None left out."""
    from partnerctl.workspace.yamledit import PARTNER_KEY_ORDER

    order = {key: index for index, key in enumerate(PARTNER_KEY_ORDER)}
    lines: list[str] = []
    for key in sorted(data, key=lambda k: order.get(k, len(order))):
        value = data[key]
        if value is None or value == [] or value == {}:
            continue
        lines.extend(entry_lines(key, value, 0))
    return "\n".join(lines) + "\n"


def create_partner(
    root: Path,
    partner_id: str,
    data: Mapping[str, Any],
    *,
    settings: SettingsRec | None = None,
) -> Path:
    """Write a new partner file partners/ID.yaml; refuses an id that already has a file."""
    check_partner_id(partner_id)
    if settings is None:
        settings = settings_for_write(root)
    folder = root / PARTNERS_DIR
    with workspace_lock(root):
        existing = partner_path(root, partner_id)
        if existing is not None:
            raise UsageError(
                f"partner {partner_id!r} already exists ({shown_name(root, existing)})",
                hint="choose another id, or edit that partner",
            )
        try:
            folder.mkdir(exist_ok=True)
        except OSError as err:
            raise WriteError(f"{PARTNERS_DIR}: cannot create the folder: {err.strerror}") from None
        path = folder / f"{partner_id}.yaml"
        shown = shown_name(root, path)
        real_folder = inside_workspace(root, folder, PARTNERS_DIR)
        text = partner_text(data)
        errors = _validate(text, shown, partner_id, settings)
        if errors:
            raise DataError(found=[*errors, _nothing_written(f"{shown} would not be valid")])
        mode = (root / SETTINGS_FILE).stat().st_mode & 0o666
        atomic.write_all([(real_folder / path.name, text.encode("utf-8"), shown)], mode=mode)
    return path
