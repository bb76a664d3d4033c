"""`partnerctl snooze ID DATE`: moves `next`, keeping its action; --action makes one."""
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


def test_snooze_moves_the_date_and_keeps_the_action(ws: Path) -> None:
    before = (ws / "partners/commented.yaml").read_text()
    result = cli(ws, "snooze", "commented", "+1w")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        'snoozed commented: follow-up "Call Dana about spring shadow dates" '
        "moved 2026-11-20 → 2026-12-01\n"
    )
    after = (ws / "partners/commented.yaml").read_text()
    assert line_diff(before, after) == (["  date: 2026-11-20\n"], ["  date: 2026-12-01\n"])


def test_snooze_to_the_same_day_says_so_and_changes_nothing(ws: Path) -> None:
    assert cli(ws, "snooze", "commented", "2026-12-01").exit_code == 0
    before = (ws / "partners/commented.yaml").read_text()
    result = cli(ws, "snooze", "commented", "tuesday")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        'snoozed commented: follow-up "Call Dana about spring shadow dates" already on 2026-12-01\n'
    )
    assert (ws / "partners/commented.yaml").read_text() == before


def test_snooze_a_flow_next_with_a_new_action(ws: Path) -> None:
    before = (ws / "partners/flowy.yaml").read_text()
    result = cli(ws, "snooze", "flowy", "friday", "--action", "Bring: photos")
    assert result.stdout == (
        'snoozed flowy: follow-up "Bring: photos" moved 2026-12-01 → 2026-11-27 '
        '(action was "Drop off flyers")\n'
    )
    assert line_diff(before, (ws / "partners/flowy.yaml").read_text()) == (
        ["next: {date: 2026-12-01, action: Drop off flyers}\n"],
        ['next: {date: 2026-11-27, action: "Bring: photos"}\n'],
    )


def test_no_next_needs_an_action(ws: Path) -> None:
    before = (ws / "partners/bare.yaml").read_bytes()
    result = cli(ws, "snooze", "bare", "2026-12-01")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: bare has no follow-up to move "
        '(make one: partnerctl snooze bare 2026-12-01 --action "…")\n'
    )
    assert (ws / "partners/bare.yaml").read_bytes() == before
    result = cli(ws, "snooze", "bare", "2026-12-01", "--action", "Email the flyer")
    assert result.stdout == 'snoozed bare: follow-up "Email the flyer" set for 2026-12-01\n'
    assert (
        (ws / "partners/bare.yaml")
        .read_text()
        .endswith("industry: media\nnext:\n  date: 2026-12-01\n  action: Email the flyer")
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["snooze", "comented", "+1w"], "error: no partner 'comented' (no partners/comented.yaml) (did you mean 'commented'?)\n"),
        (["snooze", "commented", "someday"], "error: DATE: 'someday' is not a date"),
        (["snooze", "commented", "yesterday"], "error: DATE: 2026-11-23 is before today (give a later date)\n"),
    ],
)  # fmt: skip
def test_bad_input(ws: Path, args: list[str], message: str) -> None:
    before = (ws / "partners/commented.yaml").read_bytes()
    result = cli(ws, *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(message)
    assert (ws / "partners/commented.yaml").read_bytes() == before
