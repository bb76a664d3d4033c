"""The example workspace in examples/: it loads cleanly, covers the format, and `due` on it.

examples/ is what the README's quick start runs (`partnerctl -C examples due
--today 2026-11-24`), so these tests keep it valid and keep its morning list
right. On that day (a Tuesday) the list holds, by DESIGN's rules:

- overdue: an expired agreement (heartland-manufacturing), two cadences past
  `max` (grand-river-hotel, lapsed; river-city-radio, prospect), and two
  follow-ups dated before today, each in a busy season (kxrv, riverside-auto);
- due: a recognition by age and one by milestone (mikes-garage,
  ironworks-fab), a follow-up dated today (bright-smile-dental), an agreement
  inside its notice (st-lukes, with a warning: it expires during an
  internship), two events being prepared (winter-career-fair,
  giving-tuesday-post), three cadences past `ideal` (sunrise-senior-living,
  first-prairie-bank, and summit-welding-supply, never touched), a missing
  decision maker (prairie-family-clinic); and from the placements and the
  advisory committee: paperwork missing before a start
  (mikes-garage-2026-12), hours behind pace (st-lukes-2026-10), an
  evaluation due (ironworks-fab-2026-08), a member's term ending (Ana Reyes)
  and a committee with too few meetings this school year (health);
- deferred, with `--all`: three cadences held by busy seasons, one of which
  wraps the new year (northwoods-outfitters, until 2027-01-16).
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import EXAMPLES, Result, run_cli
from partnerctl.model import STAGES
from partnerctl.workspace import Workspace, load_workspace

T = "2026-11-24"
WS = str(EXAMPLES)


def due(*args: str) -> Result:
    return run_cli(["-C", WS, "due", "--today", T, *args])


def stripped(text: str) -> str:
    """Rich pads table lines to the width; compare without trailing spaces."""
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


PLAIN = """\
overdue   2026-10-02  heartland-manufacturing  agreement  renew insurance (expired 2026-11-01)  \
(Renee Walsh, email)
  → partnerctl agreement heartland-manufacturing insurance --expires YYYY-MM-DD
overdue   2026-09-24  grand-river-hotel  cadence  check in (last touch 2026-08-25, every 30 \
days)  (Sarah Kim, email)
  → partnerctl log grand-river-hotel "…"
  → partnerctl snooze grand-river-hotel +1w --action "check in"
overdue   2026-10-06  river-city-radio  cadence  check in (last touch 2026-09-15, every 21 days) \
 (Carla Diaz, social)
  → partnerctl log river-city-radio "…"
  → partnerctl snooze river-city-radio +1w --action "check in"
overdue   2026-11-18  kxrv  follow-up  Send Marcus three studio tour dates for January  (Marcus \
Bell, email)  [busy season until 11-30]
  → partnerctl log kxrv "…"
  → partnerctl snooze kxrv +1w
overdue   2026-11-20  riverside-auto  follow-up  Call Rick about spring job-shadow dates  (Rick \
Alvarez, email)  [busy season until 01-10]
  → partnerctl log riverside-auto "…"
  → partnerctl snooze riverside-auto +1w
due       2026-10-13  mikes-garage  recognition  last spotlight 2026-07-15: recognize every 90 \
days  (Mike Kowalski, phone)
  → partnerctl spotlight add mikes-garage --where newspaper --title "Thank you, Mike's Garage & \
Tire, for hosting job shadows and mentoring students"
due       2026-11-17  mikes-garage-2026-12  paperwork  paperwork missing before the start on \
2026-12-01: parent-consent, student-learner-exemption  (Mike Kowalski, phone)
  → partnerctl placement paperwork mikes-garage-2026-12 parent-consent
  → partnerctl placement paperwork mikes-garage-2026-12 student-learner-exemption
due       2026-11-24  bright-smile-dental  follow-up  Call Dr. Patel to confirm the January \
shadow dates  (Dr. Priya Patel, phone)
  → partnerctl log bright-smile-dental "…"
  → partnerctl snooze bright-smile-dental +1w
