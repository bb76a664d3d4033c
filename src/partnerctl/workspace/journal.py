"""The write journal: a write of several files is all or nothing, even under `kill -9`.

SQLite's hot journal, for a folder of YAML files. Before a write stages any
temporary file, it writes `.partnerctl.journal` beside `partnerctl.yaml`
(``init``'s ``.gitignore`` lists it): every file to write, the temporary file
that will replace it, and digests of the file as it was and as it will be.
When every temporary file is complete and on disk, a `commit` line is added;
then the renames, then the journal goes. Whatever moment a process dies at,
the next partnerctl of any kind (a reading one too, as SQLite does) finds the
journal under the workspace lock and:

- without its `commit` line, rolls back: removes every temporary file the
  journal names (and a new file already linked in place), so the workspace is
  as before the write and no copy of a contact's details lingers;
- with it, rolls forward: renames each temporary file still there over its
  file, so the workspace is as after the write. A file that was changed by
  hand since the crash (its digest is neither the old nor the new one) is
  kept as it is, and the recovery says so: nothing a user wrote is lost.

Recovery is idempotent: a process killed while recovering leaves a journal
that the next one finishes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerctl.errors import Problem

JOURNAL_FILE = ".partnerctl.journal"
_HEADER = "partnerctl-journal"
_COMMIT = "commit "
SHOWN_FILES = 3  # files a recovery note names before "and N more"


@dataclass(frozen=True)
class Step:
    """One file of a journaled write: paths relative to the workspace's real root."""

    target: str
    temp: str
    new: bool  # a file that did not exist (linked in place, never over another file)
    old: str | None  # sha256 of the file before the write (None when new)
    sha: str  # sha256 of its new content

    def as_json(self) -> dict[str, Any]:
        return {"target": self.target, "temp": self.temp, "new": self.new, "old": self.old,
                "sha": self.sha}  # fmt: skip


def digest(data: bytes) -> str:
    """The sha256 of a file's bytes, as the journal records it."""
    return hashlib.sha256(data).hexdigest()


def journal_path(root: Path) -> Path:
    """Where the journal of the workspace at `root` lives."""
    return root / JOURNAL_FILE


def begin(root: Path, steps: list[Step]) -> str:
    """Write and sync the journal naming `steps`; returns its first line (for `commit`).

    Raises OSError when it cannot be written (the caller has staged nothing yet).
    """
    line = json.dumps({_HEADER: 1, "files": [step.as_json() for step in steps]})
    path = journal_path(root)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    try:
        _write(fd, (line + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    _sync_folder(root)
    return line


def commit(root: Path, first_line: str) -> None:
    """Add the `commit` line: from now on a crash rolls the write forward."""
    fd = os.open(journal_path(root), os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC)
    try:
        _write(fd, f"{_COMMIT}{digest(first_line.encode('utf-8'))}\n".encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def end(root: Path) -> None:
    """Remove the journal: the write is complete (or rolled back)."""
    with contextlib.suppress(FileNotFoundError):
        journal_path(root).unlink()
    _sync_folder(root)


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _sync_folder(folder: Path) -> None:
    from partnerctl.workspace.atomic import sync_folder

    sync_folder(folder)


def read(root: Path) -> tuple[list[Step], bool] | None:
    """The journal's steps and whether it was committed; None when there is no journal.

    A journal cut short while it was written names no temporary file that
    exists yet (they are made after it is synced): it reads as no steps.
    """
    try:
        text = journal_path(root).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None
    first, _, rest = text.partition("\n")
    try:
        data = json.loads(first)
        steps = [Step(**item) for item in data["files"]]
    except (ValueError, KeyError, TypeError):
        return [], False
    committed = rest.startswith(_COMMIT + digest(first.encode("utf-8")) + "\n")
    return steps, committed


def recover(root: Path) -> list[Problem]:
    """Finish or undo an interrupted write (call under the workspace lock); notes about it.

    Nothing happens, at the cost of one stat, when there is no journal.
    """
    found = read(root)
    if found is None:
        return []
    steps, committed = found
    real = root.resolve()
    kept: list[str] = []
    folders: set[Path] = set()
    for step in steps:
        target, temp = real / step.target, real / step.temp
        folders.add(target.parent)
        if committed:
            if not _roll_forward(step, target, temp):
                kept.append(step.target)
        else:
            _roll_back(step, target, temp)
    for folder in folders:
        _sync_folder(folder)
    end(root)
    return _notes(steps, committed, kept)


def _roll_forward(step: Step, target: Path, temp: Path) -> bool:
    """Put one file in place; False when a file changed by hand since was kept instead."""
    if not temp.exists():
        return True  # renamed before the crash
    if step.new:
        if not target.exists():
            os.link(temp, target)
        elif not os.path.samefile(temp, target):
            return _drop(temp)  # another file took the name since: it stays
        temp.unlink()
        return True
    current = target.read_bytes() if target.exists() else None
    if current is None or digest(current) not in (step.old, step.sha):
        return _drop(temp)  # removed or changed by hand since: the user's version stays
    os.replace(temp, target)
    return True


def _drop(temp: Path) -> bool:
    temp.unlink(missing_ok=True)
    return False


def _roll_back(step: Step, target: Path, temp: Path) -> None:
    """Undo one file: its temporary file goes, and a new file linked in place with it."""
    if step.new and temp.exists() and target.exists() and os.path.samefile(temp, target):
        target.unlink()
    temp.unlink(missing_ok=True)


def _notes(steps: list[Step], committed: bool, kept: list[str]) -> list[Problem]:
    if not steps:
        return []
    names = [step.target for step in steps]
    shown = ", ".join(names[:SHOWN_FILES])
    if len(names) > SHOWN_FILES:
        shown += f" and {len(names) - SHOWN_FILES} more"
    done = "finished" if committed else "undid"
    notes = [
        Problem(
            JOURNAL_FILE,
            None,
            None,
            None,
            f"{done} a write that was interrupted ({shown})",
            severity="warning",
        )
    ]
    notes.extend(
        Problem(
            name,
            None,
            None,
            None,
            "changed by hand after a write to it was interrupted: kept as it is; "
            "partnerctl's interrupted change to it was not made",
            hint="run the command again if it is still needed",
            severity="warning",
        )
        for name in kept
    )
    return notes
