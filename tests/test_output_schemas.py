"""Every command's `--format json` output validates against the schema `schema --output` prints.

Real output, from the examples and the test workspaces on several days, is
checked against the published schema (closed objects, required keys), so a
renamed or added key fails here until the schema and the README follow.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from tests.conftest import DATA, EXAMPLES, run_cli

from partnerctl.records import PartnerRec
from partnerctl.render.outschema import NAMES, output_schema

# (workspace, day): the examples on three days, the other workspaces on their own day.
RUNS = [
    (EXAMPLES, "2026-09-01"),
    (EXAMPLES, "2026-11-24"),
    (EXAMPLES, "2027-03-15"),
    (DATA / "due-basic", "2026-11-24"),
    (DATA / "report-basic", "2026-11-24"),
    (DATA / "outreach-basic", "2026-11-24"),
]


def _first_partner(root: Path) -> str:
    return sorted(p.stem for p in (root / "partners").glob("*.yaml"))[0]


def commands(root: Path) -> dict[str, list[list[str]]]:
    """The command lines whose JSON document each schema describes."""
    pid = _first_partner(root)
    return {
        "due": [["due"], ["due", "--all", "--within", "30"]],
        "calendar": [["calendar"], ["calendar", "--weeks", "12"]],
        "report": [["report"], ["report", "--month"], ["report", "--no-contacts"]],
        "show": [["show", pid]],
        "list": [["list"]],
        "prospects": [["prospects"]],
        "plan": [["plan"]],
        "pitch": [["pitch", pid]],
        "spotlight": [["spotlight", "--within", "90"]],
        "spotlight-history": [["spotlight", "--history"]],
        "validate": [["validate"]],
        "export": [["export", "--format", "json"], ["export", "--format", "json", "--no-contacts"]],
        "error": [["show", "no-such-partner"]],
    }


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = output_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_every_document_has_a_schema() -> None:
    assert set(commands(EXAMPLES)) == set(NAMES)


@pytest.mark.parametrize(("root", "day"), RUNS, ids=lambda v: getattr(v, "name", v))
def test_real_output_validates(root: Path, day: str) -> None:
    checked = 0
    for name, lines in commands(root).items():
        check = validator(name)
        for args in lines:
            result = run_cli(["-C", str(root), "--today", day, "--format", "json", *args])
            assert result.stdout, (args, result.stderr)
            doc: Any = json.loads(result.stdout)
            errors = [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(doc)]
            assert errors == [], (args, errors)
            checked += 1
    assert checked == sum(len(lines) for lines in commands(root).values())


def test_a_drifted_document_fails() -> None:
    """The schemas are closed: a renamed key or a missing one is caught."""
    doc = json.loads(run_cli(["-C", str(EXAMPLES), "--today", "2026-11-24", "--format", "json",
                              "calendar"]).stdout)  # fmt: skip
    check = validator("calendar")
    assert not list(check.iter_errors(doc))
    doc["items"][0]["title"] = doc["items"][0].pop("action")
    assert list(check.iter_errors(doc))
    del doc["today"]
    assert any("'today' is a required property" in e.message for e in check.iter_errors(doc))


def test_the_profile_has_every_key_of_a_partner() -> None:
    keys = set(PartnerRec.__annotations__) - {"file"}
    assert set(output_schema("export")["$defs"]["profile"]["properties"]) == keys


def test_one_definition_per_concept() -> None:
    """Due items, partners' profiles, errors and periods are each one $defs entry."""
    text = json.dumps({name: output_schema(name) for name in NAMES})
    for concept in ("due_item", "profile", "problem", "period"):
        assert f"#/$defs/{concept}" in text
    shapes = {json.dumps(output_schema(name)["$defs"], sort_keys=True) for name in NAMES}
    assert len(shapes) == 1


def test_cli_prints_an_output_schema() -> None:
    result = run_cli(["schema", "--output", "due"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["title"] == "partnerctl due --format json"
    assert doc["required"] == ["version", "today", "items", "errors"]
    bad = run_cli(["schema", "--output", "dues"])
    assert bad.exit_code == 2
    assert "error: --output: 'dues' has no JSON document (did you mean 'due'?)" in bad.stderr
    both = run_cli(["schema", "partner", "--output", "due"])
    assert both.exit_code == 2
