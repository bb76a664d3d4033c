"""Kill 200 (or N) looping `partnerctl log` writers at random moments; check no file is torn.

Usage: python benchmarks/crash_writers.py [ROUNDS]
Prints how many touchpoints were written and how long it took.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import copy_data
from tests.test_crash import kill_writers


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as tmp:
        ws = copy_data("edit-styles", Path(tmp))
        started = time.monotonic()
        written = kill_writers(ws, rounds, seed=int(started))
        took = time.monotonic() - started
    print(
        f"{rounds} writers killed at random moments, {written} touchpoints kept, "
        f"no torn or empty file ({took:.1f}s)"
    )


if __name__ == "__main__":
    main()
