"""The facts of each kind of draft: last touch, milestone, agreement, event, spotlight.

Each `*_context` adds the variables of one kind (README: "Drafting
messages") or refuses with the reason and the fix (a UsageError, exit 2).
Pure, like core.draft.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from partnerctl.core.draft import DraftRequest, as_you, dated, lower_first, students_of
from partnerctl.core.pitch import join_words
from partnerctl.dates import add_days, spoken_date
from partnerctl.errors import UsageError
from partnerctl.records import ContactRec, EventRec, PartnerRec, SettingsRec, TouchpointRec
from partnerctl.recurrence import occurrences
from partnerctl.words import did_you_mean

# "I am following up on my email of October 6."
UNANSWERED = {
    "email": "my email",
    "letter": "my letter",
    "social": "my message",
    "phone": "my call",
    "video": "our video call",
    "in-person": "our conversation",
}
# "Thank you for speaking with me on October 14."
ANSWERED = {
    "email": "your reply",
    "letter": "your reply",
    "social": "your reply",
    "phone": "speaking with me",
    "video": "our video call",
    "in-person": "meeting with me",
}
# How an agreement of each kind is named in a renewal.
AGREEMENT_NAMES = {
    "mou": "memorandum of understanding (MOU)",
    "background-check": "background-check clearance",
    "insurance": "certificate of insurance",
    "work-permit": "work permit",
    "media-release": "media release",
    "other": "agreement",
}
# Where a spotlight appears, in a sentence: "thank you in public, in our newsletter".
PLACE_PHRASES = {
    "social": "on our social media",
    "newsletter": "in our newsletter",
    "newspaper": "in the local newspaper",
    "website": "on our website",
    "board-meeting": "at our next school board meeting",
    "award": "with one of our partner awards",
    "event": "at our next event",
}
# Event kinds that feature a partner rather than invite it.
FEATURE_EVENTS = ("newsletter", "social-post")
# How far ahead an invite looks for the next occurrence of an event.
INVITE_HORIZON_DAYS = 730
# An invite asks for a reply this many days before the event.
REPLY_DAYS = 7


def kind_context(
    request: DraftRequest,
    partner: PartnerRec,
    settings: SettingsRec,
    events: list[EventRec],
    today: date,
    recipient: ContactRec | None,
    warnings: list[tuple[str, str | None]],
) -> dict[str, Any]:
    """The variables of `request.kind` for `partner` (none for intro and meeting-ask)."""
    kind = request.kind
    if kind == "follow-up":
        return follow_up_context(partner, today, recipient)
    if kind == "thank-you":
        return thank_you_context(partner, settings, today, recipient)
    if kind == "renewal":
        return renewal_context(partner, settings, today, request.agreement)
    if kind == "invite":
        return invite_context(partner, settings, events, today, request.event)
    if kind == "spotlight":
        return spotlight_context(partner, settings, today, warnings)
    return {}


def newest_touch(touches: list[TouchpointRec]) -> TouchpointRec | None:
    """The newest touchpoint (the last written, among those of the newest date)."""
    best: TouchpointRec | None = None
    for touch in touches:
        if best is None or touch["date"] >= best["date"]:
            best = touch
    return best


def touch_context(
    touch: TouchpointRec, today: date, recipient: ContactRec | None
) -> dict[str, Any]:
    """A touchpoint for templates; `summary` reworded to the recipient (`you hired`)."""
    return {
        **dated(touch["date"], today),
        "channel": touch["channel"],
        "with": touch["with"],
        "summary": as_you(touch["summary"], recipient) if touch["summary"] else None,
        "outcome": touch["outcome"],
        "students": touch["students"],
    }


def follow_up_context(
    partner: PartnerRec, today: date, recipient: ContactRec | None
) -> dict[str, Any]:
    """The last touch recapped and the planned next step (`next.action`) as the topic."""
    last = newest_touch(partner["touchpoints"])
    planned = partner["next"]
    pid = partner["id"]
    if last is None and planned is None:
        raise UsageError(
            f"nothing to follow up with {pid}: no touchpoint and no next step on file",
            hint=f"a first message is an intro: partnerctl draft {pid} --kind intro",
        )
    recap = ""
    if last is not None:
        when = spoken_date(last["date"], today)
        channel = last["channel"] or ""
        if last["outcome"] in (None, "no-reply"):
            recap = f"I am following up on {UNANSWERED.get(channel, 'my last message')} of {when}."
        elif last["outcome"] == "declined":
            recap = f"Thank you for letting me know where things stood on {when}."
        else:
            recap = f"Thank you for {ANSWERED.get(channel, 'your time')} on {when}."
    topic = None
    next_line = ""
    action = planned["action"] if planned is not None else None
    if action and action.strip():
        reworded = as_you(action.strip().rstrip("."), recipient)
        if " about " in reworded:
            topic = reworded.rsplit(" about ", 1)[1]
            next_line = f"I am writing about {topic}."
        else:
            topic = lower_first(reworded)
            next_line = f"Our next step, as planned: {topic}."
    return {
        "last_touch": None if last is None else touch_context(last, today, recipient),
        "next": None
        if planned is None
        else {**dated(planned["date"], today), "action": planned["action"]},
        "recap": recap,
        "topic": topic,
        "next_line": next_line,
    }


def thank_you_context(
    partner: PartnerRec, settings: SettingsRec, today: date, recipient: ContactRec | None
) -> dict[str, Any]:
    """The newest milestone (else the newest touch with students), and where to thank in public."""
    from partnerctl.core.spotlight import suggestion

    touches = partner["touchpoints"]
    milestones = [t for t in touches if t["outcome"] == "milestone"]
    chosen = newest_touch(milestones) or newest_touch([t for t in touches if t["students"]])
    pid = partner["id"]
    if chosen is None:
        raise UsageError(
            f"nothing to thank {pid} for yet: no touchpoint is a milestone or counts students",
            hint=f'log what happened first: partnerctl log {pid} "…" --outcome milestone',
        )
    thanks = touch_context(chosen, today, recipient)
    when = spoken_date(chosen["date"], today)
    summary = (thanks["summary"] or "").strip().rstrip(".")
    students = chosen["students"]
    if summary.startswith("you "):
        line = f"On {when}, {summary}."
    elif summary:
        line = f"On {when}: {summary}."
        if students and chosen["outcome"] != "milestone":
            line += f" {students} of our students took part."
    elif students:
        line = f"On {when}, {students} of our students learned on the job with you."
    else:
        line = f"On {when}, you gave our students a milestone to remember."
    where, _title = suggestion(partner, settings, today)
    return {
        "thanks": {**thanks, "line": line, "milestone": chosen["outcome"] == "milestone"},
        "public_thanks": (
            f"With your permission, we would like to thank you in public, {PLACE_PHRASES[where]}."
        ),
    }


def students_this_year(partner: PartnerRec, today: date) -> int:
    """Students who took part in the partner's touchpoints in the 365 days ending today."""
    start = add_days(today, -365)
    return sum(t["students"] or 0 for t in partner["touchpoints"] if start < t["date"] <= today)


