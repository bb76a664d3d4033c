"""`partnerctl import`: updates keep everything else, bad rows are located, nothing half-written."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import copy_data, run_cli

HEADER = "id,name,stage,owner,since,pathways\n"


def snapshot(ws: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((ws / "partners").iterdir())}


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("report-basic", tmp_path)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_update_changes_only_the_lines_it_must(ws: Path, tmp_path: Path) -> None:
    before = (ws / "partners" / "riverside-auto.yaml").read_text(encoding="utf-8")
    data = write(
        tmp_path,
        "p.csv",
        "id,owner,tags,contact_name,contact_role,next_date,next_action\n"
        "riverside-auto,mortiz,chamber,Dana Ortiz,Owner,2026-12-01,Send the MOU\n",
    )
    result = run_cli(["-C", str(ws), "import", data])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "updated partners/riverside-auto.yaml:\n"
        "  owner: 'jlee' -> 'mortiz'\n"
        "  tags: 'chamber;family-owned' -> 'chamber'\n"
        "  next: '2026-11-20 Call Dana about spring shadow dates' -> '2026-12-01 Send the MOU'\n"
        "  contact_role: 'Service Manager' -> 'Owner'\n"
        "0 new, 1 updated, 0 unchanged\n"
    )
    after = (ws / "partners" / "riverside-auto.yaml").read_text(encoding="utf-8")
    expected = (
        before.replace("owner: jlee", "owner: mortiz")
        .replace("tags: [chamber, family-owned]", "tags: [chamber]")
        .replace("role: Service Manager", "role: Owner")
        .replace("date: 2026-11-20\n  action: Call Dana about spring shadow dates", "")
    )
    # the comment, touchpoints, quoting and `best_time: 10:30` are untouched
    assert after.startswith("# A prospect that moved to meeting this week")
    assert "best_time: 10:30\n" in after
    assert '    phone: "555-0142"\n' in after
    assert after.count("  - date: 2026-11-") == 2
    assert "owner: mortiz\n" in after and "role: Owner\n" in after
    assert "action: Send the MOU" in after and "Call Dana" not in after
    assert expected.split("next:")[0] == after.split("next:")[0]


def test_new_contact_is_added_as_decision_maker(ws: Path, tmp_path: Path) -> None:
    data = write(
        tmp_path, "p.csv", "id,contact_name,contact_email\nharbor-bakery,Jo Baker,jo@example.com\n"
    )
    assert run_cli(["-C", str(ws), "import", data]).exit_code == 0
    doc = json.loads(run_cli(["-C", str(ws), "export", "--format", "json"]).stdout)
    harbor = next(p for p in doc["partners"] if p["id"] == "harbor-bakery")
    assert harbor["contacts"] == [
        {
            "name": "Jo Baker",
            "role": None,
            "email": "jo@example.com",
            "phone": None,
            "decision_maker": True,
        }
    ]


def test_dry_run_writes_nothing(ws: Path, tmp_path: Path) -> None:
    before = snapshot(ws)
    data = write(tmp_path, "p.csv", HEADER + "new-co,New Co,prospect,,,\nold-mill,Old Mill,,,,\n")
    result = run_cli(["-C", str(ws), "import", data, "--dry-run"])
    assert result.exit_code == 2  # old-mill without a stage
    data = write(
        tmp_path, "p.csv", HEADER + "new-co,New Co,prospect,,,\nold-mill,Old Mill,declined,,,\n"
    )
    result = run_cli(["-C", str(ws), "import", data, "--dry-run"])
    assert result.exit_code == 0
    assert result.stdout == (
        "would create partners/new-co.yaml\n"
        "would update partners/old-mill.yaml:\n"
        "  name: 'Old Mill Lumber' -> 'Old Mill'\n"
        "  owner: 'mortiz' -> (none)\n"
        "1 new, 1 updated, 0 unchanged\ndry run: nothing written (2 files would change)\n"
    )
    assert snapshot(ws) == before


def test_bad_rows_are_located_and_nothing_is_written(ws: Path, tmp_path: Path) -> None:
    before = snapshot(ws)
    data = write(
        tmp_path,
        "partners.csv",
        HEADER
        + "good-co,Good Co,prospect,,,\n"
        + 'acme,"Acme\nWidgets",prospekt,,,\n'  # a cell over two lines: the row starts on 3
        + "bad id,X,prospect,,,\n"
        + "dates,Dates,prospect,,2026-13-01,\n"
        + "who,Who,prospect,nobody,,healthy\n"
        + "noname,,prospect,,,\n"
        + "good-co,Again,prospect,,,\n",
    )
    result = run_cli(["-C", str(ws), "import", data])
    assert result.exit_code == 2
    assert result.stdout == ""
    shown = str(tmp_path / "partners.csv")
    lines = result.stderr.splitlines()
    assert lines == [
        f"{shown}:3: error: stage: 'prospekt' is not a stage (did you mean 'prospect'?)",
        f"{shown}:5: error: id: 'bad id' is not a valid partner id "
        "(use lowercase letters, digits and dashes, e.g. riverside-auto)",
        f"{shown}:6: error: since: '2026-13-01' is not a date: month must be 1..12",
        f"{shown}:7: error: pathways: 'healthy' is not a pathway in partnerctl.yaml "
        "(did you mean 'health'?)",
        lines[4],
        f"{shown}:8: error: name: 'name' is required" + lines[5].split("'name' is required")[1],
        f"{shown}:9: error: id: 'good-co' is also at line 2",
        f"error: nothing was written: {shown} has errors (fix the rows above and import again)",
    ]
    assert lines[4].startswith(f"{shown}:7: error: owner: ")
    assert snapshot(ws) == before


def test_csv_header_errors(ws: Path, tmp_path: Path) -> None:
    data = write(tmp_path, "p.csv", "id,nmae,stage\nx,X,prospect\n")
    result = run_cli(["-C", str(ws), "import", data])
    assert result.exit_code == 2
    assert f"{data}:1: error: unknown column 'nmae' (did you mean 'name'?)" in result.stderr
    data = write(tmp_path, "p.csv", "name,stage\nX,prospect\n")
    assert "no 'id' column" in run_cli(["-C", str(ws), "import", data]).stderr


def test_wrong_cell_count(ws: Path, tmp_path: Path) -> None:
    data = write(tmp_path, "p.csv", HEADER + "x,X,prospect\n")
    result = run_cli(["-C", str(ws), "import", data])
    assert result.exit_code == 2
    assert f"{data}:2: error: 3 cells where the header has 6" in result.stderr


def test_json_errors_name_the_path(ws: Path, tmp_path: Path) -> None:
    before = snapshot(ws)
    doc = {
        "version": 1,
        "partners": [
            {"id": "fine", "name": "Fine", "stage": "prospect"},
            {"id": "acme", "name": "Acme", "stage": "prospekt"},
            {"id": "deep", "name": "Deep", "stage": "active", "touchpoints": [{"date": "x"}]},
            {"name": "No id", "stage": "prospect"},
        ],
    }
    data = write(tmp_path, "p.json", json.dumps(doc))
    result = run_cli(["-C", str(ws), "import", data])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{data}: error: partners[3]: 'id' is required (text)",
        f"{data}: error: partners[1].stage: 'prospekt' is not a stage (did you mean 'prospect'?)",
        f"{data}: error: partners[2].touchpoints[0].date: 'x' is not a date: "
        "use YYYY-MM-DD, for example 2026-11-02",
        f"error: nothing was written: {data} has errors (fix the rows above and import again)",
    ]
    assert snapshot(ws) == before


def test_json_update_keeps_touchpoints(ws: Path, tmp_path: Path) -> None:
    doc = {"version": 1, "partners": [{"id": "pixel-studio", "stage": "paused", "tags": ["x"]}]}
    data = write(tmp_path, "p.json", json.dumps(doc))
    result = run_cli(["-C", str(ws), "import", data])
    assert result.exit_code == 0, result.stderr
    text = (ws / "partners" / "pixel-studio.yaml").read_text(encoding="utf-8")
    assert "stage: paused\n" in text
    assert "Students shot a promo video" in text
    assert "spotlights:" in text


def test_format_by_extension_or_option(ws: Path, tmp_path: Path) -> None:
    data = write(tmp_path, "partners.txt", HEADER)
    result = run_cli(["-C", str(ws), "import", data])
    assert result.exit_code == 2
    assert "cannot tell the format from the name" in result.stderr
    result = run_cli(["-C", str(ws), "import", data, "--format", "csv"])
    assert (result.exit_code, result.stdout) == (0, "0 new, 0 updated, 0 unchanged\n")


def test_missing_and_non_utf8_files(ws: Path, tmp_path: Path) -> None:
    result = run_cli(["-C", str(ws), "import", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2
    assert "nope.csv: cannot read" in result.stderr
    (tmp_path / "latin.csv").write_bytes(b"id,name,stage\ncaf\xe9,Caf\xe9,prospect\n")
    result = run_cli(["-C", str(ws), "import", str(tmp_path / "latin.csv")])
    assert result.exit_code == 2
    assert "not UTF-8" in result.stderr


def lock_spy(monkeypatch: pytest.MonkeyPatch, before_first: Callable[[], None]) -> list[Path]:
    """Count the workspace lock's holds; run `before_first` just before the first is taken."""
    from partnerctl.workspace import edit, lock

    holds: list[Path] = []

    @contextmanager
    def spied(root: Path, timeout: float | None = None, **options: Any) -> Iterator[None]:
        if not holds:
            before_first()
        holds.append(root)
        with lock.workspace_lock(root, timeout, **options):
            yield

    monkeypatch.setattr(edit, "workspace_lock", spied)
    return holds


