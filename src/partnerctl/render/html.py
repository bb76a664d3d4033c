"""`report --format html`: one self-contained page (inline CSS, no scripts, no links out).

Every piece of user text is escaped with :func:`esc` (HTML-escaped, quotes
included, control and bidi characters shown as visible escapes), so a
partner named `<script>…` is shown, never run. Layout is plain tables that
mail clients render as well as browsers do.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from partnerctl.render.report import contact_text, counts_line, list_sections
from partnerctl.render.text import clean_line

if TYPE_CHECKING:
    from partnerctl.core.report import Report

STYLE = """
body { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: #1f2933; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.15rem; margin-top: 1.6rem; border-bottom: 1px solid #d9e2ec; }
.period { color: #52606d; margin-top: 0; }
.summary td { padding: 0.3rem 1.2rem 0.3rem 0; }
.big { font-size: 1.4rem; font-weight: bold; }
table.data { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
table.data th { text-align: left; background: #f0f4f8; padding: 0.3rem 0.5rem; }
table.data td { border-top: 1px solid #e4e7eb; padding: 0.3rem 0.5rem; vertical-align: top; }
.bar { display: inline-block; height: 0.8rem; background: #3e7cb1; }
.flag { color: #b42318; font-weight: bold; }
.overdue { color: #b42318; }
.none { color: #7b8794; font-style: italic; }
"""


def esc(text: object) -> str:
    """User text made safe for HTML: controls shown as escapes, then HTML-escaped."""
    if text is None:
        return ""
    return html.escape(clean_line(str(text)), quote=True)


def html_table(
    header: Sequence[str], rows: Iterable[Sequence[object]], raw_last: bool = False
) -> str:
    """An HTML table; every cell is escaped unless `raw_last` (our own markup) is set."""
    out = ['<table class="data"><tr>']
    out.extend(f"<th>{esc(name)}</th>" for name in header)
    out.append("</tr>")
    for row in rows:
        out.append("<tr>")
        for index, value in enumerate(row):
            shown = str(value) if raw_last and index == len(row) - 1 else esc(value)
            out.append(f"<td>{shown}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def html_list(items: list[str]) -> str:
    if not items:
        return '<p class="none">none</p>'
    return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"


def _percent(count: int, most: int) -> int:
    """A funnel bar's width as a share of the longest (0 for none)."""
    return round(100 * count / most) if most and count else 0


def html_doc(report: Report) -> str:
    """The report as one HTML document."""
    heading = f"{report.program}: report"
    period = f"{report.start.isoformat()} to {report.end.isoformat()}"
    body: list[str] = [
        f"<h1>{esc(heading)}</h1>",
        f'<p class="period">{esc(period)}</p>',
        '<table class="summary"><tr>',
        f'<td><span class="big">{len(report.touches)}</span><br>touches</td>',
        f'<td><span class="big">{report.students}</span><br>students served</td>',
        f'<td><span class="big">{len(report.new_partners)}</span><br>new partners</td>',
        f'<td><span class="big overdue">{report.overdue}</span><br>overdue now</td>',
        f'<td><span class="big">{report.due}</span><br>due now</td>',
        "</tr></table>",
        f"<h2>Touches ({len(report.touches)})</h2>",
    ]
    if report.touches:
        body.append(
            html_table(
                ("date", "partner", "owner", "channel", "with", "summary", "outcome", "students"),
                [
                    (
                        t.date.isoformat(),
                        t.name,
                        t.owner,
                        t.channel,
                        t.with_,
                        t.summary,
                        t.outcome,
                        t.students,
                    )
                    for t in report.touches
                ],
            )
        )
        for label, counts in (
            ("By owner", report.by_owner),
            ("By channel", report.by_channel),
            ("Outcomes", report.outcomes),
        ):
            body.append(f"<p><b>{label}:</b> {esc(counts_line(counts))}</p>")
    else:
        body.append('<p class="none">none</p>')
    if report.students_by_pathway:
        body.append(
            f"<p><b>Students by pathway:</b> {esc(counts_line(report.students_by_pathway))}</p>"
        )
    for heading_text, lines in list_sections(report):
        if heading_text == "New partners":
            lines = [
                f"{n.date.isoformat()} {n.name} ({n.stage}): {contact_text(n)}"
                for n in report.new_partners
            ]
        body.append(f"<h2>{esc(heading_text)} ({len(lines)})</h2>")
        body.append(html_list(lines))
    body.append("<h2>Stage funnel</h2>")
    most = max(report.stages.values(), default=0)
    body.append(
        html_table(
            ("stage", "partners", ""),
            [
                (stage, count, f'<span class="bar" style="width:{_percent(count, most)}%"></span>')
                for stage, count in report.stages.items()
            ],
            raw_last=True,
        )
    )
    body.append("<h2>Pathway coverage</h2>")
    if report.pathways:
        body.append(
            html_table(
                ("pathway", "partners", "active", ""),
                [
                    (
                        p.name,
                        p.total,
                        p.active,
                        '<span class="flag">no active partner</span>' if p.flagged else "",
                    )
                    for p in report.pathways
                ],
                raw_last=True,
            )
        )
    else:
        body.append('<p class="none">partnerctl.yaml lists no pathways</p>')
    from partnerctl.render.wbl import html_sections

    start, end = (day.isoformat() for day in report.school_year)
    body.extend(html_sections(report.wbl, report.committees, start, end))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(heading)} {esc(period)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
