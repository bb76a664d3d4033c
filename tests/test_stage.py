"""`partnerctl stage ID STAGE`: sets the stage and records a touchpoint carrying the move."""
# ruff: noqa: E501  (the tables of expected messages read best one case a line)

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import copy_data, run_cli
from tests.test_edit_document import line_diff


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("edit-styles", tmp_path)


def cli(ws: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(["-C", str(ws), "--today", "2026-11-24", *args])


def test_stage_sets_it_and_appends_the_move(ws: Path) -> None:
    before = (ws / "partners/commented.yaml").read_text()
    result = cli(
        ws, "stage", "commented", "Committed", "--summary", "Signed the MOU", "--date", "mon"
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == 'commented: stage contacted → committed (2026-11-23 "Signed the MOU")\n'
    removed, added = line_diff(before, (ws / "partners/commented.yaml").read_text())
    assert removed == ["stage: contacted                     # see Stages\n"]
    assert added == [
        "stage: committed                     # see Stages\n",
        "  - date: 2026-11-23\n",
        "    summary: Signed the MOU\n",
        "    stage: committed\n",
    ]


def test_default_summary_and_same_stage(ws: Path) -> None:
    result = cli(ws, "stage", "flowy", "committed")
    assert (
        result.stdout
        == 'flowy: stage meeting → committed (2026-11-24 "Stage meeting → committed")\n'
    )
    before = (ws / "partners/flowy.yaml").read_bytes()
    result = cli(ws, "stage", "flowy", "committed")
    assert (result.exit_code, result.stdout) == (
        0,
        "flowy is already at stage committed; nothing changed\n",
    )
    assert (ws / "partners/flowy.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["commented", "comitted"], "error: STAGE: 'comitted' is not a stage (did you mean 'committed'?)\n"),
        (["commented", "active", "--date", "2027-01-01"], "error: --date: 2027-01-01 is after today"),
        (["commentd", "active"], "error: no partner 'commentd'"),
    ],
)  # fmt: skip
def test_bad_input(ws: Path, args: list[str], message: str) -> None:
    before = (ws / "partners/commented.yaml").read_bytes()
    result = cli(ws, "stage", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(message)
    assert (ws / "partners/commented.yaml").read_bytes() == before
