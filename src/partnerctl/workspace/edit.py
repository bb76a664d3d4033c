"""Every write to a partner file: located, verified, validated, locked, atomic.

:func:`edit_partners` is the one way commands change partner files and make
new ones (:func:`create_partner` makes one). Each file is read, edited as text
by :class:`~partnerctl.workspace.yamledit.PartnerDocument` (only the lines an
edit must change), re-parsed once and checked to read back as intended, then
validated; under the workspace lock, when every file is still as it was read
and every new text is valid, they are all replaced in one journaled write.
"""

from __future__ import annotations

import difflib
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partnerctl.errors import DataError, Problem, UsageError, WriteError
from partnerctl.fieldchecks import check_slug
from partnerctl.model import PartnerRec, SettingsRec
from partnerctl.workspace import atomic
from partnerctl.workspace.discover import PARTNERS_DIR, SETTINGS_FILE, YAML_SUFFIXES
from partnerctl.workspace.lock import workspace_lock
from partnerctl.workspace.yamledit import PartnerDocument
from partnerctl.workspace.yamlemit import entry_lines

if TYPE_CHECKING:
    from partnerctl.workspace.yamlio import Parsed

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
    errors = _errors(problems)
    if errors:
        raise DataError(found=[*errors, _nothing_written(f"{SETTINGS_FILE} has errors")])
    return settings


def _nothing_written(why: str, hint: str = "fix the errors above and try again") -> Problem:
    return Problem(None, None, None, None, f"nothing was written: {why}", hint)


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
        raise DataError(found=[*problems, _nothing_written(f"{shown} cannot be read")])
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
        f"if the change is meant, make it writable first: chmod u+w {quoted_path(shown)}",
    )


def quoted_path(shown: str) -> str:
    """A path as a shell word, for a command in a hint."""
    import shlex

    return shlex.quote(shown)


def _validate(
    text: str, shown: str, partner_id: str, settings: SettingsRec, parsed: Parsed | None = None
) -> list[Problem]:
    """Every problem of a partner file's text (`parsed`, when it was parsed already)."""
    from partnerctl.workspace.parse import parse_partner_text

    plain = text.removeprefix("\ufeff")
    _record, problems = parse_partner_text(plain, shown, partner_id, settings, parsed=parsed)
    return problems


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def _new_warnings(after: list[Problem], before: list[Problem]) -> list[Problem]:
    """The warnings of `after` that `before` does not have (lines may have moved)."""
    known = {(p.path, p.message) for p in before}
    return [p for p in after if p.severity != "error" and (p.path, p.message) not in known]


def edit_partners(
    root: Path,
    edits: Mapping[str, PartnerEdit],
    *,
    creates: Mapping[str, Mapping[str, Any]] | None = None,
    settings: SettingsRec | None = None,
    lock_timeout: float | None = None,
    warnings: list[Problem] | None = None,
) -> list[Path]:
    """Apply one edit to each partner file and make each new one, all or none.

    Each edit gets the file as a PartnerDocument and its validated record;
    `creates` maps the ids of new partner files to their data (as
    :func:`create_partner` takes it). Each file is read, edited, checked and
    validated first; then, under one hold of the workspace lock, each id to
    create is checked to have no file yet, each file to edit is checked to be
    exactly as it was read (else edited again, under the lock), and all are
    written through one journaled write. An unknown id, an id to create that
    has a file, a file that is read-only or does not validate (before or after
    its edit) or a failed write leaves every file as it was. Returns the files
    written, new ones first; `warnings`, when given, receives the warnings
    (validate's) that the new texts have and the old ones had not, and what
    the lock's recovery of an interrupted write did.

    An edit runs again (on the file as it reads then) when its file changed
    between the first reading and the lock: what it says must be its last
    run's words, never piled up across runs (key them by partner id).
    """
    new = dict(creates or {})
    for partner_id in (*edits, *new):
        check_partner_id(partner_id)
    both = sorted(edits.keys() & new.keys())
    if both:
        raise ValueError(f"partners both edited and created: {', '.join(both)}")
    if settings is None:
        settings = settings_for_write(root)
    # The slow part (reading, parsing, editing, checking and validating each file) runs
    # before the lock is taken, so that editing a large file does not hold other writers
    # up: under the lock each file is compared with what was read, and edited again only
    # if another writer changed it meanwhile.
    edited = _edit_all(root, edits, settings)
    with workspace_lock(root, lock_timeout, notes=warnings):
        _refuse_existing(root, new, alone=len(new) == 1 and not edits)
        if not edited.current():
            edited = _edit_all(root, edits, settings)
        writes, changed, problems = list(edited.writes), list(edited.changed), edited.problems
        if warnings is not None:
            warnings.extend(edited.warnings)
        made: list[tuple[str, str, str]] = []  # (id, shown, text) of each new file
        for partner_id, data in new.items():
            shown = f"{PARTNERS_DIR}/{partner_id}.yaml"
            text = partner_text(data)
            checked = _validate(text, shown, partner_id, settings)
            errors = _errors(checked)
            if errors:
                problems.extend(errors)
                problems.append(_nothing_written(f"{shown} would not be valid"))
                continue
            if warnings is not None:
                warnings.extend(_new_warnings(checked, []))
            made.append((partner_id, shown, text))
        if problems:
            raise DataError(found=problems)
        mode: int | None = None
        if made:
            folder = _partners_folder(root)
            mode = (root / SETTINGS_FILE).stat().st_mode & 0o666
            # New files first: one that appears meanwhile (os.link refuses it) stops the
            # write before any existing file is replaced.
            writes[:0] = [
                (folder / f"{partner_id}.yaml", text.encode("utf-8"), shown)
                for partner_id, shown, text in made
            ]
            changed[:0] = [root / PARTNERS_DIR / f"{partner_id}.yaml" for partner_id, _, _ in made]
        atomic.write_all(writes, mode=mode, root=root)
    return changed


