"""`partnerctl placement` and its edits: add, hours, paperwork, evaluate, end.

Each edit changes only the lines it must, is all or nothing, has --dry-run and
--format json, and refuses bad input with a message and exit 2, writing nothing.
"""
# ruff: noqa: E501  (the tables of expected messages read best one case a line)

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import copy_data, file_tree, run_cli
from test_edit_document import line_diff

T = "2026-11-24"
BOLT = "placements/bolt-motors-2026-10.yaml"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("wbl-basic", tmp_path)


def cli(ws: Path, *args: str, env: dict[str, str | None] | None = None):  # type: ignore[no-untyped-def]
    return run_cli(["-C", str(ws), "--today", T, *args], env)


def test_list_every_format(ws: Path) -> None:
    result = cli(ws, "placement")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "bolt-motors-2026-10  bolt-motors  internship  automotive  S-1001  2026-10-05..2027-01-22  running  12/100 h  ok                       not evaluated\n"
        "pine-clinic-2026-12  pine-clinic  job-shadow  health      S-1002  2026-12-01..2026-12-03  ahead    0 h       missing: parent-consent  not evaluated\n"
    )
    doc = json.loads(cli(ws, "placement", "--format", "json").stdout)
    assert doc["errors"] == []
    assert doc["placements"][0] == {
        "id": "bolt-motors-2026-10",
        "partner": "bolt-motors",
        "pathway": "automotive",
        "kind": "internship",
        "student": "S-1001",
        "supervisor": "Dana Ortiz",
        "start": "2026-10-05",
        "end": "2027-01-22",
        "phase": "running",
        "outcome": None,
        "planned_hours": 100,
        "hours_logged": 12,
        "meets_hours": False,
        "paperwork_missing": [],
        "evaluation": None,
    }
    csv = cli(ws, "placement", "--format", "csv").stdout.splitlines()
    assert csv[0].startswith("id,partner,pathway,kind,student,supervisor,")
    assert csv[2].endswith(",parent-consent,")
    table = cli(ws, "placement", "--format", "table").stdout
    assert "bolt-motors-2026-10" in table and "S-1002" in table


def test_list_filters_and_no_students(ws: Path) -> None:
    assert cli(ws, "placement", "--partner", "pine-clinic").stdout.startswith(
        "pine-clinic-2026-12 "
    )
    assert cli(ws, "placement", "--pathway", "automotive").stdout.count("\n") == 1
    assert cli(ws, "placement", "--student", "S-1002").stdout.startswith("pine-clinic-2026-12 ")
    assert cli(ws, "placement", "--student", "S-9999").stdout == (
        "No placements match; drop a filter to see more.\n"
    )
    for fmt in ("plain", "table", "json", "csv"):
        out = cli(ws, "placement", "--no-students", "--format", fmt).stdout
        assert "S-100" not in out and "bolt-motors-2026-10" in out
    bad = cli(ws, "placement", "--partner", "bolt")
    assert (bad.exit_code, bad.stdout) == (2, "")
    assert (
        bad.stderr
        == "error: no partner 'bolt' (no partners/bolt.yaml) (did you mean 'bolt-motors'?)\n"
    )


def test_list_with_no_placements_says_how_to_add_one(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    assert cli(ws, "placement").stdout == (
        "No placements yet: `partnerctl placement add PARTNER --student CODE --kind KIND "
        "--start DATE --end DATE --supervisor NAME` adds one.\n"
    )


def test_add_writes_a_new_file_and_names_no_student(ws: Path) -> None:
    result = cli(ws, "placement", "add", "bolt-motors", "--student", "S-2001", "--kind", "Internship",
                 "--start", "2027-01-25", "--end", "2027-05-14", "--supervisor", "sam  REED",
                 "--hours", "90", "--hazardous")  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "added placement bolt-motors-2027-01: internship at bolt-motors from 2027-01-25 to 2027-05-14\n"
    )
    assert "S-2001" not in result.stdout
    assert (ws / "placements/bolt-motors-2027-01.yaml").read_text() == (
        "# yaml-language-server: $schema=../.partnerctl/schema/placement.schema.json\n"
        "partner: bolt-motors\n"
        "pathway: automotive\n"  # the partner's one pathway
        "kind: internship\n"
        "student: S-2001\n"
        "supervisor: Sam Reed\n"  # the contact's own spelling
        "start: 2027-01-25\n"
        "end: 2027-05-14\n"
        "planned_hours: 90\n"
        "hazardous: true\n"
    )
    # the same month again gets -2
    again = cli(ws, "placement", "add", "bolt-motors", "--student", "S-2002", "--kind", "job-shadow",
                "--start", "2027-01-28", "--end", "2027-01-28", "--supervisor", "Dana Ortiz")  # fmt: skip
    assert again.stdout.startswith("added placement bolt-motors-2027-01-2:")


