"""due's work-based-learning and advisory rules on records: each both ways, with dates and status.

Placement paperwork (due before the start, overdue from it), a document that
expires during a placement, hours behind pace, the evaluation at the end; a
meeting's notice, a member's term, and too few meetings in the school year.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, copy_data, run_cli
from partnerctl.core.due import DueItem, due_items, for_owner
from partnerctl.model import (
    Event,
    Partner,
    Placement,
    Settings,
    event_record,
    partner_record,
    placement_record,
    settings_record,
)

T = date(2026, 11, 24)  # a Tuesday; Thanksgiving break follows
SETTINGS = settings_record(
    Settings.model_validate(
        {
            "program": "Test",
            "pathways": [{"id": "automotive", "name": "Auto"}, {"id": "health", "name": "Health"}],
            "school_breaks": [{"name": "Thanksgiving", "from": "2026-11-25", "to": "2026-11-27"}],
        }
    )
)


def settings(**fields: Any) -> Any:
    data: dict[str, Any] = {
        "program": "Test",
        "pathways": [{"id": "automotive", "name": "Auto"}, {"id": "health", "name": "Health"}],
    }
    data.update(fields)
    return settings_record(Settings.model_validate(data))


def partner(pid: str = "bolt", **fields: Any) -> Any:
    data: dict[str, Any] = {
        "name": pid.title(),
        "stage": "active",
        "since": date(2026, 11, 1),  # no recognition item before 2027-01-30
        "next": {"date": date(2027, 3, 1), "action": "Later"},  # no cadence item
        "owner": "jlee",
        "contacts": [{"name": "Dana Ortiz", "decision_maker": True}],
    }
    data.update(fields)
    return partner_record(Partner.model_validate(data), pid, f"partners/{pid}.yaml")


def placement(pid: str = "bolt-2026-12", **fields: Any) -> Any:
    data: dict[str, Any] = {
        "partner": "bolt",
        "kind": "job-shadow",
        "student": "S-0001",
        "supervisor": "Dana Ortiz",
        "start": date(2026, 12, 1),
        "end": date(2026, 12, 4),
    }
    data.update(fields)
    return placement_record(Placement.model_validate(data), pid, f"placements/{pid}.yaml")


def items(
    *placements: Any, partners: tuple[Any, ...] | None = None, **options: Any
) -> list[DueItem]:
    found = due_items(
        options.pop("settings", SETTINGS),
        list(partners if partners is not None else (partner(),)),
        list(options.pop("events", ())),
        options.pop("today", T),
        placements=list(placements),
        **options,
    )
    return found


def mine(found: list[DueItem], kind: str) -> list[tuple[str, str, date]]:
    return [(item.status, item.action, item.date) for item in found if item.kind == kind]


# --- paperwork --------------------------------------------------------------------


def test_paperwork_is_due_before_the_start_and_overdue_from_it() -> None:
    shadow = placement()  # a job shadow needs parent-consent; starts 2026-12-01
    action = "paperwork missing before the start on 2026-12-01: parent-consent"
    assert mine(items(shadow, today=date(2026, 11, 16)), "paperwork") == []
    assert mine(items(shadow, today=date(2026, 11, 16), within=1), "paperwork") == [
        ("upcoming", action, date(2026, 11, 17))
    ]
    assert mine(items(shadow, today=date(2026, 11, 17)), "paperwork") == [
        ("due", action, date(2026, 11, 17))
    ]
    on_the_day = "paperwork missing since the start on 2026-12-01: parent-consent"
    assert mine(items(shadow, today=date(2026, 12, 1)), "paperwork") == [
        ("overdue", on_the_day, date(2026, 11, 17))
    ]
    # once it is over, missing paperwork is no longer something to get
    assert mine(items(shadow, today=date(2026, 12, 5)), "paperwork") == []
    done = placement(paperwork=[{"kind": "parent-consent", "date": date(2026, 11, 10)}])
    assert mine(items(done, today=date(2026, 11, 20)), "paperwork") == []


def test_paperwork_rules_by_offer_kind_hazardous_work_and_three_holders() -> None:
    rules = settings(
        paperwork={"internship": ["training-agreement", "background-check", "insurance"]}
    )
    intern = placement(kind="internship", hazardous=True)
    bare = partner(agreements=[])
    [item] = items(intern, partners=(bare,), settings=rules, today=date(2026, 11, 20))
    assert item.action == (
        "paperwork missing before the start on 2026-12-01: training-agreement, "
        "background-check, insurance, student-learner-exemption"
    )
    assert item.commands == (
        "partnerctl placement paperwork bolt-2026-12 training-agreement",
        'partnerctl agreement bolt background-check --holder "Dana Ortiz" --expires YYYY-MM-DD',
        "partnerctl agreement bolt insurance --expires YYYY-MM-DD",
        "partnerctl placement paperwork bolt-2026-12 student-learner-exemption",
    )
    assert item.rule == (
        "an internship needs training-agreement, background-check, insurance (paperwork), "
        "and hazardous work a student-learner-exemption, on file 14 days before the start "
        "(paperwork_notice); overdue from the start"
    )
    assert (item.placement, item.student, item.contact, item.partner) == (
        "bolt-2026-12", "S-0001", "Dana Ortiz", "bolt"
    )  # fmt: skip
    # the supervisor's check (held by them, or by the business for its staff) and the
    # partner's insurance are partner agreements
    covered = partner(
        agreements=[
            {"kind": "background-check", "holder": "dana ortiz", "expires": date(2027, 6, 30)},
            {"kind": "insurance", "expires": date(2027, 6, 30)},
        ]
    )
    [item] = items(intern, partners=(covered,), settings=rules, today=date(2026, 11, 20))
    assert item.action.endswith(": training-agreement, student-learner-exemption")
    staff = partner(agreements=[{"kind": "background-check", "expires": date(2027, 6, 30)}])
    [item] = items(intern, partners=(staff,), settings=rules, today=date(2026, 11, 20))
    assert "background-check" not in item.action
    # someone else's check does not cover the supervisor
    other = partner(
        agreements=[
            {"kind": "background-check", "holder": "Sam Reed", "expires": date(2027, 6, 30)}
        ]
    )
    [item] = items(intern, partners=(other,), settings=rules, today=date(2026, 11, 20))
    assert "background-check" in item.action


# --- documents expiring during a placement ------------------------------------------


def test_a_placement_document_that_expires_before_the_end() -> None:
    apprentice = placement(
        kind="apprenticeship",
        start=date(2026, 9, 1),
        end=date(2027, 5, 28),
        paperwork=[
            {"kind": "training-agreement", "date": date(2026, 8, 20)},
            {"kind": "parent-consent", "date": date(2026, 8, 20)},
            {"kind": "work-permit", "date": date(2026, 8, 20), "expires": date(2027, 1, 15)},
        ],
    )
    [item] = items(apprentice)
    assert (item.kind, item.status, item.date) == ("expiry", "due", date(2026, 8, 18))
    assert item.action == "work-permit expires 2027-01-15, before the placement ends 2027-05-28"
    assert item.commands == (
        "partnerctl placement paperwork bolt-2026-12 work-permit --date YYYY-MM-DD "
        "--expires YYYY-MM-DD",
    )
    late = items(apprentice, today=date(2027, 1, 20))
    assert [(i.kind, i.status) for i in late] == [("expiry", "overdue")]


def test_a_partner_agreement_expiring_during_a_placement() -> None:
    intern = placement(
        kind="mentorship",
        start=date(2026, 10, 1),
        end=date(2027, 5, 28),
        paperwork=[{"kind": "parent-consent", "date": date(2026, 9, 20)}],
    )
    check = {"kind": "background-check", "holder": "Dana Ortiz", "expires": date(2027, 3, 1)}
    host = partner(agreements=[check])
    # months ahead of the renewal: an expiry item of the placement's own
    [item] = items(intern, partners=(host,))
    assert (item.kind, item.date) == ("expiry", date(2026, 9, 17))
    assert item.action == (
        "background-check of Dana Ortiz expires 2027-03-01, before the placement ends 2027-05-28"
    )
    # once the renewal falls due, the agreement's item takes over, naming the placement
    found = items(intern, partners=(host,), today=date(2027, 2, 1))
    assert [(i.kind, i.warnings) for i in found if i.kind in ("agreement", "expiry")] == [
        ("agreement", ("placement bolt-2026-12 runs until 2027-05-28",))
    ]
    # a document that covers the placement to its end gives nothing
    long = partner(agreements=[{**check, "expires": date(2027, 5, 28)}])
    assert items(intern, partners=(long,)) == []


# --- hours ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("logged", "status"), [(40, None), (38, None), (37, "due"), (24, "due"), (23, "overdue")]
)
def test_hours_behind_pace(logged: int, status: str | None) -> None:
    # 2026-11-02 .. 2026-12-11: 27 open days (Thanksgiving break aside), 16 of them before T:
    # 80 * 16 / 27 = 47.4 expected; due below 80% (37.9), overdue below 50% (23.7)
    intern = placement(
        kind="project",
        start=date(2026, 11, 2),
        end=date(2026, 12, 11),
        planned_hours=80,
        hours=[{"date": date(2026, 11, 20), "hours": logged}],
    )
    found = mine(items(intern), "hours")
    if status is None:
        assert found == []
    else:
        assert found == [
            (
                status,
                f"hours behind pace: {logged} logged, 47.4 expected by now "
                "(80 planned by 2026-12-11)",
                T,
            )
        ]


def test_no_pace_without_planned_hours_before_the_start_or_after_the_end() -> None:
    assert (
        mine(
            items(placement(kind="project", start=date(2026, 11, 2), end=date(2026, 12, 11))),
            "hours",
        )
        == []
    )
    ahead = placement(kind="project", planned_hours=40)
    assert mine(items(ahead), "hours") == []
    over = placement(
        kind="project", start=date(2026, 11, 2), end=date(2026, 11, 20), planned_hours=40
    )
    assert mine(items(over), "hours") == []


# --- evaluation ------------------------------------------------------------------------


def test_evaluation_due_at_the_end_and_overdue_after_evaluation_within() -> None:
    shadow = placement(kind="tour", end=date(2026, 12, 4))
    assert mine(items(shadow, today=date(2026, 12, 4)), "evaluation") == [
        ("due", "evaluation: the placement ended 2026-12-04", date(2026, 12, 4))
    ]
    assert mine(items(shadow, today=date(2026, 12, 18)), "evaluation")[0][0] == "due"
    assert mine(items(shadow, today=date(2026, 12, 19)), "evaluation")[0][0] == "overdue"
    assert mine(items(shadow, today=date(2026, 11, 30), within=5), "evaluation") == [
        ("upcoming", "evaluation: the placement ends 2026-12-04", date(2026, 12, 4))
    ]
    done = placement(kind="tour", evaluation={"date": date(2026, 12, 4), "overall": "meets"})
    assert mine(items(done, today=date(2026, 12, 20)), "evaluation") == []


def test_placement_items_follow_their_partners_owner() -> None:
    found = items(placement(), today=date(2026, 11, 20))
    assert [i.kind for i in for_owner(found, "jlee")] == ["paperwork"]
    assert for_owner(found, "mortiz") == []


# --- the advisory committee ----------------------------------------------------------------

MEMBERS = [
    {
        "name": "Dana Ortiz",
        "pathway": "automotive",
        "partner": "bolt",
        "term_ends": date(2027, 6, 30),
    },
    {"name": "Pat Lee", "pathway": "automotive", "role": "parent", "term_ends": date(2026, 12, 31)},
]


def advisory(day: date = date(2026, 12, 10), **fields: Any) -> Any:
    data: dict[str, Any] = {"id": "auto", "name": "Auto committee", "kind": "advisory", "date": day}
    data.update(fields)
    return event_record(Event.model_validate(data), "events/a.yaml")


def test_terms_ending() -> None:
    rules = settings(advisory_members=MEMBERS, advisory_meetings=0)
    found = [(i.kind, i.status, i.member, i.partner, i.date) for i in items(settings=rules)]
    assert found == [("advisory-term", "due", "Pat Lee", None, date(2026, 11, 1))]
    later = items(settings=rules, today=date(2027, 1, 2))
    assert [(i.status, i.action) for i in later] == [
        ("overdue", "term ended 2026-12-31 (automotive committee): renew or replace")
    ]
    # a partner's contact: the item is the partner's (its owner, its urgency terms)
    [item] = [i for i in items(settings=rules, today=date(2027, 5, 1)) if i.member == "Dana Ortiz"]
    assert (item.status, item.date) == ("due", date(2027, 5, 1))
    assert (item.member, item.partner, item.owner, item.contact) == (
        "Dana Ortiz", "bolt", "jlee", "Dana Ortiz"
    )  # fmt: skip
    assert item.commands == (
        'partnerctl advisory member "Dana Ortiz" --pathway automotive --term-ends YYYY-MM-DD',
        'partnerctl advisory member "Dana Ortiz" --pathway automotive --remove',
    )


def test_meeting_notice() -> None:
    rules = settings(advisory_members=MEMBERS[:1], advisory_meetings=0)
    meeting = advisory(date(2026, 12, 10))
    assert items(settings=rules, events=[meeting]) == []
    # 14 days before 2026-12-10 is 2026-11-26: upcoming on T, due that day, overdue after
    assert [i.status for i in items(settings=rules, events=[meeting], within=2)] == ["upcoming"]
    assert [
        i.status for i in items(settings=rules, events=[meeting], today=date(2026, 11, 26))
    ] == ["due"]
    [late] = items(settings=rules, events=[meeting], today=date(2026, 12, 1))
    assert (late.status, late.action, late.commands) == (
        "overdue",
        "send notice: Auto committee on 2026-12-10",
        ("partnerctl advisory notice auto --date 2026-12-10",),
    )
    sent = advisory(
        date(2026, 12, 10), meetings=[{"date": date(2026, 12, 10), "notice": date(2026, 11, 25)}]
    )
    assert items(settings=rules, events=[sent], today=date(2026, 12, 1)) == []
    # a meeting of another committee needs no notice from this one
    other = advisory(date(2026, 12, 10), pathways=["health"])
    assert items(settings=rules, events=[other], today=date(2026, 12, 1)) == []


def test_too_few_meetings_this_school_year() -> None:
    rules = settings(advisory_members=MEMBERS[:1], advisory_term_notice=0)
    [item] = items(settings=rules)
    assert (item.kind, item.pathway, item.status, item.date) == (
        "advisory-meetings",
        "automotive",
        "due",
        T,
    )
    assert item.action == (
        "0 of 2 advisory meetings this school year (2026-07-01 to 2027-06-30): schedule 2 more"
    )
    assert item.commands == ("partnerctl advisory schedule YYYY-MM-DD --pathway automotive",)
    # held (October) and scheduled (April) both count; last year's do not
    held = advisory(
        date(2026, 10, 8), meetings=[{"date": date(2026, 10, 8), "present": ["Dana Ortiz"]}]
    )
    ahead = advisory(date(2027, 4, 8))
    ahead["id"] = "auto-spring"
    assert items(settings=rules, events=[held, ahead]) == []
    last_year = advisory(date(2026, 4, 8))
    assert len(items(settings=rules, events=[held, last_year])) == 1
    # the school year starts where the settings say
    august = settings(
        advisory_members=MEMBERS[:1], advisory_term_notice=0, school_year_starts="12-01"
    )
    [item] = items(settings=august, events=[held, ahead])
    assert item.action.startswith(
        "1 of 2 advisory meetings this school year (2025-12-01 to 2026-11-30)"
    )


def test_no_committee_no_advisory_items() -> None:
    assert items(events=[advisory(date(2026, 12, 1))]) == []


# --- the CLI: --explain, --no-students, show -----------------------------------------


def test_explain_shows_the_rule_in_plain_table_and_json(tmp_path: Path) -> None:
    ws = str(DATA / "wbl-basic")
    plain = run_cli(["-C", ws, "due", "--today", "2026-11-24", "--explain"]).stdout
    assert (
        "  urgency 6.7 = lateness 0.7 + stage 3 + kind 3\n"
        "  rule: a job-shadow needs parent-consent (paperwork), on file 14 days before the "
        "start (paperwork_notice); overdue from the start\n"
    ) in plain
    table = run_cli(
        ["-C", ws, "due", "--today", "2026-11-24", "--explain", "--format", "table"]
    ).stdout
    assert "rule: a job-shadow needs parent-consent" in table
    doc = json.loads(
        run_cli(["-C", ws, "due", "--today", "2026-11-24", "--explain", "--format", "json"]).stdout
    )
    rules = {item["kind"]: item.get("rule") for item in doc["items"]}
    assert rules["hours"].startswith("planned_hours spread evenly over the open days")
    assert rules["agreement"] is None  # the older kinds explain themselves by their terms
    assert (
        "rule"
        not in json.loads(
            run_cli(["-C", ws, "due", "--today", "2026-11-24", "--format", "json"]).stdout
        )["items"][0]
    )


def test_due_carries_codes_only_in_its_student_field_and_not_with_no_students(
    tmp_path: Path,
) -> None:
    ws = str(DATA / "wbl-basic")
    base = ["-C", ws, "due", "--today", "2026-11-24", "--within", "30"]
    doc = json.loads(run_cli([*base, "--format", "json"]).stdout)
    codes = {item["placement"]: item["student"] for item in doc["items"] if "placement" in item}
    assert codes == {"bolt-motors-2026-10": "S-1001", "pine-clinic-2026-12": "S-1002"}
    assert all("S-100" not in item["action"] for item in doc["items"])
    for fmt in ("plain", "table", "md"):
        assert "S-100" not in run_cli([*base, "--format", fmt]).stdout
    csv = run_cli([*base, "--format", "csv"]).stdout
    assert csv.splitlines()[0].endswith(",placement,student,member,pathway")
    assert "S-1001" in csv
    for args, env in (
        ([*base, "--no-students"], None),
        (base, {"PARTNERCTL_NO_STUDENTS": "1"}),
    ):
        for fmt in ("json", "csv"):
            out = run_cli([*args, "--format", fmt], env).stdout
            assert "S-100" not in out and "bolt-motors-2026-10" in out
    assert (
        run_cli([*base, "--format", "csv", "--no-students"])
        .stdout.splitlines()[0]
        .endswith(",placement,member,pathway")
    )


def test_show_lists_the_placements_a_partner_hosts(tmp_path: Path) -> None:
    ws = copy_data("wbl-basic", tmp_path)
    result = run_cli(["-C", str(ws), "show", "bolt-motors", "--today", "2026-11-24"])
    assert (result.exit_code, result.stderr) == (0, "")
    text = result.stdout
    assert (
        "Placements:\n"
        "  bolt-motors-2026-10  internship  S-1001  2026-10-05..2027-01-22  running  12/100 h  "
        "paperwork ok\n"
    ) in text
    assert (
        "  overdue   2026-11-24  hours  bolt-motors-2026-10:  hours behind pace: 12 logged, "
        "46.8 expected by now (100 planned by 2027-01-22)\n"
    ) in text
    assert "  background-check (Dana Ortiz) expires 2026-12-20\n" in text
    assert (
        "S-1001"
        not in run_cli(
            ["-C", str(ws), "show", "bolt-motors", "--today", "2026-11-24", "--no-students"]
        ).stdout
    )
    assert (
        "S-1001"
        not in run_cli(
            ["-C", str(ws), "show", "bolt-motors", "--today", "2026-11-24", "--format", "md"]
        ).stdout
    )
    doc = json.loads(
        run_cli(
            ["-C", str(ws), "show", "bolt-motors", "--today", "2026-11-24", "--format", "json"]
        ).stdout
    )
    assert [p["student"] for p in doc["placements"]] == ["S-1001"]


def test_the_pace_stands_still_over_a_break() -> None:
    # the pace counts open days only: over Thanksgiving the expected hours stay where
    # Tuesday's work left them (80 * 17 / 27 = 50.4)
    intern = placement(
        kind="project",
        start=date(2026, 11, 2),
        end=date(2026, 12, 11),
        planned_hours=80,
        hours=[{"date": date(2026, 11, 20), "hours": 30}],
    )
    actions = {mine(items(intern, today=T + timedelta(days=n)), "hours")[0][1] for n in range(1, 6)}
    assert actions == {
        "hours behind pace: 30 logged, 50.4 expected by now (80 planned by 2026-12-11)"
    }
