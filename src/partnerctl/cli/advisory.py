"""`partnerctl advisory`: the advisory committee; member, attend, notice and schedule."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from partnerctl.cli.app import app, command_formats, state
from partnerctl.cli.complete import complete_partner_id
from partnerctl.cli.editopts import dry_run_option

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from partnerctl.records import EventRec, SettingsRec

ADVISORY_FORMATS = command_formats("advisory", ("table", "plain", "json"))

advisory_app = typer.Typer(
    name="advisory",
    no_args_is_help=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
app.add_typer(advisory_app, name="advisory")

DryRun = Annotated[bool, dry_run_option()]
PathwayOption = Annotated[
    str, typer.Option("--pathway", metavar="ID", help="The pathway whose committee it is.")
]
EventId = Annotated[str, typer.Argument(metavar="EVENT", help="The advisory meeting's event id.")]


@advisory_app.callback(invoke_without_command=True)
def advisory(ctx: typer.Context) -> None:
    """The advisory committees: members, terms, attendance and meetings this school year.

    Members are `advisory_members` in partnerctl.yaml; meetings are events of
    kind advisory (with `pathways`, else every committee's). Formats: table,
    plain, json.

    Example: partnerctl advisory
    """
    if ctx.invoked_subcommand is not None:
        return
    import sys

    from partnerctl.core.advisory import committee_report, school_year
    from partnerctl.render import advisory as render

    current = state()
    fmt = current.output_format(ADVISORY_FORMATS)
    workspace = current.workspace()
    today = current.today()
    start, end = school_year(workspace.settings, today)
    found = committee_report(workspace.settings, workspace.events, today, start, end)
    if fmt == "json":
        sys.stdout.write(render.json_doc(found, start, end, workspace.errors))
    else:
        from partnerctl.render.text import clean

        sys.stdout.write(clean(render.plain(found, start, end)))


@advisory_app.command("member")
def advisory_member(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The member's name.")],
    pathway: PathwayOption,
    term_ends: Annotated[
        str | None, typer.Option("--term-ends", metavar="DATE", help="The day their term ends.")
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option(
            "--partner",
            metavar="ID",
            help='The partner whose contact they are ("" for none).',
            autocompletion=complete_partner_id,
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", metavar="TEXT", help='Parent, college faculty, ... ("" for none).'),
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Take them off the committee.")] = False,
    dry_run: DryRun = False,
) -> None:
    """Add a member to a pathway's advisory committee, renew their term, or remove them.

    A partner's contact serves by name (--partner ID); a parent, a college
    faculty member or a former student by name and --role only.

    Example: partnerctl advisory member "Rick Alvarez" --pathway automotive --term-ends 2028-06-30
    """
    from functools import partial
    from typing import Any

    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes, write_context
    from partnerctl.core.advisory_edits import SETTINGS_ID, member_change
    from partnerctl.errors import UsageError
    from partnerctl.workspace.filekinds import SETTINGS

    who = " ".join((check.text("NAME", name, required=True) or "").split())
    ctx = write_context()
    committee = check.pathway("--pathway", pathway, ctx.settings)
    assert committee is not None
    fields: dict[str, Any] = {}
    if term_ends is not None:
        fields["term_ends"] = check.date_value("--term-ends", term_ends, ctx.today)
    if role is not None:
        fields["role"] = check.text("--role", role) or None
    if partner is not None:
        fields["partner"] = None
        if partner.strip():
            fields["partner"] = check.partner_id(partner)
            who = _contact_name(ctx.root, fields["partner"], who, ctx.settings)
    if remove and fields:
        raise UsageError("--remove takes only NAME and --pathway")
    rule = partial(member_change, name=who, pathway=committee, fields=fields, remove=remove)
    run_changes(ctx, {SETTINGS_ID: rule}, dry_run=dry_run, kind=SETTINGS)


def _contact_name(root: Path, partner_id: str, name: str, settings: SettingsRec) -> str:
    """The contact's own spelling of `name` at the partner (a usage error when none)."""
    from partnerctl.core.contacts import no_such_contact
    from partnerctl.core.facts import find_contact
    from partnerctl.errors import DataError, Problem
    from partnerctl.workspace.parse import read_partner

    _text, record, problems = read_partner(root, partner_id, settings)
    if record is None:
        why = f"{partner_id}'s file has errors; fix them first"
        raise DataError(found=[*problems, Problem(None, None, None, None, why)])
    index = find_contact(record["contacts"], name)
    if index is None:
        raise no_such_contact(record, name)
    return record["contacts"][index]["name"]


def _event_file(root: Path, event_id: str) -> tuple[str, EventRec]:
    """The event file holding `event_id`, and the event (a usage error when there is none)."""
    from partnerctl.errors import UsageError
    from partnerctl.workspace.parse import find_event

    found = find_event(root, event_id)
    if found is None:
        raise UsageError(
            f"no event {event_id!r} in events/",
            hint="`partnerctl advisory` lists advisory meetings; `partnerctl calendar` all events",
        )
    return found


@advisory_app.command("attend")
def advisory_attend(
    event_id: EventId,
    names: Annotated[list[str], typer.Argument(metavar="NAME...", help="The members present.")],
    date_text: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="DATE", help="The meeting's day (default: its last, up to today)."
        ),
    ] = None,
    minutes: Annotated[
        str | None, typer.Option("--minutes", metavar="TEXT", help="Where the minutes are kept.")
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Record the members present at an advisory meeting (all names, or nothing, written).

    Example: partnerctl advisory attend auto-advisory-fall "Rick Alvarez" "Linda Park"
    """
    from functools import partial

    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes, write_context
    from partnerctl.core.advisory_edits import attend, committee_names
    from partnerctl.workspace.filekinds import EVENTS

    check.file_id(event_id, "event")
    given = [check.text("NAME", name, required=True) or "" for name in names]
    note = check.text("--minutes", minutes, required=True) if minutes is not None else None
    ctx = write_context()
    present = committee_names(ctx.settings, given)
    file_id, event = _event_file(ctx.root, event_id)
    day = _meeting_day(event, date_text, ctx.today, last=True)
    rule = partial(attend, event_id=event_id, day=day, names=present, minutes=note)
    run_changes(ctx, {file_id: rule}, dry_run=dry_run, kind=EVENTS)


def _meeting_day(event: EventRec, date_text: str | None, today: date, *, last: bool) -> date:
    """--date, else the event's last day up to today (`last`) or its next from today."""
    from partnerctl.cli import args as check
    from partnerctl.dates import add_days
    from partnerctl.errors import UsageError
    from partnerctl.recurrence import occurrences

    if date_text is not None:
        day = check.date_value("--date", date_text, today)
        assert day is not None
        return day
    if last:
        days = occurrences(event, event["date"], today)
        if not days:
            raise UsageError(
                f"{event['id']} has not met yet (first meeting {event['date'].isoformat()})",
                hint="give --date for a meeting on another day",
            )
        return days[-1]
    days = occurrences(event, today, add_days(today, 3660))
    if not days:
        raise UsageError(f"{event['id']} has no meeting ahead", hint="give --date")
    return days[0]


@advisory_app.command("notice")
def advisory_notice(
    event_id: EventId,
    date_text: Annotated[
        str | None,
        typer.Option("--date", metavar="DATE", help="The meeting's day (default: its next)."),
    ] = None,
    sent_text: Annotated[
        str | None,
        typer.Option("--sent", metavar="DATE", help="When the notice went out (default today)."),
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Record that members got notice of an advisory meeting.

    Example: partnerctl advisory notice advisory-board-winter --sent yesterday
    """
    from functools import partial

    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes, write_context
    from partnerctl.core.advisory_edits import notice
    from partnerctl.workspace.filekinds import EVENTS

    check.file_id(event_id, "event")
    ctx = write_context()
    sent = check.past_date("--sent", sent_text, ctx.today)
    file_id, event = _event_file(ctx.root, event_id)
    day = _meeting_day(event, date_text, ctx.today, last=False)
    rule = partial(notice, event_id=event_id, day=day, sent=sent)
    run_changes(ctx, {file_id: rule}, dry_run=dry_run, kind=EVENTS)


@advisory_app.command("schedule")
def advisory_schedule(
    date_text: Annotated[str, typer.Argument(metavar="DATE", help="The meeting's day.")],
    pathways: Annotated[
        list[str],
        typer.Option("--pathway", metavar="ID", help="A committee that meets (repeatable)."),
    ],
    name: Annotated[str | None, typer.Option("--name", metavar="TEXT", help="Its name.")] = None,
    event_id: Annotated[
        str | None,
        typer.Option("--id", metavar="ID", help="Its id (default advisory-PATHWAY-DATE)."),
    ] = None,
    owner: Annotated[str | None, typer.Option("--owner", metavar="X", help="Who runs it.")] = None,
    prepare: Annotated[
        int, typer.Option("--prepare", min=0, max=365, metavar="N", help="Days to prepare it.")
    ] = 21,
    dry_run: DryRun = False,
) -> None:
    """Schedule an advisory meeting: a new event of kind advisory.

    It goes in the event file that holds the latest advisory meeting, else in
    events/advisory.yaml (made when missing).

    Example: partnerctl advisory schedule 2027-04-15 --pathway automotive --pathway welding
    """
    from functools import partial

    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes, write_context
    from partnerctl.core.advisory_edits import schedule
    from partnerctl.errors import UsageError
    from partnerctl.workspace.filekinds import EVENTS
    from partnerctl.workspace.parse import find_event

    ctx = write_context()
    day = check.date_value("DATE", date_text, ctx.today)
    assert day is not None
    if day < ctx.today:
        raise UsageError(f"DATE: {day.isoformat()} is before today", hint="schedule a later day")
    chosen = check.pathways("--pathway", pathways, ctx.settings)
    runner = check.owner("--owner", owner, ctx.settings)
    names = {p["id"]: p["name"] for p in ctx.settings["pathways"]}
    title = check.text("--name", name, required=True) if name is not None else None
    title = title or " & ".join(names[p] for p in chosen) + " advisory committee"
    new_id = event_id or f"advisory-{'-'.join(chosen)}-{day.isoformat()}"[:64].rstrip("-")
    check.file_id(new_id, "event")
    if find_event(ctx.root, new_id) is not None:
        raise UsageError(f"event {new_id!r} already exists", hint="give another --id")
    event = {
        "id": new_id,
        "name": title,
        "kind": "advisory",
        "date": day,
        "owner": runner,
        "pathways": chosen,
        "prepare": prepare or None,
    }
    file_id = _advisory_file(ctx.root)
    if EVENTS.path(ctx.root, file_id) is None:
        change = schedule(None, file_id, event)
        run_changes(ctx, {}, creates=[change], dry_run=dry_run, kind=EVENTS)
    else:
        rule = partial(schedule, file_id=file_id, event=event)
        run_changes(ctx, {file_id: rule}, dry_run=dry_run, kind=EVENTS)


def _advisory_file(root: Path) -> str:
    """The event file of the latest advisory meeting, else `advisory` (events/advisory.yaml)."""
    from partnerctl.workspace.discover import EVENTS_DIR, data_files, relative_name
    from partnerctl.workspace.parse import events_file

    latest: tuple[date, str] | None = None
    files, _others = data_files(root, EVENTS_DIR)
    for path in files:
        found, _problems, _conflicts = events_file(path, relative_name(root, path))
        for event, _index in found:
            if event["kind"] == "advisory" and (latest is None or event["date"] > latest[0]):
                latest = (event["date"], path.stem)
    return latest[1] if latest is not None else "advisory"
