"""`pitch ID`: a value-first brief and checklist for a meeting with one partner.

Pure: the settings, every partner and "today" come in; a :class:`Pitch` comes
out. Needs match skills by DESIGN's "Matching text" (core.matching), across
every pathway of the program, not only the partner's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from partnerctl.core.facts import decision_maker, main_contact
from partnerctl.core.matching import SkillMatch, match_needs
from partnerctl.core.peers import (
    DEFAULT_ASK,
    PEER_STAGES,
    Ask,
    Peer,
    find_ask,
    find_peers,
    offer_text,
    pathway_names,
    peers_by_industry,
    stage_ask,
)
from partnerctl.dates import add_days, busy_season_at, season_span, season_spans_between

# Re-exported: the brief's peers and ask are built in core.peers.
__all__ = [
    "DEFAULT_ASK",
    "PEER_STAGES",
    "Ask",
    "CheckItem",
    "NeedMet",
    "Peer",
    "Pitch",
    "Timing",
    "build_pitch",
    "find_ask",
    "find_peers",
    "join_words",
    "offer_text",
    "opening_line",
    "pathway_names",
    "peers_by_industry",
    "stage_ask",
]
from partnerctl.records import ContactRec, PartnerRec, SettingsRec

# A busy season starting within this many days is "soon": meet before it.
BUSY_SOON_DAYS = 30
# How an offer kind reads in the students' benefit line.
OFFER_NOUNS = {
    "tour": "tours",
    "guest-speaker": "guest speakers",
    "job-shadow": "job shadows",
    "mentorship": "mentoring",
    "internship": "internships",
    "apprenticeship": "apprenticeships",
    "mock-interview": "mock interviews",
    "advisory-board": "advisory-board work",
    "project": "real projects",
    "equipment": "donated equipment",
    "sponsorship": "sponsorship",
}


@dataclass(frozen=True)
class CheckItem:
    """One line of the checklist: ✓ with what is known, or ✗ with what to find out.

    A ✗ item carries the command that records what was found (core.suggest).
    """

    item: str
    ok: bool
    detail: str
    command: str | None = None


@dataclass(frozen=True)
class NeedMet:
    """One need of the partner and the pathway skills that meet it: (pathway name, skills)."""

    need: str
    pathways: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Timing:
    """When to reach the partner: a busy season now or soon, its best time and channel."""

    busy_until: date | None  # the last day of the busy season running today
    busy_soon: tuple[date, date] | None  # a busy season starting within BUSY_SOON_DAYS
    busy_why: str | None  # the `why` of the season running now or starting soon
    best_time: str | None
    channel: str | None

    @property
    def meet_from(self) -> date | None:
        """The first day after the busy season running today."""
        return None if self.busy_until is None else add_days(self.busy_until, 1)


@dataclass(frozen=True)
class Pitch:
    """Everything the brief shows; renderers only arrange it."""

    partner: str
    name: str
    program: str
    today: date
    stage: str
    needs: tuple[str, ...]
    opening: str
    checklist: tuple[CheckItem, ...]
    peers: tuple[Peer, ...]
    matches: tuple[SkillMatch, ...]
    benefits: Mapping[str, str]  # students, employer, community
    ask: tuple[Ask, ...]
    # The facts behind the opening and the checklist, for `draft`:
    needs_met: tuple[NeedMet, ...] = ()
    openings: tuple[str, ...] = ()
    decision_maker: ContactRec | None = None
    timing: Timing | None = None
    stage_ask: Ask | None = None  # the ask sized for the partner's stage


def join_words(items: Iterable[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    listed = list(items)
    if len(listed) <= 1:
        return "".join(listed)
    return ", ".join(listed[:-1]) + " and " + listed[-1]


def needs_met(matches: list[SkillMatch]) -> list[NeedMet]:
    """The matches grouped by need, then by pathway, in the order they were found."""
    by_need: dict[str, dict[str, list[str]]] = {}
    for found in matches:
        skills = by_need.setdefault(found.need, {}).setdefault(found.pathway_name, [])
        if found.skill not in skills:
            skills.append(found.skill)
    return [
        NeedMet(need, tuple((name, tuple(skills)) for name, skills in pathways.items()))
        for need, pathways in by_need.items()
    ]


def opening_line(partner: PartnerRec, matches: list[SkillMatch]) -> str:
    """The value-first opening: its needs met by students' skills, its openings as a pipeline."""
    parts = []
    for met in needs_met(matches):
        who = "; ".join(
            f"{name} students learn {join_words(skills)}" for name, skills in met.pathways
        )
        parts.append(f"your {met.need} ({who})")
    openings = partner["openings"]
    sentences = []
    if parts:
        sentences.append(f"We can help with {join_words(parts)}.")
    elif partner["needs"]:
        # No skill matches: the opening asks; the checklist tells the director (0 of N met).
        needs = join_words(partner["needs"])
        sentences.append(f"Ask how our students could help with your {needs}.")
    if openings:
        lead = "Our students are also" if parts else "Our students are"
        sentences.append(f"{lead} a pipeline of trained candidates for {join_words(openings)}.")
    if not sentences:
        return (
            f"Find out {partner['name']}'s needs and openings before the meeting: "
            "a value-first opening starts from them."
        )
    return " ".join(sentences)


