"""Concurrent writers: 20 `partnerctl log` processes on one partner lose nothing."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import copy_data
from tests.processes import comment_lines, run_together

WRITERS = 20


def test_twenty_concurrent_logs_keep_every_touchpoint_and_comment(tmp_path: Path) -> None:
    ws = copy_data("edit-styles", tmp_path)
    path = ws / "partners/commented.yaml"
    before = path.read_text()
    outcomes = run_together(
        ws,
        [["log", "commented", f"touch {i}", "--next", "2026-12-01"] for i in range(WRITERS)],
        today="2026-11-24",
    )
    assert [(o.code, o.stderr) for o in outcomes] == [(0, "")] * WRITERS
    after = path.read_text()
    summaries = [line.split("summary: ")[1] for line in after.splitlines() if "summary: " in line]
    assert sorted(summaries[1:]) == sorted(f"touch {i}" for i in range(WRITERS))
    assert comment_lines(after) == comment_lines(before)
    assert after.count("next:") == 1
    assert list(path.parent.glob(".*.tmp")) == []
