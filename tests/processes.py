"""Run partnerctl in real processes, for tests of writers racing each other.

Each process is `python -m partnerctl` started through a small waiter: it
imports partnerctl first, says it is ready, and waits for a barrier file, so
that every process begins its command at the same moment instead of one
start-up time apart. No test measures time: a deadline only stops a test
that would otherwise hang.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# argv: BARRIER READY partnerctl-args...  Imports first, so the race is the command itself.
WAITER = """\
import os, runpy, sys, time
barrier, ready = sys.argv[1], sys.argv[2]
import partnerctl.cli.main
open(ready, "w").close()
while not os.path.exists(barrier):
    time.sleep(0.002)
sys.argv = ["partnerctl", *sys.argv[3:]]
runpy.run_module("partnerctl", run_name="__main__", alter_sys=True)
"""
DEADLINE = 120.0  # seconds; only a hung process ever comes near it


def cli_env() -> dict[str, str]:
    """The environment for a partnerctl process: no PARTNERCTL_* from outside, no cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTNERCTL_")}
    env.update({"PARTNERCTL_NO_CACHE": "1", "NO_COLOR": "1"})
    return env


def comment_lines(text: str) -> list[str]:
    """The lines of a YAML file that hold a comment, in order."""
    return [line for line in text.splitlines() if line.lstrip().startswith("#") or " # " in line]


def comments(text: str) -> list[str]:
    """The comments of a YAML file (from `#` to the line's end), in order; values may change."""
    return [line[line.index("#") :] for line in comment_lines(text)]


@dataclass
class Outcome:
    """How one process ended."""

    args: list[str]
    code: int
    stdout: str
    stderr: str


def run_together(ws: Path, commands: list[list[str]], *, today: str) -> list[Outcome]:
    """Run `partnerctl -C WS --today TODAY ARGS` for each ARGS at once; return their outcomes.

    The barrier and ready files live beside the workspace, never in it.
    """
    sync = ws.parent / f"{ws.name}-sync"
    sync.mkdir()
    barrier = sync / "go"
    procs: list[tuple[list[str], subprocess.Popen[str]]] = []
    for index, args in enumerate(commands):
        ready = sync / f"ready-{index}"
        argv = [sys.executable, "-c", WAITER, str(barrier), str(ready)]
        argv += ["-C", str(ws), "--today", today, *args]
        proc = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(), text=True
        )
        procs.append((args, proc))
    deadline = time.monotonic() + DEADLINE
    try:
        while len(list(sync.glob("ready-*"))) < len(commands):
            if any(proc.poll() is not None for _, proc in procs):
                break  # one died before the start: its outcome says why
            if time.monotonic() > deadline:
                raise AssertionError("the partnerctl processes never got ready")
            time.sleep(0.01)
        barrier.touch()
        outcomes = []
        for args, proc in procs:
            out, err = proc.communicate(timeout=DEADLINE)
            outcomes.append(Outcome(args, proc.returncode, out, err))
    finally:
        for _, proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    return outcomes
