"""`partnerctl report`: activity over a week, a month or any period, for people and cron."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from partnerctl.cli.app import app, state

if TYPE_CHECKING:
    from datetime import date

REPORT_FORMATS = ("table", "plain", "md", "html", "json")


def report_period(
    today: date, month: bool, start: date | None, end: date | None
) -> tuple[date, date]:
    """The period from the options: --from/--to, --month, else the seven days ending today."""
    from datetime import timedelta

    from partnerctl.core.report import month_period, week_period
    from partnerctl.errors import UsageError

    if month and (start is not None or end is not None):
        raise UsageError("give --month or --from/--to, not both")
    if month:
        return month_period(today)
    if start is None and end is None:
        return week_period(today)
    if end is None:
        end = today
    if start is None:
        start = end - timedelta(days=6)
    if end < start:
        raise UsageError(
            f"--to {end.isoformat()} is before --from {start.isoformat()}",
            hint="the period runs from --from through --to, both included",
        )
    return start, end


@app.command()
def report(
    month: Annotated[
        bool,
        typer.Option("--month", help="The calendar month that holds yesterday."),
    ] = False,
    start_text: Annotated[
        str | None,
        typer.Option("--from", metavar="DATE", help="First day of the period (included)."),
    ] = None,
    end_text: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="DATE", help="Last day of the period (included; default today)."
        ),
    ] = None,
    no_contacts: Annotated[
        bool, typer.Option("--no-contacts", help="Leave out email addresses and phone numbers.")
    ] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE instead of stdout (format: --format, else its extension).",
        ),
    ] = None,
) -> None:
    """Activity over the last seven days (or --month, --from/--to) and where things stand.

    Touches by owner and channel, outcomes, students served by pathway, stage
    moves, new partners, what is due now, events in the next 14 days,
    spotlights, agreements expiring, the stage funnel and pathway coverage;
    then placements and hours (JSON by student code; md and html count
    students without listing them) and the advisory committees.
    Formats: table, plain (for cron mail), md, html (one self-contained
    page), json.

    Example: partnerctl report --month --format html -o november.html
    """
    from partnerctl.core.report import build_report
    from partnerctl.render import report as render

    current = state()
    fmt = current.file_format(output, REPORT_FORMATS, default="plain")
    workspace = current.workspace()
    today = current.today()
    start = current.date_option("--from", start_text, past=True)
    end = current.date_option("--to", end_text, past=True)
    start, end = report_period(today, month, start, end)
    result = build_report(
        workspace.settings,
        workspace.partners,
        workspace.events,
        today,
        start,
        end,
        with_contacts=not no_contacts,
        placements=workspace.placements.values(),
        with_students=current.students_shown(),
    )
    # A workspace with no partner and no event has nothing to report: one line says so.
    empty = None
    if fmt != "json" and not workspace.events and current.no_partners():
        from partnerctl.render.empty import NO_PARTNERS

        empty = NO_PARTNERS
    if fmt == "table":  # never for a file
        render.table(result, current.console(), empty)
        return
    if fmt == "json":
        text = render.json_doc(result, workspace.errors)
    elif fmt == "md":
        text = render.md_doc(result, empty)
    elif fmt == "html":
        from partnerctl.render.html import html_doc

        text = html_doc(result)
    else:
        text = render.plain(result, empty)
    write_output(text, output)


def write_output(text: str, output: str | None) -> None:
    """Write `text` to stdout, or atomically to the file named by -o."""
    import sys

    if output is None or output == "-":
        sys.stdout.write(text)
        return
    import os
    from pathlib import Path

    from partnerctl.workspace import atomic

    umask = os.umask(0)
    os.umask(umask)
    atomic.write_all([(Path(output), text.encode("utf-8"), output)], mode=0o666 & ~umask)
