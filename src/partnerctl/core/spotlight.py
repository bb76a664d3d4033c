"""`spotlight`: who to recognize in public now, where, under what title; and the history.

Who is due comes from the recognition rule of `due` (core.facts.recognition),
so the two commands always agree. Pure: no clock, no files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from partnerctl.core.facts import Recognition, recognition
from partnerctl.dates import add_days
from partnerctl.records import SPOTLIGHT_PLACES, PartnerRec, SettingsRec, SpotlightRec

# How an offer kind reads in a thank-you title.
OFFER_PHRASES = {
    "tour": "hosting tours",
    "guest-speaker": "guest speaking",
    "job-shadow": "hosting job shadows",
    "mentorship": "mentoring students",
    "internship": "offering internships",
    "apprenticeship": "offering apprenticeships",
    "mock-interview": "mock interviews",
    "advisory-board": "serving on our advisory board",
    "project": "a student project",
    "equipment": "donating equipment",
    "sponsorship": "sponsoring students",
}


@dataclass(frozen=True)
class SpotlightItem:
    """One partner to recognize: why, since when, and a suggestion."""

    partner: str
    name: str
    status: str  # "due" (date ≤ today) or "upcoming"
    reason: str
    date: date
    suggested_where: str
    suggested_title: str
    media_release: bool  # a media-release agreement on file, unexpired that day
    media_note: str | None  # the reminder when there is none
    planned: SpotlightRec | None  # a spotlight already planned since the last one
    commands: tuple[str, ...] = ()  # what to run: publish the plan, or record the suggestion

    def as_json(self) -> dict[str, object]:
        """The item as in `spotlight --format json` (`planned` only when set)."""
        data: dict[str, object] = {
            "partner": self.partner,
            "status": self.status,
            "reason": self.reason,
            "date": self.date,
            "suggested_where": self.suggested_where,
            "suggested_title": self.suggested_title,
            "media_release": self.media_release,
        }
        if self.planned is not None:
            data["planned"] = {
                "date": self.planned["date"],
                "where": self.planned["where"],
                "title": self.planned["title"],
            }
        if self.commands:
            data["commands"] = list(self.commands)
        return data


@dataclass(frozen=True)
class HistoryRow:
    """One published spotlight."""

    partner: str
    name: str
    date: date
    where: str
    title: str | None


def suggested_place(partner: PartnerRec) -> str:
    """The place used least recently for this partner (never used first, in DESIGN's order).

    Planned spotlights count as used: the place is taken already.
    """
    last: dict[str, date] = {}
    for spot in partner["spotlights"]:
        if spot["where"] not in last or spot["date"] > last[spot["where"]]:
            last[spot["where"]] = spot["date"]
    return min(
        SPOTLIGHT_PLACES,
        key=lambda place: (last.get(place, date.min), SPOTLIGHT_PLACES.index(place)),
    )


def suggested_title(partner: PartnerRec, milestone_summary: str | None, program: str) -> str:
    """The milestone's summary when there is one, else a thank-you for what it offers."""
    if milestone_summary and milestone_summary.strip():
        return f"{partner['name']}: {milestone_summary.strip()}"
    kinds = list(dict.fromkeys(offer["kind"] for offer in partner["offers"]))
    if kinds:
        what = " and ".join(OFFER_PHRASES[kind] for kind in kinds[:2])
        return f"Thank you, {partner['name']}, for {what}"
    return f"Thank you, {partner['name']}, for partnering with {program}"


def suggestion(partner: PartnerRec, settings: SettingsRec, today: date) -> tuple[str, str]:
    """(where, title) to recognize `partner` on `today`: what `spotlight` suggests, and `due`.

    The title names the milestone that made the partner due, when one did.
    """
    return suggestion_for(partner, recognition(partner, settings, today), settings["program"])


def suggestion_for(partner: PartnerRec, found: Recognition | None, program: str) -> tuple[str, str]:
    """(where, title) for a recognition already worked out."""
    milestone = found.milestone if found is not None else None
    summary = milestone["summary"] if milestone is not None else None
    return suggested_place(partner), suggested_title(partner, summary, program)


def planned_note(partner: PartnerRec) -> str | None:
    """`spotlight planned for 2026-12-10 (social)` for the newest plan since the last spotlight."""
    spot = planned_since_last(partner)
    if spot is None:
        return None
    return f"spotlight planned for {spot['date'].isoformat()} ({spot['where']})"


def media_release(partner: PartnerRec, day: date) -> tuple[bool, str | None]:
    """Whether a media-release agreement covers `day`, and the reminder when none does."""
    releases = [a for a in partner["agreements"] if a["kind"] == "media-release"]
    if any(a["expires"] >= day for a in releases):
        return True, None
    if releases:
        newest = max(a["expires"] for a in releases)
        return False, (
            f"media release expired {newest.isoformat()}: "
            "renew it before showing photos of students"
        )
    return False, "no media-release agreement on file: get one before showing photos of students"


def planned_since_last(partner: PartnerRec) -> SpotlightRec | None:
    """The newest planned spotlight dated after the newest published one."""
    published = [s["date"] for s in partner["spotlights"] if s["status"] == "published"]
    after = max(published) if published else date.min
    planned = [s for s in partner["spotlights"] if s["status"] == "planned" and s["date"] > after]
    return max(planned, key=lambda s: s["date"]) if planned else None


def spotlight_items(
    settings: SettingsRec,
    partners: Iterable[PartnerRec],
    today: date,
    *,
    within: int = 0,
) -> list[SpotlightItem]:
    """Partners due for recognition on `today` (and within `within` days), oldest first."""
    from partnerctl.core import suggest

    horizon = add_days(today, within)
    items: list[SpotlightItem] = []
    for partner in partners:
        found = recognition(partner, settings, today)
        if found is None or found.date > horizon:
            continue
        where, title = suggestion_for(partner, found, settings["program"])
        has_release, note = media_release(partner, max(today, found.date))
        items.append(
            SpotlightItem(
                partner=partner["id"],
                name=partner["name"],
                status="due" if found.date <= today else "upcoming",
                reason=found.reason,
                date=found.date,
                suggested_where=where,
                suggested_title=title,
                media_release=has_release,
                media_note=note,
                planned=planned_since_last(partner),
                commands=suggest.recognize(partner, max(today, found.date), where, title),
            )
        )
    items.sort(key=lambda item: (item.status != "due", item.date, item.partner))
    return items


def spotlight_history(partners: Iterable[PartnerRec]) -> list[HistoryRow]:
    """Every published spotlight, by partner (id), newest first within a partner."""
    rows = [
        HistoryRow(p["id"], p["name"], s["date"], s["where"], s["title"])
        for p in partners
        for s in p["spotlights"]
        if s["status"] == "published"
    ]
    rows.sort(key=lambda row: (row.partner, -row.date.toordinal(), row.where))
    return rows


def count_by_place(rows: Iterable[HistoryRow]) -> dict[str, int]:
    """How many published spotlights went to each place (DESIGN's order, used places only)."""
    counts = Counter(row.where for row in rows)
    return {place: counts[place] for place in SPOTLIGHT_PLACES if counts[place]}
