"""Multi-file writes are all or nothing under `kill -9`: a few kills of each command.

`python benchmarks/crash_writers.py` runs the same harness (tests/crashing.py)
with 200 kills of each command.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.crashing import run_rounds, scenarios

ROUNDS = 4  # per command, each aimed at the write; the benchmark runs 200
SIZE = 12  # partners each command writes


@pytest.mark.parametrize("scenario", scenarios(SIZE), ids=lambda s: s.name)
def test_a_killed_multi_file_write_ends_all_before_or_all_after(
    scenario: object, tmp_path: Path
) -> None:
    outcome = run_rounds(scenario, tmp_path, ROUNDS, seed=17, aimed=1.0)  # type: ignore[arg-type]
    assert outcome.rounds == ROUNDS
    assert sum(outcome.ends.values()) == ROUNDS
