"""The due engine on records built from models: each rule both ways, statuses, order, urgency."""

from __future__ import annotations

from datetime import date
from typing import Any

from partnerctl.core.due import DueItem, actionable, due_items, for_owner, next_due
from partnerctl.model import (
    Event,
    Partner,
    Settings,
    default_settings,
    event_record,
    partner_record,
    settings_record,
)

T = date(2026, 11, 24)
SETTINGS = default_settings()


def partner(pid: str = "acme", **fields: Any) -> Any:
    """A partner record; `stage` defaults to contacted, contacts to one decision maker."""
    data: dict[str, Any] = {"name": pid.title(), "stage": "contacted"}
    data["contacts"] = [{"name": "Dana Ortiz", "decision_maker": True}]
    data.update(fields)
    return partner_record(Partner.model_validate(data), pid, f"partners/{pid}.yaml")


def event(eid: str = "breakfast", **fields: Any) -> Any:
    data: dict[str, Any] = {"id": eid, "name": "Chamber breakfast", "date": date(2026, 12, 3)}
    data.update(fields)
    return event_record(Event.model_validate(data), "events/2026.yaml")


def items(*partners: Any, events: tuple[Any, ...] = (), **options: Any) -> list[DueItem]:
    settings = options.pop("settings", SETTINGS)
    today = options.pop("today", T)
    return due_items(settings, list(partners), list(events), today, **options)


def kinds(found: list[DueItem]) -> list[tuple[str, str]]:
    return [(item.kind, item.status) for item in found]


# --- rule 1: follow-ups -------------------------------------------------------


def test_follow_up_overdue_due_upcoming_and_not_yet() -> None:
    def one(day: date, **options: Any) -> list[tuple[str, str]]:
        return kinds(items(partner(next={"date": day, "action": "Call"}), **options))

    assert one(date(2026, 11, 20)) == [("follow-up", "overdue")]
    assert one(T) == [("follow-up", "due")]
    assert one(date(2026, 11, 25)) == []
    assert one(date(2026, 11, 27), within=3) == [("follow-up", "upcoming")]
    assert one(date(2026, 11, 28), within=3) == []


def test_follow_up_fields_and_design_json_example() -> None:
    record = partner(
        "riverside-auto",
        owner="jlee",
        channel="email",
        early_adopter=True,
        busy_seasons=[{"from": "11-15", "to": "01-10", "why": "sales"}],
        next={"date": date(2026, 11, 20), "action": "Call Dana about spring shadow dates"},
    )
    (item,) = items(record)
    assert item.as_json() == {
        "partner": "riverside-auto",
        "kind": "follow-up",
        "status": "overdue",
        "date": "2026-11-20",
        "days_late": 4,
        "action": "Call Dana about spring shadow dates",
        "contact": "Dana Ortiz",
        "channel": "email",
        "owner": "jlee",
        "urgency": 4.4,
        "warnings": ["busy season until 01-10"],
        # Beyond DESIGN's example: the commands that act on it, ready to paste.
        "commands": [
            'partnerctl log riverside-auto "…"',
            "partnerctl snooze riverside-auto +1w",
        ],
    }
    assert item.terms == {"lateness": 0.4, "stage": 1.0, "early_adopter": 1.0, "kind": 2.0}


def test_follow_up_outside_a_season_has_no_warning_and_no_action_text() -> None:
    record = partner(
        busy_seasons=[{"from": "03-01", "to": "04-15"}], next={"date": T, "action": None}
    )
    (item,) = items(record)
    assert item.warnings == ()
    assert item.action == "follow up (no action set)"
    assert "warnings" not in item.as_json()


# --- rule 2: cadence ------------------------------------------------------------