ADD = ["placement", "add", "bolt-motors", "--student", "S-2001", "--kind", "internship",
       "--start", "2027-01-25", "--end", "2027-05-14", "--supervisor", "Dana Ortiz"]  # fmt: skip
ADD_ERRORS = {
    "a name for a student": (
        ["--student", "Maria Lopez"],
        "error: --student: 'Maria Lopez' looks like a name: it does not match student_code '^S-[0-9]{4}$' (student privacy) (placements keep only the program's pseudonymous student code, never a name or a student number; the link from code to student stays in the student information system)",
    ),
    "a student number": (
        ["--student", "20261234"],
        "error: --student: '20261234' is not a code: it does not match student_code '^S-[0-9]{4}$' (student privacy) (placements keep only the program's pseudonymous student code, never a name or a student number; the link from code to student stays in the student information system)",
    ),
    "the placeholder": (
        ["--student", "…"],
        "error: --student: '…' is a placeholder, not text (type what it stands for in place of '…', in quotes)",
    ),
    "an id that spells the code": (
        ["--id", "bolt-s-2001"],
        "error: --id: 'bolt-s-2001' holds the student's code (student privacy) (placements keep only the program's pseudonymous student code, never a name or a student number; the link from code to student stays in the student information system)",
    ),
    "an unknown kind": (
        ["--kind", "intership"],
        "error: --kind: 'intership' is not an offer kind (did you mean 'internship'?)",
    ),
    "no such supervisor": (
        ["--supervisor", "Dana Ortis"],
        "error: bolt-motors has no contact 'Dana Ortis' (did you mean 'Dana Ortiz'?)",
    ),
    "an end before the start": (
        ["--end", "2027-01-01"],
        "error: --end 2027-01-01 is before --start 2027-01-25",
    ),
    "no hours": (
        ["--hours", "0"],
        "error: --hours: '0' hours is out of range (more than 0, at most 744)",
    ),
    "a pathway not in the settings": (
        ["--pathway", "welding"],
        "error: --pathway: 'welding' is not a pathway id in partnerctl.yaml (choose one of automotive, health)",
    ),
    "an unknown partner": (["--id", "x-2027-01"], None),
    "an id that is no slug": (
        ["--id", "Bolt 2027"],
        "error: 'Bolt 2027' is not a valid placement id: use lowercase letters, digits and dashes, starting with a letter or digit, at most 64 characters",
    ),
    "an id that exists": (
        ["--id", "pine-clinic-2026-12"],
        "error: placement 'pine-clinic-2026-12' already exists (placements/pine-clinic-2026-12.yaml) (choose another id, or edit that placement)",
    ),
}


@pytest.mark.parametrize("case", [c for c in ADD_ERRORS if ADD_ERRORS[c][1]])
def test_add_refuses_bad_input_and_writes_nothing(ws: Path, case: str) -> None:
    extra, message = ADD_ERRORS[case]
    args = list(ADD)
    for option, value in zip(extra[::2], extra[1::2], strict=True):
        if option in args:
            args[args.index(option) + 1] = value
        else:
            args += [option, value]
    before = file_tree(ws)
    result = cli(ws, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"{message}\n")
    assert file_tree(ws) == before


def test_add_to_an_unknown_or_broken_partner(ws: Path) -> None:
    args = list(ADD)
    args[2] = "bolt-motor"
    result = cli(ws, *args)
    assert (result.exit_code, result.stderr) == (
        2, "error: no partner 'bolt-motor' (no partners/bolt-motor.yaml) (did you mean 'bolt-motors'?)\n"
    )  # fmt: skip
    (ws / "partners/bolt-motors.yaml").write_text("name: Bolt\nstage: activ\n", encoding="utf-8")
    before = file_tree(ws)
    result = cli(ws, *ADD)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "error: bolt-motors's file has errors; fix them before adding a placement"
    )
    assert file_tree(ws) == before


