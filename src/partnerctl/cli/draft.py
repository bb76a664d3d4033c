"""`partnerctl draft ID --kind KIND`: a message to send, value first; partnerctl never sends it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from partnerctl.cli.app import app, command_formats, output_option, state
from partnerctl.cli.complete import complete_partner_id

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from partnerctl.cli.identity import Sender
    from partnerctl.core.draft import Draft
    from partnerctl.records import ContactRec
    from partnerctl.render.drafttemplate import Rendered

DRAFT_FORMATS = command_formats("draft", ("plain", "md", "mailto", "eml", "json"))
# The longest address a mail system carries (RFC 5321's path limit).
MAX_ADDRESS = 254


def record_sent(partner_id: str, summary: str, *, channel: str, with_: str | None) -> None:
    """Log a sent draft as a touchpoint: `log`'s own rule (core.touch.log_touch), one write path.

    A follow-up dated today or earlier is done and cleared, as `log` does. Its
    "logged …" line goes to stderr, so that stdout keeps only the draft (a
    mailto: link stays pasteable).
    """
    import sys
    from functools import partial

    from partnerctl.cli.identity import author
    from partnerctl.core.touch import NextStep, Touch, log_touch
    from partnerctl.render.text import clean
    from partnerctl.workspace.edit import apply_changes, settings_for_write

    current = state()
    # stdout already holds the draft: an error of the write goes to stderr alone, even with json.
    current.error_document = False
    root = current.root()
    settings = settings_for_write(root)
    today = current.today(settings)
    touch = Touch(today, summary, channel=channel, with_=with_, by=author(settings, root))
    rule = partial(log_touch, touch=touch, today=today, step=NextStep())
    changes = apply_changes(root, {partner_id: rule}, settings=settings)
    sys.stderr.write("".join(clean(line) + "\n" for change in changes for line in change.said))


def whole_command(partner_id: str, kind: str, options: dict[str, str | None]) -> str:
    """The command that prints this draft whole (named in a shortened mailto: link)."""
    import shlex

    words = ["partnerctl", "draft", partner_id, "--kind", kind]
    for name, value in options.items():
        if value is not None:
            words += [name, shlex.quote(value)]
    return " ".join(words)


def mail_address(draft: Draft, fmt: str) -> tuple[str, str]:
    """(name, address) to write to, or the refusal: no contact, no email, not an address."""
    import shlex

    from partnerctl.errors import UsageError
    from partnerctl.records import looks_like_email

    pid = draft.partner or ""
    what = "an .eml" if fmt == "eml" else "a mailto"
    person: ContactRec | None = draft.recipient
    if person is None:
        raise UsageError(
            f"{pid} has no contact: {what} draft needs someone to write to",
            hint=f'add one: partnerctl contact {pid} --name "…" --email "…" --decision-maker',
        )
    name = person["name"]
    add = f'partnerctl contact {pid} --name {shlex.quote(name)} --email "…"'
    email = (person["email"] or "").strip()
    if not email:
        raise UsageError(
            f"{name} ({pid}) has no email address on file: {what} draft needs one",
            hint=f"add it: {add}; or write to another contact with --to NAME",
        )
    if not looks_like_email(email) or len(email) > MAX_ADDRESS:
        raise UsageError(
            f"{name}'s email {email!r} ({pid}) does not look like an address", hint=f"fix it: {add}"
        )
    if fmt == "eml" and not email.isascii():
        raise UsageError(
            f"{name}'s email {email!r} has letters an .eml file cannot carry",
            hint="use --format mailto, which can",
        )
    return name, email


def check_choices(
    kind: str, partner_id: str | None, fmt: str, options: dict[str, str | None], log: bool
) -> None:
    """Refuse what does not fit the kind: a partner for `program`, --event off an invite, ..."""
    from partnerctl.core.draft import EMAIL_KINDS
    from partnerctl.errors import UsageError

    if kind == "program":
        if partner_id is not None:
            raise UsageError(
                "--kind program is about the whole program: give no partner id",
                hint="partnerctl draft --kind program",
            )
        given = [name for name, value in options.items() if value is not None]
        if given or log:
            refused = ", ".join([*given, *(["--log"] if log else [])])
            raise UsageError(f"--kind program takes no {refused}", hint="it names no partner")
    elif partner_id is None:
        raise UsageError(
            f"--kind {kind} drafts a message to one partner: give its id before --kind",
            hint="`partnerctl list` shows the partners' ids",
        )
    if fmt in ("eml", "mailto") and kind not in EMAIL_KINDS:
        what = "a social post and a newsletter paragraph" if kind == "spotlight" else "a page"
        raise UsageError(
            f"--kind {kind} drafts {what}, not an email: --format {fmt} does not fit it",
            hint="use --format plain or md",
        )
    if options.get("--to") is not None and kind == "spotlight":
        raise UsageError("--to is for messages: a spotlight is a post", hint="leave it out")
    if options.get("--event") is not None and kind != "invite":
        raise UsageError("--event is for --kind invite", hint="leave it out")
    if options.get("--agreement") is not None and kind != "renewal":
        raise UsageError("--agreement is for --kind renewal", hint="leave it out")


def show_template(kind: str, partner_id: str | None, root: Path, output: str | None) -> None:
    """Print the template `kind` uses: the workspace's templates/KIND.txt, else partnerctl's."""
    from partnerctl.cli.report import write_output
    from partnerctl.errors import UsageError
    from partnerctl.render.drafttemplate import builtin_template
    from partnerctl.workspace.drafttemplates import read_draft_template

    if partner_id is not None:
        raise UsageError("--template prints a kind's template: give no partner id")
    own = read_draft_template(root, kind)
    write_output(own[1] if own is not None else builtin_template(kind).text, output)


def spotlight_log_refusal(draft: Draft) -> None:
    """A spotlight is recorded by `spotlight add`, with this draft's place and title."""
    from partnerctl.core.text import command
    from partnerctl.errors import UsageError

    spot = draft.context["spotlight"]
    words = ("spotlight", "add", draft.partner or "", "--where", spot["where"])
    raise UsageError(
        "a spotlight is recorded with `spotlight add`, not --log",
        hint=command(*words, "--title", spot["title"]),
    )


