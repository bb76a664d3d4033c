"""`due` output: plain, json, csv and md renderings of a list of DueItem.

Also the words every format shares (subject, who, notes, commands, the
footer); :mod:`partnerctl.render.duetable` lays them out as a Rich table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from partnerctl.render.table import csv_text, md_table, plain_text

if TYPE_CHECKING:
    from partnerctl.core.due import DueItem
    from partnerctl.errors import Problem

TERM_LABELS = {
    "lateness": "lateness",
    "stage": "stage",
    "early_adopter": "early adopter",
    "kind": "kind",
}


@dataclass(frozen=True)
class DueReport:
    """What `due` shows: the items, the day, and what to say when there are none."""

    today: date
    items: Sequence[DueItem]
    within: int = 0
    owner: str | None = None
    explain: bool = False
    next_item: DueItem | None = None  # the next thing ahead, for the "nothing due" line
    no_partners: bool = False  # the workspace has none: the "nothing due" line says how to add
    unread_partner_files: int = 0  # partner files left out because they have errors
    students: bool = True  # student codes shown (not with --no-students)


def with_context(report: DueReport, errors: Iterable[Problem]) -> DueReport:
    """`report` with what only the workspace knows: how many partner files were left out."""
    return replace(report, unread_partner_files=unread_partner_files(errors))


def unread_partner_files(errors: Iterable[Problem]) -> int:
    """How many partner files have errors: the loader leaves each of them out."""
    return len({p.file for p in errors if p.file and p.file.startswith("partners/")})


def unread_note(report: DueReport) -> str | None:
    """`1 partner file could not be read: its items are not shown`, or None."""
    from partnerctl.render.text import count

    if not report.unread_partner_files:
        return None
    files = count(report.unread_partner_files, "partner file")
    whose = "its" if report.unread_partner_files == 1 else "their"
    return f"{files} could not be read: {whose} items are not shown"


def number(value: float) -> str:
    """A term or urgency as the user reads it: 1, 0.4, -1."""
    return f"{value:g}"


def explain_line(item: DueItem) -> str:
    """`urgency 4.4 = lateness 0.4 + stage 1 + early adopter 1 + kind 2` (zero terms left out)."""
    parts = [
        f"{TERM_LABELS.get(name, name)} {number(value)}"
        for name, value in item.terms.items()
        if value
    ]
    return f"urgency {number(item.urgency)}" + (" = " + " + ".join(parts) if parts else "")


def commands(item: DueItem) -> list[str]:
    """The commands that act on an item (log, snooze, contact, ...), for people to copy."""
    return [plain_text(command) for command in item.commands]


def subject(item: DueItem) -> str:
    """The partner, event or file; `north:riverside-auto` for a school's, in a district."""
    return f"{item.school}:{item.subject}" if item.school is not None else item.subject


def who(item: DueItem) -> str:
    """`Dana Ortiz, email` for a partner's item; `with acme, bolt` for an event's."""
    if item.event is not None:
        return "with " + ", ".join(item.partners) if item.partners else ""
    return ", ".join(part for part in (item.contact, item.channel) if part)


def notes(item: DueItem) -> list[str]:
    """Warnings and the deferral, as short notes."""
    found = list(item.warnings)
    if item.deferred_until is not None:
        found.append(f"deferred until {item.deferred_until.isoformat()}")
    return found


def nothing_line(report: DueReport) -> str:
    """The one friendly line for an empty list."""
    from partnerctl.render.empty import NO_PARTNERS

    if report.within == 0:
        when = "today"
    else:
        when = "today or tomorrow" if report.within == 1 else f"in the next {report.within} days"
    line = f"Nothing due {when}"
    if report.owner:
        line += f" for {report.owner}"
    line += "."
    ahead = report.next_item
    if ahead is not None:
        line += f" Next: {ahead.date.isoformat()} {subject(ahead)} {ahead.kind}: {ahead.action}"
    elif report.no_partners:
        line += " " + NO_PARTNERS
    return plain_text(line)


# --- plain ----------------------------------------------------------------------


