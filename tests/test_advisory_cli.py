"""`partnerctl advisory`: the committee, and member, attend, notice and schedule.

Members live in partnerctl.yaml; attendance and notices in an advisory event's
`meetings`; a new meeting is a new event. Each edit changes only the lines it
must, refuses bad input with exit 2 and writes nothing then.
"""
# ruff: noqa: E501  (the tables of expected messages read best one case a line)

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import copy_data, file_tree, run_cli
from test_edit_document import line_diff

T = "2026-11-24"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("wbl-basic", tmp_path)


def cli(ws: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(["-C", str(ws), "--today", T, *args])


def test_the_committees_plain_and_json(ws: Path) -> None:
    result = cli(ws, "advisory")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Advisory committees, 2026-07-01 to 2027-06-30\n"
        "automotive (Automotive Technology): 2 members; 1 meeting held, 2 ahead (2 required)\n"
        "  Dana Ortiz (bolt-motors), term ends 2027-06-30: attended 1 of 1\n"
        "  Pat Lee (parent), term ends 2026-12-31: attended 0 of 1\n"
        "  2026-10-08  auto-advisory: 1 of 2 present, notice 2026-09-20\n"
        "  2027-01-08  auto-advisory: ahead, no notice recorded\n"
        "  2027-04-08  auto-advisory: ahead, no notice recorded\n"
        "health (Health Science): 1 member; 0 meetings held, 0 ahead (2 required)\n"
        "  Lena Fox (pine-clinic), term ends 2028-06-30: attended 0 of 0\n"
    )
    doc = json.loads(cli(ws, "advisory", "--format", "json").stdout)
    assert (doc["from"], doc["to"], doc["errors"]) == ("2026-07-01", "2027-06-30", [])
    auto = doc["committees"][0]
    assert auto["members"][1] == {
        "name": "Pat Lee", "pathway": "automotive", "partner": None, "role": "parent",
        "term_ends": "2026-12-31", "attended": 0, "held": 1,
    }  # fmt: skip
    assert auto["meetings"][0] == {
        "event": "auto-advisory", "name": "Automotive advisory committee", "date": "2026-10-08",
        "notice": "2026-09-20", "present": ["Dana Ortiz"], "members": 2, "minutes": None,
    }  # fmt: skip


def test_no_committee_says_how_to_start_one(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    assert cli(ws, "advisory").stdout == (
        "No advisory committee yet: `partnerctl advisory member NAME --pathway ID "
        "--term-ends DATE` adds a member.\n"
    )


def test_member_add_renew_change_and_remove_touch_only_their_lines(ws: Path) -> None:
    settings = ws / "partnerctl.yaml"
    before = settings.read_text()
    result = cli(ws, "advisory", "member", "sam  reed", "--pathway", "Automotive",
                 "--partner", "bolt-motors", "--term-ends", "2028-06-30")  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        result.stdout
        == "added Sam Reed to the automotive advisory committee (term ends 2028-06-30)\n"
    )
    assert line_diff(before, settings.read_text()) == (
        [],
        [
            "  - {name: Sam Reed, pathway: automotive, partner: bolt-motors, term_ends: 2028-06-30}\n"
        ],
    )
    before = settings.read_text()
    result = cli(ws, "advisory", "member", "PAT LEE", "--pathway", "automotive",
                 "--term-ends", "2029-06-30", "--role", "")  # fmt: skip
    assert (
        result.stdout == "updated Pat Lee (automotive committee): term ends 2029-06-30, no role\n"
    )
    assert line_diff(before, settings.read_text()) == (
        [
            "  - {name: Pat Lee, pathway: automotive, role: parent, term_ends: 2026-12-31}   # ends soon\n"
        ],
        ["  - {name: Pat Lee, pathway: automotive, term_ends: 2029-06-30}   # ends soon\n"],
    )
    same = cli(
        ws, "advisory", "member", "Pat Lee", "--pathway", "automotive", "--term-ends", "2029-06-30"
    )
    assert same.stdout == "Pat Lee (automotive committee) unchanged (it already reads so)\n"
    result = cli(ws, "advisory", "member", "Lena Fox", "--pathway", "health", "--remove")
    assert result.stdout == "removed Lena Fox from the health advisory committee\n"
    assert "Lena Fox" not in settings.read_text()
    # the term item of `due` follows
    due = json.loads(cli(ws, "due", "--format", "json").stdout)["items"]
    assert not [i for i in due if i["kind"] == "advisory-term"]


