"""Make a realistic partnerctl workspace of N partners, for benchmarks and tests.

    python benchmarks/generate.py N DIR [--seed S]

DIR must be missing or empty. The output depends only on N and the seed (the
same bytes every run: no clock, no set order), and everything is dated around
the fixed day 2026-11-24 (touchpoints over the three years before it; follow-ups,
agreements and events on both sides of it). The files are written as text, the
way a person writes them (comments, flow and block lists, some quoted dates),
without PyYAML, so 10,000 partners take a few seconds. Every stage appears
(when N >= 8) and the workspace validates.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from random import Random

from partnerctl.records import (
    AGREEMENT_KINDS,
    CHANNELS,
    DEFAULT_CADENCE,
    OFFER_KINDS,
    SPOTLIGHT_PLACES,
    STAGES,
)
from partnerctl.workspace.checks import normalized_name

REFERENCE = date(2026, 11, 24)
REF = REFERENCE.toordinal()
HISTORY_DAYS = 3 * 365

STAGE_WEIGHTS = (24, 14, 8, 7, 25, 6, 7, 9)
# The moves a partner made to reach its stage, oldest first.
STAGE_PATHS: dict[str, tuple[str, ...]] = {
    "prospect": (),
    "contacted": ("contacted",),
    "meeting": ("contacted", "meeting"),
    "committed": ("contacted", "meeting", "committed"),
    "active": ("contacted", "meeting", "committed", "active"),
    "paused": ("contacted", "meeting", "committed", "active", "paused"),
    "declined": ("contacted", "declined"),
    "lapsed": ("contacted", "meeting", "committed", "active", "lapsed"),
}
# Touchpoints per stage: (fewest, most).
TOUCH_RANGE: dict[str, tuple[int, int]] = {
    "prospect": (0, 3),
    "contacted": (1, 5),
    "meeting": (2, 8),
    "committed": (3, 12),
    "active": (6, 30),
    "paused": (5, 22),
    "declined": (1, 6),
    "lapsed": (5, 22),
}
# How long a relationship has run, in days before the reference day.
AGE_RANGE: dict[str, tuple[int, int]] = {
    "prospect": (10, 400),
    "contacted": (10, 200),
    "meeting": (20, 300),
    "committed": (60, 500),
    "active": (150, HISTORY_DAYS),
    "paused": (300, HISTORY_DAYS),
    "declined": (20, 700),
    "lapsed": (400, HISTORY_DAYS),
}
CADENCE = {**DEFAULT_CADENCE, "declined": (60, 365)}
MOVE_OUTCOME = {
    "contacted": "replied",
    "meeting": "meeting-set",
    "committed": "committed",
    "active": "milestone",
    "paused": "replied",
    "declined": "declined",
    "lapsed": "no-reply",
}

# fmt: off
# id, name, skills, industry, business nouns, needs, openings, trends, busy seasons
PATHWAYS: list[dict[str, object]] = [
    {
        "id": "automotive",
        "name": "Automotive Technology",
        "skills": ["engine diagnostics", "brake service", "customer service", "detailing"],
        "industry": "automotive",
        "nouns": ["Auto Group", "Auto Repair", "Collision Center", "Tire & Service", "Motors",
                  "Transmission", "Quick Lube", "Auto Body"],
        "needs": ["Saturday shop coverage", "technician pipeline", "detailing help before sales",
                  "social media presence", "customer follow-up calls"],
        "openings": ["Lube technician (part-time)", "Service writer", "Detailer",
                     "Parts runner"],
        "trends": ["EV service demand; technician shortage", "ADAS calibration work growing",
                   "Dealer consolidation in the county"],
        "seasons": [("11-15", "01-10", "year-end sales event"),
                    ("03-01", "04-15", "spring tire changeover"),
                    ("10-15", "11-30", "winter tire rush")],
    },
    {
        "id": "health",
        "name": "Health Science",
        "skills": ["patient care", "medical terminology", "CPR certification", "scheduling"],
        "industry": "healthcare",
        "nouns": ["Family Clinic", "Dental Care", "Physical Therapy", "Pharmacy",
                  "Senior Living", "Urgent Care", "Veterinary Hospital", "Eye Care"],
        "needs": ["front desk scheduling", "bilingual patient greeters", "CNA pipeline",
                  "patient reminder calls", "weekend activity aides"],
        "openings": ["CNA (weekends)", "Pharmacy technician trainee", "Front desk associate",
                     "Dietary aide"],
        "trends": ["Nursing shortage; travel nurse costs", "Telehealth visits up",
                   "New hospital wing opening 2027"],
        "seasons": [("12-01", "02-28", "flu season"), ("01-02", "01-31", "open enrollment"),
                    ("12-15", "02-29", "respiratory season peak")],
    },
    {
        "id": "digital-media",
        "name": "Digital Media",
        "skills": ["social media marketing", "photography", "video editing", "graphic design"],
        "industry": "media",
        "nouns": ["Creative Studio", "Print Shop", "Media", "Sign Co", "Photography",
                  "Radio", "Design Lab"],
        "needs": ["social media presence", "product photography", "event video",
                  "website refresh", "podcast editing"],
        "openings": ["Social media intern", "Production assistant", "Junior designer"],
        "trends": ["Short-form video everywhere", "AI tools changing design work",
                   "Local news going digital"],
        "seasons": [("11-01", "01-05", "holiday campaigns"), ("08-01", "08-31", "back-to-school")],
    },
    {
        "id": "construction",
        "name": "Construction Trades",
        "skills": ["carpentry", "blueprint reading", "OSHA safety", "framing", "electrical basics"],
        "industry": "construction",
        "nouns": ["Builders", "Construction", "Roofing", "Concrete", "Homes", "Electric",
                  "Plumbing", "Heating & Air"],
        "needs": ["apprentice pipeline", "jobsite cleanup crews", "safety training",
                  "estimating help", "social media photos of finished jobs"],
        "openings": ["Carpenter apprentice", "Electrician helper", "Laborer (summer)"],
        "trends": ["Housing starts up; skilled trades retiring", "Heat pump installs booming",
                   "New building code adopted"],
        "seasons": [("05-01", "09-30", "building season"), ("06-15", "08-15", "roofing peak"),
                    ("12-01", "02-28", "snow removal contracts")],
    },
    {
        "id": "culinary",
        "name": "Culinary Arts",
        "skills": ["food safety", "baking", "catering", "customer service", "knife skills"],
        "industry": "hospitality",
        "nouns": ["Bakery", "Bistro", "Catering", "Diner", "Grill", "Hotel", "Coffee Roasters",
                  "Taqueria"],
        "needs": ["weekend kitchen staffing", "catering event help", "menu photography",
                  "off-hours staffing", "social media posts"],
        "openings": ["Line cook (weekends)", "Dishwasher", "Banquet server", "Barista"],
        "trends": ["Labor shortage in kitchens", "Delivery apps eating margins",
                   "Farm-to-table menus"],
        "seasons": [("11-20", "01-02", "holiday parties"), ("06-01", "08-31", "wedding season"),
                    ("02-10", "02-15", "Valentine's rush")],
    },
    {
        "id": "it",
        "name": "Information Technology",
        "skills": ["network setup", "help desk support", "cybersecurity basics", "coding"],
        "industry": "technology",
        "nouns": ["IT Solutions", "Computer Repair", "Networks", "Software", "Data Systems",
                  "Managed Services"],
        "needs": ["help desk overflow", "website updates", "cybersecurity awareness",
                  "laptop imaging before school year", "data entry backlog"],
        "openings": ["Help desk intern", "Junior web developer", "Field technician"],
        "trends": ["Ransomware hitting small firms", "Cloud migration projects",
                   "Remote support demand"],
        "seasons": [("12-15", "01-15", "year-end upgrades"), ("07-15", "08-25", "school rollouts")],
    },
    {
        "id": "manufacturing",
        "name": "Advanced Manufacturing",
        "skills": ["welding", "CNC machining", "quality control", "blueprint reading"],
        "industry": "manufacturing",
        "nouns": ["Fabrication", "Machine Works", "Metalworks", "Tool & Die", "Plastics",
                  "Precision Parts", "Industries"],
        "needs": ["second-shift staffing", "quality inspection help", "machinist pipeline",
                  "welding certification prep", "plant tour hosts"],
        "openings": ["Welder trainee", "CNC operator (2nd shift)", "Quality inspector"],
        "trends": ["Reshoring orders; machinist shortage", "Automation cells added",
                   "New contract with an aerospace supplier"],
        "seasons": [("09-15", "12-15", "Q4 order backlog"), ("06-28", "07-08", "summer shutdown"),
                    ("12-20", "01-06", "year-end inventory")],
    },
    {
        "id": "agriculture",
        "name": "Agriculture & Natural Resources",
        "skills": ["animal science", "greenhouse management", "equipment maintenance"],
        "industry": "agriculture",
        "nouns": ["Farms", "Feed & Supply", "Nursery", "Dairy", "Orchards", "Landscaping",
                  "Grain Co-op"],
        "needs": ["harvest season labor", "greenhouse help", "social media presence",
                  "equipment maintenance", "farm stand weekend staff"],
        "openings": ["Farm hand (summer)", "Greenhouse assistant", "Mechanic helper"],
        "trends": ["Precision ag and drones", "Agritourism growing", "Drought planning"],
        "seasons": [("09-01", "10-31", "harvest"), ("03-15", "05-31", "planting"),
                    ("04-01", "06-15", "spring nursery rush"), ("11-20", "01-10", "holiday trees")],
    },
    {
        "id": "business",
        "name": "Business & Finance",
        "skills": ["bookkeeping", "customer service", "spreadsheets", "marketing"],
        "industry": "finance",
        "nouns": ["Credit Union", "Accounting", "Insurance Agency", "Bank", "Tax Service",
                  "Realty"],
        "needs": ["seasonal tax-prep help", "bilingual customer service",
                  "financial literacy workshops", "social media marketing", "data entry backlog"],
        "openings": ["Teller (part-time)", "Office assistant", "Tax season intern"],
        "trends": ["Branches shrinking; advisors aging out", "Fintech competition",
                   "Housing market cooling"],
        "seasons": [("01-15", "04-15", "tax season"), ("12-15", "01-31", "year-end close")],
    },
    {
        "id": "early-childhood",
        "name": "Early Childhood Education",
        "skills": ["child development", "lesson planning", "first aid"],
        "industry": "childcare",
        "nouns": ["Learning Center", "Daycare", "Montessori", "Kids Academy", "Preschool"],
        "needs": ["afternoon aides", "summer camp counselors", "lesson materials",
                  "off-hours staffing"],
        "openings": ["Teacher aide", "Summer camp counselor"],
        "trends": ["Waitlists long; staff turnover high", "State pre-K expansion"],
        "seasons": [("06-01", "08-15", "summer camp"), ("08-15", "09-15", "enrollment"),
                    ("12-22", "01-02", "holiday closure")],
    },
]

PLACES = (
    "Riverside", "Oak Hill", "Millbrook", "Cedar Valley", "Lakeside", "Northgate", "Prairie",
    "Summit", "Harbor", "Pine Ridge", "Maple", "Granite", "Willow Creek", "Bluff City",
    "Eastside", "Westfield", "Old Mill", "Ironwood", "Clearwater", "Sunset", "Heritage",
    "Frontier", "Keystone", "Meadowbrook", "Stonebridge", "Twin Rivers", "Fox Run", "Elm Street",
    "Main Street", "Union", "Liberty", "Pioneer", "Hillcrest", "Brookside", "Red Barn",
    "Blue Sky", "Golden Valley", "Silver Lake", "Bridgeport", "Crossroads", "Canyon", "Aspen",
)
SURNAMES = (
    "Ortiz", "Nguyen", "Hartley", "Kowalski", "Patel", "Johnson", "Okafor", "Schmidt", "García",
    "Lindqvist", "O'Brien", "Yamamoto", "Haddad", "Brennan", "Castillo", "Dubois", "Fischer",
    "Goldberg", "Hernandez", "Ivanova", "Jensen", "Kim", "Larsen", "Martinez", "Novak", "Olsen",
    "Petrov", "Quinn", "Rossi", "Sato", "Thompson", "Underwood", "Vargas", "Walsh", "Xu",
    "Young", "Zimmerman", "Abernathy", "Bautista", "Chen", "Mbeki", "Søndergaard", "Reyes",
    "Whitfield", "Delgado", "Park", "Murphy", "Singh", "Morales", "Becker",
)
FIRST_NAMES = (
    "Dana", "Jo", "Luis", "Maria", "Sam", "Priya", "Chris", "Alex", "Jamal", "Mei", "Tom",
    "Rosa", "Kevin", "Aisha", "Brian", "Carmen", "Derek", "Elena", "Frank", "Grace", "Hector",
    "Irene", "Jason", "Keisha", "Liam", "Monica", "Nate", "Olivia", "Pedro", "Rachel", "Steve",
    "Tanya", "Victor", "Wendy", "Yusuf", "Zoe", "Renée", "José", "Ngozi", "Bill",
)
SUFFIXES = ("", "", "", "", " Inc.", " LLC", " & Sons", " Co.", " Group", " Partners")
BRANCHES = ("North", "South", "East", "West", "Downtown", "Airport", "Uptown", "Valley")
ROLES_DM = ("Owner", "General Manager", "President", "Plant Manager", "Practice Manager",
            "Branch Manager", "Executive Director", "Operations Director")
ROLES = ("HR Director", "Service Manager", "Office Manager", "Marketing Coordinator",
         "Talent Acquisition Lead", "Head Chef", "Shop Foreman", "Receptionist",
         "Training Coordinator", "Community Relations")
RELATIONSHIPS = (
    "Owner's daughter graduated 2022; sponsors the football program",
    "Alumnus, class of 2009",
    "Parent of a current junior",
    "Sponsors the robotics team",
    "Two graduates on staff",
    "Hosted our welding competition in 2024",
    "Board member at the education foundation",
    "Former teacher at the school",
    "Met at the chamber mixer",
    "Buys from the culinary program's bake sale every year",
)
FILE_NOTES = ("Met at the chamber mixer", "Found on the chamber list", "Referral from a parent",
              "Call the main line first", "Ask for the owner, not the front desk")
TAGS = ("chamber", "rotary", "alumni", "veteran-owned", "family-owned", "women-owned",
        "minority-owned", "union", "nonprofit", "franchise", "bilingual", "downtown",
        "advisory-board", "ffa", "skillsusa")
BEST_TIMES = ("Tue-Thu before 10am", "10:30", "after 2:30pm", "Mornings", "Mon 8-9am",
              "Fridays after lunch", "Not Mondays", "Between 1:00 and 3:00",
              "Evenings by text")
CHANNEL_WEIGHTS = (40, 25, 18, 6, 4, 7)
SUMMARIES: dict[str, tuple[str, ...]] = {
    "no-reply": ("Left a voicemail", "Sent one-page intro", "Dropped off a flyer",
                 "Followed up on the intro email", "Mailed the partner packet"),
    "replied": ("Talked through the partner menu", "Answered questions about insurance",
                "Shared last year's report", "Sent photos from the showcase",
                "Asked about spring dates"),
    "meeting-set": ("Set a meeting at the shop", "Booked a call with the owner",
                    "Invited them to the open house"),
    "committed": ("Agreed to host job shadows", "Signed on for the advisory board",
                  "Committed to two internships"),
    "declined": ("Not this year: short-staffed", "Declined: corporate policy",
                 "No capacity until the expansion is done"),
    "milestone": ("Students toured the floor", "Mock interviews with seniors",
                  "Intern hired after graduation", "Guest speaker in class",
                  "Donated equipment to the lab"),
    "none": ("Thank-you card sent", "Quick check-in", "Saw them at the chamber lunch",
             "Shared the newsletter"),
}
ACTIONS = ("Call {c} about spring shadow dates", "Email {c} the MOU draft",
           "Confirm tour date with {c}", "Send {c} the student photos",
           "Ask {c} about summer internships", "Invite {c} to the advisory meeting",
           "Drop off thank-you card for {c}", "Check in with {c} after the busy season")
SPOTLIGHT_TITLES = ("Students tour the {n} shop", "Thank you, {n}!", "{n} hosts job shadows",
                    "Partner of the month: {n}", "{n} hires a graduate")
OWNER_POOL = ("jlee", "mortiz", "kpatel", "dnguyen", "rsmith", "agarcia", "tkim", "bwalsh")
PROGRAMS = ("Riverside High School CTE", "Cedar Valley Career Center",
            "Lakeside Unified CTE", "Northgate Technical High School",
            "Prairie View Academies")
TIMEZONES = ("America/Chicago", "America/New_York", "America/Denver", "America/Los_Angeles")
BREAKS = (
    ("Winter break", "2025-12-22", "2026-01-02"),
    ("Spring break", "2026-03-23", "2026-03-27"),
    ("Summer", "2026-06-05", "2026-08-14"),
    ("Thanksgiving", "2026-11-25", "2026-11-27"),
    ("Winter break", "2026-12-21", "2027-01-01"),
    ("Spring break", "2027-03-22", "2027-03-26"),
    ("Summer", "2027-06-04", "2027-08-13"),
)
# fmt: on

# kind, title, repeat rule, days from the first occurrence to the last (UNTIL or `until`)
EVENT_KINDS: tuple[tuple[str, str, str | None, tuple[int, int] | None], ...] = (
    ("chamber", "Chamber of Commerce breakfast", "FREQ=MONTHLY;BYDAY=+1TH", (150, 420)),
    ("chamber", "Rotary lunch", "FREQ=WEEKLY;BYDAY=TU;COUNT=12", None),
    ("career-fair", "Spring career fair", None, None),
    ("career-fair", "Manufacturing day", "FREQ=YEARLY", (730, 1100)),
    ("advisory", "Advisory board meeting", "FREQ=MONTHLY;INTERVAL=3", (300, 700)),
    ("open-house", "CTE open house", None, None),
    ("newsletter", "Partner newsletter", "FREQ=MONTHLY;BYMONTHDAY=1;UNTIL={until}", (150, 400)),
    ("social-post", "Partner shout-out post", "FREQ=WEEKLY;BYDAY=FR", (60, 240)),
    ("recognition", "Partner appreciation breakfast", None, None),
    ("other", "Signing day", None, None),
    ("other", "Internship showcase", "FREQ=YEARLY;COUNT=3", None),
    ("social-post", "Student spotlight video", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", (60, 240)),
)
_WEEKDAY = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}

# Text that YAML reads back unchanged when written plain (in a block, and in a flow).
_PLAIN_BLOCK = re.compile(r"^[A-Za-z0-9(][^\n#]*$")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")


def scalar(text: str, flow: bool = False) -> str:
    """`text` as a YAML scalar: plain where that reads back the same, else double-quoted."""
    if (
        _PLAIN_BLOCK.match(text)
        and ": " not in text
        and not text.endswith((":", " "))
        and not (flow and _FLOW_UNSAFE.search(text))
    ):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i, flow=True) for i in items) + "]"


def iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def align(ordinal: int, rule: str | None) -> int:
    """The first day on or after `ordinal` that `rule` falls on, so `date` is an occurrence."""
    if rule is None:
        return ordinal
    day = date.fromordinal(ordinal)
    if "BYMONTHDAY=1" in rule:
        return date(day.year + day.month // 12, day.month % 12 + 1, 1).toordinal()
    match = re.search(r"BYDAY=(\+1)?([A-Z]{2})", rule)
    if match is None:
        return ordinal
    weekday = _WEEKDAY[match.group(2)]
    if match.group(1):  # the first such weekday of a month: this one's, else the next's
        start = date(day.year, day.month, 1)
        if (start.toordinal() + (weekday - start.weekday()) % 7) < ordinal:
            start = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return start.toordinal() + (weekday - start.weekday()) % 7
    return ordinal + (weekday - day.weekday()) % 7


def ascii_words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [w for w in re.split(r"[^a-z0-9]+", plain.replace("&", " and ")) if w]


def slug(name: str) -> str:
    return "-".join(ascii_words(name.replace("'", "")))[:64].strip("-")


class Generator:
    """Writes one workspace; every random choice comes from one seeded Random."""

    def __init__(self, count: int, seed: int) -> None:
        self.rng = Random(seed)
        self.count = count
        rng = self.rng
        self.pathways = rng.sample(PATHWAYS, rng.choice((5, 6)))
        self.owners = rng.sample(OWNER_POOL, rng.randint(3, 6))
        self.names: set[str] = set()
        self.ids: set[str] = set()

    # --- settings --------------------------------------------------------------

    def settings(self) -> str:
        rng = self.rng
        lines = [
            "# Program settings for partnerctl; see `partnerctl validate` after edits.",
            "",
            f"program: {scalar(rng.choice(PROGRAMS))}",
            f'timezone: {rng.choice(TIMEZONES)}     # "today" is taken here',
            "workdays: [mon, tue, wed, thu, fri]",
            "",
            "pathways:",
        ]
        for pathway in self.pathways:
            skills = list(pathway["skills"])  # type: ignore[call-overload]
            lines += [
                f"  - id: {pathway['id']}",
                f"    name: {scalar(str(pathway['name']))}",
                f"    skills: {flow_list(skills)}",
            ]
        lines += ["", "# days since the last touch: ideal -> due, max -> overdue", "cadence:"]
        stages = [s for s in STAGES if s != "declined"]
        if rng.random() < 0.3:  # a partial cadence keeps the defaults of the others
            stages = stages[:4]
        for stage in stages:
            ideal, most = CADENCE[stage]
            if rng.random() < 0.2:
                ideal, most = ideal + 7, most + 14
            pad = " " * (10 - len(stage))
            lines.append(f"  {stage}:{pad}{{ideal: {ideal}, max: {most}}}")
        lines += [
            f"spotlight_every: {rng.choice((60, 90, 90, 120))}",
            f"agreements_notice: {rng.choice((21, 30, 30, 45))}",
            "school_breaks:",
        ]
        for name, start, end in BREAKS:
            lines.append(f"  - {{name: {name}, from: {start}, to: {end}}}")
        lines += [f"owners: {flow_list(self.owners)}", f"# me: {self.owners[0]}", ""]
        return "\n".join(lines)

    # --- partners ----------------------------------------------------------------

    def partner_name(self, pathway: dict[str, object]) -> str:
        rng = self.rng
        nouns: list[str] = pathway["nouns"]  # type: ignore[assignment]
        name = ""
        for attempt in range(40):
            pick = rng.random()
            if pick < 0.45:
                lead = rng.choice(PLACES)
            elif pick < 0.75:
                lead = rng.choice(SURNAMES)
            elif pick < 0.9:
                lead = f"{rng.choice(SURNAMES)} & {rng.choice(SURNAMES)}"
            else:
                lead = f"{rng.choice(FIRST_NAMES)}'s"
            name = f"{lead} {rng.choice(nouns)}{rng.choice(SUFFIXES)}"
            if attempt >= 20:  # a crowded district: a second location
                name += f" {rng.choice(BRANCHES)}"
            if attempt >= 30:
                name += f" {attempt}"
            key, ident = normalized_name(name), slug(name)  # partnerctl's duplicate check
            if key not in self.names and ident not in self.ids and ident:
                self.names.add(key)
                self.ids.add(ident)
                return name
        raise RuntimeError(f"could not make a unique name (last tried {name!r})")

    def partner(self, stage: str) -> tuple[str, str, str]:
        """One partner: its id, the file's suffix and its text."""
        rng = self.rng
        pathway = rng.choice(self.pathways)
        name = self.partner_name(pathway)
        ident = slug(name)
        lines: list[str] = []
        out = lines.append
        if rng.random() < 0.25:
            out(f"# {rng.choice(FILE_NOTES)}")
        out(f"name: {scalar(name)}")
        industry = str(pathway["industry"])
        if rng.random() < 0.1:
            industry = industry.capitalize()
        out(f"industry: {industry}")
        paths = [str(pathway["id"])]
        if rng.random() < 0.2:
            other = str(rng.choice(self.pathways)["id"])
            if other not in paths:
                paths.append(other)
        out(f"pathways: {flow_list(paths)}")
        out(
            f"stage: {stage}"
            + ("          # see the last touchpoint" if rng.random() < 0.1 else "")
        )
        if rng.random() < 0.93:
            out(f"owner: {rng.choice(self.owners)}")

        # The history first, since `since` and the rest follow from it.
        low, high = TOUCH_RANGE[stage]
        touches = rng.randint(low, high)
        if stage == "prospect" and rng.random() < 0.5:
            touches = 0
        age_low, age_high = AGE_RANGE[stage]
        start = REF - rng.randint(age_low, age_high)
        ideal, most = CADENCE[stage]
        roll = rng.random()
        if stage in ("paused", "lapsed", "declined"):
            gap = rng.randint(ideal // 2, most * 2)
        elif roll < 0.5:
            gap = rng.randint(0, ideal)
        elif roll < 0.8:
            gap = rng.randint(ideal, most)
        else:
            gap = rng.randint(most, most * 3)
        last = min(REF, max(start, REF - gap))
        dates = sorted(rng.randint(start, last) for _ in range(max(touches - 1, 0)))
        if touches:
            dates.append(last)
        if touches >= 2:
            dates[0] = start

        since: int | None = start
        if not touches and rng.random() < 0.4:
            since = None
        if since is not None:
            quoted = rng.random() < 0.1
            out(f'since: "{iso(since)}"' if quoted else f"since: {iso(since)}")
        if rng.random() < 0.85:
            miles = rng.choice((rng.uniform(0.2, 8), rng.uniform(0.5, 45)))
            out(f"distance_miles: {miles:.1f}")
        if rng.random() < 0.35:
            out(f"relationship: {scalar(rng.choice(RELATIONSHIPS))}")
        early = rng.random()
        if early < 0.1:
            out("early_adopter: true")
        elif early < 0.15:
            out("early_adopter: false")
        if rng.random() < 0.7:
            out(f"tags: {flow_list(rng.sample(TAGS, rng.randint(1, 3)))}")

        seasons: list[tuple[str, str, str]] = pathway["seasons"]  # type: ignore[assignment]
        if rng.random() < 0.6:
            out("busy_seasons:                  # MM-DD, inclusive")
            for begin, end, why in rng.sample(seasons, rng.randint(1, min(2, len(seasons)))):
                out(f"  - {{from: {begin}, to: {end}, why: {scalar(why, flow=True)}}}")
        if rng.random() < 0.4:
            out(f"best_time: {scalar(rng.choice(BEST_TIMES))}")
        if rng.random() < 0.6:
            out(f"channel: {rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]}")

        contacts = self.contacts(ident, stage)
        out("contacts:")
        for index, (person, role, email, phone, boss) in enumerate(contacts):
            out(f"  - name: {scalar(person)}")
            out(f"    role: {scalar(role)}")
            if email:
                out(f"    email: {email}")
            if phone:
                out(f'    phone: "{phone}"')
            if boss:
                out(
                    "    decision_maker: true"
                    + ("   # signs off" if index and rng.random() < 0.3 else "")
                )

        needs: list[str] = pathway["needs"]  # type: ignore[assignment]
        if rng.random() < 0.75:
            out("needs:")
            for need in rng.sample(needs, rng.randint(1, 3)):
                out(f"  - {scalar(need)}")
        openings: list[str] = pathway["openings"]  # type: ignore[assignment]
        if rng.random() < 0.4:
            out(f"openings: {flow_list(rng.sample(openings, rng.randint(1, 2)))}")
        if rng.random() < 0.5:
            out("research:")
            staff = rng.randint(4, 400)
            family = rng.choice(("Family-owned", "Locally owned", "Regional chain", "Franchise"))
            out(f"  business: {family}, {rng.randint(1, 6)} locations, {staff} staff")
            trends: list[str] = pathway["trends"]  # type: ignore[assignment]
            out(f"  trends: {scalar(rng.choice(trends))}")

        if stage in ("committed", "active", "paused", "lapsed") or rng.random() < 0.1:
            out("offers:")
            for kind in rng.sample(OFFER_KINDS, rng.randint(1, 3)):
                seats = f", seats: {rng.randint(1, 12)}" if rng.random() < 0.6 else ""
                out(f"  - {{kind: {kind}, pathway: {pathway['id']}{seats}}}")
        if stage in ("committed", "active", "paused") and rng.random() < 0.6:
            out("agreements:")
            for kind in rng.sample(AGREEMENT_KINDS, rng.randint(1, 3)):
                expires = iso(REF + rng.randint(-90, 540))
                note = ", notes: signed by the owner" if rng.random() < 0.15 else ""
                out(f"  - {{kind: {kind}, expires: {expires}{note}}}")
        elif rng.random() < 0.1:
            out("agreements: []")

        self.touchpoints(out, stage, dates, contacts)

        if stage != "declined" and rng.random() < 0.3:
            person = rng.choice(contacts)[0].split()[0]
            out("next:")
            out(f"  date: {iso(REF + rng.randint(-30, 45))}")
            out(f"  action: {scalar(rng.choice(ACTIONS).format(c=person))}")

        if stage in ("active", "paused") and rng.random() < 0.6:
            out("spotlights:")
            short = name.split(" Inc.")[0].split(" LLC")[0]
            for _ in range(rng.randint(1, 3)):
                when = rng.randint(max(start, REF - 600), REF + 20)
                status = "planned" if when > REF - 5 else "published"
                title = scalar(rng.choice(SPOTLIGHT_TITLES).format(n=short), flow=True)
                where = rng.choice(SPOTLIGHT_PLACES)
                out(f"  - {{date: {iso(when)}, where: {where}, title: {title}, status: {status}}}")
        if rng.random() < 0.15:
            out(f"notes: {scalar(rng.choice(SUMMARIES['none']))}; ask about the new location")
        out("")
        suffix = ".yml" if rng.random() < 0.02 else ".yaml"
        return ident, suffix, "\n".join(lines)

    def contacts(self, ident: str, stage: str) -> list[tuple[str, str, str, str, bool]]:
        """Contacts as (name, role, email, phone, decision maker); most partners have one."""
        rng = self.rng
        found: list[tuple[str, str, str, str, bool]] = []
        has_boss = rng.random() < (0.9 if stage != "prospect" else 0.6)
        for index in range(rng.choices((1, 2, 3, 4), (45, 30, 17, 8))[0]):
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            boss = has_boss and index == 0
            role = rng.choice(ROLES_DM if boss else ROLES)
            email = ""
            if rng.random() < 0.85:
                user = "".join(ascii_words(first))[:1] + "".join(ascii_words(last))
                email = f"{user}@{ident[:40].strip('-')}.example.com"
            phone = ""
            if rng.random() < 0.7:
                phone = f"555-{rng.randint(100, 9999):04d}"
            found.append((f"{first} {last}", role, email, phone, boss))
        rng.shuffle(found)
        return found

    def touchpoints(
        self,
        emit: Callable[[str], object],
        stage: str,
        dates: list[int],
        contacts: list[tuple[str, str, str, str, bool]],
    ) -> None:
        """The history: dated touches, the stage moves that led here, outcomes, students."""
        rng = self.rng
        if not dates:
            if rng.random() < 0.5:
                emit("touchpoints: []")
            return
        path = STAGE_PATHS[stage][-len(dates) :]
        moves = dict(zip(self.move_slots(stage, len(dates)), path, strict=True))
        emit("touchpoints:")
        phase = "prospect"  # the stage the partner was in at each touch
        for index, day in enumerate(dates):
            move = moves.get(index)
            roll = rng.random()
            outcome: str | None
            if move is not None:
                outcome = MOVE_OUTCOME[move]
                phase = move
            elif phase in ("prospect", "lapsed", "declined"):
                outcome = "no-reply" if roll < 0.8 else None
            elif phase in ("committed", "active") and roll < 0.18:
                outcome = "milestone"
            elif roll < 0.5:
                outcome = "replied"
            elif roll < 0.75:
                outcome = "no-reply"
            else:
                outcome = None
            emit(f"  - date: {iso(day)}")
            emit(f"    channel: {rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]}")
            if rng.random() < 0.8:
                emit(f"    with: {scalar(rng.choice(contacts)[0])}")
            emit(f"    summary: {scalar(rng.choice(SUMMARIES[outcome or 'none']))}")
            if outcome is not None:
                emit(f"    outcome: {outcome}")
            if move is not None:
                emit(f"    stage: {move}")
            if outcome == "milestone" and rng.random() < 0.8:
                emit(f"    students: {rng.randint(2, 30)}")
            elif index == len(dates) - 1 and rng.random() < 0.05:
                emit("    # stage: meeting      # when this touch moves them on")

    def move_slots(self, stage: str, touches: int) -> list[int]:
        """Which touches carried the stage moves, in order.

        The first move comes early; a move to paused, declined or lapsed is the
        newest touch (nothing happened since).
        """
        rng = self.rng
        moves = min(len(STAGE_PATHS[stage]), touches)
        if moves == 0:
            return []
        first = rng.randint(0, min(1, touches - moves))
        ends = stage in ("paused", "declined", "lapsed")
        if moves == 1:
            return [touches - 1 if ends else first]
        if ends:
            middle = rng.sample(range(first + 1, touches - 1), moves - 2)
            return [first, *sorted(middle), touches - 1]
        return [first, *sorted(rng.sample(range(first + 1, touches), moves - 1))]

    # --- events ------------------------------------------------------------------

    def events(self, partner_ids: list[str]) -> dict[str, str]:
        """Event files by name: a few dozen events, some repeating, naming partners."""
        rng = self.rng
        files: dict[str, list[str]] = {
            "2025-26.yaml": ["# Last school year: kept for the reports.", "events:"],
            "2026-27.yaml": ["# This school year's outreach calendar.", "", "events:"],
            "newsletters.yml": ["# Emails and posts are events too.", "events:"],
        }
        used: set[str] = set()
        for number in range(rng.randint(30, 40)):
            kind, title, repeat, until_days = EVENT_KINDS[number % len(EVENT_KINDS)]
            first = align(REF + rng.randint(-330, 260), repeat)
            when = date.fromordinal(first)
            ident = slug(f"{title} {when.year}")
            if ident in used:
                ident = f"{ident}-{when:%b}".lower()
            if ident in used:
                ident = f"{ident}-{when.day}"
            used.add(ident)
            if kind in ("newsletter", "social-post"):
                target = "newsletters.yml"
            else:
                target = "2025-26.yaml" if first < REF - 150 else "2026-27.yaml"
            out = files[target].append
            out(f"  - id: {ident}")
            out(f"    name: {scalar(f'{title} {when.year}' if repeat is None else title)}")
            out(f"    kind: {kind}")
            out(f"    date: {when.isoformat()}")
            last = first + rng.randint(*until_days) if until_days else first
            if repeat is not None and "{until}" in repeat:
                out(f"    repeat: {repeat.replace('{until}', f'{date.fromordinal(last):%Y%m%d}')}")
            elif repeat is not None:
                out(f"    repeat: {repeat}")
                if until_days:
                    out(f"    until: {iso(last)}          # inclusive")
            if rng.random() < 0.7:
                out(f"    owner: {rng.choice(self.owners)}")
            if partner_ids and kind != "newsletter" and rng.random() < 0.75:
                named = rng.sample(partner_ids, min(len(partner_ids), rng.randint(1, 8)))
                if len(named) <= 3:
                    out(f"    partners: {flow_list(named)}")
                else:
                    out("    partners:")
                    for partner in named:
                        out(f"      - {partner}")
            if rng.random() < 0.6:
                out(f"    prepare: {rng.choice((3, 7, 14, 21, 30))}")
            if rng.random() < 0.3:
                out("    notes: Ask for five minutes to present the partner program")
        return {name: "\n".join([*lines, ""]) for name, lines in files.items()}

    # --- the whole workspace -------------------------------------------------------

    def stages(self) -> list[str]:
        """Every stage once (when N allows), then the rest by weight, shuffled."""
        chosen = list(STAGES[: self.count])
        rest = self.count - len(chosen)
        chosen += self.rng.choices(STAGES, STAGE_WEIGHTS, k=rest)
        self.rng.shuffle(chosen)
        return chosen

    def write(self, root: Path) -> None:
        (root / "partners").mkdir(parents=True)
        (root / "events").mkdir()
        (root / "partnerctl.yaml").write_bytes(self.settings().encode())
        ids: list[str] = []
        partners = root / "partners"
        for stage in self.stages():
            ident, suffix, text = self.partner(stage)
            (partners / (ident + suffix)).write_bytes(text.encode())
            ids.append(ident)
        for name, text in self.events(ids).items():
            (root / "events" / name).write_bytes(text.encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("count", metavar="N", type=int, help="how many partners")
    parser.add_argument("dir", metavar="DIR", type=Path, help="a missing or empty folder")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    root: Path = args.dir
    if args.count < 0:
        parser.error("N must be 0 or more")
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        what = "is not a folder" if not root.is_dir() else "is not empty"
        print(f"generate.py: error: {root} {what}; give a missing or empty folder", file=sys.stderr)
        return 2
    Generator(args.count, args.seed).write(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
