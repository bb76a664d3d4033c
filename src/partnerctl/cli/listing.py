"""`partnerctl list` and `partnerctl show ID`: find partners and read one's profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from partnerctl.cli.app import app, command_formats, state
from partnerctl.cli.complete import (
    complete_owner,
    complete_partner_id,
    complete_pathway,
    complete_stage,
)
from partnerctl.cli.due import MineOption

if TYPE_CHECKING:
    from partnerctl.workspace import Workspace

LIST_FORMATS = command_formats("list", ("table", "plain", "json", "csv", "md"))
SHOW_FORMATS = command_formats("show", ("table", "plain", "json", "md"))


@app.command("list")
def list_partners(
    stage: Annotated[
        list[str] | None,
        typer.Option(
            "--stage",
            metavar="STAGE",
            help="Only this stage (repeatable).",
            autocompletion=complete_stage,
        ),
    ] = None,
    pathway: Annotated[
        list[str] | None,
        typer.Option(
            "--pathway",
            metavar="ID",
            help="Only partners of this pathway id.",
            autocompletion=complete_pathway,
        ),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner", metavar="X", help="Only X's partners.", autocompletion=complete_owner
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", metavar="TAG", help="Only partners with this tag (all given)."),
    ] = None,
    industry: Annotated[
        str | None,
        typer.Option("--industry", metavar="TEXT", help="Only this industry (any case)."),
    ] = None,
    grep: Annotated[
        str | None,
        typer.Option(
            "--grep",
            metavar="TEXT",
            help="Search names, contacts, needs, openings, notes and touchpoint summaries.",
        ),
    ] = None,
    mine: MineOption = False,
) -> None:
    """List partners, filtered by stage, pathway, owner, tag, industry or text.

    Filters combine: a partner must pass every one given.

    Example: partnerctl list --stage active --grep welding
    """
    import sys

    from partnerctl.cli import args as check
    from partnerctl.cli.due import chosen_owner
    from partnerctl.core.listing import PartnerFilter, filter_partners, list_row
    from partnerctl.render import listing as render
    from partnerctl.render.empty import NO_MATCH, NO_PARTNERS

    current = state()
    fmt = current.output_format(LIST_FORMATS)
    workspace = current.workspace()
    settings = workspace.settings
    stages = check.stages("--stage", stage)
    pathways = check.pathways("--pathway", pathway, settings)
    who = chosen_owner(owner, mine, settings)
    keep = PartnerFilter(
        stages=tuple(stages),
        pathways=tuple(pathways),
        owner=who,
        tags=tuple(tag or ()),
        industry=industry,
        grep=grep,
    )
    rows = [list_row(partner) for partner in filter_partners(workspace.partners, keep)]
    empty = NO_PARTNERS if not rows and current.no_partners() else NO_MATCH
    if fmt == "table":
        render.table(rows, current.console(), empty)
        return
    if fmt == "json":
        text = render.json_doc(rows, workspace.errors)
    elif fmt == "csv":
        text = render.csv_doc(rows)
    elif fmt == "md":
        text = render.md_doc(rows, empty)
    else:
        text = render.plain(rows, empty)
    sys.stdout.write(text)


def unknown_partner(workspace: Workspace, partner_id: str) -> None:
    """Raise the usage error for an id that names no valid partner (did-you-mean)."""
    from partnerctl.errors import UsageError

    broken = [
        problem.file
        for problem in workspace.errors
        if problem.file
        and problem.file.startswith("partners/")
        and problem.file.rsplit("/", 1)[-1].rsplit(".", 1)[0] == partner_id
    ]
    if broken:
        raise UsageError(
            f"partner {partner_id!r} could not be read: {broken[0]} has errors (shown above)"
        )
    from partnerctl.workspace.edit import unknown_partner as no_partner

    raise no_partner(partner_id, workspace.partners)


@app.command()
def show(
    partner_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The partner's id.", autocompletion=complete_partner_id),
    ],
) -> None:
    """Show one partner's profile: contacts, needs, history, next step, what is due.

    Example: partnerctl show riverside-auto
    """
    import sys

    from partnerctl.core.due import due_items
    from partnerctl.core.listing import profile
    from partnerctl.core.placements import of_partner, placement_row
    from partnerctl.render import profile as render

    current = state()
    fmt = current.output_format(SHOW_FORMATS)
    workspace = current.workspace()
    partner = workspace.partners.get(partner_id)
    if partner is None:
        unknown_partner(workspace, partner_id)
        return
    today = current.today()
    hosted = of_partner(workspace.placements.values(), partner_id)
    items = due_items(
        workspace.settings,
        [partner],
        workspace.events,
        today,
        include_deferred=True,
        placements=hosted,
    )
    rows = [placement_row(p, partner, workspace.settings, today) for p in hosted]
    found = profile(partner, items, rows, students=current.students_shown())
    if fmt == "table":
        render.table(found, current.console())
        return
    if fmt == "json":
        text = render.json_doc(found, today, workspace.errors)
    elif fmt == "md":
        text = render.md_doc(found)
    else:
        text = render.plain(found)
    sys.stdout.write(text)