MEMBER_ERRORS = {
    "a new member without a term": (
        ["Jo Park", "--pathway", "automotive"],
        "error: Jo Park is not on the automotive committee yet: a new member needs --term-ends (give the day their term ends, e.g. --term-ends 2028-06-30)",
    ),
    "an unknown pathway": (
        ["Jo Park", "--pathway", "welding", "--term-ends", "2028-06-30"],
        "error: --pathway: 'welding' is not a pathway id in partnerctl.yaml (choose one of automotive, health)",
    ),
    "a partner's member who is no contact": (
        [
            "Jo Park",
            "--pathway",
            "automotive",
            "--partner",
            "bolt-motors",
            "--term-ends",
            "2028-06-30",
        ],
        "error: bolt-motors has no contact 'Jo Park' (contacts: Dana Ortiz, Sam Reed)",
    ),
    "an unknown partner": (
        ["Jo Park", "--pathway", "automotive", "--partner", "bolt", "--term-ends", "2028-06-30"],
        "error: no partner 'bolt' (no partners/bolt.yaml) (did you mean 'bolt-motors'?)",
    ),
    "removing someone not there": (
        ["Jo Park", "--pathway", "automotive", "--remove"],
        "error: 'Jo Park' is not on the automotive advisory committee (members: Dana Ortiz, Pat Lee)",
    ),
    "remove with a term": (
        ["Pat Lee", "--pathway", "automotive", "--remove", "--term-ends", "2028-06-30"],
        "error: --remove takes only NAME and --pathway",
    ),
    "the placeholder": (
        ["…", "--pathway", "automotive"],
        "error: NAME: '…' is a placeholder, not text (type what it stands for in place of '…', in quotes)",
    ),
    "the date placeholder": (
        ["Pat Lee", "--pathway", "automotive", "--term-ends", "YYYY-MM-DD"],
        "error: --term-ends: YYYY-MM-DD is a placeholder, not a date (put the date in its place: YYYY-MM-DD, today, tomorrow, yesterday, +3d, -2d, +2w, +1m or a weekday name)",
    ),
}


@pytest.mark.parametrize("case", list(MEMBER_ERRORS))
def test_member_refuses_bad_input_and_writes_nothing(ws: Path, case: str) -> None:
    args, message = MEMBER_ERRORS[case]
    before = file_tree(ws)
    result = cli(ws, "advisory", "member", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"{message}\n")
    assert file_tree(ws) == before


def test_attend_adds_names_to_one_meetings_record(ws: Path) -> None:
    events = ws / "events/2026-27.yaml"
    cli(ws, "advisory", "member", "Sam Reed", "--pathway", "automotive",
        "--partner", "bolt-motors", "--term-ends", "2028-06-30")  # fmt: skip
    before = events.read_text()
    result = cli(ws, "advisory", "attend", "auto-advisory", "sam reed", "Dana Ortiz",
                 "--date", "2026-10-08", "--minutes", "Drive/auto 2026-10.docx")  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        result.stdout
        == "recorded attendance at auto-advisory on 2026-10-08: 2 present (Sam Reed added)\n"
    )
    assert line_diff(before, events.read_text()) == (
        ["      - {date: 2026-10-08, notice: 2026-09-20, present: [Dana Ortiz]}\n"],
        [
            "      - {date: 2026-10-08, notice: 2026-09-20, present: [Dana Ortiz, Sam Reed], minutes: Drive/auto 2026-10.docx}\n"
        ],
    )
    again = cli(ws, "advisory", "attend", "auto-advisory", "Sam Reed", "--date", "2026-10-08")
    assert again.stdout == "auto-advisory on 2026-10-08: attendance already recorded as given\n"
    # without --date: the last meeting up to today
    later = cli(ws, "--today", "2027-01-20", "advisory", "attend", "auto-advisory", "Pat Lee")
    assert (
        later.stdout
        == "recorded attendance at auto-advisory on 2027-01-08: 1 present (Pat Lee added)\n"
    )
    assert events.read_text().endswith("      - {date: 2027-01-08, present: [Pat Lee]}\n")
    report = cli(ws, "--today", "2027-01-20", "advisory").stdout
    assert "  Pat Lee (parent), term ends 2026-12-31: attended 1 of 2\n" in report


