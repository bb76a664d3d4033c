"""Placement files, the WBL settings, advisory members and meetings: each bad input's message.

Student privacy is the first constraint: a key meant for a name or a note, and
a `student:` that is not the program's code, are refused with a message about
student privacy (never a did-you-mean that would keep the name).
"""
# ruff: noqa: E501  (the tables of expected messages read best one case a line)

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, copy_data, run_cli
from partnerctl.workspace.load import load_workspace

TODAY = {"PARTNERCTL_TODAY": "2026-11-24"}
PRIVACY = (
    "student privacy: a placement keeps only the program's pseudonymous code in `student:`; "
    "names, numbers and notes about a student stay in the student information system"
)
CODE_RULE = (
    "placements keep only the program's pseudonymous student code, never a name or a "
    "student number; the link from code to student stays in the student information system"
)
GOOD = """\
partner: bolt-motors
kind: internship
student: S-2001
supervisor: Dana Ortiz
start: 2026-10-05
end: 2027-01-22
"""


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("wbl-basic", tmp_path)


def errors_of(ws: Path) -> tuple[int, str]:
    result = run_cli(["validate", "-C", str(ws)], env=TODAY)
    return result.exit_code, result.stderr


def placement(ws: Path, text: str, name: str = "new-2026-10") -> None:
    (ws / "placements" / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_the_test_workspace_is_clean() -> None:
    workspace = load_workspace(DATA / "wbl-basic")
    assert workspace.problems == []
    assert sorted(workspace.placements) == ["bolt-motors-2026-10", "pine-clinic-2026-12"]
    record = workspace.placements["bolt-motors-2026-10"]
    assert record["file"] == "placements/bolt-motors-2026-10.yaml"
    assert (record["student"], record["supervisor"], record["planned_hours"]) == (
        "S-1001",
        "Dana Ortiz",
        100.0,
    )
    assert [entry["hours"] for entry in record["hours"]] == [6.0, 6.0]
    assert workspace.settings["paperwork"]["internship"] == [
        "training-agreement", "parent-consent", "background-check", "insurance",
    ]  # fmt: skip
    # an offer kind the settings leave out keeps its default
    assert workspace.settings["paperwork"]["job-shadow"] == ["parent-consent"]
    assert workspace.settings["paperwork"]["tour"] == []


NAME_KEYS = {
    "student_name": (
        "student_name: Maria Lopez\n",
        "placements/new-2026-10.yaml:7:1: error: 'student_name': a placement keeps no names and no notes about a student",
    ),
    "notes": (
        "notes: shy, needs rides\n",
        "placements/new-2026-10.yaml:7:1: error: 'notes': a placement keeps no names and no notes about a student",
    ),
    "Student ID": (
        "Student ID: '123456'\n",
        "placements/new-2026-10.yaml:7:1: error: 'Student ID': a placement keeps no names and no notes about a student",
    ),
    "a name in the evaluation": (
        "evaluation: {date: 2027-01-22, overall: meets, comment: great kid}\n",
        "placements/new-2026-10.yaml:7:48: error: evaluation: 'comment': a placement keeps no names and no notes about a student",
    ),
}


@pytest.mark.parametrize("case", list(NAME_KEYS))
def test_a_key_meant_for_a_name_or_a_note_is_refused_for_privacy(ws: Path, case: str) -> None:
    extra, message = NAME_KEYS[case]
    placement(ws, GOOD + extra)
    code, stderr = errors_of(ws)
    assert code == 1
    assert stderr == f"{message} ({PRIVACY})\n"
    assert "did you mean" not in stderr


@pytest.mark.parametrize(
    ("value", "looks"),
    [
        ("Maria Lopez", "looks like a name"),
        ("123456", "is not a code"),
        ("s-2001", "is not a code"),
    ],
)
def test_a_student_that_is_not_a_code_is_refused_for_privacy(
    ws: Path, value: str, looks: str
) -> None:
    placement(ws, GOOD.replace("S-2001", f'"{value}"'))
    code, stderr = errors_of(ws)
    assert code == 1
    assert stderr == (
        f"placements/new-2026-10.yaml:3:10: error: student: {value!r} {looks}: it does not "
        f"match student_code '^S-[0-9]{{4}}$' (student privacy) ({CODE_RULE})\n"
    )
    # the file is left out of every command, and every command names it
    result = run_cli(["-C", str(ws), "placement", "--format", "json"], env=TODAY)
    assert result.exit_code == 2
    assert "new-2026-10" not in result.stdout.split('"errors"')[0]


def test_a_file_named_after_its_student_is_refused(ws: Path) -> None:
    placement(ws, GOOD, name="bolt-s-2001")
    code, stderr = errors_of(ws)
    assert code == 1
    assert stderr == (
        "placements/bolt-s-2001.yaml:1:1: error: the file's name holds the student's code, "
        "which output without student codes (--no-students) would still show (student "
        "privacy) (rename it, e.g. to bolt-motors-2026-10.yaml)\n"
    )


MISTAKES = {
    "supervisor not a contact": (
        GOOD.replace("Dana Ortiz", "Dana Ortis"),
        "placements/new-2026-10.yaml:4:13: error: supervisor: 'Dana Ortis' is not a contact of bolt-motors (did you mean 'Dana Ortiz'?)",
    ),
    "unknown partner": (
        GOOD.replace("bolt-motors", "bolt-motor"),
        "placements/new-2026-10.yaml:1:10: error: partner: 'bolt-motor' is not a partner (no partners/bolt-motor.yaml) (did you mean 'bolt-motors'?)",
    ),
    "unknown pathway": (
        GOOD + "pathway: automotiv\n",
        "placements/new-2026-10.yaml:7:10: error: pathway: 'automotiv' is not a pathway in partnerctl.yaml (did you mean 'automotive'?)",
    ),
    "end before start": (
        GOOD.replace("end: 2027-01-22", "end: 2026-09-01"),
        "placements/new-2026-10.yaml:1:1: error: 'end' (2026-09-01) is before 'start' (2026-10-05)",
    ),
    "hours outside the dates": (
        GOOD + "hours:\n  - {date: 2026-09-30, hours: 6}\n",
        "placements/new-2026-10.yaml:1:1: error: hours dated 2026-09-30 fall outside the placement (2026-10-05 to 2027-01-22)",
    ),
    "no hours at all": (
        GOOD + "hours:\n  - {date: 2026-10-30, hours: 0}\n",
        "placements/new-2026-10.yaml:8:31: error: hours[0].hours: '0' is too small: it must be more than 0",
    ),
    "a supervisor's paperwork kept here": (
        GOOD + "paperwork:\n  - {kind: background-check, date: 2026-09-01}\n",
        "placements/new-2026-10.yaml:8:12: error: paperwork[0].kind: background-check is the supervisor's, not the placement's: keep it in the partner's `agreements` with `holder:` the supervisor's name",
    ),
    "a misspelt paperwork kind": (
        GOOD + "paperwork:\n  - {kind: parent-concent, date: 2026-09-01}\n",
        "placements/new-2026-10.yaml:8:12: error: paperwork[0].kind: 'parent-concent' is not a paperwork kind (did you mean 'parent-consent'?)",
    ),
    "paperwork twice": (
        GOOD
        + "paperwork:\n  - {kind: parent-consent, date: 2026-09-01}\n  - {kind: parent-consent, date: 2026-09-02}\n",
        "placements/new-2026-10.yaml:1:1: error: paperwork lists parent-consent twice: keep one entry per kind",
    ),
    "a score out of range": (
        GOOD + "evaluation: {date: 2027-01-22, overall: meets, scores: {safety: 6}}\n",
        "placements/new-2026-10.yaml:7:65: error: evaluation.scores.safety: '6' is too large: it must be at most 5",
    ),
    "an unknown criterion": (
        GOOD + "evaluation: {date: 2027-01-22, overall: meets, scores: {saftey: 4}}\n",
        "placements/new-2026-10.yaml:7:57: error: evaluation.scores: unknown key 'saftey' (did you mean 'safety'?)",
    ),
    "a rating not in the list": (
        GOOD + "evaluation: {date: 2027-01-22, overall: great}\n",
        "placements/new-2026-10.yaml:7:41: error: evaluation.overall: 'great' is not a rating (one of: exceeds, meets, approaching, below)",
    ),
    "an outcome not in the list": (
        GOOD + "outcome: quit\n",
        "placements/new-2026-10.yaml:7:10: error: outcome: 'quit' is not a placement outcome (one of: completed, withdrew)",
    ),
    "a required key missing": (
        GOOD.replace("supervisor: Dana Ortiz\n", ""),
        "placements/new-2026-10.yaml:1:1: error: 'supervisor' is required (add a line `supervisor: …`)",
    ),
    "a misspelt key": (
        GOOD.replace("supervisor:", "supervisr:"),
        "placements/new-2026-10.yaml:4:1: error: unknown key 'supervisr' (rename `supervisr` to `supervisor`)",
    ),
}


@pytest.mark.parametrize("case", list(MISTAKES))
def test_each_mistake_in_a_placement_has_its_message_and_place(ws: Path, case: str) -> None:
    text, message = MISTAKES[case]
    placement(ws, text)
    code, stderr = errors_of(ws)
    assert (code, stderr) == (1, message + "\n")


def test_a_placement_of_a_partner_whose_file_has_errors_is_not_blamed(ws: Path) -> None:
    (ws / "partners/bolt-motors.yaml").write_text("name: Bolt\nstage: activ\n", encoding="utf-8")
    code, stderr = errors_of(ws)
    assert code == 1
    assert stderr.splitlines() == [
        "partners/bolt-motors.yaml:2:8: error: stage: 'activ' is not a stage (did you mean 'active'?)"
    ]


SETTINGS_MISTAKES = {
    "a code pattern that takes names": (
        "student_code: ^S-[0-9]{4}$",
        'student_code: "[A-Za-z ,.]+"',
        "partnerctl.yaml:9:15: error: student_code: '[A-Za-z ,.]+' accepts names such as 'Maria Lopez' (student privacy) (describe the program's codes, for example ^S-[0-9]{4}$)",
    ),
    "a code pattern that is no pattern": (
        "student_code: ^S-[0-9]{4}$",
        'student_code: "^S-[0-9"',
        "partnerctl.yaml:9:15: error: student_code: '^S-[0-9' is not a regular expression: unterminated character set at position 3 (describe the program's codes, for example ^S-[0-9]{4}$)",
    ),
    "a paperwork kind misspelt": ("background-check, insurance]", "background-chek, insurance]"),
    "an offer kind misspelt": ("  internship: [", "  intership: ["),
    "a member who is no contact": (
        "{name: Lena Fox, pathway: health",
        "{name: Lena Fix, pathway: health",
    ),
    "a member of an unknown partner": ("partner: pine-clinic,", "partner: pine-clinik,"),
    "a member twice": (
        "{name: Pat Lee, pathway: automotive, role: parent",
        "{name: dana ortiz, pathway: automotive, role: parent",
    ),
    "a term with no end": (", term_ends: 2026-12-31}", "}"),
}
SETTINGS_MESSAGES = {
    "a paperwork kind misspelt": "partnerctl.yaml:11:52: error: paperwork.internship[2]: 'background-chek' is not a paperwork kind (did you mean 'background-check'?)",
    "an offer kind misspelt": "partnerctl.yaml:11:3: error: paperwork.intership: 'intership' is not an offer kind (did you mean 'internship'?)",
    "a member who is no contact": "partnerctl.yaml:15:12: error: advisory_members[2].name: 'Lena Fix' is not a contact of pine-clinic (did you mean 'Lena Fox'?)",
    "a member of an unknown partner": "partnerctl.yaml:15:48: error: advisory_members[2].partner: 'pine-clinik' is not a partner (no partners/pine-clinik.yaml) (did you mean 'pine-clinic'?)",
    "a member twice": "partnerctl.yaml:14:12: error: advisory_members[1].name: 'dana ortiz' is listed twice for the automotive committee (keep one entry)",
    "a term with no end": "partnerctl.yaml:14:5: error: advisory_members[1]: 'term_ends' is required (add `term_ends: YYYY-MM-DD`)",
}


@pytest.mark.parametrize("case", list(SETTINGS_MISTAKES))
def test_each_mistake_in_the_wbl_settings(ws: Path, case: str) -> None:
    old, new, *given = SETTINGS_MISTAKES[case]
    settings = ws / "partnerctl.yaml"
    text = settings.read_text(encoding="utf-8")
    assert old in text
    settings.write_text(text.replace(old, new, 1), encoding="utf-8")
    message = given[0] if given else SETTINGS_MESSAGES[case]
    code, stderr = errors_of(ws)
    assert code == 1
    assert stderr.splitlines()[0] == message


MEETING_MISTAKES = {
    "someone not on the committee": (
        "present: [Dana Ortiz]",
        "present: [Dana Ortiz, Sam Reed]",
        "events/2026-27.yaml:10:70: error: events[0].meetings[0].present[1]: 'Sam Reed' is not on the advisory committee (add them first: partnerctl advisory member \"Sam Reed\" --pathway automotive --term-ends YYYY-MM-DD)",
    ),
    "a name misspelt": (
        "present: [Dana Ortiz]",
        "present: [Dana Ortis]",
        "events/2026-27.yaml:10:58: error: events[0].meetings[0].present[0]: 'Dana Ortis' is not on the advisory committee (did you mean 'Dana Ortiz'?)",
    ),
    "a day it does not meet": (
        "{date: 2026-10-08, notice",
        "{date: 2026-10-09, notice",
        "events/2026-27.yaml:2:5: error: events[0]: `meetings` has 2026-10-09, a day this event does not happen on",
    ),
    "meetings of another kind of event": (
        "kind: advisory",
        "kind: chamber",
        "events/2026-27.yaml:2:5: error: events[0]: `meetings` (notice and attendance) are kept for advisory meetings only: give this event `kind: advisory`, or remove `meetings`",
    ),
    "an unknown pathway": (
        "pathways: [automotive]",
        "pathways: [automotiv]",
        "events/2026-27.yaml:8:16: error: events[0].pathways[0]: 'automotiv' is not a pathway in partnerctl.yaml (did you mean 'automotive'?)",
    ),
}


@pytest.mark.parametrize("case", list(MEETING_MISTAKES))
def test_each_mistake_in_an_advisory_meeting(ws: Path, case: str) -> None:
    old, new, message = MEETING_MISTAKES[case]
    events = ws / "events/2026-27.yaml"
    text = events.read_text(encoding="utf-8")
    assert old in text
    events.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert errors_of(ws) == (1, message + "\n")


def test_placements_come_from_the_cache_on_a_warm_run(
    tmp_path: Path, cache_env: Path, later: None
) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(DATA / "wbl-basic", ws)
    cold = load_workspace(ws)
    warm = load_workspace(ws)
    assert warm.placements == cold.placements and warm.settings == cold.settings
    assert warm.problems == cold.problems == []
    # a changed placement is read again, and its new problem shown
    path = ws / "placements/pine-clinic-2026-12.yaml"
    path.write_text(path.read_text().replace("S-1002", "Maria Lopez"), encoding="utf-8")
    changed = load_workspace(ws)
    assert "pine-clinic-2026-12" not in changed.placements
    assert [p.path for p in changed.problems] == ["student"]
