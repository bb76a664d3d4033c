"""`calendar` output: a week-by-week agenda (table), plain lines, md, json and csv.

A late follow-up or expired agreement shown on today reads `[overdue since
DATE]` after its title (table: a line under it; json: its own `date`, with
`shown_on` today, `status: overdue` and `days_late`; csv: the
`overdue_since` column).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from partnerctl.dates import add_days
from partnerctl.render.empty import EMPTY_CALENDAR
from partnerctl.render.outreach import day_name
from partnerctl.render.table import (
    cell,
    csv_text,
    md_table,
    multiline_cell,
    new_table,
    plain_text,
)

if TYPE_CHECKING:
    from rich.console import Console

    from partnerctl.core.calendar import Calendar, Entry
    from partnerctl.errors import Problem

# The Owner column of the table grows up to this, the same in every week.
OWNER_WIDTH_MAX = 16
KIND_STYLE = {
    "school-break": "magenta",
    "event": "bold cyan",
    "follow-up": "yellow",
    "cadence": "",
    "spotlight": "green",
    "agreement": "red",
    "busy-season": "dim",
}


def subject(entry: Entry) -> str:
    """Whose entry it is: the partner's id, the event's id, or '' (a school break)."""
    return entry.partner or entry.event or ""


def when(entry: Entry) -> str:
    """`2026-12-03`, or `2026-12-21..2027-01-01` for a span."""
    text = entry.date.isoformat()
    if entry.end is not None:
        text += ".." + entry.end.isoformat()
    return text


def headline(entry: Entry) -> str:
    """The title with its partner's name and the event's partners."""
    text = entry.title
    if entry.partner_name:
        text = f"{entry.partner_name}: {text}"
    if entry.partners:
        text += " (with " + ", ".join(entry.partners) + ")"
    return text


def overdue_note(entry: Entry) -> str | None:
    """`overdue since 2026-11-18` for a late entry shown on today, else None."""
    if entry.overdue_since is None:
        return None
    return f"overdue since {entry.overdue_since.isoformat()}"


def what(entry: Entry) -> str:
    """The headline, then `[overdue since DATE; detail]` (what applies)."""
    notes = [note for note in (overdue_note(entry), entry.detail) if note]
    return headline(entry) + (" [" + "; ".join(notes) + "]" if notes else "")


def weeks(calendar: Calendar) -> Iterator[tuple[date, list[Entry]]]:
    """(Monday, entries shown that week) for every week the window touches."""
    monday = add_days(calendar.start, -calendar.start.weekday())
    while monday <= calendar.end:
        sunday = add_days(monday, 6)
        shown = [e for e in calendar.entries if monday <= e.shown_on(calendar.start) <= sunday]
        yield monday, shown
        monday = add_days(monday, 7)


def heading(calendar: Calendar) -> str:
    """`Calendar 2026-11-23 to 2026-12-20`."""
    return f"Calendar {calendar.start.isoformat()} to {calendar.end.isoformat()}"


def plain(calendar: Calendar, empty: str = EMPTY_CALENDAR) -> str:
    """One stable line per entry: day, kind, subject, what (and owner); else the line `empty`."""
    lines = [heading(calendar)]
    if not calendar.entries:
        lines.append(empty)
    for entry in calendar.entries:
        line = f"{when(entry)} {day_name(entry.date)}  {entry.kind}  "
        if subject(entry):
            line += subject(entry) + "  "
        line += plain_text(what(entry))
        if entry.owner:
            line += f"  @{plain_text(entry.owner)}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def table(calendar: Calendar, console: Console, empty: str = EMPTY_CALENDAR) -> None:
    """A readable agenda: one small table per week, a day's entries under its date.

    Every week's table has the same column widths (the Day and Kind columns
    fixed, Owner as wide as the widest owner in the calendar, What the rest),
    so the columns line up from one week to the next.
    """
    from rich.text import Text

    console.print(Text(heading(calendar), style="bold"))
    if not calendar.entries:
        console.print(Text(empty))
        return
    widths = (
        len("Mon 11-24"),
        max(len(kind) for kind in (*KIND_STYLE, *(e.kind for e in calendar.entries))),
        min(
            max([len("Owner"), *(len(plain_text(e.owner)) for e in calendar.entries if e.owner)]),
            OWNER_WIDTH_MAX,
        ),
    )
    for monday, shown in weeks(calendar):
        title = f"Week of Mon {monday.isoformat()}"
        if not shown:
            console.print(Text(f"{title}: nothing scheduled", style="dim"))
            continue
        grid = new_table("Day", "Kind", "What", "Owner", title=title)
        grid.expand = True  # What takes the rest of the width, the same each week
        fixed = (grid.columns[0], grid.columns[1], grid.columns[3])
        for column, width in zip(fixed, widths, strict=True):
            column.width = column.min_width = width
            column.no_wrap = column is not grid.columns[3]
        grid.columns[3].overflow = "fold"  # an owner longer than OWNER_WIDTH_MAX
        grid.columns[2].ratio = 1
        previous: date | None = None
        for entry in shown:
            day = entry.shown_on(calendar.start)
            label = f"{day_name(day)} {day:%m-%d}" if day != previous else ""
            previous = day
            text = headline(entry) + (f" [{entry.detail}]" if entry.detail else "")
            if entry.end is not None:
                text += f" (until {entry.end.isoformat()})"
            lines = [(text, "")]
            late = overdue_note(entry)
            if late is not None:  # on a line of its own, so the date never splits from it
                lines.append((late, "bold red"))
            grid.add_row(
                cell(label, "bold"),
                cell(entry.kind, KIND_STYLE.get(entry.kind, "")),
                multiline_cell(lines),
                cell(entry.owner, "dim"),
            )
        console.print(grid)


def json_doc(calendar: Calendar, today: date, errors: list[Problem] | None) -> str:
    """`{"version": 1, "today", "period": {"from", "to"}, "items": [...]}`."""
    from partnerctl.render.jsonout import document

    body = {
        "today": today,
        "period": {"from": calendar.start, "to": calendar.end},
        "items": [entry_json(entry, today, calendar.start) for entry in calendar.entries],
    }
    return document(body, errors=errors)


_FOLLOW_UP = "follow up: "


def entry_json(entry: Entry, today: date, start: date) -> dict[str, Any]:
    """One item, each fact under the name the other commands' JSON gives it.

    `date` is the item's own day (a late follow-up's, a late check-in's due
    day, as in `due`); `shown_on` the day the calendar shows it on; a late
    follow-up, spotlight or agreement has `status: overdue` and `days_late`.
    The text is `action` for what to do (follow-up, cadence), `name` for an
    event or a break, `title` for a spotlight's own title. Keys that do not
    apply are left out.
    """
    own = entry.overdue_since or entry.due or entry.date
    data: dict[str, Any] = {"date": own, "shown_on": entry.shown_on(start)}
    if entry.end is not None:
        data["end"] = entry.end
    data["kind"] = entry.kind
    if entry.overdue_since is not None:
        data["status"] = "overdue"
        data["days_late"] = (today - entry.overdue_since).days
    for name in ("partner", "event", "owner"):
        value = getattr(entry, name)
        if value is not None:
            data[name] = value
    data.update(_entry_text(entry))
    if entry.partners or entry.kind == "event":  # an event's list, even empty, as in `due`
        data["partners"] = list(entry.partners)
    return data


def _entry_text(entry: Entry) -> dict[str, Any]:
    """The kind's own words: the follow-up's action, the event's name and notes, …"""
    kind, title, detail = entry.kind, entry.title, entry.detail
    if kind == "follow-up":
        return {"action": title.removeprefix(_FOLLOW_UP)}
    if kind == "cadence":
        return {"action": title, "detail": detail}
    if kind in ("event", "school-break"):
        text: dict[str, Any] = {"name": title}
        if kind == "event" and detail is not None:
            text["notes"] = detail
        return text
    # identity is (kind, partner, what tells it apart, ...): the place, the kind, the edge.
    if kind == "spotlight":
        words = title.partition(": ")[2] if ": " in title else None
        where = entry.identity[2]
        return {"where": where, "title": words} if words else {"where": where}
    if kind == "agreement":
        return {"agreement": entry.identity[2]}
    if kind == "busy-season":
        edge = entry.identity[2]
        why = title.partition(": ")[2] if ": " in title else None
        found: dict[str, Any] = {"edge": edge}
        if why:
            found["why"] = why
        return found | ({"detail": detail} if detail is not None else {})
    return {"detail": detail} if detail is not None else {}