ATTEND_ERRORS = {
    "someone not on the committee": (
        ["auto-advisory", "Dana Ortiz", "Nobody Here"],
        "error: 'Nobody Here' is not on the advisory committee (members: Dana Ortiz, Lena Fox, Pat Lee)",
    ),
    "a name misspelt": (
        ["auto-advisory", "Dana Ortis"],
        "error: 'Dana Ortis' is not on the advisory committee (did you mean 'Dana Ortiz'?)",
    ),
    "an unknown event": (
        ["auto-advisry", "Dana Ortiz"],
        "error: no event 'auto-advisry' in events/ (`partnerctl advisory` lists advisory meetings; `partnerctl calendar` all events)",
    ),
    "a day it does not meet": (
        ["auto-advisory", "Dana Ortiz", "--date", "2026-10-09"],
        "error: auto-advisory does not meet on 2026-10-09 (it first meets 2026-10-08; see `partnerctl calendar`)",
    ),
    "the placeholder": (
        ["auto-advisory", "…"],
        "error: NAME: '…' is a placeholder, not text (type what it stands for in place of '…', in quotes)",
    ),
}


@pytest.mark.parametrize("case", list(ATTEND_ERRORS))
def test_attend_refuses_bad_input_and_writes_nothing(ws: Path, case: str) -> None:
    args, message = ATTEND_ERRORS[case]
    before = file_tree(ws)
    result = cli(ws, "advisory", "attend", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"{message}\n")
    assert file_tree(ws) == before


def test_attend_refuses_an_event_that_is_no_advisory_meeting(ws: Path) -> None:
    (ws / "events/fair.yaml").write_text(
        "events:\n  - {id: fair, name: Fair, kind: career-fair, date: 2026-11-02}\n",
        encoding="utf-8",
    )
    before = file_tree(ws)
    result = cli(ws, "advisory", "attend", "fair", "Dana Ortiz")
    assert (result.exit_code, result.stderr) == (
        2, "error: fair is a career-fair event, not an advisory meeting (give it `kind: advisory` in events/fair.yaml first)\n"
    )  # fmt: skip
    assert file_tree(ws) == before


def test_an_event_file_with_errors_is_not_edited(ws: Path) -> None:
    events = ws / "events/2026-27.yaml"
    events.write_text(
        events.read_text() + "  - {id: bad, name: Bad, date: 2026-13-01}\n", encoding="utf-8"
    )
    before = file_tree(ws)
    result = cli(ws, "advisory", "notice", "auto-advisory")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "error: nothing was written: events/2026-27.yaml has errors; partnerctl edits valid "
        "files only (fix the errors above and try again)"
    )
    assert file_tree(ws) == before


def test_notice_records_the_next_meeting_and_clears_due(ws: Path) -> None:
    events = ws / "events/2026-27.yaml"
    ahead = ["--today", "2026-12-28"]
    due = json.loads(cli(ws, *ahead, "due", "--format", "json").stdout)["items"]
    assert [
        (i["kind"], i["status"], i["event_date"]) for i in due if i["kind"] == "advisory-notice"
    ] == [("advisory-notice", "overdue", "2027-01-08")]
    result = cli(ws, *ahead, "advisory", "notice", "auto-advisory", "--sent", "2026-12-21")
    assert result.stdout == "recorded notice of auto-advisory on 2027-01-08: sent 2026-12-21\n"
    assert events.read_text().endswith("      - {date: 2027-01-08, notice: 2026-12-21}\n")
    due = json.loads(cli(ws, *ahead, "due", "--format", "json").stdout)["items"]
    assert not [i for i in due if i["kind"] == "advisory-notice"]
    late = cli(
        ws,
        *ahead,
        "advisory",
        "notice",
        "auto-advisory",
        "--date",
        "2026-10-08",
        "--sent",
        "2026-12-21",
    )
    assert (late.exit_code, late.stderr) == (
        2, "error: --sent 2026-12-21 is after the meeting (2026-10-08) (notice goes out before the meeting)\n"
    )  # fmt: skip


def test_schedule_adds_an_event_to_the_advisory_events_file(ws: Path) -> None:
    events = ws / "events/2026-27.yaml"
    before = events.read_text()
    result = cli(
        ws, "advisory", "schedule", "2027-02-11", "--pathway", "health", "--owner", "mortiz"
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "scheduled advisory-health-2027-02-11: Health Science advisory committee on 2027-02-11 (health)\n"
    )
    assert line_diff(before, events.read_text()) == (
        [],
        [
            "  - id: advisory-health-2027-02-11\n",
            "    name: Health Science advisory committee\n",
            "    kind: advisory\n",
            "    date: 2027-02-11\n",
            "    owner: mortiz\n",
            "    pathways: [health]\n",
            "    prepare: 21\n",
        ],
    )
    due = json.loads(cli(ws, "due", "--format", "json").stdout)["items"]
    health = [
        i["action"]
        for i in due
        if i.get("pathway") == "health" and i["kind"] == "advisory-meetings"
    ]
    assert health == [
        "1 of 2 advisory meetings this school year (2026-07-01 to 2027-06-30): schedule 1 more"
    ]