def offers_nouns(partner: PartnerRec) -> str:
    """`tours, job shadows and apprenticeships`: what the partner gives, as pitch words it."""
    from partnerctl.core.pitch import OFFER_NOUNS

    return join_words(dict.fromkeys(OFFER_NOUNS[o["kind"]] for o in partner["offers"]))


def renewal_context(
    partner: PartnerRec, settings: SettingsRec, today: date, kind: str | None
) -> dict[str, Any]:
    """The agreement to renew: `--agreement KIND`, else the one expiring first."""
    pid = partner["id"]
    agreements = partner["agreements"]
    if not agreements:
        raise UsageError(
            f"{pid} has no agreement on file: nothing to renew",
            hint=f"add it under `agreements:` in {partner['file']}",
        )
    if kind is not None:
        agreements = [a for a in agreements if a["kind"] == kind]
        if not agreements:
            kinds = ", ".join(dict.fromkeys(a["kind"] for a in partner["agreements"]))
            raise UsageError(
                f"{pid} has no {kind} agreement", hint=f"its agreements: {kinds} (--agreement)"
            )
    chosen = min(agreements, key=lambda a: a["expires"])
    name = AGREEMENT_NAMES[chosen["kind"]]
    if chosen["kind"] == "other" and chosen["notes"]:
        name = chosen["notes"]
    served = students_this_year(partner, today)
    nouns = offers_nouns(partner)
    year_line = ""
    if served and nouns:
        year_line = (
            f"In the past year, {served} of our students took part in {nouns} "
            f"with {partner['name']}."
        )
    elif served:
        year_line = f"In the past year, {served} of our students learned on the job with you."
    expired = chosen["expires"] < today
    return {
        "agreement": {
            "kind": chosen["kind"],
            "name": name,
            "expires": chosen["expires"].isoformat(),
            "when": spoken_date(chosen["expires"], today, with_year=True),
            "expired": expired,
            "days_left": (chosen["expires"] - today).days,
        },
        "year_line": year_line,
        "students_this_year": served,
    }


def next_occurrence(event: EventRec, today: date) -> date | None:
    """The event's first occurrence on or after today (within INVITE_HORIZON_DAYS)."""
    found = occurrences(event, today, add_days(today, INVITE_HORIZON_DAYS))
    return found[0] if found else None