def test_hours_appends_one_line_and_keeps_every_other_byte(ws: Path) -> None:
    before = (ws / BOLT).read_text()
    result = cli(ws, "placement", "hours", "bolt-motors-2026-10", "7.5", "--date", "2026-11-20")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "logged 7.5 hours at bolt-motors-2026-10 on 2026-11-20: 19.5 of 100 planned in all\n"
    )
    removed, added = line_diff(before, (ws / BOLT).read_text())
    assert (removed, added) == ([], ["  - {date: 2026-11-20, hours: 7.5}\n"])
    # a whole number is written as one
    cli(ws, "placement", "hours", "bolt-motors-2026-10", "6")
    assert (ws / BOLT).read_text().endswith("  - {date: 2026-11-24, hours: 6}\n")


HOURS_ERRORS = {
    "the placeholder": (
        ["…"],
        "error: HOURS: '…' is a placeholder, not a number of hours (put the hours worked in its place, e.g. 6 or 7.5)",
    ),
    "not a number": (
        ["six"],
        "error: HOURS: 'six' is not a number of hours (for example 6 or 7.5)",
    ),
    "too many": (["800"], "error: HOURS: '800' hours is out of range (more than 0, at most 744)"),
    "a day in the future": (
        ["6", "--date", "2026-11-30"],
        "error: --date: 2026-11-30 is after today (2026-11-24) (log what happened; use --next for what is planned)",
    ),
    "a day before the start": (
        ["6", "--date", "2026-10-01"],
        "error: --date 2026-10-01 falls outside bolt-motors-2026-10 (2026-10-05 to 2027-01-22) (give a date inside the placement, or change its start or end first)",
    ),
}


@pytest.mark.parametrize("case", list(HOURS_ERRORS))
def test_hours_refuses_bad_input_and_writes_nothing(ws: Path, case: str) -> None:
    extra, message = HOURS_ERRORS[case]
    before = file_tree(ws)
    result = cli(ws, "placement", "hours", "bolt-motors-2026-10", *extra)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"{message}\n")
    assert file_tree(ws) == before


def test_an_unknown_placement_suggests_the_near_ones(ws: Path) -> None:
    result = cli(ws, "placement", "hours", "bolt-motors-2026-11", "6")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: no placement 'bolt-motors-2026-11' (no placements/bolt-motors-2026-11.yaml) "
        "(did you mean 'bolt-motors-2026-10'?)\n",
    )


def test_paperwork_adds_updates_and_removes(ws: Path) -> None:
    path = ws / "placements/pine-clinic-2026-12.yaml"
    result = cli(
        ws,
        "placement",
        "paperwork",
        "pine-clinic-2026-12",
        "parent-consent",
        "--date",
        "2026-11-20",
    )
    assert result.stdout == "recorded parent-consent for pine-clinic-2026-12: signed 2026-11-20\n"
    assert path.read_text().endswith("paperwork:\n  - kind: parent-consent\n    date: 2026-11-20\n")
    # the paperwork item is gone from due
    due = json.loads(cli(ws, "due", "--format", "json").stdout)["items"]
    assert not [i for i in due if i.get("placement") == "pine-clinic-2026-12"]
    result = cli(ws, "placement", "paperwork", "pine-clinic-2026-12", "PARENT-CONSENT",
                 "--date", "2026-11-21", "--expires", "2027-06-30")  # fmt: skip
    assert result.stdout == (
        "updated parent-consent of pine-clinic-2026-12: signed 2026-11-21, expires 2027-06-30\n"
    )
    assert path.read_text().endswith(
        "  - kind: parent-consent\n    date: 2026-11-21\n    expires: 2027-06-30\n"
    )
    same = cli(ws, "placement", "paperwork", "pine-clinic-2026-12", "parent-consent",
               "--date", "2026-11-21", "--expires", "2027-06-30")  # fmt: skip
    assert (
        same.stdout
        == "pine-clinic-2026-12: parent-consent already on file as given; nothing changed\n"
    )
    result = cli(ws, "placement", "paperwork", "pine-clinic-2026-12", "parent-consent", "--remove")
    assert result.stdout == "removed parent-consent from pine-clinic-2026-12\n"
    assert path.read_text().endswith("paperwork: []\n")