@app.command()
def draft(
    partner_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="The partner (none for --kind program).",
            autocompletion=complete_partner_id,
        ),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            help="intro, follow-up, meeting-ask, thank-you, renewal, invite, spotlight, program.",
        ),
    ] = "",
    to: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="NAME", help="The contact to write to (default: who decides)."
        ),
    ] = None,
    sender_text: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="ADDRESS",
            help="From (else PARTNERCTL_FROM, git's user.email, `from:` in partnerctl.yaml).",
        ),
    ] = None,
    event: Annotated[
        str | None,
        typer.Option("--event", metavar="ID", help="The event of an invite (default: the next)."),
    ] = None,
    agreement: Annotated[
        str | None,
        typer.Option(
            "--agreement", metavar="KIND", help="The agreement to renew (default: first to expire)."
        ),
    ] = None,
    output: Annotated[
        str | None,
        output_option("Write to FILE (FILE.eml: an email draft; .md, .txt by extension)."),
    ] = None,
    log: Annotated[
        bool,
        typer.Option("--log", help="Record it as sent: a touchpoint with its subject."),
    ] = False,
    template: Annotated[
        bool,
        typer.Option("--template", help="Print the template KIND uses (to copy), not a draft."),
    ] = False,
) -> None:
    """A message to send to a partner, value first: partnerctl never sends it.

    Kinds: intro, follow-up, meeting-ask, thank-you, renewal, invite,
    spotlight (a social post and a newsletter paragraph), and program (the
    case for partnering, with no ID). The wording is the program's own
    templates/KIND.txt, else partnerctl's. Formats: plain, md, mailto (a
    link for a mail program), eml (-o FILE.eml opens in Outlook, Apple
    Mail or Thunderbird as a draft) and json. --log records it as sent.

    Example: partnerctl draft riverside-auto --kind intro -o intro.eml
    """
    from partnerctl.cli.args import choice
    from partnerctl.cli.args import text as text_option
    from partnerctl.cli.identity import draft_sender
    from partnerctl.cli.invocation import print_problems
    from partnerctl.cli.report import write_output
    from partnerctl.core.contacts import no_such_contact
    from partnerctl.core.draft import KINDS, DraftRequest, build_draft
    from partnerctl.core.facts import find_contact
    from partnerctl.errors import Problem, UsageError
    from partnerctl.records import AGREEMENT_KINDS
    from partnerctl.render.drafttemplate import TemplateSource, builtin_template, render_draft
    from partnerctl.workspace.drafttemplates import read_draft_template, stray_templates

    current = state()
    # The format first: with --format json, every refusal below is a JSON document too.
    fmt = "plain" if template else current.file_format(output, DRAFT_FORMATS, default="plain")
    if not kind:
        raise UsageError("draft needs --kind KIND", hint="choose one of " + ", ".join(KINDS))
    kind = choice("--kind", kind, KINDS, "a draft kind") or kind
    agreement = choice("--agreement", agreement, AGREEMENT_KINDS, "an agreement kind")
    to = text_option("--to", to, required=True)
    if template:
        show_template(kind, partner_id, current.root(), output)
        return
    options = {"--to": to, "--event": event, "--agreement": agreement}
    check_choices(kind, partner_id, fmt, options, log)
    workspace = current.workspace()
    today = current.today()
    root = current.root()
    recipient = None
    if partner_id is not None:
        partner = workspace.partners.get(partner_id)
        if partner is None:
            from partnerctl.cli.listing import unknown_partner

            unknown_partner(workspace, partner_id)
            return
        if to is not None:
            index = find_contact(partner["contacts"], to)
            if index is None:
                raise no_such_contact(partner, to)
            recipient = partner["contacts"][index]
    sender = draft_sender(sender_text, workspace.settings, root)
    request = DraftRequest(kind, partner_id, recipient, event, agreement, sender.name or None)
    found = build_draft(request, workspace.settings, workspace.partners, workspace.events, today)
    if log and kind == "spotlight":
        spotlight_log_refusal(found)
    own = read_draft_template(root, kind)
    source = TemplateSource(*own) if own is not None else builtin_template(kind)
    rendered = render_draft(source, found.context, social=kind == "spotlight")
    warnings = [
        Problem(None, None, None, None, msg, hint, "warning") for msg, hint in found.warnings
    ]
    warnings += stray_templates(root, kind)
    if rendered.social is not None:
        from partnerctl.render.draftout import social_fit

        words, fits = social_fit(rendered.social)
        if not fits:
            warnings.append(
                Problem(
                    None, None, None, None, f"the social post is {words}", "shorten it", "warning"
                )
            )
    if fmt == "json":
        from partnerctl.render.draftout import json_doc

        text = json_doc(rendered, found, (sender.name, sender.address), warnings, workspace.errors)
    else:
        settings = workspace.settings
        text = formatted(fmt, rendered, found, sender, today, settings["timezone"], options)
    print_problems(warnings)
    write_output(text, output)
    if log and partner_id is not None:
        name = found.recipient["name"] if found.recipient is not None else None
        record_sent(partner_id, f"Sent {kind}: {rendered.subject}", channel="email", with_=name)


def formatted(
    fmt: str,
    rendered: Rendered,
    found: Draft,
    sender: Sender,
    today: date,
    timezone: str | None,
    options: dict[str, str | None],
) -> str:
    """The draft as `fmt`; eml and mailto first check the addresses they need (refusals)."""
    from partnerctl.cli.identity import require_address
    from partnerctl.render import draftout

    social = None
    if rendered.social is not None:
        social = draftout.social_fit(rendered.social)[0]
    if fmt == "md":
        return draftout.md_doc(rendered, found.recipient, social)
    if fmt == "plain":
        return draftout.plain_doc(rendered, found.recipient, social)
    to = mail_address(found, fmt)
    if fmt == "eml":
        return draftout.eml_doc(rendered, to, require_address(sender), today, timezone)
    whole = whole_command(found.partner or "", found.kind, options)
    return draftout.mailto_link(to[1], rendered, whole) + "\n"
