"""The commands partnerctl suggests for what is due, ready to paste.

Every suggestion either works pasted as printed, or holds one of DESIGN's two
placeholders (`…` for text, `YYYY-MM-DD` for a date) that the command
refuses until it is filled in. Where partnerctl knows the value (the only
contact's name, the planned spotlight's place, an agreement's holder), the
suggestion carries it. Each argument is quoted for bash
(:func:`partnerctl.core.text.command`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from partnerctl.core.spotlight_edits import planned, select_words
from partnerctl.core.text import command
from partnerctl.records import AgreementRec, PartnerRec

TEXT = "…"
DATE = "YYYY-MM-DD"


def follow_up(partner_id: str) -> tuple[str, ...]:
    """Log what happened, or put the follow-up off a week."""
    return (command("log", partner_id, TEXT), command("snooze", partner_id, "+1w"))


def check_in(partner_id: str) -> tuple[str, ...]:
    """Log the check-in, or plan it for next week."""
    return (
        command("log", partner_id, TEXT),
        command("snooze", partner_id, "+1w", "--action", "check in"),
    )


def event(partner_ids: Iterable[str]) -> tuple[str, ...]:
    """Log the touch with every partner the event names (none: nothing to log)."""
    ids = list(partner_ids)
    return (command("log", *ids, TEXT),) if ids else ()


def decision_maker(partner: PartnerRec) -> tuple[str, ...]:
    """Mark the decision maker: the only contact when there is one, else a name to fill in."""
    contacts = partner["contacts"]
    name = contacts[0]["name"] if len(contacts) == 1 else TEXT
    return (command("contact", partner["id"], "--name", name, "--decision-maker"),)


def renew(partner: PartnerRec, agreement: AgreementRec) -> tuple[str, ...]:
    """Renew the agreement: its new expiry to fill in, and its holder when it has one."""
    words = ["agreement", partner["id"], agreement["kind"]]
    of_kind = [a for a in partner["agreements"] if a["kind"] == agreement["kind"]]
    if agreement["holder"] is not None and len(of_kind) > 1:
        words += ["--holder", agreement["holder"]]
    return (command(*words, "--expires", DATE),)


def recognize(partner: PartnerRec, today: date, where: str, title: str) -> tuple[str, ...]:
    """Publish the planned spotlight once its day has come; else record the suggested one.

    A spotlight planned for a later day needs nothing yet: no command.
    """
    plans = [spot for _, spot in planned(partner)]
    ready = [spot for spot in plans if spot["date"] <= today]
    if ready:
        spot = ready[0]
        return (command("spotlight", "publish", partner["id"], *select_words(partner, spot)),)
    if plans:
        return ()
    return (command("spotlight", "add", partner["id"], "--where", where, "--title", title),)


def record(partner_id: str, *words: str) -> str:
    """The command that records a fact to find out: `research ID trends "…"`, `need ID "…"`."""
    return command(*words[:1], partner_id, *words[1:], TEXT)


# --- work-based learning and the advisory committee --------------------------


def paperwork(placement_id: str, partner_id: str, kind: str, holder: str, supervisor: str) -> str:
    """Record a missing document where it is kept: the placement, or the partner's agreements."""
    if holder == "placement":
        return command("placement", "paperwork", placement_id, kind)
    words = ["agreement", partner_id, kind]
    if holder == "supervisor":
        words += ["--holder", supervisor]
    return command(*words, "--expires", DATE)


def renew_paperwork(
    placement_id: str, partner_id: str, kind: str, holder: str, supervisor: str
) -> str:
    """Record the renewed document: its new dates to fill in."""
    if holder == "placement":
        return command(
            "placement", "paperwork", placement_id, kind, "--date", DATE, "--expires", DATE
        )
    return paperwork(placement_id, partner_id, kind, holder, supervisor)


def hours(placement_id: str, partner_id: str, supervisor: str) -> tuple[str, ...]:
    """Log the hours worked, or the call to the supervisor about them."""
    return (
        command("placement", "hours", placement_id, TEXT),
        command("log", partner_id, TEXT, "--with", supervisor),
    )


def evaluate(placement_id: str) -> tuple[str, ...]:
    """Record the end-of-placement evaluation (the rating to fill in)."""
    return (command("placement", "evaluate", placement_id, "--overall", TEXT),)


def advisory_notice(event_id: str, day: date) -> tuple[str, ...]:
    """Record that the meeting's notice went out (today)."""
    return (command("advisory", "notice", event_id, "--date", day.isoformat()),)


def advisory_term(name: str, pathway: str) -> tuple[str, ...]:
    """Renew the member's term (the new end to fill in), or take them off the committee."""
    return (
        command("advisory", "member", name, "--pathway", pathway, "--term-ends", DATE),
        command("advisory", "member", name, "--pathway", pathway, "--remove"),
    )


def advisory_schedule(pathway: str) -> tuple[str, ...]:
    """Schedule a meeting of the committee (its day to fill in)."""
    return (command("advisory", "schedule", DATE, "--pathway", pathway),)
