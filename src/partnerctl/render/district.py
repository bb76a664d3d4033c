"""A district's `report`: the schools' numbers side by side, in plain, table, md, html, json."""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnerctl.render.table import md_table, plain_text
from partnerctl.render.text import md_text

if TYPE_CHECKING:
    from rich.console import Console

    from partnerctl.core.district import Rollup
    from partnerctl.errors import Problem

UNREADABLE = "?"  # a school whose workspace could not be read


def title(rollup: Rollup) -> str:
    """`PROGRAM: schools side by side, FROM to TO`."""
    return (
        f"{plain_text(rollup.program)}: schools side by side, "
        f"{rollup.start.isoformat()} to {rollup.end.isoformat()}"
    )


def _cells(rollup: Rollup) -> tuple[list[str], list[list[str]]]:
    header = ["", *(plain_text(s.id) for s in rollup.schools), "total"]
    rows = [
        [name, *(UNREADABLE if v is None else str(v) for v in values), str(total)]
        for name, values, total in rollup.rows()
    ]
    return header, rows


def _names(rollup: Rollup) -> list[str]:
    return [f"{plain_text(s.id)}: {plain_text(s.name)}" for s in rollup.schools]


def plain(rollup: Rollup) -> str:
    """Aligned columns: one row per number, one column per school, then the total."""
    header, rows = _cells(rollup)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    out = [title(rollup), "", line(header), *(line(row) for row in rows), ""]
    out += _names(rollup)
    if any(s.report is None for s in rollup.schools):
        out.append(f"{UNREADABLE}: the school's workspace could not be read (see the errors)")
    return "\n".join(out) + "\n"


def md_doc(rollup: Rollup) -> str:
    """A Markdown table, schools as columns."""
    header, rows = _cells(rollup)
    out = [f"# {md_text(rollup.program)}", ""]
    out.append(f"Schools side by side, {rollup.start.isoformat()} to {rollup.end.isoformat()}.")
    out.append("")
    out.append(md_table(["number", *header[1:]], rows))
    out.extend(f"- {md_text(name)}" for name in _names(rollup))
    return "\n".join(out) + "\n"


def table(rollup: Rollup, console: Console) -> None:
    """A Rich table, schools as columns."""
    from rich.text import Text

    from partnerctl.render.table import new_table

    header, rows = _cells(rollup)
    console.print(Text(title(rollup), style="bold"))
    grid = new_table(*header)
    for row in rows:
        grid.add_row(*(Text(cell) for cell in row))
    console.print(grid)
    for name in _names(rollup):
        console.print(Text(name))


def html_doc(rollup: Rollup) -> str:
    """One self-contained page (the report's own style): the roll-up table."""
    from partnerctl.render.html import STYLE, _table, esc

    header, rows = _cells(rollup)
    body = [
        f"<h1>{esc(rollup.program)}</h1>",
        f'<p class="period">Schools side by side, {rollup.start.isoformat()} to '
        f"{rollup.end.isoformat()}</p>",
        _table(["", *header[1:]], rows),
        "<ul>" + "".join(f"<li>{esc(name)}</li>" for name in _names(rollup)) + "</ul>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(rollup.program)}</title><style>{STYLE}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def json_doc(rollup: Rollup, errors: list[Problem]) -> str:
    """`{"version": 1, ...Rollup.as_json(), "errors": [...]}`."""
    from partnerctl.render.jsonout import document

    return document(rollup.as_json(), errors)
