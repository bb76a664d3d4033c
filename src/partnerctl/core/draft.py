"""`draft`: the facts of a message to one partner, as the variables of its template.

Pure: the settings, every partner, the events, today and the command line's
choices come in; a :class:`Draft` comes out: the template's variables (plain
dicts, lists and text, so a sandboxed template can read them and nothing
else), who the message is to, and warnings. Every fact about the partner
comes from the result `pitch` builds (:func:`core.pitch.build_pitch`): its
needs met by pathway skills, openings, peers, decision maker, timing and the
ask sized for its stage; this module only words them for a message. The
facts of each kind (the last touch, a milestone, an agreement, an event, a
spotlight) are in :mod:`core.draftkinds`; the program's case is
:mod:`core.programcase`.

A refusal (a thank-you with nothing to thank for, a renewal with no
agreement, ...) is a UsageError with the reason and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from partnerctl.core.facts import main_contact
from partnerctl.core.pitch import NeedMet, Pitch, build_pitch, join_words, pathway_names
from partnerctl.dates import spoken_date
from partnerctl.records import ContactRec, EventRec, PartnerRec, SettingsRec

# Every kind, in the order `--help` and the README list them.
KINDS = (
    "intro",
    "follow-up",
    "meeting-ask",
    "thank-you",
    "renewal",
    "invite",
    "spotlight",
    "program",
)
# Kinds that are an email to the partner (a spotlight is a post; the program's case a page).
EMAIL_KINDS = ("intro", "follow-up", "meeting-ask", "thank-you", "renewal", "invite")
# Kinds whose message opens with the value for the business.
VALUE_KINDS = ("intro", "meeting-ask")

# How the ask reads in a sentence; {who} is "our Welding & Manufacturing students".
ASK_TEXT = {
    "tour": "a tour of {name} for {who}",
    "guest-speaker": "a visit from one of your staff as a guest speaker for {who}",
    "job-shadow": "a few job-shadow days at {name} for {who}",
    "mentorship": "a mentor or two from your staff for {who}",
    "internship": "an internship at {name} for one of {who}",
    "apprenticeship": "an apprenticeship at {name} for one of {who}",
    "mock-interview": "mock interviews with {who}",
    "advisory-board": "a seat on our advisory board, to tell us what {who} should learn",
    "project": "a real project from {name} for {who}",
    "equipment": "equipment that {who} could learn on",
    "sponsorship": "a sponsorship that helps {who}",
}
# Titles that are not a first name ("Dr. Alan Cho" is Alan).
TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "rev"})


@dataclass(frozen=True)
class DraftRequest:
    """What the command line asks for: the kind, and the choices that narrow it."""

    kind: str
    partner: str | None = None  # None only for the program's case
    to: ContactRec | None = None  # --to: a contact found by name
    event: str | None = None  # --event ID for an invite
    agreement: str | None = None  # --agreement KIND for a renewal
    sender_name: str | None = None  # the From's name, for the signature


@dataclass(frozen=True)
class Draft:
    """A message's variables for its template, its recipient and what to warn about."""

    kind: str
    partner: str | None
    recipient: ContactRec | None
    context: dict[str, Any]
    warnings: tuple[tuple[str, str | None], ...] = field(default=())  # (message, hint)


def build_draft(
    request: DraftRequest,
    settings: SettingsRec,
    partners: Mapping[str, PartnerRec],
    events: Iterable[EventRec],
    today: date,
) -> Draft:
    """The variables of a `request.kind` message (to `request.partner`), judged on `today`."""
    if request.kind == "program":
        from partnerctl.core.programcase import program_context

        context = program_context(settings, partners, list(events), today, request.sender_name)
        return Draft("program", None, None, context)
    assert request.partner is not None
    from partnerctl.core import draftkinds

    partner = partners[request.partner]
    pitch = build_pitch(partner, partners.values(), settings, today)
    warnings: list[tuple[str, str | None]] = []
    # A spotlight is a post, not a message: it names no recipient and warns of none.
    recipient = choose_recipient(
        partner, pitch, request, warnings if request.kind != "spotlight" else []
    )
    context = partner_context(partner, pitch, settings, today, recipient, request.sender_name)
    if request.kind in VALUE_KINDS and not context["value_from_needs"]:
        warnings.append(no_value_warning(partner))
    context["kind"] = request.kind
    context.update(
        draftkinds.kind_context(
            request, partner, settings, list(events), today, recipient, warnings
        )
    )
    if request.kind == "spotlight":
        recipient = None
    return Draft(request.kind, partner["id"], recipient, context, tuple(warnings))


