"""A district with three schools: the courting warning, the side-by-side report, and
`due --owner` across the schools' workspaces."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from tests.conftest import run_cli

TODAY = ["--today", "2026-11-24"]

SCHOOL = """\
program: {program}
owners: [{owners}]
pathways:
  - {{id: automotive, name: Automotive Technology, skills: [engine diagnostics]}}
"""


def partner(name: str, owner: str, stage: str = "contacted", email: str | None = None) -> str:
    text = f"name: {name}\nstage: {stage}\nowner: {owner}\npathways: [automotive]\n"
    text += (
        "touchpoints:\n  - {date: 2026-11-20, channel: phone, summary: Called, by: " + owner + "}\n"
    )
    text += "next: {date: 2026-11-23, action: Send the shadow dates}\n"
    if email:
        text += f"contacts:\n  - {{name: Pat Doe, email: {email}, decision_maker: true}}\n"
    return text


def school(root: Path, program: str, owners: str, partners: dict[str, str]) -> None:
    (root / "partners").mkdir(parents=True)
    (root / "partnerctl.yaml").write_text(SCHOOL.format(program=program, owners=owners), "utf-8")
    for pid, text in partners.items():
        (root / "partners" / f"{pid}.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def district(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """North and South both court Acme Plumbing; South and East share a domain; East and
    North each have a contact at gmail.com, which says nothing."""
    school(tmp_path / "north-high", "North High CTE", "jlee, akim", {
        "acme": partner("Acme Plumbing", "jlee"),
        "bolt": partner("Bolt Motors", "akim", "active", "pat@gmail.com"),
    })  # fmt: skip
    school(tmp_path / "south-high", "South High CTE", "mortiz", {
        "acme-plumbing": partner("Acme Plumbing, Inc.", "mortiz"),
        "valley-vet": partner("Valley Vet", "mortiz", "active", "pat@valleyvet.example.com"),
    })  # fmt: skip
    school(tmp_path / "east-high", "East High CTE", "jlee", {
        "vet-clinic": partner(
            "Valley Veterinary Clinic", "jlee", "meeting", "drshah@valleyvet.example.com"
        ),
        "tire-town": partner("Tire Town", "jlee", "prospect", "tt@gmail.com"),
    })  # fmt: skip
    office = tmp_path / "district"
    office.mkdir()
    (office / "partnerctl.yaml").write_text(
        "program: Springfield District CTE\n"
        "owners: [dlopez]\n"
        "schools:\n"
        "  - {id: north, path: ../north-high, name: North High}\n"
        "  - {id: south, path: ../south-high, name: South High}\n"
        "  - {id: east, path: ../east-high}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(office)
    return office


def test_validate_warns_when_two_schools_court_one_business(district: Path) -> None:
    result = run_cli(["validate", *TODAY])
    assert result.exit_code == 0  # warnings never fail it
    assert result.stderr.splitlines() == [
        "../north-high/partners/acme.yaml:1:7: warning: name: 2 schools court the same business "
        "(the same name): north: Acme Plumbing (partners/acme.yaml, owner jlee); south: Acme "
        "Plumbing, Inc. (partners/acme-plumbing.yaml, owner mortiz) (coordinate your asks: agree "
        "which school leads with this business)",
        "../south-high/partners/valley-vet.yaml:1:7: warning: name: 2 schools court the same "
        "business (contacts at valleyvet.example.com): south: Valley Vet "
        "(partners/valley-vet.yaml, owner mortiz); east: Valley Veterinary Clinic "
        "(partners/vet-clinic.yaml, owner jlee) (coordinate your asks: agree which school leads "
        "with this business)",
    ]


def test_report_shows_the_schools_side_by_side(district: Path) -> None:
    result = run_cli(["report", *TODAY])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Springfield District CTE: schools side by side, 2026-11-18 to 2026-11-24\n"
        "\n"
        "                                 north  south  east  total\n"
        "partners                             2      2     2      6\n"
        "active                               1      1     0      2\n"
        "committed                            0      0     0      0\n"
        "prospects                            0      0     1      1\n"
        "touches                              2      2     2      6\n"
        "students served                      0      0     0      0\n"
        "stage moves                          0      0     0      0\n"
        "new partners                         2      2     2      6\n"
        "overdue                              2      2     2      6\n"
        "due                                  1      1     0      2\n"
        "spotlights published                 0      0     0      0\n"
        "agreements expiring                  0      0     0      0\n"
        "pathways with no active partner      0      0     1      1\n"
        "\n"
        "north: North High\n"
        "south: South High\n"
        "east: east\n"
    )
    doc = json.loads(run_cli(["report", "--format", "json", *TODAY]).stdout)
    assert [s["id"] for s in doc["schools"]] == ["north", "south", "east"]
    assert doc["total"]["touches"] == 6 and doc["schools"][1]["active"] == 1


def test_due_owner_works_across_the_schools_and_its_commands_run_there(district: Path) -> None:
    result = run_cli(["due", "--owner", "jlee", *TODAY])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    subjects = [line.split()[2] for line in lines if not line.startswith(" ")]
    assert sorted(subjects) == ["east:tire-town", "east:vet-clinic", "north:acme"]
    assert "  → partnerctl -C ../north-high snooze acme +1w" in lines
    doc = json.loads(run_cli(["due", "--owner", "jlee", "--format", "json", *TODAY]).stdout)
    assert {(i["school"], i["partner"]) for i in doc["items"]} == {
        ("north", "acme"), ("east", "tire-town"), ("east", "vet-clinic")
    }  # fmt: skip
    # the command as printed, pasted in the district's folder, acts on North's partner
    words = shlex.split("partnerctl -C ../north-high snooze acme +1w")
    snoozed = run_cli([*words[1:], *TODAY])
    assert snoozed.exit_code == 0, snoozed.stderr
    acme = (district.parent / "north-high/partners/acme.yaml").read_text(encoding="utf-8")
    assert "next: {date: 2026-12-01, action: Send the shadow dates}" in acme


def test_an_owner_of_no_school_is_refused_with_a_did_you_mean(district: Path) -> None:
    result = run_cli(["due", "--owner", "mortz", *TODAY])
    assert result.exit_code == 2
    assert (
        "--owner: 'mortz' is not one of partnerctl.yaml's owners (did you mean 'mortiz'?)"
        in result.stderr
    )


def test_a_school_that_is_not_there_is_an_error_at_its_path(district: Path) -> None:
    settings = district / "partnerctl.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("../east-high", "../west-high"), "utf-8"
    )
    checked = run_cli(["validate", *TODAY])
    assert checked.exit_code == 1
    assert (
        "partnerctl.yaml:6:22: error: schools[2].path: school east: '../west-high' is not a "
        "partnerctl workspace (no such folder) (give the folder of the school's workspace (its "
        "clone), relative to this one)"
    ) in checked.stderr
    report = run_cli(["report", *TODAY])
    assert report.exit_code == 2
    assert (
        "east: east\n?: the school's workspace could not be read (see the errors)\n"
        in report.stdout
    )
    assert "partners                             2      2     ?      4\n" in report.stdout


def test_a_districts_settings_pass_the_editors_json_schema(district: Path) -> None:
    from tests.test_schema import load12, validator

    assert list(validator("settings").iter_errors(load12(district / "partnerctl.yaml"))) == []
    bad = {"program": "D", "schools": [{"id": "north", "folder": "../north"}]}
    assert list(validator("settings").iter_errors(bad))  # `path`, not `folder`


def test_bad_schools_entries_are_located_errors(district: Path) -> None:
    settings = district / "partnerctl.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("{id: east,", "{id: north,"), encoding="utf-8")
    found = run_cli(["validate", *TODAY])
    assert found.exit_code == 1
    assert (
        "partnerctl.yaml:6:10: error: schools[2].id: school id 'north' is used twice "
        "(give each school its own id)"
    ) in found.stderr
    settings.write_text(text.replace("{id: east,", "{id: East High,"), encoding="utf-8")
    found = run_cli(["validate", *TODAY])
    assert found.exit_code == 1
    assert "partnerctl.yaml:6:10: error: schools[2].id: 'East High' is not a valid school id" in (
        found.stderr
    )
