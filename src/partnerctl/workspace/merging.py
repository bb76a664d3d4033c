"""The merge driver's file side: three texts in, ours edited by the other side's changes.

git hands the driver three files (the common ancestor, ours, theirs) and the
path of the file being merged. :func:`merge_texts` reads each as raw data,
asks :func:`partnerctl.core.merge.merge_data` for the other side's edits as
operations, applies them to ours' text with the one editor every write uses
(:class:`~partnerctl.workspace.yamledit.PartnerDocument`, only the lines an
edit must change), and checks the result reads back as intended. A file the
driver cannot read as a YAML mapping raises :class:`MergeRefused`, and the
caller merges it as text instead (git's own way, with conflict markers).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from partnerctl.core.change import Op
from partnerctl.errors import PartnerctlError
from partnerctl.workspace.discover import EVENTS_DIR, PARTNERS_DIR, SETTINGS_FILE, YAML_SUFFIXES


class MergeRefused(Exception):
    """A file the driver cannot merge by meaning (the reason is the message)."""


@dataclass(frozen=True)
class FileMerge:
    """The merged text, the conflicts it recorded and each side's author."""

    text: str
    conflicts: tuple[dict[str, Any], ...]
    authors: tuple[str | None, str | None]


def file_kind(path: str) -> str | None:
    """`partner`, `events` or `settings` for a workspace file's path; None for any other."""
    shown = PurePosixPath(path.replace("\\", "/"))
    if shown.name == SETTINGS_FILE:
        return "settings"
    if shown.suffix not in YAML_SUFFIXES:
        return None
    folder = shown.parent.name
    if folder == PARTNERS_DIR:
        return "partner"
    if folder == EVENTS_DIR:
        return "events"
    return None


def workspace_root(repo: Path, path: str) -> Path:
    """The workspace folder that holds the file at `path` (relative to the repository)."""
    shown = PurePosixPath(path.replace("\\", "/"))
    folder = shown.parent if shown.name == SETTINGS_FILE else shown.parent.parent
    return repo / folder


def read_side(path: Path, shown: str) -> str:
    """One side's text (a BOM kept); MergeRefused when it cannot be read as UTF-8 text."""
    from partnerctl.workspace.edit import read_text

    try:
        return read_text(path, shown)
    except PartnerctlError as err:
        raise MergeRefused(f"{shown}: {err.message}") from None


def _raw(text: str, shown: str, side: str) -> dict[str, Any]:
    """A side's raw data (every scalar as its text); an empty file holds nothing."""
    from partnerctl.workspace.yamledit import PartnerDocument

    if not text.strip("\ufeff \t\r\n"):
        return {}
    try:
        return PartnerDocument(text, shown).expected
    except PartnerctlError as err:
        raise MergeRefused(f"{side}: {err.problems()[0].render()}") from None


def merge_texts(
    kind: str,
    base: str,
    ours: str,
    theirs: str,
    shown: str,
    *,
    fallback: tuple[str | None, str | None] = (None, None),
) -> FileMerge:
    """Theirs' changes since base applied to ours' text; conflicts recorded in it as data."""
    from partnerctl.core.merge import merge_data
    from partnerctl.workspace.edit import apply_ops
    from partnerctl.workspace.yamledit import EditMismatch, PartnerDocument

    base_data = _raw(base, shown, "the common ancestor")
    theirs_data = _raw(theirs, shown, "their side")
    if not ours.strip("\ufeff \t\r\n"):
        raise MergeRefused("our side is empty")
    try:
        document = PartnerDocument(ours, shown)
    except PartnerctlError as err:
        raise MergeRefused(f"our side: {err.problems()[0].render()}") from None
    merged = merge_data(kind, base_data, document.expected, theirs_data, fallback=fallback)
    try:
        apply_ops(document, typed_ops(merged.ops))
        document.verify()
    except (PartnerctlError, EditMismatch) as err:
        raise MergeRefused(f"{shown}: cannot apply their changes: {err}") from None
    return FileMerge(document.text, merged.conflicts, merged.authors)


def typed_ops(ops: tuple[Op, ...]) -> list[Op]:
    """Operations whose raw text values are written as partnerctl writes them (yamlemit.typed)."""
    from partnerctl.workspace.yamlemit import typed

    return [replace(op, value=typed(op.value)) for op in ops]
