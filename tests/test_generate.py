"""benchmarks/generate.py: a valid, deterministic workspace of N partners."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import file_tree

from partnerctl.model import STAGES
from partnerctl.workspace import Workspace, load_workspace

GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"
COUNT = 30


def generate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(GENERATOR), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gen") / "ws"
    done = generate(str(COUNT), str(root), "--seed", "7")
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture(scope="module")
def loaded(made: Path) -> Workspace:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PARTNERCTL_NO_CACHE", "1")
        return load_workspace(made)


def test_workspace_loads_without_errors_or_warnings(loaded: Workspace) -> None:
    assert [p.message for p in loaded.problems] == []
    assert len(loaded.events) >= 24


def test_partner_count_is_n(made: Path, loaded: Workspace) -> None:
    files = [p for p in (made / "partners").iterdir() if p.suffix in (".yaml", ".yml")]
    assert len(files) == COUNT
    assert len(loaded.partners) == COUNT


def test_every_stage_appears(loaded: Workspace) -> None:
    assert {p["stage"] for p in loaded.partners.values()} == set(STAGES)


def test_touchpoints_are_dated_history(loaded: Workspace) -> None:
    counts = [len(p["touchpoints"]) for p in loaded.partners.values()]
    assert all(0 <= n <= 30 for n in counts)
    assert max(counts) > 5
    for partner in loaded.partners.values():
        days = [t["date"] for t in partner["touchpoints"]]
        assert days == sorted(days)
    moves = [t["stage"] for p in loaded.partners.values() for t in p["touchpoints"]]
    assert any(move is not None for move in moves)


def test_events_name_existing_partners(loaded: Workspace) -> None:
    named = {pid for event in loaded.events for pid in event["partners"]}
    assert named
    assert named <= set(loaded.partners)


def test_same_seed_same_bytes_other_seed_differs(made: Path, tmp_path: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    assert generate(str(COUNT), str(again), "--seed", "7").returncode == 0
    assert generate(str(COUNT), str(other), "--seed", "8").returncode == 0
    assert file_tree(again) == file_tree(made)
    assert file_tree(other) != file_tree(made)


def test_non_empty_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me\n")
    done = generate("5", str(tmp_path))
    assert done.returncode == 2
    assert "not empty" in done.stderr
    assert "Traceback" not in done.stderr
    assert file_tree(tmp_path) == {"notes.txt": b"keep me\n"}
