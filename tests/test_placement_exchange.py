"""`export --placements` and `import` of placements: CSV and JSON, round trips, refusals.

The CSV is also taken through LibreOffice (convert to xlsx and back, as a
director's spreadsheet would) and imported again with no change; skipped
where soffice is not installed.
"""
# ruff: noqa: E501  (whole lines of expected output read best unbroken)

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES, copy_data, file_tree, run_cli

T = "2026-11-24"
HEADER = (
    "id,partner,pathway,kind,student,supervisor,start,end,planned_hours,hazardous,outcome,"
    "hours_logged,hours,paperwork,evaluation_date,overall,would_hire,scores"
)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("wbl-basic", tmp_path)


def cli(ws: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(["-C", str(ws), "--today", T, *args])


def test_csv_export_whole(ws: Path) -> None:
    result = cli(ws, "export", "--placements")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"{HEADER}\n"
        "bolt-motors-2026-10,bolt-motors,automotive,internship,S-1001,Dana Ortiz,2026-10-05,2027-01-22,100,,,12,2026-10-09 6; 2026-10-16 6,training-agreement 2026-09-28; parent-consent 2026-09-28,,,,\n"
        "pine-clinic-2026-12,pine-clinic,health,job-shadow,S-1002,Lena Fox,2026-12-01,2026-12-03,,,,0,,,,,,\n"
    )
    hidden = cli(ws, "export", "--placements", "--no-students").stdout
    assert hidden.splitlines()[0] == HEADER.replace("student,", "")
    assert "S-100" not in hidden


def test_json_export_and_import_into_an_empty_workspace_exports_identically(
    ws: Path, tmp_path: Path
) -> None:
    out = tmp_path / "placements.json"
    assert cli(ws, "export", "--placements", "-o", str(out)).exit_code == 0
    doc = json.loads(out.read_text())
    assert doc["placements"][0]["hours"] == [
        {"date": "2026-10-09", "hours": 6},
        {"date": "2026-10-16", "hours": 6},
    ]
    empty = tmp_path / "empty"
    (empty / "placements").mkdir(parents=True)
    shutil.copytree(ws / "partners", empty / "partners")
    shutil.copy(ws / "partnerctl.yaml", empty / "partnerctl.yaml")
    result = cli(empty, "import", str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "created placements/bolt-motors-2026-10.yaml\n"
        "created placements/pine-clinic-2026-12.yaml\n"
        "2 new, 0 updated, 0 unchanged placements\n"
    )
    assert cli(empty, "export", "--placements", "--format", "json").stdout == out.read_text()
    assert (empty / "placements/pine-clinic-2026-12.yaml").read_text() == (
        "# yaml-language-server: $schema=../.partnerctl/schema/placement.schema.json\n"
        "partner: pine-clinic\npathway: health\nkind: job-shadow\nstudent: S-1002\n"
        "supervisor: Lena Fox\nstart: 2026-12-01\nend: 2026-12-03\n"
    )


def test_a_csv_import_updates_only_what_changed_and_keeps_comments(
    ws: Path, tmp_path: Path
) -> None:
    rows = cli(ws, "export", "--placements").stdout.splitlines()
    rows[1] = (
        rows[1]
        .replace("2026-10-16 6", "2026-10-16 6; 2026-10-23 5.5")
        .replace(",,,,", ",2027-01-22,meets,yes,attendance 5; safety 4")
    )
    sheet = tmp_path / "in.csv"
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    before = (ws / "placements/bolt-motors-2026-10.yaml").read_text()
    dry = cli(ws, "import", str(sheet), "--dry-run")
    assert dry.stdout == (
        "would update placements/bolt-motors-2026-10.yaml:\n"
        "  hours: '2026-10-09 6; 2026-10-16 6' -> '2026-10-09 6; 2026-10-16 6; 2026-10-23 5.5'\n"
        "  evaluation: (none) -> '2027-01-22 meets yes attendance 5; safety 4'\n"
        "0 new, 1 updated, 1 unchanged placements\n"
        "dry run: nothing written (1 file would change)\n"
    )
    assert (ws / "placements/bolt-motors-2026-10.yaml").read_text() == before
    result = cli(ws, "import", str(sheet))
    assert (result.exit_code, result.stderr) == (0, "")
    after = (ws / "placements/bolt-motors-2026-10.yaml").read_text()
    assert after.startswith("# The fall internship; Dana sends hours weekly.\n")
    assert "  - {kind: training-agreement, date: 2026-09-28}   # signed by all four\n" in after
    assert "hours: 5.5" in after and "overall: meets" in after and 'would_hire: "yes"' in after
    again = cli(ws, "import", str(sheet))
    assert again.stdout == "0 new, 0 updated, 2 unchanged placements\n"


