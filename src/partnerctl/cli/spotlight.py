"""`partnerctl spotlight`: who to recognize in public now; `spotlight add` records one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from partnerctl.cli.app import app, state, within_option
from partnerctl.cli.complete import complete_partner_id

if TYPE_CHECKING:
    from datetime import date

    from partnerctl.model import PartnerRec
    from partnerctl.workspace.yamledit import PartnerDocument

SPOTLIGHT_FORMATS = ("table", "plain", "json")

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


def _matching_plan(record: PartnerRec, where: str, title: str) -> int | None:
    """The index of a planned spotlight at the same place with the same title, if any."""
    wanted = " ".join(title.split()).casefold()
    for index, spot in enumerate(record["spotlights"]):
        if (
            spot["status"] == "planned"
            and spot["where"] == where
            and " ".join((spot["title"] or "").split()).casefold() == wanted
        ):
            return index
    return None


@spotlight_app.command("add")
def spotlight_add(
    partner_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The partner's id.", autocompletion=complete_partner_id),
    ],
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
        typer.Option("--date", metavar="DATE", help="When it ran or will run (default today)."),
    ] = None,
    planned: Annotated[
        bool, typer.Option("--planned", help="Not out yet: plan it (shows in `calendar`).")
    ] = False,
) -> None:
    """Record a spotlight (published, or --planned) in the partner's file.

    A published spotlight clears the partner's recognition item in `due`.
    Publishing one that was planned at the same place with the same title
    marks that one published instead of adding a second. Only the new lines
    are written; every other line of the file stays as it was.

    Example: partnerctl spotlight add riverside-auto --where social --title "EV bay tour"
    """
    from partnerctl.cli.editopts import choice, date_arg, quoted, text_option, write_context
    from partnerctl.core.spotlight import media_release
    from partnerctl.errors import UsageError
    from partnerctl.model import SPOTLIGHT_PLACES
    from partnerctl.workspace.edit import check_partner_id, edit_partners

    check_partner_id(partner_id)
    place = choice("--where", where, SPOTLIGHT_PLACES, "a spotlight place")
    headline = text_option("--title", title, required=True)
    assert place is not None and headline is not None
    ctx = write_context()
    when: date = date_arg(ctx, "--date", date_text, past=not planned) or ctx.today
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
    status = "planned" if planned else "published"
    lines: list[str] = []

    def edit(doc: PartnerDocument, record: PartnerRec) -> None:
        lines.clear()  # it runs again when the file changed before the lock: its last words
        index = None if planned else _matching_plan(record, place, headline)
        if index is not None:
            doc.set_item_value("spotlights", index, "status", "published")
            doc.set_item_value("spotlights", index, "date", when)
            verb = "published the planned spotlight"
            shown = record["spotlights"][index]["title"] or headline
        else:
            item: dict[str, Any] = {
                "date": when, "where": place, "title": headline, "status": status,
            }  # fmt: skip
            doc.append_item("spotlights", item)
            verb = f"{status} spotlight"
            shown = headline
        lines.append(f"{verb} for {partner_id}: {when.isoformat()} {place} {quoted(shown, 80)}")
        covered, note = media_release(record, when)
        if not covered and note:
            lines.append(f"reminder: {note}")

    edit_partners(ctx.root, {partner_id: edit}, settings=ctx.settings)
    for line in lines:
        typer.echo(line)