PAPERWORK_ERRORS = {
    "the supervisor's": (
        ["bolt-motors-2026-10", "background-check"],
        "error: background-check is the supervisor's, kept in bolt-motors's agreements, not in the placement (partnerctl agreement bolt-motors background-check --holder \"Dana Ortiz\" --expires YYYY-MM-DD)",
    ),
    "the partner's": (
        ["bolt-motors-2026-10", "insurance"],
        "error: insurance is the partner's, kept in bolt-motors's agreements, not in the placement (partnerctl agreement bolt-motors insurance --expires YYYY-MM-DD)",
    ),
    "an unknown kind": (
        ["bolt-motors-2026-10", "parent-concent"],
        "error: KIND: 'parent-concent' is not a paperwork kind (did you mean 'parent-consent'?)",
    ),
    "an expiry before its date": (
        ["bolt-motors-2026-10", "work-permit", "--date", "2026-11-01", "--expires", "2026-10-01"],
        "error: --expires 2026-10-01 is before --date 2026-11-01 (--date is when it was signed or received)",
    ),
    "removing what is not there": (
        ["bolt-motors-2026-10", "work-permit", "--remove"],
        "error: bolt-motors-2026-10 has no work-permit on file (nothing to remove)",
    ),
    "a remove with a date": (
        ["bolt-motors-2026-10", "work-permit", "--remove", "--date", "2026-11-01"],
        "error: --remove takes no --date or --expires",
    ),
}


@pytest.mark.parametrize("case", list(PAPERWORK_ERRORS))
def test_paperwork_refuses_bad_input_and_writes_nothing(ws: Path, case: str) -> None:
    extra, message = PAPERWORK_ERRORS[case]
    before = file_tree(ws)
    result = cli(ws, "placement", "paperwork", *extra)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"{message}\n")
    assert file_tree(ws) == before


def test_evaluate_records_scores_and_choices_only(ws: Path) -> None:
    result = cli(ws, "placement", "evaluate", "bolt-motors-2026-10", "--overall", "Meets",
                 "--would-hire", "yes", "--attendance", "5", "--safety", "4")  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "recorded the evaluation of bolt-motors-2026-10 on 2026-11-24: meets; would hire: yes; "
        "attendance 5, safety 4\n"
    )
    assert (
        (ws / BOLT)
        .read_text()
        .endswith(
            'evaluation:\n  date: 2026-11-24\n  overall: meets\n  would_hire: "yes"\n'
            "  scores:\n    attendance: 5\n    safety: 4\n"
        )
    )
    again = cli(ws, "placement", "evaluate", "bolt-motors-2026-10", "--overall", "exceeds")
    assert again.stdout == "replaced the evaluation of bolt-motors-2026-10 on 2026-11-24: exceeds\n"
    assert (ws / BOLT).read_text().endswith("evaluation:\n  date: 2026-11-24\n  overall: exceeds\n")


EVALUATE_ERRORS = {
    "the placeholder": (
        ["--overall", "…"],
        "error: --overall: '…' is a placeholder, not a rating (choose one of exceeds, meets, approaching, below)",
    ),
    "a rating not in the list": (
        ["--overall", "great"],
        "error: --overall: 'great' is not a rating (choose one of exceeds, meets, approaching, below)",
    ),
    "a would-hire not in the list": (
        ["--overall", "meets", "--would-hire", "sure"],
        "error: --would-hire: 'sure' is not yes, no or maybe (choose one of yes, no, maybe)",
    ),
    "a date before the start": (
        ["--overall", "meets", "--date", "2026-09-01"],
        "error: --date 2026-09-01 is before bolt-motors-2026-10 starts (2026-10-05)",
    ),
}


@pytest.mark.parametrize("case", list(EVALUATE_ERRORS))
def test_evaluate_refuses_bad_input_and_writes_nothing(ws: Path, case: str) -> None:
    extra, message = EVALUATE_ERRORS[case]
    before = file_tree(ws)
    result = cli(ws, "placement", "evaluate", "bolt-motors-2026-10", *extra)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"{message}\n")
    assert file_tree(ws) == before


