"""load_workspace with the record cache: warm runs skip the parse, and are never stale.

Each test loads a workspace in tmp_path twice or more with a private cache
folder. The `later` fixture moves the cache's clock 20 s ahead, as if the
files had been written well before the run (the cache does not trust a file
changed within 2 s of the run that stored it); tests without it use the real
clock. Parse calls are counted by wrapping the slow path's functions.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from partnerctl.workspace import cache as cache_mod
from partnerctl.workspace import load as load_mod
from partnerctl.workspace import parse as parse_mod
from partnerctl.workspace.cache import TRUST_NS, cache_file
from partnerctl.workspace.load import load_workspace
from partnerctl.workspace.loaded import Workspace

SETTINGS = """\
program: Test
pathways:
  - {id: automotive, name: Automotive}
owners: [jlee]
"""
ACME = """\
name: Acme Auto
stage: active
pathways: [automotive]
owner: jlee
touchpoints:
  - {date: 2026-10-01, channel: email, summary: Check-in}
"""
BOLT = "name: Bolt Body Shop\nstage: prospect\n"
EVENTS = """\
events:
  - id: fall-fair
    name: Fall career fair
    kind: career-fair
    date: 2026-12-03
    partners: [acme]
    prepare: 14
"""


# The record cache on, in a folder of each test's own (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("cache_env")


def make(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    ws = tmp_path / "ws"
    (ws / "partners").mkdir(parents=True)
    (ws / "events").mkdir()
    files = {
        "partnerctl.yaml": SETTINGS,
        "partners/acme.yaml": ACME,
        "partners/bolt.yaml": BOLT,
        "events/fairs.yaml": EVENTS,
        **(files or {}),
    }
    for name, text in files.items():
        (ws / name).write_text(text, encoding="utf-8")
    return ws


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the loader had to read and validate, in order, across loads."""
    calls: list[str] = []

    def counting(name: str, file_arg: int | None) -> None:
        real = getattr(parse_mod, name)

        def wrapper(*args: Any) -> Any:
            calls.append("partnerctl.yaml" if file_arg is None else args[file_arg])
            return real(*args)

        monkeypatch.setattr(parse_mod, name, wrapper)

    counting("load_settings", None)
    counting("partner_file", 1)
    counting("events_file", 1)
    return calls


