"""Replacing files atomically: a reader or a crash sees the old files or the new, never half.

Each new text goes to a temporary file in the same folder (same permissions),
is flushed and fsynced, then renamed over the original with ``os.replace``;
the folder is fsynced so that the rename itself survives a power cut.
Writing is two-phase so that several files are written all or none: every
temporary file is complete before the first rename.

A write inside a workspace (``root`` given, its lock held) is also journaled
(:mod:`partnerctl.workspace.journal`): the journal names every file and
temporary file before the first one is made, and a `commit` line follows
once all are on disk. A process killed at any moment then leaves a state that
the next partnerctl rolls back (before the commit) or forward (after it):
all or nothing, and no temporary file with a contact's details lingers.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from partnerctl.errors import WriteError


@dataclass(frozen=True)
class Staged:
    """A complete temporary file waiting to replace `target`."""

    target: Path
    temp: Path
    shown: str  # the target's name in messages (relative to the workspace)
    exclusive: bool  # a new file: refuse to replace one that appeared meanwhile


def _fail(shown: str, err: OSError) -> WriteError:
    reason = err.strerror or str(err)
    return WriteError(
        f"{shown}: could not write: {reason}; the file was not changed",
        hint="check free disk space and the folder's permissions",
    )


def temp_name(target: Path) -> Path:
    """A fresh name for `target`'s temporary file, in its folder (hidden, `.tmp`)."""
    return target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"


def stage(
    target: Path, data: bytes, shown: str, *, mode: int | None = None, temp: Path | None = None
) -> Staged:
    """Write `data` to a synced temporary file beside `target` (`temp`, else a new name).

    The temporary file takes `target`'s permissions, or `mode` for a new file.
    """
    exclusive = not target.exists()
    if not exclusive:
        mode = stat.S_IMODE(target.stat().st_mode)
    try:
        if temp is None:
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            temp = Path(name)
        else:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except OSError as err:
        raise _fail(shown, err) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            view = memoryview(data)
            while view:
                written = handle.write(view)
                view = view[written:]
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as err:
        discard(Staged(target, temp, shown, exclusive))
        raise _fail(shown, err) from None
    return Staged(target, temp, shown, exclusive)


def remove_stale(target: Path) -> None:
    """Remove temporary files a killed writer left beside `target` (call under the lock)."""
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def discard(staged: Staged) -> None:
    """Remove a staged temporary file (nothing happens to the target)."""
    with contextlib.suppress(OSError):
        staged.temp.unlink()


def commit(staged: Staged) -> None:
    """Move a staged file into place and sync its folder."""
    try:
        if staged.exclusive:
            os.link(staged.temp, staged.target)  # fails if the target appeared meanwhile
            staged.temp.unlink()
        else:
            os.replace(staged.temp, staged.target)
    except OSError as err:
        discard(staged)
        raise _fail(staged.shown, err) from None
    sync_folder(staged.target.parent)


def sync_folder(folder: Path) -> None:
    """fsync a folder so that renames in it are durable (a no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_all(
    files: list[tuple[Path, bytes, str]], *, mode: int | None = None, root: Path | None = None
) -> None:
    """Replace each (target, data, shown) atomically; on any failure, none.

    With `root`, the workspace whose lock the caller holds, the write is
    journaled: all or none even when the process is killed between two renames.
    Without (an output file named by -o), there must be one file: it is staged,
    then renamed.
    """
    if root is not None:
        _write_journaled(root, files, mode)
        return
    if len(files) > 1:  # only a journal makes several files all or nothing under kill -9
        raise ValueError("a write of several files is journaled: pass the workspace's root")
    staged: list[Staged] = []
    try:
        for target, data, shown in files:
            remove_stale(target)
            staged.append(stage(target, data, shown, mode=mode))
    except BaseException:
        for item in staged:
            discard(item)
        raise
    for index, item in enumerate(staged):
        try:
            commit(item)
        except WriteError:
            for rest in staged[index + 1 :]:
                discard(rest)
            raise


def _write_journaled(root: Path, files: list[tuple[Path, bytes, str]], mode: int | None) -> None:
    from partnerctl.workspace import journal

    real = root.resolve()
    plan: list[tuple[Path, bytes, str, Path]] = []
    steps: list[journal.Step] = []
    for given, data, shown in files:
        target = given.parent.resolve() / given.name  # the journal holds real paths in the root
        if not target.is_relative_to(real):
            raise WriteError(
                f"{shown}: leads outside the workspace; partnerctl does not write there"
            )
        remove_stale(target)
        temp = temp_name(target)
        try:
            old = journal.digest(target.read_bytes()) if target.exists() else None
        except OSError as err:
            raise _fail(shown, err) from None
        relative = (target.relative_to(real).as_posix(), temp.relative_to(real).as_posix())
        steps.append(journal.Step(*relative, old is None, old, journal.digest(data)))
        plan.append((target, data, shown, temp))
    try:
        first = journal.begin(root, steps)
    except OSError as err:  # nothing is staged yet: nothing changed
        if len(plan) == 1:
            raise _fail(plan[0][2], err) from None
        raise WriteError(
            f"could not write {len(plan)} files: {err.strerror or err}; no file was changed",
            hint="check free disk space and the folder's permissions",
        ) from None
    staged: list[Staged] = []
    try:
        for target, data, shown, temp in plan:
            staged.append(stage(target, data, shown, mode=mode, temp=temp))
        for item in staged:
            if item.exclusive:  # a new file: linked now, unlinked again by a roll-back
                try:
                    os.link(item.temp, item.target)
                except OSError as err:
                    raise _fail(item.shown, err) from None
        journal.commit(root, first)
    except BaseException:
        with contextlib.suppress(OSError):
            journal.recover(root)  # not committed: every temporary file goes
        raise
    # Committed: from here on the write happens, now or by the next partnerctl.
    try:
        for item in staged:
            if item.exclusive:
                item.temp.unlink()
            else:
                os.replace(item.temp, item.target)
        for folder in {item.target.parent for item in staged}:
            sync_folder(folder)
        journal.end(root)
    except OSError as err:
        try:
            journal.recover(root)  # rolls forward what is left
        except OSError:
            raise WriteError(
                f"{journal.JOURNAL_FILE}: the write could not be finished: {err.strerror or err}",
                hint="the next partnerctl command finishes it; check the folder's permissions",
            ) from None
