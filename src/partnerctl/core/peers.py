"""Peers and the ask: local partners that already give students something, and what to ask for.

A peer is an `active` or `committed` partner in the same industry (DESIGN's
"Matching text": case-insensitive), else one sharing a pathway. What peers
give and this partner does not yet is the ask; `stage_ask` sizes it for the
partner's stage. Used by `pitch` (core.pitch) and, through its result, `draft`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from partnerctl.core.matching import same_industry
from partnerctl.records import OFFER_KINDS, OfferRec, PartnerRec, SettingsRec

# Partners whose example counts: they already give students something.
PEER_STAGES = ("active", "committed")
# The ask when no peer shows the way: the easy first steps.
DEFAULT_ASK = ("tour", "guest-speaker", "job-shadow")
# Asks small enough for a business that does not partner yet: a first step costs
# it an hour or a day, not a term of mentoring or a paid seat.
FIRST_STEP_ASKS = ("tour", "guest-speaker", "job-shadow", "mock-interview")
# Stages at which the ask is a first step; at the others it is what peers give.
FIRST_STEP_STAGES = frozenset({"prospect", "contacted", "paused", "declined", "lapsed"})


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


def offer_text(offer: OfferRec) -> str:
    """`job-shadow (automotive, 4 seats)`."""
    extra = [part for part in (offer["pathway"],) if part]
    if offer["seats"] is not None:
        extra.append(f"{offer['seats']} seat" + ("" if offer["seats"] == 1 else "s"))
    return offer["kind"] + (f" ({', '.join(extra)})" if extra else "")


def pathway_names(settings: SettingsRec) -> dict[str, str]:
    """Pathway id → its name."""
    return {pathway["id"]: pathway["name"] for pathway in settings["pathways"]}


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


def stage_ask(stage: str, ask: Iterable[Ask]) -> Ask | None:
    """The ask sized for the stage: a first step before a partner is won, else the top ask.

    Before a partner has met with the program (and after it lapsed or paused)
    the ask is the first of `ask` that is a first step (FIRST_STEP_ASKS);
    from `meeting` on, the first of `ask`, which peers give most.
    """
    ranked = list(ask)
    if stage in FIRST_STEP_STAGES:
        small = [found for found in ranked if found.kind in FIRST_STEP_ASKS]
        return small[0] if small else None
    return ranked[0] if ranked else None


def peers_by_industry(partners: Iterable[PartnerRec]) -> list[tuple[str, list[str]]]:
    """(industry, partner names) of the active and committed partners: who can vouch, by field.

    Industries group as `same_industry` matches them (case and surrounding space
    ignored) and show as first written; the largest group first, then by name.
    """
    groups: dict[str, tuple[str, list[str]]] = {}
    for partner in partners:
        industry = (partner["industry"] or "").strip()
        if partner["stage"] not in PEER_STAGES or not industry:
            continue
        names = groups.setdefault(industry.casefold(), (industry, []))[1]
        names.append(partner["name"])
    ordered = sorted(groups.values(), key=lambda pair: (-len(pair[1]), pair[0].casefold()))
    return [(industry, sorted(names, key=str.casefold)) for industry, names in ordered]
