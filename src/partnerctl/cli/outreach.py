"""`prospects`, `plan` and `calendar`: who to approach, when, and everything dated ahead."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from partnerctl.cli.app import app, state

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from partnerctl.core.calendar import Calendar
    from partnerctl.core.plan import Plan
    from partnerctl.records import PartnerRec
    from partnerctl.workspace import Workspace
    from partnerctl.workspace.edit import PartnerEdit

PROSPECT_FORMATS = ("table", "plain", "json", "csv", "md")
CALENDAR_FORMATS = ("table", "plain", "json", "csv", "md", "ics")


def _stages(given: list[str] | None, show_all: bool) -> tuple[str, ...] | None:
    from partnerctl.core.prospects import DEFAULT_STAGES
    from partnerctl.errors import UsageError
    from partnerctl.records import STAGES

    if show_all and given:
        raise UsageError("--all and --stage disagree; give one of them")
    if show_all:
        return None
    if not given:
        return DEFAULT_STAGES
    chosen: list[str] = []
    for text in given:
        value = text.strip().lower()
        if value not in STAGES:
            import difflib

            close = difflib.get_close_matches(value, STAGES, n=1)
            raise UsageError(
                f"--stage: {text!r} is not a stage",
                hint=f"did you mean {close[0]!r}?" if close else "stages: " + ", ".join(STAGES),
            )
        if value not in chosen:
            chosen.append(value)
    return tuple(chosen)


@app.command()
def prospects(
    stage: Annotated[
        list[str] | None,
        typer.Option("--stage", metavar="STAGE", help="Rank partners at this stage (repeatable)."),
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
        text = render.prospects_json(fits, workspace.errors)
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
        str | None, typer.Option("--from", metavar="DATE", help="First day (default tomorrow).")
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
    if apply:  # as reassign: a broken file would leave its partner out of the plan and cap
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
    lines = _apply(workspace, result) if apply and document else []
    empty = NO_PARTNERS if not result.items and current.no_partners() else NOTHING_TO_PLAN
    if fmt == "table":
        render.plan_table(result, current.console(), empty)
    else:
        if fmt == "json":
            text = render.plan_json(result, workspace.errors)
        elif fmt == "csv":
            text = render.plan_csv(result)
        elif fmt == "md":
            text = render.plan_md(result, empty)
        else:
            text = render.plan_plain(result, empty)
        sys.stdout.write(text)
    if apply and not document:
        lines = _apply(workspace, result)
    out = sys.stderr if document else sys.stdout
    out.write("".join(line + "\n" for line in lines))


def _apply(workspace: Workspace, result: Plan) -> list[str]:
    """Write each proposal as `next`; return one line per file written or skipped."""
    from partnerctl.render.table import plain_text
    from partnerctl.workspace.edit import edit_partners

    if TYPE_CHECKING:
        from partnerctl.workspace.yamledit import PartnerDocument

    if not result.items:
        return ["Nothing written: no proposals."]
    # Keyed by id: an edit runs again when its file changed before the lock.
    skipped: dict[str, bool] = {}

    def setter(partner_id: str, day: date, action: str) -> PartnerEdit:
        def edit(doc: PartnerDocument, record: PartnerRec) -> None:
            # Someone may have set a follow-up since the plan was made: keep theirs.
            skipped[partner_id] = record["next"] is not None
            if not skipped[partner_id]:
                doc.set_value("next", {"date": day, "action": action})

        return edit

    edits = {item.partner: setter(item.partner, item.date, item.action) for item in result.items}
    edit_partners(workspace.root, edits, settings=workspace.settings)
    lines: list[str] = []
    for item in result.items:
        file = workspace.partners[item.partner]["file"]
        if skipped.get(item.partner):
            lines.append(f"skipped {file}: it has a `next` now")
        else:
            lines.append(f"wrote {file}: next {item.date.isoformat()} {plain_text(item.action)}")
    return lines


def _known_partners(given: list[str], workspace: Workspace) -> list[str]:
    from partnerctl.errors import UsageError

    for partner_id in given:
        if partner_id not in workspace.partners:
            import difflib

            close = difflib.get_close_matches(partner_id, list(workspace.partners), n=1)
            raise UsageError(
                f"--partner: no partner {partner_id!r}",
                hint=f"did you mean {close[0]!r}?" if close else "see `partnerctl list`",
            )
    return given


@app.command()
def calendar(
    from_text: Annotated[
        str | None,
        typer.Option("--from", metavar="DATE", help="First day (default this week's Monday)."),
    ] = None,
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, max=104, metavar="N", help="Weeks to show.")
    ] = 4,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner", metavar="NAME", help="Only this owner's partners (and unowned events)."
        ),
    ] = None,
    mine: Annotated[
        bool,
        typer.Option("--mine", help="Only your partners: PARTNERCTL_OWNER, else `me` in settings."),
    ] = False,
    partner: Annotated[
        list[str] | None,
        typer.Option(
            "--partner", metavar="ID", help="Only this partner and its events (repeatable)."
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically)."),
    ] = None,
) -> None:
    """The outreach calendar: events, follow-ups, check-ins, spotlights, expiries, breaks.

    Shows every dated thing from --from for --weeks N weeks, week by week.
    `--format ics` gives an iCalendar feed to import or subscribe to; with
    `-o FILE` the format follows the file's extension (.ics, .json, .csv, .md).

    Example: partnerctl calendar --weeks 8 --format ics -o outreach.ics
    """
    import sys
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
    monday = today - timedelta(days=today.weekday())
    start = current.date_option("--from", from_text) or monday
    cal = calendar_entries(
        settings,
        workspace.partners.values(),
        workspace.events,
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
    text = _calendar_text(cal, fmt, settings["program"], today, workspace, empty)
    if output is None or output == "-":
        sys.stdout.write(text)
    else:
        _write_output(output, text)


def _calendar_text(
    cal: Calendar, fmt: str, program: str, today: date, workspace: Workspace, empty: str
) -> str:
    from partnerctl.render import calendar as render

    if fmt == "ics":
        from partnerctl.render.ics import ics_doc

        return ics_doc(cal, program, today)
    if fmt == "json":
        return render.json_doc(cal, workspace.errors)
    if fmt == "csv":
        return render.csv_doc(cal)
    if fmt == "md":
        return render.md_doc(cal, empty)
    return render.plain(cal, empty)


def _write_output(output: str, text: str) -> None:
    """Replace FILE atomically (a temporary file in its folder, then os.replace)."""
    from pathlib import Path

    from partnerctl.errors import UsageError
    from partnerctl.workspace import atomic

    target: Path = Path(output)
    if target.is_dir():
        raise UsageError(f"-o: {output} is a folder", hint="name a file, such as outreach.ics")
    if not target.parent.is_dir():
        raise UsageError(f"-o: no folder {str(target.parent)!r}", hint="create it first")
    atomic.write_all([(target, text.encode("utf-8"), output)], mode=0o644)