IMPORT_ERRORS = {
    "a name for a student": (
        lambda r: r.replace("S-1001", "Maria Lopez"),
        "in.csv:2: error: student: 'Maria Lopez' looks like a name: it does not match student_code '^S-[0-9]{4}$' (student privacy) (placements keep only the program's pseudonymous student code, never a name or a student number; the link from code to student stays in the student information system)",
    ),
    "a notes column": (
        lambda r: r.replace(",scores\n", ",notes\n", 1),
        "in.csv:1: error: column 'notes': a placements file keeps no names and no notes about a student (student privacy: a placement keeps only the program's pseudonymous code in `student:`; names, numbers and notes about a student stay in the student information system)",
    ),
    "a column misspelt": (
        lambda r: r.replace(",supervisor,", ",supervisr,", 1),
        "in.csv:1: error: unknown column 'supervisr' (did you mean 'supervisor'?)",
    ),
    "an hours cell that does not read": (
        lambda r: r.replace("2026-10-16 6", "2026-10-16 six hours"),
        "in.csv:2: error: hours: '2026-10-16 six hours' is not `DATE HOURS`, e.g. `2026-09-30 6.5`",
    ),
    "a supervisor who is no contact": (
        lambda r: r.replace("Dana Ortiz", "Dana Ortis"),
        "in.csv:2: error: supervisor: 'Dana Ortis' is not a contact of bolt-motors (did you mean 'Dana Ortiz'?)",
    ),
    "a score out of range": (
        lambda r: r.replace(",,,,\n", ",2027-01-22,meets,,safety 7\n", 1),
        "in.csv:2: error: scores: '7' is too large: it must be at most 5",
    ),
}


@pytest.mark.parametrize("case", list(IMPORT_ERRORS))
def test_a_bad_row_means_nothing_is_written(
    ws: Path, tmp_path: Path, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    change, message = IMPORT_ERRORS[case]
    text = cli(ws, "export", "--placements").stdout
    sheet = tmp_path / "in.csv"
    sheet.write_text(change(text), encoding="utf-8")
    before = file_tree(ws)
    monkeypatch.chdir(tmp_path)  # the file as a director names it, `in.csv`
    result = cli(ws, "import", "in.csv")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        message,
        "error: nothing was written: in.csv has errors (fix the rows above and import again)",
    ]
    assert file_tree(ws) == before


def test_an_export_of_placements_inside_the_workspace_warns(ws: Path) -> None:
    result = cli(ws, "export", "--placements", "-o", str(ws / "placements.csv"))
    assert result.exit_code == 0
    assert result.stderr == (
        f"warning: -o: {ws / 'placements.csv'} is inside the workspace: an export of placements "
        "holds student codes; keep it outside, where git and `partnerctl sync` never carry it\n"
    )


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_round_trip_changes_nothing(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES, ws)
    sheet = tmp_path / "placements.csv"
    assert cli(ws, "export", "--placements", "-o", str(sheet)).exit_code == 0
    assert SOFFICE is not None
    profile = f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}"
    for target, source, folder in (
        ("xlsx", sheet, tmp_path / "xlsx"),
        (
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            tmp_path / "xlsx/placements.xlsx",
            tmp_path / "back",
        ),
    ):
        done = subprocess.run(
            [SOFFICE, "--headless", "--norestore", profile, "--convert-to", target,
             "--outdir", str(folder), str(source)],
            capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
    back = tmp_path / "back/placements.csv"
    assert back.read_text(encoding="utf-8") != sheet.read_text(encoding="utf-8")  # requoted
    result = cli(ws, "import", str(back))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "0 new, 0 updated, 4 unchanged placements\n"
