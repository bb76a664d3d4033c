"""apply_changes / create_partner: locked, validated, atomic, and never outside the workspace."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import copy_data, run_cli

from partnerctl.core.change import Change, set_key
from partnerctl.errors import DataError, UsageError, WriteError
from partnerctl.model import PartnerRec
from partnerctl.workspace import atomic, lock
from partnerctl.workspace.edit import apply_changes, create_partner


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("edit-styles", tmp_path)


def snapshot(ws: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((ws / "partners").iterdir())}


def set_stage(stage: str):  # type: ignore[no-untyped-def]
    def rule(record: PartnerRec) -> Change:
        return Change(record["id"], (set_key("stage", stage),))

    return rule


def test_edits_several_files_and_returns_them(ws: Path) -> None:
    changed = apply_changes(ws, {"bare": set_stage("contacted"), "flowy": set_stage("active")})
    assert [c.file for c in changed] == ["partners/bare.yaml", "partners/flowy.yaml"]
    assert (ws / "partners/bare.yaml").read_text() == (
        "name: Lone Pine Media\nstage: contacted\nindustry: media"
    )
    assert "stage:   active\n" in (ws / "partners/flowy.yaml").read_text()


def test_the_edit_receives_the_validated_record(ws: Path) -> None:
    seen: list[PartnerRec] = []
    apply_changes(ws, {"commented": lambda rec: seen.append(rec) or Change(rec["id"])})
    assert seen[0]["best_time"] == "10:30"  # text stays text
    assert seen[0]["next"] is not None


def test_an_edit_that_makes_a_file_invalid_writes_nothing(ws: Path) -> None:
    before = snapshot(ws)
    with pytest.raises(DataError) as caught:
        apply_changes(ws, {"bare": set_stage("contacted"), "flowy": set_stage("bogus")})
    lines = [p.render() for p in caught.value.problems()]
    assert lines[0].startswith("partners/flowy.yaml:2:10: error: stage: 'bogus' is not a stage")
    assert lines[-1].startswith("error: nothing was written: the change would make partners/flowy")
    assert snapshot(ws) == before


def test_an_exception_in_an_edit_writes_nothing(ws: Path) -> None:
    before = snapshot(ws)

    def refuse(record: PartnerRec) -> Change:
        raise UsageError("no")

    with pytest.raises(UsageError):
        apply_changes(ws, {"bare": set_stage("contacted"), "flowy": refuse})
    assert snapshot(ws) == before


def test_partner_ids_that_are_paths_are_refused(ws: Path) -> None:
    for bad in ("../partnerctl", "a/b", "/etc/passwd", "..", "UPPER", ""):
        with pytest.raises(UsageError, match="is not a valid partner id"):
            apply_changes(ws, {bad: set_stage("contacted")})
        with pytest.raises(UsageError, match="is not a valid partner id"):
            create_partner(ws, bad, {"name": "X", "stage": "prospect"})


def test_a_symlink_out_of_the_workspace_is_never_written(ws: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("name: Outside\nstage: prospect\n")
    (ws / "partners/escape.yaml").symlink_to(outside)
    with pytest.raises(WriteError, match="leads outside the workspace"):
        apply_changes(ws, {"escape": set_stage("contacted")})
    assert outside.read_text() == "name: Outside\nstage: prospect\n"
    assert (ws / "partners/escape.yaml").is_symlink()


def test_a_symlink_inside_the_workspace_writes_its_target(ws: Path) -> None:
    (ws / "store").mkdir()
    (ws / "partners/bare.yaml").rename(ws / "store/bare.yaml")
    (ws / "partners/bare.yaml").symlink_to(ws / "store/bare.yaml")
    apply_changes(ws, {"bare": set_stage("contacted")})
    assert (ws / "partners/bare.yaml").is_symlink()
    assert "stage: contacted" in (ws / "store/bare.yaml").read_text()


def temporary(fd: int) -> bool:
    """Whether `fd` is open on a temporary file of a write (not the journal or a folder)."""
    return os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp")


def test_a_full_disk_leaves_every_file_intact(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(ws)
    calls = {"n": 0}
    real_fsync = os.fsync

    def full(fd: int) -> None:
        if temporary(fd):
            calls["n"] += 1
            if calls["n"] == 2:  # the second file's data: the first is staged already
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(WriteError) as caught:
        apply_changes(ws, {"bare": set_stage("contacted"), "flowy": set_stage("active")})
    assert caught.value.message == (
        "partners/flowy.yaml: could not write: No space left on device; the file was not changed"
    )
    assert snapshot(ws) == before  # no temporary file left either


def test_a_full_disk_through_the_cli_says_why_and_exits_2(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(ws)

    real_fsync = os.fsync

    def full(fd: int) -> None:
        if temporary(fd):  # the data does not fit; the small journal did
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", full)
    result = run_cli(["-C", str(ws), "--today", "2026-11-24", "log", "bare", "Emailed"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: partners/bare.yaml: could not write: No space left on device; the file was "
        "not changed (check free disk space and the folder's permissions)\n"
    )
    assert snapshot(ws) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_folder_is_a_clear_error(ws: Path) -> None:
    before = snapshot(ws)
    (ws / "partners").chmod(0o555)
    try:
        with pytest.raises(WriteError, match="could not write: Permission denied"):
            apply_changes(ws, {"bare": set_stage("contacted")})
    finally:
        (ws / "partners").chmod(0o755)
    assert snapshot(ws) == before


def test_a_held_lock_times_out_with_a_clear_error(ws: Path) -> None:
    before = snapshot(ws)
    with lock.workspace_lock(ws), pytest.raises(WriteError) as caught:
        apply_changes(ws, {"bare": set_stage("contacted")}, lock_timeout=0.1)
    assert caught.value.message == "another partnerctl is writing to this workspace; try again"
    assert snapshot(ws) == before
    assert (ws / lock.LOCK_FILE).exists()


def test_stale_temporary_files_of_a_killed_writer_are_removed(ws: Path) -> None:
    stale = ws / "partners/.bare.yaml.abc123.tmp"
    stale.write_text("half a fi")
    apply_changes(ws, {"bare": set_stage("contacted")})
    assert not stale.exists()


def test_permissions_are_kept(ws: Path) -> None:
    (ws / "partners/bare.yaml").chmod(0o640)
    apply_changes(ws, {"bare": set_stage("contacted")})
    assert (ws / "partners/bare.yaml").stat().st_mode & 0o777 == 0o640


def test_create_partner_writes_a_tidy_valid_file(ws: Path) -> None:
    from datetime import date

    data = {
        "stage": "prospect",
        "name": "Acme: Tools & Dies",
        "pathways": ["automotive"],
        "since": date(2026, 11, 1),
        "best_time": "10:30",
        "contacts": [{"name": "Ann", "phone": "0142", "role": None}],
        "research": {"business": "Family-owned"},
        "tags": [],
    }
    path = create_partner(ws, "acme", data)
    assert path == ws / "partners/acme.yaml"
    assert path.read_text() == (
        "# yaml-language-server: $schema=../.partnerctl/schema/partner.schema.json\n"
        'name: "Acme: Tools & Dies"\n'
        "pathways: [automotive]\n"
        "stage: prospect\n"
        "since: 2026-11-01\n"
        'best_time: "10:30"\n'
        "contacts:\n"
        "  - name: Ann\n"
        '    phone: "0142"\n'
        "research:\n"
        "  business: Family-owned\n"
    )
    with pytest.raises(UsageError, match=r"partner 'acme' already exists \(partners/acme.yaml\)"):
        create_partner(ws, "acme", data)


def test_create_partner_refuses_invalid_data(ws: Path) -> None:
    with pytest.raises(DataError) as caught:
        create_partner(ws, "acme", {"name": "Acme", "stage": "prospect", "pathways": ["cooking"]})
    assert "cooking" in caught.value.problems()[0].render()
    assert not (ws / "partners/acme.yaml").exists()


def test_a_read_only_file_system_is_a_clear_error(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(ws)

    real_open = os.open

    def read_only(path: Any, flags: int, *args: Any) -> int:
        if flags & os.O_CREAT and not str(path).endswith(lock.LOCK_FILE):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_open(path, flags, *args)

    monkeypatch.setattr(atomic.os, "open", read_only)
    with pytest.raises(WriteError) as caught:
        apply_changes(ws, {"bare": set_stage("contacted")})
    assert caught.value.message == (
        "partners/bare.yaml: could not write: Read-only file system; the file was not changed"
    )
    assert snapshot(ws) == before
