"""Kill multi-file commands at random moments; the next command leaves all-before or all-after.

A harness shared by tests/test_crash_multi.py (a few kills) and
benchmarks/crash_writers.py (hundreds). Each scenario is a workspace and one
command that writes many files: `import` of new partners, `reassign`,
`plan --apply` and a several-partner `log`. The expected end states are
computed first: the files before, and after the command ran to its end on a
copy. Then, round after round, the command is started in a real process and
killed with SIGKILL, either at a random moment of its whole run or at a
random moment of its write (from the moment its journal or a temporary
file appears; so that many kills land between two renames), and a *reading*
command runs next (`list`, which recovers as any command does). The
workspace must then equal one of the two states exactly, with no journal and
no temporary file left.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.processes import cli_env

TODAY = "2026-11-24"
JOURNAL = ".partnerctl.journal"
OWNERS = ("jlee", "mortiz")


def tree(ws: Path) -> dict[str, bytes]:
    """Every file of the workspace but the lock, by relative path."""
    return {
        p.relative_to(ws).as_posix(): p.read_bytes()
        for p in sorted(ws.rglob("*"))
        if p.is_file() and p.name != ".partnerctl.lock"
    }


def leftovers(ws: Path) -> list[str]:
    """A journal or temporary files that must not outlive the next command."""
    return sorted(
        p.relative_to(ws).as_posix()
        for p in ws.rglob("*")
        if p.name == JOURNAL or p.name.endswith(".tmp")
    )


def partner_text(index: int, owner: str, stage: str) -> str:
    return (
        f"name: Partner {index:04d} Supply\n"
        f"stage: {stage}\n"
        f"owner: {owner}\n"
        "since: 2026-01-15\n"
        "contacts:\n"
        f"  - name: Contact {index}\n"
        f"    email: contact{index}@example.com\n"
        '    phone: "555-0100"\n'
        "touchpoints:\n"
        "  - {date: 2026-02-01, channel: email, summary: First note}\n"
    )


def make_workspace(root: Path, partners: int, *, stage: str = "contacted") -> Path:
    """A workspace of `partners` partner files, owners alternating."""
    (root / "partners").mkdir(parents=True)
    (root / "partnerctl.yaml").write_text(
        "program: Crash High\nowners: [jlee, mortiz]\n", encoding="utf-8"
    )
    for index in range(partners):
        text = partner_text(index, OWNERS[index % 2], stage)
        (root / "partners" / f"partner-{index:04d}.yaml").write_text(text, encoding="utf-8")
    return root


@dataclass
class Scenario:
    """A workspace and one command that writes many of its files."""

    name: str
    build: Callable[[Path], Path]  # makes the workspace in an empty folder, returns it
    args: list[str]
    expected_files: int  # files the command changes or makes (a check of the scenario)


def scenarios(size: int) -> list[Scenario]:
    """Every multi-file command, on workspaces of about `size` partners."""

    def with_csv(root: Path) -> Path:
        ws = make_workspace(root / "ws", 2)
        rows = ["id,name,stage,owner,contact_name,contact_email,contact_phone"]
        for index in range(size):
            contact = f"Dana {index},dana{index}@example.com,555-01{index % 100:02d}"
            rows.append(f"new-{index:04d},New Co {index},prospect,jlee,{contact}")
        (root / "new.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        return ws

    logged = [f"partner-{index:04d}" for index in range(size)]
    return [
        Scenario("import", with_csv, ["import", "{root}/new.csv"], size),
        Scenario(
            "reassign",
            lambda root: make_workspace(root / "ws", size * 2),
            ["reassign", "--from", "jlee", "--to", "mortiz"],
            size,
        ),
        Scenario(
            "plan --apply",
            lambda root: make_workspace(root / "ws", size, stage="prospect"),
            ["plan", "--apply", "--per-week", "25", "--weeks", "8"],
            size,
        ),
        Scenario(
            "log (several partners)",
            lambda root: make_workspace(root / "ws", size),
            ["log", *logged, "Chamber breakfast", "--channel", "in-person"],
            size,
        ),
    ]


def _argv(scenario: Scenario, ws: Path) -> list[str]:
    args = [arg.replace("{root}", str(ws.parent)) for arg in scenario.args]
    return [sys.executable, "-m", "partnerctl", "-C", str(ws), "--today", TODAY, *args]


def _run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, env=cli_env(), timeout=300)


@dataclass
class Outcome:
    """What a scenario's rounds came to."""

    rounds: int = 0
    ends: Counter[str] = field(default_factory=Counter)  # before / after
    journal_at_kill: int = 0  # kills that found a write journal: a write under way
    notes: Counter[str] = field(default_factory=Counter)  # what the next command said
    seconds: float = 0.0


