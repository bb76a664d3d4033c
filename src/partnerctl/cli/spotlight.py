"""`partnerctl spotlight`: who to recognize in public now; `spotlight add` records one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from partnerctl.cli.app import app, command_formats, state, within_option
from partnerctl.cli.complete import complete_date
from partnerctl.cli.editopts import DryRun, PartnerArg

if TYPE_CHECKING:
    from datetime import date

    from partnerctl.core.change import Change
    from partnerctl.records import PartnerRec

SPOTLIGHT_FORMATS = command_formats("spotlight", ("table", "plain", "json"))

spotlight_app = typer.Typer(
    name="spotlight",
    no_args_is_help=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
app.add_typer(spotlight_app, name="spotlight")


@spotlight_app.callback(invoke_without_command=True)
def spotlight(
    ctx: typer.Context,
    history: Annotated[
        bool, typer.Option("--history", help="List the published spotlights, by partner and place.")
    ] = False,
    within: Annotated[
        int, within_option("Also show who falls due in N days (not with --history).")
    ] = 0,
) -> None:
    """Who to recognize in public now, where, and under what title.

    Uses the recognition rule of `due`: an active partner whose newest
    published spotlight (else `since`) is `spotlight_every` days old, or that
    has a milestone touchpoint newer than its newest spotlight. Suggests the
    place used least recently for that partner, a title from the milestone,
    and reminds you when no media-release agreement covers student photos.

    Example: partnerctl spotlight --within 14
    """
    if ctx.invoked_subcommand is not None:
        if history or within:
            from partnerctl.errors import UsageError

            raise UsageError(
                "--history and --within go with `spotlight` alone, not with a subcommand"
            )
        return
    import sys

    from partnerctl.core.spotlight import count_by_place, spotlight_history, spotlight_items
    from partnerctl.render import spotlight as render
    from partnerctl.render.empty import NO_PARTNERS, NO_SPOTLIGHT_HISTORY

    current = state()
    fmt = current.output_format(SPOTLIGHT_FORMATS)
    if history and within:
        from partnerctl.errors import UsageError

        raise UsageError(
            "--within looks ahead at who falls due; --history lists what was published: "
            "give one of them",
            hint="`partnerctl report --from DATE` lists the spotlights of a period",
        )
    workspace = current.workspace()
    partners = workspace.partners.values()
    no_partners = fmt != "json" and current.no_partners()
    if history:
        rows = spotlight_history(partners)
        by_place = count_by_place(rows)
        empty = NO_PARTNERS if no_partners else NO_SPOTLIGHT_HISTORY
        if fmt == "table":
            render.history_table(rows, by_place, current.console(), empty)
            return
        if fmt == "json":
            sys.stdout.write(render.history_json(rows, by_place, workspace.errors))
        else:
            sys.stdout.write(render.history_plain(rows, by_place, empty))
        return
    today = current.today()
    items = spotlight_items(workspace.settings, partners, today, within=within)
    nobody = NO_PARTNERS if no_partners else None
    if fmt == "table":
        render.table(items, today, current.console(), within, nobody)
    elif fmt == "json":
        sys.stdout.write(render.json_doc(items, today, workspace.errors))
    else:
        sys.stdout.write(render.plain(items, today, within, nobody))


@spotlight_app.command("add")
def spotlight_add(
    partner_id: PartnerArg,
    where: Annotated[
        str,
        typer.Option(
            "--where",
            metavar="PLACE",
            help="social, newsletter, newspaper, website, board-meeting, award or event",
        ),
    ],
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="The headline.")],
    date_text: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="When it ran or will run (default today).",
            autocompletion=complete_date,
        ),
    ] = None,
    planned: Annotated[
        bool, typer.Option("--planned", help="Not out yet: plan it (shows in `calendar`).")
    ] = False,
    dry_run: DryRun = False,
) -> None:
    """Record a spotlight (published, or --planned) in the partner's file.

    A published spotlight clears the partner's recognition item in `due`.
    Publishing one that was planned at the same place with the same title
    marks that one published instead of adding a second. Only the new lines
    are written; every other line of the file stays as it was.

    Example: partnerctl spotlight add riverside-auto --where social --title "EV bay tour"
    """
    from functools import partial

    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes, write_context
    from partnerctl.cli.identity import author
    from partnerctl.core.spotlight_edits import add_spotlight
    from partnerctl.errors import UsageError
    from partnerctl.records import SPOTLIGHT_PLACES

    check.partner_id(partner_id)
    place = check.choice("--where", where, SPOTLIGHT_PLACES, "a spotlight place")
    headline = check.text("--title", title, required=True)
    assert place is not None and headline is not None
    ctx = write_context()
    when = check.date_value("--date", date_text, ctx.today, past=not planned) or ctx.today
    if not planned and when > ctx.today:
        raise UsageError(
            f"--date: {when.isoformat()} is after today ({ctx.today.isoformat()})",
            hint="add --planned for a spotlight still to come",
        )
    if planned and when < ctx.today:
        raise UsageError(
            f"--date: {when.isoformat()} is before today ({ctx.today.isoformat()})",
            hint="a spotlight that already ran is published: leave out --planned",
        )
    rule = partial(
        add_spotlight,
        where=place,
        title=headline,
        when=when,
        is_planned=planned,
        by=author(ctx.settings, ctx.root),
    )
    run_changes(ctx, {partner_id: rule}, dry_run=dry_run)


# How publish, move and cancel pick a partner's planned spotlight, when it has several.
WhereOption = Annotated[
    str | None,
    typer.Option(
        "--where", metavar="PLACE", help="The planned spotlight's place (when several are planned)."
    ),
]
PlannedForOption = Annotated[
    str | None,
    typer.Option(
        "--planned-for",
        metavar="DATE",
        help="The planned spotlight's day (when several are planned at one place).",
    ),
]


def _selected(
    partner_id: str, where: str | None, planned_for: str | None, today: date
) -> tuple[str | None, date | None]:
    from partnerctl.cli import args as check
    from partnerctl.records import SPOTLIGHT_PLACES

    check.partner_id(partner_id)
    place = check.choice("--where", where, SPOTLIGHT_PLACES, "a spotlight place")
    return place, check.date_value("--planned-for", planned_for, today)


@spotlight_app.command("publish")
def spotlight_publish(
    partner_id: PartnerArg,
    where: WhereOption = None,
    planned_for: PlannedForOption = None,
    date_text: Annotated[
        str | None,
        typer.Option("--date", metavar="DATE", help="When it ran (default today)."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="A new headline.")
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Mark a planned spotlight published (today, or --date), optionally with a new --title.

    Example: partnerctl spotlight publish riverside-auto
    """
    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes, write_context
    from partnerctl.cli.identity import author
    from partnerctl.core.spotlight_edits import find_planned, publish

    headline = check.text("--title", title, required=True)
    ctx = write_context()
    place, day = _selected(partner_id, where, planned_for, ctx.today)
    when = check.past_date("--date", date_text, ctx.today)
    by = author(ctx.settings, ctx.root)

    def rule(record: PartnerRec) -> Change:
        return publish(record, find_planned(record, place, day), when, headline, by)

    run_changes(ctx, {partner_id: rule}, dry_run=dry_run)


