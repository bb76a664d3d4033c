"""`report --format html`: one self-contained page (inline CSS and SVG, no scripts, no links out).

Every piece of user text is escaped with :func:`esc` (HTML-escaped, quotes
included, control and bidi characters shown as visible escapes), so a
partner named `<script>…` is shown, never run; a Content-Security-Policy
forbids scripts and every fetch besides. The words are the plain and md
report's (:mod:`partnerctl.render.report`): names with their ids, the same
lines. A value never wraps inside itself (:func:`tokens` keeps a date, an id
or an email whole), tables become stacked cards on a phone, and the page
prints on few pages (`@media print`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from partnerctl.render.charts import funnel_chart, weekly_chart
from partnerctl.render.report import (
    counts_line,
    list_sections,
    partner_label,
    pathway_label,
)
from partnerctl.render.text import clean_line

if TYPE_CHECKING:
    from partnerctl.core.report import Report

# A word longer than this may break anywhere (else it would stick out of a phone's screen).
LONGEST_WORD = 32
# Where browsers break a line inside a word: after a hyphen, a dash or a slash.
_BREAKS_INSIDE = re.compile("[-/\u2010-\u2015]")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
:root { color-scheme: light; }
body { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: #1f2933; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.4;
       overflow-wrap: break-word; }
h1 { font-size: 1.5rem; margin: 0 0 0.2rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 0.5rem; border-bottom: 1px solid #d9e2ec; }
p, ul { margin: 0.4rem 0; }
.period { color: #52606d; margin-top: 0; }
.nw { white-space: nowrap; }
.long { overflow-wrap: anywhere; }
.id { color: #52606d; }
.stats { display: flex; flex-wrap: wrap; gap: 0.4rem 1.6rem; margin: 1rem 0; }
.stat { min-width: 5.5rem; }
.big { display: block; font-size: 1.4rem; font-weight: bold; }
table.data { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
table.data th { text-align: left; background: #f0f4f8; padding: 0.3rem 0.5rem; }
table.data td { border-top: 1px solid #e4e7eb; padding: 0.3rem 0.5rem; vertical-align: top; }
.num { text-align: right; }
.flag { color: #b42318; font-weight: bold; }
.overdue { color: #b42318; }
.none, .note { color: #52606d; }
.none { font-style: italic; }
.note { font-size: 0.85rem; }
svg.chart { display: block; width: 100%; max-width: 40rem; height: auto; margin: 0.3rem 0; }
svg.chart text { font-family: inherit; font-size: 12px; fill: #1f2933; }
svg.chart .axis { fill: #52606d; font-size: 11px; }
svg.chart .grid { stroke: #d9e2ec; stroke-width: 1; }
svg.chart .bar { fill: #9ec1e3; }
svg.chart .bar.now { fill: #2f6690; }
svg.chart .break { fill: #f0f4f8; }
svg.chart .band { stroke: #ffffff; stroke-width: 1; }
svg.chart .band0 { fill: #e1ecf7; } svg.chart .band1 { fill: #cfe0f1; }
svg.chart .band2 { fill: #bcd4ec; } svg.chart .band3 { fill: #a9c8e6; }
svg.chart .band4 { fill: #96bce0; }
svg.chart .band-text { font-size: 13px; }
@media (max-width: 40rem) {
  body { margin: 1rem auto; padding: 0 0.75rem; }
  table.data, table.data tbody, table.data tr, table.data td { display: block; width: auto; }
  table.data tr:first-child { display: none; }
  table.data tr { border-top: 1px solid #d9e2ec; padding: 0.3rem 0; }
  table.data td { border: 0; padding: 0.1rem 0; text-align: left; }
  table.data td[data-label]::before { content: attr(data-label) ": "; color: #52606d; }
  table.data td:empty { display: none; }
}
@media print {
  @page { margin: 12mm; }
  body { font-size: 9.5pt; max-width: none; margin: 0; padding: 0; line-height: 1.3; }
  h1 { font-size: 14pt; }
  h2 { font-size: 11pt; margin: 0.7rem 0 0.25rem; break-after: avoid; }
  .stats { margin: 0.4rem 0; }
  .big { font-size: 12pt; }
  table.data, .note { font-size: 8.5pt; }
  table.data th, table.data td { padding: 0.1rem 0.3rem; }
  tr, li, svg.chart { break-inside: avoid; }
  svg.chart { max-width: 24rem; }
  .print-pair { display: flex; gap: 1.5rem; align-items: flex-start; }
  .print-pair > section { flex: 1; }
}
"""


def esc(text: object) -> str:
    """User text made safe for HTML: controls shown as escapes, then HTML-escaped."""
    if text is None:
        return ""
    return html.escape(clean_line(str(text)), quote=True)


def tokens(text: object) -> str:
    """`esc(text)`, with every word that holds a hyphen, dash or slash kept whole.

    Browsers break lines after a hyphen or a slash, so a date, an id or
    `background-check` could wrap inside itself; each such word is a
    `nowrap` span. A word too long for a phone may break anywhere instead.
    """
    if text is None:
        return ""
    out: list[str] = []
    for part in re.split(r"(\s+)", clean_line(str(text))):
        if not _BREAKS_INSIDE.search(part):
            out.append(html.escape(part, quote=True))
        elif len(part) > LONGEST_WORD:
            out.append(f'<span class="long">{html.escape(part, quote=True)}</span>')
        else:
            out.append(f'<span class="nw">{html.escape(part, quote=True)}</span>')
    return "".join(out)