def test_schedule_makes_events_advisory_yaml_when_no_file_holds_a_meeting(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    result = cli(ws, "advisory", "schedule", "2027-02-11", "--pathway", "automotive",
                 "--pathway", "health", "--name", "Joint advisory meeting", "--prepare", "0")  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert (ws / "events/advisory.yaml").read_text() == (
        "events:\n"
        "  - id: advisory-automotive-health-2027-02-11\n"
        "    name: Joint advisory meeting\n"
        "    kind: advisory\n"
        "    date: 2027-02-11\n"
        "    pathways: [automotive, health]\n"
    )
    again = cli(
        ws, "advisory", "schedule", "2027-02-11", "--pathway", "automotive", "--pathway", "health"
    )
    assert (again.exit_code, again.stderr) == (
        2, "error: event 'advisory-automotive-health-2027-02-11' already exists (give another --id)\n"
    )  # fmt: skip


SCHEDULE_ERRORS = {
    "a day gone by": (
        ["2026-11-01", "--pathway", "health"],
        "error: DATE: 2026-11-01 is before today (schedule a later day)",
    ),
    "the date placeholder": (
        ["YYYY-MM-DD", "--pathway", "health"],
        "error: DATE: YYYY-MM-DD is a placeholder, not a date (put the date in its place: YYYY-MM-DD, today, tomorrow, yesterday, +3d, -2d, +2w, +1m or a weekday name)",
    ),
    "an unknown pathway": (
        ["2027-02-11", "--pathway", "helth"],
        "error: --pathway: 'helth' is not a pathway id in partnerctl.yaml (did you mean 'health'?)",
    ),
    "an owner not in the list": (
        ["2027-02-11", "--pathway", "health", "--owner", "zed"],
        "error: --owner: 'zed' is not one of partnerctl.yaml's owners (owners: jlee, mortiz)",
    ),
    "an id that is no slug": (
        ["2027-02-11", "--pathway", "health", "--id", "Health Feb"],
        "error: 'Health Feb' is not a valid event id: use lowercase letters, digits and dashes, starting with a letter or digit, at most 64 characters",
    ),
}


@pytest.mark.parametrize("case", list(SCHEDULE_ERRORS))
def test_schedule_refuses_bad_input_and_writes_nothing(ws: Path, case: str) -> None:
    args, message = SCHEDULE_ERRORS[case]
    before = file_tree(ws)
    result = cli(ws, "advisory", "schedule", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"{message}\n")
    assert file_tree(ws) == before


def test_advisory_edits_print_json_and_dry_run(ws: Path) -> None:
    before = file_tree(ws)
    doc = json.loads(cli(ws, "advisory", "attend", "auto-advisory", "Pat Lee", "--date", "2026-10-08",
                         "--dry-run", "--format", "json").stdout)  # fmt: skip
    assert doc["dry_run"] is True
    [change] = doc["changes"]
    assert (change["events"], change["file"]) == ("2026-27", "events/2026-27.yaml")
    assert change["ops"] == [
        {"op": "set_in", "key": "events", "path": [0, "meetings", 0], "field": "present",
         "value": ["Dana Ortiz", "Pat Lee"]}
    ]  # fmt: skip
    plain = cli(
        ws,
        "advisory",
        "member",
        "Pat Lee",
        "--pathway",
        "automotive",
        "--term-ends",
        "2029-06-30",
        "--dry-run",
    )
    assert plain.stdout.endswith("dry run: nothing written (1 file would change)\n")
    assert file_tree(ws) == before


def test_the_first_member_goes_below_the_settings_commented_examples(tmp_path: Path) -> None:
    ws = tmp_path / "new"
    assert run_cli(["init", str(ws)]).exit_code == 0
    before = (ws / "partnerctl.yaml").read_text()
    result = cli(ws, "advisory", "member", "Pat Lee", "--pathway", "automotive",
                 "--role", "parent", "--term-ends", "2027-06-30")  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert (ws / "partnerctl.yaml").read_text() == before + (
        "\nadvisory_members:\n  - name: Pat Lee\n    pathway: automotive\n    role: parent\n"
        "    term_ends: 2027-06-30\n"
    )
