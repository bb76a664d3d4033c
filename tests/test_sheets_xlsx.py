"""`export`/`import` as xlsx: text cells typed as text, dates as dates, errors by sheet row."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import datetime, time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from tests.conftest import copy_data, run_cli
from tests.processes import cli_env

from partnerctl.core.exchange import COLUMNS


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("sheets-basic", tmp_path)


def snapshot(ws: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((ws / "partners").iterdir())}


def export_xlsx(ws: Path, target: Path) -> Path:
    result = run_cli(["-C", str(ws), "export", "-o", str(target)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    return target


def sheet_rows(path: Path) -> dict[str, dict[str, Any]]:
    """The cells of each row by id, then column: (value, data_type, number_format)."""
    sheet = load_workbook(path)["partners"]
    header = [cell.value for cell in sheet[1]]
    rows: dict[str, dict[str, Any]] = {}
    for cells in sheet.iter_rows(min_row=2):
        row = {
            h: (c.value, c.data_type, c.number_format) for h, c in zip(header, cells, strict=True)
        }
        rows[row["id"][0]] = row
    return rows


def make_workbook(path: Path, rows: list[list[Any]], title: str = "partners") -> str:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return str(path)


def test_text_stays_text_and_dates_are_dates(ws: Path, tmp_path: Path) -> None:
    path = export_xlsx(ws, tmp_path / "partners.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["partners"]
    sheet = book["partners"]
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    assert sheet.freeze_panes == "B2"
    rows = sheet_rows(path)
    zero, cafe = rows["0123"], rows["cafe-noel"]
    assert zero["id"] == ("0123", "s", "@")
    assert zero["best_time"] == ("10:30", "s", "@")
    assert zero["contact_phone"] == ("01174960018", "s", "@")
    assert zero["next_action"] == ("=Call Ann back", "s", "@")  # text, never a formula
    assert zero["tags"] == ("a\\;b;C:\\\\temp;chamber", "s", "@")
    assert zero["since"] == (datetime(2024, 9, 1), "d", "yyyy-mm-dd")
    assert zero["last_touch"] == (datetime(2026, 11, 2), "d", "yyyy-mm-dd")
    assert zero["distance_miles"] == (2.4, "n", "General")
    assert zero["early_adopter"] == (True, "b", "General")
    assert cafe["relationship"] == ("'=already quoted", "s", "@")  # no CSV guard in xlsx
    assert cafe["contact_phone"] == ("-555-0199", "s", "@")
    assert cafe["notes"][0] == 'Prefers email.\nAsk about "Saturday" shifts, twice\n'
    assert cafe["name"][0] == "Café Noël"
    # Whole columns carry the formats, for rows typed in later.
    assert sheet.column_dimensions["A"].number_format == "@"
    assert sheet.column_dimensions["G"].number_format == "yyyy-mm-dd"


def test_xlsx_imports_back_with_no_change(ws: Path, tmp_path: Path) -> None:
    before = snapshot(ws)
    path = export_xlsx(ws, tmp_path / "partners.xlsx")
    result = run_cli(["-C", str(ws), "import", str(path)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "0 new, 0 updated, 4 unchanged\n",
        "",
    )
    assert snapshot(ws) == before
    # Into an empty workspace: the same rows come out again.
    empty = tmp_path / "empty"
    (empty / "partners").mkdir(parents=True)
    (empty / "partnerctl.yaml").write_bytes((ws / "partnerctl.yaml").read_bytes())
    result = run_cli(["-C", str(empty), "import", str(path)])
    assert result.stdout.endswith("4 new, 0 updated, 0 unchanged\n"), result.stderr
    assert run_cli(["-C", str(empty), "export"]).stdout == run_cli(["-C", str(ws), "export"]).stdout
    assert run_cli(["-C", str(empty), "validate"]).exit_code == 0


def test_cells_a_person_typed_are_read_as_they_mean(ws: Path, tmp_path: Path) -> None:
    """Typed cells (a number, a time, a true/false formula as LibreOffice saves it) in a sheet."""
    path = make_workbook(
        tmp_path / "typed.xlsx",
        [
            ["id", "best_time", "contact_name", "contact_phone", "early_adopter", "since"],
            ["0123", time(10, 30), "Ann Zero", 1174960018, "=TRUE()", datetime(2024, 9, 1)],
            ["cafe-noel", "Tue-Thu before 10am", "Noël Martin", "-555-0199", False, "2026-10-05"],
        ],
    )
    before = snapshot(ws)
    result = run_cli(["-C", str(ws), "import", path])
    assert (result.exit_code, result.stdout) == (0, "0 new, 0 updated, 2 unchanged\n")
    assert result.stderr == (
        f"{path}:2: warning: contact_phone: kept '01174960018': '1174960018' is the same "
        "number, as a spreadsheet rewrites it "
        "(xlsx keeps text as written: partnerctl export -o partners.xlsx)\n"
    )
    assert snapshot(ws) == before


def test_errors_name_the_sheet_row_and_column(ws: Path, tmp_path: Path) -> None:
    before = snapshot(ws)
    path = make_workbook(
        tmp_path / "bad.xlsx",
        [
            ["id", "name", "stage", "since", "notes"],
            ["new-co", "New Co", "prospect", "2026-11-01", None],
            ["acme", "Acme", "prospekt", "9/1/2024", "=1+1"],
            [],
            ["err-co", "Err Co", "prospect", None, "#N/A"],
            ["wide-co", "Wide Co", "prospect", None, None, "stray"],
        ],
    )
    result = run_cli(["-C", str(ws), "import", path])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:3: error: notes: holds a formula (=1+1); import reads values (replace it by its "
        "value (copy, then paste special: values only))",
        f"{path}:5: error: notes: holds the error value #N/A",
        f"{path}:6: error: a cell right of the last column (notes) (give it a header)",
        f"error: nothing was written: {path} has errors (fix the rows above and import again)",
    ]
    assert snapshot(ws) == before
    fixed = make_workbook(
        tmp_path / "bad.xlsx",
        [["id", "name", "stage", "since"], ["acme", "Acme", "prospekt", "9/1/2024"]],
    )
    assert run_cli(["-C", str(ws), "import", fixed]).stderr.splitlines()[:2] == [
        f"{fixed}:2: error: since: '9/1/2024' is not a YYYY-MM-DD date (if it means 2024-09-01 "
        "(month first), import with --date-format mdy; if it means 2024-01-09 (day first), "
        "import with --date-format dmy; or format the column as YYYY-MM-DD in the spreadsheet)",
        f"{fixed}:2: error: stage: 'prospekt' is not a stage (did you mean 'prospect'?)",
    ]
    result = run_cli(["-C", str(ws), "import", fixed, "--date-format", "mdy", "--dry-run"])
    assert result.stderr.splitlines()[0] == (
        f"{fixed}:2: error: stage: 'prospekt' is not a stage (did you mean 'prospect'?)"
    )


def test_the_partners_sheet_is_read_and_a_broken_file_is_refused(ws: Path, tmp_path: Path) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "read me"
    first.append(["this sheet is notes"])
    book.create_sheet("partners").append(["id", "name", "stage"])
    book["partners"].append(["new-co", "New Co", "prospect"])
    book.save(tmp_path / "two.xlsx")
    result = run_cli(["-C", str(ws), "import", str(tmp_path / "two.xlsx"), "--dry-run"])
    assert result.stdout.startswith("would create partners/new-co.yaml\n"), result.stderr
    (tmp_path / "not.xlsx").write_text("id,name\n", encoding="utf-8")
    result = run_cli(["-C", str(ws), "import", str(tmp_path / "not.xlsx")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'not.xlsx'}: error: not an xlsx workbook: ")
    assert "(save it from the spreadsheet as an Excel workbook (.xlsx))" in result.stderr
    empty = make_workbook(tmp_path / "empty.xlsx", [])
    result = run_cli(["-C", str(ws), "import", empty])
    assert result.stderr.startswith(f"{empty}: error: the sheet is empty (export one to start)")
    headers = make_workbook(tmp_path / "h.xlsx", [["id", "Stage"], ["0123", "active"]])
    assert f"{headers}:1: error: unknown column 'Stage' (did you mean 'stage'?)" in (
        run_cli(["-C", str(ws), "import", headers]).stderr
    )


def test_text_an_xlsx_cannot_hold_refuses_the_export(ws: Path, tmp_path: Path) -> None:
    (ws / "partners" / "odd.yaml").write_text(
        'name: "Odd\\e[31m Co"\nstage: prospect\n', encoding="utf-8"
    )
    target = tmp_path / "partners.xlsx"
    result = run_cli(["-C", str(ws), "export", "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "partners/odd.yaml: error: name: holds the control character U+001B, which xlsx cannot "
        "(remove it from the file, or export csv or json, which keep it)",
        "error: nothing was written: xlsx cannot hold the text above",
    ]
    assert not target.exists()
    assert run_cli(["-C", str(ws), "export", "-o", str(tmp_path / "p.csv")]).exit_code == 0


def run_process(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "partnerctl", *args],
        env=cli_env(),
        capture_output=kwargs.pop("capture_output", True),
        timeout=120,
        check=False,
        **kwargs,
    )


def test_xlsx_on_stdout_is_a_workbook_in_a_pipe_and_refused_on_a_terminal(ws: Path) -> None:
    piped = run_process(["-C", str(ws), "export", "--format", "xlsx"])
    assert piped.returncode == 0, piped.stderr
    sheet = load_workbook(io.BytesIO(piped.stdout))["partners"]
    assert sheet["A2"].value == "0123"
    import pty

    leader, follower = pty.openpty()
    try:
        done = run_process(
            ["-C", str(ws), "export", "--format", "xlsx"],
            stdout=follower,
            stderr=subprocess.PIPE,
            capture_output=False,
        )
    finally:
        os.close(follower)
    try:
        printed = os.read(leader, 4096)
    except OSError:  # Linux: nothing was written to the terminal
        printed = b""
    os.close(leader)
    assert (done.returncode, printed) == (2, b"")
    assert done.stderr.decode() == (
        "error: xlsx is a binary file (write it to a file: -o partners.xlsx)\n"
    )


def test_import_goes_by_the_xlsx_extension_or_format(ws: Path, tmp_path: Path) -> None:
    path = export_xlsx(ws, tmp_path / "partners.xlsx")
    renamed = tmp_path / "partners.sheet"
    renamed.write_bytes(path.read_bytes())
    result = run_cli(["-C", str(ws), "import", str(renamed)])
    assert "add --format csv, --format xlsx or --format json" in result.stderr
    result = run_cli(["-C", str(ws), "import", str(renamed), "--format", "xlsx"])
    assert (result.exit_code, result.stdout) == (0, "0 new, 0 updated, 4 unchanged\n")


def test_the_workbook_is_dated_today_so_the_same_day_gives_the_same_bytes(
    ws: Path, tmp_path: Path
) -> None:
    import zipfile

    def export(name: str) -> Path:
        target = tmp_path / name
        result = run_cli(["-C", str(ws), "--today", "2026-11-24", "export", "-o", str(target)])
        assert result.exit_code == 0, result.stderr
        return target

    first = export("first.xlsx")
    with zipfile.ZipFile(first) as archive:  # every entry, the sheet written via a file too
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 24, 0, 0, 0)}
    book = load_workbook(first)
    assert book.properties.created == book.properties.modified == datetime(2026, 11, 24)
    assert export("second.xlsx").read_bytes() == first.read_bytes()
