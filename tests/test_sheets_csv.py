"""CSV import fixes: `;` in list items, contacts found by name, last_touch, column names,
US dates and --date-format, and the cells a spreadsheet rewrites."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import copy_data, run_cli

from partnerctl.core.exchange import join_items, split_items
from partnerctl.core.sheets import shortened_number, spreadsheet_spelling
from partnerctl.dates import sheet_date, sheet_date_readings


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("sheets-basic", tmp_path)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def snapshot(ws: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((ws / "partners").iterdir())}


def partner_json(ws: Path, partner_id: str) -> dict[str, object]:
    doc = json.loads(run_cli(["-C", str(ws), "export", "--format", "json"]).stdout)
    found: dict[str, object] = next(p for p in doc["partners"] if p["id"] == partner_id)
    return found


# --- list items holding `;` --------------------------------------------------


items = st.lists(
    st.text(alphabet=st.sampled_from(["a", "b", ";", "\\", " ", "é"]), min_size=1).filter(
        lambda t: t.strip() == t and t
    )
)


@given(items)
def test_list_items_survive_a_cell(values: list[str]) -> None:
    assert split_items(join_items(values)) == values


def test_list_cell_escapes_and_reads_hand_typed_backslashes() -> None:
    assert join_items(["a;b", "C:\\temp", "chamber"]) == "a\\;b;C:\\\\temp;chamber"
    assert split_items("C:\\docs; x ;;") == ["C:\\docs", "x"]
    assert split_items("ends with\\") == ["ends with\\"]


def test_a_tag_holding_a_semicolon_round_trips(ws: Path, tmp_path: Path) -> None:
    exported = run_cli(["-C", str(ws), "export"]).stdout
    assert ",a\\;b;C:\\\\temp;chamber," in exported
    data = write(tmp_path, "p.csv", exported)
    result = run_cli(["-C", str(ws), "import", data])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "0 new, 0 updated, 4 unchanged\n",
        "",
    )
    empty = tmp_path / "empty"
    (empty / "partners").mkdir(parents=True)
    (empty / "partnerctl.yaml").write_bytes((ws / "partnerctl.yaml").read_bytes())
    assert run_cli(["-C", str(empty), "import", data]).exit_code == 0
    assert partner_json(empty, "0123")["tags"] == ["a;b", "C:\\temp", "chamber"]


# --- contacts are found by name, as `contact` finds them --------------------------


def test_filling_empty_contact_cells_updates_the_contact_it_names(ws: Path, tmp_path: Path) -> None:
    """Dana is a contact but not the decision maker, so the export's contact cells are empty."""
    exported = run_cli(["-C", str(ws), "export"]).stdout
    assert "dana-motors,Dana Motors,automotive,,prospect,jlee,2026-10-20,,,false,,,,,,,,,,,\n" in (
        exported
    )
    filled = exported.replace(
        "dana-motors,Dana Motors,automotive,,prospect,jlee,2026-10-20,,,false,,,,,,,,,,,",
        "dana-motors,Dana Motors,automotive,,prospect,jlee,2026-10-20,,,false,,,,"
        "dana  ORTIZ,Service Manager,dana@motors.example,555-0100,,,,",
    )
    result = run_cli(["-C", str(ws), "import", write(tmp_path, "p.csv", filled)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "updated partners/dana-motors.yaml:\n"
        "  contact_name: (none) -> 'Dana Ortiz'\n"
        "  contact_email: (none) -> 'dana@motors.example'\n"
        "  contact_phone: (none) -> '555-0100'\n"
        "0 new, 1 updated, 3 unchanged\n"
    )
    assert (
        (ws / "partners" / "dana-motors.yaml")
        .read_text(encoding="utf-8")
        .endswith(
            "contacts:\n"
            "  - name: Dana Ortiz\n"
            "    role: Service Manager\n"
            "    email: dana@motors.example\n"
            "    phone: 555-0100\n"
            "    decision_maker: true\n"
        )
    )
    # One contact, not two; and the next export imports back with no change.
    assert len(partner_json(ws, "dana-motors")["contacts"]) == 1  # type: ignore[arg-type]
    again = write(tmp_path, "again.csv", run_cli(["-C", str(ws), "export"]).stdout)
    assert run_cli(["-C", str(ws), "import", again]).stdout == "0 new, 0 updated, 4 unchanged\n"


def test_a_new_name_is_a_new_decision_maker_and_the_old_one_stays(ws: Path, tmp_path: Path) -> None:
    data = write(
        tmp_path, "p.csv", "id,contact_name,contact_role\ntwo-deciders,Wen Ho,General Manager\n"
    )
    result = run_cli(["-C", str(ws), "import", data])
    assert result.stdout == (
        "updated partners/two-deciders.yaml:\n"
        "  contact_name: 'Xavier Lopez' -> 'Wen Ho'\n"
        "  contact_role: (none) -> 'General Manager'\n"
        "0 new, 1 updated, 0 unchanged\n"
    )
    contacts = partner_json(ws, "two-deciders")["contacts"]
    assert [(c["name"], c["decision_maker"]) for c in contacts] == [  # type: ignore[attr-defined]
        ("Xavier Lopez", False),
        ("Yara Singh", True),
        ("Zoe Park", False),
        ("Wen Ho", True),
    ]
    # Naming an existing contact makes that one the decision maker, without a copy of her.
    data = write(tmp_path, "p.csv", "id,contact_name\ntwo-deciders,zoe park\n")
    result = run_cli(["-C", str(ws), "import", data])
    assert result.stdout == (
        "updated partners/two-deciders.yaml:\n"
        "  contact_name: 'Yara Singh' -> 'Zoe Park'\n"
        "0 new, 1 updated, 0 unchanged\n"
    )
    contacts = partner_json(ws, "two-deciders")["contacts"]
    assert [(c["name"], c["decision_maker"]) for c in contacts] == [  # type: ignore[attr-defined]
        ("Xavier Lopez", False),
        ("Yara Singh", False),
        ("Zoe Park", True),
        ("Wen Ho", True),
    ]


def test_of_two_contacts_with_one_name_the_row_is_the_decision_maker(
    ws: Path, tmp_path: Path
) -> None:
    (ws / "partners" / "twins.yaml").write_text(
        "name: Twins Co\n"
        "stage: meeting\n"
        "contacts:\n"
        "  - {name: Elena Sato, role: Trainer, phone: '555-8399'}\n"
        "  - {name: Elena Sato, role: Manager, phone: '555-6865', decision_maker: true}\n",
        encoding="utf-8",
    )
    before = snapshot(ws)
    data = write(tmp_path, "p.csv", run_cli(["-C", str(ws), "export"]).stdout)
    result = run_cli(["-C", str(ws), "import", data])
    assert (result.stdout, result.stderr) == ("0 new, 0 updated, 5 unchanged\n", "")
    assert snapshot(ws) == before
    data = write(tmp_path, "p.csv", "id,contact_name,contact_role\ntwins,elena sato,Director\n")
    result = run_cli(["-C", str(ws), "import", data])
    assert result.stdout == (
        "updated partners/twins.yaml:\n"
        "  contact_role: 'Manager' -> 'Director'\n"
        "0 new, 1 updated, 0 unchanged\n"
    )
    assert "role: Trainer" in (ws / "partners" / "twins.yaml").read_text(encoding="utf-8")


# --- last_touch becomes a touchpoint marked imported -------------------------------


def test_last_touch_of_a_new_partner_is_an_imported_touchpoint(ws: Path, tmp_path: Path) -> None:
    data = write(
        tmp_path,
        "migrated.csv",
        "id,name,stage,since,last_touch\n"
        "old-friend,Old Friend Co,contacted,2019-05-01,2026-11-20\n",
    )
    result = run_cli(["-C", str(ws), "import", data])
    assert result.stdout == "created partners/old-friend.yaml\n1 new, 0 updated, 0 unchanged\n"
    assert (
        (ws / "partners" / "old-friend.yaml")
        .read_text(encoding="utf-8")
        .endswith(
            "touchpoints:\n"
            "  - date: 2026-11-20\n"
            "    summary: last touch, as imported from migrated.csv\n"
            "    imported: true\n"
        )
    )
    # The cadence counts from it: not "never touched", not due four days later.
    due = run_cli(["-C", str(ws), "--today", "2026-11-24", "due", "--format", "json"])
    assert "old-friend" not in due.stdout
    due = run_cli(["-C", str(ws), "--today", "2026-11-30", "due", "--format", "json"])
    item = next(i for i in json.loads(due.stdout)["items"] if i.get("partner") == "old-friend")
    assert (item["kind"], item["status"], item["date"]) == ("cadence", "due", "2026-11-27")


def test_last_touch_over_an_existing_partner(ws: Path, tmp_path: Path) -> None:
    before = snapshot(ws)
    same = write(tmp_path, "same.csv", "id,last_touch\n0123,2026-11-02\n")
    result = run_cli(["-C", str(ws), "import", same])
    assert (result.stdout, result.stderr) == ("0 new, 0 updated, 1 unchanged\n", "")
    older = write(tmp_path, "older.csv", "id,last_touch\n0123,2026-10-01\n,\ndana-motors,\n")
    result = run_cli(["-C", str(ws), "import", older])
    assert result.stdout == "0 new, 0 updated, 2 unchanged\n"
    assert result.stderr == (
        f"{older}:2: warning: last_touch: 2026-10-01 is before the newest touchpoint "
        "(2026-11-02); the touchpoints are kept as they are\n"
    )
    assert snapshot(ws) == before
    newer = write(tmp_path, "newer.csv", "id,last_touch\n0123,2026-11-23\ndana-motors,2026-11-21\n")
    result = run_cli(["-C", str(ws), "import", newer])
    assert result.stdout == (
        "updated partners/0123.yaml:\n"
        "  last_touch: '2026-11-02' -> '2026-11-23'\n"
        "updated partners/dana-motors.yaml:\n"
        "  last_touch: (none) -> '2026-11-21'\n"
        "0 new, 2 updated, 0 unchanged\n"
    )
    touches = partner_json(ws, "0123")["touchpoints"]
    assert touches[-1] == {  # type: ignore[index]
        "date": "2026-11-23",
        "channel": None,
        "with": None,
        "summary": "last touch, as imported from newer.csv",
        "outcome": None,
        "stage": None,
        "students": None,
        "by": None,
        "closes": None,
        "imported": True,
    }
    assert run_cli(["-C", str(ws), "import", newer]).stdout == "0 new, 0 updated, 2 unchanged\n"


def test_a_bad_last_touch_is_located(ws: Path, tmp_path: Path) -> None:
    data = write(tmp_path, "p.csv", "id,last_touch\n0123,2026-02-30\n")
    result = run_cli(["-C", str(ws), "import", data])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{data}:2: error: last_touch: '2026-02-30' is not a date: day must be 1..28 in 2026-02"
    )