def uncached(root: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    with monkeypatch.context() as patch:
        patch.setenv("PARTNERCTL_NO_CACHE", "1")
        return load_workspace(root)


def rendered(workspace: Workspace) -> list[str]:
    return [p.render() for p in workspace.problems]


ALL = ["partnerctl.yaml", "partners/acme.yaml", "partners/bolt.yaml", "events/fairs.yaml"]


def test_second_load_is_served_from_the_cache(
    tmp_path: Path, later: None, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make(tmp_path)
    first = load_workspace(ws)
    assert parsed == ALL
    assert cache_file(ws).exists()

    def refuse(*args: Any) -> Any:
        raise AssertionError("a warm load parsed a file")

    for name in ("load_settings", "partner_file", "events_file"):
        monkeypatch.setattr(parse_mod, name, refuse)
    second = load_workspace(ws)
    assert second == first
    assert sorted(second.partners) == ["acme", "bolt"]
    assert [e["id"] for e in second.events] == ["fall-fair"]
    assert second.problems == []


def test_warm_and_cold_loads_equal_an_uncached_load(
    tmp_path: Path, later: None, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make(tmp_path)
    cold, warm = load_workspace(ws), load_workspace(ws)
    assert parsed == ALL
    assert cold == warm == uncached(ws, monkeypatch)


def test_no_cache_env_writes_no_cache(
    tmp_path: Path, later: None, parsed: list[str], monkeypatch: pytest.MonkeyPatch, cache_env: Path
) -> None:
    ws = make(tmp_path)
    monkeypatch.setenv("PARTNERCTL_NO_CACHE", "1")
    load_workspace(ws)
    load_workspace(ws)
    assert parsed == ALL + ALL
    assert not cache_env.exists()


# A workspace with every kind of problem: one broken file, cross-file errors
# and warnings, and a file that is not YAML.
TROUBLE = {
    "partners/broken.yaml": "name: Broken\nstage: [active\n",
    "partners/wrong-path.yaml": "name: Crane Co\nstage: active\npathways: [welding]\n",
    "partners/mail.yaml": (
        "name: Dyno Diesel\nstage: prospect\ncontacts:\n  - {name: Dana, email: dana-at-example}\n"
    ),
    "partners/acme-2.yaml": "name: ACME Auto, Inc.\nstage: prospect\n",
    "partners/notes.txt": "not a partner file\n",
    "events/more.yaml": (
        "events:\n  - {id: open-house, name: Open house, date: 2026-12-10, partners: [nobody]}\n"
    ),
    "events/half.yaml": (
        "events:\n  - {id: board, name: Board, date: 2026-12-01}\n"
        "  - {id: gala, name: Gala, date: 2026-13-01}\n"
    ),
}


def test_problems_are_reported_on_every_run(
    tmp_path: Path, later: None, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make(tmp_path, TROUBLE)
    cold = load_workspace(ws)
    parsed.clear()
    warm = load_workspace(ws)
    # Only the files with problems of their own are parsed again.
    assert parsed == ["partners/broken.yaml", "events/half.yaml"]
    assert warm == cold == uncached(ws, monkeypatch)
    problems = rendered(warm)
    expected = [
        "partners/broken.yaml:3:1: error: YAML syntax",
        "partners/wrong-path.yaml:3:12: error: pathways[0]: 'welding' is not a pathway",
        "partners/mail.yaml:4:25: warning: contacts[0].email: 'dana-at-example' does not look",
        "partners/acme-2.yaml:1:7: warning: name: 'ACME Auto, Inc.' looks like the same",
        "partners/notes.txt: warning: ignored",
        "events/half.yaml:3:34: error: events[1].date: '2026-13-01' is not a date",
        "events/more.yaml:2:69: error: events[0].partners[0]: 'nobody' is not a partner",
    ]
    for start in expected:
        assert sum(p.startswith(start) for p in problems) == 1, (start, problems)
    assert len(problems) == len(expected)
    assert "broken" not in warm.partners and "wrong-path" not in warm.partners
    assert {"acme", "acme-2", "bolt", "mail"} <= warm.partners.keys()
    assert sorted(e["id"] for e in warm.events) == ["board", "fall-fair", "open-house"]


def test_warnings_are_reported_on_a_warm_run(
    tmp_path: Path, later: None, parsed: list[str]
) -> None:
    # Files hold no warnings of their own: each warning comes from a cross-file
    # check, which runs on every load; the files themselves come from the cache.
    names = ("partners/mail.yaml", "partners/acme-2.yaml")
    ws = make(tmp_path, {name: TROUBLE[name] for name in names})
    cold = load_workspace(ws)
    parsed.clear()
    warm = load_workspace(ws)
    assert parsed == []
    assert warm.problems == cold.problems
    assert [(p.file, p.severity) for p in warm.problems] == [
        ("partners/acme-2.yaml", "warning"),
        ("partners/mail.yaml", "warning"),
    ]
    assert {"acme", "acme-2", "mail"} <= warm.partners.keys()


def test_cross_file_checks_follow_the_settings(
    tmp_path: Path, later: None, parsed: list[str]
) -> None:
    ws = make(tmp_path, {"partners/wrong-path.yaml": TROUBLE["partners/wrong-path.yaml"]})
    assert "wrong-path" not in load_workspace(ws).partners
    welding = "  - {id: welding, name: Welding}\n"
    (ws / "partnerctl.yaml").write_text(SETTINGS.replace("owners:", welding + "owners:"))
    parsed.clear()
    fixed = load_workspace(ws)
    assert parsed == ["partnerctl.yaml"]  # the partner files came from the cache
    assert "wrong-path" in fixed.partners
    assert fixed.problems == []


def test_a_partner_cached_beside_broken_settings_is_checked_once_they_are_fixed(
    tmp_path: Path, later: None, parsed: list[str]
) -> None:
    # While partnerctl.yaml cannot be read, pathways are not checked (every one
    # would fail) and the partner is kept and cached; the check comes back, from
    # the cache, as soon as the settings can be read again.
    ws = make(tmp_path, {"partners/wrong-path.yaml": TROUBLE["partners/wrong-path.yaml"]})
    (ws / "partnerctl.yaml").write_text(SETTINGS.replace("owners: [jlee]", "owners: [jlee"))
    for _ in range(2):
        broken = load_workspace(ws)
        assert "wrong-path" in broken.partners
        assert [p.file for p in broken.problems] == ["partnerctl.yaml"]
    (ws / "partnerctl.yaml").write_text(SETTINGS)
    parsed.clear()
    fixed = load_workspace(ws)
    assert parsed == ["partnerctl.yaml"]  # the partner files came from the cache
    assert "wrong-path" not in fixed.partners
    assert [p.render()[:60] for p in fixed.problems] == [
        "partners/wrong-path.yaml:3:12: error: pathways[0]: 'welding'"
    ]


def test_changed_added_removed_and_renamed_files_are_seen(
    tmp_path: Path, later: None, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make(tmp_path)
    load_workspace(ws)
    partners = ws / "partners"
    (partners / "acme.yaml").write_text(ACME.replace("stage: active", "stage: paused"))
    (partners / "crane.yaml").write_text("name: Crane Co\nstage: prospect\n")
    (partners / "bolt.yaml").rename(partners / "bolt-body.yaml")
    (ws / "events" / "fairs.yaml").unlink()
    parsed.clear()
    after = load_workspace(ws)
    assert parsed == ["partners/acme.yaml", "partners/bolt-body.yaml", "partners/crane.yaml"]
    assert sorted(after.partners) == ["acme", "bolt-body", "crane"]
    assert after.partners["acme"]["stage"] == "paused"
    assert after.partners["bolt-body"]["file"] == "partners/bolt-body.yaml"
    assert after.events == []
    assert after == uncached(ws, monkeypatch)
    # The entries of the removed and renamed files are gone from the cache file.
    assert len(cache_mod.RecordCache.load(ws)) == 4


def test_a_file_that_breaks_is_reported_and_one_that_is_fixed_is_cached(
    tmp_path: Path, later: None, parsed: list[str]
) -> None:
    ws = make(tmp_path)
    load_workspace(ws)
    (ws / "partners" / "bolt.yaml").write_text("name: Bolt Body Shop\nstage: actve\n")
    for _ in range(2):
        broken = load_workspace(ws)
        assert "bolt" not in broken.partners
        assert [p.render()[:40] for p in broken.problems] == [
            "partners/bolt.yaml:2:8: error: stage: 'a"
        ]
    (ws / "partners" / "bolt.yaml").write_text(BOLT)
    parsed.clear()
    assert "bolt" in load_workspace(ws).partners
    assert "bolt" in load_workspace(ws).partners
    assert parsed == ["partners/bolt.yaml"]


def test_same_size_edit_in_the_same_second_is_seen(
    tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file system with 1-second timestamps: an edit in place within the same
    # second keeps size, mtime, ctime and inode. The run that read the first
    # version started within 2 s of the file's change, so it stored nothing.
    ws = make(tmp_path)
    real_stat = load_mod._stat

    def coarse(path: Any) -> Any:
        st = real_stat(path)
        if st is None:
            return None
        whole = st.st_mtime_ns // 10**9 * 10**9
        return SimpleNamespace(
            st_size=st.st_size, st_mtime_ns=whole, st_ctime_ns=whole, st_ino=st.st_ino
        )

    monkeypatch.setattr(load_mod, "_stat", coarse)
    acme = ws / "partners" / "acme.yaml"
    second = coarse(acme)
    assert second is not None
    monkeypatch.setattr(cache_mod, "now_ns", lambda: second.st_mtime_ns + TRUST_NS // 2)
    assert load_workspace(ws).partners["acme"]["name"] == "Acme Auto"
    before = acme.stat()
    with open(acme, "r+", encoding="utf-8") as handle:  # same size, same inode
        handle.write("name: Acme Axle")
    # Within the same second, even when the clock has just passed into the next one.
    os.utime(acme, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert coarse(acme) == second
    parsed.clear()
    assert load_workspace(ws).partners["acme"]["name"] == "Acme Axle"
    assert "partners/acme.yaml" in parsed


def test_file_written_just_before_the_run_is_read_again(tmp_path: Path, parsed: list[str]) -> None:
    # The real clock: every file was written a moment ago, so none is trusted yet.
    ws = make(tmp_path)
    load_workspace(ws)
    (ws / "partners" / "bolt.yaml").write_text(BOLT.replace("Bolt", "Volt"))
    parsed.clear()
    assert load_workspace(ws).partners["bolt"]["name"] == "Volt Body Shop"
    assert parsed == ALL


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data.split(b"\n", 1)[0] + b"\n" + b"\x80\x05garbage" * 20,
        lambda data: b"",
    ],
    ids=["truncated", "garbage-body", "empty"],
)
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(
    tmp_path: Path, later: None, parsed: list[str], damage: Any
) -> None:
    ws = make(tmp_path)
    first = load_workspace(ws)
    path = cache_file(ws)
    path.write_bytes(damage(path.read_bytes()))
    parsed.clear()
    assert load_workspace(ws) == first
    assert parsed == ALL
    parsed.clear()
    assert load_workspace(ws) == first
    assert parsed == []


def test_unreadable_partner_folder_is_a_located_error(
    tmp_path: Path, later: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make(tmp_path)
    for name in ("acme.yaml", "bolt.yaml"):
        (ws / "partners" / name).unlink()
    (ws / "partners").rmdir()
    (ws / "partners").write_text("a file where the folder should be\n")
    unknown = "events/fairs.yaml:6:16: error: events[0].partners[0]: 'acme' is not a partner"
    not_a_folder = load_workspace(ws)  # no partners, and no error of its own
    assert not_a_folder.partners == {}
    assert [p[: len(unknown)] for p in rendered(not_a_folder)] == [unknown]
    real = load_mod.data_entries

    def denied(root: Path, folder: str) -> Any:
        if folder == "partners":
            raise PermissionError(13, "Permission denied")
        return real(root, folder)

    monkeypatch.setattr(load_mod, "data_entries", denied)
    loaded = load_workspace(ws)
    problems = rendered(loaded)
    assert problems[0] == "partners/: error: cannot read the folder: Permission denied"
    assert [p[: len(unknown)] for p in problems[1:]] == [unknown]
    assert [e["id"] for e in loaded.events] == ["fall-fair"]


# --- a warm `due` in a fresh interpreter ------------------------------------------

PROBE = r"""
import contextlib, io, json, sys, time
from partnerctl.workspace import cache
cache.now_ns = lambda: time.time_ns() + 10 * cache.TRUST_NS  # the files are "old"
from partnerctl.cli.main import main
out = io.StringIO()
code = None
with contextlib.redirect_stdout(out):
    try:
        main(["-C", sys.argv[1], "--today", "2026-11-24", "due"])
    except SystemExit as done:
        code = done.code
print(json.dumps({"code": code, "stdout": out.getvalue(), "modules": sorted(sys.modules)}))
"""
SLOW_PATH = (
    "yaml",
    "partnerctl.model",
    "partnerctl.workspace.parse",
    "partnerctl.workspace.yamlio",
    "partnerctl.workspace.hazards",
)


def run_due(ws: Path, cache_env: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTNERCTL_")}
    env.update(
        {"PARTNERCTL_CACHE_DIR": str(cache_env), "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100"}
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(ws)], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def test_warm_due_imports_neither_yaml_nor_the_models(tmp_path: Path, cache_env: Path) -> None:
    ws = make(tmp_path)
    cold = run_due(ws, cache_env)
    warm = run_due(ws, cache_env)
    assert cold["code"] == warm["code"] == 0
    assert warm["stdout"] == cold["stdout"]
    assert "partnerctl log acme" in warm["stdout"]
    # The cold run had to parse; the warm one found every file in the cache.
    assert all(name in cold["modules"] for name in SLOW_PATH)
    assert [name for name in SLOW_PATH if name in warm["modules"]] == []