due       2026-11-15  st-lukes  agreement  renew background-check (expires 2026-12-15)  (Karen \
Mills, email)  [placement st-lukes-2026-10 runs until 2027-01-29]
  → partnerctl agreement st-lukes background-check --expires YYYY-MM-DD
due       2026-11-20  ironworks-fab-2026-08  evaluation  evaluation: the placement ended \
2026-11-20  (Greg Halvorsen, phone)
  → partnerctl placement evaluate ironworks-fab-2026-08 --overall "…"
due       2026-11-12  ironworks-fab  recognition  milestone 2026-11-12: Greg hired one of our \
seniors as a part-time apprentice welder  (Greg Halvorsen, phone)
  → partnerctl spotlight add ironworks-fab --where newsletter --title "Ironworks Fabrication: \
Greg hired one of our seniors as a part-time apprentice welder"
due       2026-11-24  st-lukes-2026-10  hours  hours behind pace: 34 logged, 60 expected by now \
(120 planned by 2027-01-29)  (Karen Mills, email)
  → partnerctl placement hours st-lukes-2026-10 "…"
  → partnerctl log st-lukes "…" --with "Karen Mills"
due       2026-11-01  Ana Reyes  advisory-term  term ends 2026-12-31 (automotive committee): \
renew or replace
  → partnerctl advisory member "Ana Reyes" --pathway automotive --term-ends YYYY-MM-DD
  → partnerctl advisory member "Ana Reyes" --pathway automotive --remove
due       2026-11-19  winter-career-fair  event  prepare: Winter Career & Internship Fair on \
2026-12-10  (with st-lukes, ironworks-fab, heartland-manufacturing, bright-smile-dental, \
harvest-table-catering, kxrv)
  → partnerctl log st-lukes ironworks-fab heartland-manufacturing bright-smile-dental \
harvest-table-catering kxrv "…"
due       2026-11-20  sunrise-senior-living  cadence  check in (last touch 2026-11-13, every 7 \
days)  (Gloria Haines, email)
  → partnerctl log sunrise-senior-living "…"
  → partnerctl snooze sunrise-senior-living +1w --action "check in"
due       2026-11-24  giving-tuesday-post  event  prepare: Giving Tuesday: thank our partners on \
social media on 2026-12-01  (with pixel-prairie, st-lukes, ironworks-fab, mikes-garage)
  → partnerctl log pixel-prairie st-lukes ironworks-fab mikes-garage "…"
due       2026-11-24  prairie-family-clinic  decision-maker  find the decision maker  (Lisa \
Park, phone)
  → partnerctl contact prairie-family-clinic --name "Lisa Park" --decision-maker
due       2026-11-18  first-prairie-bank  cadence  check in (last touch 2026-08-20, every 90 \
days)  (Robert Lang, in-person)
  → partnerctl log first-prairie-bank "…"
  → partnerctl snooze first-prairie-bank +1w --action "check in"
due       2026-11-24  health  advisory-meetings  1 of 2 advisory meetings this school year \
(2026-07-01 to 2027-06-30): schedule 1 more
  → partnerctl advisory schedule YYYY-MM-DD --pathway health
due       2026-11-24  summit-welding-supply  cadence  check in (never touched)  (Dale Henning, \
email)
  → partnerctl log summit-welding-supply "…"
  → partnerctl snooze summit-welding-supply +1w --action "check in"
"""

TABLE = """\
Due Tue 2026-11-24
Status   Date        Partner                  To do
────────────────────────────────────────────────────────────────────────────────────────────────────
overdue  2026-10-02  heartland-manufacturing  renew insurance (expired 2026-11-01)
         53d late    agreement                Renee Walsh, email
         → partnerctl agreement heartland-manufacturing insurance --expires YYYY-MM-DD
