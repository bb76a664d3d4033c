"""`log` (record a touchpoint with one or more partners) and `add` (a new partner file)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from partnerctl.cli.app import app
from partnerctl.cli.complete import (
    complete_channel,
    complete_date,
    complete_outcome,
    complete_owner,
    complete_partner_id,
    complete_pathway,
    complete_stage,
)

if TYPE_CHECKING:
    from datetime import date

    from partnerctl.model import PartnerRec
    from partnerctl.workspace.yamledit import PartnerDocument


def next_change(
    doc: PartnerDocument,
    record: PartnerRec,
    today: date,
    new_date: date | None,
    clear: bool,
    action: str | None,
) -> list[str]:
    """Apply DESIGN's rule for `next` after a touch; return what the output says about it.

    Without --next, a follow-up dated today or earlier is done and cleared and a
    later one stays. `--next DATE` sets one (its action: --action, else the
    old action while that follow-up was still ahead; the output says when it
    has none). `--next none` clears any.
    """
    from partnerctl.cli.editopts import quoted

    old = record["next"]
    notes: list[str] = []
    done = old is not None and old["date"] <= today
    if old is not None and (done or clear):
        verb = "cleared follow-up" if done else "cleared the follow-up"
        what = quoted(old["action"]) if old["action"] else "with no action"
        notes.append(f"{verb} {what} (was {old['date'].isoformat()})")
    if new_date is not None:
        if action is None and old is not None and not done:
            action = old["action"]
        doc.set_value("next", {"date": new_date, "action": action})
        day = new_date.isoformat()
        if action:
            notes.append(f"next {day} {quoted(action)}")
        else:
            snooze = f'partnerctl snooze {record["id"]} {day} --action "…"'
            notes.append(f"next {day} (no action: add one with {snooze})")
    elif old is not None and (done or clear):
        doc.remove_key("next")
    elif old is not None:
        notes.append(f"follow-up stays on {old['date'].isoformat()}")
    return notes


@app.command("log")
def log_command(
    args: list[str] = typer.Argument(
        ...,
        metavar="ID... SUMMARY",
        help="one or more partner ids, then what happened",
        autocompletion=complete_partner_id,
    ),
    channel: str | None = typer.Option(
        None,
        "--channel",
        help="email, phone, in-person, social, letter or video "
        "(default: the partner's own `channel`)",
        autocompletion=complete_channel,
    ),
    with_: str | None = typer.Option(None, "--with", help="who you spoke with"),
    outcome: str | None = typer.Option(
        None,
        "--outcome",
        help="no-reply, replied, meeting-set, committed, declined, milestone",
        autocompletion=complete_outcome,
    ),
    date_text: str | None = typer.Option(
        None,
        "--date",
        help="when it happened (default today; a weekday means the last one)",
        autocompletion=complete_date,
    ),
    stage: str | None = typer.Option(
        None, "--stage", help="move the partner to this stage", autocompletion=complete_stage
    ),
    students: int | None = typer.Option(None, "--students", min=0, help="students who took part"),
    next_text: str | None = typer.Option(
        None,
        "--next",
        help="the next follow-up's date, or `none` to clear it",
        autocompletion=complete_date,
    ),
    action: str | None = typer.Option(None, "--action", help="what the --next follow-up is"),
) -> None:
    """Record a touchpoint (a call, email, visit) with one or more partners.

    Appends one touchpoint to each partner's file, all or nothing. A follow-up
    (`next`) dated today or earlier is done and cleared; a later one stays;
    --next sets a new one and `--next none` clears any.

    Example: partnerctl log riverside-auto "Sent one-page intro" --channel email --next +1w
    """
    from partnerctl.cli.editopts import choice, date_arg, quoted, text_option, write_context
    from partnerctl.errors import UsageError
    from partnerctl.model import CHANNELS, OUTCOMES, STAGES
    from partnerctl.workspace.edit import check_partner_id, edit_partners

    if len(args) < 2:
        raise UsageError(
            "log needs one or more partner ids and then a summary",
            hint='for example: partnerctl log riverside-auto "Sent one-page intro"',
        )
    *ids, summary_arg = args
    summary = text_option("SUMMARY", summary_arg, required=True)
    for partner_id in ids:
        check_partner_id(partner_id)
    channel = choice("--channel", channel, CHANNELS, "a channel")
    outcome = choice("--outcome", outcome, OUTCOMES, "an outcome")
    stage = choice("--stage", stage, STAGES, "a stage")
    with_ = text_option("--with", with_, required=True)
    action = text_option("--action", action, required=True)
    ctx = write_context()
    when = date_arg(ctx, "--date", date_text, past=True) or ctx.today
    if when > ctx.today:
        raise UsageError(
            f"--date: {when.isoformat()} is after today ({ctx.today.isoformat()})",
            hint="log what happened; use --next for what is planned",
        )
    clear = next_text is not None and next_text.strip().lower() == "none"
    new_next = None if clear else date_arg(ctx, "--next", next_text)
    if new_next is not None and new_next < ctx.today:
        raise UsageError(
            f"--next: {new_next.isoformat()} is before today", hint="give a later date"
        )
    if action is not None and new_next is None:
        raise UsageError(
            "--action needs --next DATE", hint="or use `partnerctl snooze ID DATE --action TEXT`"
        )

    lines: dict[str, str] = {}

    def make_edit(partner_id: str) -> Any:
        def edit(doc: PartnerDocument, record: PartnerRec) -> None:
            touch_channel = channel or record["channel"]
            touch: dict[str, Any] = {
                "date": when, "channel": touch_channel, "with": with_, "summary": summary,
                "outcome": outcome, "stage": None, "students": students,
            }  # fmt: skip
            notes: list[str] = []
            if stage is not None and stage != record["stage"]:
                touch["stage"] = stage
                doc.set_value("stage", stage)
                notes.append(f"stage {record['stage']} → {stage}")
            elif stage is not None:
                notes.append(f"stage stays {stage}")
            doc.append_item("touchpoints", touch)
            notes += next_change(doc, record, ctx.today, new_next, clear, action)
            head = f"logged {partner_id}: {when.isoformat()} "
            head += f"{touch_channel} " if touch_channel else ""
            lines[partner_id] = "; ".join([head + quoted(summary, 80), *notes])

        return edit

    edits = {partner_id: make_edit(partner_id) for partner_id in dict.fromkeys(ids)}
    edit_partners(ctx.root, edits, settings=ctx.settings)
    for partner_id in edits:
        typer.echo(lines[partner_id])


@app.command("add")
def add_command(
    partner_id: str = typer.Argument(..., metavar="ID", help="the new partner's id (file name)"),
    name: str = typer.Option(..., "--name", help="the business's name"),
    stage: str = typer.Option(
        "prospect", "--stage", help="its stage", autocompletion=complete_stage
    ),
    industry: str | None = typer.Option(
        None, "--industry", help="what the business does, e.g. automotive or health care"
    ),
    pathway: list[str] = typer.Option(
        [], "--pathway", help="a pathway id (repeatable)", autocompletion=complete_pathway
    ),
    owner: str | None = typer.Option(
        None, "--owner", help="who looks after this partner", autocompletion=complete_owner
    ),
    since: str | None = typer.Option(
        None, "--since", help="first contact or start date", autocompletion=complete_date
    ),
    distance: float | None = typer.Option(None, "--distance", min=0, help="miles from school"),
    relationship: str | None = typer.Option(None, "--relationship", help="an existing tie"),
    early_adopter: bool = typer.Option(False, "--early-adopter", help="an early adopter"),
    tag: list[str] = typer.Option([], "--tag", help="a tag (repeatable)"),
    channel: str | None = typer.Option(
        None, "--channel", help="the best way to reach them", autocompletion=complete_channel
    ),
    best_time: str | None = typer.Option(None, "--best-time", help="e.g. 'Tue-Thu before 10am'"),
    contact: str | None = typer.Option(None, "--contact", help="a contact's name"),
    email: str | None = typer.Option(None, "--email", help="the contact's email"),
    phone: str | None = typer.Option(None, "--phone", help="the contact's phone"),
    role: str | None = typer.Option(None, "--role", help="the contact's role"),
) -> None:
    """Add a new partner file, partners/ID.yaml.

    Example: partnerctl add riverside-auto --name "Riverside Auto Group" --pathway automotive
    """
    from partnerctl.cli.editopts import choice, date_arg, owner_option, text_option, write_context
    from partnerctl.cli.invocation import print_problems
    from partnerctl.errors import Problem, UsageError
    from partnerctl.model import CHANNELS, STAGES
    from partnerctl.workspace.edit import check_partner_id, create_partner, shown_name

    check_partner_id(partner_id)
    if contact is None and (email or phone or role):
        raise UsageError("--email, --phone and --role describe a contact: give --contact NAME")
    ctx = write_context()
    # A whole number of miles is written `3`, not `3.0`.
    miles = int(distance) if distance is not None and distance.is_integer() else distance
    known = [p["id"] for p in ctx.settings["pathways"]]
    for item in pathway:
        choice("--pathway", item, tuple(known), "a pathway id in partnerctl.yaml")
    data: dict[str, Any] = {
        "name": text_option("--name", name, required=True),
        "industry": text_option("--industry", industry, required=True),
        "pathways": list(dict.fromkeys(p.strip().lower() for p in pathway)),
        "stage": choice("--stage", stage, STAGES, "a stage"),
        "owner": owner_option("--owner", owner, ctx.settings),
        "since": date_arg(ctx, "--since", since),
        "distance_miles": miles,
        "relationship": text_option("--relationship", relationship, required=True),
        "early_adopter": True if early_adopter else None,
        "tags": [text_option("--tag", t, required=True) for t in dict.fromkeys(tag)],
        "best_time": text_option("--best-time", best_time, required=True),
        "channel": choice("--channel", channel, CHANNELS, "a channel"),
    }
    if contact is not None:
        person = {
            "name": text_option("--contact", contact, required=True),
            "role": text_option("--role", role, required=True),
            "email": text_option("--email", email, required=True),
            "phone": text_option("--phone", phone, required=True),
        }
        data["contacts"] = [person]
    warnings: list[Problem] = []
    path = create_partner(ctx.root, partner_id, data, settings=ctx.settings, warnings=warnings)
    typer.echo(f"added {partner_id}: {shown_name(ctx.root, path)}")
    print_problems(warnings)  # validate's warnings, such as an email that does not look like one
