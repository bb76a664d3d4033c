"""core.pitch on records built from models: each checklist item both ways, matches, peers, ask."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerctl.core.pitch import CheckItem, Pitch, build_pitch
from partnerctl.dates import busy_season_at
from partnerctl.model import Partner, PartnerRec, Settings, partner_record, settings_record

SETTINGS = settings_record(
    Settings.model_validate(
        {
            "program": "Riverside High School CTE",
            "pathways": [
                {
                    "id": "automotive",
                    "name": "Automotive Technology",
                    "skills": ["engine diagnostics", "customer service", "detailing"],
                },
                {
                    "id": "digital-media",
                    "name": "Digital Media",
                    "skills": ["social media marketing", "photography", "video editing"],
                },
            ],
        }
    )
)
DAY = date(2026, 11, 24)


def make(partner_id: str, **fields: Any) -> PartnerRec:
    fields.setdefault("name", partner_id.replace("-", " ").title())
    fields.setdefault("stage", "prospect")
    return partner_record(Partner.model_validate(fields), partner_id, f"partners/{partner_id}.yaml")


FULL = make(
    "full",
    name="Full Garage",
    industry="automotive",
    pathways=["automotive"],
    busy_seasons=[{"from": "11-15", "to": "01-10", "why": "year-end sales"}],
    best_time="Tue 9am",
    channel="phone",
    contacts=[{"name": "Ann Boss", "role": "Owner", "phone": "555-0100", "decision_maker": True}],
    needs=["social media presence", "weekend staffing"],
    openings=["Detailer"],
    research={"business": "Two shops", "trends": "EV repairs"},
    offers=[{"kind": "tour"}],
)
EMPTY = make("empty", name="Empty Shop")


def item(found: Pitch, name: str) -> CheckItem:
    return next(check for check in found.checklist if check.item == name)


@pytest.mark.parametrize("name", ["business", "trends", "openings", "needs"])
def test_research_items_present_and_missing(name: str) -> None:
    present = item(build_pitch(FULL, [FULL], SETTINGS, date(2026, 3, 1)), name)
    missing = item(build_pitch(EMPTY, [EMPTY], SETTINGS, DAY), name)
    assert present.ok and not missing.ok
    assert missing.detail.startswith("find out")
    assert present.detail and "find out" not in present.detail


def test_research_details_say_what_is_known() -> None:
    found = build_pitch(FULL, [FULL], SETTINGS, date(2026, 3, 1))
    assert item(found, "business").detail == "Two shops"
    assert item(found, "trends").detail == "EV repairs"
    assert item(found, "openings").detail == "Detailer"
    assert item(found, "needs").detail == (
        "social media presence; weekend staffing (1 of 2 met by pathway skills)"
    )


def test_needs_match_skills_of_every_pathway() -> None:
    # FULL is on the automotive pathway; its need is met by a Digital Media skill.
    found = build_pitch(FULL, [FULL], SETTINGS, DAY)
    assert [(m.need, m.skill, m.pathway) for m in found.matches] == [
        ("social media presence", "social media marketing", "digital-media")
    ]
    assert found.opening == (
        "We can help with your social media presence (Digital Media students learn "
        "social media marketing). Our students are also a pipeline of trained "
        "candidates for Detailer."
    )


def test_opening_without_needs_or_openings_asks_for_research() -> None:
    found = build_pitch(EMPTY, [EMPTY], SETTINGS, DAY)
    assert found.opening.startswith("Find out Empty Shop's needs and openings")


def test_opening_with_unmatched_needs_and_no_openings() -> None:
    partner = make("odd", needs=["forklift certification"])
    found = build_pitch(partner, [partner], SETTINGS, DAY)
    assert found.matches == ()
    assert found.opening == "Ask how our students could help with your forklift certification."
    needs = next(item for item in found.checklist if item.item == "needs")
    assert needs.detail.endswith("(0 of 1 met by pathway skills)")


def test_peers_found_by_industry_active_or_committed_only() -> None:
    peers = [
        make("bolt", name="Bolt", industry="Automotive ", stage="active",
             offers=[{"kind": "mentorship", "pathway": "automotive", "seats": 2}]),
        make("city", name="City Tire", industry="AUTOMOTIVE", stage="committed"),
        make("early", name="Early", industry="automotive", stage="prospect"),
        make("paused", name="Paused", industry="automotive", stage="paused"),
        make("bakery", name="Bakery", industry="food", stage="active"),
    ]  # fmt: skip
    found = build_pitch(FULL, [FULL, *peers], SETTINGS, date(2026, 3, 1))
    assert [(p.id, p.offers) for p in found.peers] == [
        ("bolt", ("mentorship (automotive, 2 seats)",)),
        ("city", ()),
    ]
    assert item(found, "peers") == CheckItem("peers", True, "Bolt and City Tire already partner")
    one = build_pitch(FULL, [FULL, peers[0]], SETTINGS, date(2026, 3, 1))
    assert item(one, "peers") == CheckItem("peers", True, "Bolt already partners")


def test_peers_missing_both_ways() -> None:
    lonely = build_pitch(FULL, [FULL], SETTINGS, DAY)
    assert not item(lonely, "peers").ok
    assert "no active or committed partner in automotive" in item(lonely, "peers").detail
    no_industry = build_pitch(EMPTY, [EMPTY], SETTINGS, DAY)
    assert item(no_industry, "peers").detail == "set the partner's `industry` to find local peers"


def test_decision_maker_named_or_prompted() -> None:
    named = item(build_pitch(FULL, [FULL], SETTINGS, DAY), "decision-maker")
    assert named == CheckItem("decision-maker", True, "Ann Boss, Owner (phone 555-0100)")
    contact_only = make("c", contacts=[{"name": "Joe Clerk"}])
    prompted = item(build_pitch(contact_only, [contact_only], SETTINGS, DAY), "decision-maker")
    assert not prompted.ok
    assert prompted.detail == "ask Joe Clerk who decides, and invite them to the meeting"
    nobody = item(build_pitch(EMPTY, [EMPTY], SETTINGS, DAY), "decision-maker")
    assert not nobody.ok and nobody.detail.startswith("no contact on file")


def test_decision_maker_without_address_names_the_channel() -> None:
    partner = make("v", channel="video", contacts=[{"name": "Vi", "decision_maker": True}])
    found = item(build_pitch(partner, [partner], SETTINGS, DAY), "decision-maker")
    assert found.detail == "Vi (via video)"


@pytest.mark.parametrize(
    ("today", "ok", "detail"),
    [
        # inside the season, before the new year: it wraps into January
        (date(2026, 11, 24), False,
         "busy season now (year-end sales) until 2027-01-10: meet from 2027-01-11"),
        # inside the season, after the new year
        (date(2027, 1, 10), False,
         "busy season now (year-end sales) until 2027-01-10: meet from 2027-01-11"),
        (date(2027, 1, 11), True, "no busy season now or soon"),
        # soon: within 30 days
        (date(2026, 10, 20), True,
         "busy season (year-end sales) from 2026-11-15 to 2027-01-10: meet before 2026-11-15"),
        (date(2026, 10, 15), True, "no busy season now or soon"),
    ],
)  # fmt: skip
def test_timing_with_a_season_that_wraps_the_new_year(today: date, ok: bool, detail: str) -> None:
    found = item(build_pitch(FULL, [FULL], SETTINGS, today), "timing")
    assert found.ok is ok
    assert found.detail == detail + "; best time Tue 9am; channel phone"


def test_timing_without_best_time_or_channel() -> None:
    found = item(build_pitch(EMPTY, [EMPTY], SETTINGS, DAY), "timing")
    assert found == CheckItem(
        "timing", True, "no busy season now or soon; best time unknown; channel unknown"
    )


def test_benefits_are_filled_with_the_partners_facts() -> None:
    found = build_pitch(FULL, [FULL], SETTINGS, DAY)
    assert found.benefits == {
        "students": "hands-on learning for Automotive Technology students through tours "
        "at Full Garage",
        "employer": "leadership growth for the staff who host and mentor students, "
        "and a pipeline of skilled workers for Detailer",
        "community": "loyalty from families and the community, who see Full Garage invest "
        "in local students, and public thanks from Riverside High School CTE",
    }


def test_ask_is_what_peers_give_and_it_does_not() -> None:
    peers = [
        make("a", industry="automotive", stage="active",
             offers=[{"kind": "tour"}, {"kind": "internship"}, {"kind": "mentorship"}]),
        make("b", industry="other", pathways=["automotive"], stage="committed",
             offers=[{"kind": "mentorship"}]),
        make("c", industry="other", pathways=["digital-media"], stage="active",
             offers=[{"kind": "equipment"}]),
    ]  # fmt: skip
    found = build_pitch(FULL, [FULL, *peers], SETTINGS, DAY)
    assert [(a.kind, a.reason) for a in found.ask] == [
        ("mentorship", "2 peers give it"),
        ("internship", "1 peer gives it"),
    ]


def test_peers_list_every_partner_the_ask_counts() -> None:
    peers = [
        make("a", name="Alpha", industry="automotive", stage="active",
             offers=[{"kind": "internship"}, {"kind": "mentorship"}]),
        make("b", name="Beta", industry="other", pathways=["automotive"], stage="committed",
             offers=[{"kind": "mentorship"}]),
        make("c", name="Gamma", industry="other", pathways=["digital-media"], stage="active",
             offers=[{"kind": "equipment"}]),
    ]  # fmt: skip
    found = build_pitch(FULL, [FULL, *peers], SETTINGS, DAY)
    assert [(p.id, p.via, p.pathways) for p in found.peers] == [
        ("a", "industry", ()),
        ("b", "pathway", ("automotive",)),
    ]
    assert [(a.kind, a.reason) for a in found.ask] == [
        ("mentorship", "2 peers give it"),
        ("internship", "1 peer gives it"),
    ]
    # the checklist's peers are the ones in its industry, as before
    assert item(found, "peers") == CheckItem("peers", True, "Alpha already partners")
    by_pathway = build_pitch(FULL, [FULL, peers[1]], SETTINGS, DAY)
    assert item(by_pathway, "peers") == CheckItem(
        "peers",
        False,
        "no active or committed partner in automotive yet: name a local business that could "
        "vouch for the program (Beta shares its pathways)",
    )


def test_ask_falls_back_to_first_steps_it_does_not_give() -> None:
    found = build_pitch(FULL, [FULL], SETTINGS, DAY)
    assert [a.kind for a in found.ask] == ["guest-speaker", "job-shadow"]


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)),
    length=st.integers(min_value=0, max_value=200),
    today=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
)
def test_timing_is_missing_exactly_inside_a_season(start: date, length: int, today: date) -> None:
    end = start + timedelta(days=length)  # may run into the next year: the season wraps
    season = {"from": start.strftime("%m-%d"), "to": end.strftime("%m-%d")}
    partner = make("p", busy_seasons=[season])
    check = item(build_pitch(partner, [partner], SETTINGS, today), "timing")
    span = busy_season_at(partner["busy_seasons"], today)
    assert check.ok is (span is None)
    if span is not None:
        assert span[0] <= today <= span[1]
        assert f"until {span[1].isoformat()}: meet from {(span[1] + timedelta(1)).isoformat()}" in (
            check.detail
        )
