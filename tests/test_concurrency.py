"""Concurrent writers: 20 `partnerctl log` processes on one partner lose nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import copy_data

WRITERS = 20


def cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTNERCTL_")}
    env.update({"PARTNERCTL_NO_CACHE": "1", "NO_COLOR": "1"})
    return env


def comment_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#") or " # " in line]


def test_twenty_concurrent_logs_keep_every_touchpoint_and_comment(tmp_path: Path) -> None:
    ws = copy_data("edit-styles", tmp_path)
    path = ws / "partners/commented.yaml"
    before = path.read_text()
    command = [sys.executable, "-m", "partnerctl", "-C", str(ws), "--today", "2026-11-24", "log"]
    procs = [
        subprocess.Popen(
            [*command, "commented", f"touch {i}", "--next", "2026-12-01"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=cli_env(),
            text=True,
        )
        for i in range(WRITERS)
    ]
    outcomes = [
        (proc.wait(timeout=300), proc.stderr.read() if proc.stderr else "") for proc in procs
    ]
    for proc in procs:
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    assert outcomes == [(0, "")] * WRITERS
    after = path.read_text()
    summaries = [line.split("summary: ")[1] for line in after.splitlines() if "summary: " in line]
    assert sorted(summaries[1:]) == sorted(f"touch {i}" for i in range(WRITERS))
    assert comment_lines(after) == comment_lines(before)
    assert after.count("next:") == 1
    assert list(path.parent.glob(".*.tmp")) == []
