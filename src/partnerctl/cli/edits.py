"""Everyday edits without opening YAML: `snooze`, `contact`, `stage`, `reassign`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from partnerctl.cli.app import app
from partnerctl.cli.complete import complete_partner_id

if TYPE_CHECKING:
    from partnerctl.model import PartnerRec
    from partnerctl.workspace.yamledit import PartnerDocument


@app.command("snooze")
def snooze_command(
    partner_id: str = typer.Argument(
        ..., metavar="ID", help="the partner", autocompletion=complete_partner_id
    ),
    date_text: str = typer.Argument(..., metavar="DATE", help="the follow-up's new date"),
    action: str | None = typer.Option(None, "--action", help="what to do (makes a follow-up)"),
) -> None:
    """Move a partner's follow-up (`next`) to another day, keeping its action.

    With no follow-up yet, --action makes one.

    Example: partnerctl snooze riverside-auto +1w
    """
    from partnerctl.cli.editopts import date_arg, quoted, text_option, write_context
    from partnerctl.errors import UsageError
    from partnerctl.workspace.edit import check_partner_id, edit_partners

    check_partner_id(partner_id)
    action = text_option("--action", action, required=True)
    ctx = write_context()
    when = date_arg(ctx, "DATE", date_text)
    assert when is not None
    if when < ctx.today:
        raise UsageError(f"DATE: {when.isoformat()} is before today", hint="give a later date")
    said: list[str] = []

    def edit(doc: PartnerDocument, record: PartnerRec) -> None:
        old = record["next"]
        if old is None and action is None:
            raise UsageError(
                f"{partner_id} has no follow-up to move",
                hint=f'make one: partnerctl snooze {partner_id} {date_text} --action "…"',
            )
        what = action if action is not None else (old["action"] if old else None)
        doc.set_value("next", {"date": when, "action": what})
        text = f"snoozed {partner_id}: follow-up {quoted(what) if what else '(no action)'} "
        if old and old["date"] == when:
            text += "already on "
        else:
            text += f"moved {old['date'].isoformat()} → " if old else "set for "
        text += when.isoformat()
        if old and action is not None and old["action"] != action:
            text += f" (action was {quoted(old['action'])})" if old["action"] else " (action added)"
        said.append(text)

    edit_partners(ctx.root, {partner_id: edit}, settings=ctx.settings)
    typer.echo(said[-1])  # an edit runs again when its file changed before the lock


def _find_contact(record: PartnerRec, name: str) -> int | None:
    wanted = " ".join(name.split()).casefold()
    for index, person in enumerate(record["contacts"]):
        if " ".join(person["name"].split()).casefold() == wanted:
            return index
    return None


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
) -> None:
    """Add a contact to a partner, or update or remove one found by name.

    Example: partnerctl contact riverside-auto --name "Dana Ortiz" --role Owner --decision-maker
    """
    from partnerctl.cli.editopts import text_option, write_context
    from partnerctl.cli.invocation import print_problems
    from partnerctl.errors import Problem, UsageError
    from partnerctl.render.text import clean_line
    from partnerctl.workspace.edit import check_partner_id, edit_partners

    check_partner_id(partner_id)
    name = " ".join((text_option("--name", name, required=True) or "").split())
    fields: dict[str, Any] = {}
    for key, value in (("role", role), ("email", email), ("phone", phone)):
        if value is not None:
            fields[key] = text_option(f"--{key}", value) or None
    if decision_maker is not None:
        fields["decision_maker"] = True if decision_maker else None
    if remove and fields:
        raise UsageError("--remove takes only --name", hint="remove the contact, or change it")
    ctx = write_context()
    said: list[str] = []

    def edit(doc: PartnerDocument, record: PartnerRec) -> None:
        import difflib

        index = _find_contact(record, name)
        if index is None and remove:
            names = [person["name"] for person in record["contacts"]]
            close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
            hint = f"did you mean {close[0]!r}?" if close else None
            raise UsageError(f"{partner_id} has no contact {name!r}", hint=hint)
        if remove and index is not None:
            doc.remove_item("contacts", index)
            known = clean_line(record["contacts"][index]["name"])
            said.append(f"removed contact {known} from {partner_id}")
            return
        if index is None:
            doc.append_item("contacts", {"name": name, **fields})
            said.append(f"added contact {clean_line(name)} to {partner_id}" + _dm_note(fields))
            return
        if not fields:
            known = clean_line(record["contacts"][index]["name"])
            said.append(f"{partner_id}: contact {known} unchanged (give --role, --email, ...)")
            return
        for key, value in fields.items():
            doc.set_item_value("contacts", index, key, value)
        person = record["contacts"][index]
        known = clean_line(person["name"])
        changes = _changes(person, fields)
        if changes:
            said.append(f"updated contact {known} of {partner_id}: {changes}")
        else:
            said.append(f"{partner_id}: contact {known} unchanged (it already reads so)")

    warnings: list[Problem] = []
    edit_partners(ctx.root, {partner_id: edit}, settings=ctx.settings, warnings=warnings)
    typer.echo(said[-1])  # an edit runs again when its file changed before the lock
    print_problems(warnings)  # validate's warnings, such as an email that does not look like one


def _dm_note(fields: dict[str, Any]) -> str:
    if "decision_maker" not in fields:
        return ""
    return " (decision maker)" if fields["decision_maker"] else " (not a decision maker)"


def _changes(person: Any, fields: dict[str, Any]) -> str:
    """What an update changed, in words: `phone "555-0199"; removed email; now a decision maker`."""
    from partnerctl.cli.editopts import quoted

    texts = ("role", "email", "phone")
    parts = [
        ", ".join(
            f"{key} {quoted(fields[key])}"
            for key in texts
            if fields.get(key) is not None and fields[key] != person[key]
        ),
        ", ".join(key for key in texts if key in fields and fields[key] is None and person[key]),
    ]
    if parts[1]:
        parts[1] = "removed " + parts[1]
    if "decision_maker" in fields and bool(fields["decision_maker"]) != person["decision_maker"]:
        parts.append(
            "now a decision maker" if fields["decision_maker"] else "no longer a decision maker"
        )
    return "; ".join(part for part in parts if part)


@app.command("stage")
def stage_command(
    partner_id: str = typer.Argument(
        ..., metavar="ID", help="the partner", autocompletion=complete_partner_id
    ),
    stage: str = typer.Argument(..., metavar="STAGE", help="the new stage"),
    summary: str | None = typer.Option(None, "--summary", help="what happened"),
    date_text: str | None = typer.Option(None, "--date", help="when (default today)"),
) -> None:
    """Move a partner to a stage, recording a touchpoint that carries the move.

    Example: partnerctl stage riverside-auto committed --summary "Signed the MOU"
    """
    from partnerctl.cli.editopts import choice, date_arg, quoted, text_option, write_context
    from partnerctl.errors import UsageError
    from partnerctl.model import STAGES
    from partnerctl.workspace.edit import check_partner_id, edit_partners

    check_partner_id(partner_id)
    new_stage = choice("STAGE", stage, STAGES, "a stage")
    summary = text_option("--summary", summary, required=True)
    ctx = write_context()
    when = date_arg(ctx, "--date", date_text, past=True) or ctx.today
    if when > ctx.today:
        raise UsageError(f"--date: {when.isoformat()} is after today ({ctx.today.isoformat()})")
    said: list[str] = []

    def edit(doc: PartnerDocument, record: PartnerRec) -> None:
        old = record["stage"]
        if old == new_stage:
            said.append(f"{partner_id} is already at stage {old}; nothing changed")
            return
        text = summary or f"Stage {old} → {new_stage}"
        doc.set_value("stage", new_stage)
        doc.append_item("touchpoints", {"date": when, "summary": text, "stage": new_stage})
        said.append(f"{partner_id}: stage {old} → {new_stage} ({when.isoformat()} {quoted(text)})")

    edit_partners(ctx.root, {partner_id: edit}, settings=ctx.settings)
    typer.echo(said[-1])  # an edit runs again when its file changed before the lock


@app.command("reassign")
def reassign_command(
    from_owner: str = typer.Option(..., "--from", help="the current owner"),
    to_owner: str = typer.Option(..., "--to", help="the new owner"),
    stage: str | None = typer.Option(None, "--stage", help="only partners at this stage"),
    dry_run: bool = typer.Option(False, "--dry-run", help="show what would move; write nothing"),
) -> None:
    """Move partners from one owner to another (all of them, or those at --stage).

    Example: partnerctl reassign --from jlee --to mortiz --dry-run
    """
    from partnerctl.cli.app import state
    from partnerctl.cli.editopts import (
        choice,
        owner_option,
        refuse_partial_workspace,
        text_option,
        write_context,
    )
    from partnerctl.errors import UsageError
    from partnerctl.model import STAGES
    from partnerctl.render.text import clean_line, count
    from partnerctl.workspace.edit import edit_partners

    ctx = write_context()
    source = text_option("--from", from_owner, required=True)
    target = owner_option("--to", to_owner, ctx.settings)
    shown_from, shown_to = clean_line(source or ""), clean_line(target or "")
    wanted_stage = choice("--stage", stage, STAGES, "a stage")
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
        typer.echo(f"no partners owned by {shown_from}{where}; nothing to move")
        return
    if dry_run:
        for pid in chosen:
            typer.echo(f"would move {pid} ({workspace.partners[pid]['stage']}) to {shown_to}")
        typer.echo(
            f"would move {count(len(chosen), 'partner')} from {shown_from} to {shown_to}{where}"
        )
        return
    # Keyed by id: an edit runs again when its file changed before the lock.
    still_theirs: dict[str, bool] = {}

    def make_edit(pid: str) -> Any:
        def edit(doc: PartnerDocument, record: PartnerRec) -> None:
            still_theirs[pid] = record["owner"] == source  # as the file reads now
            if still_theirs[pid]:
                doc.set_value("owner", target)

        return edit

    edit_partners(ctx.root, {pid: make_edit(pid) for pid in chosen}, settings=ctx.settings)
    moved = [pid for pid in chosen if still_theirs.get(pid)]
    for pid in moved:
        typer.echo(f"moved {pid} from {shown_from} to {shown_to}")
    typer.echo(f"moved {count(len(moved), 'partner')} from {shown_from} to {shown_to}{where}")
