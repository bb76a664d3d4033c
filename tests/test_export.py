"""`partnerctl export`: CSV and JSON, formula-safe cells, round trips through `import`."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import DATA, copy_data, run_cli

from partnerctl.core.exchange import FORMULA_START, protect_cell, unprotect_cell

WS = str(DATA / "report-basic")

HEADER = (
    "id,name,industry,pathways,stage,owner,since,distance_miles,relationship,early_adopter,"
    "tags,best_time,channel,contact_name,contact_role,contact_email,contact_phone,last_touch,"
    "next_date,next_action,notes\n"
)


def test_csv_export() -> None:
    result = run_cli(["-C", WS, "export"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == HEADER + (
        "bolt-electric,Bolt Electric,construction,automotive;digital-media,committed,jlee,"
        "2026-09-15,,,false,,,,Pat Bolt,Owner,pat@bolt.example,,2026-11-22,2026-12-01,"
        "Plan spring shadow dates,\n"
        "harbor-bakery,Harbor Bakery,food service,,prospect,jlee,2026-11-19,,Alumni parent,"
        "false,,,,,,,,,,,\n"
        "old-mill,Old Mill Lumber,construction,,declined,mortiz,,,,false,,,,,,,,2026-11-23,,,\n"
        "pixel-studio,Pixel Studio,marketing,digital-media,active,mortiz,2026-03-01,,,false,,,,"
        "Ari Kim,Owner,ari@pixel.example,'-555-0199,2026-11-20,,,\n"
        "riverside-auto,Riverside Auto Group,automotive,automotive,meeting,jlee,2026-09-01,2.4,,"
        "true,chamber;family-owned,10:30,email,Dana Ortiz,Service Manager,dana@example.com,"
        "555-0142,2026-11-18,2026-11-20,Call Dana about spring shadow dates,\n"
    )


def test_no_contacts_drops_emails_and_phones() -> None:
    for fmt in ("csv", "json"):
        result = run_cli(["-C", WS, "export", "--no-contacts", "--format", fmt])
        assert result.exit_code == 0
        assert "@" not in result.stdout
        assert "555-01" not in result.stdout
        assert "Dana Ortiz" in result.stdout
    header = run_cli(["-C", WS, "export", "--no-contacts"]).stdout.splitlines()[0]
    assert "contact_email" not in header and "contact_phone" not in header
    assert "contact_name" in header


def test_json_export_is_sorted_complete_and_stable() -> None:
    first = run_cli(["-C", WS, "export", "--format", "json"]).stdout
    assert first == run_cli(["-C", WS, "export", "--format", "json"]).stdout
    doc = json.loads(first)
    assert doc["version"] == 1
    assert [p["id"] for p in doc["partners"]] == sorted(p["id"] for p in doc["partners"])
    riverside = next(p for p in doc["partners"] if p["id"] == "riverside-auto")
    assert list(riverside)[:3] == ["id", "name", "industry"]
    assert "file" not in riverside
    assert riverside["best_time"] == "10:30"
    assert riverside["distance_miles"] == 2.4
    assert riverside["touchpoints"][1]["stage"] == "meeting"
    assert set(doc) == {"version", "partners", "errors"}
    assert doc["errors"] == []


def test_json_export_imported_into_an_empty_workspace_exports_identically(
    tmp_path: Path,
) -> None:
    exported = run_cli(["-C", WS, "export", "--format", "json"]).stdout
    (tmp_path / "partners.json").write_text(exported, encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    shutil.copy(DATA / "report-basic" / "partnerctl.yaml", empty)
    result = run_cli(["-C", str(empty), "import", str(tmp_path / "partners.json")])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("5 new, 0 updated, 0 unchanged\n")
    assert run_cli(["-C", str(empty), "export", "--format", "json"]).stdout == exported
    assert run_cli(["-C", str(empty), "validate"]).exit_code == 0


def test_csv_export_imports_back_with_no_change(tmp_path: Path) -> None:
    ws = copy_data("report-basic", tmp_path)
    before = {p.name: p.read_bytes() for p in (ws / "partners").iterdir()}
    exported = tmp_path / "partners.csv"
    exported.write_text(run_cli(["-C", str(ws), "export"]).stdout, encoding="utf-8")
    result = run_cli(["-C", str(ws), "import", str(exported)])
    assert (result.exit_code, result.stdout) == (0, "0 new, 0 updated, 5 unchanged\n")
    assert {p.name: p.read_bytes() for p in (ws / "partners").iterdir()} == before


RISKY = {
    "name": "=SUM(A1:A9)",
    "relationship": "'=already quoted",
    "best_time": "@noon",
    "notes": "+1 more",
}


def test_formula_cells_are_neutralized_and_round_trip(tmp_path: Path) -> None:
    ws = copy_data("report-basic", tmp_path)
    (ws / "partners" / "risky.yaml").write_text(
        "name: '=SUM(A1:A9)'\n"
        "stage: prospect\n"
        'relationship: "\'=already quoted"\n'
        "best_time: '@noon'\n"
        "notes: '+1 more'\n"
        "tags: ['-x']\n"
        "contacts:\n"
        "  - {name: '-Dee', phone: '-555', email: 'd@example.com', decision_maker: true}\n",
        encoding="utf-8",
    )
    before = (ws / "partners" / "risky.yaml").read_bytes()
    text = run_cli(["-C", str(ws), "export"]).stdout
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["id"] == "risky")
    assert row["name"] == "'=SUM(A1:A9)"
    assert row["relationship"] == "''=already quoted"
    assert row["best_time"] == "'@noon"
    assert row["notes"] == "'+1 more"
    assert row["tags"] == "'-x"
    assert row["contact_name"] == "'-Dee"
    assert row["contact_phone"] == "'-555"
    for cell in row.values():
        assert not cell.startswith(FORMULA_START)
    (tmp_path / "back.csv").write_text(text, encoding="utf-8")
    result = run_cli(["-C", str(ws), "import", str(tmp_path / "back.csv")])
    assert result.stdout == "0 new, 0 updated, 6 unchanged\n"
    assert (ws / "partners" / "risky.yaml").read_bytes() == before
    # and into an empty workspace: the values come back exactly
    empty = tmp_path / "empty"
    empty.mkdir()
    shutil.copy(ws / "partnerctl.yaml", empty)
    assert run_cli(["-C", str(empty), "import", str(tmp_path / "back.csv")]).exit_code == 0
    doc = json.loads(run_cli(["-C", str(empty), "export", "--format", "json"]).stdout)
    risky = next(p for p in doc["partners"] if p["id"] == "risky")
    for key, value in RISKY.items():
        assert risky[key] == value
    assert risky["contacts"][0]["phone"] == "-555"
    assert risky["contacts"][0]["name"] == "-Dee"


@given(st.text(alphabet=st.sampled_from(["'", "=", "+", "-", "@", "\t", "\r", "a", " ", "1"])))
def test_protect_then_unprotect_is_exact(text: str) -> None:
    protected = protect_cell(text)
    assert unprotect_cell(protected) == text
    assert not protected.startswith(FORMULA_START)


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = run_cli(["-C", WS, "export", "-o", str(target)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert target.read_text(encoding="utf-8").startswith(HEADER)


def test_export_format_is_checked() -> None:
    result = run_cli(["-C", WS, "export", "--format", "ics"])
    assert result.exit_code == 2
    assert "--format: 'ics' is not a format of this command" in result.stderr


def test_output_file_format_follows_its_extension(tmp_path: Path) -> None:
    as_json = tmp_path / "partners.json"
    result = run_cli(["-C", WS, "export", "-o", str(as_json)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    to_stdout = run_cli(["-C", WS, "export", "--format", "json"]).stdout
    assert json.loads(to_stdout)["version"] == 1
    assert as_json.read_text(encoding="utf-8") == to_stdout
    # An extension that is none of export's formats gets its default, CSV.
    as_text = tmp_path / "partners.txt"
    result = run_cli(["-C", WS, "export", "-o", str(as_text)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert as_text.read_text(encoding="utf-8").startswith(HEADER)


def test_format_wins_over_the_extension_with_a_warning(tmp_path: Path) -> None:
    target = tmp_path / "partners.json"
    result = run_cli(["-C", WS, "export", "--format", "csv", "-o", str(target)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"warning: -o: writing csv to {target} as --format says, not json\n"
    assert target.read_text(encoding="utf-8").startswith(HEADER)