def test_cadence_ideal_and_max_boundaries() -> None:
    # contacted: ideal 7, max 14
    def status(last: date) -> list[tuple[str, str]]:
        touch = {"date": last, "summary": "hello"}
        return kinds(items(partner(touchpoints=[touch])))

    assert status(date(2026, 11, 18)) == []  # 6 days
    assert status(date(2026, 11, 17)) == [("cadence", "due")]  # 7 days
    assert status(date(2026, 11, 11)) == [("cadence", "due")]  # 13 days
    assert status(date(2026, 11, 10)) == [("cadence", "overdue")]  # 14 days


def test_cadence_date_action_and_since() -> None:
    (item,) = items(partner(touchpoints=[{"date": date(2026, 11, 1)}, {"date": date(2026, 10, 1)}]))
    assert item.date == date(2026, 11, 9)  # 11-01 + 7 is a Sunday: the check-in falls on Monday
    assert item.days_late == 15
    assert item.status == "overdue"
    assert item.action == "check in (last touch 2026-11-01, every 7 days)"
    (item,) = items(partner(since=date(2026, 11, 10)))
    assert item.action == "check in (partner since 2026-11-10, every 7 days)"
    assert item.status == "overdue"


def test_never_touched_without_since_is_due_now() -> None:
    (item,) = items(partner(stage="prospect"))
    assert (item.kind, item.status, item.date, item.days_late) == ("cadence", "due", T, 0)
    assert item.action == "check in (never touched)"


def test_a_next_suppresses_cadence() -> None:
    record = partner(since=date(2025, 1, 1), next={"date": date(2027, 1, 1), "action": "x"})
    assert items(record) == []


def test_partial_cadence_settings_keep_defaults() -> None:
    settings = settings_record(
        Settings.model_validate({"program": "P", "cadence": {"contacted": {"ideal": 2, "max": 3}}})
    )
    since = partner(since=date(2026, 11, 22))
    assert kinds(items(since, settings=settings)) == [("cadence", "due")]
    prospect = partner(stage="prospect", since=date(2026, 11, 10))
    assert kinds(items(prospect, settings=settings)) == []  # prospect keeps ideal 21


def test_cadence_upcoming_with_within() -> None:
    record = partner(since=date(2026, 11, 20))  # due 11-27
    assert kinds(items(record, within=2)) == []
    (item,) = items(record, within=3)
    assert (item.status, item.date, item.days_late) == ("upcoming", date(2026, 11, 27), -3)
    assert item.terms["lateness"] == 0


def test_declined_partners_are_never_due() -> None:
    record = partner(
        stage="declined",
        next={"date": date(2026, 1, 1), "action": "x"},
        agreements=[{"kind": "mou", "expires": date(2026, 1, 1)}],
    )
    assert items(record, within=400, include_deferred=True) == []


# --- rule 3: busy seasons -----------------------------------------------------


def test_cadence_in_busy_season_is_deferred_until_the_day_after() -> None:
    record = partner(
        since=date(2026, 10, 1), busy_seasons=[{"from": "11-15", "to": "01-10", "why": "sales"}]
    )
    assert items(record) == []
    (item,) = items(record, include_deferred=True)
    assert item.status == "deferred"
    assert item.deferred_until == date(2027, 1, 11)
    assert item.as_json()["deferred_until"] == "2027-01-11"
    # once the season is over, the normal rule applies again
    (after,) = items(record, today=date(2027, 1, 11))
    assert after.status == "overdue"
    # on the season's last day it is still held
    assert items(record, today=date(2027, 1, 10)) == []


def test_overlapping_seasons_defer_past_both() -> None:
    seasons = [{"from": "11-15", "to": "12-01"}, {"from": "11-30", "to": "12-20"}]
    record = partner(since=date(2026, 10, 1), busy_seasons=seasons)
    (item,) = items(record, include_deferred=True)
    assert item.deferred_until == date(2026, 12, 21)


def test_upcoming_cadence_that_falls_in_a_season_is_deferred() -> None:
    record = partner(since=date(2026, 11, 20), busy_seasons=[{"from": "11-26", "to": "11-30"}])
    assert items(record, within=5) == []
    (item,) = items(record, within=5, include_deferred=True)
    assert (item.status, item.deferred_until) == ("deferred", date(2026, 12, 1))