def footer_lines(report: DueReport) -> list[str]:
    """The line under an empty list, or the counts; then the note on unread files, if any."""
    note = unread_note(report)
    if not report.items:
        return [nothing_line(report)] + ([note] if note else [])
    return [summary(report.items) + (f" ({note})" if note else "")]


def plain(report: DueReport) -> str:
    """Stable lines for cron mail and grep: one per item, then its commands.

    Nothing due: the one friendly line. Partner files left out: a last line
    saying so (the errors themselves are on stderr).
    """
    if not report.items:
        return "\n".join(footer_lines(report)) + "\n"
    lines: list[str] = []
    for item in report.items:
        line = f"{item.status:<8}  {item.date.isoformat()}  {subject(item)}  {item.kind}  "
        line += plain_text(item.action)
        if who(item):
            line += f"  ({plain_text(who(item))})"
        for note in notes(item):
            line += f"  [{plain_text(note)}]"
        lines.append(line)
        if report.explain:
            lines.append("  " + explain_line(item))
            if item.rule:
                lines.append("  rule: " + item.rule)
        for command in commands(item):
            lines.append("  → " + command)
    unread = unread_note(report)
    if unread:
        lines.append(unread)
    return "\n".join(lines) + "\n"


def summary(items: Sequence[DueItem]) -> str:
    """`2 overdue, 3 due, 1 upcoming`."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
    order = ("overdue", "due", "upcoming", "deferred")
    return ", ".join(f"{counts[s]} {s}" for s in order if s in counts)


# --- json, csv, md ----------------------------------------------------------------


def json_doc(report: DueReport, errors: list[Problem] | None) -> str:
    """DESIGN's JSON document (with each item's `terms` only under --explain)."""
    from partnerctl.render.jsonout import document

    rows = []
    for item in report.items:
        row = item.as_json()
        if not report.students:
            row.pop("student", None)
        if report.explain:
            row["terms"] = dict(item.terms)
            if item.rule:
                row["rule"] = item.rule
        rows.append(row)
    return document({"today": report.today.isoformat(), "items": rows}, errors=errors)


CSV_HEADER = (
    "status",
    "date",
    "days_late",
    "kind",
    "partner",
    "event",
    "event_date",
    "partners",
    "action",
    "contact",
    "channel",
    "owner",
    "urgency",
    "warnings",
    "deferred_until",
    "placement",
    "student",
    "member",
    "pathway",
)


def csv_doc(report: DueReport) -> str:
    """One row per item; lists joined with '; '; formula-safe cells.

    Without student codes (--no-students) the `student` column is left out.
    """
    rows = []
    for item in report.items:
        rows.append(
            (
                item.status,
                item.date.isoformat(),
                item.days_late,
                item.kind,
                item.partner,
                item.event,
                item.event_date.isoformat() if item.event_date else None,
                "; ".join(item.partners),
                item.action,
                item.contact,
                item.channel,
                item.owner,
                number(item.urgency),
                "; ".join(item.warnings),
                item.deferred_until.isoformat() if item.deferred_until else None,
                item.placement,
                item.student,
                item.member,
                item.pathway,
            )
        )
    if report.students:
        return csv_text(CSV_HEADER, rows)
    gone = CSV_HEADER.index("student")
    return csv_text(
        CSV_HEADER[:gone] + CSV_HEADER[gone + 1 :], [row[:gone] + row[gone + 1 :] for row in rows]
    )


def md_doc(report: DueReport) -> str:
    """A Markdown table (or the friendly line when nothing is due), then any unread-files note."""
    if not report.items:
        return "\n\n".join(footer_lines(report)) + "\n"
    note = unread_note(report)
    rows = []
    for item in report.items:
        action = item.action
        if notes(item):
            action += " (" + "; ".join(notes(item)) + ")"
        rows.append(
            (item.status, item.date.isoformat(), subject(item), item.kind, action, who(item))
        )
    out = md_table(("Status", "Date", "Partner", "Kind", "To do", "Contact"), rows)
    return out + (f"\n{note}\n" if note else "")
