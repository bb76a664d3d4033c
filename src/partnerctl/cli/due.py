"""`partnerctl due`: the morning list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from partnerctl.cli.app import app, command_formats, finish, state, within_option
from partnerctl.cli.complete import complete_owner
from partnerctl.errors import errors_in

if TYPE_CHECKING:
    from datetime import date

    from partnerctl.core.due import DueItem
    from partnerctl.errors import Problem
    from partnerctl.model import SettingsRec
    from partnerctl.render.due import DueReport
    from partnerctl.workspace import Workspace

DUE_FORMATS = command_formats("due", ("table", "plain", "json", "csv", "md"))

OwnerOption = Annotated[
    str | None,
    typer.Option(
        "--owner",
        metavar="X",
        help="Only X's partners, and events owned by X or no one.",
        autocompletion=complete_owner,
    ),
]
MineOption = Annotated[
    bool,
    typer.Option(
        "--mine",
        help="Only your partners: PARTNERCTL_OWNER, else git config partnerctl.me, else `me`.",
    ),
]


def chosen_owner(owner: str | None, mine: bool, settings: SettingsRec) -> str | None:
    """The owner that --owner or --mine names (a usage error for a bad or missing one).

    --mine is whoever runs partnerctl (cli.identity): PARTNERCTL_OWNER, this
    clone's `git config partnerctl.me`, else `me` in the settings.
    """
    from partnerctl.cli import args as check
    from partnerctl.cli.app import state
    from partnerctl.cli.identity import HOW_TO_SET, me
    from partnerctl.errors import UsageError

    if mine:
        found, _where = me(settings, state().root())
        if not found:
            raise UsageError("--mine: partnerctl does not know who you are", hint=HOW_TO_SET)
        if owner is not None and owner != found:
            raise UsageError(f"--owner {owner} and --mine ({found}) disagree; give one of them")
        owner = found
    return check.owner("--owner", owner, settings)


@app.command()
def due(
    within: Annotated[int, within_option("Also show what falls due in N days.")] = 0,
    owner: OwnerOption = None,
    mine: MineOption = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include items deferred by a busy season.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 when anything is overdue or due (for cron).")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Print nothing when nothing is due (with --check: never)."
        ),
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show the urgency terms of each item.")
    ] = False,
) -> None:
    """What to do today: follow-ups, check-ins, events to prepare, renewals.

    Items sort by status (overdue, due, upcoming, deferred), then urgency.
    Each item shows the command that acts on it (log, snooze, contact, ...).
    In a district workspace (one that lists `schools`), every school's items
    too, each marked with its school.

    Example: partnerctl due --within 7 --mine
    """
    from partnerctl.core.due import actionable, due_items, for_owner
    from partnerctl.errors import ExitStatus
    from partnerctl.render import due as render

    current = state()
    fmt = current.output_format(DUE_FORMATS)
    workspace = current.workspace()
    today = current.today()
    settings = workspace.settings
    schools: list[DueItem] = []
    if settings["schools"]:
        schools, owners = district_items(workspace, today, within, show_all)
        settings = {**settings, "owners": owners}
    who = chosen_owner(owner, mine, settings)
    items = due_items(
        settings,
        workspace.partners,
        workspace.events,
        today,
        within=within,
        include_deferred=show_all,
        file_conflicts=workspace.file_conflicts,
        placements=workspace.placements.values(),
    )
    if schools:
        from partnerctl.core.due import sort_key

        items = sorted([*items, *schools], key=sort_key)
    if who is not None:
        items = for_owner(items, who)
    found = actionable(items)
    if check and quiet:
        finish(ExitStatus.FINDINGS if found else ExitStatus.OK)
    if quiet and not items:
        finish(ExitStatus.OK)  # `--check -q` has finished above
    # the "nothing due" line of the text formats names what comes next
    says_nothing = not items and fmt in ("table", "plain", "md")
    report = render.DueReport(
        today,
        items,
        within=within,
        owner=who,
        explain=explain,
        next_item=_next_item(workspace, today, who) if says_nothing else None,
        no_partners=current.no_partners() if says_nothing else False,
        students=current.students_shown(),
    )
    report = render.with_context(report, workspace.errors)
    _print(report, fmt, workspace.errors)
    if check and found:
        finish(ExitStatus.FINDINGS)


def district_items(
    workspace: Workspace, today: date, within: int, show_all: bool
) -> tuple[list[DueItem], list[str]]:
    """The items of every school of a district, and every owner of the district and its schools.

    A school that cannot be read is named on stderr, and the run exits 2.
    """
    from partnerctl.cli.invocation import print_problems
    from partnerctl.core.district import school_items
    from partnerctl.core.due import due_items
    from partnerctl.workspace.district import load_schools

    schools, problems = load_schools(workspace)
    errors = errors_in(problems)
    if errors:
        print_problems(errors)
        state().had_load_errors = True
    items: list[DueItem] = []
    owners = list(workspace.settings["owners"])
    for school in schools:
        loaded = school.workspace
        if loaded is None:
            continue
        found = due_items(
            loaded.settings,
            loaded.partners,
            loaded.events,
            today,
            within=within,
            include_deferred=show_all,
            file_conflicts=loaded.file_conflicts,
        )
        items += school_items(found, school.id, school.command_dir())
        owners += [name for name in loaded.settings["owners"] if name not in owners]
    return items, owners


def _next_item(workspace: Workspace, today: date, who: str | None) -> DueItem | None:
    from partnerctl.core.due import next_due

    return next_due(
        workspace.settings,
        workspace.partners,
        workspace.events,
        today,
        owner=who,
        placements=workspace.placements.values(),
    )


def _print(report: DueReport, fmt: str, errors: list[Problem]) -> None:
    import sys

    from partnerctl.render import due as render

    if fmt == "table":
        from partnerctl.render.duetable import table

        table(report, state().console())
        return
    if fmt == "json":
        text = render.json_doc(report, errors)
    elif fmt == "csv":
        text = render.csv_doc(report)
    elif fmt == "md":
        text = render.md_doc(report)
    else:
        text = render.plain(report)
    sys.stdout.write(text)