# --- column names -----------------------------------------------------------------


def test_a_column_name_off_by_case_gets_a_did_you_mean(ws: Path, tmp_path: Path) -> None:
    data = write(tmp_path, "p.csv", "id,Name,NEXT_DATE,Contact Name\n0123,X,,\n")
    result = run_cli(["-C", str(ws), "import", data])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:3] == [
        f"{data}:1: error: unknown column 'Contact Name' (did you mean 'contact_name'?)",
        f"{data}:1: error: unknown column 'NEXT_DATE' (did you mean 'next_date'?)",
        f"{data}:1: error: unknown column 'Name' (did you mean 'name'?)",
    ]


# --- dates a spreadsheet wrote ---------------------------------------------------


def test_a_us_date_is_refused_with_its_row_column_and_fix(ws: Path, tmp_path: Path) -> None:
    before = snapshot(ws)
    data = write(
        tmp_path,
        "p.csv",
        "id,since,next_date,next_action\n"
        "0123,9/1/2024,12/1/2026,'=Call Ann back\n"
        "cafe-noel,10/5/2026,9/13/26,Ask about Saturdays\n",
    )
    result = run_cli(["-C", str(ws), "import", data])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{data}:2: error: since: '9/1/2024' is not a YYYY-MM-DD date (if it means 2024-09-01 "
        "(month first), import with --date-format mdy; if it means 2024-01-09 (day first), "
        "import with --date-format dmy; or format the column as YYYY-MM-DD in the spreadsheet)",
        f"{data}:2: error: next_date: '12/1/2026' is not a YYYY-MM-DD date (if it means "
        "2026-12-01 (month first), import with --date-format mdy; if it means 2026-01-12 (day "
        "first), import with --date-format dmy; or format the column as YYYY-MM-DD in the "
        "spreadsheet)",
        f"{data}:3: error: since: '10/5/2026' is not a YYYY-MM-DD date (if it means 2026-10-05 "
        "(month first), import with --date-format mdy; if it means 2026-05-10 (day first), "
        "import with --date-format dmy; or format the column as YYYY-MM-DD in the spreadsheet)",
        f"{data}:3: error: next_date: '9/13/26' is not a YYYY-MM-DD date (if it means 2026-09-13 "
        "(month first), import with --date-format mdy; or format the column as YYYY-MM-DD in "
        "the spreadsheet)",
        f"error: nothing was written: {data} has errors (fix the rows above and import again)",
    ]
    assert snapshot(ws) == before
    result = run_cli(["-C", str(ws), "import", data, "--date-format", "mdy"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "updated partners/cafe-noel.yaml:\n"
        "  next: (none) -> '2026-09-13 Ask about Saturdays'\n"
        "0 new, 1 updated, 1 unchanged\n"
    )


def test_date_format_dmy_and_its_errors(ws: Path, tmp_path: Path) -> None:
    data = write(tmp_path, "p.csv", "id,since\n0123,01.09.2024\ncafe-noel,05/10/26\n")
    result = run_cli(["-C", str(ws), "import", data, "--date-format", "DMY"])
    assert (result.exit_code, result.stdout) == (0, "0 new, 0 updated, 2 unchanged\n")
    data = write(tmp_path, "p.csv", "id,since\n0123,9/1/2024\n")
    result = run_cli(["-C", str(ws), "import", data, "--date-format", "dmy", "--dry-run"])
    assert result.stdout.splitlines()[1] == "  since: '2024-09-01' -> '2024-01-09'"
    bad = write(tmp_path, "bad.csv", "id,since\n0123,13/1/2024\n")
    result = run_cli(["-C", str(ws), "import", bad, "--date-format", "mdy"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{bad}:2: error: since: '13/1/2024' is not a date (month first): month must be 1..12"
    )
    result = run_cli(["-C", str(ws), "import", bad, "--date-format", "us"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --date-format: 'us' is not a date order (choose one of mdy, dmy)\n"
    )
    doc = write(tmp_path, "p.json", '{"version": 1, "partners": []}')
    result = run_cli(["-C", str(ws), "import", doc, "--date-format", "mdy"])
    assert result.exit_code == 2
    assert "--date-format: JSON dates are YYYY-MM-DD" in result.stderr


def test_sheet_dates() -> None:
    assert sheet_date("9/1/2024", "mdy") == date(2024, 9, 1)
    assert sheet_date("9/1/2024", "dmy") == date(2024, 1, 9)
    assert sheet_date("12-31-29", "mdy") == date(2029, 12, 31)
    assert sheet_date("1.1.30", "dmy") == date(1930, 1, 1)
    assert sheet_date_readings("2/29/2023") == {}
    assert sheet_date_readings("29/2/2024") == {"dmy": date(2024, 2, 29)}
    with pytest.raises(ValueError, match=r"day must be 1\.\.28 in 2023-02"):
        sheet_date("2/29/2023", "mdy")
    with pytest.raises(ValueError, match="not a date like 9/1/2024"):
        sheet_date("9/1", "mdy")


@given(st.dates(min_value=date(1930, 1, 1), max_value=date(2029, 12, 31)))
def test_every_spreadsheet_spelling_of_a_day_reads_back(day: date) -> None:
    assert sheet_date(f"{day.month}/{day.day}/{day.year}", "mdy") == day
    assert sheet_date(f"{day.month:02d}/{day.day:02d}/{day.year % 100:02d}", "mdy") == day
    assert sheet_date(f"{day.day}.{day.month}.{day.year}", "dmy") == day


# --- cells a spreadsheet rewrote ---------------------------------------------------


def test_spreadsheet_spellings() -> None:
    assert spreadsheet_spelling("01174960018", "1174960018") == "number"
    assert spreadsheet_spelling("2.40", "2.4") == "number"
    assert spreadsheet_spelling("10:30", "10:30:00 AM") == "time"
    assert spreadsheet_spelling("22:05", "10:05:00 PM") == "time"
    assert spreadsheet_spelling("12:15", "12:15:00 PM") == "time"
    assert spreadsheet_spelling("true", "TRUE") == "true/false value"
    assert spreadsheet_spelling("10:30", "10:30") is None
    assert spreadsheet_spelling("10:30", "10:45:00 AM") is None
    assert spreadsheet_spelling("555-0142", "5550142") is None
    assert spreadsheet_spelling("Tue 10:30", "Tue 10:30:00 AM") is None
    assert shortened_number("1.17496E+11") and shortened_number("2E+5")
    assert not shortened_number("1174960018") and not shortened_number("E+11")


def test_what_a_spreadsheet_rewrote_is_kept_and_said(ws: Path, tmp_path: Path) -> None:
    """LibreOffice's "detect special numbers": the same values, in its own spelling."""
    before = snapshot(ws)
    exported = run_cli(["-C", str(ws), "export"]).stdout
    resaved = (
        exported.replace("0123,", "123,", 1)
        .replace(",true,", ",TRUE,")
        .replace(",false,", ",FALSE,")
        .replace(",10:30,", ",10:30:00 AM,")
        .replace(",01174960018,", ",1174960018,")
        .replace(",2.4,", ",2.40,")
        .replace(",1.0,", ",1,")
    )
    assert resaved.count("FALSE") == 3
    data = write(tmp_path, "p.csv", resaved)
    result = run_cli(["-C", str(ws), "import", data])
    assert (result.exit_code, result.stdout) == (0, "0 new, 0 updated, 4 unchanged\n")
    hint = " (xlsx keeps text as written: partnerctl export -o partners.xlsx)"
    assert result.stderr.splitlines() == [
        f"{data}:2: warning: id: read as '0123': '123' is the same number, as a spreadsheet "
        "rewrites it" + hint,
        f"{data}:2: warning: best_time: kept '10:30': '10:30:00 AM' is the same time, as a "
        "spreadsheet rewrites it" + hint,
        f"{data}:2: warning: contact_phone: kept '01174960018': '1174960018' is the same "
        "number, as a spreadsheet rewrites it" + hint,
    ]
    assert snapshot(ws) == before
    # A real edit in the same sheet still goes through.
    edited = resaved.replace(",10:30:00 AM,", ",11:00:00 AM,")
    result = run_cli(["-C", str(ws), "import", write(tmp_path, "p.csv", edited), "--dry-run"])
    assert "  best_time: '10:30' -> '11:00:00 AM'\n" in result.stdout


def test_a_long_number_a_spreadsheet_shortened_is_refused(ws: Path, tmp_path: Path) -> None:
    before = snapshot(ws)
    data = write(
        tmp_path,
        "p.csv",
        "id,name,stage,contact_name,contact_phone\n"
        "0123,Zero Lead Fabrication,activ,Ann Zero,1.17496E+10\n"
        "new-co,New Co,prospect,Al New,4.4208E+11\n",
    )
    result = run_cli(["-C", str(ws), "import", data])
    assert result.exit_code == 2
    hint = "(xlsx keeps text as written: partnerctl export -o partners.xlsx)"
    assert result.stderr.splitlines()[:3] == [
        f"{data}:2: error: contact_phone: '1.17496E+10' is a long number a spreadsheet "
        f"shortened: its last digits are lost {hint}",
        f"{data}:2: error: stage: 'activ' is not a stage (did you mean 'active'?)",
        f"{data}:3: error: contact_phone: '4.4208E+11' is a long number a spreadsheet "
        f"shortened: its last digits are lost {hint}",
    ]
    assert snapshot(ws) == before
