"""`report` output: plain (for cron mail), Rich table with funnel bars, Markdown and JSON.

The HTML rendering lives in :mod:`partnerctl.render.html`. Every piece of
user text goes through `clean_line` (plain, table) or `md_text` (Markdown).

Every format names things the same way (:func:`partner_label`,
:func:`event_label`, :func:`pathway_label`): the name a person reads, then
the id that a command takes, `Riverside Auto Group (riverside-auto)`; the
short lists are the lines of :func:`list_sections` in all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from partnerctl.render.table import cell, md_table, new_table, plain_text
from partnerctl.render.text import count as counted
from partnerctl.render.text import md_text

if TYPE_CHECKING:
    from rich.console import Console

    from partnerctl.core.report import (
        Count,
        NewPartner,
        PathwayCoverage,
        Report,
        StageMove,
        Touch,
    )
    from partnerctl.errors import Problem

BAR_WIDTH = 30
MD_NONE = "None."


def title(report: Report) -> str:
    """`PROGRAM: report for FROM to TO`."""
    return (
        f"{plain_text(report.program)}: report for {report.start.isoformat()} "
        f"to {report.end.isoformat()}"
    )


def counts_line(counts: list[Count]) -> str:
    """`jlee 3, mortiz 2`."""
    return ", ".join(f"{plain_text(c.key)} {c.count}" for c in counts)


def partner_label(report: Report, partner: str) -> str:
    """`Riverside Auto Group (riverside-auto)`: the name, then the id commands take.

    A partner whose file could not be read is shown by its id alone.
    """
    name = report.names.get(partner)
    return f"{plain_text(name)} ({partner})" if name else partner


def event_label(event: dict[str, object]) -> str:
    """`Chamber of Commerce breakfast (chamber-breakfast)`."""
    return f"{plain_text(str(event['name']))} ({event['event']})"


def pathway_label(pathway: PathwayCoverage) -> str:
    """`Automotive Technology (automotive)`."""
    return f"{plain_text(pathway.name)} ({pathway.id})"


def touch_line(report: Report, touch: Touch) -> str:
    """One touch as a line: `DATE  NAME (ID)  CHANNEL  with WHO: SUMMARY [OUTCOME]`."""
    parts = [touch.date.isoformat(), partner_label(report, touch.partner), touch.channel or "-"]
    text = "  ".join(parts)
    if touch.with_:
        text += f"  with {plain_text(touch.with_)}"
    if touch.summary:
        text += f": {plain_text(touch.summary)}"
    extras = [x for x in (touch.outcome, f"stage {touch.stage}" if touch.stage else None) if x]
    if touch.students:
        extras.append(counted(touch.students, "student"))
    if touch.by:
        extras.append(f"by {plain_text(touch.by)}")
    if extras:
        text += " [" + ", ".join(extras) + "]"
    return text


def contact_text(new: NewPartner) -> str:
    """`Dana Ortiz, Service Manager, dana@example.com, 555-0142` (what is known)."""
    if new.contact is None:
        return "no contact yet"
    parts = [new.contact.get(key) for key in ("name", "role", "email", "phone")]
    return ", ".join(plain_text(p) for p in parts if p)


def stage_move(move: StageMove, arrow: str) -> str:
    """`contacted -> meeting`; a partner's first recorded stage as `-> contacted (first ...)`."""
    if move.before is None:
        return f"{arrow} {move.after} (first stage recorded)"
    return f"{move.before} {arrow} {move.after}"


def _agreement_when(days_left: int) -> str:
    if days_left < 0:
        return f"expired {counted(-days_left, 'day')} ago"
    if days_left == 0:
        return "expires today"
    return f"in {counted(days_left, 'day')}"


def _section(heading: str, lines: list[str]) -> Iterator[str]:
    yield f"{heading}: {len(lines)}" if lines else f"{heading}: none"
    for line in lines:
        yield "  " + line


