"""The record cache: never stale, never required, private, versioned, safe to share."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from partnerctl.workspace import cache as cache_mod
from partnerctl.workspace.cache import TRUST_NS, RecordCache, cache_file, file_key

SRC = Path(__file__).resolve().parent.parent / "src"


# The record cache on, in a folder of each test's own (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("cache_env")


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "partners").mkdir(parents=True)
    for name in ("acme", "bolt", "crane"):
        (root / "partners" / f"{name}.yaml").write_text(f"name: {name.title()}\n")
    return root


def scan(root: Path) -> tuple[dict[str, Any], list[str]]:
    """A loader in miniature: every partner file from the cache or 'validated' anew.

    Returns the records by relative path and the files that had to be validated.
    """
    cache = RecordCache.load(root)
    records: dict[str, Any] = {}
    validated: list[str] = []
    for path in sorted((root / "partners").glob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        st = path.stat()
        record = cache.lookup(rel, st)
        if record is None:
            validated.append(rel)
            record = {"text": path.read_text(), "since": date(2026, 9, 1), "id": path.stem}
            cache.store(rel, st, record)
        records[rel] = record
    cache.save()
    return records, validated


ALL = ["partners/acme.yaml", "partners/bolt.yaml", "partners/crane.yaml"]


def test_second_run_uses_cache_and_keeps_dates(ws: Path, later: None) -> None:
    first, validated = scan(ws)
    assert validated == ALL
    second, validated = scan(ws)
    assert validated == []
    assert second == first
    assert type(second["partners/acme.yaml"]["since"]) is date


def test_changed_file_is_seen(ws: Path, later: None) -> None:
    scan(ws)
    (ws / "partners" / "bolt.yaml").write_text("name: Bolt Industries\n")
    records, validated = scan(ws)
    assert validated == ["partners/bolt.yaml"]
    assert records["partners/bolt.yaml"]["text"] == "name: Bolt Industries\n"


def test_same_size_edit_in_place_is_seen(ws: Path, later: None) -> None:
    scan(ws)
    path = ws / "partners" / "acme.yaml"
    before = path.stat()
    with open(path, "r+") as handle:  # same inode, same size
        handle.write("name: Acmf\n")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # even with mtime put back
    records, validated = scan(ws)
    assert path.stat().st_size == before.st_size
    assert validated == ["partners/acme.yaml"]
    assert records["partners/acme.yaml"]["text"] == "name: Acmf\n"


def test_file_changed_just_before_the_run_is_not_cached(ws: Path) -> None:
    # Real clock: the files were written a moment ago, so nothing can be trusted yet,
    # and a same-size edit in the same second is seen by the next run.
    scan(ws)
    (ws / "partners" / "crane.yaml").write_text("name: Cranf\n")
    records, validated = scan(ws)
    assert validated == ALL
    assert records["partners/crane.yaml"]["text"] == "name: Cranf\n"


def fake_stat(size: int, mtime: int, ctime: int, ino: int) -> Any:
    return SimpleNamespace(st_size=size, st_mtime_ns=mtime, st_ctime_ns=ctime, st_ino=ino)


def test_two_second_rule_on_coarse_timestamps(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A file system with 1-second timestamps: an edit in the same second keeps
    # size, mtime, ctime and inode. An entry written within 2 s is never trusted.
    second = 1_800_000_000 * 10**9
    st = fake_stat(12, second, second, 7)
    for started, trusted in ((second + TRUST_NS // 4, False), (second + TRUST_NS, True)):
        monkeypatch.setattr(cache_mod, "now_ns", lambda started=started: started)
        cache = RecordCache.load(tmp_path)
        cache.store("partners/a.yaml", st, {"name": "A"})
        cache.save()
        again = RecordCache.load(tmp_path).lookup("partners/a.yaml", st)
        assert (again == {"name": "A"}) is trusted


def test_entry_written_early_is_not_trusted_later(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Even if an entry somehow holds a stamp close to its file's change, lookup refuses it.
    second = 1_800_000_000 * 10**9
    st = fake_stat(12, second, second, 7)
    cache = RecordCache(cache_file(tmp_path), os.path.abspath(tmp_path), {})
    cache._entries["x.yaml"] = (*file_key(st), second + TRUST_NS - 1, {"name": "X"})
    assert cache.lookup("x.yaml", st) is None
    cache._entries["x.yaml"] = (*file_key(st), second + TRUST_NS, {"name": "X"})
    assert cache.lookup("x.yaml", st) == {"name": "X"}


def test_added_removed_and_renamed_files(ws: Path, later: None) -> None:
    scan(ws)
    (ws / "partners" / "dyno.yaml").write_text("name: Dyno\n")
    (ws / "partners" / "acme.yaml").unlink()
    (ws / "partners" / "bolt.yaml").rename(ws / "partners" / "bolt-co.yaml")
    records, validated = scan(ws)
    assert validated == ["partners/bolt-co.yaml", "partners/dyno.yaml"]
    assert sorted(records) == ["partners/bolt-co.yaml", "partners/crane.yaml", "partners/dyno.yaml"]
    assert records["partners/bolt-co.yaml"]["id"] == "bolt-co"
    # The removed and renamed files' entries are pruned from the cache file.
    assert len(RecordCache.load(ws)) == 3


def test_renamed_over_a_cached_file_is_seen(ws: Path, later: None) -> None:
    scan(ws)
    (ws / "partners" / "bolt.yaml").write_text("name: Acme\n")  # same size as acme.yaml
    (ws / "partners" / "bolt.yaml").replace(ws / "partners" / "acme.yaml")
    records, validated = scan(ws)
    assert validated == ["partners/acme.yaml"]
    assert records["partners/acme.yaml"]["text"] == "name: Acme\n"


def test_partial_load_keeps_other_entries(ws: Path, later: None) -> None:
    scan(ws)
    cache = RecordCache.load(ws)
    path = ws / "partners" / "acme.yaml"
    assert cache.lookup("partners/acme.yaml", path.stat()) is not None
    cache.store("partners/acme.yaml", path.stat(), {"id": "acme"})
    cache.save(prune=False)
    assert len(RecordCache.load(ws)) == 3


def test_unchanged_cache_is_not_rewritten(ws: Path, later: None) -> None:
    scan(ws)
    before = cache_file(ws).stat()
    scan(ws)
    after = cache_file(ws).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data.split(b"\n", 1)[0] + b"\n" + b"\x00garbage" * 10,  # bad body
        lambda data: b"",  # empty
        lambda data: os.urandom(200),  # noise
    ],
    ids=["truncated", "garbage-body", "empty", "noise"],
)
def test_corrupt_cache_is_ignored_and_rebuilt(ws: Path, later: None, damage: Any) -> None:
    scan(ws)
    path = cache_file(ws)
    path.write_bytes(damage(path.read_bytes()))
    records, validated = scan(ws)
    assert validated == ALL
    assert len(records) == 3
    _, validated = scan(ws)
    assert validated == []


def test_version_mismatch_is_ignored(
    ws: Path, later: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan(ws)
    monkeypatch.setattr(cache_mod, "__version__", "999.0")
    _, validated = scan(ws)
    assert validated == ALL
    _, validated = scan(ws)
    assert validated == []
    monkeypatch.setattr(cache_mod, "CACHE_FORMAT", cache_mod.CACHE_FORMAT + 1)
    _, validated = scan(ws)
    assert validated == ALL


def test_other_workspace_root_in_the_file_is_ignored(ws: Path, later: None, tmp_path: Path) -> None:
    scan(ws)
    other = tmp_path / "other"
    other.mkdir()
    cache_file(ws).replace(cache_file(other))  # as if two roots hashed alike
    assert len(RecordCache.load(other)) == 0


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_permissions(ws: Path, later: None, cache_env: Path) -> None:
    old = os.umask(0o022)
    try:
        scan(ws)
    finally:
        os.umask(old)
    assert stat.S_IMODE(cache_env.stat().st_mode) == 0o700
    files = list(cache_env.iterdir())
    assert files == [cache_file(ws)]  # no temporary file left behind
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_file_writable_by_others_is_not_read(ws: Path, later: None) -> None:
    scan(ws)
    os.chmod(cache_file(ws), 0o622)
    _, validated = scan(ws)
    assert validated == ALL


def test_no_cache_env_disables(
    ws: Path, later: None, monkeypatch: pytest.MonkeyPatch, cache_env: Path
) -> None:
    monkeypatch.setenv("PARTNERCTL_NO_CACHE", "1")
    assert not RecordCache.load(ws).enabled
    _, validated = scan(ws)
    _, validated = scan(ws)
    assert validated == ALL
    assert not cache_env.exists()


def test_unwritable_cache_folder_is_silently_ignored(
    ws: Path, later: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("PARTNERCTL_CACHE_DIR", str(blocker / "cache"))
    records, validated = scan(ws)
    assert validated == ALL and len(records) == 3
    _, validated = scan(ws)
    assert validated == ALL


WRITER = """
import json, os, sys, time
from partnerctl.workspace import cache as c
c.now_ns = lambda: time.time_ns() + 10 * c.TRUST_NS
root, tag, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
st = os.stat(os.path.join(root, "partners", "acme.yaml"))
for n in range(rounds):
    cache = c.RecordCache.load(root)
    for i in range(200):
        cache.store(f"partners/p{i}.yaml", st, {"writer": tag, "round": n, "pad": "x" * 200})
    cache.save()
