"""Crash safety: a writer killed at any moment leaves the old file or the new, never a torn one.

The suite kills a bounded number of writers; benchmarks/crash_writers.py runs
the same harness 200 times.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import copy_data
from tests.processes import cli_env

ROUNDS = 10

# A child that logs to one partner in a loop, in-process (no start-up between
# writes), so that a kill lands inside a write as often as possible.
WRITER = """
import sys
from partnerctl.cli.main import main
ws, start = sys.argv[1], int(sys.argv[2])
count = start
while True:
    try:
        main(["-C", ws, "--today", "2026-11-24", "log", "commented", f"crash {count}"])
    except SystemExit as done:
        if done.code:
            sys.exit(done.code)
    count += 1
    if count == start + 1:
        print("ready", file=sys.stderr, flush=True)
"""


def check_intact(ws: Path, original_comments: list[str]) -> int:
    """Assert the partner file is whole and valid; return how many crash touches it holds."""
    from partnerctl.workspace.load import load_settings, parse_partner_text

    raw = (ws / "partners/commented.yaml").read_bytes()
    text = raw.decode("utf-8")
    settings, _ = load_settings(ws)
    record, problems = parse_partner_text(text, "partners/commented.yaml", "commented", settings)
    assert problems == [], text
    assert record is not None
    crashes = [
        t["summary"] for t in record["touchpoints"] if (t["summary"] or "").startswith("crash")
    ]
    assert crashes == [f"crash {i}" for i in range(len(crashes))]  # in order, none lost
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert comments == original_comments
    return len(crashes)


def kill_writers(ws: Path, rounds: int, seed: int = 0) -> int:
    """Kill `rounds` looping writers at random moments, checking the file after each.

    Returns the number of touchpoints the file holds at the end.
    """
    rng = random.Random(seed)
    path = ws / "partners/commented.yaml"
    comments = [line for line in path.read_text().splitlines() if line.lstrip().startswith("#")]
    written = 0
    for _ in range(rounds):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(ws), str(written)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=cli_env(),
            text=True,
        )
        assert child.stderr is not None
        line = child.stderr.readline()
        while line.startswith(".partnerctl.journal: warning: "):  # the last kill's write, undone
            line = child.stderr.readline()
        assert line == "ready\n"
        time.sleep(rng.uniform(0, 0.15))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stderr.close()
        written = check_intact(ws, comments)
    return written


def test_killed_writers_never_leave_a_torn_file(tmp_path: Path) -> None:
    ws = copy_data("edit-styles", tmp_path)
    written = kill_writers(ws, ROUNDS)
    assert written >= ROUNDS  # each writer finished at least one write before its kill
