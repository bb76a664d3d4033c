"""`placement` output: the placements as table, plain, json and csv.

The student's code is a column only when student codes are shown (not with
`--no-students`); there is no Markdown rendering, because a Markdown list is
made to be shared and shared lists never name students.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from partnerctl.core.placements import hours_text
from partnerctl.render.table import cell, csv_text, new_table, plain_text

if TYPE_CHECKING:
    from rich.console import Console

    from partnerctl.core.placements import PlacementRow
    from partnerctl.errors import Problem


def hours_cell(row: PlacementRow) -> str:
    """`48/120 h` (logged of planned), or `48 h`."""
    planned = row.placement["planned_hours"]
    of = f"/{hours_text(planned)}" if planned is not None else ""
    return f"{hours_text(row.logged)}{of} h"


def paperwork_cell(row: PlacementRow) -> str:
    """`ok`, or `missing: parent-consent, ...`."""
    return "missing: " + ", ".join(row.missing) if row.missing else "ok"


def state_cell(row: PlacementRow) -> str:
    """`running`, `ahead`, `over`, or the recorded outcome (`withdrew`)."""
    return row.placement["outcome"] or row.phase


def _cells(row: PlacementRow, students: bool) -> list[str]:
    p = row.placement
    cells = [p["id"], p["partner"], p["kind"], p["pathway"] or "-"]
    if students:
        cells.append(p["student"])
    cells += [
        f"{p['start'].isoformat()}..{p['end'].isoformat()}",
        state_cell(row),
        hours_cell(row),
        paperwork_cell(row),
        "evaluated " + p["evaluation"]["overall"] if p["evaluation"] else "not evaluated",
    ]
    return cells


def plain(rows: Sequence[PlacementRow], empty: str, *, students: bool = True) -> str:
    """One placement a line, columns padded; else the `empty` line."""
    if not rows:
        return empty + "\n"
    table = [[plain_text(c) for c in _cells(row, students)] for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in table
    ]
    return "\n".join(lines) + "\n"


def table(
    rows: Sequence[PlacementRow], console: Console, empty: str, *, students: bool = True
) -> None:
    """A Rich table of placements (else the `empty` line): ids whole, paperwork wrapped."""
    from rich.text import Text

    from partnerctl.render.table import multiline_cell

    if not rows:
        console.print(Text(empty))
        return
    headers = ["placement"]
    if students:
        headers.append("student")
    headers += ["dates", "state", "hours", "paperwork", "evaluation"]
    shown = new_table(*headers)
    for column in shown.columns:
        column.overflow = "fold"
    shown.columns[0].no_wrap = True  # ids whole; the other cells wrap on a narrow terminal
    shown.columns[headers.index("paperwork")].ratio = 1
    for row in rows:
        p = row.placement
        cells = [
            multiline_cell(
                [(p["id"], "bold"), (" · ".join(filter(None, (p["kind"], p["pathway"]))), "dim")]
            )
        ]
        if students:
            cells.append(cell(p["student"]))
        cells += [
            multiline_cell([(p["start"].isoformat(), ""), (p["end"].isoformat(), "")]),
            cell(state_cell(row)),
            cell(hours_cell(row)),
            cell(paperwork_cell(row), "" if not row.missing else "yellow"),
            cell(p["evaluation"]["overall"] if p["evaluation"] else "none"),
        ]
        shown.add_row(*cells)
    console.print(shown)


def json_doc(rows: Sequence[PlacementRow], errors: list[Problem], *, students: bool = True) -> str:
    """`{"version": 1, "placements": [...], "errors": [...]}`."""
    from partnerctl.render.jsonout import document

    return document({"placements": [row.as_json(students=students) for row in rows]}, errors)


def csv_doc(rows: Sequence[PlacementRow], *, students: bool = True) -> str:
    """One row per placement, as the JSON rows; lists joined with '; '."""
    dicts = [row.as_json(students=students) for row in rows]
    header = list(dicts[0]) if dicts else [k for k in _HEADER if students or k != "student"]
    values = [
        ["; ".join(v) if isinstance(v, list) else _text(v) for v in d.values()] for d in dicts
    ]
    return csv_text(header, values)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return hours_text(value)
    return str(value)


_HEADER = (
    "id", "partner", "pathway", "kind", "student", "supervisor", "start", "end", "phase",
    "outcome", "planned_hours", "hours_logged", "meets_hours", "paperwork_missing", "evaluation",
)  # fmt: skip
