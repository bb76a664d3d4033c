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

from partnerctl.errors import WriteError

LOCK_FILE = ".partnerctl.lock"
LOCK_TIMEOUT = 10.0  # seconds to wait for another writer before giving up
_POLL = 0.02


@contextmanager
def workspace_lock(root: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the workspace's write lock for the body of a ``with`` block.

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
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
