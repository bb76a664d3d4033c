"""`prospects`, `plan` and `calendar`: who to approach, when, and everything dated ahead."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from partnerctl.cli.app import app, command_formats, output_option, state
from partnerctl.cli.complete import (
    complete_date,
    complete_event_id,
    complete_owner,
    complete_partner_id,
    complete_stage,
)
from partnerctl.cli.due import MineOption

if TYPE_CHECKING:
    from datetime import date

    from partnerctl.core.calendar import Calendar
    from partnerctl.core.plan import Plan
    from partnerctl.records import EventRec
    from partnerctl.workspace import Workspace

PROSPECT_FORMATS = command_formats(("prospects", "plan"), ("table", "plain", "json", "csv", "md"))
CALENDAR_FORMATS = command_formats("calendar", ("table", "plain", "json", "csv", "md", "ics"))


def _stages(given: list[str] | None, show_all: bool) -> tuple[str, ...] | None:
    from partnerctl.cli import args as check
    from partnerctl.core.prospects import DEFAULT_STAGES
    from partnerctl.errors import UsageError

    if show_all and given:
        raise UsageError("--all and --stage disagree; give one of them")
    if show_all:
        return None
    return tuple(check.stages("--stage", given)) or DEFAULT_STAGES


@app.command()
def prospects(
    stage: Annotated[
        list[str] | None,
        typer.Option(
            "--stage",
            metavar="STAGE",
            help="Rank partners at this stage (repeatable).",
            autocompletion=complete_stage,
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Rank every partner except declined ones.")
    ] = False,
) -> None:
    """Rank prospects and lapsed partners by fit, best first, and show why.

    The fit is a sum of named terms: relationship +3, pathway match +2,
    distance under 5 miles +2 (under 15: +1), early adopter +1.5, +1 per need
    a pathway's skills meet (at most +3), and -1 in the partner's busy season.

    Example: partnerctl prospects --stage prospect --format md
    """
    import sys

    from partnerctl.core.prospects import rank_prospects
    from partnerctl.render import outreach as render
    from partnerctl.render.empty import NO_PARTNERS

    current = state()
    fmt = current.output_format(PROSPECT_FORMATS)
    stages = _stages(stage, show_all)
    workspace = current.workspace()
    fits = rank_prospects(
        workspace.settings, workspace.partners.values(), current.today(), stages=stages
    )
    empty = NO_PARTNERS if not fits and current.no_partners() else None
    if fmt == "table":
        render.prospects_table(fits, stages, current.console(), empty)
        return
    if fmt == "json":
        text = render.prospects_json(fits, current.today(), workspace.errors)
    elif fmt == "csv":
        text = render.prospects_csv(fits)
    elif fmt == "md":
        text = render.prospects_md(fits, stages, empty)
    else:
        text = render.prospects_plain(fits, stages, empty)
    sys.stdout.write(text)


@app.command()
def plan(
    from_text: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="First day (default tomorrow).",
            autocompletion=complete_date,
        ),
    ] = None,
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, max=104, metavar="N", help="Weeks to plan.")
    ] = 6,
    per_week: Annotated[
        int,
        typer.Option("--per-week", min=1, metavar="K", help="At most K touches per ISO week."),
    ] = 3,
    apply: Annotated[
        bool, typer.Option("--apply", help="Write each proposal as the partner's `next`.")
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="With --apply: show what it would write; write nothing."),
    ] = False,
) -> None:
    """Propose a dated first or next touch for prospects and lapsed partners.

    Only partners without a `next` are planned, best fit first: on a workday,
    outside school breaks and the partner's busy seasons, not before its
    cadence says, at most --per-week K a week. A partner named by an event may
    be planned for that event's day. --apply writes each proposal as `next`;
    it writes nothing while any file has errors, so no partner is missed.

    Example: partnerctl plan --weeks 4 --per-week 2 --apply
    """
    import sys
    from datetime import timedelta

    from partnerctl.core.plan import plan_outreach
    from partnerctl.render import outreach as render
    from partnerctl.render.empty import NO_PARTNERS, NOTHING_TO_PLAN

    current = state()
    fmt = current.output_format(PROSPECT_FORMATS)
    workspace = current.workspace()
    if dry_run and not apply:
        from partnerctl.errors import UsageError

        raise UsageError("--dry-run goes with --apply", hint="`plan` alone writes nothing already")
    if apply and not dry_run:  # as reassign: a broken file would leave a partner out of the cap
        from partnerctl.cli.editopts import refuse_partial_workspace

        refuse_partial_workspace(workspace)
    today = current.today()
    start = current.date_option("--from", from_text) or today + timedelta(days=1)
    result = plan_outreach(
        workspace.settings,
        workspace.partners,
        workspace.events,
        today,
        start=start,
        weeks=weeks,
        per_week=per_week,
    )
    document = fmt in ("json", "csv")
    # JSON and CSV stay exactly one document on stdout: what was written goes to
    # stderr, and the write comes first, so a refused write prints the JSON error
    # document in place of the plan rather than after it.
    lines = _apply(workspace, result, dry_run) if apply and document else []
    empty = NO_PARTNERS if not result.items and current.no_partners() else NOTHING_TO_PLAN
    if fmt == "table":
        render.plan_table(result, current.console(), empty)
    else:
        if fmt == "json":
            text = render.plan_json(result, today, workspace.errors)
        elif fmt == "csv":
            text = render.plan_csv(result)
        elif fmt == "md":
            text = render.plan_md(result, empty)
        else:
            text = render.plan_plain(result, empty)
        sys.stdout.write(text)
    if apply and not document:
        lines = _apply(workspace, result, dry_run)
    out = sys.stderr if document else sys.stdout
    out.write("".join(line + "\n" for line in lines))


def _apply(workspace: Workspace, result: Plan, dry_run: bool) -> list[str]:
    """Write each proposal as `next`; return one line per file written or skipped."""
    from functools import partial

    from partnerctl.cli.editopts import dry_run_line
    from partnerctl.core.touch import plan_next
    from partnerctl.render.text import clean
    from partnerctl.workspace.edit import apply_changes

    if not result.items:
        return ["Nothing written: no proposals."]
    plans = {
        item.partner: partial(plan_next, day=item.date, action=item.action) for item in result.items
    }
    changes = apply_changes(workspace.root, plans, settings=workspace.settings, dry_run=dry_run)
    lines = [clean(line) for change in changes for line in change.said]
    return [*lines, dry_run_line(changes)] if dry_run else lines


def _known_partners(given: list[str], workspace: Workspace) -> list[str]:
    from partnerctl.cli import args as check

    for partner_id in given:
        check.known_partner(partner_id, workspace.partners, "--partner")
    return given


def _chosen_events(given: list[str], only: list[str], workspace: Workspace) -> list[EventRec]:
    """The events that `--event` names (every event when it names none)."""
    from partnerctl.errors import UsageError

    if not given:
        return list(workspace.events)
    if only:
        raise UsageError("give --event or --partner, not both")
    known = {event["id"]: event for event in workspace.events}
    for event_id in given:
        if event_id not in known:
            from partnerctl.words import did_you_mean

            raise UsageError(
                f"--event: no event {event_id!r}",
                hint=did_you_mean(event_id, sorted(known)) or "see `partnerctl calendar`",
            )
    return [known[event_id] for event_id in dict.fromkeys(given)]


@app.command()
def calendar(
    from_text: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="First day (default this week's Monday).",
            autocompletion=complete_date,
        ),
    ] = None,
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, max=104, metavar="N", help="Weeks to show.")
    ] = 4,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="NAME",
            help="Only this owner's partners (and unowned events).",
            autocompletion=complete_owner,
        ),
    ] = None,
    mine: MineOption = False,
    partner: Annotated[
        list[str] | None,
        typer.Option(
            "--partner",
            metavar="ID",
            help="Only this partner and its events (repeatable).",
            autocompletion=complete_partner_id,
        ),
    ] = None,
    event: Annotated[
        list[str] | None,
        typer.Option(
            "--event",
            metavar="ID",
            help="Only this event's dates (repeatable; not with --partner).",
            autocompletion=complete_event_id,
        ),
    ] = None,
    output: Annotated[str | None, output_option()] = None,
) -> None:
    """The outreach calendar: events, follow-ups, check-ins, spotlights, expiries, breaks.

    Shows every dated thing from --from for --weeks N weeks, week by week.
    `--format ics` gives an iCalendar feed to import or subscribe to; with
    `-o FILE` the format follows the file's extension (.ics, .json, .csv, .md).

    Example: partnerctl calendar --weeks 8 --format ics -o outreach.ics
    """
    from datetime import timedelta

    from partnerctl.cli.due import chosen_owner
    from partnerctl.core.calendar import calendar_entries
    from partnerctl.render.empty import EMPTY_CALENDAR, NO_PARTNERS

    current = state()
    fmt = current.file_format(output, CALENDAR_FORMATS, default="plain")
    workspace = current.workspace()
    today = current.today()
    settings = workspace.settings
    who = chosen_owner(owner, mine, settings)
    only = _known_partners(partner or [], workspace)
    events = _chosen_events(event or [], only, workspace)
    monday = today - timedelta(days=today.weekday())
    start = current.date_option("--from", from_text) or monday
    cal = calendar_entries(
        settings,
        [] if event else workspace.partners.values(),
        events,
        today,
        start=start,
        weeks=weeks,
        owner=who,
        only=only,
    )
    empty = EMPTY_CALENDAR
    if not cal.entries and not workspace.events and current.no_partners():
        empty = NO_PARTNERS
    if fmt == "table":
        from partnerctl.render import calendar as render_calendar

        render_calendar.table(cal, current.console(), empty)
        return
    if fmt == "ics":
        from partnerctl.core.withdrawn import recently_done
        from partnerctl.render.ics import ics_doc

        # Done and withdrawn items too, so that an imported copy of the feed updates.
        done = recently_done(workspace.partners.values(), today, owner=who, only=only)
        text = ics_doc(cal, settings["program"], today, done)
    else:
        text = _calendar_text(cal, fmt, workspace, empty, today)
    from partnerctl.cli.report import write_output

    write_output(text, output)


def _calendar_text(cal: Calendar, fmt: str, workspace: Workspace, empty: str, today: date) -> str:
    from partnerctl.render import calendar as render

    if fmt == "json":
        return render.json_doc(cal, today, workspace.errors)
    if fmt == "csv":
        return render.csv_doc(cal)
    if fmt == "md":
        return render.md_doc(cal, empty)
    return render.plain(cal, empty)
