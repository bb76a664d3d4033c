"""Placements to and from spreadsheet rows and JSON, through the same exchange layer as partners.

A row holds a placement's flat fields and, in one readable cell each, its
lists: `hours` (`2026-09-30 30; 2026-10-30 38`), `paperwork`
(`training-agreement 2026-08-28; work-permit 2026-08-18 expires 2027-08-17`)
and the evaluation's `scores` (`attendance 5; safety 4`). Cells are made
formula-safe as partners' are (core.exchange). Without student codes
(`--no-students`) the `student` column and key are left out. Pure: records
in, rows or JSON-ready dicts out; cells back to raw values (validation is
the workspace layer's, in workspace.placement_import).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from partnerctl.core.exchange import (
    LIST_SEPARATOR,
    cell_text,
    csv_lines,
    json_ready,
    protect_cell,
)
from partnerctl.core.placements import hours_logged, hours_text, hours_value
from partnerctl.records import PlacementRec

FLAT: tuple[str, ...] = (
    "partner", "pathway", "kind", "student", "supervisor", "start", "end", "planned_hours",
    "hazardous", "outcome",
)  # fmt: skip
EVALUATION_COLUMNS = ("evaluation_date", "overall", "would_hire", "scores")
COLUMNS: tuple[str, ...] = ("id", *FLAT, "hours_logged", "hours", "paperwork", *EVALUATION_COLUMNS)
READ_ONLY_COLUMNS = frozenset({"hours_logged"})  # for people; import ignores it
STUDENT_COLUMN = "student"


def columns(*, students: bool = True) -> tuple[str, ...]:
    """The CSV header: every column, or all but the student's code."""
    return tuple(c for c in COLUMNS if students or c != STUDENT_COLUMN)


def _join(parts: Iterable[str]) -> str:
    return f"{LIST_SEPARATOR} ".join(parts)


def placement_row(placement: PlacementRec) -> dict[str, str]:
    """One placement as a row: column name → cell text (unprotected)."""
    row = {"id": placement["id"]}
    for name in FLAT:
        value = placement[name]  # type: ignore[literal-required]
        if name == "planned_hours" and value is not None:
            value = hours_value(value)
        row[name] = cell_text(value if name != "hazardous" or value else None)
    row["hours_logged"] = hours_text(hours_logged(placement))
    row["hours"] = _join(
        f"{e['date'].isoformat()} {hours_text(e['hours'])}" for e in placement["hours"]
    )
    row["paperwork"] = _join(
        f"{p['kind']} {p['date'].isoformat()}"
        + (f" expires {p['expires'].isoformat()}" if p["expires"] else "")
        for p in placement["paperwork"]
    )
    evaluation = placement["evaluation"]
    row["evaluation_date"] = cell_text(evaluation["date"] if evaluation else None)
    row["overall"] = cell_text(evaluation["overall"] if evaluation else None)
    row["would_hire"] = cell_text(evaluation["would_hire"] if evaluation else None)
    row["scores"] = _join(
        f"{name} {score}" for name, score in (evaluation["scores"] if evaluation else {}).items()
    )
    return row


def sheet_rows(
    placements: Iterable[PlacementRec], *, students: bool = True
) -> tuple[tuple[str, ...], list[PlacementRec], list[list[str]]]:
    """(header, the placements in order, their cells as text): one row per placement, by id."""
    header = columns(students=students)
    ordered = sorted(placements, key=lambda p: p["id"])
    rows = [[placement_row(p)[c] for c in header] for p in ordered]
    return header, ordered, rows


def csv_document(placements: Iterable[PlacementRec], *, students: bool = True) -> str:
    """The CSV export: a header and one formula-safe row per placement, sorted by id."""
    header, _ordered, rows = sheet_rows(placements, students=students)
    return csv_lines([header, *([protect_cell(cell) for cell in row] for row in rows)])


def placement_json(placement: PlacementRec, *, students: bool = True) -> dict[str, Any]:
    """One placement for the JSON export: `id` first, then every field in the file's order."""
    out: dict[str, Any] = {"id": placement["id"]}
    for key, value in placement.items():
        if key in ("id", "file") or (key == STUDENT_COLUMN and not students):
            continue
        out[key] = json_ready(value)
    if out["planned_hours"] is not None:
        out["planned_hours"] = hours_value(out["planned_hours"])
    for entry in out["hours"]:
        entry["hours"] = hours_value(entry["hours"])
    return out


def json_body(placements: Iterable[PlacementRec], *, students: bool = True) -> dict[str, Any]:
    """The JSON export's body (without `version`): placements sorted by id."""
    ordered = sorted(placements, key=lambda p: p["id"])
    return {"placements": [placement_json(p, students=students) for p in ordered]}


# --- import: cells back to raw values -----------------------------------------------


class CellError(ValueError):
    """A list cell that does not read: the message says what a part should look like."""


def _parts(text: str) -> list[list[str]]:
    return [part.split() for part in text.split(LIST_SEPARATOR) if part.strip()]


def hours_cell(text: str) -> list[dict[str, str]]:
    """`2026-09-30 30; 2026-10-30 38` → [{"date", "hours"}, ...] (text values)."""
    out = []
    for words in _parts(text):
        if len(words) != 2:
            raise CellError(f"{' '.join(words)!r} is not `DATE HOURS`, e.g. `2026-09-30 6.5`")
        out.append({"date": words[0], "hours": words[1]})
    return out


def paperwork_cell(text: str) -> list[dict[str, str]]:
    """`kind DATE [expires DATE]; ...` → [{"kind", "date", "expires"?}, ...]."""
    out = []
    for words in _parts(text):
        if len(words) == 2:
            out.append({"kind": words[0], "date": words[1]})
        elif len(words) == 4 and words[2] == "expires":
            out.append({"kind": words[0], "date": words[1], "expires": words[3]})
        else:
            raise CellError(
                f"{' '.join(words)!r} is not `KIND DATE` or `KIND DATE expires DATE`, "
                "e.g. `parent-consent 2026-09-01`"
            )
    return out


def scores_cell(text: str) -> dict[str, str]:
    """`attendance 5; safety 4` → {"attendance": "5", "safety": "4"}."""
    out: dict[str, str] = {}
    for words in _parts(text):
        if len(words) != 2:
            raise CellError(f"{' '.join(words)!r} is not `CRITERION SCORE`, e.g. `attendance 5`")
        out[words[0]] = words[1]
    return out
