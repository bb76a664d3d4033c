"""Finding the workspace: --dir, PARTNERCTL_DIR, walking up from the current folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnerctl.errors import WorkspaceNotFound
from partnerctl.workspace.discover import find_root


def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "school"
    (root / "partners" / "deep").mkdir(parents=True)
    (root / "partnerctl.yaml").write_text("program: Test\n")
    return root


def test_walks_up_from_a_subfolder(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    assert find_root(None, root / "partners" / "deep") == root


def test_explicit_folder_wins(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    assert find_root(Path("school"), tmp_path) == tmp_path / "school"
    assert find_root(root, Path("/")) == root


def test_explicit_folder_must_hold_the_settings(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    with pytest.raises(WorkspaceNotFound) as caught:
        find_root(root / "partners", tmp_path)
    assert caught.value.message == (
        f"--dir {root / 'partners'}: not a partnerctl workspace (no partnerctl.yaml there)"
    )
    assert caught.value.hint == (
        f"pass the folder that holds partnerctl.yaml; `partnerctl init {root / 'partners'}` "
        "makes one there"
    )


def test_missing_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARTNERCTL_DIR", raising=False)
    with pytest.raises(WorkspaceNotFound) as caught:
        find_root(tmp_path / "nope", tmp_path)
    # --dir was given: the message says so, and does not ask for it again.
    assert caught.value.message == f"--dir {tmp_path / 'nope'}: no such folder"
    assert caught.value.hint == f"check the path; `partnerctl init {tmp_path / 'nope'}` makes one"


def test_missing_folder_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nope = tmp_path / "no pe"
    monkeypatch.setenv("PARTNERCTL_DIR", str(nope))
    with pytest.raises(WorkspaceNotFound) as caught:
        find_root(nope, tmp_path)
    assert caught.value.message == f"PARTNERCTL_DIR={nope}: no such folder"
    assert caught.value.hint == (
        f"fix or unset PARTNERCTL_DIR, or pass --dir; `partnerctl init '{nope}'` makes one"
    )
    # The caller may say where the path came from.
    with pytest.raises(WorkspaceNotFound) as caught:
        find_root(nope, tmp_path, source="--dir")
    assert caught.value.message == f"--dir {nope}: no such folder"


def test_cli_names_where_a_missing_folder_came_from(tmp_path: Path) -> None:
    from conftest import run_cli

    nope = tmp_path / "nope"
    by_option = run_cli(["validate", "-C", str(nope)], env={"PARTNERCTL_TODAY": "2026-11-24"})
    assert by_option.exit_code == 2
    assert by_option.stderr == (
        f"error: --dir {nope}: no such folder "
        f"(check the path; `partnerctl init {nope}` makes one)\n"
    )
    by_env = run_cli(
        ["validate"], env={"PARTNERCTL_TODAY": "2026-11-24", "PARTNERCTL_DIR": str(nope)}
    )
    assert by_env.exit_code == 2
    assert by_env.stderr == (
        f"error: PARTNERCTL_DIR={nope}: no such folder (fix or unset PARTNERCTL_DIR, or pass "
        f"--dir; `partnerctl init {nope}` makes one)\n"
    )


def test_nothing_found_walking_up(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceNotFound) as caught:
        find_root(None, tmp_path)
    assert caught.value.message.startswith(f"no partnerctl.yaml in {tmp_path} or any folder")


def test_cli_uses_partnerctl_dir_and_dash_c(tmp_path: Path) -> None:
    from conftest import run_cli

    root = workspace(tmp_path)
    env = {"PARTNERCTL_TODAY": "2026-11-24", "PARTNERCTL_DIR": str(root)}
    by_env = run_cli(["validate", "-v"], env=env)
    assert (by_env.exit_code, by_env.stdout) == (0, "0 partners, 0 events in 0 files: no errors\n")
    # --dir wins over PARTNERCTL_DIR.
    env["PARTNERCTL_DIR"] = str(tmp_path)
    by_option = run_cli(["validate", "-v", "-C", str(root)], env=env)
    assert (by_option.exit_code, by_option.stdout) == (
        0,
        "0 partners, 0 events in 0 files: no errors\n",
    )
    wrong = run_cli(["validate"], env=env)
    assert wrong.exit_code == 2
    assert "not a partnerctl workspace" in wrong.stderr


def test_cli_walks_up_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import run_cli

    root = workspace(tmp_path)
    monkeypatch.chdir(root / "partners" / "deep")
    result = run_cli(["validate", "-v"], env={"PARTNERCTL_TODAY": "2026-11-24"})
    assert (result.exit_code, result.stdout) == (0, "0 partners, 0 events in 0 files: no errors\n")