overdue  2026-09-24  grand-river-hotel        check in (last touch 2026-08-25, every 30 days)
         61d late    cadence                  Sarah Kim, email
         → partnerctl log grand-river-hotel "…"
         → partnerctl snooze grand-river-hotel +1w --action "check in"
overdue  2026-10-06  river-city-radio         check in (last touch 2026-09-15, every 21 days)
         49d late    cadence                  Carla Diaz, social
         → partnerctl log river-city-radio "…"
         → partnerctl snooze river-city-radio +1w --action "check in"
overdue  2026-11-18  kxrv                     Send Marcus three studio tour dates for January
         6d late     follow-up                Marcus Bell, email
                                              busy season until 11-30
         → partnerctl log kxrv "…"
         → partnerctl snooze kxrv +1w
overdue  2026-11-20  riverside-auto           Call Rick about spring job-shadow dates
         4d late     follow-up                Rick Alvarez, email
                                              busy season until 01-10
         → partnerctl log riverside-auto "…"
         → partnerctl snooze riverside-auto +1w
due      2026-10-13  mikes-garage             last spotlight 2026-07-15: recognize every 90 days
         42d late    recognition              Mike Kowalski, phone
         → partnerctl spotlight add mikes-garage --where newspaper --title "Thank you, Mike's \
Garage & Tire, for hosting job shadows and mentoring students"
due      2026-11-17  mikes-garage-2026-12     paperwork missing before the start on 2026-12-01:
         7d late     paperwork                parent-consent, student-learner-exemption
                                              Mike Kowalski, phone
         → partnerctl placement paperwork mikes-garage-2026-12 parent-consent
         → partnerctl placement paperwork mikes-garage-2026-12 student-learner-exemption
due      2026-11-24  bright-smile-dental      Call Dr. Patel to confirm the January shadow dates
                     follow-up                Dr. Priya Patel, phone
         → partnerctl log bright-smile-dental "…"
         → partnerctl snooze bright-smile-dental +1w
due      2026-11-15  st-lukes                 renew background-check (expires 2026-12-15)
         9d late     agreement                Karen Mills, email
                                              placement st-lukes-2026-10 runs until 2027-01-29
         → partnerctl agreement st-lukes background-check --expires YYYY-MM-DD
due      2026-11-20  ironworks-fab-2026-08    evaluation: the placement ended 2026-11-20
         4d late     evaluation               Greg Halvorsen, phone
         → partnerctl placement evaluate ironworks-fab-2026-08 --overall "…"
due      2026-11-12  ironworks-fab            milestone 2026-11-12: Greg hired one of our \
seniors as
         12d late    recognition              a part-time apprentice welder
                                              Greg Halvorsen, phone
         → partnerctl spotlight add ironworks-fab --where newsletter --title "Ironworks \
Fabrication: Greg hired one of our seniors as a part-time apprentice welder"
due      2026-11-24  st-lukes-2026-10         hours behind pace: 34 logged, 60 expected by now \
(120
                     hours                    planned by 2027-01-29)
                                              Karen Mills, email
         → partnerctl placement hours st-lukes-2026-10 "…"
         → partnerctl log st-lukes "…" --with "Karen Mills"
due      2026-11-01  Ana Reyes                term ends 2026-12-31 (automotive committee): renew \
or
         23d late    advisory-term            replace
         → partnerctl advisory member "Ana Reyes" --pathway automotive --term-ends YYYY-MM-DD
         → partnerctl advisory member "Ana Reyes" --pathway automotive --remove
due      2026-11-19  winter-career-fair       prepare: Winter Career & Internship Fair on \
2026-12-10
                     event                    with st-lukes, ironworks-fab, \
heartland-manufacturing,
                                              bright-smile-dental, harvest-table-catering, kxrv
         → partnerctl log st-lukes ironworks-fab heartland-manufacturing bright-smile-dental \
