"""The report's work-based-learning and advisory sections, in plain, table, md and html.

Plain and table (the director's own screens and cron mail) show exact counts;
Markdown and HTML are made to be shared, so a count of students or
placements under `suppress_below` shows as "fewer than N", and hours summed
over such a small group are suppressed. No format here ever lists a
student's code: only the report's JSON does (core.wbl_report).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from partnerctl.core.placements import hours_text
from partnerctl.render.table import md_table, plain_text

if TYPE_CHECKING:
    from partnerctl.core.advisory import Committee
    from partnerctl.core.wbl_report import Group, WblReport

SUPPRESSED = "suppressed"


def shown_count(number: int, minimum: int) -> str:
    """A count for a shared report: `fewer than 5` from 1 to minimum - 1, else the number."""
    if 0 < number < minimum:
        return f"fewer than {minimum}"
    return str(number)


def shown_hours(hours: float, placements: int, minimum: int) -> str:
    """Hours for a shared report, suppressed when summed over fewer than `minimum` placements."""
    if 0 < placements < minimum:
        return SUPPRESSED
    return hours_text(hours)


def _group_line(group: Group) -> str:
    return f"{plain_text(group.key)} {group.placements} ({hours_text(group.hours)} h)"


def _missing_words(wbl: WblReport, minimum: int | None = None) -> str:
    def shown(n: int) -> str:
        return str(n) if minimum is None else shown_count(n, minimum)

    if not wbl.missing:
        return ""
    return " (" + ", ".join(f"{kind} {shown(n)}" for kind, n in wbl.missing.items()) + ")"


def _paperwork_words(wbl: WblReport, minimum: int | None) -> str:
    """`paperwork (4 in the period or about to start): 3 complete, 1 with some missing (...)`."""

    def shown(n: int) -> str:
        return str(n) if minimum is None else shown_count(n, minimum)

    head = f"paperwork ({shown(wbl.checked)} in the period or about to start): "
    if not wbl.incomplete:
        return head + f"{shown(wbl.complete)} complete, none missing"
    return (
        head
        + f"{shown(wbl.complete)} complete, {shown(wbl.incomplete)} with some missing"
        + _missing_words(wbl, minimum)
    )


def plain_lines(wbl: WblReport) -> Iterator[str]:
    """The placements section as plain lines, exact counts, no student codes."""
    yield (
        f"Placements: {len(wbl.placements)} in the period, "
        f"{hours_text(wbl.hours)} hours logged in it"
    )
    if wbl.placements:
        yield "  by partner: " + ", ".join(_group_line(g) for g in wbl.by_partner)
        yield "  by pathway: " + ", ".join(_group_line(g) for g in wbl.by_pathway)
        yield (
            f"  students: {wbl.students}, {wbl.meeting} with an experience of "
            f"{hours_text(wbl.threshold)} hours or more"
        )
    if wbl.checked:
        yield "  " + _paperwork_words(wbl, None)


def advisory_lines(committees: list[Committee], start: str, end: str) -> Iterator[str]:
    """The advisory section: each committee's members' attendance and its meetings."""
    from partnerctl.render.advisory import lines

    yield f"Advisory committees ({start} to {end}):"
    for line in lines(committees):
        yield "  " + line


def md_lines(wbl: WblReport) -> Iterator[str]:
    """The placements section in Markdown: counts only, small ones as "fewer than N"."""
    low = wbl.minimum
    yield "## Work-based learning"
    yield ""
    placed = len(wbl.placements)
    yield (
        f"Placements in the period: {shown_count(placed, low)}; hours logged in it: "
        f"{shown_hours(wbl.hours, placed, low)}."
    )
    yield ""
    if not placed:
        if wbl.checked:
            yield "- " + "P" + _paperwork_words(wbl, low)[1:]
            yield ""
        return
    for title, groups in (("partner", wbl.by_partner), ("pathway", wbl.by_pathway)):
        yield md_table(*_group_table(title, groups, low))
    yield (
        f"- Students: {shown_count(wbl.students, low)}; with an experience of "
        f"{hours_text(wbl.threshold)} hours or more: {shown_count(wbl.meeting, low)}"
    )
    yield "- " + "P" + _paperwork_words(wbl, low)[1:]
    yield ""


def md_advisory(committees: list[Committee], start: str, end: str) -> Iterator[str]:
    """The advisory section in Markdown: attendance by member, then the meetings."""
    from partnerctl.render.advisory import heading, meeting_line

    yield f"## Advisory committees ({start} to {end})"
    yield ""
    for committee in committees:
        yield f"### {heading(committee)}"
        yield ""
        yield md_table(
            ("member", "partner or role", "term ends", "attended"),
            [
                (
                    line.member["name"],
                    line.member["partner"] or line.member["role"] or "",
                    line.member["term_ends"].isoformat(),
                    f"{line.attended} of {line.held}",
                )
                for line in committee.members
            ],
        )
        for meeting in committee.meetings:
            yield "- " + meeting_line(meeting, len(committee.members), committee.today)
        yield ""


def html_sections(wbl: WblReport, committees: list[Committee], start: str, end: str) -> list[str]:
    """The two sections as HTML (every piece of text escaped by render.html's esc)."""
    from partnerctl.render.advisory import heading, meeting_line
    from partnerctl.render.html import esc, html_list, html_table

    out: list[str] = []
    low = wbl.minimum
    if wbl.shown:
        placed = len(wbl.placements)
        out.append("<h2>Work-based learning</h2>")
        out.append(
            f"<p>Placements in the period: <b>{esc(shown_count(placed, low))}</b>; "
            f"hours logged in it: <b>{esc(shown_hours(wbl.hours, placed, low))}</b></p>"
        )
        for title, groups in (("partner", wbl.by_partner), ("pathway", wbl.by_pathway)):
            if not groups:
                continue
            out.append(html_table(*_group_table(title, groups, low)))
        out.append(
            html_list(
                [
                    f"Students: {shown_count(wbl.students, low)}; with an experience of "
                    f"{hours_text(wbl.threshold)} hours or more: {shown_count(wbl.meeting, low)}",
                    "P" + _paperwork_words(wbl, low)[1:],
                ]
            )
        )
    if committees:
        out.append(f"<h2>{esc(f'Advisory committees ({start} to {end})')}</h2>")
        for committee in committees:
            out.append(f"<h3>{esc(heading(committee))}</h3>")
            out.append(
                html_table(
                    ("member", "partner or role", "term ends", "attended"),
                    [
                        (
                            line.member["name"],
                            line.member["partner"] or line.member["role"] or "",
                            line.member["term_ends"].isoformat(),
                            f"{line.attended} of {line.held}",
                        )
                        for line in committee.members
                    ],
                )
            )
            out.append(
                html_list(
                    [
                        meeting_line(m, len(committee.members), committee.today)
                        for m in committee.meetings
                    ]
                )
            )
    return out


def _group_table(
    title: str, groups: list[Group], low: int
) -> tuple[tuple[str, ...], list[tuple[str, str, str, str, str]]]:
    """The header and rows of the placements by partner or by pathway (small counts hidden)."""
    header = (title, "placements", "students", "hours in the period", "hours to date")
    rows = [
        (
            g.name,
            shown_count(g.placements, low),
            shown_count(g.students, low),
            shown_hours(g.hours, g.placements, low),
            shown_hours(g.hours_to_date, g.placements, low),
        )
        for g in groups
    ]
    return header, rows
