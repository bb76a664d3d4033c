"""The three-way merge by meaning, on triples of files: each list kind, each scalar rule,
each true conflict, and who the conflict names.

Each test writes the common ancestor, ours and theirs as files partnerctl would
write, merges them as git's driver does (:func:`merge_texts`) and reads the
result back, so what is checked is what lands in the file.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerctl.core.merge import merge_data, side_author
from partnerctl.workspace.edit import partner_text
from partnerctl.workspace.merging import MergeRefused, merge_texts
from partnerctl.workspace.yamledit import PartnerDocument

BASE: dict[str, Any] = {
    "name": "Riverside Auto",
    "stage": "contacted",
    "owner": "jlee",
    "tags": ["chamber"],
    "needs": ["Saturday shop coverage", "social media presence"],
    "contacts": [
        {"name": "Dana Ortiz", "role": "Service Manager", "email": "dana@example.com"},
        {"name": "Rick Alvarez", "phone": "555-0100"},
    ],
    "research": {"business": "Family-owned", "trends": "EV demand"},
    "offers": [{"kind": "job-shadow", "pathway": "automotive", "seats": "4"}],
    "agreements": [{"kind": "mou", "expires": "2027-06-30"}],
    "busy_seasons": [{"from": "11-15", "to": "01-10", "why": "year-end sales"}],
    "touchpoints": [
        {"date": "2026-11-02", "channel": "email", "summary": "Sent intro", "by": "jlee"}
    ],
    "next": {"date": "2026-11-20", "action": "Call Dana"},
    "spotlights": [
        {"date": "2026-12-10", "where": "social", "title": "Shop tour", "status": "planned"}
    ],
}


def edited(**changes: Any) -> dict[str, Any]:
    """A deep copy of BASE with top-level keys replaced (None removes one)."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def merge(
    base: dict[str, Any],
    ours: dict[str, Any],
    theirs: dict[str, Any],
    *,
    kind: str = "partner",
    fallback: tuple[str | None, str | None] = (None, None),
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The merged file's data (without `conflicts`) and its conflicts."""
    texts = [
        partner_text(side) if kind == "partner" else _text(side) for side in (base, ours, theirs)
    ]
    result = merge_texts(kind, *texts, f"{kind}.yaml", fallback=fallback)
    data = PartnerDocument(result.text).expected
    return data, data.pop("conflicts", [])


def _text(data: dict[str, Any]) -> str:
    from partnerctl.workspace.yamlemit import entry_lines

    return "".join(
        line + "\n" for key, value in data.items() for line in entry_lines(key, value, 0)
    )


def touch(day: str, summary: str, by: str | None = None, **more: Any) -> dict[str, Any]:
    entry = {"date": day, "summary": summary, **more}
    if by is not None:
        entry["by"] = by
    return entry


# --- touchpoints -----------------------------------------------------------------


def test_touches_logged_on_both_sides_are_both_kept_once_each() -> None:
    mine = touch("2026-11-24", "Called Dana", "jlee")
    yours = touch("2026-11-24", "Emailed the flyer", "mortiz")
    ours = edited(touchpoints=[*BASE["touchpoints"], mine])
    theirs = edited(touchpoints=[*BASE["touchpoints"], yours])
    data, conflicts = merge(BASE, ours, theirs)
    assert data["touchpoints"] == [*BASE["touchpoints"], mine, yours]
    assert conflicts == []


def test_the_same_touch_on_both_sides_is_kept_once() -> None:
    same = touch("2026-11-24", "Chamber breakfast", "jlee", channel="in-person")
    ours = edited(touchpoints=[*BASE["touchpoints"], same])
    data, conflicts = merge(BASE, ours, copy.deepcopy(ours))
    assert data["touchpoints"] == [*BASE["touchpoints"], same]
    assert conflicts == []


def test_two_touches_alike_but_for_their_author_are_two_touches() -> None:
    ours = edited(touchpoints=[*BASE["touchpoints"], touch("2026-11-24", "Call", "jlee")])
    theirs = edited(touchpoints=[*BASE["touchpoints"], touch("2026-11-24", "Call", "mortiz")])
    data, _ = merge(BASE, ours, theirs)
    assert [t.get("by") for t in data["touchpoints"]] == ["jlee", "jlee", "mortiz"]