harvest-table-catering kxrv "…"
due      2026-11-20  sunrise-senior-living    check in (last touch 2026-11-13, every 7 days)
         4d late     cadence                  Gloria Haines, email
         → partnerctl log sunrise-senior-living "…"
         → partnerctl snooze sunrise-senior-living +1w --action "check in"
due      2026-11-24  giving-tuesday-post      prepare: Giving Tuesday: thank our partners on \
social
                     event                    media on 2026-12-01
                                              with pixel-prairie, st-lukes, ironworks-fab,
                                              mikes-garage
         → partnerctl log pixel-prairie st-lukes ironworks-fab mikes-garage "…"
due      2026-11-24  prairie-family-clinic    find the decision maker
                     decision-maker           Lisa Park, phone
         → partnerctl contact prairie-family-clinic --name "Lisa Park" --decision-maker
due      2026-11-18  first-prairie-bank       check in (last touch 2026-08-20, every 90 days)
         6d late     cadence                  Robert Lang, in-person
         → partnerctl log first-prairie-bank "…"
         → partnerctl snooze first-prairie-bank +1w --action "check in"
due      2026-11-24  health                   1 of 2 advisory meetings this school year \
(2026-07-01
                     advisory-meetings        to 2027-06-30): schedule 1 more
         → partnerctl advisory schedule YYYY-MM-DD --pathway health
due      2026-11-24  summit-welding-supply    check in (never touched)
                     cadence                  Dale Henning, email
         → partnerctl log summit-welding-supply "…"
         → partnerctl snooze summit-welding-supply +1w --action "check in"