def choose_recipient(
    partner: PartnerRec,
    pitch: Pitch,
    request: DraftRequest,
    warnings: list[tuple[str, str | None]],
) -> ContactRec | None:
    """--to, else the decision maker, else the first contact (with a warning), else no one."""
    if request.to is not None:
        return request.to
    if pitch.decision_maker is not None:
        return pitch.decision_maker
    found = main_contact(partner)
    pid = partner["id"]
    if found is None:
        warnings.append(
            (
                f"{pid} has no contact on file: the draft is addressed to the "
                f"{partner['name']} team",
                f'add one: partnerctl contact {pid} --name "…" --email "…" --decision-maker',
            )
        )
    else:
        warnings.append(
            (
                f"{pid} has no decision maker marked: the draft is addressed to {found['name']}",
                f'mark one: partnerctl contact {pid} --name "…" --decision-maker',
            )
        )
    return found


def no_value_warning(partner: PartnerRec) -> tuple[str, str | None]:
    """Why the opening is not a need met by a skill, and how to make it one."""
    pid = partner["id"]
    if partner["needs"]:
        why = f"no need of {pid} shares a word with a pathway skill"
    else:
        why = f"{pid} has no needs on file"
    return (
        f"{why}: the message opens with what students learn instead",
        f"add what the business needs under `needs:` in {partner['file']}; "
        f"`partnerctl pitch {pid}` shows which meet a skill",
    )


def first_name(full: str) -> str:
    """The first name of `Dr. Alan Cho` (Alan), else the first word."""
    words = full.split()
    for word in words:
        if word.rstrip(".").casefold() not in TITLES:
            return word
    return words[0] if words else full


def as_you(text: str, person: ContactRec | None) -> str:
    """A note about the recipient, reworded to them: `Greg hired` → `you hired`.

    The recipient's full name, then their first name, becomes "you" (and
    "Greg's" becomes "your"); other text is left as written.
    """
    if person is None:
        return text
    for name in dict.fromkeys((person["name"].strip(), first_name(person["name"]))):
        if not name:
            continue
        pattern = re.escape(name)
        text = re.sub(rf"(?<!\w){pattern}['’]s(?!\w)", "your", text)
        text = re.sub(rf"(?<!\w){pattern}(?!\w)", "you", text)
    return text


def lower_first(text: str) -> str:
    """`Call you about` → `call you about` (for the middle of a sentence)."""
    return text[:1].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


def need_text(need: str) -> str:
    """A need after "help with your": `podcast production help` → `podcast production`."""
    shorter = " ".join(word for word in need.split() if word.casefold() != "help")
    return shorter or need


def students_learn(met: NeedMet) -> str:
    """`our Digital Media students learn social media marketing` (one clause per pathway)."""
    return "; ".join(
        f"our {name} students learn {join_words(skills)}" for name, skills in met.pathways
    )


def value_text(partner: PartnerRec, pitch: Pitch, settings: SettingsRec) -> tuple[str, bool]:
    """The value-first paragraph, and whether it is made of the partner's needs met by skills.

    Each need met opens with the need and names the pathway skill; with none
    met, what students learn in the partner's pathways (else the program's).
    """
    met = pitch.needs_met
    if met:
        text = f"We could help with your {need_text(met[0].need)}: {students_learn(met[0])}."
        rest = [f"your {need_text(m.need)} ({students_learn(m)})" for m in met[1:]]
        if rest:
            text += f" We could also help with {join_words(rest)}."
        return text, True
    names = pathway_names(settings)
    own = [p for p in settings["pathways"] if p["id"] in partner["pathways"]]
    chosen = own or settings["pathways"]
    skills = [skill for p in chosen for skill in p["skills"][: 3 if own else 1]]
    who = join_words(names[p["id"]] for p in own) + " students" if own else "students"
    if skills:
        text = (
            f"Our {who} learn {join_words(skills)}, and could put those skills to work "
            f"at {partner['name']}."
        )
    else:
        text = f"Our {who} are ready to learn on the job at {partner['name']}, and to help."
    return text, False


def peers_text(pitch: Pitch, program: str) -> str:
    """`Mike's Garage & Tire already partners with PROGRAM.` (industry first, else pathway)."""
    same = [peer.name for peer in pitch.peers if peer.via == "industry"]
    if same:
        if len(same) > 2:
            others = f"{len(same) - 2} other local businesses"
            return f"{same[0]}, {same[1]} and {others} already partner with {program}."
        verb = "partners" if len(same) == 1 else "partner"
        return f"{join_words(same)} already {verb} with {program}."
    shared = [peer for peer in pitch.peers if peer.via == "pathway"][:2]
    if not shared:
        return ""
    paths = join_words(dict.fromkeys(n for peer in shared for n in peer.pathway_names))
    verb = "works" if len(shared) == 1 else "work"
    return f"{join_words(p.name for p in shared)} already {verb} with our {paths} students."