@spotlight_app.command("move")
def spotlight_move(
    partner_id: PartnerArg,
    date_text: Annotated[str, typer.Argument(metavar="DATE", help="Its new day.")],
    where: WhereOption = None,
    planned_for: PlannedForOption = None,
    dry_run: DryRun = False,
) -> None:
    """Give a planned spotlight another day (today or later).

    Example: partnerctl spotlight move riverside-auto 2026-12-15
    """
    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes, write_context
    from partnerctl.core.spotlight_edits import find_planned, move
    from partnerctl.errors import UsageError

    ctx = write_context()
    place, day = _selected(partner_id, where, planned_for, ctx.today)
    when = check.date_value("DATE", date_text, ctx.today)
    assert when is not None
    if when < ctx.today:
        raise UsageError(
            f"DATE: {when.isoformat()} is before today ({ctx.today.isoformat()})",
            hint="a spotlight that already ran is published: use `partnerctl spotlight publish`",
        )

    def rule(record: PartnerRec) -> Change:
        return move(record, find_planned(record, place, day), when)

    run_changes(ctx, {partner_id: rule}, dry_run=dry_run)


@spotlight_app.command("cancel")
def spotlight_cancel(
    partner_id: PartnerArg,
    where: WhereOption = None,
    planned_for: PlannedForOption = None,
    dry_run: DryRun = False,
) -> None:
    """Cancel a planned spotlight: it leaves the file (published ones stay).

    Example: partnerctl spotlight cancel riverside-auto
    """
    from partnerctl.cli.editopts import run_changes, write_context
    from partnerctl.core.spotlight_edits import cancel, find_planned

    ctx = write_context()
    place, day = _selected(partner_id, where, planned_for, ctx.today)

    def rule(record: PartnerRec) -> Change:
        return cancel(record, find_planned(record, place, day))

    run_changes(ctx, {partner_id: rule}, dry_run=dry_run)