def run_rounds(
    scenario: Scenario, folder: Path, rounds: int, seed: int, *, aimed: float = 0.7
) -> Outcome:
    """Kill the scenario's command `rounds` times; assert all-before or all-after each time.

    A share `aimed` of the kills fall within the write; the others anywhere in the run.
    """
    rng = random.Random(seed)
    started = time.monotonic()
    base = scenario.build(folder / "base")
    before = tree(base)
    done = folder / "done"
    shutil.copytree(base.parent, done)
    finished = _run(_argv(scenario, done / base.name))
    assert finished.returncode == 0, finished.stderr
    after = tree(done / base.name)
    changed = {name for name in after if before.get(name) != after[name]}
    assert len(changed) == scenario.expected_files, (scenario.name, len(changed))
    whole, write = _timed(scenario, folder, base)
    outcome = Outcome()
    for round_index in range(rounds):
        work = folder / f"round-{round_index}"
        shutil.copytree(base.parent, work)
        ws = work / base.name
        at_journal = rng.random() < aimed
        kill = _kill(_argv(scenario, ws), ws, rng, whole, write if at_journal else None)
        outcome.journal_at_kill += kill
        reader = _run([sys.executable, "-m", "partnerctl", "-C", str(ws), "list"])
        assert reader.returncode == 0, reader.stderr
        for line in reader.stderr.splitlines():
            outcome.notes[line.split(" a write")[0]] += 1
        state = tree(ws)
        assert leftovers(ws) == [], (scenario.name, round_index, leftovers(ws))
        if state == before:
            outcome.ends["before"] += 1
        elif state == after:
            outcome.ends["after"] += 1
        else:
            new = sorted(n for n in set(state) | set(after) if state.get(n) == after.get(n))
            old = sorted(n for n in set(state) | set(before) if state.get(n) == before.get(n))
            raise AssertionError(
                f"{scenario.name} round {round_index}: half done: {len(new)} files as after, "
                f"{len(old)} as before, of {len(after)}"
            )
        shutil.rmtree(work)
        outcome.rounds += 1
    outcome.seconds = time.monotonic() - started
    return outcome


def _timed(scenario: Scenario, folder: Path, base: Path) -> tuple[float, float]:
    """How long one whole run of the command takes, and its write (seconds)."""
    timing = folder / "timing"
    shutil.copytree(base.parent, timing)
    ws = timing / base.name
    began = time.monotonic()
    child = subprocess.Popen(
        _argv(scenario, ws), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env()
    )
    writing = None
    while child.poll() is None:
        if writing is None and _writing(ws):
            writing = time.monotonic()
        time.sleep(0.0005)
    ended = time.monotonic()
    shutil.rmtree(timing)
    return ended - began, ended - (writing or ended - 0.05)


def _writing(ws: Path) -> bool:
    """Whether a write has begun: its journal, or a temporary file in partners/."""
    if (ws / JOURNAL).exists():
        return True
    with os.scandir(ws / "partners") as entries:
        return any(entry.name.endswith(".tmp") for entry in entries)


def _committed(ws: Path) -> bool:
    """Whether the write journal has its commit line: the renames are under way."""
    try:
        return b"\ncommit " in (ws / JOURNAL).read_bytes()
    except OSError:
        return False


def _kill(argv: list[str], ws: Path, rng: random.Random, whole: float, write: float | None) -> int:
    """Start the command and SIGKILL it; 1 if a write journal was there at the kill.

    With `write` (the length of its write), the kill is aimed: three times in
    four at a random moment of the write, once in four a moment (up to 20 ms)
    after the journal's commit line appears, among the renames.
    """
    journal = ws / JOURNAL
    child = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env()
    )
    try:
        if write is not None:
            after_commit = rng.random() < 0.25
            started = _committed if after_commit else _writing
            deadline = time.monotonic() + whole * 3 + 5
            while not started(ws) and child.poll() is None:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.0002)
            time.sleep(rng.uniform(0, 0.02 if after_commit else write))
        else:
            time.sleep(rng.uniform(0, whole * 1.1))
        present = journal.exists()
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        return int(present)
    finally:
        child.wait()