def test_a_touch_removed_on_one_side_stays_removed() -> None:
    data, conflicts = merge(BASE, edited(), edited(touchpoints=[]))
    assert data.get("touchpoints", []) == []
    assert conflicts == []


# --- contacts (by name, as `contact` matches) -------------------------------------


def test_contact_fields_changed_on_each_side_both_land() -> None:
    ours = edited()
    ours["contacts"][0]["phone"] = "555-0142"
    theirs = edited()
    theirs["contacts"][0]["email"] = "dortiz@example.com"
    data, conflicts = merge(BASE, ours, theirs)
    assert data["contacts"][0] == {
        "name": "Dana Ortiz",
        "role": "Service Manager",
        "email": "dortiz@example.com",
        "phone": "555-0142",
    }
    assert conflicts == []


def test_a_removed_contact_stays_removed() -> None:
    theirs = edited(contacts=[BASE["contacts"][0]])
    ours = edited(contacts=[*BASE["contacts"], {"name": "Ann Lee", "role": "Owner"}])
    data, conflicts = merge(BASE, ours, theirs)
    assert [c["name"] for c in data["contacts"]] == ["Dana Ortiz", "Ann Lee"]
    assert conflicts == []


def test_contacts_match_by_name_whatever_the_case_and_spacing() -> None:
    ours = edited(contacts=[*BASE["contacts"], {"name": "Ann Lee"}])
    theirs = edited(contacts=[*BASE["contacts"], {"name": "ann  lee", "role": "Owner"}])
    data, conflicts = merge(BASE, ours, theirs)
    assert [c["name"] for c in data["contacts"]] == ["Dana Ortiz", "Rick Alvarez", "Ann Lee"]
    assert data["contacts"][2]["role"] == "Owner"
    assert conflicts == [
        {
            "key": "contacts[Ann Lee].name",
            "values": [{"value": "Ann Lee"}, {"value": "ann  lee"}],
        }
    ]


def test_a_contact_removed_on_one_side_and_changed_on_the_other_is_a_conflict() -> None:
    ours = edited(contacts=[BASE["contacts"][1]])  # jlee removed Dana
    theirs = edited()
    theirs["contacts"][0]["email"] = "new@example.com"
    data, conflicts = merge(BASE, ours, theirs, fallback=("jlee", "mortiz"))
    assert [c["name"] for c in data["contacts"]] == ["Rick Alvarez"]  # ours stays in place
    changed = {**BASE["contacts"][0], "email": "new@example.com"}
    assert conflicts == [
        {
            "key": "contacts[Dana Ortiz]",
            "values": [{"by": "jlee"}, {"value": changed, "by": "mortiz"}],
        }
    ]


# --- offers, agreements, busy seasons ---------------------------------------------


def test_offers_match_by_kind_and_pathway() -> None:
    ours = edited(offers=[*BASE["offers"], {"kind": "tour"}])
    theirs = edited(offers=[{**BASE["offers"][0], "seats": "6"}])
    data, conflicts = merge(BASE, ours, theirs)
    assert data["offers"] == [
        {"kind": "job-shadow", "pathway": "automotive", "seats": "6"},
        {"kind": "tour"},
    ]
    assert conflicts == []


def test_one_agreement_of_a_kind_is_renewed_and_annotated_from_both_sides() -> None:
    ours = edited(agreements=[{"kind": "mou", "expires": "2027-06-30", "notes": "signed by Rick"}])
    theirs = edited(agreements=[{"kind": "mou", "expires": "2028-06-30"}])
    data, conflicts = merge(BASE, ours, theirs)
    assert data["agreements"] == [
        {"kind": "mou", "expires": "2028-06-30", "notes": "signed by Rick"}
    ]
    assert conflicts == []


