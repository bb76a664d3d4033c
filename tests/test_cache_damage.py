"""A damaged cache never changes what partnerctl shows: it is verified, and rebuilt.

Each entry block carries a checksum and each record is checked against its
TypedDict's shape; any mismatch is a cache miss. The property: whatever bytes
of a warm cache are damaged, every command's output equals a run without the
cache.
"""

from __future__ import annotations

import os
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import copy_data, run_cli

from partnerctl.workspace import cache as cache_mod
from partnerctl.workspace import parse as parse_mod
from partnerctl.workspace.cache import cache_file

pytestmark = pytest.mark.usefixtures("cache_env", "later")
T = "2026-11-24"
COMMANDS = [
    ["due", "--format", "json", "--all", "--within", "30"],
    ["list", "--format", "json"],
    ["validate", "--format", "json"],
    ["show", "riverside-auto", "--format", "json"],
    ["calendar", "--format", "json"],
]


CACHED: dict[str, str | None] = {"PARTNERCTL_NO_CACHE": None}  # run_cli turns it off


def outputs(ws: Path, env: dict[str, str | None] = CACHED) -> list[tuple[int, str, str]]:
    found = []
    for args in COMMANDS:
        result = run_cli(["-C", str(ws), "--today", T, *args], env=env)
        found.append((result.exit_code, result.stdout, result.stderr))
    return found


@pytest.fixture
def warm(tmp_path: Path) -> tuple[Path, list[tuple[int, str, str]], bytes]:
    """due-basic with a filled cache: (workspace, the no-cache outputs, the cache's bytes)."""
    ws = copy_data("due-basic", tmp_path)
    expected = outputs(ws, env={"PARTNERCTL_NO_CACHE": "1"})
    assert outputs(ws) == expected  # fills the cache
    return ws, expected, cache_file(ws).read_bytes()


def served_from_cache(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed from here on (none on a fully warm run)."""
    parsed: list[str] = []
    real = parse_mod.partner_file

    def counting(path: Path, file: str, partner_id: str) -> Any:
        parsed.append(file)
        return real(path, file, partner_id)

    monkeypatch.setattr(parse_mod, "partner_file", counting)
    return parsed


def rewrite_entries(ws: Path, change: Any) -> None:
    """Rewrite the cache through its own writer (fresh checksums) after `change(entries)`."""
    path = cache_file(ws)
    entries = cache_mod._read_entries(path, os.path.abspath(ws))
    change(entries)
    cache_mod._write_entries(path, os.path.abspath(ws), entries)


def test_a_record_missing_a_key_is_not_used(warm: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    ws, expected, _ = warm

    def drop_key(entries: dict[str, Any]) -> None:
        record = entries["partners/riverside-auto.yaml"][5]
        del record["next"]

    rewrite_entries(ws, drop_key)
    parsed = served_from_cache(monkeypatch)
    assert outputs(ws) == expected  # was: every command exit 3 (KeyError)
    assert parsed[0] == "partners/riverside-auto.yaml"
    assert outputs(ws) == expected
    assert parsed == ["partners/riverside-auto.yaml"]  # read once, then cached afresh


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda r: r.__setitem__("since", "2026-09-01"), id="date-as-text"),
        pytest.param(lambda r: r.__setitem__("touchpoints", None), id="list-as-none"),
        pytest.param(lambda r: r["touchpoints"][0].pop("date"), id="touchpoint-without-date"),
        pytest.param(lambda r: r.__setitem__("extra", 1), id="unknown-key"),
        pytest.param(lambda r: r.__setitem__("id", "bolt-electric"), id="another-partners-id"),
        pytest.param(lambda r: r.__setitem__("early_adopter", 1), id="int-for-bool"),
    ],
)
def test_a_record_of_the_wrong_shape_is_not_used(warm: Any, change: Any) -> None:
    ws, expected, _ = warm
    rewrite_entries(ws, lambda entries: change(entries["partners/riverside-auto.yaml"][5]))
    assert outputs(ws) == expected


def test_a_changed_date_in_the_bytes_is_caught_by_the_checksum(
    warm: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's case: a cached `next` date moved, and an overdue follow-up vanished."""
    ws, expected, data = warm
    # riverside-auto's next is 2026-11-20 (overdue); a date pickles as its 4 state bytes.
    old = b"C\x04" + date(2026, 11, 20).__reduce__()[1][0]
    new = b"C\x04" + date(2027, 11, 20).__reduce__()[1][0]
    assert data.count(old) == 1
    cache_file(ws).write_bytes(data.replace(old, new))
    parsed = served_from_cache(monkeypatch)
    assert outputs(ws) == expected
    assert "partners/riverside-auto.yaml" in parsed


def test_the_cache_is_fsynced_before_it_replaces_the_old_one(
    warm: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, _, _ = warm
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync " + ("file" if os.path.isfile(f"/proc/self/fd/{fd}") else "folder"))
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        calls.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    cache_file(ws).unlink()
    run_cli(["-C", str(ws), "--today", T, "list"], env=CACHED)
    assert calls == ["fsync file", "replace", "fsync folder"]


def damage(data: bytes, rng: random.Random) -> bytes:
    """One of: flipped bits, random bytes, a cut, a copied span, zeroed bytes."""
    body = bytearray(data)
    kind = rng.randrange(5)
    if kind == 0:
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(body))
            body[at] ^= 1 << rng.randrange(8)
    elif kind == 1:
        for _ in range(rng.randint(1, 8)):
            body[rng.randrange(len(body))] = rng.randrange(256)
    elif kind == 2:
        return bytes(body[: rng.randrange(len(body))])
    elif kind == 3:
        start = rng.randrange(len(body))
        span = bytes(body[start : start + rng.randint(1, 64)])
        at = rng.randrange(len(body))
        body[at : at + len(span)] = span
    else:
        at = rng.randrange(len(body))
        body[at : at + rng.randint(1, 32)] = bytes(rng.randint(1, 32))
    return bytes(body)


@pytest.mark.parametrize("seed", range(40))
def test_random_damage_never_changes_the_output(warm: Any, seed: int) -> None:
    ws, expected, data = warm
    rng = random.Random(seed)
    cache_file(ws).write_bytes(damage(data, rng))
    assert outputs(ws) == expected