def _table(
    header: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()
) -> str:
    """An HTML table of cells already made HTML (by `tokens`, or our own markup).

    Each cell carries its column's name (`data-label`), shown before it when
    the table is stacked on a narrow screen.
    """
    out = ['<table class="data"><tr>']
    out.extend(f"<th>{esc(name)}</th>" for name in header)
    out.append("</tr>")
    for row in rows:
        out.append("<tr>")
        for index, value in enumerate(row):
            cls = ' class="num"' if index in numeric else ""
            out.append(f'<td data-label="{esc(header[index])}"{cls}>{value}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def html_table(
    header: Sequence[str], rows: Iterable[Sequence[object]], raw_last: bool = False
) -> str:
    """An HTML table of values: each cell made HTML by `tokens`, but the last when `raw_last`
    (markup of partnerctl's own)."""
    cells = [
        [
            str(value) if raw_last and index == len(row) - 1 else tokens(value)
            for index, value in enumerate(row)
        ]
        for row in rows
    ]
    return _table(header, cells)


def html_list(items: list[str]) -> str:
    if not items:
        return '<p class="none">none</p>'
    return "<ul>" + "".join(f"<li>{tokens(item)}</li>" for item in items) + "</ul>"


def _stat(number: int, label: str, cls: str = "") -> str:
    big = f"big {cls}".strip()
    return f'<div class="stat"><span class="{big}">{number}</span>{esc(label)}</div>'


def html_doc(report: Report) -> str:
    """The report as one HTML document."""
    heading = report.program
    period = f"Report for {report.start.isoformat()} to {report.end.isoformat()}."
    body: list[str] = [
        f"<h1>{tokens(heading)}</h1>",
        f'<p class="period">{tokens(period)}</p>',
        '<div class="stats">',
        _stat(len(report.touches), "touches"),
        _stat(report.students, "students served"),
        _stat(len(report.new_partners), "new partners"),
        _stat(report.overdue, "overdue now", "overdue"),
        _stat(report.due, "due now"),
        "</div>",
        f"<h2>Touches ({len(report.touches)})</h2>",
    ]
    if report.touches:
        header = (
            "date", "partner", "owner", "channel", "with", "summary", "outcome", "students", "by",
        )  # fmt: skip
        rows = [
            [
                tokens(t.date.isoformat()),
                tokens(partner_label(report, t.partner)),
                tokens(t.owner),
                tokens(t.channel),
                tokens(t.with_),
                tokens(t.summary),
                tokens(t.outcome),
                "" if t.students is None else str(t.students),
                tokens(t.by),
            ]
            for t in report.touches
        ]
        body.append(_table(header, rows, numeric=(7,)))
        for label, counts in (
            ("By owner", report.by_owner),
            ("Logged by", report.by_author if report.logged_by else []),
            ("By channel", report.by_channel),
            ("Outcomes", report.outcomes),
        ):
            if counts:
                body.append(f"<p><b>{label}:</b> {tokens(counts_line(counts))}</p>")
    else:
        body.append('<p class="none">none</p>')
    if report.students_by_pathway:
        line = counts_line(report.students_by_pathway)
        body.append(f"<p><b>Students by pathway:</b> {tokens(line)}</p>")
    body.extend(_weeks(report))
    for heading_text, lines in list_sections(report, "→"):
        body.append(f"<h2>{esc(heading_text)} ({len(lines)})</h2>")
        body.append(html_list(lines))
    body.append('<div class="print-pair"><section>')
    body.extend(_funnel(report))
    body.append("</section><section>")
    body.extend(_coverage(report))
    body.append("</section></div>")
    from partnerctl.render.wbl import html_sections

    start, end = (day.isoformat() for day in report.school_year)
    body.extend(html_sections(report.wbl, report.committees, start, end))
    title = f"{heading}: report for {report.start.isoformat()} to {report.end.isoformat()}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _weeks(report: Report) -> list[str]:
    if not report.weeks:
        return []
    first, last = report.weeks[0], report.weeks[-1]
    note = (
        f"Touches in each seven days from {first.start.isoformat()} to {last.end.isoformat()}, "
        "the weeks ending on the report's last day. Darker: this report's period; shaded: "
        "school breaks."
    )
    return [
        "<h2>Touches per week</h2>",
        weekly_chart(report.weeks),
        f'<p class="note">{tokens(note)}</p>',
    ]


def _funnel(report: Report) -> list[str]:
    out = ["<h2>Stage funnel</h2>", funnel_chart(report.funnel)]
    on_funnel = {step.stage for step in report.funnel}
    off = [f"{n} {stage}" for stage, n in report.stages.items() if stage not in on_funnel and n]
    note = (
        "Reached: partners at that stage now, or that a touchpoint moved past it "
        "(a lapsed partner was active)."
    )
    if off:
        note += " Off the funnel now: " + ", ".join(off) + "."
    out.append(f'<p class="note">{tokens(note)}</p>')
    return out


def _coverage(report: Report) -> list[str]:
    out = ["<h2>Pathway coverage</h2>"]
    if not report.pathways:
        out.append('<p class="none">partnerctl.yaml lists no pathways</p>')
        return out
    rows = [
        [
            tokens(pathway_label(p)),
            str(p.total),
            str(p.active),
            '<span class="flag">no active partner</span>' if p.flagged else "",
        ]
        for p in report.pathways
    ]
    out.append(_table(("pathway", "partners", "active", "flag"), rows, numeric=(1, 2)))
    return out
