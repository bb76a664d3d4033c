"""`validate` and an independent JSON Schema validator agree on a corpus of edge cases.

tests/data/schema-corpus holds valid/ and broken/ files of each kind
(partner, event, settings). Each is put in a copy of the corpus workspace
(its pathways and owners), `partnerctl validate` judges it, and
check-jsonschema (which reads YAML 1.2, as editors do) judges it against
the schema that `partnerctl schema --write` wrote there. A broken file's
`# path:` line names the key both must fault ("" for the file as a whole).

The few broken files that no JSON Schema can fault are listed in
INEXPRESSIBLE, with why; for them the test checks that `validate` refuses
them and that the schema does accept them, so the list cannot go stale.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import DATA, run_cli

CORPUS = DATA / "schema-corpus"
TODAY = "2026-11-24"
KIND_FILES = {
    "partner": "partners/acme.yaml",
    "event": "events/case.yaml",
    "settings": "partnerctl.yaml",
}

# Broken files that a JSON Schema cannot fault, and why.
INEXPRESSIBLE = {
    "partner/seats-written-4.0": "YAML 1.2 hands the schema the number 4.0, which JSON Schema "
    "cannot tell from 4; partnerctl sees the text and wants a count in digits",
    "partner/seats-written-1e1": "YAML 1.2 hands the schema 10.0: the spelling is gone",
    "partner/seats-written-0x10": "YAML 1.2 hands the schema 16: the spelling is gone",
    "partner/early-adopter-written-1.0": "YAML 1.2 hands the schema 1.0, equal to 1 in JSON "
    "Schema; partnerctl takes 1 and 0 for yes and no, not 1.0",
    "partner/distance-nan": "NaN compares false with every bound, so minimum and maximum pass it",
    "partner/distance-quoted-overflow": "a pattern sees digits, not that 1e400 is past the "
    "largest number",
    "settings/cadence-max-below-ideal": "JSON Schema cannot compare one value with another",
    "settings/break-ends-before-it-starts": "JSON Schema cannot compare one date with another",
    "settings/timezone-not-in-the-database": "the schema checks a zone name's shape; the zone "
    "database is not in it",
    "event/until-before-date": "JSON Schema cannot compare one date with another",
    "event/repeat-bad-day-name": "the schema checks the rule's shape; its values are checked by "
    "the repeat-rule library",
    "event/partner-without-a-file": "a partner id names another file, which the schema cannot see",
    "event/id-twice": "JSON Schema cannot require one key to differ across a list's items",
}


@dataclass(frozen=True)
class Case:
    group: str  # valid or broken
    kind: str  # partner, event or settings
    path: Path

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.path.stem}"

    @property
    def expected_path(self) -> str:
        """The key path of a broken file's `# path:` line."""
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# path:"):
                return line.removeprefix("# path:").strip()
        raise AssertionError(f"{self.path} has no `# path:` line")


def cases(group: str) -> list[Case]:
    return [
        Case(group, folder.name, path)
        for folder in sorted((CORPUS / group).iterdir())
        for path in sorted(folder.glob("*.yaml"))
    ]


def place(case: Case, root: Path) -> Path:
    """A copy of the corpus workspace holding the case; the case's path in it."""
    shutil.copytree(CORPUS / "workspace", root)
    target = root / KIND_FILES[case.kind]
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case.path, target)
    return target


def validate_paths(root: Path) -> tuple[int, list[str]]:
    """validate's exit code and the key paths of its errors ("" for none)."""
    result = run_cli(["-C", str(root), "--today", TODAY, "--format", "json", "validate"])
    doc = json.loads(result.stdout)
    return result.exit_code, [error["path"] or "" for error in doc["errors"]]


def check_jsonschema() -> Path | None:
    found = shutil.which("check-jsonschema") or Path(sys.executable).with_name("check-jsonschema")
    return Path(found) if Path(found).exists() else None


def schema_verdicts(tmp: Path) -> dict[Path, list[str] | None]:
    """check-jsonschema on every corpus file: None when valid, else the key paths it faults."""
    program = check_jsonschema()
    assert program is not None
    root = tmp / "schema-workspace"
    shutil.copytree(CORPUS / "workspace", root)
    assert run_cli(["-C", str(root), "schema", "--write"]).exit_code == 0
    verdicts: dict[Path, list[str] | None] = {}
    for kind in ("partner", "event", "settings"):
        files = [c.path for c in cases("valid") + cases("broken") if c.kind == kind]
        schema = root / f".partnerctl/schema/{kind}.schema.json"
        run = subprocess.run(
            [str(program), "--output-format", "json", "--schemafile", str(schema)]
            + [str(f) for f in files],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        report = json.loads(run.stdout)
        verdicts.update(dict.fromkeys(files))
        for error in report.get("errors", []):
            path = str(error["path"]).removeprefix("$").removeprefix(".")
            found = verdicts[Path(error["filename"])] or []
            verdicts[Path(error["filename"])] = [*found, path]
        for error in report.get("parse_errors", []):
            verdicts[Path(error["filename"])] = [""]
    return verdicts


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, list[str] | None]:
    if check_jsonschema() is None:
        pytest.skip("check-jsonschema is not installed (pip install check-jsonschema)")
    return schema_verdicts(tmp_path_factory.mktemp("corpus"))


def test_the_corpus_is_large_enough() -> None:
    assert len(cases("valid")) >= 30
    assert len(cases("broken")) - len(INEXPRESSIBLE) >= 50
    assert (
        {c.kind for c in cases("valid")}
        == {c.kind for c in cases("broken")}
        == {
            "partner",
            "event",
            "settings",
        }
    )
    broken = {c.name for c in cases("broken")}
    assert set(INEXPRESSIBLE) <= broken


@pytest.mark.parametrize("case", cases("valid"), ids=lambda c: c.name)
def test_valid_files_pass_both(
    case: Case, tmp_path: Path, verdicts: dict[Path, list[str] | None]
) -> None:
    root = tmp_path / "ws"
    place(case, root)
    assert validate_paths(root) == (0, [])
    assert verdicts[case.path] is None


@pytest.mark.parametrize("case", cases("broken"), ids=lambda c: c.name)
def test_broken_files_fail_both_at_the_same_key(
    case: Case, tmp_path: Path, verdicts: dict[Path, list[str] | None]
) -> None:
    root = tmp_path / "ws"
    place(case, root)
    code, paths = validate_paths(root)
    assert code == 1
    assert case.expected_path in paths
    if case.name in INEXPRESSIBLE:
        assert verdicts[case.path] is None, f"the schema now faults {case.name}: unlist it"
    else:
        assert verdicts[case.path] is not None, "the schema accepts what validate refuses"
        assert case.expected_path in verdicts[case.path]