def list_sections(report: Report, arrow: str = "->") -> list[tuple[str, list[str]]]:
    """The short lists (stage moves … agreements) as (heading, plain lines), for every format."""

    def label(partner: str) -> str:
        return partner_label(report, partner)

    return [
        (
            "Stage moves",
            [
                f"{m.date.isoformat()}  {label(m.partner)}  {stage_move(m, arrow)}"
                for m in report.stage_moves
            ],
        ),
        (
            "New partners",
            [
                f"{n.date.isoformat()}  {label(n.partner)}, {n.stage}: {contact_text(n)}"
                for n in report.new_partners
            ],
        ),
        (
            "Events in the next 14 days",
            [
                f"{e['date'].isoformat()}  {event_label(e)}"
                + (f" with {', '.join(label(p) for p in e['partners'])}" if e["partners"] else "")
                for e in report.events
            ],
        ),
        (
            "Spotlights published",
            [
                f"{s['date'].isoformat()}  {label(s['partner'])}  {s['where']}"
                + (f": {plain_text(s['title'])}" if s["title"] else "")
                + (f" (by {plain_text(s['by'])})" if s.get("by") else "")
                for s in report.spotlights
            ],
        ),
        (
            "Agreements expiring",
            [
                f"{a['expires'].isoformat()}  {label(a['partner'])}  {a['kind']} "
                f"({_agreement_when(a['days_left'])})"
                for a in report.agreements
            ],
        ),
    ]


def plain_lines(report: Report) -> Iterator[str]:
    """The plain report, line by line: stable, no colour, reads well in a mail."""
    yield title(report)
    yield ""
    yield from _section("Touches", [touch_line(report, t) for t in report.touches])
    if report.touches:
        yield f"  by owner: {counts_line(report.by_owner)}"
        if report.logged_by:
            yield f"  logged by: {counts_line(report.by_author)}"
        yield f"  by channel: {counts_line(report.by_channel)}"
        yield f"  outcomes: {counts_line(report.outcomes)}"
    yield f"Students served: {report.students}"
    if report.students_by_pathway:
        yield f"  by pathway: {counts_line(report.students_by_pathway)}"
    yield f"Due now: {report.overdue} overdue, {report.due} due (`partnerctl due` lists them)"
    for heading, lines in list_sections(report):
        yield from _section(heading, lines)
    yield "Stages:"
    width = max(len(stage) for stage in report.stages)
    for stage, count in report.stages.items():
        yield f"  {stage.ljust(width)}  {count}"
    yield from _section("Pathways", coverage_lines(report.pathways))
    yield from wbl_lines(report)


def wbl_lines(report: Report) -> Iterator[str]:
    """The work-based-learning and advisory sections, when the workspace has them."""
    from partnerctl.render import wbl

    if report.wbl.shown:
        yield from wbl.plain_lines(report.wbl)
    if report.committees:
        start, end = (day.isoformat() for day in report.school_year)
        yield from wbl.advisory_lines(report.committees, start, end)


def coverage_lines(pathways: list[PathwayCoverage]) -> list[str]:
    """`Automotive Technology (automotive):  2 partners, 0 active  ! no active partner`.

    The name and partner count are padded so that the columns line up.
    """
    rows = [(pathway_label(p) + ":", counted(p.total, "partner") + ",", p) for p in pathways]
    names = max((len(row[0]) for row in rows), default=0)
    totals = max((len(row[1]) for row in rows), default=0)
    return [
        f"{name:<{names}} {total:<{totals}} {p.active} active"
        + ("  ! no active partner" if p.flagged else "")
        for name, total, p in rows
    ]


def plain(report: Report, empty: str | None = None) -> str:
    """The whole plain report; with `empty` (a workspace with nothing in it), the title and it."""
    if empty is not None:
        return f"{title(report)}\n{empty}\n"
    return "\n".join(plain_lines(report)) + "\n"


def json_doc(report: Report, errors: list[Problem]) -> str:
    """DESIGN's JSON document for the report."""
    from partnerctl.render.jsonout import document

    return document(report.as_json(), errors)


def bar(count: int, most: int) -> str:
    """A bar of block characters: one per partner, scaled down when the longest passes BAR_WIDTH."""
    if count <= 0 or most <= 0:
        return ""
    return "█" * max(1, round(count * BAR_WIDTH / max(most, BAR_WIDTH)))