5 overdue, 15 due
"""


@pytest.fixture(scope="module")
def workspace() -> Workspace:
    return load_workspace(EXAMPLES)


def test_loads_without_errors_or_warnings(workspace: Workspace) -> None:
    assert [problem.render() for problem in workspace.problems] == []
    files = sorted(path.stem for path in (EXAMPLES / "partners").glob("*.yaml"))
    assert sorted(workspace.partners) == files
    result = run_cli(["-C", WS, "validate", "--today", T])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_covers_every_stage_and_enough_partners_and_pathways(workspace: Workspace) -> None:
    partners = workspace.partners.values()
    assert {partner["stage"] for partner in partners} == set(STAGES)
    assert len(workspace.partners) >= 15
    pathways = {pathway["id"] for pathway in workspace.settings["pathways"]}
    assert len(pathways) >= 4
    # every pathway has partners, and at least one active one (the report's coverage)
    for pathway in pathways:
        stages = [p["stage"] for p in partners if pathway in p["pathways"]]
        assert "active" in stages, pathway


def test_shows_the_format_at_work(workspace: Workspace) -> None:
    partners = list(workspace.partners.values())
    settings = workspace.settings
    assert settings["timezone"] == "America/Chicago"
    assert settings["me"] is None and len(settings["owners"]) >= 2
    winter = [b for b in settings["school_breaks"] if b["from"].year < b["to"].year]
    assert winter, "a school break across the new year"
    seasons = [s for p in partners for s in p["busy_seasons"]]
    assert any(season["from"] > season["to"] for season in seasons), "a season that wraps"
    assert any(
        p["stage"] in ("meeting", "committed", "active")
        and not any(c["decision_maker"] for c in p["contacts"])
        for p in partners
    )
    kinds = {a["kind"] for p in partners for a in p["agreements"]}
    assert "media-release" in kinds
    statuses = {s["status"] for p in partners for s in p["spotlights"]}
    assert statuses == {"planned", "published"}
    today = date.fromisoformat(T)
    next_dates = [p["next"]["date"] for p in partners if p["next"] is not None]
    assert min(next_dates) < today < max(next_dates) and today in next_dates
    lapsed = [p for p in partners if p["stage"] == "lapsed" and p["next"] is None]
    assert lapsed, "a lapsed partner for `plan` to reconnect with"
    assert any(t.get("stage") for p in partners for t in p["touchpoints"])
    assert any(t.get("students") for p in partners for t in p["touchpoints"])


def test_events_include_a_repeat_with_until_and_a_preparation(workspace: Workspace) -> None:
    events = workspace.events
    chamber = [e for e in events if e["repeat"] and e["until"] is not None]
    assert chamber and chamber[0]["kind"] == "chamber" and chamber[0]["partners"]
    assert chamber[0]["repeat"] == "FREQ=MONTHLY;BYDAY=+1TH"
    fairs = [e for e in events if e["kind"] == "career-fair" and e["prepare"] > 0]
    assert fairs and fairs[0]["prepare"] == 21
    ids = [e["id"] for e in events]
    assert len(ids) == len(set(ids))


def test_due_plain_whole_output() -> None:
    result = due("--format", "plain")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == PLAIN
    # the README's quick start: piped, the default format is plain
    assert due().stdout == PLAIN


def commands(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("→ ")]


@pytest.mark.parametrize("width", ["80", "100"])
def test_due_table_never_wraps_a_command(width: str) -> None:
    result = run_cli(["-C", WS, "due", "--today", T, "--format", "table"], {"COLUMNS": width})
    lines = result.stdout.splitlines()
    # each command is one whole line, the same as in plain output, ready to copy
    assert commands(result.stdout) == commands(PLAIN)
    assert all(len(line) <= int(width) for line in lines if not line.strip().startswith("→"))


def test_due_table_whole_output_at_width_100() -> None:
    result = due("--format", "table")
    assert (result.exit_code, result.stderr) == (0, "")
    assert stripped(result.stdout) == TABLE


def test_due_json_statuses_and_kinds() -> None:
    result = due("--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert (doc["version"], doc["today"], doc["errors"]) == (1, T, [])
    items = doc["items"]
    assert [item["status"] for item in items] == ["overdue"] * 5 + ["due"] * 15
    assert {item["kind"] for item in items} == {
        "follow-up",
        "cadence",
        "event",
        "recognition",
        "decision-maker",
        "agreement",
        "paperwork",
        "hours",
        "evaluation",
        "advisory-term",
        "advisory-meetings",
    }
    warned = {item["partner"]: item["warnings"] for item in items if "warnings" in item}
    assert warned == {
        "kxrv": ["busy season until 11-30"],
        "riverside-auto": ["busy season until 01-10"],
        # the background check expires before the internship it covers ends
        "st-lukes": ["placement st-lukes-2026-10 runs until 2027-01-29"],
    }
    fair = next(item for item in items if item.get("event") == "winter-career-fair")
    assert (fair["date"], fair["event_date"], fair["days_late"]) == ("2026-11-19", "2026-12-10", 5)
    assert "partner" not in fair and "bright-smile-dental" in fair["partners"]
    today = [item["partner"] for item in items if item.get("date") == T and "partner" in item]
    assert today == [
        "bright-smile-dental",
        "st-lukes",
        "prairie-family-clinic",
        "summit-welding-supply",
    ]
    for status in ("overdue", "due"):
        urgencies = [item["urgency"] for item in items if item["status"] == status]
        assert urgencies == sorted(urgencies, reverse=True)


def test_due_json_work_based_learning_and_advisory_items() -> None:
    items = json.loads(due("--format", "json").stdout)["items"]
    wbl = {
        item["kind"]: (item.get("placement"), item.get("student"), item["date"], item["status"])
        for item in items
        if item["kind"] in ("paperwork", "hours", "evaluation")
    }
    assert wbl == {
        # a hazardous job shadow starting 2026-12-01, 14 days' notice: due since 11-17
        "paperwork": ("mikes-garage-2026-12", "S-0512", "2026-11-17", "due"),
        # 34 hours logged where the pace expects 60: below 80% (due), not 50% (overdue)
        "hours": ("st-lukes-2026-10", "S-0388", T, "due"),
        # the apprenticeship ended 2026-11-20 without an evaluation
        "evaluation": ("ironworks-fab-2026-08", "S-0301", "2026-11-20", "due"),
    }
    term = next(item for item in items if item["kind"] == "advisory-term")
    assert (term["member"], term["pathway"], term["date"]) == (
        "Ana Reyes",
        "automotive",
        "2026-11-01",
    )
    assert "partner" not in term  # a parent serves by name and role only
    meetings = next(item for item in items if item["kind"] == "advisory-meetings")
    assert (meetings["pathway"], meetings["commands"]) == (
        "health",
        ["partnerctl advisory schedule YYYY-MM-DD --pathway health"],
    )
    # pixel-prairie's intern is on pace with every document on file: no item
    assert not [item for item in items if item.get("placement") == "pixel-prairie-2026-09"]


def test_due_all_adds_the_deferred_cadences() -> None:
    result = due("--all", "--format", "json")
    items = json.loads(result.stdout)["items"]
    deferred = [
        (i["partner"], i["date"], i["deferred_until"]) for i in items if i["status"] == "deferred"
    ]
    assert deferred == [
        ("bella-cucina", "2026-11-02", "2027-01-01"),  # Sat 10-31 falls on Monday
        ("prairie-family-clinic", "2026-11-17", "2026-12-01"),
        ("northwoods-outfitters", "2026-11-10", "2027-01-16"),  # a season across the new year
    ]
    plain = due("--all").stdout
    assert plain.startswith(PLAIN)
    assert (
        "deferred  2026-11-10  northwoods-outfitters  cadence  "
        "check in (last touch 2026-10-20, every 21 days)  (Erik Lindqvist, in-person)  "
        "[deferred until 2027-01-16]\n"
    ) in plain
    assert due("--check", "-q").exit_code == 1


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--format", "table"],
        ["show", "prairie-family-clinic"],
        ["show", "riverside-auto", "--format", "md"],
        ["prospects"],
        ["plan"],
        ["calendar"],
        ["calendar", "--format", "ics", "--weeks", "8"],
        ["pitch", "riverside-auto"],
        ["pitch", "summit-welding-supply", "--format", "md"],
        ["spotlight", "--within", "30"],
        ["spotlight", "--history"],
        ["report"],
        ["report", "--month", "--format", "html"],
        ["export"],
        ["export", "--format", "json"],
    ],
    ids=" ".join,
)
def test_every_reading_command_runs_on_the_examples(args: list[str]) -> None:
    result = run_cli(["-C", WS, *args, "--today", T])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.strip()


def test_prospects_and_plan_have_work_to_do() -> None:
    ranked = json.loads(run_cli(["-C", WS, "prospects", "--today", T, "--format", "json"]).stdout)
    assert len(ranked["items"]) >= 4
    assert "grand-river-hotel" in [item["partner"] for item in ranked["items"]]  # lapsed
    plan = json.loads(run_cli(["-C", WS, "plan", "--today", T, "--format", "json"]).stdout)
    planned = {item["partner"]: item for item in plan["items"]}
    assert planned["grand-river-hotel"]["date"] == "2026-12-03"  # the chamber breakfast
    assert all(
        item["date"] not in ("2026-11-25", "2026-11-26", "2026-11-27") for item in plan["items"]
    )
    assert [item["partner"] for item in plan["unplaced"]] == ["northwoods-outfitters"]


def readme_runs() -> list[tuple[list[str], str]]:
    """Each README example that shows a command on examples/ and then its output."""
    import re
    import shlex

    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    found = re.findall(
        r"```sh\n(partnerctl -C examples [^\n]*)\n```\n```\n(.*?)```\n", readme, re.S
    )
    return [(shlex.split(command)[1:], output) for command, output in found]


def test_the_readme_shows_real_output() -> None:
    runs = readme_runs()
    assert runs, "the README shows no command on examples/ with its output"
    for args, output in runs:
        result = run_cli(args)
        assert (result.exit_code, result.stdout) == (0, output), " ".join(args)