def students_of(partner: PartnerRec, settings: SettingsRec) -> str:
    """`our Welding & Manufacturing students`, or `our students` for a partner of no pathway."""
    names = pathway_names(settings)
    paths = join_words(names.get(p, p) for p in partner["pathways"])
    return f"our {paths} students" if paths else "our students"


def ask_text(kind: str, partner: PartnerRec, settings: SettingsRec) -> str:
    """How the ask of `kind` reads: `a tour of Riverside Auto Group for our ... students`."""
    return ASK_TEXT[kind].format(name=partner["name"], who=students_of(partner, settings))


def timing_text(pitch: Pitch, today: date) -> str:
    """When to meet, in the partner's terms: its busy season and its best time."""
    timing = pitch.timing
    if timing is None:
        return ""
    sentences = []
    with_why = f" with your {timing.busy_why}" if timing.busy_why else ""
    if timing.busy_until is not None and timing.meet_from is not None:
        until = spoken_date(timing.busy_until, today)
        after = spoken_date(timing.meet_from, today)
        sentences.append(
            f"I know you are busy{with_why} until {until}, so any day from {after} would suit us."
        )
    elif timing.busy_soon is not None:
        first = spoken_date(timing.busy_soon[0], today)
        ahead = f", ahead of your {timing.busy_why}" if timing.busy_why else ""
        sentences.append(f"We could meet before {first}{ahead}.")
    if timing.best_time:
        sentences.append(f"I understand the best time to reach you is {timing.best_time}.")
    return " ".join(sentences)


def signature(sender_name: str | None, program: str) -> str:
    """The lines under "Best regards,": the sender's name (when known) and the program."""
    return f"{sender_name}\n{program}" if sender_name else program


def dated(day: date, today: date, *, weekday: bool = False) -> dict[str, str]:
    """A date for templates: `date` (YYYY-MM-DD) and `when` (`December 10`, or with `weekday`
    `Thursday, December 10`)."""
    return {"date": day.isoformat(), "when": spoken_date(day, today, weekday=weekday)}


def partner_context(
    partner: PartnerRec,
    pitch: Pitch,
    settings: SettingsRec,
    today: date,
    recipient: ContactRec | None,
    sender_name: str | None,
) -> dict[str, Any]:
    """The variables every partner kind has (README: "Drafting messages")."""
    program = settings["program"]
    names = pathway_names(settings)
    value, from_needs = value_text(partner, pitch, settings)
    ask = pitch.stage_ask or (pitch.ask[0] if pitch.ask else None)
    greeting = (
        f"Dear {recipient['name']}," if recipient is not None else f"Dear {partner['name']} team,"
    )
    pipeline = ""
    if pitch.openings:
        pipeline = (
            "Our students are also a pipeline of trained candidates for your openings: "
            f"{join_words(pitch.openings)}."
        )
    first = pitch.needs_met[0] if pitch.needs_met else None
    return {
        "kind": None,  # the request's, set by build_draft
        "program": program,
        "today": today.isoformat(),
        "partner": {
            "id": partner["id"],
            "name": partner["name"],
            "industry": partner["industry"],
            "stage": partner["stage"],
            "pathways": [names.get(p, p) for p in partner["pathways"]],
            "best_time": partner["best_time"],
            "channel": partner["channel"],
            "needs": list(partner["needs"]),
            "openings": list(partner["openings"]),
        },
        "recipient": None
        if recipient is None
        else {
            "name": recipient["name"],
            "first_name": first_name(recipient["name"]),
            "role": recipient["role"],
            "email": recipient["email"],
            "decision_maker": recipient["decision_maker"],
        },
        "greeting": greeting,
        "value": value,
        "value_from_needs": from_needs,
        "value_short": (
            f"As a reminder, {students_learn(first)}, and could help with your "
            f"{need_text(first.need)}."
            if first is not None
            else pipeline
        ),
        "needs_met": [
            {
                "need": need_text(met.need),
                "pathways": [name for name, _skills in met.pathways],
                "skills": [skill for _name, skills in met.pathways for skill in skills],
            }
            for met in pitch.needs_met
        ],
        "pipeline": pipeline,
        "peers": [
            {"name": peer.name, "stage": peer.stage, "via": peer.via} for peer in pitch.peers
        ],
        "peers_line": peers_text(pitch, program),
        "ask": None
        if ask is None
        else {"kind": ask.kind, "text": ask_text(ask.kind, partner, settings), "why": ask.reason},
        "ask_text": ask_text(ask.kind, partner, settings)
        if ask is not None
        else f"how our students could work with {partner['name']}",
        "timing": timing_text(pitch, today),
        "benefits": dict(pitch.benefits),
        "students_of": students_of(partner, settings),
        "sender": {"name": sender_name},
        "signature": signature(sender_name, program),
    }
