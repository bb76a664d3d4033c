"""A cache of validated files as plain records, so a warm run skips YAML and pydantic.

DESIGN's "Scale" rules, and how this module keeps them:

- **Never required.** Every failure (no cache folder, unreadable, corrupt or
  foreign file, a full disk) is swallowed: the cache then behaves as empty and
  the caller validates the files itself. `PARTNERCTL_NO_CACHE=1` turns it off.
- **Never stale.** An entry is keyed by the file's path (relative to the
  workspace root), size, mtime_ns, ctime_ns and inode, and it is trusted only
  when the run that wrote it started at least two seconds after the file's
  last change (mtime or ctime): a file system with coarse timestamps could
  otherwise hide a same-size edit made in the same second. Cross-file checks
  are the caller's job and run on every load.
- **Private.** One file per workspace (named by a hash of the root's absolute
  path) in `platformdirs.user_cache_dir("partnerctl")` or
  `PARTNERCTL_CACHE_DIR`; the folder is created 0700, files are 0600, and a
  file not owned by the user or writable by others is never read.
- **Versioned.** A header line holds the cache format, partnerctl's version
  and a digest of the modules that decide what a record holds (`model.py`,
  the YAML reader, the file parsers, the loader); any mismatch means an empty
  cache.
- **Verified.** Entries are stored in blocks of up to BLOCK_ENTRIES, each
  block a pickle with its own checksum (BLAKE2b): a block is unpickled only
  when its checksum matches, so every byte of every entry (its path, its
  file's key, its stamp, its record) is checked before it is used, and a
  damaged block costs only its own entries. The list of blocks is unpickled
  with no class allowed, so damaged bytes can never name code to run. A
  record is used only when it has exactly the shape of its kind
  (:mod:`partnerctl.workspace.shapes`). Anything else (random damage, a
  dropped key, a changed date) is a miss: the file is read again and the
  entry rewritten.
- **Durable and safe under concurrency.** `save()` writes a temporary file
  beside the cache, fsyncs it, `os.replace`s it and fsyncs the folder: readers
  see the old or the new file, never a torn one, even after a power cut; when
  two processes save at once, the last one wins.

Records are stored with pickle (protocol 5), not marshal: at 10,000 partners
pickle loads them about 2.3x faster (see benchmarks/README.md). Only plain
data (dicts, lists, str, int, float, bool, None, `datetime.date`) goes in; no
pydantic model is ever pickled. The loader (:mod:`partnerctl.workspace.load`)
reads the cache with the garbage collector paused (otherwise about half of
pickle's cost for a large tree of small dicts) and freezes the records of a
large workspace out of the collector's sight (`gc.freeze`).

Use::

    cache = RecordCache.load(root)        # before statting any file
    st = os.stat(path)                    # stat *before* reading the file
    record = cache.lookup(rel, st, "partner")   # the kind its shape is checked as
    if record is None:
        record = validate(path)           # the caller's own slow path
        cache.store(rel, st, record)
    ...
    cache.save()                          # prune=False after a partial load
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from partnerctl import __version__

CACHE_FORMAT = 2
MAGIC = b"partnerctl-cache"
TRUST_NS = 2_000_000_000  # an entry written within 2 s of its file's change is not trusted
PICKLE_PROTOCOL = 5
SHARED_TEXT = 32  # strings up to this length are shared between records (see _share)
BLOCK_ENTRIES = 256  # entries per checksummed block: damage costs at most this many re-reads

FileKey = tuple[int, int, int, int]
# rel_path -> (size, mtime_ns, ctime_ns, inode, written_at_ns, record)
Entry = tuple[int, int, int, int, int, Any]

# The clock, as a module attribute so that tests can move it.
now_ns = time.time_ns


def file_key(st: os.stat_result) -> FileKey:
    """The identity of a file's current content: size, mtime_ns, ctime_ns and inode."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def cache_disabled() -> bool:
    """Whether PARTNERCTL_NO_CACHE turns the cache off (any value but empty or 0)."""
    return os.environ.get("PARTNERCTL_NO_CACHE", "") not in ("", "0")