def choose_event(
    partner: PartnerRec, events: list[EventRec], today: date, wanted: str | None
) -> tuple[EventRec, date]:
    """--event ID, else the next event that lists the partner; refusals say what to do."""
    pid = partner["id"]
    if wanted is not None:
        by_id = {event["id"]: event for event in events}
        if wanted not in by_id:
            hint = did_you_mean(wanted, by_id) or "`partnerctl calendar` lists events"
            raise UsageError(f"--event: no event {wanted!r}", hint=hint)
        day = next_occurrence(by_id[wanted], today)
        if day is None:
            raise UsageError(
                f"--event: {wanted} has no date on or after {today.isoformat()}",
                hint="name an event that is still ahead",
            )
        return by_id[wanted], day
    ahead = [
        (day, event["id"], event)
        for event in events
        if pid in event["partners"] and (day := next_occurrence(event, today)) is not None
    ]
    if not ahead:
        listed = any(pid in event["partners"] for event in events)
        why = "every event that lists it is past" if listed else "no event lists it"
        raise UsageError(
            f"nothing to invite {pid} to: {why}",
            hint=f"add {pid} to an event's `partners:` in events/, or name one with --event ID",
        )
    day, _id, event = min(ahead, key=lambda found: (found[0], found[1]))
    return event, day


def invite_context(
    partner: PartnerRec,
    settings: SettingsRec,
    events: list[EventRec],
    today: date,
    wanted: str | None,
) -> dict[str, Any]:
    """The event to invite the partner to, why it matters to them, and when to reply by."""
    event, day = choose_event(partner, events, today, wanted)
    when = spoken_date(day, today, weekday=True)
    who = students_of(partner, settings)
    purposes = {
        "chamber": "It is a good morning to meet other local businesses that work with our "
        "students.",
        "career-fair": f"{who[:1].upper()}{who[1:]} will be there, looking for internships "
        "and jobs.",
        "advisory": f"The board tells us what employers need from {who}, and your experience "
        "would help us teach it.",
        "open-house": f"Families tour our labs there, and would meet you and {who}.",
        "recognition": "We want to thank you in public for what you do for our students.",
        "newsletter": "We would send you the text to approve before it goes out.",
        "social-post": "We would send you the post to approve before it goes out.",
    }
    if event["kind"] in FEATURE_EVENTS:
        lead = f"We would like to feature {partner['name']} in our {event['name']} on {when}."
        question = "whether that is all right with you"
    else:
        lead = f"We would be glad to see you at our {event['name']} on {when}."
        question = "whether you can join us"
    reply_by = add_days(day, -REPLY_DAYS)
    if reply_by > today:
        reply = f"Could you let me know by {spoken_date(reply_by, today)} {question}?"
    else:
        reply = f"Could you let me know soon {question}?"
    return {
        "event": {
            "id": event["id"],
            "name": event["name"],
            "kind": event["kind"],
            **dated(day, today, weekday=True),
            "notes": event["notes"],
            "lead": lead,
            "purpose": purposes.get(event["kind"], ""),
            "reply": reply,
        }
    }


def spotlight_context(
    partner: PartnerRec,
    settings: SettingsRec,
    today: date,
    warnings: list[tuple[str, str | None]],
) -> dict[str, Any]:
    """The spotlight to announce (the one planned, else `spotlight`'s suggestion), its story."""
    from partnerctl.core.facts import recognition
    from partnerctl.core.spotlight import media_release, planned_since_last, suggestion

    planned = planned_since_last(partner)
    where, title = suggestion(partner, settings, today)
    day = today
    if planned is not None:
        where, day = planned["where"], planned["date"]
        title = planned["title"] or title
    found = recognition(partner, settings, today)
    milestone = found.milestone if found is not None else None
    if milestone is None:
        milestone = newest_touch([t for t in partner["touchpoints"] if t["outcome"] == "milestone"])
    covered, note = media_release(partner, max(today, day))
    if not covered and note is not None:
        warnings.append(
            (f"{partner['id']}: {note}", f"add it under `agreements:` in {partner['file']}")
        )
    nouns = offers_nouns(partner)
    who = students_of(partner, settings)
    name = partner["name"]
    if nouns and partner["since"] is not None:
        story = f"Since {partner['since'].year}, {name} has given {who} {nouns}."
    elif nouns:
        story = f"{name} gives {who} {nouns}."
    else:
        story = f"{name} works with {who}."
    return {
        "spotlight": {
            "title": title,
            "where": where,
            **dated(day, today),
            "planned": planned is not None,
            "place": PLACE_PHRASES[where],
        },
        "milestone": None if milestone is None else touch_context(milestone, today, None),
        "story": story,
        "students_this_year": students_this_year(partner, today),
        "media_release": covered,
    }