def test_updates_and_new_files_are_written_under_one_hold_of_the_lock(
    ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    holds = lock_spy(monkeypatch, lambda: None)
    data = write(
        tmp_path, "p.csv", HEADER + "new-co,New Co,prospect,,,\nold-mill,Old Mill,declined,,,\n"
    )
    result = run_cli(["-C", str(ws), "import", data])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("1 new, 1 updated, 0 unchanged\n")
    assert len(holds) == 1
    assert "stage: prospect\n" in (ws / "partners/new-co.yaml").read_text(encoding="utf-8")
    assert "name: Old Mill\n" in (ws / "partners/old-mill.yaml").read_text(encoding="utf-8")


def test_a_new_id_taken_while_import_waits_for_the_lock_writes_nothing(
    ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process makes partners/new-co.yaml after import checked its ids: all or none."""
    before = snapshot(ws)
    theirs = "name: Their Co\nstage: contacted\n"
    taken = ws / "partners/new-co.yaml"
    holds = lock_spy(monkeypatch, lambda: taken.write_text(theirs, encoding="utf-8"))
    data = write(
        tmp_path,
        "p.csv",
        HEADER
        + "old-mill,Old Mill,declined,,,\n"
        + "new-co,New Co,prospect,,,\n"
        + "other-co,Other Co,prospect,,,\n",
    )
    result = run_cli(["-C", str(ws), "import", data])
    assert result.exit_code == 2
    assert snapshot(ws) == {**before, "new-co.yaml": theirs.encode("utf-8")}  # old-mill as it was
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "partners/new-co.yaml: error: partner 'new-co' already exists",
        "error: nothing was written: a partner to create already exists "
        "(another partnerctl may have made it meanwhile; run the command again)",
    ]
    assert len(holds) == 1
    # Run again, the row updates the partner the other process made.
    result = run_cli(["-C", str(ws), "import", data])
    assert result.exit_code == 0, result.stderr
    assert "updated partners/new-co.yaml:\n  name: 'Their Co' -> 'New Co'\n" in result.stdout
    assert result.stdout.endswith("1 new, 2 updated, 0 unchanged\n")
