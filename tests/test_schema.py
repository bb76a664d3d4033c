"""`partnerctl schema`: every example file validates against the schema an editor would use.

Editors (the YAML language server) read YAML 1.2: `2026-11-02` and `10:30`
are strings, `2.4` a number, `true` a boolean. The files are loaded here the
same way, so the test checks what an editor would check.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from tests.conftest import DATA, EXAMPLES, run_cli

from partnerctl.cli.schema import file_schema


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars (no dates, no sexagesimals, no yes/no)."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
):
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), first)


def _int_12(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    assert isinstance(text, str)
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 0) if text.startswith("0x") else int(text)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int_12)


def load12(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8-sig"), Loader=Yaml12Loader)


def kind_of(path: Path) -> str:
    if path.name in ("partnerctl.yaml", "partnerctl.yml"):
        return "settings"
    if path.parent.name == "placements":
        return "placement"
    return "partner" if path.parent.name == "partners" else "event"


def example_files() -> list[Path]:
    roots = [EXAMPLES, DATA / "report-basic", DATA / "due-basic"]
    found: list[Path] = []
    for root in roots:
        if not root.is_dir():
            continue
        found.extend(root.glob("partnerctl.y*ml"))
        found.extend(sorted(root.glob("partners/*.y*ml")))
        found.extend(sorted(root.glob("events/*.y*ml")))
        found.extend(sorted(root.glob("placements/*.y*ml")))
    return found


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = file_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", example_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_example_files_validate(path: Path) -> None:
    errors = [e.message for e in validator(kind_of(path)).iter_errors(load12(path))]
    assert errors == []


def test_there_are_files_of_each_kind() -> None:
    kinds = {kind_of(p) for p in example_files()}
    assert kinds == {"settings", "partner", "event", "placement"}


def test_what_users_write_unquoted_is_accepted() -> None:
    check = validator("partner")
    doc = yaml.load(
        "name: yes\nstage: prospect\ndistance_miles: 2.4\nbest_time: 10:30\n"
        "early_adopter: true\nsince: 2026-11-02\n"
        "contacts:\n  - {name: Dana, phone: 5550142}\n",
        Loader=Yaml12Loader,
    )
    assert [e.message for e in check.iter_errors(doc)] == []
    quoted = {"name": "A", "stage": "active", "distance_miles": "2.4", "early_adopter": "yes"}
    assert [e.message for e in check.iter_errors(quoted)] == []


@pytest.mark.parametrize(
    ("doc", "words"),
    [
        ({"name": "A", "stage": "prospekt"}, "is not one of"),
        ({"name": "A", "stage": "prospect", "nmae": "x"}, "Additional properties"),
        ({"stage": "prospect"}, "'name' is a required property"),
        ({"name": "A", "stage": "prospect", "distance_miles": -1}, "is not valid under any"),
        ({"name": "A", "stage": "prospect", "touchpoints": [{"date": "x", "outcome": "ok"}]}, ""),
    ],
)
def test_mistakes_are_caught(doc: dict[str, Any], words: str) -> None:
    errors = [e.message for e in validator("partner").iter_errors(doc)]
    assert errors
    assert any(words in message for message in errors) or not words


def test_event_and_settings_schemas() -> None:
    assert list(validator("event").iter_errors({"events": [{"id": "x", "name": "X"}]}))
    assert not list(
        validator("event").iter_errors({"events": [{"id": "x", "name": "X", "date": "2026-12-03"}]})
    )
    assert list(validator("settings").iter_errors({"pathways": []}))  # program is required


def test_placement_schema_refuses_a_name_key_and_takes_a_file() -> None:
    placement = {
        "partner": "kxrv",
        "kind": "internship",
        "student": "S-0427",
        "supervisor": "Marcus Bell",
        "start": "2027-01-11",
        "end": "2027-05-14",
        "hours": [{"date": "2027-01-15", "hours": 6}],
        "evaluation": {"date": "2027-05-14", "overall": "meets", "scores": {"safety": 4}},
    }
    assert not list(validator("placement").iter_errors(placement))
    named = {**placement, "student_name": "Maria Lopez"}
    assert list(validator("placement").iter_errors(named))
    too_high = {**placement, "evaluation": {**placement["evaluation"], "scores": {"safety": 7}}}
    assert list(validator("placement").iter_errors(too_high))


def test_cli_prints_one_or_all() -> None:
    result = run_cli(["schema", "partner"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["title"] == "partnerctl partner"
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert doc["properties"]["stage"]["description"].startswith("prospect, contacted")
    every = json.loads(run_cli(["schema"]).stdout)
    assert set(every) == {"settings", "partner", "event", "placement"}
    bad = run_cli(["schema", "partners"])
    assert bad.exit_code == 2
    assert "'partners' is not a file kind (did you mean 'partner'?)" in bad.stderr


def test_write_puts_the_schemas_in_the_workspace(tmp_path: Path) -> None:
    (tmp_path / "partnerctl.yaml").write_text("program: X\n", encoding="utf-8")
    result = run_cli(["-C", str(tmp_path), "schema", "--write"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "wrote .partnerctl/schema/settings.schema.json\n"
        "wrote .partnerctl/schema/partner.schema.json\n"
        "wrote .partnerctl/schema/event.schema.json\n"
        "wrote .partnerctl/schema/placement.schema.json\n"
    )
    written = json.loads(
        (tmp_path / ".partnerctl" / "schema" / "partner.schema.json").read_text(encoding="utf-8")
    )
    assert written == file_schema("partner")
    assert list((tmp_path / ".partnerctl" / "schema").glob(".*.tmp")) == []


def test_write_needs_a_workspace(tmp_path: Path) -> None:
    result = run_cli(["-C", str(tmp_path / "nowhere"), "schema", "--write"])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
