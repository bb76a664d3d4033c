"""Replacing files atomically: a reader or a crash sees the old file or the new, never half.

Each new text goes to a temporary file in the same folder (same permissions),
is flushed and fsynced, then renamed over the original with ``os.replace``;
the folder is fsynced so that the rename itself survives a power cut.
Writing is two-phase so that several files are written all or none: every
temporary file is complete before the first rename.
"""

from __future__ import annotations

import contextlib
import os
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


def stage(target: Path, data: bytes, shown: str, *, mode: int | None = None) -> Staged:
    """Write `data` to a synced temporary file beside `target`.

    The temporary file takes `target`'s permissions, or `mode` for a new file.
    """
    exclusive = not target.exists()
    if not exclusive:
        mode = stat.S_IMODE(target.stat().st_mode)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise _fail(shown, err) from None
    temp = Path(name)
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


def write_all(files: list[tuple[Path, bytes, str]], *, mode: int | None = None) -> None:
    """Replace each (target, data, shown) atomically; on any failure before the renames, none."""
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