def cache_folder() -> Path:
    """PARTNERCTL_CACHE_DIR, else the user's cache folder for partnerctl."""
    explicit = os.environ.get("PARTNERCTL_CACHE_DIR")
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("partnerctl", appauthor=False))


def cache_file(root: Path) -> Path:
    """The cache file of the workspace at `root`: one per absolute root path."""
    name = hashlib.sha256(os.fsencode(os.path.abspath(root))).hexdigest()[:32]
    return cache_folder() / f"{name}.cache"


# The modules whose code decides what a stored record holds, or whether a file
# has a problem (and so is not stored), relative to the package.
_SOURCES = (
    "model.py",
    "model_wbl.py",
    "modelbase.py",
    "privacy.py",
    "fieldchecks.py",
    "dates.py",
    "recurrence.py",
    "records.py",
    "workspace/yamlio.py",
    "workspace/hazards.py",
    "workspace/parse.py",
    "workspace/load.py",
)


@functools.cache
def _model_digest() -> str:
    # A changed model or parser can change the records without a version bump
    # during development; hashing these files (some 40 kB) costs well under 1 ms,
    # once per process (a run that reads and then saves the cache needs it twice).
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    try:
        for name in _SOURCES:
            digest.update((package / name).read_bytes())
    except OSError:
        return "-"
    return digest.hexdigest()[:16]


def _header() -> bytes:
    version = f"{CACHE_FORMAT} {__version__} {_model_digest()}".encode()
    return MAGIC + b" " + version + b"\n"


def _checksum(block: bytes) -> bytes:
    """The checksum of one block of entries."""
    return hashlib.blake2b(block, digest_size=16).digest()


class _IndexUnpickler(pickle.Unpickler):
    """Unpickles the list of blocks (text and bytes): no class or function may be named."""

    def find_class(self, module_name: str, global_name: str, /) -> Any:
        raise pickle.UnpicklingError(f"the cache index names {module_name}.{global_name}")


def _private(st: os.stat_result) -> bool:
    """A file we may unpickle: ours, and writable by nobody else."""
    if sys.platform == "win32":  # pragma: no cover - no uid there; the folder is per-user
        return True
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


