"""`due` as a Rich table: one row per item, fixed widths, readable at 60 to 100 columns.

The words in each cell (subject, who, notes, commands, the footer) are
:mod:`partnerctl.render.due`'s, shared with plain and md; this module only
lays them out for a terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnerctl.render.due import (
    TERM_LABELS,
    commands,
    footer_lines,
    notes,
    number,
    subject,
    who,
)
from partnerctl.render.table import cell, hanging, multiline_cell, new_table, print_command

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from partnerctl.core.due import DueItem
    from partnerctl.render.due import DueReport

STATUS_STYLE = {
    "overdue": "bold red",
    "due": "yellow",
    "upcoming": "cyan",
    "deferred": "dim",
}


def who_within(item: DueItem, width: int) -> str:
    """`who(item)`, or `with 6 partners: see the command` when an id would not fit `width`."""
    from partnerctl.render.text import count

    if any(len(pid) + 1 > width for pid in item.partners):  # "id," must fit on a line
        return f"with {count(len(item.partners), 'partner')}: see the command below"
    return who(item)


def explain_lines(item: DueItem, width: int) -> list[str]:
    """`explain_line` wrapped to `width`, only between terms: no term is split over lines."""
    terms = [
        f"{TERM_LABELS.get(name, name)} {number(value)}"
        for name, value in item.terms.items()
        if value
    ]
    lines = [f"urgency {number(item.urgency)}"]
    for index, term in enumerate(terms):
        part = ("= " if index == 0 else "+ ") + term
        if len(lines[-1]) + 1 + len(part) <= width:
            lines[-1] += " " + part
        else:
            lines.append("  " + part)
    return lines


# The To do column is never narrower than this while the ids fit whole.
TO_DO_MIN_WIDTH = 20


def table(report: DueReport, console: Console) -> None:
    """A Rich table, coloured by status, readable at 60, 80 and 100 columns.

    An item's row holds its status, date, subject and kind, and in "To do" the
    action, who to reach and warnings. Under the row, from the Date column:
    the urgency terms under --explain (wrapped only between terms), then the
    commands that act on the item, each on one line that is never wrapped, so
    it copies whole (a terminal narrower than a command folds it softly).
    Each row is its own table with the same fixed widths, so the columns line
    up down the list.

    Ids are never split: the Partner column is as wide as the longest id.
    When the terminal is too narrow for all four columns, the status becomes
    the first line of the Date column; only a terminal narrower still folds
    ids. An event whose partners' ids do not fit the To do column says how
    many partners it has: its command, under the row, names them whole.
    """
    from rich.text import Text

    if not report.items:
        for line in footer_lines(report):
            console.print(Text(line))
        return
    title = f"Due {report.today:%a} {report.today.isoformat()}"
    if report.owner:
        title += f" for {report.owner}"
    items = report.items
    status_width = max(len("Status"), *(len(item.status) for item in items))
    date_width = len("2026-11-24")
    partner_width = max(len("Partner"), *(max(len(subject(i)), len(i.kind)) for i in items))
    # each column but the last takes its width, its padding and the rule's gap
    rest = date_width + 2 + partner_width + 2 + TO_DO_MIN_WIDTH
    wide = console.width >= status_width + 2 + rest
    if not wide and console.width < rest:  # too narrow even without Status: fold the ids
        partner_width = max(len("decision-maker"), console.width - (rest - partner_width))
    todo_width = console.width - (date_width + 2) - (partner_width + 2)
    todo_width -= status_width + 2 if wide else 0
    headers = ["Date", "Partner", "To do"]
    widths = [date_width, partner_width]
    if wide:
        headers.insert(0, "Status")
        widths.insert(0, status_width)
    indent = " " * (status_width + 2) if wide else "  "  # wide: under the Date column

    def grid(header: bool) -> Table:
        found = new_table(*headers, title=title if header else None)
        found.show_header = found.expand = header  # the header's rule spans the width
        partner, todo = found.columns[-2], found.columns[-1]
        for column, width in zip(found.columns, widths, strict=False):
            column.width = column.min_width = width
            column.no_wrap = column is not partner
        partner.overflow = todo.overflow = "fold"
        todo.ratio = 1  # the only column that takes the spare width
        return found

    console.print(grid(header=True))
    for item in items:
        style = STATUS_STYLE.get(item.status, "")
        when = [(item.date.isoformat(), "")]
        if item.kind != "event" and item.status != "upcoming" and item.days_late > 0:
            when.append((f"{item.days_late}d late", "dim"))
        todo: list[tuple[str, str]] = [(item.action, "")]
        if who(item):
            todo.append((who_within(item, todo_width), "dim"))
        todo += [(note, "yellow") for note in notes(item)]
        cells = [
            multiline_cell(when),
            multiline_cell([(subject(item), "bold"), (item.kind, "dim")]),
            multiline_cell(todo),
        ]
        if wide:
            cells.insert(0, cell(item.status, style))
        else:
            cells[0] = multiline_cell([(item.status, style), *when])
        row = grid(header=False)
        row.add_row(*cells)
        console.print(row)
        if report.explain:
            for line in explain_lines(item, console.width - len(indent)):
                console.print(Text(indent + line, style="dim"))
            if item.rule:
                rule = Text(indent + "rule: " + item.rule, style="dim")
                console.print(hanging(console, rule, 0, len(indent) + 2))
        for command in commands(item):
            print_command(console, command, indent)
    for line in footer_lines(report):
        console.print(Text(line))
