"""`partnerctl placement`: work-based-learning placements; add, hours, paperwork, evaluate, end."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from partnerctl.cli.app import app, command_formats, state
from partnerctl.cli.complete import complete_partner_id, complete_placement_id
from partnerctl.cli.editopts import dry_run_option

if TYPE_CHECKING:
    from partnerctl.cli.editopts import WriteContext
    from partnerctl.core.change import Change
    from partnerctl.records import PartnerRec, PlacementRec
    from partnerctl.workspace.edit import Planner

PLACEMENT_FORMATS = command_formats("placement", ("table", "plain", "json", "csv"))

placement_app = typer.Typer(
    name="placement",
    no_args_is_help=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
app.add_typer(placement_app, name="placement")

PlacementId = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The placement's id (its file's name).",
        autocompletion=complete_placement_id,
    ),
]
DryRun = Annotated[bool, dry_run_option()]


@placement_app.callback(invoke_without_command=True)
def placement(
    ctx: typer.Context,
    partner: Annotated[
        str | None,
        typer.Option("--partner", metavar="ID", help="Only this partner's placements."),
    ] = None,
    pathway: Annotated[
        str | None, typer.Option("--pathway", metavar="ID", help="Only this pathway's.")
    ] = None,
    student: Annotated[
        str | None, typer.Option("--student", metavar="CODE", help="Only this student's.")
    ] = None,
) -> None:
    """Work-based-learning placements: who each partner hosts, hours, paperwork, evaluation.

    One placement a line: its id, partner, offer kind, pathway, the student's
    code (not with --no-students), dates, state, hours logged of planned,
    paperwork missing and the evaluation. Formats: table, plain, json, csv.

    Example: partnerctl placement --partner riverside-auto
    """
    if ctx.invoked_subcommand is not None:
        if partner or pathway or student:
            from partnerctl.errors import UsageError

            raise UsageError(
                "--partner, --pathway and --student go with `placement` alone, not a subcommand"
            )
        return
    import sys

    from partnerctl.cli import args as check
    from partnerctl.core.placements import placement_row
    from partnerctl.render import placements as render
    from partnerctl.render.empty import NO_PLACEMENT_MATCH, NO_PLACEMENTS

    current = state()
    fmt = current.output_format(PLACEMENT_FORMATS)
    workspace = current.workspace()
    settings = workspace.settings
    if partner is not None:
        check.known_partner(check.partner_id(partner), workspace.partners)
    wanted_pathway = check.pathway("--pathway", pathway, settings)
    today = current.today()
    records = sorted(workspace.placements.values(), key=lambda p: (p["start"], p["id"]))
    chosen = [
        p
        for p in records
        if (partner is None or p["partner"] == partner)
        and (wanted_pathway is None or p["pathway"] == wanted_pathway)
        and (student is None or p["student"] == student.strip())
    ]
    rows = [placement_row(p, workspace.partners.get(p["partner"]), settings, today) for p in chosen]
    empty = NO_PLACEMENTS if not records else NO_PLACEMENT_MATCH
    students = current.students_shown()
    if fmt == "table":
        render.table(rows, current.console(), empty, students=students)
    elif fmt == "json":
        sys.stdout.write(render.json_doc(rows, workspace.errors, students=students))
    elif fmt == "csv":
        sys.stdout.write(render.csv_doc(rows, students=students))
    else:
        sys.stdout.write(render.plain(rows, empty, students=students))


def _run(ctx: WriteContext, placement_id: str, rule: Planner, dry_run: bool) -> list[Change]:
    """Apply one placement's rule through the edit pipeline and print what it did."""
    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes
    from partnerctl.workspace.filekinds import PLACEMENT

    check.file_id(placement_id, "placement")
    return run_changes(ctx, {placement_id: rule}, dry_run=dry_run, kind=PLACEMENT)