def table(report: Report, console: Console, empty: str | None = None) -> None:
    """The report as Rich tables, with bars for the stage funnel.

    A line too long for the terminal wraps with a hanging indent, under its item.
    """
    from rich.text import Text

    from partnerctl.render.table import hanging

    def say(line: str, style: str = "") -> None:
        indent = len(line) - len(line.lstrip(" "))
        console.print(hanging(console, Text(line.lstrip(" "), style=style), indent, indent + 2))

    console.print(Text(title(report), style="bold"))
    if empty is not None:
        console.print(Text(empty))
        return
    console.print()
    touches = new_table("date", "partner", "channel", "with", "summary", "outcome", title="Touches")
    for t in report.touches:
        touches.add_row(
            t.date.isoformat(), cell(partner_label(report, t.partner)), t.channel or "",
            cell(t.with_), cell(t.summary),
            t.outcome or "",
        )  # fmt: skip
    if report.touches:
        console.print(touches)
        say("by owner: " + counts_line(report.by_owner))
        if report.logged_by:
            say("logged by: " + counts_line(report.by_author))
        say("by channel: " + counts_line(report.by_channel))
        say("outcomes: " + counts_line(report.outcomes))
    else:
        say("Touches: none")
    students = f"Students served: {report.students}"
    if report.students_by_pathway:
        students += f" ({counts_line(report.students_by_pathway)})"
    say(students)
    say(f"Due now: {report.overdue} overdue, {report.due} due", style="bold")
    for heading, lines in list_sections(report):
        for line in _section(heading, lines):
            say(line)
    console.print()
    funnel = new_table("stage", "partners", "", title="Stage funnel")
    most = max(report.stages.values(), default=0)
    for stage, count in report.stages.items():
        funnel.add_row(stage, str(count), Text(bar(count, most), style="cyan"))
    console.print(funnel)
    console.print()
    paths = new_table("pathway", "partners", "active", "", title="Pathway coverage")
    for p in report.pathways:
        flag = Text("no active partner", style="bold red") if p.flagged else Text("")
        paths.add_row(cell(pathway_label(p)), str(p.total), str(p.active), flag)
    if report.pathways:
        console.print(paths)
    for line in wbl_lines(report):
        say(line)


def md_doc(report: Report, empty: str | None = None) -> str:
    """The report as Markdown: headings, short lists and tables; a heading is never bare."""
    out = [f"# {md_text(report.program)}", ""]
    out.append(f"Report for {report.start.isoformat()} to {report.end.isoformat()}.")
    out.append("")
    if empty is not None:
        return "\n".join([*out, empty, ""])
    out.append(f"## Touches ({len(report.touches)})")
    out.append("")
    if report.touches:
        out.append(
            md_table(
                (
                    "date",
                    "partner",
                    "owner",
                    "channel",
                    "with",
                    "summary",
                    "outcome",
                    "students",
                    "by",
                ),
                [
                    (
                        t.date.isoformat(),
                        partner_label(report, t.partner),
                        t.owner,
                        t.channel,
                        t.with_,
                        t.summary,
                        t.outcome,
                        str(t.students) if t.students is not None else "",
                        t.by,
                    )
                    for t in report.touches
                ],
            )
        )
        out.append(f"- By owner: {md_text(counts_line(report.by_owner))}")
        if report.logged_by:
            out.append(f"- Logged by: {md_text(counts_line(report.by_author))}")
        out.append(f"- By channel: {md_text(counts_line(report.by_channel))}")
        out.append(f"- Outcomes: {md_text(counts_line(report.outcomes))}")
        out.append("")
    else:
        out.extend([MD_NONE, ""])
    students = f"**Students served:** {report.students}"
    if report.students_by_pathway:
        students += f" ({md_text(counts_line(report.students_by_pathway))})"
    out.append(students)
    out.append("")
    out.append(f"**Due now:** {report.overdue} overdue, {report.due} due")
    out.append("")
    lists = dict(list_sections(report, "→"))
    for heading, items in lists.items():
        out.append(f"## {heading} ({len(items)})")
        out.append("")
        out.extend(f"- {md_text(item)}" for item in items)
        out.append("" if items else MD_NONE + "\n")
    out.append("## Stage funnel")
    out.append("")
    out.append(md_table(("stage", "partners"), [(s, str(n)) for s, n in report.stages.items()]))
    out.append("## Pathway coverage")
    out.append("")
    if not report.pathways:
        out.append("None: partnerctl.yaml lists no pathways.\n")
    else:
        out.append(
            md_table(
                ("pathway", "partners", "active", "flag"),
                [
                    (
                        pathway_label(p),
                        str(p.total),
                        str(p.active),
                        "no active partner" if p.flagged else "",
                    )
                    for p in report.pathways
                ],
            )
        )
    from partnerctl.render import wbl

    if report.wbl.shown:
        out.extend(wbl.md_lines(report.wbl))
    if report.committees:
        start, end = (day.isoformat() for day in report.school_year)
        out.extend(wbl.md_advisory(report.committees, start, end))
    return "\n".join(out)