class RecordCache:
    """The cached records of one workspace; see the module docstring for the rules."""

    def __init__(self, path: Path | None, root: str, entries: dict[str, Entry]) -> None:
        self.path = path  # None: disabled
        self.root = root
        self._entries = entries
        self._seen: set[str] = set()
        self._dirty = False
        self._shared: dict[Any, Any] = {}
        # Entries written by this run are stamped with its start, which comes
        # before every stat the caller takes: the conservative choice.
        self._started_ns = now_ns()

    @property
    def enabled(self) -> bool:
        """Whether lookups can hit and `save()` writes."""
        return self.path is not None

    def __len__(self) -> int:
        return len(self._entries)

    @classmethod
    def disabled(cls) -> RecordCache:
        """A cache that never hits and never writes."""
        return cls(None, "", {})

    @classmethod
    def load(cls, root: Path) -> RecordCache:
        """The cache of the workspace at `root` (empty when missing, foreign or corrupt)."""
        if cache_disabled():
            return cls.disabled()
        try:
            path = cache_file(root)
        except Exception:
            return cls.disabled()
        absolute = os.path.abspath(root)
        return cls(path, absolute, _read_entries(path, absolute))

    def lookup(self, rel_path: str, st: os.stat_result, kind: str | None = None) -> Any | None:
        """The record stored for this file, or None when absent, changed, too fresh or damaged.

        `kind` ("settings", "partner", "placement", "events") names the shape the record must
        have (workspace.shapes); None skips that check (for other callers' data).
        A damaged entry is dropped, so the next save no longer holds it.
        """
        if self.path is None:
            return None
        self._seen.add(rel_path)
        entry = self._entries.get(rel_path)
        if entry is None:
            return None
        try:
            size, mtime, ctime, inode, written, record = entry
            if (size, mtime, ctime, inode) != file_key(st):
                return None
            if written - max(mtime, ctime) < TRUST_NS:
                return None
            if kind is not None:
                from partnerctl.workspace.shapes import fits

                if not fits(kind, record, rel_path):
                    raise ValueError("shape")
        except Exception:  # an entry of any other shape: read the file instead
            self.forget(rel_path)
            return None
        return record

    def store(self, rel_path: str, st: os.stat_result, record: Any) -> None:
        """Remember `record` as the validated content of the file whose stat is `st`.

        `st` must be taken before the file was read. A file changed less than two
        seconds before this run started is not stored: its entry could never be
        trusted, and the next run will store it.
        """
        if self.path is None:
            return
        self._seen.add(rel_path)
        key = file_key(st)
        if self._started_ns - max(key[1], key[2]) < TRUST_NS:
            if self._entries.pop(rel_path, None) is not None:
                self._dirty = True
            return
        self._entries[rel_path] = (*key, self._started_ns, self._share(record))
        self._dirty = True

    def _share(self, value: Any) -> Any:
        """A copy of `value` in which equal dates and short strings are one object.

        Pickle writes an object it has seen as a back-reference, and loading a
        back-reference is cheaper than building a new object: at 10,000
        partners this took the warm load from about 150 to 110 ms.
        """
        kind = type(value)
        if kind is dict:
            return {key: self._share(item) for key, item in value.items()}
        if kind is list:
            return [self._share(item) for item in value]
        if kind is date or (kind is str and len(value) <= SHARED_TEXT):
            return self._shared.setdefault(value, value)
        return value

    def forget(self, rel_path: str) -> None:
        """Drop the entry of one file (e.g. after writing it)."""
        if self._entries.pop(rel_path, None) is not None:
            self._dirty = True

    def save(self, *, prune: bool = True) -> None:
        """Write the cache if anything changed; never raises.

        With `prune` (after loading the whole workspace), entries of files that
        were neither looked up nor stored in this run — removed or renamed
        files — are dropped. Pass `prune=False` after reading only some files.
        """
        if self.path is None:
            return
        if prune:
            gone = self._entries.keys() - self._seen
            for rel_path in gone:
                del self._entries[rel_path]
            self._dirty = self._dirty or bool(gone)
        if not self._dirty:
            return
        with contextlib.suppress(Exception):
            _write_entries(self.path, self.root, self._entries)
            self._dirty = False


def _read_entries(path: Path, root: str) -> dict[str, Entry]:
    import io

    try:
        with open(path, "rb") as handle:
            if not _private(os.fstat(handle.fileno())):
                return {}
            if handle.readline() != _header():
                return {}
            data = handle.read()
        stored_root, blocks = _IndexUnpickler(io.BytesIO(data)).load()
        if stored_root != root or type(blocks) is not list:
            return {}
    except Exception:
        return {}
    entries: dict[str, Entry] = {}
    for block in blocks:
        try:
            checksum, data = block
            if type(data) is not bytes or checksum != _checksum(data):
                continue  # damaged: its files are read again, and the next save rewrites it
            found = pickle.loads(data)
        except Exception:
            continue
        if type(found) is dict:
            entries.update(found)
    return entries


def _write_entries(path: Path, root: str, entries: dict[str, Entry]) -> None:
    import tempfile

    folder = path.parent
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
    items = sorted(entries.items())
    blocks = []
    for first in range(0, len(items), BLOCK_ENTRIES):
        data = pickle.dumps(dict(items[first : first + BLOCK_ENTRIES]), protocol=PICKLE_PROTOCOL)
        blocks.append((_checksum(data), data))
    payload = pickle.dumps((root, blocks), protocol=PICKLE_PROTOCOL)
    # mkstemp creates the file 0600; os.replace makes it appear whole or not at all.
    fd, temp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_header())
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())  # the content is on disk before the name points at it
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    from partnerctl.workspace.atomic import sync_folder

    sync_folder(folder)
