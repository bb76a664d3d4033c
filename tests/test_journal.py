"""The write journal: an interrupted write is undone or finished by the next command.

Crashes are made here in-process, by leaving the files as a killed process
would (a journal, temporary files, some renames done); tests/crashing.py and
benchmarks/crash_writers.py kill real processes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import copy_data, run_cli

from partnerctl.core.change import Change, set_key
from partnerctl.errors import WriteError
from partnerctl.workspace import atomic, journal, lock
from partnerctl.workspace.edit import apply_changes

T = "2026-11-24"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("due-basic", tmp_path)


def files(ws: Path) -> dict[str, bytes]:
    return {
        p.relative_to(ws).as_posix(): p.read_bytes()
        for p in sorted(ws.rglob("*"))
        if p.is_file() and p.name != lock.LOCK_FILE
    }


def interrupted(ws: Path, new_texts: dict[str, bytes], *, committed: bool, renamed: int) -> None:
    """Leave `ws` as a process killed in the middle of writing `new_texts` would."""
    real = ws.resolve()
    steps, temps = [], []
    for name, data in new_texts.items():
        target = real / name
        temp = atomic.temp_name(target)
        old = journal.digest(target.read_bytes()) if target.exists() else None
        steps.append(
            journal.Step(
                name, temp.relative_to(real).as_posix(), old is None, old, journal.digest(data)
            )
        )
        temps.append((target, temp, data))
    first = journal.begin(ws, steps)
    for _target, temp, data in temps:
        temp.write_bytes(data)
    if committed:
        journal.commit(ws, first)
        for target, temp, _ in temps[:renamed]:
            os.replace(temp, target)


def edited(ws: Path, *names: str) -> dict[str, bytes]:
    return {
        f"partners/{name}.yaml": (ws / "partners" / f"{name}.yaml").read_bytes() + b"notes: new\n"
        for name in names
    }


def test_a_write_killed_before_its_commit_is_undone_by_a_reading_command(ws: Path) -> None:
    before = files(ws)
    interrupted(ws, edited(ws, "pine-clinic", "tech-hub", "old-mill"), committed=False, renamed=0)
    assert any(name.endswith(".tmp") for name in files(ws))
    result = run_cli(["-C", str(ws), "--today", T, "list", "--format", "json"])
    assert result.exit_code == 0
    json.loads(result.stdout)  # the document is untouched by the note
    assert result.stderr == (
        ".partnerctl.journal: warning: undid a write that was interrupted "
        "(partners/pine-clinic.yaml, partners/tech-hub.yaml, partners/old-mill.yaml)\n"
    )
    assert files(ws) == before  # no temporary file, no journal


def test_a_write_killed_between_two_renames_is_finished(ws: Path) -> None:
    new = edited(ws, "pine-clinic", "tech-hub", "old-mill", "bolt-electric")
    expected = {**files(ws), **new}
    interrupted(ws, new, committed=True, renamed=2)
    result = run_cli(["-C", str(ws), "--today", T, "due"])
    assert result.exit_code == 0
    assert result.stderr == (
        ".partnerctl.journal: warning: finished a write that was interrupted (partners/"
        "pine-clinic.yaml, partners/tech-hub.yaml, partners/old-mill.yaml and 1 more)\n"
    )
    assert files(ws) == expected


def test_a_file_changed_by_hand_after_the_crash_is_kept(ws: Path) -> None:
    new = edited(ws, "pine-clinic", "tech-hub")
    interrupted(ws, new, committed=True, renamed=0)
    by_hand = b"name: Pine Clinic\nstage: active\n"
    (ws / "partners/tech-hub.yaml").write_bytes(by_hand)
    result = run_cli(["-C", str(ws), "--today", T, "list"])
    assert "partners/tech-hub.yaml: warning: changed by hand after a write to it was " in (
        result.stderr
    )
    assert (ws / "partners/tech-hub.yaml").read_bytes() == by_hand
    assert (ws / "partners/pine-clinic.yaml").read_bytes() == new["partners/pine-clinic.yaml"]
    assert not [name for name in files(ws) if name.endswith((".tmp", ".journal"))]


def test_new_files_are_rolled_back_and_forward(ws: Path) -> None:
    made = {"partners/new-co.yaml": b"name: New Co\nstage: prospect\n"}
    interrupted(ws, made, committed=False, renamed=0)
    os.link(next((ws / "partners").glob(".new-co.yaml.*.tmp")), ws / "partners/new-co.yaml")
    assert journal.recover(ws)[0].message.startswith("undid")
    assert not (ws / "partners/new-co.yaml").exists()
    interrupted(ws, made, committed=True, renamed=0)
    assert journal.recover(ws)[0].message.startswith("finished")
    assert (ws / "partners/new-co.yaml").read_bytes() == made["partners/new-co.yaml"]


def test_a_journal_cut_short_is_removed_and_nothing_else(ws: Path) -> None:
    before = files(ws)
    (ws / journal.JOURNAL_FILE).write_text('{"partnerctl-journal": 1, "files": [{"tar')
    assert journal.recover(ws) == []
    assert files(ws) == before


def test_recovery_can_itself_be_interrupted(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new = edited(ws, "pine-clinic", "tech-hub", "old-mill")
    expected = {**files(ws), **new}
    interrupted(ws, new, committed=True, renamed=0)
    calls = {"n": 0}
    real_replace = os.replace

    def dies(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # killed in the middle of the roll-forward
        real_replace(src, dst)

    monkeypatch.setattr(journal.os, "replace", dies)
    with pytest.raises(KeyboardInterrupt):
        journal.recover(ws)
    monkeypatch.setattr(journal.os, "replace", real_replace)
    journal.recover(ws)
    assert files(ws) == expected


def test_a_writer_finishes_a_journal_before_it_reads(ws: Path) -> None:
    new = edited(ws, "pine-clinic", "tech-hub")
    interrupted(ws, new, committed=True, renamed=1)
    warnings: list[Any] = []

    def add_tag(record: Any) -> Change:
        return Change("tech-hub", (set_key("tags", ["chamber"]),))

    apply_changes(ws, {"tech-hub": add_tag}, warnings=warnings)
    text = (ws / "partners/tech-hub.yaml").read_bytes()
    assert text.endswith(b"notes: new\n") and b"tags: [chamber]" in text  # both changes
    assert warnings[0].message.startswith("finished a write that was interrupted")


def test_a_journal_that_cannot_be_finished_is_said_and_the_command_goes_on(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    interrupted(ws, edited(ws, "tech-hub"), committed=True, renamed=0)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise WriteError(
            f"{lock.LOCK_FILE}: cannot create the workspace lock: Read-only file system"
        )

    monkeypatch.setattr(lock, "workspace_lock", refuse)
    result = run_cli(["-C", str(ws), "--today", T, "list"])
    assert result.exit_code == 0
    assert result.stderr.startswith(
        ".partnerctl.journal: warning: a write was interrupted and could not be finished yet: "
    )


def test_a_failed_write_leaves_no_journal(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = files(ws)
    real_link = os.link

    def taken(src: Any, dst: Any) -> None:
        raise FileExistsError(17, "File exists")

    monkeypatch.setattr(atomic.os, "link", taken)
    with pytest.raises(WriteError):
        atomic.write_all(
            [
                (
                    ws.resolve() / "partners/zz-new.yaml",
                    b"name: Z\nstage: prospect\n",
                    "partners/zz-new.yaml",
                )
            ],
            root=ws,
        )
    monkeypatch.setattr(atomic.os, "link", real_link)
    assert files(ws) == before


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_ignores_the_lock_the_journal_and_temporary_files(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert run_cli(["--today", T, "init", str(ws)]).exit_code == 0
    subprocess.run(["git", "init", "-q", str(ws)], check=True)
    leftovers = [".partnerctl.lock", ".partnerctl.journal", "partners/.example-auto.yaml.1f2e.tmp"]
    for name in leftovers:
        (ws / name).write_text("x")
    shown = subprocess.run(
        ["git", "-C", str(ws), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".gitignore" in shown and "partners/example-auto.yaml" in shown
    for name in leftovers:
        assert name not in shown


def test_a_journaled_write_through_a_linked_path_to_the_workspace(tmp_path: Path) -> None:
    real = tmp_path / "real"
    assert run_cli(["--today", T, "init", str(real / "ws")]).exit_code == 0
    (tmp_path / "link").symlink_to(real)
    result = run_cli(["-C", str(tmp_path / "link" / "ws" / ".." / "ws"), "schema", "--write"])
    assert result.exit_code == 0, result.stderr
    assert (real / "ws/.partnerctl/schema/partner.schema.json").exists()
    assert not (real / "ws" / journal.JOURNAL_FILE).exists()