def test_a_score_out_of_range_is_a_usage_error(ws: Path) -> None:
    before = file_tree(ws)
    result = cli(
        ws, "placement", "evaluate", "bolt-motors-2026-10", "--overall", "meets", "--safety", "9"
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("error: --safety: ")  # out of 1..5, in Click's or Typer's words
    assert file_tree(ws) == before


def test_end_moves_the_end_records_the_outcome_and_says_the_evaluation_is_due(ws: Path) -> None:
    before = (ws / BOLT).read_text()
    result = cli(
        ws, "placement", "end", "bolt-motors-2026-10", "--withdrew", "--date", "2026-11-20"
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "ended bolt-motors-2026-10 on 2026-11-20 (withdrew): 12 of 100 planned hours logged\n"
        'evaluation due: partnerctl placement evaluate bolt-motors-2026-10 --overall "…"\n'
    )
    removed, added = line_diff(before, (ws / BOLT).read_text())
    assert removed == ["end: 2027-01-22\n"]
    assert added == ["end: 2026-11-20\n", "outcome: withdrew\n"]
    due = json.loads(cli(ws, "due", "--format", "json").stdout)["items"]
    mine = [(i["kind"], i["status"]) for i in due if i.get("placement") == "bolt-motors-2026-10"]
    assert mine == [("evaluation", "due")]  # no more hours or paperwork items
    again = cli(ws, "placement", "end", "bolt-motors-2026-10", "--withdrew", "--date", "2026-11-20")
    assert again.stdout == "bolt-motors-2026-10 already ended on 2026-11-20 (withdrew)\n"
    refused = cli(ws, "placement", "end", "bolt-motors-2026-10", "--date", "2026-10-10")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "error: bolt-motors-2026-10 has hours logged on 2026-10-16, after 2026-10-10 "
        "(end it on or after its last logged day)\n",
    )


def test_dry_run_and_json_write_nothing_and_name_no_student(ws: Path) -> None:
    before = file_tree(ws)
    result = cli(ws, *ADD, "--dry-run")
    assert result.stdout.endswith("dry run: nothing written (1 file would change)\n")
    assert file_tree(ws) == before
    doc = json.loads(cli(ws, *ADD, "--dry-run", "--format", "json").stdout)
    change = doc["changes"][0]
    assert (doc["dry_run"], change["placement"], change["created"]) == (
        True,
        "bolt-motors-2027-01",
        True,
    )
    assert change["data"]["student"] == "S-2001"
    hidden = json.loads(cli(ws, *ADD, "--dry-run", "--format", "json", "--no-students").stdout)
    assert "S-2001" not in json.dumps(hidden)
    doc = json.loads(
        cli(ws, "placement", "hours", "bolt-motors-2026-10", "6", "--format", "json").stdout
    )
    assert doc["changes"][0]["ops"] == [
        {"op": "append", "key": "hours", "value": {"date": T, "hours": 6}}
    ]


def test_a_placement_file_with_errors_is_not_edited(ws: Path) -> None:
    path = ws / BOLT
    path.write_text(
        path.read_text().replace("kind: internship", "kind: intership"), encoding="utf-8"
    )
    before = file_tree(ws)
    result = cli(ws, "placement", "hours", "bolt-motors-2026-10", "6")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "placements/bolt-motors-2026-10.yaml:4:7: error: kind: 'intership' is not an offer kind (did you mean 'internship'?)",
        "error: nothing was written: placements/bolt-motors-2026-10.yaml has errors; partnerctl edits valid files only (fix the errors above and try again)",
    ]
    assert file_tree(ws) == before


def test_an_edit_that_would_break_the_file_is_refused(ws: Path) -> None:
    # a supervisor who left the partner: the file can no longer validate, so no edit writes it
    partner = ws / "partners/bolt-motors.yaml"
    partner.write_text(
        partner.read_text().replace("Dana Ortiz            #", "Dana Ortiz-Reed       #"),
        encoding="utf-8",
    )
    before = file_tree(ws)
    result = cli(ws, "placement", "hours", "bolt-motors-2026-10", "6")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "supervisor: 'Dana Ortiz' is not a contact of bolt-motors" in result.stderr
    assert file_tree(ws) == before


def test_subcommands_take_no_list_filters(ws: Path) -> None:
    result = cli(ws, "placement", "--partner", "bolt-motors", "hours", "bolt-motors-2026-10", "6")
    assert (result.exit_code, result.stderr) == (
        2, "error: --partner, --pathway and --student go with `placement` alone, not a subcommand\n"
    )  # fmt: skip