def test_agreements_of_one_kind_held_by_several_match_by_holder() -> None:
    checks = [
        {"kind": "background-check", "expires": "2027-01-31", "holder": "Rick"},
        {"kind": "background-check", "expires": "2027-02-28", "holder": "Dana"},
    ]
    base = edited(agreements=checks)
    ours = edited(agreements=[{**checks[0], "expires": "2028-01-31"}, checks[1]])
    theirs = edited(agreements=[checks[0], {**checks[1], "expires": "2028-02-28"}])
    data, conflicts = merge(base, ours, theirs)
    assert [a["expires"] for a in data["agreements"]] == ["2028-01-31", "2028-02-28"]
    assert conflicts == []


def test_busy_seasons_match_by_their_days() -> None:
    ours = edited(busy_seasons=[{**BASE["busy_seasons"][0], "why": "holiday sales"}])
    theirs = edited(busy_seasons=[*BASE["busy_seasons"], {"from": "03-01", "to": "04-15"}])
    data, conflicts = merge(BASE, ours, theirs)
    assert data["busy_seasons"] == [
        {"from": "11-15", "to": "01-10", "why": "holiday sales"},
        {"from": "03-01", "to": "04-15"},
    ]
    assert conflicts == []


# --- spotlights (by date, place and title; a moved one is the same one) ------------


PLANNED = BASE["spotlights"][0]


def test_a_published_spotlight_replaces_the_planned_one_without_a_double() -> None:
    published = {**PLANNED, "date": "2026-11-24", "status": "published", "by": "mortiz"}
    data, conflicts = merge(BASE, edited(), edited(spotlights=[published]))
    assert data["spotlights"] == [published]
    assert conflicts == []


def test_a_cancelled_spotlight_stays_cancelled() -> None:
    data, conflicts = merge(BASE, edited(spotlights=[]), edited())
    assert data.get("spotlights", []) == []
    assert conflicts == []


def test_moved_on_one_side_and_published_on_the_other_is_one_spotlight_and_a_date_conflict() -> (
    None
):
    moved = {**PLANNED, "date": "2026-12-17"}
    published = {**PLANNED, "date": "2026-11-24", "status": "published", "by": "mortiz"}
    data, conflicts = merge(BASE, edited(spotlights=[moved]), edited(spotlights=[published]))
    assert data["spotlights"] == [{**moved, "status": "published", "by": "mortiz"}]
    assert [c["key"] for c in conflicts] == ["spotlights[2026-12-10, social, Shop tour].date"]


# --- text lists ----------------------------------------------------------------------


def test_text_lists_merge_item_by_item() -> None:
    ours = edited(tags=["chamber", "rotary"], needs=["social media presence"])
    theirs = edited(tags=["Chamber", "early"], needs=[*BASE["needs"], "night shifts"])
    data, conflicts = merge(BASE, ours, theirs)
    assert data["tags"] == ["chamber", "rotary", "early"]
    assert data["needs"] == ["social media presence", "night shifts"]  # the removal stands
    assert conflicts == []


def test_the_same_item_added_on_both_sides_is_kept_once() -> None:
    data, _ = merge(BASE, edited(tags=["chamber", "Rotary"]), edited(tags=["chamber", "rotary"]))
    assert data["tags"] == ["chamber", "Rotary"]


# --- scalars and mappings -----------------------------------------------------------


def test_a_scalar_changed_on_one_side_takes_that_change() -> None:
    data, conflicts = merge(BASE, edited(), edited(stage="meeting"))
    assert data["stage"] == "meeting"
    data, conflicts = merge(BASE, edited(stage="meeting"), edited())
    assert data["stage"] == "meeting"
    assert conflicts == []


def test_the_same_change_on_both_sides_lands_once() -> None:
    data, conflicts = merge(BASE, edited(stage="active"), edited(stage="active"))
    assert data["stage"] == "active"
    assert conflicts == []


def test_a_scalar_removed_on_one_side_and_unchanged_on_the_other_is_removed() -> None:
    data, conflicts = merge(BASE, edited(owner=None), edited())
    assert "owner" not in data
    assert conflicts == []


