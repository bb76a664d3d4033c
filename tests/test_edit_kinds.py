"""The one edit pipeline for every file kind: placements, event files and the settings.

apply_changes takes a FileKind; partners are its default (their own tests are in
test_edit_partners.py). Several files are written all or none, and a nested edit
(set_in, append_in) changes only the lines it must.
"""
# ruff: noqa: E501  (whole lines of expected output read best unbroken)

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import copy_data, file_tree
from partnerctl.core.change import Change, append, append_in, set_in, set_key
from partnerctl.errors import DataError, UsageError
from partnerctl.workspace.edit import apply_changes
from partnerctl.workspace.filekinds import EVENTS, PLACEMENT, SETTINGS
from partnerctl.workspace.yamledit import EditMismatch, PartnerDocument


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("wbl-basic", tmp_path)


def hours(day: date, worked: int) -> Any:
    return lambda record: Change(record["id"], (append("hours", {"date": day, "hours": worked}),))


def test_two_placements_are_written_together(ws: Path) -> None:
    plans = {
        "bolt-motors-2026-10": hours(date(2026, 11, 20), 6),
        "pine-clinic-2026-12": lambda r: Change(r["id"], (set_key("planned_hours", 12),)),
    }
    done = apply_changes(ws, plans, kind=PLACEMENT)
    assert [c.file for c in done] == [
        "placements/bolt-motors-2026-10.yaml",
        "placements/pine-clinic-2026-12.yaml",
    ]
    assert (
        (ws / "placements/pine-clinic-2026-12.yaml")
        .read_text()
        .endswith("end: 2026-12-03\nplanned_hours: 12\n")
    )


def test_one_invalid_placement_stops_both(ws: Path) -> None:
    before = file_tree(ws)
    plans = {
        "bolt-motors-2026-10": hours(date(2026, 11, 20), 6),
        # hours outside the placement's dates: the new text would not validate
        "pine-clinic-2026-12": hours(date(2026, 11, 20), 6),
    }
    with pytest.raises(DataError) as caught:
        apply_changes(ws, plans, kind=PLACEMENT)
    assert [p.render() for p in caught.value.problems()] == [
        "placements/pine-clinic-2026-12.yaml:1:1: error: hours dated 2026-11-20 fall outside "
        "the placement (2026-12-01 to 2026-12-03)",
        "error: nothing was written: the change would make placements/pine-clinic-2026-12.yaml "
        "invalid (fix the errors above and try again)",
    ]
    assert file_tree(ws) == before


def test_a_new_placement_is_checked_against_its_partner(ws: Path) -> None:
    data = {
        "partner": "pine-clinic",
        "kind": "tour",
        "student": "S-3000",
        "supervisor": "Sam Reed",  # Bolt's technician, not the clinic's
        "start": date(2027, 2, 1),
        "end": date(2027, 2, 1),
    }
    before = file_tree(ws)
    with pytest.raises(DataError) as caught:
        apply_changes(
            ws, {}, creates=[Change("pine-2027-02", create=data, kind="placement")], kind=PLACEMENT
        )
    assert caught.value.problems()[0].render() == (
        "placements/pine-2027-02.yaml:5:13: error: supervisor: 'Sam Reed' is not a contact of "
        'pine-clinic (add them first: partnerctl contact pine-clinic --name "Sam Reed")'
    )
    assert file_tree(ws) == before
    made = apply_changes(
        ws, {}, creates=[Change("pine-2027-02", create={**data, "supervisor": "Lena Fox"}, kind="placement")],
        kind=PLACEMENT,
    )  # fmt: skip
    assert made[0].file == "placements/pine-2027-02.yaml"


def test_an_unknown_id_of_each_kind(ws: Path) -> None:
    with pytest.raises(UsageError) as caught:
        apply_changes(ws, {"pine-clinic-2026-11": hours(date(2026, 12, 1), 2)}, kind=PLACEMENT)
    assert (caught.value.message, caught.value.hint) == (
        "no placement 'pine-clinic-2026-11' (no placements/pine-clinic-2026-11.yaml)",
        "did you mean 'pine-clinic-2026-12'?",
    )
    with pytest.raises(UsageError) as caught:
        apply_changes(ws, {"2026-28": lambda r: Change(r["id"])}, kind=EVENTS)
    assert caught.value.message == "no event file '2026-28' (no events/2026-28.yaml)"


