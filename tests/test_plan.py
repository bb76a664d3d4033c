"""`plan`: every rule a proposed day must satisfy, events, the reasons, and --apply."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from tests.conftest import DATA, copy_data, run_cli
from tests.test_prospects import make_event, make_partner, make_settings

from partnerctl.core.plan import Plan, plan_outreach
from partnerctl.core.workdays import in_school_break, is_workday
from partnerctl.dates import busy_season_at

MONDAY = date(2026, 11, 30)
TODAY = date(2026, 11, 29)
WS = str(DATA / "outreach-basic")
T = "2026-11-24"


def plan(partners: list[Any], events: list[Any] | None = None, **options: Any) -> Plan:
    settings = options.pop("settings", None) or make_settings()
    options.setdefault("start", MONDAY)
    return plan_outreach(settings, partners, events or [], TODAY, **options)


def days(result: Plan) -> dict[str, date]:
    return {item.partner: item.date for item in result.items}


def reasons(result: Plan) -> dict[str, str]:
    return {left.partner: left.reason for left in result.unplaced}


# --- each rule ---------------------------------------------------------------------


def test_a_never_touched_prospect_gets_the_first_day() -> None:
    result = plan([make_partner("acme", contacts=[{"name": "Dana"}])])
    assert days(result) == {"acme": MONDAY}
    assert result.items[0].action == "Introduce the partner program to Dana"
    assert result.items[0].reason == "fit 0; never touched"
    assert result.end == MONDAY + timedelta(days=41)


def test_only_workdays_from_the_settings() -> None:
    settings = make_settings(workdays=["thu"])
    assert days(plan([make_partner()], settings=settings)) == {"acme": date(2026, 12, 3)}


def test_never_inside_a_school_break() -> None:
    breaks = [{"name": "Fall", "from": "2026-11-27", "to": "2026-12-02"}]
    settings = make_settings(school_breaks=breaks)
    assert days(plan([make_partner()], settings=settings)) == {"acme": date(2026, 12, 3)}


def test_never_inside_the_partners_busy_season() -> None:
    partner = make_partner(busy_seasons=[{"from": "11-20", "to": "12-04"}])
    assert days(plan([partner])) == {"acme": date(2026, 12, 7)}


def test_a_busy_season_that_wraps_the_new_year() -> None:
    partner = make_partner(busy_seasons=[{"from": "12-15", "to": "01-08"}])
    result = plan([partner], start=date(2026, 12, 28), weeks=3)
    assert days(result) == {"acme": date(2027, 1, 11)}  # the 9th and 10th are a weekend


def test_not_before_the_cadence_date() -> None:
    prospect = make_partner("p", touchpoints=[{"date": "2026-11-20"}])  # + 21 = Fri 12-11
    lapsed = make_partner("l", stage="lapsed", since="2026-11-10")  # + 30 = Thu 12-10
    result = plan([prospect, lapsed])
    assert days(result) == {"l": date(2026, 12, 10), "p": date(2026, 12, 11)}
    assert reasons(result) == {}
    by_id = {item.partner: item for item in result.items}
    assert by_id["p"].reason == "fit 0; last touch 2026-11-20, cadence due 2026-12-11"
    # no touchpoint yet: the cadence counts from `since`, worded as `due` words it
    assert by_id["l"].reason == "fit 0; partner since 2026-11-10, cadence due 2026-12-10"
    assert by_id["p"].action == "Follow up on the introduction"
    assert by_id["l"].action == "Reconnect"


def test_at_most_per_week_touches_in_an_iso_week_spread_over_its_days() -> None:
    partners = [make_partner(f"p{n}") for n in range(5)]
    result = plan(partners, per_week=2, weeks=2)
    assert days(result) == {
        "p0": MONDAY,
        "p1": MONDAY + timedelta(days=1),
        "p2": MONDAY + timedelta(days=7),
        "p3": MONDAY + timedelta(days=8),
    }
    assert reasons(result) == {"p4": "every week with a free day is full (--per-week 2)"}


def test_best_fit_gets_the_earlier_slot() -> None:
    low = make_partner("low")
    high = make_partner("high", relationship="alumni")
    result = plan([low, high], per_week=1, weeks=2)
    assert days(result) == {"high": MONDAY, "low": MONDAY + timedelta(days=7)}


def test_only_prospects_and_lapsed_without_a_next() -> None:
    partners = [
        make_partner("planned", next={"date": "2026-12-01", "action": "call"}),
        make_partner("active", stage="active"),
        make_partner("gone", stage="declined"),
        make_partner("fresh"),
    ]
    result = plan(partners)
    assert days(result) == {"fresh": MONDAY}
    assert result.unplaced == ()


# --- events ----------------------------------------------------------------------------


def test_a_partner_named_by_an_event_is_planned_for_its_day_even_a_saturday() -> None:
    event = make_event("fair", name="Career fair", date="2026-12-05", partners=["acme"])
    result = plan([make_partner()], [event])
    assert days(result) == {"acme": date(2026, 12, 5)}
    assert result.items[0].action == "Meet at Career fair"
    assert result.items[0].reason == "fit 0; never touched; named by event fair"


def test_an_event_before_the_cadence_date_gives_way_to_its_next_occurrence() -> None:
    event = make_event(
        "breakfast",
        date="2026-12-03",
        repeat="FREQ=WEEKLY",
        until="2027-01-31",
        partners=["acme"],
    )
    partner = make_partner(touchpoints=[{"date": "2026-11-20"}])  # due 12-11
    assert days(plan([partner], [event])) == {"acme": date(2026, 12, 17)}


def test_event_days_count_toward_the_weekly_cap() -> None:
    event = make_event("breakfast", date="2026-12-03", partners=["low"])
    high = make_partner("high", early_adopter=True)
    result = plan([make_partner("low"), high], [event], per_week=1, weeks=2)
    assert days(result) == {"high": MONDAY, "low": MONDAY + timedelta(days=7)}
    assert result.items[1].action == "Introduce the partner program"


# --- unplaced ----------------------------------------------------------------------------


def test_unplaced_partners_say_why() -> None:
    late = make_partner("late", touchpoints=[{"date": "2026-12-30"}])
    busy = make_partner("busy", busy_seasons=[{"from": "11-01", "to": "03-01", "why": "x"}])
    result = plan([late, busy], weeks=2)
    assert reasons(result) == {
        "late": "cadence: not due until 2027-01-20, after 2026-12-13",
        "busy": "in its busy season on every open day from 2026-11-30 to 2026-12-13",
    }
    breaks = [{"name": "Long", "from": "2026-11-01", "to": "2026-12-31"}]
    closed = plan([make_partner()], settings=make_settings(school_breaks=breaks), weeks=1)
    assert reasons(closed) == {
        "acme": "no workday outside school breaks from 2026-11-30 to 2026-12-06"
    }


# --- properties -----------------------------------------------------------------------------

mmdd = st.dates(date(2001, 1, 1), date(2001, 12, 31)).map(lambda d: d.strftime("%m-%d"))


@hsettings(max_examples=40, deadline=None)
@given(
    seasons=st.lists(st.tuples(mmdd, mmdd), max_size=2),
    touched=st.one_of(st.none(), st.dates(date(2026, 9, 1), date(2027, 1, 31))),
    workdays=st.lists(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat"]), min_size=1),
    per_week=st.integers(1, 3),
    count=st.integers(1, 6),
    start=st.dates(date(2026, 11, 1), date(2027, 2, 1)),
)
def test_every_proposed_day_satisfies_every_rule(
    seasons: list[tuple[str, str]],
    touched: date | None,
    workdays: list[str],
    per_week: int,
    count: int,
    start: date,
) -> None:
    breaks = [{"name": "Winter", "from": "2026-12-21", "to": "2027-01-01"}]
    settings = make_settings(workdays=sorted(set(workdays)), school_breaks=breaks)
    busy = [{"from": a, "to": b} for a, b in seasons]
    touches = [{"date": touched}] if touched else []
    partners = [make_partner(f"p{n}", busy_seasons=busy, touchpoints=touches) for n in range(count)]
    result = plan(partners, settings=settings, start=start, weeks=3, per_week=per_week)
    assert len(result.items) + len(result.unplaced) == count
    weeks: dict[tuple[int, int], int] = {}
    for item in result.items:
        assert start <= item.date <= result.end
        assert is_workday(settings, item.date)
        assert not in_school_break(settings, item.date)
        assert busy_season_at(partners[0]["busy_seasons"], item.date) is None
        if touched is not None:
            assert item.date >= touched + timedelta(days=21)
        key = item.date.isocalendar()[:2]
        weeks[key] = weeks.get(key, 0) + 1
    assert all(n <= per_week for n in weeks.values())


# --- the command --------------------------------------------------------------------------

PLAIN = """\
Plan 2026-11-25 to 2027-01-05, at most 3 a week
2026-11-25 Wed  ace-auto  Introduce the partner program to Dana Ortiz  (fit 9.5; never touched)
2026-12-03 Thu  dune-cafe  Meet at Chamber breakfast  \
(fit 0; never touched; named by event chamber-breakfast)
2026-12-10 Thu  city-clinic  Reconnect  (fit 0; last touch 2026-11-10, cadence due 2026-12-10)
unplaced  bright-print  in its busy season on every open day from 2026-11-25 to 2027-01-05
"""


def cli(*args: str, ws: str = WS) -> Any:
    return run_cli(["-C", ws, "--today", T, *args])


def test_plain_output_whole() -> None:
    result = cli("plan")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == PLAIN


def test_options_from_weeks_per_week() -> None:
    result = cli("plan", "--from", "2026-12-07", "--weeks", "1", "--per-week", "1")
    assert result.stdout.splitlines() == [
        "Plan 2026-12-07 to 2026-12-13, at most 1 a week",
        "2026-12-07 Mon  ace-auto  Introduce the partner program to Dana Ortiz  "
        "(fit 9.5; never touched)",
        "unplaced  bright-print  in its busy season on every open day "
        "from 2026-12-07 to 2026-12-13",
        "unplaced  city-clinic  every week with a free day is full (--per-week 1)",
        "unplaced  dune-cafe  every week with a free day is full (--per-week 1)",
    ]
    bad = cli("plan", "--from", "someday")
    assert bad.exit_code == 2 and bad.stdout == ""
    assert bad.stderr.startswith("error: --from: 'someday' is not a date")


def test_json_document_exactly() -> None:
    doc = json.loads(cli("plan", "--format", "json").stdout)
    assert list(doc) == ["version", "today", "period", "items", "unplaced", "errors"]
    assert doc["today"] == "2026-11-24"
    assert doc["period"] == {"from": "2026-11-25", "to": "2027-01-05"}
    assert doc["items"][0] == {
        "partner": "ace-auto",
        "date": "2026-11-25",
        "action": "Introduce the partner program to Dana Ortiz",
        "reason": "fit 9.5; never touched",
    }
    assert doc["unplaced"] == [
        {
            "partner": "bright-print",
            "reason": "in its busy season on every open day from 2026-11-25 to 2027-01-05",
        }
    ]


def test_apply_writes_each_next_and_says_so(tmp_path: Path) -> None:
    ws = copy_data("outreach-basic", tmp_path)
    before = (ws / "partners/city-clinic.yaml").read_text()
    result = cli("plan", "--apply", ws=str(ws))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == PLAIN + (
        "wrote partners/ace-auto.yaml: next 2026-11-25 "
        "Introduce the partner program to Dana Ortiz\n"
        "wrote partners/dune-cafe.yaml: next 2026-12-03 Meet at Chamber breakfast\n"
        "wrote partners/city-clinic.yaml: next 2026-12-10 Reconnect\n"
    )
    after = (ws / "partners/city-clinic.yaml").read_text()
    assert after.startswith(before)
    assert "2026-12-10" in after[len(before) :] and "Reconnect" in after[len(before) :]
    assert run_cli(["-C", str(ws), "validate"]).exit_code == 0
    again = cli("plan", ws=str(ws))
    assert again.stdout == (
        "Plan 2026-11-25 to 2027-01-05, at most 3 a week\n"
        "Nothing fits in these weeks: see why below (more --weeks may help).\n"
        "unplaced  bright-print  in its busy season on every open day "
        "from 2026-11-25 to 2027-01-05\n"
    )
    shown = cli("calendar", "--partner", "city-clinic", "--weeks", "3", ws=str(ws))
    assert (
        "2026-12-10 Thu  follow-up  city-clinic  City Clinic: follow up: Reconnect" in shown.stdout
    )


def test_apply_with_json_keeps_stdout_a_document(tmp_path: Path) -> None:
    ws = copy_data("outreach-basic", tmp_path)
    result = cli("plan", "--apply", "--format", "json", ws=str(ws))
    assert json.loads(result.stdout)["version"] == 1
    assert result.stderr.count("wrote partners/") == 3


def test_table_output() -> None:
    result = cli("plan", "--format", "table")
    assert result.exit_code == 0
    assert "Plan 2026-11-25 to 2027-01-05, at most 3 a week" in result.stdout
    assert "Not placed" in result.stdout


def test_apply_writes_nothing_while_a_partner_file_is_broken(tmp_path: Path) -> None:
    ws = copy_data("outreach-basic", tmp_path)
    (ws / "partners/broken-co.yaml").write_text("name: Broken Co\nstage: prospekt\n")
    before = {p.name: p.read_bytes() for p in (ws / "partners").iterdir()}
    result = cli("plan", "--apply", ws=str(ws))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "partners/broken-co.yaml:2:8: error: stage: 'prospekt' is not a stage "
        "(did you mean 'prospect'?)",
        "error: nothing was written: some partner files have errors (above); "
        "fix them so no partner is missed",
    ]
    assert {p.name: p.read_bytes() for p in (ws / "partners").iterdir()} == before
    # Without --apply the plan shows what it can, and the exit status says it is partial.
    shown = cli("plan", ws=str(ws))
    assert shown.exit_code == 2
    assert "wrote" not in shown.stdout and "ace-auto" in shown.stdout
