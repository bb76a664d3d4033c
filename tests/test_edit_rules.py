"""The edit rules of core, on plain records: no YAML, no files, no clock."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerctl.core import suggest
from partnerctl.core.change import Change, Op, append, remove_item, remove_key, set_field, set_key
from partnerctl.core.contacts import contact_change
from partnerctl.core.record import agreement, busy_season, list_item, offer, reassign, set_scalar
from partnerctl.core.spotlight_edits import add_spotlight, cancel, find_planned, move, publish
from partnerctl.core.touch import NextStep, Touch, log_touch, move_stage, plan_next, snooze
from partnerctl.core.workdays import next_open_day, open_day_for
from partnerctl.errors import UsageError
from partnerctl.model import Partner, PartnerRec, Settings, partner_record, settings_record

T = date(2026, 11, 24)  # a Tuesday


def partner(**fields: Any) -> PartnerRec:
    fields.setdefault("name", "Acme")
    fields.setdefault("stage", "contacted")
    return partner_record(Partner.model_validate(fields), "acme", "partners/acme.yaml")


SETTINGS = settings_record(
    Settings.model_validate(
        {
            "program": "P",
            "school_breaks": [{"name": "Winter break", "from": "2026-12-21", "to": "2027-01-01"}],
        }
    )
)


# --- log and the `next` rule ---------------------------------------------------------


def test_a_touch_clears_a_due_follow_up_and_records_what_it_closed() -> None:
    record = partner(channel="email", next={"date": "2026-11-20", "action": "Call Dana"})
    change = log_touch(record, Touch(T, "Called Dana", by="jlee"), T, NextStep())
    assert change.ops == (
        Op("append", "touchpoints", {"date": T, "channel": "email", "summary": "Called Dana",
                                     "by": "jlee", "closes": date(2026, 11, 20)}),
        Op("remove", "next"),
    )  # fmt: skip
    assert change.said == (
        'logged acme: 2026-11-24 email "Called Dana"; '
        'cleared follow-up "Call Dana" (was 2026-11-20)',
    )


def test_a_later_follow_up_stays_and_a_new_one_keeps_its_action() -> None:
    record = partner(next={"date": "2026-12-01", "action": "Send dates"})
    stays = log_touch(record, Touch(T, "Emailed"), T, NextStep())
    assert [op.op for op in stays.ops] == ["append"]
    assert stays.said[0].endswith("; follow-up stays on 2026-12-01")
    moved = log_touch(record, Touch(T, "Emailed"), T, NextStep(date=date(2026, 12, 8)))
    assert moved.ops[-1] == set_key("next", {"date": date(2026, 12, 8), "action": "Send dates"})
    cleared = log_touch(record, Touch(T, "Emailed"), T, NextStep(clear=True))
    assert cleared.ops[0].value["closes"] == date(2026, 12, 1)
    assert cleared.ops[-1] == remove_key("next")


def test_a_new_follow_up_without_an_action_says_how_to_add_one() -> None:
    change = log_touch(partner(), Touch(T, "Met"), T, NextStep(date=date(2026, 12, 2)))
    assert change.said[0].endswith(
        'next 2026-12-02 (no action: add one with partnerctl snooze acme 2026-12-02 --action "…")'
    )


def test_stage_moves_with_a_touchpoint_or_says_nothing_changed() -> None:
    change = move_stage(partner(), "meeting", T, None, by="mortiz")
    assert change.ops == (
        set_key("stage", "meeting"),
        Op("append", "touchpoints",
           {"date": T, "summary": "Stage contacted → meeting", "stage": "meeting", "by": "mortiz"}),
    )  # fmt: skip
    same = move_stage(partner(), "contacted", T, None)
    assert (same.ops, same.said) == ((), ("acme is already at stage contacted; nothing changed",))


def test_snooze_keeps_the_action_and_refuses_without_one() -> None:
    record = partner(next={"date": "2026-11-20", "action": "Call"})
    change = snooze(record, date(2026, 12, 1), None, "+1w")
    assert change.ops == (set_key("next", {"date": date(2026, 12, 1), "action": "Call"}),)
    assert change.said == ('snoozed acme: follow-up "Call" moved 2026-11-20 → 2026-12-01',)
    assert snooze(record, date(2026, 11, 20), None, "2026-11-20").ops == ()
    with pytest.raises(UsageError) as caught:
        snooze(partner(), date(2026, 12, 1), None, "+1w")
    assert caught.value.hint == 'make one: partnerctl snooze acme +1w --action "…"'


def test_plan_next_keeps_a_follow_up_set_meanwhile() -> None:
    assert plan_next(partner(), T, "Introduce").ops == (
        set_key("next", {"date": T, "action": "Introduce"}),
    )
    taken = plan_next(partner(next={"date": "2026-12-01"}), T, "Introduce")
    assert (taken.ops, taken.said) == ((), ("skipped partners/acme.yaml: it has a `next` now",))


# --- contacts, lists, scalars ----------------------------------------------------------


def test_contacts_match_by_name_any_case_and_spacing() -> None:
    record = partner(contacts=[{"name": "Dana Ortiz", "phone": "555"}])
    change = contact_change(record, "dana  ORTIZ", {"decision_maker": True})
    assert change.ops == (set_field("contacts", 0, "decision_maker", True),)
    added = contact_change(record, "Sam Lee", {"role": "GM"})
    assert added.ops == (append("contacts", {"name": "Sam Lee", "role": "GM"}),)
    assert contact_change(record, "Dana Ortiz", {}, remove=True).ops == (
        remove_item("contacts", 0),
    )
    with pytest.raises(UsageError) as caught:
        contact_change(record, "Dana Ortis", {}, remove=True)
    assert caught.value.hint == "did you mean 'Dana Ortiz'?"


def test_list_items_add_once_and_remove_by_text() -> None:
    record = partner(needs=["Saturday shop coverage"])
    assert list_item(record, "needs", "need", "saturday  SHOP coverage").ops == ()
    assert list_item(record, "needs", "need", "Weekend help").ops == (
        append("needs", "Weekend help"),
    )
    assert list_item(record, "needs", "need", "SATURDAY shop coverage", remove=True).ops == (
        remove_item("needs", 0),
    )


def test_scalars_say_what_they_were() -> None:
    record = partner(distance_miles=2.4, early_adopter=True)
    assert set_scalar(record, "distance_miles", 3).said == ("acme: distance_miles 3 (was 2.4)",)
    assert set_scalar(record, "early_adopter", False).ops == (set_key("early_adopter", None),)
    assert set_scalar(record, "distance_miles", 2.4).ops == ()


def test_offers_agreements_and_busy_seasons() -> None:
    record = partner(
        offers=[{"kind": "job-shadow", "pathway": "automotive", "seats": 4}],
        agreements=[{"kind": "mou", "expires": "2026-12-31"}],
        busy_seasons=[{"from": "11-15", "to": "01-10"}],
    )
    assert offer(record, "job-shadow", None, {"seats": 6}).ops == (
        set_field("offers", 0, "seats", 6),
    )
    renewed = agreement(record, "mou", None, date(2027, 12, 31), {})
    assert renewed.ops == (set_field("agreements", 0, "expires", date(2027, 12, 31)),)
    assert renewed.said == ("acme: agreement mou renewed: expires 2027-12-31 (was 2026-12-31)",)
    assert busy_season(record, "11-15", "01-10", None, remove=True).ops == (
        remove_item("busy_seasons", 0),
    )
    assert reassign(partner(owner="jlee"), "jlee", "mortiz").ops == (set_key("owner", "mortiz"),)
    assert reassign(partner(owner="ana"), "jlee", "mortiz").said == (
        "skipped acme: owned by ana now",
    )


# --- spotlights -------------------------------------------------------------------------


def test_publishing_a_planned_spotlight_never_doubles_it() -> None:
    plan = {"date": "2026-12-01", "where": "social", "title": "Tour", "status": "planned"}
    record = partner(stage="active", spotlights=[plan])
    same = add_spotlight(record, "social", "tour", T, is_planned=False, by=None)
    assert [op.op for op in same.ops] == ["set_item", "set_item"]  # status and date, no append
    index = find_planned(record, None, None)
    assert (
        publish(record, index, T, None, None)
        .said[0]
        .startswith("published the planned spotlight for acme: 2026-11-24 social")
    )
    assert move(record, index, date(2026, 12, 8)).ops == (
        set_field("spotlights", 0, "date", date(2026, 12, 8)),
    )
    assert cancel(record, index).ops == (remove_item("spotlights", 0),)


# --- suggestions --------------------------------------------------------------------------


def test_suggestions_carry_what_partnerctl_knows() -> None:
    one = partner(contacts=[{"name": "Dana O'Brien"}])
    assert suggest.decision_maker(one) == (
        'partnerctl contact acme --name "Dana O\'Brien" --decision-maker',
    )
    two = partner(contacts=[{"name": "A"}, {"name": "B"}])
    assert suggest.decision_maker(two) == ('partnerctl contact acme --name "…" --decision-maker',)
    record = partner(
        agreements=[
            {"kind": "background-check", "holder": "Dana", "expires": "2027-01-01"},
            {"kind": "background-check", "holder": "Sam Lee", "expires": "2027-02-01"},
        ]
    )
    assert suggest.renew(record, record["agreements"][1]) == (
        'partnerctl agreement acme background-check --holder "Sam Lee" --expires YYYY-MM-DD',
    )


# --- open days ------------------------------------------------------------------------------


def test_shorthand_moves_off_weekends_and_breaks_and_iso_is_kept() -> None:
    saturday = date(2026, 11, 28)
    assert open_day_for(SETTINGS, saturday, shorthand=True) == (
        date(2026, 11, 30),
        "2026-11-28 is a Saturday: moved to Mon 2026-11-30",
    )
    assert open_day_for(SETTINGS, saturday, shorthand=False) == (
        saturday,
        "2026-11-28 is a Saturday; kept as given",
    )
    assert open_day_for(SETTINGS, date(2026, 12, 23), shorthand=True) == (
        date(2027, 1, 4),
        "2026-12-23 is in Winter break: moved to Mon 2027-01-04",
    )
    assert open_day_for(SETTINGS, T, shorthand=True) == (T, None)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2900, 12, 31)))
def test_the_next_open_day_is_open_and_never_earlier(day: date) -> None:
    found = next_open_day(SETTINGS, day)
    assert found >= day and found - day <= timedelta(days=15)
    assert found.weekday() < 5
    assert not date(2026, 12, 21) <= found <= date(2027, 1, 1)


def test_a_change_is_json_with_its_operations() -> None:
    change = Change("acme", (set_key("next", {"date": T, "action": None}),), ("said",))
    assert change.as_json() == {
        "partner": "acme",
        "created": False,
        "changed": True,
        "said": ["said"],
        "ops": [{"op": "set", "key": "next", "value": {"date": "2026-11-24"}}],
    }
