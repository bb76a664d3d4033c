"""`spotlight` output: who to recognize (table, plain, json) and `--history`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from partnerctl.render.empty import NO_SPOTLIGHT_HISTORY, no_spotlight
from partnerctl.render.text import clean_line

if TYPE_CHECKING:
    from rich.console import Console

    from partnerctl.core.spotlight import HistoryRow, SpotlightItem
    from partnerctl.errors import Problem


def _planned_text(item: SpotlightItem) -> str | None:
    if item.planned is None:
        return None
    spot = item.planned
    text = f"already planned: {spot['date'].isoformat()} {spot['where']}"
    return text + (f' "{spot["title"]}"' if spot["title"] else "")


def item_lines(item: SpotlightItem) -> list[str]:
    """The lines under one partner: where, title, media release, anything planned."""
    lines = [
        f"where: {item.suggested_where}",
        f'title: "{item.suggested_title}"',
        "media release: on file" if item.media_release else f"reminder: {item.media_note}",
    ]
    planned = _planned_text(item)
    if planned:
        lines.append(planned)
    return [clean_line(line) for line in lines]


def head_line(item: SpotlightItem) -> str:
    """`2026-11-02 due  riverside-auto  Riverside Auto Group: milestone ...`."""
    return clean_line(f"{item.date.isoformat()} {item.status} {item.partner}: {item.reason}")


def when_text(item: SpotlightItem) -> str:
    """`due since 2026-10-13`, or `upcoming on 2026-12-19` for a day ahead."""
    return f"{item.status} {'since' if item.status == 'due' else 'on'} {item.date.isoformat()}"


def plain(
    items: list[SpotlightItem], today: date, within: int = 0, empty: str | None = None
) -> str:
    """Stable lines: one head line per partner, its suggestion indented, the command to record."""
    if not items:
        return (empty or no_spotlight(today, within)) + "\n"
    lines: list[str] = []
    for item in items:
        lines.append(head_line(item))
        lines += ["  " + line for line in item_lines(item)]
        lines += ["  → " + clean_line(command) for command in item.commands]
    return "\n".join(lines) + "\n"


def table(
    items: list[SpotlightItem],
    today: date,
    console: Console,
    within: int = 0,
    empty: str | None = None,
) -> None:
    """The same list: a bold heading per partner, its lines with a hanging indent.

    The command that records the spotlight is one line that is never wrapped,
    as in `due`, so it copies whole (a narrower terminal folds it softly).
    """
    from rich.text import Text

    from partnerctl.render.table import hanging, print_command

    if not items:
        console.print(Text(empty or no_spotlight(today, within)))
        return
    for item in items:
        head = Text()
        head.append(clean_line(f"{item.name} ({item.partner})"), style="bold")
        head.append(f"  {when_text(item)}")
        console.print(hanging(console, head, 0, 2))
        rows = [(line, "red" if line.startswith("reminder:") else "") for line in item_lines(item)]
        rows.insert(0, (clean_line(item.reason), ""))
        for line, style in rows:
            console.print(hanging(console, Text(line, style=style), 2, 4))
        for command in item.commands:
            print_command(console, clean_line(command))


def json_doc(items: list[SpotlightItem], today: date, errors: list[Problem] | None) -> str:
    """`{"version": 1, "today", "items": [{"partner", "reason", "date", ...}]}`."""
    from partnerctl.render.jsonout import document

    return document({"today": today, "items": [item.as_json() for item in items]}, errors=errors)


# --- history ---------------------------------------------------------------


def history_plain(
    rows: list[HistoryRow], by_place: dict[str, int], empty: str = NO_SPOTLIGHT_HISTORY
) -> str:
    """One line per published spotlight (by partner, newest first), then totals by place."""
    if not rows:
        return empty + "\n"
    lines = [
        clean_line(f"{row.partner} {row.date.isoformat()} {row.where} {row.title or ''}").rstrip()
        for row in rows
    ]
    lines.append("by place: " + ", ".join(f"{place} {count}" for place, count in by_place.items()))
    return "\n".join(lines) + "\n"


def history_table(
    rows: list[HistoryRow],
    by_place: dict[str, int],
    console: Console,
    empty: str = NO_SPOTLIGHT_HISTORY,
) -> None:
    """A table of published spotlights and a line of totals by place."""
    from rich.text import Text

    from partnerctl.render.table import cell, new_table

    if not rows:
        console.print(Text(empty))
        return
    grid = new_table("Partner", "Date", "Where", "Title")
    for row in rows:
        grid.add_row(
            cell(row.partner), cell(row.date.isoformat()), cell(row.where), cell(row.title)
        )
    console.print(grid)
    console.print(
        Text("by place: " + ", ".join(f"{place} {count}" for place, count in by_place.items()))
    )


def history_json(
    rows: list[HistoryRow], by_place: dict[str, int], errors: list[Problem] | None
) -> str:
    """`{"version": 1, "history": [{"partner", "date", "where", "title"}], "by_place": {...}}`."""
    from partnerctl.render.jsonout import document

    return document(
        {
            "history": [
                {"partner": r.partner, "date": r.date, "where": r.where, "title": r.title}
                for r in rows
            ],
            "by_place": by_place,
        },
        errors=errors,
    )