def research_items(partner: PartnerRec, matches: list[SkillMatch]) -> list[CheckItem]:
    """business, trends, openings, needs: ✓ with what is known, else ✗ with what to find out."""
    from partnerctl.core import suggest

    pid = partner["id"]
    research = partner["research"]
    industry = partner["industry"] or "its industry"
    items = [
        CheckItem("business", True, research["business"])
        if research["business"]
        else CheckItem(
            "business",
            False,
            "find out what it does, its size and its locations",
            suggest.record(pid, "research", "business"),
        ),
        CheckItem("trends", True, research["trends"])
        if research["trends"]
        else CheckItem(
            "trends",
            False,
            f"find out what is changing in {industry}: demand, shortages, tools",
            suggest.record(pid, "research", "trends"),
        ),
        CheckItem("openings", True, "; ".join(partner["openings"]))
        if partner["openings"]
        else CheckItem(
            "openings",
            False,
            "find out which roles it is hiring for",
            suggest.record(pid, "opening"),
        ),
    ]
    if partner["needs"]:
        met = {found.need for found in matches}
        detail = "; ".join(partner["needs"])
        detail += f" ({len(met)} of {len(partner['needs'])} met by pathway skills)"
        items.append(CheckItem("needs", True, detail))
    else:
        items.append(
            CheckItem(
                "needs",
                False,
                "find out what problems students could solve "
                "(off-hours staffing, social media, seasonal rush)",
                suggest.record(pid, "need"),
            )
        )
    return items


def _named(peers: list[Peer]) -> str:
    """`A`, `A and B`, `A, B, C and 2 more`."""
    names = [peer.name for peer in peers[:3]]
    if len(peers) > 3:
        return ", ".join(names) + f" and {len(peers) - 3} more"
    return join_words(names)


def peers_item(partner: PartnerRec, peers: list[Peer]) -> CheckItem:
    """✓ naming the peers in its industry, else ✗ with what to do (and who shares a pathway)."""
    same = [peer for peer in peers if peer.via == "industry"]
    if same:
        verb = "partners" if len(same) == 1 else "partner"  # "X already partners", "X and Y ..."
        return CheckItem("peers", True, f"{_named(same)} already {verb}")
    shared = [peer for peer in peers if peer.via == "pathway"]
    also = ""
    if shared:
        verb = "shares" if len(shared) == 1 else "share"
        also = f" ({_named(shared)} {verb} its pathways)"
    if not partner["industry"]:
        from partnerctl.core import suggest

        return CheckItem(
            "peers",
            False,
            "set the partner's `industry` to find local peers" + also,
            suggest.record(partner["id"], "set", "industry"),
        )
    return CheckItem(
        "peers",
        False,
        f"no active or committed partner in {partner['industry']} yet: "
        "name a local business that could vouch for the program" + also,
    )


def decision_item(partner: PartnerRec) -> CheckItem:
    """The decision maker named with role and channel, else ✗ with a prompt."""
    found = decision_maker(partner)
    if found is None:
        other = main_contact(partner)
        if other is None:
            prompt = "no contact on file: find who decides (owner, manager, HR)"
        else:
            prompt = f"ask {other['name']} who decides, and invite them to the meeting"
        from partnerctl.core import suggest

        return CheckItem("decision-maker", False, prompt, suggest.decision_maker(partner)[0])
    parts = [found["name"]]
    if found["role"]:
        parts.append(found["role"])
    reach = [
        f"{kind} {value}"
        for kind, value in (("email", found["email"]), ("phone", found["phone"]))
        if value
    ]
    channel = partner["channel"]
    if channel is not None:
        preferred = [r for r in reach if r.startswith(channel + " ")]
        reach = preferred or [f"via {channel}", *reach]
    detail = ", ".join(parts) + (f" ({'; '.join(reach)})" if reach else "")
    return CheckItem("decision-maker", True, detail)


