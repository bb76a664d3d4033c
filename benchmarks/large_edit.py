"""How long an edit of a 4.9 MiB partner file holds the workspace lock, and what it costs others.

Usage: python benchmarks/large_edit.py [--runs N] [--src DIR]

Builds a workspace (benchmarks/work/large-edit/) whose `big-co` partner file is
4.9 MiB (some 32,800 touchpoints) beside the small partners of `examples/`,
then, in fresh processes:

- `log big-co "Called"` N times: the whole run, and how long it held the lock
  (measured by wrapping the lock in the child process; nothing in partnerctl
  is changed for it);
- the same `log`, with a `log` on a small partner started 0.5 s after it: how
  long the small one took, and whether it gave up waiting for the lock
  (LOCK_TIMEOUT is 10 s).

`--src DIR` runs another checkout's `src/` (for a before/after comparison).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work" / "large-edit"
TODAY = "2026-11-24"
SIZE = int(4.9 * 2**20)

CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from contextlib import contextmanager
import partnerctl.workspace.edit as edit
held = []
real = edit.workspace_lock
@contextmanager
def timed(*args, **kwargs):
    with real(*args, **kwargs):
        began = time.perf_counter()
        try:
            yield
        finally:
            held.append(time.perf_counter() - began)
edit.workspace_lock = timed
from partnerctl.cli.main import main
began = time.perf_counter()
code = 0
try:
    main(sys.argv[2:])
except SystemExit as done:
    code = done.code or 0
print(json.dumps({"total": time.perf_counter() - began, "held": sum(held), "code": code}))
"""


def big_partner() -> str:
    lines = [
        "name: Big Co",
        "industry: automotive",
        "stage: active",
        "owner: jlee",
        "since: 2000-01-01",
        "contacts:",
        "  - name: Dana Ortiz",
        "    email: dana@example.com",
        "    decision_maker: true",
        "touchpoints:",
    ]
    size, index = sum(len(line) + 1 for line in lines), 0
    while size < SIZE:
        day = date(2000, 1, 1) + timedelta(days=index // 10)
        item = [
            f"  - date: {day.isoformat()}",
            "    channel: email",
            "    with: Dana Ortiz",
            f"    summary: Call number {index} about the spring job shadow and the mentors",
            "    outcome: replied",
        ]
        lines.extend(item)
        size += sum(len(line) + 1 for line in item)
        index += 1
    lines += ["next:", "  date: 2026-11-20", "  action: Call Dana"]
    return "\n".join(lines) + "\n"


def build() -> Path:
    if WORK.exists():
        shutil.rmtree(WORK)
    shutil.copytree(ROOT / "examples", WORK)
    (WORK / "partners" / "big-co.yaml").write_text(big_partner(), encoding="utf-8")
    return WORK


def child(src: Path, args: list[str]) -> subprocess.Popen[str]:
    env = {"PARTNERCTL_NO_CACHE": "1", "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"}
    argv = [sys.executable, "-c", CHILD, str(src), "-C", str(WORK), "--today", TODAY, *args]
    return subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def result(proc: subprocess.Popen[str]) -> dict[str, float]:
    out, err = proc.communicate(timeout=600)
    lines = out.strip().splitlines()
    found: dict[str, float] = json.loads(lines[-1])
    found["stderr"] = err.strip()  # type: ignore[assignment]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    args = parser.parse_args(argv)
    build()
    big = WORK / "partners" / "big-co.yaml"
    original = big.read_bytes()
    print(f"big-co.yaml: {len(original) / 2**20:.1f} MiB; src: {args.src}", flush=True)
    totals, holds = [], []
    for _ in range(args.runs):
        big.write_bytes(original)
        found = result(child(args.src, ["log", "big-co", "Called"]))
        assert found["code"] == 0, found
        totals.append(found["total"])
        holds.append(found["held"])
    print(
        f"log big-co: {statistics.median(totals):.2f} s in all, lock held "
        f"{statistics.median(holds):.3f} s (median of {args.runs}; "
        f"held {min(holds):.3f}-{max(holds):.3f} s)",
        flush=True,
    )
    big.write_bytes(original)
    first = child(args.src, ["log", "big-co", "Called"])
    time.sleep(0.5)
    began = time.perf_counter()
    second = child(args.src, ["log", "mikes-garage", "Called too"])
    small = result(second)
    waited = time.perf_counter() - began
    result(first)
    gave_up = "gave up" if small["code"] else "wrote"
    print(f"a small log started during it: {gave_up} after {waited:.2f} s ({small['stderr']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
