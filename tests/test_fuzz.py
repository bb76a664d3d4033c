"""A bounded, deterministic slice of benchmarks/fuzz.py, and the crashes it found.

The slice runs every reading command on SLICE mutated workspaces (seed fixed):
no traceback, exit codes 0/1/2, every `error:` line located, no raw control
character in table/plain/md output. `python benchmarks/fuzz.py` runs 5,000.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import DATA, ROOT

SEED = 2026
SLICE = 100


def load_fuzz() -> ModuleType:
    """benchmarks/fuzz.py as a module (benchmarks/ is not a package)."""
    folder = ROOT / "benchmarks"
    sys.path.insert(0, str(folder))
    try:
        spec = importlib.util.spec_from_file_location("partnerctl_fuzz", folder / "fuzz.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["partnerctl_fuzz"] = module
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(folder))


fuzz = load_fuzz()


@pytest.fixture(scope="module")
def fuzzer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    base = fuzz.read_tree(fuzz.base_workspace())
    root = tmp_path_factory.mktemp("fuzz") / "ws"
    fuzz.write_tree(root, base)
    yield fuzz.Fuzzer(root, base, SEED)


def assert_no_failures(failures: list[Any]) -> None:
    if failures:
        shown = fuzz.distinct(failures)
        more = f"\n... and {len(shown) - 3} more" if len(shown) > 3 else ""
        pytest.fail("\n".join(f.report() for f in shown[:3]) + more, pytrace=False)


@pytest.mark.parametrize("index", range(SLICE))
def test_fuzz_case(fuzzer: Any, index: int) -> None:
    assert_no_failures(fuzzer.run_case(index))


def test_fuzzer_runs_every_registered_reading_command(fuzzer: Any) -> None:
    names = {command.name for command in fuzzer.commands}
    assert {"validate", "due", "list", "show"} <= names
    assert all(command.formats for command in fuzzer.commands)
    assert_no_failures(fuzzer.run_file_free())


def test_mutations_are_reproducible() -> None:
    import random

    base = fuzz.read_tree(fuzz.base_workspace())
    changed = 0
    for index in range(20):
        first = fuzz.mutate_workspace(random.Random(f"{SEED}:{index}"), base)
        again = fuzz.mutate_workspace(random.Random(f"{SEED}:{index}"), base)
        assert first == again
        changed += any(base.get(name) != data for name, data in first[0].items())
    assert changed >= 15, "most mutations change a file"


def test_checks_catch_what_they_promise() -> None:
    """The fuzzer's own checks: a broken outcome is reported, a good one is not."""
    good = fuzz.Outcome(["due"], 2, "", "partners/a.yaml:3:7: error: stage: bad\n", None)
    assert list(fuzz.check(good, "plain")) == []
    cases = [
        fuzz.Outcome(["due"], 3, "", "partnerctl: internal error (...)\n", None),
        fuzz.Outcome(["due"], 2, "", "error: stage: bad\n", None),
        fuzz.Outcome(["due"], 0, "name \x1b[31m\n", "", None),
        fuzz.Outcome(["due"], 0, "\u202eevil\n", "", None),
        fuzz.Outcome(["due"], 0, "{not json", "", None),
        fuzz.Outcome(["due"], 0, "", "", "Traceback (most recent call last): ..."),
    ]
    formats = ["plain", "plain", "table", "md", "json", "plain"]
    for outcome, fmt in zip(cases, formats, strict=True):
        assert list(fuzz.check(outcome, fmt)), outcome


# --- crashes the fuzzer found, kept as named cases ------------------------------------


def workspace_with(tmp_path: Path, files: dict[str, str]) -> Path:
    ws = tmp_path / "ws"
    shutil.copytree(DATA / "due-basic", ws)
    for name, text in files.items():
        (ws / name).write_text(text, encoding="utf-8")
    return ws


def run_all(fuzzer: Any, ws: Path, partner: str = "riverside-auto") -> list[Any]:
    """Every reading command on `ws`, in each of its formats; the failures."""
    failures = []
    for command in fuzzer.commands:
        for fmt in command.formats:
            argv = ["-C", str(ws), "--today", fuzz.TODAY, command.name]
            argv += [partner] if command.takes_id else []
            argv += ["--format", fmt] if fmt else []
            outcome = fuzz.run_one(fuzzer.runner, fuzzer.app, argv)
            for problem, detail in fuzz.check(outcome, fmt):
                failures.append(fuzz.Failure(SEED, -1, argv[2:], problem, {}, detail))
    return failures


@pytest.mark.parametrize(
    "zone",
    [
        pytest.param("America", id="a-folder"),
        pytest.param("Etc", id="another-folder"),
        pytest.param("x" * 300, id="long"),
        pytest.param("9" * 400, id="long-number"),
        pytest.param("../../etc/passwd", id="outside"),
        pytest.param("tzdata.zi", id="not-a-zone-file"),
    ],
)
def test_a_bad_timezone_is_a_located_error(fuzzer: Any, tmp_path: Path, zone: str) -> None:
    ws = workspace_with(tmp_path, {"partnerctl.yaml": f"program: P\ntimezone: '{zone}'\n"})
    assert_no_failures(run_all(fuzzer, ws))


def test_hostile_event_partner_ids_are_shown_cleaned(fuzzer: Any, tmp_path: Path) -> None:
    """An event naming a partner id with escapes: an error, and never raw on screen."""
    events = (
        "events:\n  - id: fair\n    name: Fair\n    kind: other\n    date: 2026-11-30\n"
        '    prepare: 14\n    partners: [riverside-auto, "bolt-\\u202eelectric", "\\e]0;t\\a"]\n'
    )
    ws = workspace_with(tmp_path, {"events/2026-27.yaml": events})
    assert_no_failures(run_all(fuzzer, ws))
