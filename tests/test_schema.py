"""`partnerctl schema`: every example file validates against the schema an editor would use.

Editors (the YAML language server) read YAML 1.2: `2026-11-02` and `10:30`
are strings, `2.4` a number, `true` a boolean. The files are loaded here the
same way, so the test checks what an editor would check.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import DATA, EXAMPLES, run_cli

from partnerctl import fieldchecks
from partnerctl.fileschema import file_schema
from partnerctl.model import default_settings
from partnerctl.records import iso_date


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
    assert "prospect, contacted" in doc["properties"]["stage"]["description"]
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
    # Inside a workspace the schema knows its (here: no) pathways and owners.
    assert written == file_schema("partner", default_settings("X"))
    assert written["properties"]["pathways"]["items"] == {"not": {}}
    assert list((tmp_path / ".partnerctl" / "schema").glob(".*.tmp")) == []


def test_write_needs_a_workspace(tmp_path: Path) -> None:
    result = run_cli(["-C", str(tmp_path / "nowhere"), "schema", "--write"])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


# --- the schema's spellings are partnerctl's ---------------------------------------


def _accepts(check: Any, text: str, least: int | None = None) -> bool:
    try:
        value = check(text)
    except (ValueError, Exception):
        return False
    return least is None or value >= least


def _pattern_accepts(text_re: str, text: str) -> bool:
    return re.search(fieldchecks.whole(text_re), text) is not None


_NUMBERISH = st.text(alphabet="0123456789+-._eE xo\t\n٣", max_size=8)


@given(_NUMBERISH)
def test_count_pattern_is_partnerctls_rule(text: str) -> None:
    assert _pattern_accepts(fieldchecks.COUNT_TEXT, text) == _accepts(
        fieldchecks.check_count, text, 0
    )
    assert _pattern_accepts(fieldchecks.POSITIVE_TEXT, text) == _accepts(
        fieldchecks.check_count, text, 1
    )


@given(_NUMBERISH)
def test_distance_pattern_is_partnerctls_rule(text: str) -> None:
    def finite(value: str) -> float:
        checked = fieldchecks.check_distance(value)
        assert isinstance(checked, str)  # the text, stripped: pydantic makes it a float
        number = float(checked)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError("not finite")
        return number

    if "e" in text.lower() and _accepts(finite, text, 0) is False:
        # 1e400 is past the largest number: listed in test_schema_corpus.INEXPRESSIBLE
        return
    assert _pattern_accepts(fieldchecks.DISTANCE_TEXT, text) == _accepts(finite, text, 0)


@given(st.text(alphabet="tTrRuUeEyYsSnNoOfFaAlL01 \t", max_size=6))
def test_flag_pattern_is_partnerctls_rule(text: str) -> None:
    assert _pattern_accepts(fieldchecks.FLAG_TEXT, text) == _accepts(fieldchecks.check_flag, text)


@given(
    st.one_of(
        st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
        st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
        st.text(alphabet="0123456789- \t\n", max_size=12),
    )
)
def test_date_pattern_is_partnerctls_rule(text: str) -> None:
    assert _pattern_accepts(fieldchecks.DATE_TEXT, text) == _accepts(
        fieldchecks.check_iso_date, text
    ), text
    assert _accepts(iso_date, text) == _pattern_accepts(fieldchecks.DATE_TEXT, text) or (
        text != text.strip(" \t")
    )


@given(st.one_of(st.from_regex(r"\A[0-9]{2}-[0-9]{2}\Z"), st.text("0123456789-\n", max_size=6)))
def test_mmdd_pattern_is_partnerctls_rule(text: str) -> None:
    assert _pattern_accepts(fieldchecks.MMDD_TEXT, text) == _accepts(fieldchecks.check_mmdd, text)


@given(st.text(alphabet="abcAB09- _\n", max_size=66))
def test_slug_pattern_is_partnerctls_rule(text: str) -> None:
    assert _pattern_accepts(fieldchecks.SLUG_TEXT, text) == _accepts(
        lambda v: fieldchecks.check_slug(v, "event"), text
    )


def _properties(node: Any, where: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for key, value in (node.get("properties") or {}).items():
            found.append((f"{where}.{key}", value))
        for key, value in node.items():
            if key not in ("if", "then", "not"):  # conditions name keys described elsewhere
                found.extend(_properties(value, f"{where}/{key}"))
    elif isinstance(node, list):
        for item in node:
            found.extend(_properties(item, where))
    return found


@pytest.mark.parametrize("kind", ["settings", "partner", "event"])
def test_every_property_has_a_description(kind: str) -> None:
    missing = [
        where
        for where, value in _properties(file_schema(kind))
        if not (isinstance(value, dict) and value.get("description"))
    ]
    assert missing == [], "add a description in fileschema.DESCRIPTIONS for " + ", ".join(missing)


def test_workspace_enums_and_their_yaml12_values(tmp_path: Path) -> None:
    (tmp_path / "partnerctl.yaml").write_text(
        "program: X\npathways:\n  - {id: automotive, name: Auto}\n  - {id: '2026', name: Y}\n"
        "owners: [jlee, 'true']\n",
        encoding="utf-8",
    )
    result = run_cli(["-C", str(tmp_path), "schema", "partner"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["properties"]["pathways"]["items"] == {"enum": ["automotive", "2026", 2026]}
    assert doc["properties"]["owner"]["anyOf"][0] == {"enum": ["jlee", "true", True]}
    offer = doc["$defs"]["Offer"]["properties"]["pathway"]["anyOf"][0]
    assert offer == {"enum": ["automotive", "2026", 2026]}


def test_broken_settings_keep_what_they_can_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "partnerctl.yaml").write_text(
        "program: X\npathways:\n  - {id: Auto Tech, name: Auto}\nowners: [jlee]\n",
        encoding="utf-8",
    )
    result = run_cli(["-C", str(tmp_path), "schema", "--write"])
    assert result.exit_code == 2
    assert "partnerctl.yaml:3:10: error: pathways[0].id: 'Auto Tech' is not a valid pathway id" in (
        result.stderr
    )
    written = json.loads((tmp_path / ".partnerctl/schema/partner.schema.json").read_text())
    assert written["properties"]["owner"]["anyOf"][0] == {"enum": ["jlee"]}
    # pathways could not be read: references stay open, as validate leaves them unchecked
    assert "enum" not in json.dumps(written["properties"]["pathways"])


def test_the_editor_lines_resolve_from_each_files_folder(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert run_cli(["--today", "2026-11-24", "init", str(root)]).exit_code == 0
    assert run_cli(["-C", str(root), "add", "zeta", "--name", "Zeta Co"]).exit_code == 0
    (tmp_path / "in.csv").write_text("id,name,stage\nyankee,Yankee Co,prospect\n", encoding="utf-8")
    imported = run_cli(["-C", str(root), "import", str(tmp_path / "in.csv")])
    assert imported.exit_code == 0, imported.stderr
    files = [root / "partnerctl.yaml", *root.glob("partners/*.yaml"), *root.glob("events/*.yaml")]
    assert {p.stem for p in root.glob("partners/*.yaml")} >= {"zeta", "yankee"}
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: {first}"
        assert json.loads(target.read_text(encoding="utf-8"))["title"].startswith("partnerctl")


def test_examples_carry_the_schemas_they_name(tmp_path: Path) -> None:
    """examples/.partnerctl/schema is what `schema --write` writes there (run it to refresh)."""
    copy = tmp_path / "examples"
    shutil.copytree(EXAMPLES, copy)
    assert run_cli(["-C", str(copy), "schema", "--write"]).exit_code == 0
    for kind in ("settings", "partner", "event"):
        name = f".partnerctl/schema/{kind}.schema.json"
        assert (EXAMPLES / name).read_text(encoding="utf-8") == (copy / name).read_text(
            encoding="utf-8"
        ), f"examples/{name} is stale: run `partnerctl -C examples schema --write`"


def test_help_shows_paths_that_resolve_from_each_folder() -> None:
    text = " ".join(run_cli(["schema", "--help"]).stdout.split())
    partners = "in partners/ and events/ `# yaml-language-server: $schema=../.partnerctl/schema/"
    assert partners in text
    assert "in partnerctl.yaml `# yaml-language-server: $schema=.partnerctl/schema/settings" in text
