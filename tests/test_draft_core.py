"""The pieces of drafts: core.draft's wording, the ask for the stage, md prose, social fit."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerctl.core.draft import as_you, first_name, need_text, value_text
from partnerctl.core.peers import Ask, peers_by_industry, stage_ask
from partnerctl.core.pitch import build_pitch
from partnerctl.core.programcase import partners_text, school_year_start
from partnerctl.dates import spoken_date
from partnerctl.model import Partner, default_settings, partner_record
from partnerctl.records import ContactRec, split_address
from partnerctl.render.draftout import social_fit
from partnerctl.render.drafttemplate import tidy
from partnerctl.render.mdprose import md_line, md_prose


def contact(name: str) -> ContactRec:
    return {"name": name, "role": None, "email": None, "phone": None, "decision_maker": True}


def partner(pid: str = "acme", **data: Any) -> Any:
    return partner_record(Partner(**{"name": "Acme", "stage": "prospect", **data}), pid, "x")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Greg hired one of our seniors", "Greg Halvorsen", "you hired one of our seniors"),
        ("Call Rick about spring dates", "Rick Alvarez", "Call you about spring dates"),
        ("Saw Rick's shop; Rickard came", "Rick Alvarez", "Saw your shop; Rickard came"),
        ("Dr. Alan Cho signed; Alan smiled", "Dr. Alan Cho", "you signed; you smiled"),
        ("Met the owner", "Greg Halvorsen", "Met the owner"),
    ],
)  # fmt: skip
def test_as_you_rewords_notes_to_their_reader(text: str, name: str, expected: str) -> None:
    assert as_you(text, contact(name)) == expected
    assert as_you(text, None) == text


def test_first_name_skips_titles() -> None:
    assert first_name("Dr. Alan Cho") == "Alan"
    assert first_name("Ms Dana Ortiz") == "Dana"
    assert first_name("Cher") == "Cher"


def test_need_text_drops_the_word_help() -> None:
    assert need_text("podcast production help") == "podcast production"
    assert need_text("Help") == "Help"
    assert need_text("social media presence") == "social media presence"


def test_the_ask_is_a_first_step_until_a_partner_meets() -> None:
    ask = [Ask("mentorship", "2 peers give it"), Ask("tour", "1 peer gives it")]
    for stage in ("prospect", "contacted", "paused", "declined", "lapsed"):
        assert stage_ask(stage, ask) == Ask("tour", "1 peer gives it")
    for stage in ("meeting", "committed", "active"):
        assert stage_ask(stage, ask) == Ask("mentorship", "2 peers give it")
    assert stage_ask("prospect", [Ask("internship", "x")]) is None
    assert stage_ask("active", []) is None


def test_value_without_a_need_met_offers_what_students_learn() -> None:
    settings = default_settings("P")
    settings["pathways"] = [
        {"id": "weld", "name": "Welding", "skills": ["MIG welding", "TIG welding", "safety", "x"]},
        {"id": "cook", "name": "Culinary", "skills": ["baking"]},
    ]
    own = partner(pathways=["weld"], needs=["kennel help"])
    pitch = build_pitch(own, [own], settings, date(2026, 1, 5))
    assert value_text(own, pitch, settings) == (
        "Our Welding students learn MIG welding, TIG welding and safety, and could put those "
        "skills to work at Acme.",
        False,
    )
    none = partner()
    pitch = build_pitch(none, [none], settings, date(2026, 1, 5))
    assert value_text(none, pitch, settings)[0] == (
        "Our students learn MIG welding and baking, and could put those skills to work at Acme."
    )
    bare = default_settings("P")
    assert value_text(none, build_pitch(none, [none], bare, date(2026, 1, 5)), bare) == (
        "Our students are ready to learn on the job at Acme, and to help.",
        False,
    )


def test_peers_by_industry_groups_as_industries_match() -> None:
    found = peers_by_industry(
        [
            partner("a", name="Zed Dental", industry="Health care", stage="active"),
            partner("b", name="Alpha Clinic", industry=" health care ", stage="committed"),
            partner("c", name="Bolt", industry="automotive", stage="active"),
            partner("d", name="Gone", industry="automotive", stage="lapsed"),
            partner("e", name="Nobody", stage="active"),
        ]
    )
    assert found == [("Health care", ["Alpha Clinic", "Zed Dental"]), ("automotive", ["Bolt"])]


def test_partners_text() -> None:
    stages = {"active": 1, "committed": 1, "meeting": 0, "contacted": 2}
    assert partners_text(stages, "P") == (
        "1 local business partners with P today, 1 more has committed to start and we are in "
        "conversation with 2 others."
    )
    assert partners_text({}, "P") == "P is looking for its first business partners."


def test_school_year_starts_on_july_1() -> None:
    assert school_year_start(date(2026, 11, 24)) == date(2026, 7, 1)
    assert school_year_start(date(2027, 3, 1)) == date(2026, 7, 1)
    assert school_year_start(date(2026, 7, 1)) == date(2026, 7, 1)


def test_spoken_dates() -> None:
    today = date(2026, 11, 24)
    assert spoken_date(date(2026, 12, 10), today, weekday=True) == "Thursday, December 10"
    assert spoken_date(date(2027, 1, 11), today) == "January 11, 2027"
    assert spoken_date(date(2026, 6, 30), today, with_year=True) == "June 30, 2026"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jordan Lee <jlee@example.org>", ("Jordan Lee", "jlee@example.org")),
        ('"Lee, Jordan" <jlee@example.org>', ("Lee, Jordan", "jlee@example.org")),
        ("jlee@example.org", ("", "jlee@example.org")),
        ("Jordan Lee", None),
        ("a@b.org, c@d.org", None),
        ("a@b.org\nBcc: c@d.org", None),
        ("jlee@localhost", None),
    ],
)
def test_split_address(text: str, expected: tuple[str, str] | None) -> None:
    assert split_address(text) == expected


def test_social_fit_counts_characters_after_nfc() -> None:
    assert social_fit("e\u0301" * 280)[1] is True  # é as two code points is one after NFC
    words, fits = social_fit("x" * 281)
    assert not fits
    assert words == (
        "281 characters: too long for X (280); fits Bluesky (300), Threads (500), Mastodon (500), "
        "Instagram (2,200), LinkedIn (3,000), Facebook (63,206)"
    )


def test_tidy_collapses_blank_runs_and_trailing_space() -> None:
    assert tidy("\n\nA  \n\n\n\nB\n\n\n") == "A\n\nB\n"


def test_md_line_escapes_markup_at_line_start_and_inside() -> None:
    assert md_line("1. first") == "1\\. first"
    assert md_line("- item *x* <b>") == "\\- item \\*x\\* &lt;b&gt;"  # HTML as entities
    assert md_line("    code") == "code"
    assert md_line("# head") == "\\# head"
    assert md_prose("Best,\nJordan\n\n\nP.S. hi\n") == "Best,  \nJordan\n\nP.S. hi\n"


@given(st.text(max_size=60))
def test_md_prose_leaves_no_unescaped_markup_character(text: str) -> None:
    out = md_prose(text)
    stripped = out.replace("\\\\", "")
    for char in "*_`[]|~^$":
        assert all(part.endswith("\\") for part in stripped.split(char)[:-1]), (char, out)
    assert "<" not in out and ">" not in out, out  # written as &lt; and &gt;
    # an `&` that would begin an entity is &amp; (the entities it wrote are its own)
    assert not re.search(r"&(?!amp;|lt;|gt;)(?=#|[A-Za-z0-9]+;)", out), out
