"""`draft --kind program`: the case for partnering with the program, for a chamber talk.

Its numbers are the report's (core.report.build_report over this school
year): partners by stage, students served by pathway, spotlights published,
pathway coverage. Peers per industry are pitch's peers (core.peers). Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from partnerctl.core.draft import dated, signature
from partnerctl.core.peers import DEFAULT_ASK, peers_by_industry
from partnerctl.core.pitch import join_words, pathway_names
from partnerctl.core.report import NO_PATHWAY, build_report
from partnerctl.dates import spoken_date
from partnerctl.records import EventRec, PartnerRec, SettingsRec

# A school year starts on July 1 (the district's fiscal year): "this year" counts from there.
SCHOOL_YEAR_START = (7, 1)
# Spotlights the case names, newest first.
SPOTLIGHTS_SHOWN = 3
# The first steps, as a business would read them.
FIRST_STEPS = {"tour": "a tour", "guest-speaker": "a guest speaker", "job-shadow": "a job shadow"}


def school_year_start(today: date) -> date:
    """July 1 of the school year that holds `today`."""
    month, day = SCHOOL_YEAR_START
    start = date(today.year, month, day)
    return start if start <= today else date(today.year - 1, month, day)


def or_words(items: list[str]) -> str:
    """`a`, `a or b`, `a, b or c`."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def partners_text(stages: Mapping[str, int], program: str) -> str:
    """`6 local businesses partner with P today, 3 more have committed, and ...`."""
    active, committed = stages.get("active", 0), stages.get("committed", 0)
    talking = stages.get("meeting", 0) + stages.get("contacted", 0)
    clauses = []
    if active:
        noun = "business partners" if active == 1 else "businesses partner"
        clauses.append(f"{active} local {noun} with {program} today")
    if committed:
        clauses.append(f"{committed} more {'has' if committed == 1 else 'have'} committed to start")
    if talking:
        clauses.append(f"we are in conversation with {talking} others")
    if not clauses:
        return f"{program} is looking for its first business partners."
    return join_words(clauses)[:1].upper() + join_words(clauses)[1:] + "."


def program_context(
    settings: SettingsRec,
    partners: Mapping[str, PartnerRec],
    events: list[EventRec],
    today: date,
    sender_name: str | None,
) -> dict[str, Any]:
    """The variables of the program's case (README: "Drafting messages")."""
    start = school_year_start(today)
    report = build_report(settings, partners, events, today, start, today, with_contacts=False)
    program = settings["program"]
    names = pathway_names(settings)
    coverage = {p.id: p for p in report.pathways}
    students_by_pathway = [
        {"pathway": names.get(c.key, c.key), "students": c.count}
        for c in report.students_by_pathway
        if c.key != NO_PATHWAY
    ]
    students_line = ""
    if report.students:
        by = ", ".join(f"{row['pathway']} {row['students']}" for row in students_by_pathway)
        students_line = (
            f"Since {spoken_date(start, today, with_year=True)}, {report.students} students "
            "have learned on the job with our partners" + (f" ({by})." if by else ".")
        )
    spotlights = sorted(report.spotlights, key=lambda s: (s["date"], s["partner"]), reverse=True)
    return {
        "kind": "program",
        "program": program,
        "today": today.isoformat(),
        "since": {**dated(start, today), "when": spoken_date(start, today, with_year=True)},
        "pathways": [
            {
                "id": p["id"],
                "name": p["name"],
                "skills": list(p["skills"]),
                "partners": coverage[p["id"]].total,
                "active": coverage[p["id"]].active,
            }
            for p in settings["pathways"]
        ],
        "pathway_names": join_words(p["name"] for p in settings["pathways"]),
        "stages": dict(report.stages),
        "partners_line": partners_text(report.stages, program),
        "students": {"total": report.students, "by_pathway": students_by_pathway},
        "students_line": students_line,
        "industries": [
            {"industry": industry, "partners": found}
            for industry, found in peers_by_industry(partners.values())
        ],
        "spotlights": [
            {
                "partner": s["name"],
                "title": s["title"],
                "where": s["where"],
                **dated(s["date"], today),
            }
            for s in spotlights[:SPOTLIGHTS_SHOWN]
        ],
        "first_steps": or_words([FIRST_STEPS[kind] for kind in DEFAULT_ASK]),
        "sender": {"name": sender_name},
        "signature": signature(sender_name, program),
    }
