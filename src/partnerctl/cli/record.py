"""The rest of a partner's record by command: `set`, `need`, `opening`, `tag`, `pathway`,
`research`, `busy-season`, `offer` and `agreement`.

Each turns its arguments into a core rule (core/record.py) and runs it through
the one edit pipeline (cli/editopts.run_changes): only the lines it must
change, locked, validated, atomic, with `--dry-run` and `--format json`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any

import typer

from partnerctl.cli.app import app
from partnerctl.cli.editopts import DRY_RUN_HELP, DryRun, PartnerArg

if TYPE_CHECKING:
    from partnerctl.cli.editopts import WriteContext

RemoveOption = Annotated[bool, typer.Option("--remove", help="Remove it instead.")]
NotesOption = Annotated[
    str | None, typer.Option("--notes", metavar="TEXT", help='Details ("" removes them).')
]

# What `set` takes for each key, for --help and completion.
SET_KEYS_HELP = (
    "name, industry, owner, since, distance, relationship, early-adopter, best-time, channel "
    "or notes"
)


def _complete_set_key(incomplete: str) -> list[str]:
    from partnerctl.core.record import SCALAR_KEYS

    return [key for key in SCALAR_KEYS if key.startswith(incomplete)]


def _run(partner_id: str, make_rule: Callable[[WriteContext], Any], dry_run: bool) -> None:
    """Check the id, read the context, build the rule from it and run it through the pipeline."""
    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes, write_context

    check.partner_id(partner_id)
    ctx = write_context()
    run_changes(ctx, {partner_id: make_rule(ctx)}, dry_run=dry_run)


# --- set ---------------------------------------------------------------------------


@app.command("set")
def set_command(
    partner_id: PartnerArg,
    key: Annotated[
        str,
        typer.Argument(
            metavar="KEY", help=f"One of: {SET_KEYS_HELP}.", autocompletion=_complete_set_key
        ),
    ],
    value: Annotated[str, typer.Argument(metavar="VALUE", help='The new value ("" removes it).')],
    dry_run: DryRun = False,
) -> None:
    """Set one field of a partner: its name, owner, distance, best time, notes, ...

    An empty VALUE ("") removes the field (a name cannot go). `early-adopter`
    takes yes or no; `since` a date; `distance` miles; `owner` and `channel`
    one of their known values. The stage has its own command, `stage`.

    Example: partnerctl set riverside-auto best-time "Tue-Thu before 10am"
    """
    from partnerctl.core.record import SCALAR_KEYS, set_scalar
    from partnerctl.errors import UsageError

    if key.strip().lower() == "stage":
        raise UsageError(
            "the stage has its own command, which also records the move",
            hint=f"partnerctl stage {partner_id} {value or 'STAGE'}",
        )
    from partnerctl.cli import args as check

    name = check.choice("KEY", key, tuple(SCALAR_KEYS), "a field `set` changes")
    assert name is not None
    field = SCALAR_KEYS[name]

    def make_rule(ctx: WriteContext) -> Any:
        return partial(set_scalar, key=field, value=_scalar(name, value, ctx))

    _run(partner_id, make_rule, dry_run)


def _scalar(name: str, value: str, ctx: WriteContext) -> Any:
    """The value `set` writes for KEY `name`: checked and typed; None removes the field."""
    from partnerctl.cli import args as check
    from partnerctl.errors import UsageError
    from partnerctl.records import CHANNELS

    if name == "name":
        return check.text("VALUE", value, required=True)
    if not value.strip():
        return None
    if name == "owner":
        return check.owner("VALUE", value, ctx.settings)
    if name == "channel":
        return check.choice("VALUE", value, CHANNELS, "a channel")
    if name == "since":
        return check.date_value("VALUE", value, ctx.today)
    if name == "early-adopter":
        answer = check.choice("VALUE", value, ("yes", "no", "true", "false"), "yes or no")
        return answer in ("yes", "true")
    if name == "distance":
        try:
            miles = float(value)
        except ValueError:
            raise UsageError(f"VALUE: {value!r} is not a number of miles") from None
        if not 0 <= miles < float("inf"):
            raise UsageError(f"VALUE: {value!r} is not a distance", hint="give 0 or more miles")
        return int(miles) if miles.is_integer() else miles  # `3`, not `3.0`
    return check.text("VALUE", value, required=True)


# --- text lists ----------------------------------------------------------------------


def _list_command(command: str, help_text: str, example: str) -> None:
    """Register `partnerctl COMMAND ID TEXT [--remove]` for one text list of the record."""
    metavar = "PATHWAY" if command == "pathway" else "TEXT"

    def list_command(
        partner_id: PartnerArg,
        text: str = typer.Argument(..., metavar=metavar, help=help_text),
        remove: bool = typer.Option(False, "--remove", help="Remove it instead."),
        dry_run: bool = typer.Option(False, "--dry-run", help=DRY_RUN_HELP),
    ) -> None:
        from partnerctl.cli import args as check
        from partnerctl.core.record import LIST_KEYS, list_item

        key, what = LIST_KEYS[command]
        item = " ".join((check.text(metavar, text, required=True) or "").split())

        def make_rule(ctx: WriteContext) -> Any:
            value = item
            if command == "pathway" and not remove:
                value = check.pathway(metavar, item, ctx.settings) or item
            return partial(list_item, key=key, what=what, text=value, remove=remove)

        _run(partner_id, make_rule, dry_run)

    key_name = {"need": "needs", "opening": "openings", "tag": "tags", "pathway": "pathways"}
    list_command.__doc__ = (
        f"Add one of a partner's {key_name[command]}, or --remove one (any case).\n\n"
        f"    Example: {example}\n"
    )
    app.command(command)(list_command)


_list_command(
    "need",
    "A business problem students could help with.",
    'partnerctl need riverside-auto "Saturday shop coverage"',
)
_list_command(
    "opening", "A job opening.", 'partnerctl opening riverside-auto "Lube technician (part-time)"'
)
_list_command("tag", "A tag.", "partnerctl tag riverside-auto chamber")
_list_command("pathway", "A pathway id from partnerctl.yaml.", "partnerctl pathway acme automotive")


# --- research ------------------------------------------------------------------------


@app.command("research")
def research_command(
    partner_id: PartnerArg,
    field: Annotated[str, typer.Argument(metavar="FIELD", help="business or trends.")],
    text: Annotated[str, typer.Argument(metavar="TEXT", help='What you found ("" removes it).')],
    dry_run: DryRun = False,
) -> None:
    """Record what you learned about a partner's business or its industry's trends.

    Example: partnerctl research riverside-auto trends "EV service demand; technician shortage"
    """
    from partnerctl.cli import args as check
    from partnerctl.core.record import RESEARCH_KEYS, set_research

    name = check.choice("FIELD", field, RESEARCH_KEYS, "a research field") or field
    value = check.text("TEXT", text, required=True) if text.strip() else None
    _run(partner_id, lambda _ctx: partial(set_research, field=name, text=value), dry_run)


# --- busy seasons --------------------------------------------------------------------


@app.command("busy-season")
def busy_season_command(
    partner_id: PartnerArg,
    start: Annotated[str, typer.Option("--from", metavar="MM-DD", help="First day, e.g. 11-15.")],
    end: Annotated[str, typer.Option("--to", metavar="MM-DD", help="Last day, e.g. 01-10.")],
    why: Annotated[
        str | None, typer.Option("--why", metavar="TEXT", help="What keeps them busy.")
    ] = None,
    remove: RemoveOption = False,
    dry_run: DryRun = False,
) -> None:
    """Add a partner's busy season (MM-DD to MM-DD, may wrap the new year), or --remove it.

    During it `due` holds the partner's check-ins and `plan` avoids it.

    Example: partnerctl busy-season riverside-auto --from 11-15 --to 01-10 --why "year-end sales"
    """
    from partnerctl.cli import args as check
    from partnerctl.core.record import busy_season
    from partnerctl.errors import UsageError
    from partnerctl.fieldchecks import check_mmdd

    days = []
    for option, value in (("--from", start), ("--to", end)):
        try:
            days.append(check_mmdd(value.strip()))
        except ValueError as err:
            raise UsageError(f"{option}: {err}") from None
    reason = check.text("--why", why, required=True)
    if remove and reason is not None:
        raise UsageError("--remove takes only --from and --to")
    rule = partial(busy_season, start=days[0], end=days[1], why=reason, remove=remove)
    _run(partner_id, lambda _ctx: rule, dry_run)


# --- offers --------------------------------------------------------------------------


@app.command("offer")
def offer_command(
    partner_id: PartnerArg,
    kind: Annotated[str, typer.Argument(metavar="KIND", help="job-shadow, internship, tour, ...")],
    pathway: Annotated[
        str | None, typer.Option("--pathway", metavar="ID", help="The pathway it serves.")
    ] = None,
    seats: Annotated[
        int | None, typer.Option("--seats", min=0, metavar="N", help="How many students.")
    ] = None,
    notes: NotesOption = None,
    remove: RemoveOption = False,
    dry_run: DryRun = False,
) -> None:
    """Record what a partner gives students (an offer), change its seats or notes, or --remove it.

    An offer is found by its kind and pathway (with no --pathway: the only
    offer of that kind).

    Example: partnerctl offer riverside-auto job-shadow --pathway automotive --seats 4
    """
    from partnerctl.cli import args as check
    from partnerctl.core.record import offer
    from partnerctl.errors import UsageError
    from partnerctl.records import OFFER_KINDS

    chosen = check.choice("KIND", kind, OFFER_KINDS, "an offer kind") or kind
    fields: dict[str, Any] = {}
    if seats is not None:
        fields["seats"] = seats
    if notes is not None:
        fields["notes"] = check.text("--notes", notes) or None
    if remove and fields:
        raise UsageError("--remove takes only KIND and --pathway")

    def make_rule(ctx: WriteContext) -> Any:
        path = check.pathway("--pathway", pathway, ctx.settings)
        return partial(offer, kind=chosen, pathway=path, fields=fields, remove=remove)

    _run(partner_id, make_rule, dry_run)


# --- agreements ----------------------------------------------------------------------


@app.command("agreement")
def agreement_command(
    partner_id: PartnerArg,
    kind: Annotated[
        str, typer.Argument(metavar="KIND", help="mou, background-check, insurance, ...")
    ],
    expires: Annotated[
        str | None, typer.Option("--expires", metavar="DATE", help="When it expires.")
    ] = None,
    holder: Annotated[
        str | None,
        typer.Option("--holder", metavar="NAME", help="Whose it is, for a person's paperwork."),
    ] = None,
    notes: NotesOption = None,
    remove: RemoveOption = False,
    dry_run: DryRun = False,
) -> None:
    """Add a partner's paperwork (an agreement), renew it with a new --expires, or --remove it.

    An agreement is found by its kind (and --holder, where several of one kind
    exist). Renewing clears `due`'s renewal item.

    Example: partnerctl agreement st-lukes mou --expires 2027-06-30
    """
    from partnerctl.cli import args as check
    from partnerctl.core.record import agreement
    from partnerctl.errors import UsageError
    from partnerctl.records import AGREEMENT_KINDS

    chosen = check.choice("KIND", kind, AGREEMENT_KINDS, "an agreement kind") or kind
    who = check.text("--holder", holder, required=True)
    fields: dict[str, Any] = {}
    if notes is not None:
        fields["notes"] = check.text("--notes", notes) or None
    if remove and (expires is not None or fields):
        raise UsageError("--remove takes only KIND and --holder")

    def make_rule(ctx: WriteContext) -> Any:
        day = check.date_value("--expires", expires, ctx.today)
        return partial(
            agreement, kind=chosen, holder=who, expires=day, fields=fields, remove=remove
        )

    _run(partner_id, make_rule, dry_run)