def test_leap_day_season_ends_on_02_28_in_other_years() -> None:
    record = partner(since=date(2027, 1, 1), busy_seasons=[{"from": "02-01", "to": "02-29"}])
    (item,) = items(record, today=date(2027, 2, 10), include_deferred=True)
    assert item.deferred_until == date(2027, 3, 1)
    (item,) = items(record, today=date(2028, 2, 10), include_deferred=True)
    assert item.deferred_until == date(2028, 3, 1)
    assert kinds(items(record, today=date(2027, 3, 1))) == [("cadence", "overdue")]


# --- rule 4: events -------------------------------------------------------------


def test_event_prepare_window() -> None:
    breakfast = event(prepare=14, owner="jlee", partners=["acme"])  # on 12-03
    (item,) = items(events=(breakfast,))  # T = 11-24 is inside 11-19 .. 12-03
    assert item.as_json() == {
        "kind": "event",
        "status": "due",
        "date": "2026-11-19",
        "days_late": 5,
        "action": "prepare: Chamber breakfast on 2026-12-03",
        "event": "breakfast",
        "event_date": "2026-12-03",
        "partners": ["acme"],
        "owner": "jlee",
        "urgency": 1.5,
        "commands": ['partnerctl log acme "…"'],
    }
    assert items(events=(breakfast,), today=date(2026, 11, 18)) == []
    assert kinds(items(events=(breakfast,), today=date(2026, 12, 3))) == [("event", "due")]
    assert items(events=(breakfast,), today=date(2026, 12, 4)) == []  # past occurrences


def test_event_without_prepare_is_due_on_its_day_and_upcoming_within() -> None:
    breakfast = event()
    assert items(events=(breakfast,)) == []
    assert kinds(items(events=(breakfast,), today=date(2026, 12, 3))) == [("event", "due")]
    assert kinds(items(events=(breakfast,), within=9)) == [("event", "upcoming")]
    assert kinds(items(events=(breakfast,), within=8)) == []


def test_repeating_event_gives_one_item_per_occurrence() -> None:
    weekly = event(repeat="FREQ=WEEKLY", date=date(2026, 11, 3), prepare=7)
    found = items(events=(weekly,))  # occurrences 11-24 and 12-01 are within 7 days
    assert [item.event_date for item in found] == [date(2026, 11, 24), date(2026, 12, 1)]
    assert [item.status for item in found] == ["due", "due"]


# --- rule 5: recognition -------------------------------------------------------


def test_recognition_periodic_and_milestone() -> None:
    spot = {"date": date(2026, 8, 26), "where": "social", "status": "published"}
    step = {"date": date(2027, 1, 1), "action": "x"}  # no cadence item
    (item,) = items(partner(stage="active", since=date(2025, 1, 1), spotlights=[spot], next=step))
    assert (item.kind, item.status, item.date) == ("recognition", "due", date(2026, 11, 24))
    assert item.action == "last spotlight 2026-08-26: recognize every 90 days"
    later = dict(spot, date=date(2026, 8, 27))
    record = partner(stage="active", since=date(2025, 1, 1), spotlights=[later], next=step)
    assert items(record) == []
    assert kinds(items(record, within=1)) == [("recognition", "upcoming")]
    milestone = {"date": date(2026, 11, 1), "outcome": "milestone", "summary": "First hire"}
    record = partner(
        stage="active",
        since=date(2025, 1, 1),
        spotlights=[later],
        touchpoints=[milestone],
        next=step,
    )
    (item,) = items(record)
    assert (item.status, item.date) == ("due", date(2026, 11, 1))
    assert item.action == "milestone 2026-11-01: First hire"


def test_recognition_only_for_active_partners() -> None:
    assert items(partner(stage="committed", since=date(2020, 1, 1), next=None)) != []
    found = items(partner(stage="committed", since=date(2020, 1, 1)))
    assert "recognition" not in [item.kind for item in found]


# --- rule 6: decision maker ----------------------------------------------------