def test_a_scalar_changed_two_ways_is_a_conflict_naming_both_authors_from_their_touches() -> None:
    ours = edited(stage="meeting")
    ours["touchpoints"].append(
        touch("2026-11-24", "Stage contacted → meeting", "jlee", stage="meeting")
    )
    theirs = edited(stage="declined")
    theirs["touchpoints"].append(touch("2026-11-24", "Said no", "mortiz", stage="declined"))
    data, conflicts = merge(BASE, ours, theirs)
    assert data["stage"] == "meeting"  # ours stays in place
    assert conflicts == [
        {
            "key": "stage",
            "values": [{"value": "meeting", "by": "jlee"}, {"value": "declined", "by": "mortiz"}],
        }
    ]


def test_nested_fields_merge_one_by_one() -> None:
    ours = edited(research={"business": "Family-owned, 3 shops", "trends": "EV demand"})
    theirs = edited(research={"business": "Family-owned", "trends": "Technician shortage"})
    data, conflicts = merge(BASE, ours, theirs)
    assert data["research"] == {
        "business": "Family-owned, 3 shops",
        "trends": "Technician shortage",
    }
    assert conflicts == []


# --- next: snoozes, logs and follow-ups -------------------------------------------


def test_two_snoozes_to_different_days_are_a_next_date_conflict() -> None:
    ours = edited(next={"date": "2026-12-08", "action": "Call Dana"})
    theirs = edited(next={"date": "2026-12-15", "action": "Call Dana"})
    data, conflicts = merge(BASE, ours, theirs, fallback=("jlee", "mortiz"))
    assert data["next"] == {"date": "2026-12-08", "action": "Call Dana"}
    assert conflicts == [
        {
            "key": "next.date",
            "values": [
                {"value": "2026-12-08", "by": "jlee"},
                {"value": "2026-12-15", "by": "mortiz"},
            ],
        }
    ]


def test_two_logs_that_complete_the_follow_up_and_one_new_follow_up_merge_cleanly() -> None:
    ours = edited(next=None)
    ours["touchpoints"].append(touch("2026-11-24", "Called", "jlee", closes="2026-11-20"))
    theirs = edited(next={"date": "2026-12-01", "action": "Send dates"})
    theirs["touchpoints"].append(touch("2026-11-24", "Emailed", "mortiz", closes="2026-11-20"))
    data, conflicts = merge(BASE, ours, theirs)
    assert data["next"] == {"date": "2026-12-01", "action": "Send dates"}
    assert len(data["touchpoints"]) == 3
    assert conflicts == []
    data, conflicts = merge(BASE, theirs, ours)  # git's sides swapped (pull --rebase)
    assert data["next"] == {"date": "2026-12-01", "action": "Send dates"}
    assert conflicts == []


def test_a_follow_up_done_on_one_side_and_snoozed_on_the_other_is_a_conflict() -> None:
    ours = edited(next=None)
    ours["touchpoints"].append(touch("2026-11-24", "Called", "jlee", closes="2026-11-20"))
    theirs = edited(next={"date": "2026-12-15", "action": "Call Dana"})
    data, conflicts = merge(BASE, ours, theirs, fallback=(None, "mortiz"))
    assert "next" not in data
    assert conflicts == [
        {
            "key": "next",
            "values": [
                {"by": "jlee"},
                {"value": {"date": "2026-12-15", "action": "Call Dana"}, "by": "mortiz"},
            ],
        }
    ]


# --- the conflicts list itself ------------------------------------------------------


def test_a_conflict_resolved_on_one_side_stays_resolved_and_a_repeat_is_not_doubled() -> None:
    old = {
        "key": "stage",
        "values": [{"value": "meeting", "by": "jlee"}, {"value": "active", "by": "mortiz"}],
    }
    base = edited(conflicts=[old])
    _data, conflicts = merge(base, edited(), base)
    assert conflicts == []
    ours = edited(next={"date": "2026-12-08", "action": "Call Dana"})
    theirs = edited(next={"date": "2026-12-15", "action": "Call Dana"})
    _once, found = merge(BASE, ours, theirs)
    again = edited(next=ours["next"], conflicts=found)
    _, twice = merge(BASE, again, edited(next=theirs["next"], conflicts=found))
    assert twice == found


# --- authors ------------------------------------------------------------------------


