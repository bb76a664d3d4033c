"""`partnerctl reassign --from A --to B`: moves partners between owners, all or nothing."""
# ruff: noqa: E501  (the tables of expected messages read best one case a line)

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import copy_data, run_cli
from tests.test_edit_document import line_diff


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("edit-styles", tmp_path)


def snapshot(ws: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((ws / "partners").iterdir())}


def cli(ws: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(["-C", str(ws), "--today", "2026-11-24", *args])


def test_dry_run_lists_and_writes_nothing(ws: Path) -> None:
    before = snapshot(ws)
    result = cli(ws, "reassign", "--from", "jlee", "--to", "mortiz", "--dry-run")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "moved commented from jlee to mortiz\n"
        "moved indentless from jlee to mortiz\n"
        "would move 2 partners from jlee to mortiz\n"
        "dry run: nothing written (2 files would change)\n"
    )
    assert snapshot(ws) == before


def test_reassign_changes_only_the_owner_lines(ws: Path) -> None:
    before = snapshot(ws)
    result = cli(ws, "reassign", "--from", "jlee", "--to", "mortiz")
    assert result.stdout == (
        "moved commented from jlee to mortiz\n"
        "moved indentless from jlee to mortiz\n"
        "moved 2 partners from jlee to mortiz\n"
    )
    after = snapshot(ws)
    assert line_diff(before["commented.yaml"].decode(), after["commented.yaml"].decode()) == (
        ["owner: jlee\n"],
        ["owner: mortiz\n"],
    )
    assert after["flowy.yaml"] == before["flowy.yaml"]


def test_stage_narrows(ws: Path) -> None:
    result = cli(ws, "reassign", "--from", "jlee", "--to", "mortiz", "--stage", "active")
    assert result.stdout.splitlines() == [
        "moved indentless from jlee to mortiz",
        "moved 1 partner from jlee to mortiz at stage active",
    ]
    result = cli(ws, "reassign", "--from", "nobody", "--to", "mortiz")
    assert result.stdout == "no partners owned by nobody; nothing to move\n"


def test_a_broken_file_stops_the_move(ws: Path) -> None:
    (ws / "partners/broken.yaml").write_text("name: B\nstage: prospect\nowner: jlee\nfoo: 1\n")
    before = snapshot(ws)
    result = cli(ws, "reassign", "--from", "jlee", "--to", "mortiz")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("partners/broken.yaml:4:1: error: ")
    assert result.stderr.endswith(
        "error: nothing was written: some partner files have errors (above); "
        "fix them so no partner is missed\n"
    )
    assert snapshot(ws) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "jlee", "--to", "mortz"], "error: --to: 'mortz' is not one of partnerctl.yaml's owners (did you mean 'mortiz'?)\n"),
        (["--from", "jlee", "--to", "jlee"], "error: --from and --to name the same owner\n"),
        (["--from", "jlee", "--to", "mortiz", "--stage", "activ"], "error: --stage: 'activ' is not a stage (did you mean 'active'?)\n"),
    ],
)  # fmt: skip
def test_bad_input(ws: Path, args: list[str], message: str) -> None:
    before = snapshot(ws)
    result = cli(ws, "reassign", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert snapshot(ws) == before