@placement_app.command("add")
def placement_add(
    partner_id: Annotated[
        str,
        typer.Argument(
            metavar="PARTNER", help="The host partner's id.", autocompletion=complete_partner_id
        ),
    ],
    student: Annotated[
        str,
        typer.Option("--student", metavar="CODE", help="The student's code (never a name)."),
    ],
    kind: Annotated[
        str, typer.Option("--kind", metavar="KIND", help="The offer kind: internship, ...")
    ],
    start_text: Annotated[str, typer.Option("--start", metavar="DATE", help="The first day.")],
    end_text: Annotated[str, typer.Option("--end", metavar="DATE", help="The last day planned.")],
    supervisor: Annotated[
        str, typer.Option("--supervisor", metavar="NAME", help="The partner's contact in charge.")
    ],
    pathway: Annotated[
        str | None,
        typer.Option("--pathway", metavar="ID", help="The pathway (default: the partner's one)."),
    ] = None,
    planned: Annotated[
        str | None, typer.Option("--hours", metavar="N", help="Hours planned in all.")
    ] = None,
    hazardous: Annotated[
        bool,
        typer.Option("--hazardous", help="Hazardous work: needs the student-learner exemption."),
    ] = False,
    placement_id: Annotated[
        str | None,
        typer.Option("--id", metavar="ID", help="The file's name (default PARTNER-YYYY-MM)."),
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Add a placement: one student (by code) at one partner, with dates and a supervisor.

    Writes placements/ID.yaml. The student is the program's pseudonymous code
    (it must match `student_code` in partnerctl.yaml): a name is refused.

    \b
    Example: partnerctl placement add kxrv --student S-0427 --kind internship \\
      --start 2027-01-11 --end 2027-05-14 --supervisor "Marcus Bell" --hours 90
    """
    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes, write_context
    from partnerctl.core.contacts import no_such_contact
    from partnerctl.core.facts import find_contact
    from partnerctl.core.placement_edits import new_id, new_placement
    from partnerctl.core.placements import hours_value
    from partnerctl.errors import DataError, Problem, UsageError
    from partnerctl.privacy import CODE_RULE, code_in_id
    from partnerctl.records import OFFER_KINDS
    from partnerctl.workspace.filekinds import PLACEMENT
    from partnerctl.workspace.parse import read_partner

    check.partner_id(partner_id)
    offer = check.choice("--kind", kind, OFFER_KINDS, "an offer kind")
    host = " ".join((check.text("--supervisor", supervisor, required=True) or "").split())
    hours = check.hours("--hours", planned) if planned is not None else None
    ctx = write_context()
    code = check.student_code("--student", student, ctx.settings)
    start = check.date_value("--start", start_text, ctx.today)
    end = check.date_value("--end", end_text, ctx.today)
    assert offer is not None and start is not None and end is not None
    if end < start:
        raise UsageError(f"--end {end.isoformat()} is before --start {start.isoformat()}")
    _text, record, problems = read_partner(ctx.root, partner_id, ctx.settings)
    if record is None:
        why = f"{partner_id}'s file has errors; fix them before adding a placement"
        raise DataError(found=[*problems, Problem(None, None, None, None, why)])
    index = find_contact(record["contacts"], host)
    if index is None:
        raise no_such_contact(record, host)
    host = record["contacts"][index]["name"]
    chosen = check.pathway("--pathway", pathway, ctx.settings) or _pathway_of(record, offer)
    if placement_id is None:
        placement_id = new_id(partner_id, start, PLACEMENT.ids(ctx.root))
    check.file_id(placement_id, "placement")
    if code_in_id(placement_id, code):
        raise UsageError(
            f"--id: {placement_id!r} holds the student's code (student privacy)", hint=CODE_RULE
        )
    data = {
        "partner": partner_id,
        "pathway": chosen,
        "kind": offer,
        "student": code,
        "supervisor": host,
        "start": start,
        "end": end,
        "planned_hours": None if hours is None else hours_value(hours),
        "hazardous": True if hazardous else None,
    }
    change = new_placement(placement_id, data)
    run_changes(ctx, {}, creates=[change], dry_run=dry_run, kind=PLACEMENT)


def _pathway_of(partner: PartnerRec, offer: str) -> str | None:
    """A partner's one pathway, else the pathway of its offers of that kind if one, else None."""
    if len(partner["pathways"]) == 1:
        return partner["pathways"][0]
    found = {o["pathway"] for o in partner["offers"] if o["kind"] == offer and o["pathway"]}
    return found.pop() if len(found) == 1 else None


@placement_app.command("hours")
def placement_hours(
    placement_id: PlacementId,
    hours: Annotated[str, typer.Argument(metavar="HOURS", help="Hours worked, e.g. 6 or 7.5.")],
    date_text: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="DATE", help="The day worked, or a period's last day (default today)."
        ),
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Log hours worked at a placement (a day's, or a monthly form's total on its last day).

    Example: partnerctl placement hours riverside-auto-2026-10 6 --date yesterday
    """
    from functools import partial

    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import write_context
    from partnerctl.core.placement_edits import log_hours

    check.file_id(placement_id, "placement")
    worked = check.hours("HOURS", hours)
    ctx = write_context()
    when = check.past_date("--date", date_text, ctx.today)
    _run(ctx, placement_id, partial(log_hours, hours=worked, when=when), dry_run)


@placement_app.command("paperwork")
def placement_paperwork(
    placement_id: PlacementId,
    kind: Annotated[
        str, typer.Argument(metavar="KIND", help="training-agreement, parent-consent, ...")
    ],
    date_text: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="DATE", help="When it was signed or received (default today)."
        ),
    ] = None,
    expires_text: Annotated[
        str | None, typer.Option("--expires", metavar="DATE", help="When it expires, if it does.")
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Remove it from the placement.")] = False,
    dry_run: DryRun = False,
) -> None:
    """Record a document of the placement: a training agreement, parent consent, a work permit.

    The supervisor's background check and the partner's insurance are the
    partner's agreements (`partnerctl agreement`), not the placement's.

    Example: partnerctl placement paperwork riverside-auto-2026-10 parent-consent --date 2026-09-30
    """
    from functools import partial

    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import write_context
    from partnerctl.core.placement_edits import record_paperwork
    from partnerctl.errors import UsageError
    from partnerctl.records import PAPERWORK_KINDS

    check.file_id(placement_id, "placement")
    chosen = check.choice("KIND", kind, PAPERWORK_KINDS, "a paperwork kind")
    assert chosen is not None
    if remove and (date_text is not None or expires_text is not None):
        raise UsageError("--remove takes no --date or --expires")
    ctx = write_context()
    when = None if remove else check.past_date("--date", date_text, ctx.today)
    expires = check.date_value("--expires", expires_text, ctx.today)
    rule = partial(record_paperwork, kind=chosen, when=when, expires=expires, remove=remove)
    _run(ctx, placement_id, rule, dry_run)


_SCORE_HELP = "Score 1 (low) to 5 (high)."


@placement_app.command("evaluate")
def placement_evaluate(
    placement_id: PlacementId,
    overall: Annotated[
        str,
        typer.Option("--overall", metavar="RATING", help="exceeds, meets, approaching or below."),
    ],
    would_hire: Annotated[
        str | None,
        typer.Option(
            "--would-hire", metavar="ANSWER", help="The employer would hire: yes, no, maybe."
        ),
    ] = None,
    attendance: Annotated[
        int | None, typer.Option("--attendance", min=1, max=5, help=_SCORE_HELP)
    ] = None,
    punctuality: Annotated[
        int | None, typer.Option("--punctuality", min=1, max=5, help=_SCORE_HELP)
    ] = None,
    quality: Annotated[
        int | None, typer.Option("--quality", min=1, max=5, help=_SCORE_HELP)
    ] = None,
    initiative: Annotated[
        int | None, typer.Option("--initiative", min=1, max=5, help=_SCORE_HELP)
    ] = None,
    teamwork: Annotated[
        int | None, typer.Option("--teamwork", min=1, max=5, help=_SCORE_HELP)
    ] = None,
    communication: Annotated[
        int | None, typer.Option("--communication", min=1, max=5, help=_SCORE_HELP)
    ] = None,
    safety: Annotated[int | None, typer.Option("--safety", min=1, max=5, help=_SCORE_HELP)] = None,
    date_text: Annotated[
        str | None, typer.Option("--date", metavar="DATE", help="When it was done (default today).")
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Record the end-of-placement evaluation: a rating, scores 1-5 and fixed choices only.

    No free text about a student is kept: the scores are attendance,
    punctuality, quality, initiative, teamwork, communication and safety.

    Example: partnerctl placement evaluate pixel-prairie-2026-09 --overall meets --would-hire yes
    """
    from functools import partial

    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import write_context
    from partnerctl.core.placement_edits import evaluate
    from partnerctl.records import EVALUATION_CRITERIA, RATINGS, WOULD_HIRE

    check.file_id(placement_id, "placement")
    rating = check.choice("--overall", overall, RATINGS, "a rating")
    answer = check.choice("--would-hire", would_hire, WOULD_HIRE, "yes, no or maybe")
    assert rating is not None
    given = (attendance, punctuality, quality, initiative, teamwork, communication, safety)
    scores = {name: value for name, value in zip(EVALUATION_CRITERIA, given, strict=True) if value}
    ctx = write_context()
    when = check.past_date("--date", date_text, ctx.today)
    rule = partial(evaluate, when=when, overall=rating, would_hire=answer, scores=scores)
    _run(ctx, placement_id, rule, dry_run)


@placement_app.command("end")
def placement_end(
    placement_id: PlacementId,
    date_text: Annotated[
        str | None, typer.Option("--date", metavar="DATE", help="The last day (default today).")
    ] = None,
    withdrew: Annotated[
        bool, typer.Option("--withdrew", help="The student left before the planned end.")
    ] = False,
    dry_run: DryRun = False,
) -> None:
    """End a placement: its last day and outcome (completed, or --withdrew).

    Example: partnerctl placement end riverside-auto-2026-10 --date 2026-12-18
    """
    from functools import partial

    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import write_context
    from partnerctl.core.placement_edits import end_placement

    check.file_id(placement_id, "placement")
    ctx = write_context()
    when = check.past_date("--date", date_text, ctx.today)
    outcome = "withdrew" if withdrew else "completed"
    _run(ctx, placement_id, partial(end_placement, when=when, outcome=outcome), dry_run)


def placements_of(partner_id: str) -> list[PlacementRec]:
    """The loaded workspace's placements at a partner (for `show`)."""
    from partnerctl.core.placements import of_partner

    return of_partner(state().workspace().placements.values(), partner_id)