def test_a_sides_author_is_the_one_by_of_what_it_added() -> None:
    ours = edited(touchpoints=[*BASE["touchpoints"], touch("2026-11-24", "A", "jlee")])
    assert side_author("partner", BASE, ours) == "jlee"
    both = edited(touchpoints=[*ours["touchpoints"], touch("2026-11-24", "B", "mortiz")])
    assert side_author("partner", BASE, both) is None  # two people: the commit decides
    assert side_author("partner", BASE, edited(stage="active")) is None


def test_authors_come_from_the_data_whichever_side_git_hands_as_ours() -> None:
    ours = edited(
        stage="meeting", touchpoints=[*BASE["touchpoints"], touch("2026-11-24", "Met", "jlee")]
    )
    theirs = edited(
        stage="paused", touchpoints=[*BASE["touchpoints"], touch("2026-11-24", "Hold", "mortiz")]
    )
    _, merged = merge(BASE, ours, theirs, fallback=("wrong", "wrong"))
    _, swapped = merge(BASE, theirs, ours, fallback=("wrong", "wrong"))
    assert (
        {v["by"] for v in merged[0]["values"]}
        == {v["by"] for v in swapped[0]["values"]}
        == {
            "jlee",
            "mortiz",
        }
    )


def test_the_core_returns_operations_not_text() -> None:
    merged = merge_data("partner", BASE, edited(), edited(stage="meeting"))
    assert [(op.op, op.key, op.value) for op in merged.ops] == [("set", "stage", "meeting")]
    assert merged.conflicts == ()


# --- events and settings -----------------------------------------------------------


EVENTS = {
    "events": [
        {
            "id": "breakfast",
            "name": "Chamber breakfast",
            "date": "2026-12-03",
            "partners": ["acme"],
        },
        {"id": "fair", "name": "Career fair", "date": "2027-03-10"},
    ]
}


def test_events_match_by_id_and_their_partners_merge_item_by_item() -> None:
    ours = copy.deepcopy(EVENTS)
    ours["events"][0]["partners"].append("bolt")
    ours["events"][1]["date"] = "2027-03-17"
    theirs = copy.deepcopy(EVENTS)
    theirs["events"][0]["partners"].append("kxrv")
    theirs["events"].append({"id": "open-house", "name": "Open house", "date": "2027-01-20"})
    data, conflicts = merge(EVENTS, ours, theirs, kind="events")
    assert data["events"][0]["partners"] == ["acme", "bolt", "kxrv"]
    assert data["events"][1]["date"] == "2027-03-17"
    assert [e["id"] for e in data["events"]] == ["breakfast", "fair", "open-house"]
    assert conflicts == []


def test_an_event_moved_two_ways_is_a_conflict_on_that_event() -> None:
    ours = copy.deepcopy(EVENTS)
    ours["events"][0]["date"] = "2026-12-10"
    theirs = copy.deepcopy(EVENTS)
    theirs["events"][0]["date"] = "2026-12-17"
    _, conflicts = merge(EVENTS, ours, theirs, kind="events")
    assert [c["key"] for c in conflicts] == ["events[breakfast].date"]


SETTINGS = {
    "program": "Riverside CTE",
    "pathways": [{"id": "automotive", "name": "Automotive", "skills": ["diagnostics"]}],
    "cadence": {"prospect": {"ideal": "21", "max": "45"}},
    "school_breaks": [{"name": "Winter break", "from": "2026-12-21", "to": "2027-01-01"}],
    "owners": ["jlee", "mortiz"],
}


def test_settings_merge_pathways_by_id_skills_and_owners_by_value() -> None:
    ours = copy.deepcopy(SETTINGS)
    ours["pathways"][0]["skills"].append("customer service")
    ours["owners"].append("tnguyen")
    ours["cadence"]["prospect"]["ideal"] = "14"
    theirs = copy.deepcopy(SETTINGS)
    theirs["pathways"][0]["skills"].append("detailing")
    theirs["pathways"].append({"id": "welding", "name": "Welding", "skills": []})
    theirs["owners"].append("akim")
    theirs["school_breaks"][0]["to"] = "2027-01-04"
    data, conflicts = merge(SETTINGS, ours, theirs, kind="settings")
    assert data["pathways"][0]["skills"] == ["diagnostics", "customer service", "detailing"]
    assert [p["id"] for p in data["pathways"]] == ["automotive", "welding"]
    assert data["owners"] == ["jlee", "mortiz", "tnguyen", "akim"]
    assert data["cadence"] == {"prospect": {"ideal": "14", "max": "45"}}
    assert data["school_breaks"][0]["to"] == "2027-01-04"
    assert conflicts == []