def test_the_settings_kind_validates_members_against_partners(ws: Path) -> None:
    member = {
        "name": "Nobody",
        "pathway": "health",
        "partner": "pine-clinic",
        "term_ends": date(2028, 6, 30),
    }
    before = file_tree(ws)
    with pytest.raises(DataError) as caught:
        apply_changes(ws, {"partnerctl": lambda r: Change("partnerctl", (append("advisory_members", member),))}, kind=SETTINGS)  # fmt: skip
    assert (
        "advisory_members[3].name: 'Nobody' is not a contact of pine-clinic"
        in caught.value.problems()[0].render()
    )
    assert file_tree(ws) == before


def test_an_event_file_can_be_made(ws: Path) -> None:
    event = {"id": "spring", "name": "Spring meeting", "kind": "advisory", "date": date(2027, 4, 1)}
    apply_changes(
        ws, {}, creates=[Change("advisory", create={"events": [event]}, kind="events")], kind=EVENTS
    )
    assert (ws / "events/advisory.yaml").read_text() == (
        "events:\n  - id: spring\n    name: Spring meeting\n    kind: advisory\n    date: 2027-04-01\n"
    )


# --- nested edits on the text ------------------------------------------------------------

BLOCK = """\
events:
  - id: a          # the fall one
    name: A
    meetings:
      - date: 2026-10-08
        present: [Dana Ortiz]   # kept
  - id: b
    name: B
"""


def test_set_in_and_append_in_change_only_their_lines() -> None:
    doc = PartnerDocument(BLOCK, "events/x.yaml", ("events",))
    doc.set_nested(("events", 0, "meetings", 0), "present", ["Dana Ortiz", "Pat Lee"])
    doc.append_nested(
        ("events", 0, "meetings"), {"date": date(2027, 1, 8), "notice": date(2026, 12, 20)}
    )
    doc.append_nested(("events", 1, "meetings"), {"date": date(2027, 2, 1)})
    doc.verify()
    assert (
        doc.text
        == """\
events:
  - id: a          # the fall one
    name: A
    meetings:
      - date: 2026-10-08
        present: [Dana Ortiz, Pat Lee] # kept
      - date: 2027-01-08
        notice: 2026-12-20
  - id: b
    name: B
    meetings:
      - date: 2027-02-01
"""
    )


def test_append_in_fills_an_empty_list_and_set_in_removes_a_field() -> None:
    text = "events:\n  - {id: a, name: A, meetings: []}\n"
    doc = PartnerDocument(text, "events/x.yaml", ("events",))
    doc.append_nested(("events", 0, "meetings"), {"date": date(2027, 1, 8)})
    doc.verify()
    assert doc.text == "events:\n  - {id: a, name: A, meetings: [{date: 2027-01-08}]}\n"
    doc = PartnerDocument(BLOCK, "events/x.yaml", ("events",))
    doc.set_nested(("events", 0, "meetings", 0), "present", None)
    doc.verify()
    assert "present" not in doc.text and "      - date: 2026-10-08\n  - id: b\n" in doc.text


def test_the_ops_read_back_as_intended() -> None:
    ops = [set_in("events", (0, "meetings", 0), "minutes", "Drive/x.docx"),
           append_in("events", (1, "meetings"), {"date": date(2027, 2, 1), "notice": None})]  # fmt: skip
    from partnerctl.workspace.edit import apply_ops

    doc = PartnerDocument(BLOCK, "events/x.yaml", ("events",))
    apply_ops(doc, ops)
    doc.verify()
    assert "        minutes: Drive/x.docx\n" in doc.text
    assert doc.text.endswith("    meetings:\n      - date: 2027-02-01\n")
    assert ops[0].as_json() == {
        "op": "set_in", "key": "events", "path": [0, "meetings", 0], "field": "minutes",
        "value": "Drive/x.docx",
    }  # fmt: skip
    with pytest.raises(EditMismatch):
        doc.expected["events"][0]["name"] = "Changed"
        doc.verify()
