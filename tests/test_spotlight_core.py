"""core.spotlight on records built from models: who, where, title, media release, history."""

from __future__ import annotations

from datetime import date
from typing import Any

from partnerctl.core.spotlight import (
    count_by_place,
    media_release,
    spotlight_history,
    spotlight_items,
    suggested_place,
    suggested_title,
    suggestion,
)
from partnerctl.model import Partner, PartnerRec, default_settings, partner_record

SETTINGS = default_settings("Riverside CTE")  # spotlight_every: 90
DAY = date(2026, 11, 24)


def make(partner_id: str, **fields: Any) -> PartnerRec:
    fields.setdefault("name", partner_id.title())
    fields.setdefault("stage", "active")
    return partner_record(Partner.model_validate(fields), partner_id, f"partners/{partner_id}.yaml")


def spot(day: str, where: str, status: str = "published", title: str = "t") -> dict[str, Any]:
    return {"date": day, "where": where, "title": title, "status": status}


def test_place_rotates_away_from_the_most_recent() -> None:
    assert suggested_place(make("a")) == "social"
    used = make("b", spotlights=[spot("2026-01-01", "social"), spot("2026-04-01", "newsletter")])
    assert suggested_place(used) == "newspaper"
    every = ["social", "newsletter", "newspaper", "website", "board-meeting", "award", "event"]
    spots = [spot(f"2026-{i + 1:02d}-01", place) for i, place in enumerate(every)]
    # all used: the one used longest ago comes round again
    assert suggested_place(make("c", spotlights=spots)) == "social"
    spots.append(spot("2026-09-01", "social", status="planned"))
    assert suggested_place(make("d", spotlights=spots)) == "newsletter"


def test_title_from_the_milestone_else_a_thank_you() -> None:
    partner = make("acme", name="Acme", offers=[{"kind": "job-shadow"}, {"kind": "tour"},
                                                  {"kind": "project"}])  # fmt: skip
    assert suggested_title(partner, "  Two seniors hired ", "P") == "Acme: Two seniors hired"
    assert suggested_title(partner, None, "P") == (
        "Thank you, Acme, for hosting job shadows and hosting tours"
    )
    assert suggested_title(make("b", name="Bee"), None, "Riverside CTE") == (
        "Thank you, Bee, for partnering with Riverside CTE"
    )


def test_media_release_on_file_missing_or_expired() -> None:
    valid = make("v", agreements=[{"kind": "media-release", "expires": "2026-11-24"}])
    assert media_release(valid, DAY) == (True, None)
    expired = make("x", agreements=[{"kind": "media-release", "expires": "2026-11-23"},
                                    {"kind": "mou", "expires": "2030-01-01"}])  # fmt: skip
    covered, note = media_release(expired, DAY)
    assert not covered and note is not None and note.startswith("media release expired 2026-11-23")
    covered, note = media_release(make("n"), DAY)
    assert not covered and note is not None and note.startswith("no media-release agreement")


def test_items_follow_the_recognition_rule() -> None:
    partners = [
        make("old", since="2026-01-01"),  # due since 2026-04-01
        make("fresh", spotlights=[spot("2026-11-01", "social")]),  # due 2027-01-30
        make("prospect", stage="prospect"),  # never recognized
        make("won", spotlights=[spot("2026-11-01", "social")],
             touchpoints=[{"date": "2026-11-20", "summary": "Robotics win",
                           "outcome": "milestone"}],
             agreements=[{"kind": "media-release", "expires": "2027-06-30"}]),
    ]  # fmt: skip
    items = spotlight_items(SETTINGS, partners, DAY)
    assert [(i.partner, i.date, i.status) for i in items] == [
        ("old", date(2026, 4, 1), "due"),
        ("won", date(2026, 11, 20), "due"),
    ]
    won = items[1]
    assert won.reason == "milestone 2026-11-20: Robotics win"
    assert won.suggested_title == "Won: Robotics win"
    assert won.suggested_where == "newsletter"
    assert won.media_release is True
    assert won.as_json() == {
        "partner": "won",
        "status": "due",
        "reason": "milestone 2026-11-20: Robotics win",
        "date": date(2026, 11, 20),
        "suggested_where": "newsletter",
        "suggested_title": "Won: Robotics win",
        "media_release": True,
        "commands": ['partnerctl spotlight add won --where newsletter --title "Won: Robotics win"'],
    }
    later = spotlight_items(SETTINGS, partners, DAY, within=70)
    assert [(i.partner, i.status) for i in later] == [
        ("old", "due"), ("won", "due"), ("fresh", "upcoming"),
    ]  # fmt: skip


def test_a_published_spotlight_clears_it_and_a_planned_one_does_not() -> None:
    planned = make("p", since="2026-01-01", spotlights=[spot("2026-12-01", "event", "planned")])
    [item] = spotlight_items(SETTINGS, [planned], DAY)
    assert item.planned is not None and item.planned["where"] == "event"
    assert item.as_json()["planned"] == {"date": date(2026, 12, 1), "where": "event", "title": "t"}
    done = make("d", since="2026-01-01", spotlights=[spot("2026-11-24", "social")])
    assert spotlight_items(SETTINGS, [done], DAY) == []


def test_history_lists_published_ones_by_partner_and_place() -> None:
    partners = [
        make("zed", spotlights=[spot("2026-01-01", "social", title="A"),
                                spot("2026-03-01", "newspaper", title="B"),
                                spot("2026-12-01", "event", "planned")]),
        make("abe", spotlights=[spot("2026-02-01", "social", title="C")]),
    ]  # fmt: skip
    rows = spotlight_history(partners)
    assert [(r.partner, r.date.isoformat(), r.where, r.title) for r in rows] == [
        ("abe", "2026-02-01", "social", "C"),
        ("zed", "2026-03-01", "newspaper", "B"),
        ("zed", "2026-01-01", "social", "A"),
    ]
    assert count_by_place(rows) == {"social": 2, "newspaper": 1}


def test_suggestion_is_what_spotlight_items_suggest() -> None:
    won = make("won", since="2026-01-01", spotlights=[spot("2026-10-01", "social")],
               touchpoints=[{"date": "2026-11-20", "summary": "Robotics win",
                             "outcome": "milestone"}])  # fmt: skip
    (item,) = spotlight_items(SETTINGS, [won], DAY)
    assert suggestion(won, SETTINGS, DAY) == (item.suggested_where, item.suggested_title)
    assert suggestion(won, SETTINGS, DAY) == ("newsletter", "Won: Robotics win")


def test_a_suggested_command_gives_bash_the_title_exactly() -> None:
    import shlex
    import subprocess

    from partnerctl.core.text import command

    titles = ['Say "hi"', "Win $500 `now` \\o/", "Mike's Garage!", "plain", "…", "a\nb"]
    for title in titles:
        line = command("spotlight", "add", "acme", "--where", "social", "--title", title)
        words = shlex.split(line)
        assert words[-1] == title.replace("\n", " ")
        echoed = subprocess.run(
            ["bash", "-c", 'printf "%s" ' + line.split("--title ", 1)[1]],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert echoed == title.replace("\n", " ")
    assert command("spotlight", "add", "acme", "--where", "social", "--title", 'Say "hi"') == (
        "partnerctl spotlight add acme --where social --title 'Say \"hi\"'"
    )