# --- the text: ours' layout and comments stay ------------------------------------------


OURS_TEXT = """\
# Riverside Auto: a good partner
name: Riverside Auto   # the group, not one shop
stage: contacted
tags: [chamber]
touchpoints:
  # oldest first
  - date: 2026-11-02
    summary: Sent intro
    by: jlee
next:
  date: 2026-11-20     # the first call
  action: Call Dana
"""


def test_theirs_lands_in_ours_text_with_every_comment_kept() -> None:
    base = OURS_TEXT
    theirs = (
        OURS_TEXT.replace("tags: [chamber]", "tags: [chamber, rotary]").replace(
            "  date: 2026-11-20     # the first call", "  date: 2026-12-01"
        )
        + "notes: Ask about the EV bay\n"
    )
    ours = OURS_TEXT.replace("stage: contacted", "stage: meeting")
    result = merge_texts("partner", base, ours, theirs, "partners/riverside-auto.yaml")
    assert result.text == (
        ours.replace("tags: [chamber]", "tags: [chamber, rotary]").replace(
            "  date: 2026-11-20     # the first call", "  date: 2026-12-01     # the first call"
        )
        + "notes: Ask about the EV bay\n"
    )
    assert result.conflicts == ()


def test_a_side_that_is_not_yaml_is_refused_for_a_text_merge() -> None:
    with pytest.raises(MergeRefused, match="their side"):
        merge_texts("partner", OURS_TEXT, OURS_TEXT, "name: [unclosed\n", "partners/x.yaml")


# --- properties ------------------------------------------------------------------------

SUMMARIES = st.sampled_from(["Called", "Emailed", "Visited", "Met at the fair", "Sent dates"])
TOUCHES = st.lists(
    st.tuples(
        st.sampled_from(["2026-11-23", "2026-11-24"]),
        SUMMARIES,
        st.sampled_from(["jlee", "mortiz"]),
    ),
    max_size=4,
    unique=True,
)


@settings(max_examples=60, deadline=None)
@given(kept=st.lists(st.booleans(), min_size=3, max_size=3), mine=TOUCHES, yours=TOUCHES)
def test_every_touch_added_is_kept_once_and_every_removed_stays_removed(
    kept: list[bool], mine: list[tuple[str, str, str]], yours: list[tuple[str, str, str]]
) -> None:
    old = [touch(f"2026-10-0{i + 1}", f"Old {i}", "jlee") for i in range(3)]
    base = edited(touchpoints=old)
    ours = edited(touchpoints=[*old, *(touch(*t) for t in mine)])
    theirs_old = [t for t, keep in zip(old, kept, strict=True) if keep]
    theirs = edited(touchpoints=[*theirs_old, *(touch(*t) for t in yours)])
    data, conflicts = merge(base, ours, theirs)
    expected = {(t["date"], t["summary"], t["by"]) for t in theirs_old}
    expected |= set(mine) | set(yours)
    found = [(t["date"], t["summary"], t["by"]) for t in data.get("touchpoints", [])]
    assert sorted(found) == sorted(expected)  # each once, nothing removed comes back
    assert conflicts == []


def test_ours_line_endings_and_bom_stay_whatever_theirs_uses() -> None:
    base = OURS_TEXT
    ours = "\ufeff" + OURS_TEXT.replace("\n", "\r\n")
    theirs = OURS_TEXT.replace(
        "next:\n", "  - date: 2026-11-24\n    summary: Called\n    by: mortiz\nnext:\n"
    )
    result = merge_texts("partner", base, ours, theirs, "partners/riverside-auto.yaml")
    assert result.text.startswith("\ufeff# Riverside Auto")
    assert (
        "    by: jlee\r\n  - date: 2026-11-24\r\n    summary: Called\r\n    by: mortiz\r\nnext:\r\n"
        in result.text
    )
    assert "\n" not in result.text.replace("\r\n", "")
