"""Habit 1, "start with the right partners": the fit score behind `prospects` and `plan`.

The fit of a partner is a documented sum of named terms (README, "outreach"),
so a user can see why one partner ranks above another:

- relationship: a pre-existing relationship is written down → +3
- pathway: one of the partner's pathways is a pathway of the program, or its
  industry names a pathway (by id or name) → +2
- distance: under 5 miles → +2, under 15 miles → +1, farther or unknown → 0
- early_adopter: marked `early_adopter: true` → +1.5
- needs: +1 for each need that some pathway's skill meets (every pathway,
  not only the partner's own), at most +3
- busy_season: inside one of its busy seasons today → −1
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from partnerctl.core.facts import miles_away
from partnerctl.core.matching import match_needs, same_industry
from partnerctl.dates import busy_season_at
from partnerctl.records import PartnerRec, SettingsRec

RELATIONSHIP_WEIGHT = 3.0
PATHWAY_WEIGHT = 2.0
NEAR_MILES, NEAR_WEIGHT = 5.0, 2.0
LOCAL_MILES, LOCAL_WEIGHT = 15.0, 1.0
EARLY_ADOPTER_WEIGHT = 1.5
NEED_WEIGHT, NEEDS_CAP = 1.0, 3.0
BUSY_SEASON_WEIGHT = -1.0

TERM_NAMES = ("relationship", "pathway", "distance", "early_adopter", "needs", "busy_season")
DEFAULT_STAGES = ("prospect", "lapsed")


@dataclass(frozen=True)
class Fit:
    """One partner's fit: the score, its terms by name, and a reason per non-zero term."""

    partner: str
    name: str
    stage: str
    score: float
    terms: dict[str, float]
    why: tuple[tuple[str, float, str], ...]  # (term, value, reason) for each non-zero term

    @property
    def reasons(self) -> tuple[str, ...]:
        """One sentence per non-zero term, in term order."""
        return tuple(reason for _, _, reason in self.why)

    def as_json(self) -> dict[str, Any]:
        """The JSON item: partner, score, terms, reasons."""
        return {
            "partner": self.partner,
            "score": self.score,
            "terms": dict(self.terms),
            "reasons": list(self.reasons),
        }


def _pathway_term(partner: PartnerRec, settings: SettingsRec) -> tuple[float, str | None]:
    names = {pathway["id"]: pathway["name"] for pathway in settings["pathways"]}
    own = [names[pid] for pid in partner["pathways"] if pid in names]
    if own:
        return PATHWAY_WEIGHT, "pathway match: " + ", ".join(own)
    for pathway in settings["pathways"]:
        if same_industry(partner["industry"], pathway["id"]) or same_industry(
            partner["industry"], pathway["name"]
        ):
            industry = partner["industry"]
            return PATHWAY_WEIGHT, f"industry {industry} matches pathway {pathway['name']}"
    return 0.0, None


def _distance_term(miles: float | None) -> tuple[float, str | None]:
    if miles is None:
        return 0.0, None
    away = miles_away(miles)
    if miles < NEAR_MILES:
        return NEAR_WEIGHT, f"{away} (under {NEAR_MILES:g})"
    if miles < LOCAL_MILES:
        return LOCAL_WEIGHT, f"{away} (under {LOCAL_MILES:g})"
    return 0.0, None


def _needs_term(partner: PartnerRec, settings: SettingsRec) -> tuple[float, str | None]:
    met: dict[str, str] = {}  # need → the first skill (and pathway) that meets it
    for found in match_needs(partner["needs"], settings):
        met.setdefault(found.need, f"{found.need} ~ {found.skill} ({found.pathway_name})")
    if not met:
        return 0.0, None
    value = min(NEED_WEIGHT * len(met), NEEDS_CAP)
    return value, "needs students can meet: " + "; ".join(met.values())


def partner_fit(partner: PartnerRec, settings: SettingsRec, today: date) -> Fit:
    """The fit score of one partner on `today`, with its terms and reasons."""
    terms: dict[str, float] = dict.fromkeys(TERM_NAMES, 0.0)
    why: list[tuple[str, float, str]] = []

    def add(name: str, value: float, reason: str | None) -> None:
        if value and reason:
            terms[name] = value
            why.append((name, value, reason))

    relationship = (partner["relationship"] or "").strip()
    add(
        "relationship",
        RELATIONSHIP_WEIGHT,
        "relationship: " + relationship if relationship else None,
    )
    add("pathway", *_pathway_term(partner, settings))
    add("distance", *_distance_term(partner["distance_miles"]))
    add(
        "early_adopter", EARLY_ADOPTER_WEIGHT, "early adopter" if partner["early_adopter"] else None
    )
    add("needs", *_needs_term(partner, settings))
    span = busy_season_at(partner["busy_seasons"], today)
    if span is not None:
        add("busy_season", BUSY_SEASON_WEIGHT, f"in its busy season until {span[1].isoformat()}")
    score = round(sum(terms.values()), 2)
    return Fit(partner["id"], partner["name"], partner["stage"], score, terms, tuple(why))


def fit_order(fit: Fit) -> tuple[float, str, str]:
    """Best first; ties by name (case-insensitive), then id, so output is stable."""
    return (-fit.score, fit.name.casefold(), fit.partner)


def rank_prospects(
    settings: SettingsRec,
    partners: Iterable[PartnerRec],
    today: date,
    *,
    stages: Collection[str] | None = DEFAULT_STAGES,
) -> list[Fit]:
    """The partners at `stages` ranked by fit, best first.

    ``stages=None`` means every partner except declined ones.
    """
    chosen = [
        partner
        for partner in partners
        if (partner["stage"] != "declined" if stages is None else partner["stage"] in stages)
    ]
    return sorted((partner_fit(p, settings, today) for p in chosen), key=fit_order)
