"""The due rules of work-based learning and of the advisory committee.

Siblings of the rules in :mod:`partnerctl.core.due`, built on its
:class:`~partnerctl.core.due.Builder`: a placement's paperwork missing before
it starts, a document that expires while it runs, hours behind pace, its
evaluation at the end; the committee's meeting notices, members' terms, and
too few meetings in the school year. Every item carries its rule in words
(`due --explain`) and the commands that act on it (core.suggest). An item
never holds a student's code in its words: only in its `student` field,
which `--no-students` leaves out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from partnerctl.core import advisory, suggest
from partnerctl.core.dueitem import status_for
from partnerctl.core.placements import (
    PACE_DUE,
    PACE_OVERDUE,
    Document,
    documents,
    hours_text,
    is_over,
    pace,
    pace_status,
    required_paperwork,
)
from partnerctl.core.text import text_key
from partnerctl.dates import add_days
from partnerctl.records import HAZARDOUS_PAPERWORK, EventRec, PartnerRec, PlacementRec
from partnerctl.recurrence import occurrences

if TYPE_CHECKING:
    from partnerctl.core.due import Builder


def placement_items(
    build: Builder, placements: Iterable[PlacementRec], partners: Mapping[str, PartnerRec]
) -> None:
    """The items of each placement still ahead or running (its partner's file must be valid)."""
    for placement in placements:
        partner = partners.get(placement["partner"])
        if partner is None:
            continue  # its partner's file has errors (reported there)
        if not is_over(placement, build.today):
            docs = documents(placement, partner, build.settings)
            _paperwork(build, placement, partner, docs)
            _expiry(build, placement, partner, docs)
            _hours(build, placement, partner)
        _evaluation(build, placement, partner)


def _item(
    build: Builder,
    placement: PlacementRec,
    partner: PartnerRec,
    kind: str,
    status: str,
    day: date,
    action: str,
    commands: tuple[str, ...],
    rule: str,
) -> None:
    build.add_partner_item(
        partner,
        kind,
        status,
        day,
        action,
        commands=commands,
        placement=placement["id"],
        student=placement["student"],
        contact=placement["supervisor"],
        rule=rule,
    )


def _checked_on(build: Builder, placement: PlacementRec) -> date:
    """The day a placement's paperwork must be on file: `paperwork_notice` days before it starts."""
    return add_days(placement["start"], -build.settings["paperwork_notice"])


def _paperwork(
    build: Builder, placement: PlacementRec, partner: PartnerRec, docs: list[Document]
) -> None:
    """Paperwork not on file: due `paperwork_notice` days before the start, overdue from it."""
    lacking = [doc for doc in docs if not doc.on_file]
    day = _checked_on(build, placement)
    if not lacking or day > build.horizon:
        return
    start = placement["start"]
    started = build.today >= start
    when = "since the start on" if started else "before the start on"
    kinds = ", ".join(doc.kind for doc in lacking)
    kinds_needed = required_paperwork(placement, build.settings)
    own = [k for k in kinds_needed if k != HAZARDOUS_PAPERWORK or not placement["hazardous"]]
    article = "an" if placement["kind"][0] in "aeiou" else "a"
    rule = f"{article} {placement['kind']} needs {', '.join(own) or 'no paperwork'} (paperwork)"
    if placement["hazardous"]:
        rule += f", and hazardous work a {HAZARDOUS_PAPERWORK}"
    rule += (
        f", on file {build.settings['paperwork_notice']} days before the start "
        "(paperwork_notice); overdue from the start"
    )
    commands = tuple(
        suggest.paperwork(
            placement["id"], partner["id"], doc.kind, doc.holder, placement["supervisor"]
        )
        for doc in lacking
    )
    status = status_for(day, build.today, overdue=started)
    action = f"paperwork missing {when} {start.isoformat()}: {kinds}"
    _item(build, placement, partner, "paperwork", status, day, action, commands, rule)


def _expiry(
    build: Builder, placement: PlacementRec, partner: PartnerRec, docs: list[Document]
) -> None:
    """A document on file that expires before the placement ends.

    A partner's or supervisor's document is an agreement, whose own rule takes
    over (with a warning naming the placement) once its renewal falls due.
    """
    end = placement["end"]
    notice = build.settings["agreements_notice"]
    for doc in docs:
        if not doc.on_file or doc.expires is None or doc.expires >= end:
            continue
        expires = doc.expires
        if doc.holder != "placement" and add_days(expires, -notice) <= build.horizon:
            _warn_agreement(build, partner, doc, placement)
            continue
        day = _checked_on(build, placement)
        if day > build.horizon:
            continue
        whose = f" of {doc.agreement_holder}" if doc.agreement_holder else ""
        action = (
            f"{doc.kind}{whose} expires {expires.isoformat()}, before the placement ends "
            f"{end.isoformat()}"
        )
        rule = (
            "a document the placement needs must cover it to its end; due from "
            f"{build.settings['paperwork_notice']} days before the start, overdue once expired"
        )
        command = suggest.renew_paperwork(
            placement["id"], partner["id"], doc.kind, doc.holder, placement["supervisor"]
        )
        status = status_for(day, build.today, overdue=expires < build.today)
        _item(build, placement, partner, "expiry", status, day, action, (command,), rule)


def _warn_agreement(
    build: Builder, partner: PartnerRec, doc: Document, placement: PlacementRec
) -> None:
    """Add to the agreement's own item that a placement runs past its expiry."""
    assert doc.expires is not None
    key = (partner["id"], doc.kind, text_key(doc.agreement_holder), doc.expires)
    index = build.agreement_items.get(key)
    if index is None:
        return  # a declined partner's agreements give no items
    item = build.items[index]
    note = f"placement {placement['id']} runs until {placement['end'].isoformat()}"
    if note not in item.warnings:
        build.items[index] = replace(item, warnings=(*item.warnings, note))


def _hours(build: Builder, placement: PlacementRec, partner: PartnerRec) -> None:
    """Hours behind the pace that spreads `planned_hours` over the placement's open days."""
    found = pace(placement, build.settings, build.today)
    if found is None:
        return
    status = pace_status(found)
    if status is None:
        return
    action = (
        f"hours behind pace: {hours_text(found.logged)} logged, {hours_text(found.expected)} "
        f"expected by now ({hours_text(found.planned)} planned by {placement['end'].isoformat()})"
    )
    rule = (
        "planned_hours spread evenly over the open days from start to end; due below "
        f"{PACE_DUE:.0%} of the hours expected by yesterday, overdue below {PACE_OVERDUE:.0%}"
    )
    commands = suggest.hours(placement["id"], partner["id"], placement["supervisor"])
    _item(build, placement, partner, "hours", status, build.today, action, commands, rule)


def _evaluation(build: Builder, placement: PlacementRec, partner: PartnerRec) -> None:
    """The end-of-placement evaluation: due at the end, overdue `evaluation_within` days later."""
    if placement["evaluation"] is not None:
        return
    day = placement["end"]
    if day > build.horizon:
        return
    within = build.settings["evaluation_within"]
    late = build.today > add_days(day, within)
    verb = "ended" if day <= build.today else "ends"
    action = f"evaluation: the placement {verb} {day.isoformat()}"
    rule = f"an evaluation is due when a placement ends; overdue {within} days later"
    status = status_for(day, build.today, overdue=late)
    commands = suggest.evaluate(placement["id"])
    _item(build, placement, partner, "evaluation", status, day, action, commands, rule)


# --- the advisory committee -----------------------------------------------------


def advisory_items(
    build: Builder, events: list[EventRec], partners: Mapping[str, PartnerRec]
) -> None:
    """Notices, terms and the number of meetings, when the settings name a committee."""
    settings = build.settings
    if not settings["advisory_members"]:
        return
    _terms(build, partners)
    _notices(build, events)
    _too_few_meetings(build, events)


def _terms(build: Builder, partners: Mapping[str, PartnerRec]) -> None:
    """A member's term: due `advisory_term_notice` days before it ends, overdue once ended."""
    notice = build.settings["advisory_term_notice"]
    for member in build.settings["advisory_members"]:
        ends = member["term_ends"]
        day = add_days(ends, -notice)
        if day > build.horizon:
            continue
        verb = "ended" if ends < build.today else "ends"
        action = f"term {verb} {ends.isoformat()} ({member['pathway']} committee): renew or replace"
        rule = (
            f"a member's term is due for renewal {notice} days before it ends; overdue once ended"
        )
        status = status_for(day, build.today, overdue=ends < build.today)
        commands = suggest.advisory_term(member["name"], member["pathway"])
        fields: dict[str, Any] = {
            "member": member["name"],
            "pathway": member["pathway"],
            "commands": commands,
            "rule": rule,
        }
        partner = partners.get(member["partner"] or "")
        if partner is not None:
            build.add_partner_item(
                partner, "advisory-term", status, day, action, contact=member["name"], **fields
            )
        else:
            build.add_item("advisory-term", status, day, action, **fields)


def _notices(build: Builder, events: list[EventRec]) -> None:
    """A meeting's notice: due `advisory_notice` days before it, overdue after, until it is sent."""
    settings = build.settings
    notice = settings["advisory_notice"]
    having = advisory.committees(settings)
    for event in advisory.advisory_events(events):
        if not any(advisory.is_meeting_of(event, pathway) for pathway in having):
            continue
        for when in occurrences(event, build.today, add_days(build.horizon, notice)):
            record = advisory.record_of(event, when)
            if record is not None and record["notice"] is not None:
                continue
            day = add_days(when, -notice)
            action = f"send notice: {event['name']} on {when.isoformat()}"
            rule = (
                f"members get notice of a meeting {settings['advisory_notice']} days ahead; "
                "overdue after that day, until the notice is recorded"
            )
            build.add_item(
                "advisory-notice",
                status_for(day, build.today, overdue=day < build.today),
                day,
                action,
                owner=event["owner"],
                event=event["id"],
                event_date=when,
                partners=tuple(event["partners"]),
                commands=suggest.advisory_notice(event["id"], when),
                rule=rule,
                file=event["file"],
            )


def _too_few_meetings(build: Builder, events: list[EventRec]) -> None:
    """A committee with fewer meetings this school year (held or scheduled) than required."""
    settings = build.settings
    required = settings["advisory_meetings"]
    start, end = advisory.school_year(settings, build.today)
    found = advisory.meetings(events, start, end)
    for pathway in advisory.committees(settings):
        count = len(advisory.of_committee(found, pathway))
        if count >= required:
            continue
        action = (
            f"{count} of {required} advisory meetings this school year "
            f"({start.isoformat()} to {end.isoformat()}): schedule {required - count} more"
        )
        rule = (
            f"each committee meets {required} times a school year (advisory_meetings; the "
            f"year starts {settings['school_year_starts']}), held or scheduled"
        )
        build.add_item(
            "advisory-meetings",
            "due",
            build.today,
            action,
            pathway=pathway,
            commands=suggest.advisory_schedule(pathway),
            rule=rule,
        )
