"""Kill partnerctl's writers at random moments: nothing torn, nothing half done.

Usage: python benchmarks/crash_writers.py [--rounds N] [--size S] [--only NAME] [--loop N]

Two harnesses, each from the test suite (which runs a few rounds of each):

- every multi-file command (`import` of S new partners, `reassign`,
  `plan --apply` and a several-partner `log`, each writing S files) is killed
  N times (default 200) with SIGKILL, most kills aimed inside its write; after
  each kill a reading command (`list`) runs, and the workspace must be exactly
  as before the command or exactly as after it, with no journal and no
  temporary file left (tests/crashing.py);
- a looping `log` on one partner is killed N times (`--loop`, default 200): the
  file is never torn and keeps every touchpoint written (tests/test_crash.py).

Prints one line per command: kills, kills that found a write under way, how
each ended, what the next command said, and the time taken.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import copy_data
from tests.crashing import run_rounds, scenarios
from tests.test_crash import kill_writers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=200, help="kills per multi-file command")
    parser.add_argument("--size", type=int, default=200, help="files each command writes")
    parser.add_argument("--only", help="one command: import, reassign, plan, log")
    parser.add_argument("--loop", type=int, default=200, help="kills of the looping log (0: none)")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args(argv)
    print(f"seed {args.seed}; {args.rounds} kills per command, {args.size} files each", flush=True)
    for scenario in scenarios(args.size):
        if args.only and not scenario.name.startswith(args.only):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            outcome = run_rounds(scenario, Path(tmp), args.rounds, args.seed)
        undid = sum(n for note, n in outcome.notes.items() if "undid" in note)
        finished = sum(n for note, n in outcome.notes.items() if "finished" in note)
        print(
            f"{scenario.name}: {outcome.rounds} kills, {outcome.journal_at_kill} during the write "
            f"(journal present); ended all-before {outcome.ends['before']}, "
            f"all-after {outcome.ends['after']}, half done 0; the next command undid "
            f"{undid} and finished {finished}; no journal or temporary file left "
            f"({outcome.seconds:.0f} s)",
            flush=True,
        )
    if args.loop:
        with tempfile.TemporaryDirectory() as tmp:
            ws = copy_data("edit-styles", Path(tmp))
            started = time.monotonic()
            written = kill_writers(ws, args.loop, seed=args.seed)
            took = time.monotonic() - started
        print(
            f"looping log on one partner: {args.loop} writers killed, {written} touchpoints "
            f"kept, no torn or empty file ({took:.0f} s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