def timing_facts(partner: PartnerRec, today: date) -> Timing:
    """The busy season running on `today` (else one starting soon), best time and channel."""
    now = busy_season_at(partner["busy_seasons"], today)
    if now is not None:
        why = _season_why(partner, today, now)
        return Timing(now[1], None, why, partner["best_time"], partner["channel"])
    soon = _next_season(partner, today)
    if soon is not None:
        first, last, why = soon
        return Timing(None, (first, last), why, partner["best_time"], partner["channel"])
    return Timing(None, None, None, partner["best_time"], partner["channel"])


def timing_item(partner: PartnerRec, today: date) -> CheckItem:
    """Not in a busy season today (✓), with any season soon, the best time and the channel."""
    timing = timing_facts(partner, today)
    tail: list[str] = []
    tail.append(f"best time {timing.best_time}" if timing.best_time else "best time unknown")
    tail.append(f"channel {timing.channel}" if timing.channel else "channel unknown")
    why = f" ({timing.busy_why})" if timing.busy_why else ""
    if timing.busy_until is not None and timing.meet_from is not None:
        head = (
            f"busy season now{why} until {timing.busy_until.isoformat()}: "
            f"meet from {timing.meet_from.isoformat()}"
        )
        return CheckItem("timing", False, "; ".join([head, *tail]))
    if timing.busy_soon is not None:
        first, last = timing.busy_soon
        head = (
            f"busy season{why} from {first.isoformat()} to {last.isoformat()}: "
            f"meet before {first.isoformat()}"
        )
        return CheckItem("timing", True, "; ".join([head, *tail]))
    return CheckItem("timing", True, "; ".join(["no busy season now or soon", *tail]))


def _season_why(partner: PartnerRec, day: date, span: tuple[date, date]) -> str | None:
    """The `why` of the busy season whose occurrence around `day` is `span`."""
    for season in partner["busy_seasons"]:
        if season["why"] and season_span(season, day) == span:
            return season["why"]
    return None


def _next_season(partner: PartnerRec, today: date) -> tuple[date, date, str | None] | None:
    """The first busy season starting within BUSY_SOON_DAYS after today, with its `why`."""
    horizon = add_days(today, BUSY_SOON_DAYS)
    best: tuple[date, date, str | None] | None = None
    for season in partner["busy_seasons"]:
        for first, last in season_spans_between(season, today, horizon):
            if today < first <= horizon and (best is None or first < best[0]):
                best = (first, last, season["why"] or None)
    return best


def benefit_lines(partner: PartnerRec, settings: SettingsRec) -> dict[str, str]:
    """The broader story: students, employer, community, filled with this partner's facts."""
    names = pathway_names(settings)
    paths = join_words(names.get(p, p) for p in partner["pathways"])
    who = f"{paths} students" if paths else "students"
    if partner["offers"]:
        kinds = join_words(dict.fromkeys(OFFER_NOUNS[o["kind"]] for o in partner["offers"]))
        students = f"hands-on learning for {who} through {kinds} at {partner['name']}"
    else:
        students = f"hands-on learning for {who} in a real workplace, {partner['name']}"
    pipeline = join_words(partner["openings"]) if partner["openings"] else "future openings"
    employer = (
        f"leadership growth for the staff who host and mentor students, "
        f"and a pipeline of skilled workers for {pipeline}"
    )
    community = (
        f"loyalty from families and the community, who see {partner['name']} invest in "
        f"local students, and public thanks from {settings['program']}"
    )
    return {"students": students, "employer": employer, "community": community}


def build_pitch(
    partner: PartnerRec,
    partners: Iterable[PartnerRec],
    settings: SettingsRec,
    today: date,
) -> Pitch:
    """The brief and checklist for a meeting with `partner`, judged on `today`."""
    everyone = list(partners)
    matches = match_needs(partner["needs"], settings)
    peers = find_peers(partner, everyone, settings)
    ask = find_ask(partner, everyone)
    checklist = [
        *research_items(partner, matches),
        peers_item(partner, peers),
        decision_item(partner),
        timing_item(partner, today),
    ]
    return Pitch(
        partner=partner["id"],
        name=partner["name"],
        program=settings["program"],
        today=today,
        stage=partner["stage"],
        needs=tuple(partner["needs"]),
        opening=opening_line(partner, matches),
        checklist=tuple(checklist),
        peers=tuple(peers),
        matches=tuple(matches),
        benefits=benefit_lines(partner, settings),
        ask=tuple(ask),
        needs_met=tuple(needs_met(matches)),
        openings=tuple(partner["openings"]),
        decision_maker=decision_maker(partner),
        timing=timing_facts(partner, today),
        stage_ask=stage_ask(partner["stage"], ask),
    )
