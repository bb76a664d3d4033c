"""Export, open and save in real LibreOffice (headless), import: nothing changes.

`soffice --headless --convert-to` loads the exported file as the spreadsheet
would when a director opens it, and saves it again: xlsx as xlsx, CSV as CSV
(with and without "detect special numbers", the setting that turns `10:30`
into `10:30:00 AM`). Skipped, with a message, where LibreOffice is missing;
`.ci/run` installs Debian's libreoffice-calc-nogui.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.conftest import EXAMPLES, copy_data, run_cli

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui",
)

# CSV filter options: comma, double quote, UTF-8 (76), from line 1, no column types,
# English (US) (1033), quoted cells not forced to text, then "detect special numbers".
CSV_OPEN_DETECTING = "CSV:44,34,76,1,,1033,false,true"
# Saving: the same, text cells quoted only where they must be, cells saved as shown.
CSV_SAVE = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,false,true"
XLSX_SAVE = "xlsx:Calc MS Excel 2007 XML"
HINT = " (xlsx keeps text as written: partnerctl export -o partners.xlsx)"


@pytest.fixture(scope="session")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """LibreOffice's user profile: one per test process, so parallel workers share no lock."""
    return tmp_path_factory.mktemp("libreoffice-profile")


def resave(source: Path, target: str, profile: Path, infilter: str | None = None) -> Path:
    """`source` opened and saved again by LibreOffice, as a director would; the new file."""
    assert SOFFICE is not None
    out = source.parent / "saved-by-libreoffice"
    out.mkdir(exist_ok=True)
    command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    if infilter is not None:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target, "--outdir", str(out), str(source)]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, cwd=source.parent
    )
    saved = out / source.name
    assert done.returncode == 0 and saved.exists(), (done.stdout, done.stderr)
    return saved


def snapshot(ws: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((ws / "partners").iterdir())}


def test_xlsx_saved_by_libreoffice_imports_with_no_change(tmp_path: Path, profile: Path) -> None:
    ws = copy_data("sheets-basic", tmp_path)
    before = snapshot(ws)
    exported = tmp_path / "partners.xlsx"
    assert run_cli(["-C", str(ws), "export", "-o", str(exported)]).exit_code == 0
    saved = resave(exported, XLSX_SAVE, profile)
    assert saved.read_bytes() != exported.read_bytes()
    # LibreOffice kept the text cells text and the dates dates.
    sheet = load_workbook(saved)["partners"]
    assert [sheet["A2"].value, sheet["L2"].value, sheet["Q2"].value] == [
        "0123",
        "10:30",
        "01174960018",
    ]
    assert sheet["A2"].data_type == "s" and sheet["G2"].is_date
    assert sheet["T2"].value == "=Call Ann back" and sheet["T2"].data_type == "s"
    result = run_cli(["-C", str(ws), "import", str(saved)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "0 new, 0 updated, 4 unchanged\n",
        "",
    )
    assert snapshot(ws) == before


def test_the_examples_survive_libreoffice_as_xlsx(tmp_path: Path, profile: Path) -> None:
    ws = tmp_path / "examples"
    shutil.copytree(EXAMPLES, ws)
    before = snapshot(ws)
    exported = tmp_path / "partners.xlsx"
    assert run_cli(["-C", str(ws), "export", "-o", str(exported)]).exit_code == 0
    result = run_cli(["-C", str(ws), "import", str(resave(exported, XLSX_SAVE, profile))])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "0 new, 0 updated, 19 unchanged\n",
        "",
    )
    assert snapshot(ws) == before


def test_csv_saved_by_libreoffice_detecting_special_numbers_imports_with_no_change(
    tmp_path: Path, profile: Path
) -> None:
    """The issue's round trip: 10:30 → 10:30:00 AM, 01174960018 → 1174960018, true → TRUE."""
    ws = copy_data("sheets-basic", tmp_path)
    before = snapshot(ws)
    exported = tmp_path / "partners.csv"
    exported.write_text(run_cli(["-C", str(ws), "export"]).stdout, encoding="utf-8")
    saved = resave(exported, CSV_SAVE, profile, CSV_OPEN_DETECTING)
    text = saved.read_text(encoding="utf-8")
    for rewritten in ("\n123,Zero Lead", ",10:30:00 AM,", ",1174960018,", ",TRUE,", "Café Noël"):
        assert rewritten in text  # LibreOffice really did rewrite (and keep) these
    result = run_cli(["-C", str(ws), "import", str(saved)])
    assert (result.exit_code, result.stdout) == (0, "0 new, 0 updated, 4 unchanged\n")
    assert result.stderr.splitlines() == [
        f"{saved}:2: warning: id: read as '0123': '123' is the same number, as a spreadsheet "
        "rewrites it" + HINT,
        f"{saved}:2: warning: best_time: kept '10:30': '10:30:00 AM' is the same time, as a "
        "spreadsheet rewrites it" + HINT,
        f"{saved}:2: warning: contact_phone: kept '01174960018': '1174960018' is the same "
        "number, as a spreadsheet rewrites it" + HINT,
    ]
    assert snapshot(ws) == before


def test_csv_saved_by_libreoffice_with_its_defaults_imports_with_no_change(
    tmp_path: Path, profile: Path
) -> None:
    ws = tmp_path / "examples"
    shutil.copytree(EXAMPLES, ws)
    shutil.copy(Path(__file__).parent / "data/sheets-basic/partners/0123.yaml", ws / "partners")
    before = snapshot(ws)
    exported = tmp_path / "partners.csv"
    exported.write_text(run_cli(["-C", str(ws), "export"]).stdout, encoding="utf-8")
    saved = resave(exported, "csv", profile)  # LibreOffice's own defaults, both ways
    assert saved.read_text(encoding="utf-8") != exported.read_text(encoding="utf-8")
    result = run_cli(["-C", str(ws), "import", str(saved)])
    assert (result.exit_code, result.stdout) == (0, "0 new, 0 updated, 20 unchanged\n")
    assert result.stderr.splitlines() == [
        f"{saved}:2: warning: id: read as '0123': '123' is the same number, as a spreadsheet "
        "rewrites it" + HINT,
        f"{saved}:2: warning: contact_phone: kept '01174960018': '1174960018' is the same "
        "number, as a spreadsheet rewrites it" + HINT,
    ]
    assert snapshot(ws) == before
