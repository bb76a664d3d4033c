"""The workspace write lock: one writer at a time, across processes.

A lock file, `.partnerctl.lock`, beside `partnerctl.yaml` (``init``'s
``.gitignore`` lists it) is locked with ``fcntl.flock``. The kernel drops the
lock when its holder exits, even when killed, so a crashed writer never
leaves the workspace locked.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from partnerctl.errors import Problem, WriteError

LOCK_FILE = ".partnerctl.lock"
LOCK_TIMEOUT = 10.0  # seconds to wait for another writer before giving up
_POLL = 0.02


@contextmanager
def workspace_lock(
    root: Path, timeout: float | None = None, *, notes: list[Problem] | None = None
) -> Iterator[None]:
    """Hold the workspace's write lock for the body of a ``with`` block.

    Once the lock is had, a write that a killed process left half done is
    rolled back or forward (:mod:`partnerctl.workspace.journal`) before the
    body reads anything; `notes`, when given, receives what was done.
    Raises WriteError when the lock file cannot be made or another partnerctl
    holds the lock for longer than `timeout` seconds (default LOCK_TIMEOUT).
    """
    import fcntl

    wait = LOCK_TIMEOUT if timeout is None else timeout
    path = root / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as err:
        raise WriteError(
            f"{LOCK_FILE}: cannot create the workspace lock: {err.strerror}",
            hint="is the workspace folder writable?",
        ) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WriteError(
                        "another partnerctl is writing to this workspace; try again",
                        hint=f"the lock is {LOCK_FILE} in the workspace folder",
                    ) from None
                time.sleep(_POLL)
        try:
            found = _recover(root)
            if notes is not None:
                notes.extend(found)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _recover(root: Path) -> list[Problem]:
    from partnerctl.workspace.journal import JOURNAL_FILE, recover

    try:
        return recover(root)
    except OSError as err:
        raise WriteError(
            f"{JOURNAL_FILE}: cannot finish a write that was interrupted: {err.strerror or err}",
            hint="check that the workspace's files and folders are writable",
        ) from None


def recover_workspace(root: Path) -> list[Problem]:
    """Finish or undo an interrupted write, if the workspace has one; what was done.

    Every command calls this when it finds its workspace (a reading one too), so
    that it never shows a half-done write. It takes the lock only when there is
    a journal; when that fails (a read-only folder, a writer holding the lock too
    long), the note says so and the command goes on.
    """
    from partnerctl.workspace.journal import JOURNAL_FILE, journal_path

    if not journal_path(root).exists():
        return []
    notes: list[Problem] = []
    try:
        with workspace_lock(root, notes=notes):
            pass
    except WriteError as err:
        why = err.message + (f" ({err.hint})" if err.hint else "")
        return [
            Problem(
                JOURNAL_FILE,
                None,
                None,
                None,
                f"a write was interrupted and could not be finished yet: {why}",
                severity="warning",
            )
        ]
    return notes
