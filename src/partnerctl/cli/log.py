"""`log` (record a touchpoint with one or more partners) and `add` (a new partner file)."""

from __future__ import annotations

from typing import Any

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
from partnerctl.cli.editopts import DryRun


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
    dry_run: DryRun = False,
) -> None:
    """Record a touchpoint (a call, email, visit) with one or more partners.

    Appends one touchpoint to each partner's file, all or nothing. A follow-up
    (`next`) dated today or earlier is done and cleared (the touchpoint records
    it as `closes`); a later one stays; --next sets a new one and `--next none`
    clears any. A shorthand --next (`+1w`, `friday`) that lands on a weekend or
    in a school break moves to the next workday. On a terminal, `log ID` alone
    asks for the summary.

    Example: partnerctl log riverside-auto "Sent one-page intro" --channel email --next +1w
    """
    from functools import partial

    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes, write_context
    from partnerctl.cli.identity import author
    from partnerctl.core.touch import NextStep, Touch, log_touch
    from partnerctl.errors import UsageError
    from partnerctl.records import CHANNELS, OUTCOMES

    args = _ask_summary(args)
    if len(args) < 2:
        raise UsageError(
            "log needs one or more partner ids and then a summary",
            hint='for example: partnerctl log riverside-auto "Sent one-page intro"',
        )
    *ids, summary_arg = args
    summary = check.text("SUMMARY", summary_arg, required=True)
    for partner_id in ids:
        check.partner_id(partner_id)
    channel = check.choice("--channel", channel, CHANNELS, "a channel")
    outcome = check.choice("--outcome", outcome, OUTCOMES, "an outcome")
    stage = check.stage("--stage", stage)
    with_ = check.text("--with", with_, required=True)
    action = check.text("--action", action, required=True)
    ctx = write_context()
    when = check.past_date("--date", date_text, ctx.today)
    clear = next_text is not None and next_text.strip().lower() == "none"
    step = NextStep(clear=clear, action=action)
    if next_text is not None and not clear:
        day, note = check.todo_date("--next", next_text, ctx.today, ctx.settings)
        step = NextStep(date=day, action=action, note=note)
    if action is not None and step.date is None:
        snooze = f'partnerctl snooze {ids[0]} YYYY-MM-DD --action "…"'
        raise UsageError("--action needs --next DATE", hint=f"or use `{snooze}`")
    assert summary is not None
    touch = Touch(
        date=when, summary=summary, channel=channel, with_=with_, outcome=outcome, stage=stage,
        students=students, by=author(ctx.settings, ctx.root),
    )  # fmt: skip
    rule = partial(log_touch, touch=touch, today=ctx.today, step=step)
    run_changes(ctx, {partner_id: rule for partner_id in dict.fromkeys(ids)}, dry_run=dry_run)


def _ask_summary(args: list[str]) -> list[str]:
    """`log ID` alone on a terminal: ask for the summary (never when stdin is not a terminal)."""
    import sys

    if len(args) != 1 or not sys.stdin.isatty() or not sys.stdout.isatty():
        return args
    summary = typer.prompt(f"What happened with {args[0]}?", default="", show_default=False)
    return [*args, summary] if summary.strip() else args


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
    dry_run: DryRun = False,
) -> None:
    """Add a new partner file, partners/ID.yaml.

    Example: partnerctl add riverside-auto --name "Riverside Auto Group" --pathway automotive
    """
    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import run_changes, write_context
    from partnerctl.core.change import Change
    from partnerctl.errors import UsageError
    from partnerctl.records import CHANNELS

    check.partner_id(partner_id)
    if contact is None and (email or phone or role):
        raise UsageError("--email, --phone and --role describe a contact: give --contact NAME")
    ctx = write_context()
    # A whole number of miles is written `3`, not `3.0`.
    miles = int(distance) if distance is not None and distance.is_integer() else distance
    data: dict[str, Any] = {
        "name": check.text("--name", name, required=True),
        "industry": check.text("--industry", industry, required=True),
        "pathways": check.pathways("--pathway", pathway, ctx.settings),
        "stage": check.stage("--stage", stage),
        "owner": check.owner("--owner", owner, ctx.settings),
        "since": check.date_value("--since", since, ctx.today),
        "distance_miles": miles,
        "relationship": check.text("--relationship", relationship, required=True),
        "early_adopter": True if early_adopter else None,
        "tags": [check.text("--tag", t, required=True) for t in dict.fromkeys(tag)],
        "best_time": check.text("--best-time", best_time, required=True),
        "channel": check.choice("--channel", channel, CHANNELS, "a channel"),
    }
    if contact is not None:
        person = {
            "name": check.text("--contact", contact, required=True),
            "role": check.text("--role", role, required=True),
            "email": check.text("--email", email, required=True),
            "phone": check.text("--phone", phone, required=True),
        }
        data["contacts"] = [person]
    said = f"added {partner_id}: partners/{partner_id}.yaml"
    run_changes(ctx, {}, creates=[Change(partner_id, said=(said,), create=data)], dry_run=dry_run)