def test_missing_decision_maker_by_stage() -> None:
    step = {"date": date(2027, 1, 1), "action": "x"}
    for stage in ("meeting", "committed", "active"):
        record = partner(stage=stage, contacts=[{"name": "Sam"}], next=step, since=T)
        found = [i for i in items(record) if i.kind == "decision-maker"]
        assert len(found) == 1
        assert (found[0].status, found[0].date, found[0].contact) == ("due", T, "Sam")
        assert found[0].terms["kind"] == -1
    for stage in ("prospect", "contacted", "paused", "lapsed"):
        assert items(partner(stage=stage, contacts=[], next=step)) == []
    assert items(partner(stage="meeting", next=step)) == []  # has a decision maker


# --- rule 7: agreements ---------------------------------------------------------


def test_agreement_notice_and_expiry() -> None:
    step = {"date": date(2027, 6, 1), "action": "x"}

    def one(expires: date, **options: Any) -> list[DueItem]:
        agreements = [{"kind": "mou", "expires": expires}]
        return items(partner(agreements=agreements, next=step), **options)

    assert one(date(2026, 12, 25)) == []  # 31 days away
    (item,) = one(date(2026, 12, 24))  # 30 days: due, dated expiry - 30
    assert (item.status, item.date, item.action) == (
        "due",
        T,
        "renew mou (expires 2026-12-24)",
    )
    (item,) = one(T)
    assert item.status == "due"  # expires today: not yet expired
    (item,) = one(date(2026, 11, 23))
    assert (item.status, item.action) == ("overdue", "renew mou (expired 2026-11-23)")
    (item,) = one(date(2026, 12, 25), within=1)
    assert item.status == "upcoming"


# --- order, urgency, filters ------------------------------------------------------


def test_order_by_status_then_urgency() -> None:
    step_late = {"date": date(2026, 11, 14), "action": "late"}
    records = [
        partner("a-prospect", stage="prospect"),  # cadence due, urgency 0
        partner("b-late", next=step_late),  # follow-up overdue: 1.0 + 1 + 2
        partner("c-active", stage="active", since=T, contacts=[]),  # decision-maker: 3 - 1
        partner("d-upcoming", next={"date": date(2026, 11, 26), "action": "soon"}),
        partner("e-early", stage="prospect", early_adopter=True, next={"date": T, "action": "now"}),
    ]
    found = items(*records, within=5)
    assert [(i.subject, i.status, i.urgency) for i in found] == [
        ("b-late", "overdue", 4.0),
        ("e-early", "due", 3.0),
        ("c-active", "due", 2.0),
        ("a-prospect", "due", 0.0),
        ("d-upcoming", "upcoming", 3.0),
    ]


def test_lateness_is_capped_at_five() -> None:
    (item,) = items(partner(stage="prospect", next={"date": date(2025, 1, 1), "action": "x"}))
    assert item.terms["lateness"] == 5.0
    assert item.urgency == 7.0


def test_owner_filter_and_check_counts() -> None:
    mine = partner("mine", owner="jlee", stage="prospect")
    theirs = partner("theirs", owner="mortiz", stage="prospect")
    found = items(
        mine,
        theirs,
        events=(
            event("owned", owner="jlee", date=T),
            event("other", owner="mortiz", date=T),
            event("nobody", date=T),
        ),
        within=30,
    )
    kept = for_owner(found, "jlee")
    assert sorted(item.subject for item in kept) == ["mine", "nobody", "owned"]
    assert len(actionable(found)) == 5


def test_next_due_finds_the_earliest_upcoming() -> None:
    records = [
        partner("later", next={"date": date(2026, 12, 20), "action": "x"}),
        partner("sooner", next={"date": date(2026, 12, 1), "action": "y"}),
    ]
    found = next_due(SETTINGS, records, [], T)
    assert found is not None and (found.partner, found.date) == ("sooner", date(2026, 12, 1))
    assert next_due(SETTINGS, [], [], T) is None
