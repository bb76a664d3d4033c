"""`partnerctl report`: activity over a week, a month or any period, for people and cron."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from partnerctl.cli.app import app, command_formats, output_option, state
from partnerctl.cli.complete import complete_date
from partnerctl.errors import errors_in

if TYPE_CHECKING:
    from datetime import date

    from partnerctl.workspace import Workspace

REPORT_FORMATS = command_formats("report", ("table", "plain", "md", "html", "json"))


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
        typer.Option(
            "--from",
            metavar="DATE",
            help="First day of the period (included).",
            autocompletion=complete_date,
        ),
    ] = None,
    end_text: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="DATE",
            help="Last day of the period (included; default today).",
            autocompletion=complete_date,
        ),
    ] = None,
    no_contacts: Annotated[
        bool, typer.Option("--no-contacts", help="Leave out email addresses and phone numbers.")
    ] = False,
    output: Annotated[str | None, output_option()] = None,
) -> None:
    """Activity over the last seven days (or --month, --from/--to) and where things stand.

    Touches by owner and channel, outcomes, students served by pathway, stage
    moves, new partners, what is due now, events in the next 14 days,
    spotlights, agreements expiring, the stage funnel and pathway coverage;
    then placements and hours (JSON by student code; md and html count
    students without listing them) and the advisory committees.
    Formats: table, plain (for cron mail), md, html (one self-contained
    page), json. In a district workspace (one that lists `schools`), the
    schools' numbers side by side.

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
    if workspace.settings["schools"]:
        write_output(district_report(workspace, fmt, today, start, end), output)
        return
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


def write_output(text: str | bytes, output: str | None) -> None:
    """Write `text` (or a binary file's bytes) to stdout, or atomically to the file named by -o.

    For report, calendar, export and draft. The file is replaced as a whole (a
    temporary file in its folder, then a rename), with the permissions the
    user's umask gives a new file; a folder or a missing folder is a usage
    error that names it.
    """
    import sys

    if output is None or output == "-":
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
        return
    import os
    from pathlib import Path

    from partnerctl.errors import UsageError
    from partnerctl.workspace import atomic

    target = Path(output)
    if target.is_dir():
        raise UsageError(f"-o: {output} is a folder", hint="name a file, such as report.html")
    if not target.parent.is_dir():
        raise UsageError(f"-o: no folder {str(target.parent)!r}", hint="create it first")
    umask = os.umask(0)
    os.umask(umask)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    atomic.write_all([(target, data, output)], mode=0o666 & ~umask)


def district_report(workspace: Workspace, fmt: str, today: date, start: date, end: date) -> str:
    """A district's report: each school's numbers side by side (the table is printed)."""
    from partnerctl.cli.invocation import print_problems
    from partnerctl.core.district import SchoolColumn, rollup
    from partnerctl.core.report import build_report
    from partnerctl.render import district as render
    from partnerctl.workspace.district import load_schools

    current = state()
    schools, problems = load_schools(workspace)
    errors = errors_in(problems)
    if errors:
        print_problems(errors)
        current.had_load_errors = True
    columns = []
    if workspace.partners:
        own = build_report(
            workspace.settings, workspace.partners, workspace.events, today, start, end
        )
        columns.append(SchoolColumn("office", "the district office's own partners", own))
    for school in schools:
        loaded = school.workspace
        report = (
            build_report(loaded.settings, loaded.partners, loaded.events, today, start, end)
            if loaded is not None
            else None
        )
        columns.append(SchoolColumn(school.id, school.name, report))
    result = rollup(workspace.settings["program"], today, start, end, columns)
    if fmt == "table":
        render.table(result, current.console())
        return ""
    if fmt == "json":
        return render.json_doc(result, [*workspace.errors, *errors])
    if fmt == "md":
        return render.md_doc(result)
    if fmt == "html":
        return render.html_doc(result)
    return render.plain(result)
