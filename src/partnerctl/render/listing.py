"""`list` output: table, plain, json, csv and md renderings of partner rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from partnerctl.core.facts import NO_ACTION
from partnerctl.render.empty import NO_MATCH
from partnerctl.render.table import cell, csv_text, md_table, new_table, plain_text
from partnerctl.render.text import count

if TYPE_CHECKING:
    from rich.console import Console

    from partnerctl.core.listing import ListRow
    from partnerctl.errors import Problem

CSV_HEADER = (
    "id",
    "name",
    "stage",
    "owner",
    "industry",
    "pathways",
    "tags",
    "last_touch",
    "next_date",
    "next_action",
)


def _next(row: ListRow) -> str:
    if row.next_date is None:
        return ""
    return f"{row.next_date.isoformat()} {row.next_action or NO_ACTION}"


def plain(rows: Sequence[ListRow], empty: str = NO_MATCH) -> str:
    """`ID  STAGE  OWNER  NAME  [next DATE ACTION]`, one partner a line (else `empty`)."""
    if not rows:
        return empty + "\n"
    width = max(len(row.id) for row in rows)
    owners = max(len(plain_text(row.owner or "-")) for row in rows)
    lines = []
    for row in rows:
        owner = plain_text(row.owner or "-")
        line = f"{row.id:<{width}}  {row.stage:<9}  {owner:<{owners}}  {plain_text(row.name)}"
        if row.next_date is not None:
            line += f"  (next {plain_text(_next(row))})"
        lines.append(line)
    return "\n".join(lines) + "\n"


def table(rows: Sequence[ListRow], console: Console, empty: str = NO_MATCH) -> None:
    """A Rich table of partners (else the line `empty`)."""
    from rich.text import Text

    if not rows:
        console.print(Text(empty))
        return
    grid = new_table("ID", "Name", "Stage", "Owner", "Industry", "Next")
    grid.columns[0].no_wrap = True
    for row in rows:
        grid.add_row(
            cell(row.id, "bold"),
            cell(row.name),
            cell(row.stage),
            cell(row.owner),
            cell(row.industry),
            cell(_next(row)),
        )
    console.print(grid)
    console.print(Text(count(len(rows), "partner")))


def json_doc(rows: Sequence[ListRow], errors: list[Problem] | None) -> str:
    """`{"version": 1, "partners": [...], "errors": [...]}`."""
    from partnerctl.render.jsonout import document

    return document({"partners": [row.as_json() for row in rows]}, errors=errors)


def csv_doc(rows: Sequence[ListRow]) -> str:
    """One row per partner, lists joined with '; ', formula-safe cells."""
    return csv_text(
        CSV_HEADER,
        (
            (
                row.id,
                row.name,
                row.stage,
                row.owner,
                row.industry,
                "; ".join(row.pathways),
                "; ".join(row.tags),
                row.last_touch.isoformat() if row.last_touch else None,
                row.next_date.isoformat() if row.next_date else None,
                row.next_action,
            )
            for row in rows
        ),
    )


def md_doc(rows: Sequence[ListRow], empty: str = NO_MATCH) -> str:
    """A Markdown table of partners (else the line `empty`)."""
    if not rows:
        return empty + "\n"
    return md_table(
        ("ID", "Name", "Stage", "Owner", "Industry", "Next"),
        [(r.id, r.name, r.stage, r.owner, r.industry, _next(r)) for r in rows],
    )
