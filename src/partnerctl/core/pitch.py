"""`pitch ID`: a value-first brief and checklist for a meeting with one partner.

Pure: the settings, every partner and "today" come in; a :class:`Pitch` comes
out. Needs match skills by DESIGN's "Matching text" (core.matching), across
every pathway of the program, not only the partner's own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from partnerctl.core.facts import decision_maker, main_contact
from partnerctl.core.matching import SkillMatch, match_needs, same_industry
from partnerctl.dates import add_days, busy_season_at, season_span, season_spans_between
from partnerctl.records import OFFER_KINDS, OfferRec, PartnerRec, SettingsRec

# Partners whose example counts: they already give students something.
PEER_STAGES = ("active", "committed")
# A busy season starting within this many days is "soon": meet before it.
BUSY_SOON_DAYS = 30
# The ask when no peer shows the way: the easy first steps.
DEFAULT_ASK = ("tour", "guest-speaker", "job-shadow")
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
    """One line of the checklist: ✓ with what is known, or ✗ with what to find out."""

    item: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class Peer:
    """A local partner that already gives students something: same industry, or a pathway."""

    id: str
    name: str
    stage: str
    offers: tuple[str, ...]  # "job-shadow (automotive, 4 seats)"
    via: str = "industry"  # "industry", or "pathway": it shares a pathway, not the industry
    pathways: tuple[str, ...] = ()  # the shared pathways' ids, when `via` is "pathway"
    pathway_names: tuple[str, ...] = ()  # and their names


@dataclass(frozen=True)
class Ask:
    """An offer kind to ask for, and why."""

    kind: str
    reason: str


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


def join_words(items: Iterable[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    listed = list(items)
    if len(listed) <= 1:
        return "".join(listed)
    return ", ".join(listed[:-1]) + " and " + listed[-1]


def offer_text(offer: OfferRec) -> str:
    """`job-shadow (automotive, 4 seats)`."""
    extra = [part for part in (offer["pathway"],) if part]
    if offer["seats"] is not None:
        extra.append(f"{offer['seats']} seat" + ("" if offer["seats"] == 1 else "s"))
    return offer["kind"] + (f" ({', '.join(extra)})" if extra else "")


def pathway_names(settings: SettingsRec) -> dict[str, str]:
    """Pathway id → its name."""
    return {pathway["id"]: pathway["name"] for pathway in settings["pathways"]}


def opening_line(partner: PartnerRec, matches: list[SkillMatch]) -> str:
    """The value-first opening: its needs met by students' skills, its openings as a pipeline."""
    by_need: dict[str, dict[str, list[str]]] = {}
    for found in matches:
        skills = by_need.setdefault(found.need, {}).setdefault(found.pathway_name, [])
        if found.skill not in skills:
            skills.append(found.skill)
    parts = []
    for need, pathways in by_need.items():
        who = "; ".join(
            f"{name} students learn {join_words(skills)}" for name, skills in pathways.items()
        )
        parts.append(f"your {need} ({who})")
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


def _peer_via(partner: PartnerRec, other: PartnerRec) -> str | None:
    """`industry` or `pathway` when `other` is a peer of `partner`, else None."""
    if other["id"] == partner["id"] or other["stage"] not in PEER_STAGES:
        return None
    if same_industry(other["industry"], partner["industry"]):
        return "industry"
    if set(partner["pathways"]) & set(other["pathways"]):
        return "pathway"
    return None


def find_peers(
    partner: PartnerRec, partners: Iterable[PartnerRec], settings: SettingsRec | None = None
) -> list[Peer]:
    """Active or committed partners in the same industry, then those sharing a pathway.

    Each group active first, then by name. These are the peers whose offers
    make the ask, so the brief lists every peer that it counts.
    """
    names = pathway_names(settings) if settings is not None else {}
    found = [(via, other) for other in partners if (via := _peer_via(partner, other))]
    found.sort(
        key=lambda pair: (
            pair[0] != "industry",
            PEER_STAGES.index(pair[1]["stage"]),
            pair[1]["name"].casefold(),
            pair[1]["id"],
        )
    )
    peers = []
    for via, p in found:
        shared = (
            ()
            if via == "industry"
            else tuple(pid for pid in partner["pathways"] if pid in p["pathways"])
        )
        offers = tuple(offer_text(o) for o in p["offers"])
        named = tuple(names.get(pid, pid) for pid in shared)
        peers.append(Peer(p["id"], p["name"], p["stage"], offers, via, shared, named))
    return peers


