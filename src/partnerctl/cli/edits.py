"""Everyday edits without opening YAML: `snooze`, `contact`, `stage`, `reassign`."""

from __future__ import annotations

from typing import Any

import typer

from partnerctl.cli.app import app
from partnerctl.cli.complete import (
    complete_date,
    complete_owner,
    complete_partner_id,
    complete_stage,
)
from partnerctl.cli.editopts import DryRun


@app.command("snooze")
def snooze_command(
    partner_id: str = typer.Argument(
        ..., metavar="ID", help="the partner", autocompletion=complete_partner_id
    ),
    date_text: str = typer.Argument(
        ..., metavar="DATE", help="the follow-up's new date", autocompletion=complete_date
    ),
    action: str | None = typer.Option(None, "--action", help="what to do (makes a follow-up)"),
    dry_run: DryRun = False,
) -> None:
    """Move a partner's follow-up (`next`) to another day, keeping its action.

    With no follow-up yet, --action makes one.

    Example: partnerctl snooze riverside-auto +1w
    """
    from functools import partial

    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes, write_context
    from partnerctl.core.touch import snooze

    check.partner_id(partner_id)
    action = check.text("--action", action, required=True)
    ctx = write_context()
    when, note = check.todo_date("DATE", date_text, ctx.today, ctx.settings)
    rule = partial(snooze, when=when, action=action, date_text=date_text, note=note)
    run_changes(ctx, {partner_id: rule}, dry_run=dry_run)


@app.command("contact")
def contact_command(
    partner_id: str = typer.Argument(
        ..., metavar="ID", help="the partner", autocompletion=complete_partner_id
    ),
    name: str = typer.Option(..., "--name", help="the contact's name (found case-insensitively)"),
    role: str | None = typer.Option(None, "--role", help='their role ("" removes it)'),
    email: str | None = typer.Option(None, "--email", help='their email ("" removes it)'),
    phone: str | None = typer.Option(None, "--phone", help='their phone ("" removes it)'),
    decision_maker: bool | None = typer.Option(
        None, "--decision-maker/--no-decision-maker", help="whether they decide on partnering"
    ),
    remove: bool = typer.Option(False, "--remove", help="remove this contact"),
    dry_run: DryRun = False,
) -> None:
    """Add a contact to a partner, or update or remove one found by name.

    Example: partnerctl contact riverside-auto --name "Dana Ortiz" --role Owner --decision-maker
    """
    from functools import partial

    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes, write_context
    from partnerctl.core.contacts import contact_change
    from partnerctl.errors import UsageError

    check.partner_id(partner_id)
    name = " ".join((check.text("--name", name, required=True) or "").split())
    fields: dict[str, Any] = {}
    for key, value in (("role", role), ("email", email), ("phone", phone)):
        if value is not None:
            fields[key] = check.text(f"--{key}", value) or None
    if decision_maker is not None:
        fields["decision_maker"] = True if decision_maker else None
    if remove and fields:
        raise UsageError("--remove takes only --name", hint="remove the contact, or change it")
    ctx = write_context()
    rule = partial(contact_change, name=name, fields=fields, remove=remove)
    run_changes(ctx, {partner_id: rule}, dry_run=dry_run)


@app.command("stage")
def stage_command(
    partner_id: str = typer.Argument(
        ..., metavar="ID", help="the partner", autocompletion=complete_partner_id
    ),
    stage: str = typer.Argument(
        ..., metavar="STAGE", help="the new stage", autocompletion=complete_stage
    ),
    summary: str | None = typer.Option(None, "--summary", help="what happened"),
    date_text: str | None = typer.Option(
        None, "--date", help="when (default today)", autocompletion=complete_date
    ),
    dry_run: DryRun = False,
) -> None:
    """Move a partner to a stage, recording a touchpoint that carries the move.

    Example: partnerctl stage riverside-auto committed --summary "Signed the MOU"
    """
    from functools import partial

    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes, write_context
    from partnerctl.cli.identity import author
    from partnerctl.core.touch import move_stage

    check.partner_id(partner_id)
    new_stage = check.stage("STAGE", stage)
    assert new_stage is not None
    summary = check.text("--summary", summary, required=True)
    ctx = write_context()
    when = check.past_date("--date", date_text, ctx.today)
    by = author(ctx.settings, ctx.root)
    rule = partial(move_stage, stage=new_stage, when=when, summary=summary, by=by)
    run_changes(ctx, {partner_id: rule}, dry_run=dry_run)


@app.command("reassign")
def reassign_command(
    from_owner: str = typer.Option(
        ..., "--from", help="the current owner", autocompletion=complete_owner
    ),
    to_owner: str = typer.Option(..., "--to", help="the new owner", autocompletion=complete_owner),
    stage: str | None = typer.Option(
        None, "--stage", help="only partners at this stage", autocompletion=complete_stage
    ),
    dry_run: DryRun = False,
) -> None:
    """Move partners from one owner to another (all of them, or those at --stage).

    Example: partnerctl reassign --from jlee --to mortiz --dry-run
    """
    from functools import partial

    from partnerctl.cli import args as check
    from partnerctl.cli.app import state
    from partnerctl.cli.editopts import print_changes, refuse_partial_workspace, write_context
    from partnerctl.core.record import reassign
    from partnerctl.errors import UsageError
    from partnerctl.render.text import count
    from partnerctl.workspace.edit import apply_changes

    ctx = write_context()
    source = check.text("--from", from_owner, required=True)
    target = check.owner("--to", to_owner, ctx.settings)
    assert source is not None and target is not None
    wanted_stage = check.stage("--stage", stage)
    if source == target:
        raise UsageError("--from and --to name the same owner")
    workspace = state().workspace()
    if not dry_run:
        refuse_partial_workspace(workspace)
    chosen = sorted(
        pid
        for pid, rec in workspace.partners.items()
        if rec["owner"] == source and (wanted_stage is None or rec["stage"] == wanted_stage)
    )
    where = f" at stage {wanted_stage}" if wanted_stage else ""
    if not chosen:
        print_changes(
            ctx, [], dry_run=False, after=[f"no partners owned by {source}{where}; nothing to move"]
        )
        return
    rule = partial(reassign, source=source, target=target)
    changes = apply_changes(
        ctx.root, dict.fromkeys(chosen, rule), settings=ctx.settings, dry_run=dry_run
    )
    moved = count(sum(1 for change in changes if change.writes), "partner")
    verb = "would move" if dry_run else "moved"
    summary = f"{verb} {moved} from {source} to {target}{where}"
    print_changes(ctx, changes, dry_run=dry_run, after=[summary])