@dataclass
class _Edited:
    """The new texts of the files to edit, their problems, and the files as they were read."""

    writes: list[tuple[Path, bytes, str]] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    read: list[tuple[Path, bytes, int]] = field(default_factory=list)  # (file, bytes, mode)

    def current(self) -> bool:
        """Whether every file is still exactly as it was read (its bytes and its mode)."""
        try:
            return all(
                real.read_bytes() == raw and stat.S_IMODE(real.stat().st_mode) == mode
                for real, raw, mode in self.read
            )
        except OSError:
            return False


def _edit_all(root: Path, edits: Mapping[str, PartnerEdit], settings: SettingsRec) -> _Edited:
    """Read each file, apply its edit, check it reads back, validate it: nothing written."""
    from partnerctl.workspace.parse import parse_partner_text
    from partnerctl.workspace.yamlio import parse_yaml

    done = _Edited()
    for partner_id, edit in edits.items():
        path = partner_path(root, partner_id)
        if path is None:
            raise unknown_partner(root, partner_id)
        shown = shown_name(root, path)
        real = inside_workspace(root, path, shown)
        try:
            raw, mode = real.read_bytes(), stat.S_IMODE(real.stat().st_mode)
        except OSError as err:
            raise WriteError(f"{shown}: cannot read: {err.strerror}") from None
        done.read.append((real, raw, mode))
        refused = read_only(mode, shown)
        if refused is not None:
            done.problems.extend([refused, _nothing_written(f"{shown} is read-only")])
            continue
        text = _decoded(raw, shown)
        plain = text.removeprefix("\ufeff")
        parsed = parse_yaml(plain, shown)  # once, for the validation and for the editor
        record, found = parse_partner_text(plain, shown, partner_id, settings, parsed=parsed)
        errors = _errors(found)
        if errors or record is None:
            done.problems.extend(errors)
            done.problems.append(
                _nothing_written(f"{shown} has errors; partnerctl edits valid files only")
            )
            continue
        document = PartnerDocument(text, shown, parsed.node)
        edit(document, record)
        checked = document.verified()  # parsed once, for the check and the validation
        if document.text == text:
            continue
        after = _validate(document.text, shown, partner_id, settings, checked)
        errors = _errors(after)
        if errors:
            done.problems.extend(errors)
            done.problems.append(_nothing_written(f"the change would make {shown} invalid"))
            continue
        done.warnings.extend(_new_warnings(after, found))
        done.writes.append((real, document.text.encode("utf-8"), shown))
        done.changed.append(path)
    return done


def _refuse_existing(root: Path, new: Mapping[str, object], *, alone: bool) -> None:
    """Refuse ids to create that have a file now (call under the lock).

    A single new file keeps `add`'s one-line error; among several files every
    taken id is named and nothing is written.
    """
    taken = [(pid, path) for pid in new if (path := partner_path(root, pid)) is not None]
    if not taken:
        return
    if alone:
        partner_id, path = taken[0]
        raise UsageError(
            f"partner {partner_id!r} already exists ({shown_name(root, path)})",
            hint="choose another id, or edit that partner",
        )
    found = [
        Problem(shown_name(root, path), None, None, None, f"partner {pid!r} already exists")
        for pid, path in taken
    ]
    why, them = "a partner to create already exists", "it"
    if len(taken) > 1:
        why, them = f"{len(taken)} partners to create already exist", "them"
    hint = f"another partnerctl may have made {them} meanwhile; run the command again"
    found.append(_nothing_written(why, hint))
    raise DataError(found=found)


def _partners_folder(root: Path) -> Path:
    """The real partners folder to write new files in, made when missing."""
    folder = root / PARTNERS_DIR
    try:
        folder.mkdir(exist_ok=True)
    except OSError as err:
        raise WriteError(f"{PARTNERS_DIR}: cannot create the folder: {err.strerror}") from None
    return inside_workspace(root, folder, PARTNERS_DIR)


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
    warnings: list[Problem] | None = None,
) -> Path:
    """Write a new partner file partners/ID.yaml; refuses an id that already has a file."""
    made = edit_partners(root, {}, creates={partner_id: data}, settings=settings, warnings=warnings)
    return made[0]