def find_ask(partner: PartnerRec, partners: Iterable[PartnerRec]) -> list[Ask]:
    """Offer kinds that peers (same industry or a shared pathway) give and it does not yet."""
    own = {offer["kind"] for offer in partner["offers"]}
    givers: Counter[str] = Counter()
    for other in partners:
        if _peer_via(partner, other) is None:
            continue
        for kind in {offer["kind"] for offer in other["offers"]} - own:
            givers[kind] += 1
    if givers:
        ranked = sorted(givers, key=lambda kind: (-givers[kind], OFFER_KINDS.index(kind)))
        return [
            Ask(
                kind, f"{givers[kind]} peer" + (" gives" if givers[kind] == 1 else "s give") + " it"
            )
            for kind in ranked
        ]
    return [Ask(kind, "an easy first step") for kind in DEFAULT_ASK if kind not in own]


def research_items(partner: PartnerRec, matches: list[SkillMatch]) -> list[CheckItem]:
    """business, trends, openings, needs: ✓ with what is known, else ✗ with what to find out."""
    research = partner["research"]
    industry = partner["industry"] or "its industry"
    items = [
        CheckItem("business", True, research["business"])
        if research["business"]
        else CheckItem("business", False, "find out what it does, its size and its locations"),
        CheckItem("trends", True, research["trends"])
        if research["trends"]
        else CheckItem(
            "trends", False, f"find out what is changing in {industry}: demand, shortages, tools"
        ),
        CheckItem("openings", True, "; ".join(partner["openings"]))
        if partner["openings"]
        else CheckItem("openings", False, "find out which roles it is hiring for"),
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
        return CheckItem("peers", False, "set the partner's `industry` to find local peers" + also)
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
        return CheckItem("decision-maker", False, prompt)
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


def timing_item(partner: PartnerRec, today: date) -> CheckItem:
    """Not in a busy season today (✓), with any season soon, the best time and the channel."""
    seasons = partner["busy_seasons"]
    tail: list[str] = []
    tail.append(
        f"best time {partner['best_time']}" if partner["best_time"] else "best time unknown"
    )
    tail.append(f"channel {partner['channel']}" if partner["channel"] else "channel unknown")
    now = busy_season_at(seasons, today)
    if now is not None:
        why = _season_why(partner, today, now)
        after = add_days(now[1], 1).isoformat()
        head = f"busy season now{why} until {now[1].isoformat()}: meet from {after}"
        return CheckItem("timing", False, "; ".join([head, *tail]))
    soon = _next_season(partner, today)
    if soon is not None:
        first, last, why = soon
        head = (
            f"busy season{why} from {first.isoformat()} to {last.isoformat()}: "
            f"meet before {first.isoformat()}"
        )
        return CheckItem("timing", True, "; ".join([head, *tail]))
    return CheckItem("timing", True, "; ".join(["no busy season now or soon", *tail]))


def _season_why(partner: PartnerRec, day: date, span: tuple[date, date]) -> str:
    """` (why)` of the busy season whose occurrence around `day` is `span`."""
    for season in partner["busy_seasons"]:
        if season["why"] and season_span(season, day) == span:
            return f" ({season['why']})"
    return ""


def _next_season(partner: PartnerRec, today: date) -> tuple[date, date, str] | None:
    """The first busy season starting within BUSY_SOON_DAYS after today."""
    horizon = add_days(today, BUSY_SOON_DAYS)
    best: tuple[date, date, str] | None = None
    for season in partner["busy_seasons"]:
        for first, last in season_spans_between(season, today, horizon):
            if today < first <= horizon and (best is None or first < best[0]):
                best = (first, last, f" ({season['why']})" if season["why"] else "")
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
        ask=tuple(find_ask(partner, everyone)),
    )