"""


def test_two_processes_saving_at_once_leave_a_readable_cache(ws: Path, later: None) -> None:
    path = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(ws), tag, "15"], env=env)
        for tag in ("a", "b")
    ]
    seen_torn = []
    st = (ws / "partners" / "acme.yaml").stat()
    while any(w.poll() is None for w in writers):
        existed = cache_file(ws).exists()
        cache = RecordCache.load(ws)
        records = [cache.lookup(f"partners/p{i}.yaml", st) for i in range(200)]
        if existed or any(r is not None for r in records):
            # Once the file exists, every read gets one writer's whole round:
            # never nothing (a torn file reads as empty), a mix or a part.
            rounds = {json.dumps([r["writer"], r["round"]]) if r else None for r in records}
            if len(rounds) != 1 or None in rounds:
                seen_torn.append(rounds)
    assert [w.returncode for w in writers] == [0, 0]
    assert seen_torn == []
    cache = RecordCache.load(ws)
    assert len(cache) == 200
    final = cache.lookup("partners/p0.yaml", st)
    assert final is not None and final["round"] == 14
    assert [p.name for p in cache_file(ws).parent.iterdir()] == [cache_file(ws).name]


def test_stored_records_are_equal_not_mutated_and_share_values(ws: Path, later: None) -> None:
    st = (ws / "partners" / "acme.yaml").stat()
    first = {"since": date(2026, 9, 1), "tags": ["chamber"], "notes": "x" * 100}
    second = {"since": date(2026, 9, 1), "tags": ["chamber"], "notes": "x" * 100}
    before = repr(first)
    cache = RecordCache.load(ws)
    cache.store("partners/a.yaml", st, first)
    cache.store("partners/b.yaml", st, second)
    cache.save(prune=False)
    assert repr(first) == before
    again = RecordCache.load(ws)
    a, b = again.lookup("partners/a.yaml", st), again.lookup("partners/b.yaml", st)
    assert a == first and b == second
    # Equal dates and short strings come back as one object (cheaper to load).
    assert a["since"] is b["since"] and a["tags"][0] is b["tags"][0]