CSV_HEADER = (
    "date",
    "end",
    "kind",
    "title",
    "partner",
    "partner_name",
    "event",
    "partners",
    "owner",
    "detail",
    "overdue_since",
)


def csv_doc(calendar: Calendar) -> str:
    """One row per entry; the event's partners joined with '; '."""
    rows = [
        (
            entry.date.isoformat(),
            entry.end.isoformat() if entry.end else None,
            entry.kind,
            entry.title,
            entry.partner,
            entry.partner_name,
            entry.event,
            "; ".join(entry.partners),
            entry.owner,
            entry.detail,
            entry.overdue_since.isoformat() if entry.overdue_since else None,
        )
        for entry in calendar.entries
    ]
    return csv_text(CSV_HEADER, rows)


def md_doc(calendar: Calendar, empty: str = EMPTY_CALENDAR) -> str:
    """A heading and one Markdown table of every entry (else the line `empty`)."""
    if not calendar.entries:
        return f"**{heading(calendar)}**\n\n{empty}\n"
    rows = [
        (f"{day_name(e.date)} {when(e)}", e.kind, subject(e), what(e), e.owner)
        for e in calendar.entries
    ]
    return f"**{heading(calendar)}**\n\n" + md_table(("Date", "Kind", "Id", "What", "Owner"), rows)
