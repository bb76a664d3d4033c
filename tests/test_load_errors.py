"""Each kind of bad input: its message, its place (line:col) and validate's exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from partnerctl.model import default_settings
from partnerctl.workspace.load import load_workspace, parse_partner_text, read_partner

TODAY = {"PARTNERCTL_TODAY": "2026-11-24"}
SETTINGS = """\
program: Test
pathways:
  - {id: automotive, name: Automotive}
owners: [jlee]
"""


def make(tmp_path: Path, files: dict[str, str], settings: str = SETTINGS) -> Path:
    ws = tmp_path / "ws"
    (ws / "partners").mkdir(parents=True)
    (ws / "events").mkdir()
    (ws / "partnerctl.yaml").write_text(settings, encoding="utf-8")
    for name, text in files.items():
        (ws / name).write_text(text, encoding="utf-8")
    return ws


def errors_of(ws: Path) -> tuple[int, str]:
    result = run_cli(["validate", "-C", str(ws)], env=TODAY)
    return result.exit_code, result.stderr


CASES = {
    "yaml syntax": (
        "name: Acme\nstage: [active\n",
        "partners/acme.yaml:3:1: error: YAML syntax: did not find expected ',' or ']'",
    ),
    "tab indentation": (
        "name: Acme\nnext:\n\tdate: 2026-12-01\n",
        "partners/acme.yaml:3:1: error: YAML syntax: found character that cannot start any "
        "token (indent with spaces, not tabs, and quote text that starts with @ or `)",
    ),
    "text where a list is expected": (
        "name: Acme\nstage: active\ntags: chamber\n",
        "partners/acme.yaml:3:7: error: tags: should be a list, not 'chamber' "
        "(write [a, b] or one `- item` per line)",
    ),
    "list where text is expected": (
        "name: [Acme]\nstage: active\n",
        "partners/acme.yaml:1:7: error: name: should be text, not a list "
        "(text that holds ': ' or starts with [ or { needs quotes)",
    ),
    "text where a mapping is expected": (
        "name: Acme\nstage: active\nnext: call Dana\n",
        "partners/acme.yaml:3:7: error: next: should be a mapping of `key: value` lines, "
        "not 'call Dana' (indent its keys under it)",
    ),
    "not a number": (
        "name: Acme\nstage: active\ndistance_miles: far\n",
        "partners/acme.yaml:3:17: error: distance_miles: 'far' is not a number (for example 2.5)",
    ),
    "not a whole number": (
        "name: Acme\nstage: active\noffers:\n  - {kind: tour, seats: four}\n",
        "partners/acme.yaml:4:25: error: offers[0].seats: 'four' is not a whole number",
    ),
    "negative number": (
        "name: Acme\nstage: active\noffers:\n  - {kind: tour, seats: -1}\n",
        "partners/acme.yaml:4:25: error: offers[0].seats: '-1' is too small: it must be at least 0",
    ),
    "not a boolean": (
        "name: Acme\nstage: active\nearly_adopter: maybe\n",
        "partners/acme.yaml:3:16: error: early_adopter: 'maybe' is not true or false "
        "(use true or false)",
    ),
    "empty required text": (
        "name:\nstage: active\n",
        "partners/acme.yaml:1:6: error: name: needs a value "
        "(write the text after the colon, or remove the line)",
    ),
    "unknown key": (
        "name: Acme\nstge: active\n",
        "partners/acme.yaml:1:1: error: 'stage' is required (add `stage: prospect` (one of: "
        "prospect, contacted, meeting, committed, active, paused, declined, lapsed))\n"
        "partners/acme.yaml:2:1: error: unknown key 'stge' (did you mean 'stage'?)",
    ),
    "unknown nested key": (
        "name: Acme\nstage: active\ntouchpoints:\n  - date: 2026-11-02\n    wiht: Dana\n",
        "partners/acme.yaml:5:5: error: touchpoints[0]: unknown key 'wiht' (did you mean 'with'?)",
    ),
    "key that belongs elsewhere": (
        "name: Acme\nstage: active\nphone: 555-0142\n",
        "partners/acme.yaml:3:1: error: unknown key 'phone' ('phone' belongs under `contacts:`)",
    ),
    "bad stage": (
        "name: Acme\nstage: prospekt\n",
        "partners/acme.yaml:2:8: error: stage: 'prospekt' is not a stage "
        "(did you mean 'prospect'?)",
    ),
    "bad enum without a near match": (
        "name: Acme\nstage: active\nchannel: carrier pigeon\n",
        "partners/acme.yaml:3:10: error: channel: 'carrier pigeon' is not a channel "
        "(one of: email, phone, in-person, social, letter, video)",
    ),
    "bad nested enum": (
        "name: Acme\nstage: active\ntouchpoints:\n  - {date: 2026-11-02, outcome: replyed}\n",
        "partners/acme.yaml:4:33: error: touchpoints[0].outcome: 'replyed' is not an outcome "
        "(did you mean 'replied'?)",
    ),
    "impossible month": (
        "name: Acme\nstage: active\ntouchpoints:\n  - date: 2026-13-01\n",
        "partners/acme.yaml:4:11: error: touchpoints[0].date: '2026-13-01' is not a date: "
        "month must be 1..12",
    ),
    "impossible day": (
        "name: Acme\nstage: active\nsince: 2026-02-29\n",
        "partners/acme.yaml:3:8: error: since: '2026-02-29' is not a date: "
        "day must be 1..28 in 2026-02",
    ),
    "not an ISO date": (
        "name: Acme\nstage: active\nsince: 11/02/2026\n",
        "partners/acme.yaml:3:8: error: since: '11/02/2026' is not a date: "
        "use YYYY-MM-DD, for example 2026-11-02",
    ),
    "missing nested date": (
        "name: Acme\nstage: active\nnext:\n  action: Call\n",
        "partners/acme.yaml:4:3: error: next: 'date' is required (add `date: YYYY-MM-DD`)",
    ),
    "bad busy season": (
        "name: Acme\nstage: active\nbusy_seasons:\n  - {from: 13-01, to: 01-10}\n",
        "partners/acme.yaml:4:12: error: busy_seasons[0].from: '13-01': month must be 01..12",
    ),
    "unknown pathway": (
        "name: Acme\nstage: active\npathways: [automotiv]\n",
        "partners/acme.yaml:3:12: error: pathways[0]: 'automotiv' is not a pathway in "
        "partnerctl.yaml (did you mean 'automotive'?)",
    ),
    "unknown offer pathway": (
        "name: Acme\nstage: active\noffers:\n  - {kind: tour, pathway: welding}\n",
        "partners/acme.yaml:4:27: error: offers[0].pathway: 'welding' is not a pathway in "
        "partnerctl.yaml (pathways in partnerctl.yaml: automotive)",
    ),
    "owner not in the list": (
        "name: Acme\nstage: active\nowner: mortiz\n",
        "partners/acme.yaml:3:8: error: owner: 'mortiz' is not in the owners list of "
        "partnerctl.yaml (owners in partnerctl.yaml: jlee)",
    ),
    "a list, not a mapping": (
        "- name: Acme\n- stage: active\n",
        "partners/acme.yaml:1:1: error: the file holds a list, not `key: value` lines "
        "(a partner file needs at least `name: ...` and `stage: prospect`)",
    ),
    "a scalar, not a mapping": (
        "Acme\n",
        "partners/acme.yaml:1:1: error: the file holds text, not `key: value` lines "
        "(a partner file needs at least `name: ...` and `stage: prospect`)",
    ),
    "empty file": (
        "# nothing yet\n",
        "partners/acme.yaml:1:1: error: the file is empty "
        "(a partner file needs at least `name: ...` and `stage: prospect`)",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_partner_file_errors(tmp_path: Path, case: str) -> None:
    text, expected = CASES[case]
    ws = make(tmp_path, {"partners/acme.yaml": text})
    assert errors_of(ws) == (1, expected + "\n")


def test_invalid_partner_id_names_the_file(tmp_path: Path) -> None:
    ws = make(tmp_path, {"partners/Acme Auto.yaml": "name: Acme\nstage: active\n"})
    assert errors_of(ws) == (
        1,
        "partners/Acme Auto.yaml: error: 'Acme Auto' is not a valid partner id (the file's name "
        "is its id): use lowercase letters, digits and dashes, starting with a letter or digit, "
        "at most 64 characters (rename it to acme-auto.yaml)\n",
    )


def test_two_files_for_one_partner(tmp_path: Path) -> None:
    ws = make(
        tmp_path,
        {
            "partners/acme.yaml": "name: Acme\nstage: active\n",
            "partners/acme.yml": "name: Acme\nstage: active\n",
        },
    )
    code, err = errors_of(ws)
    assert code == 1
    assert err == (
        "partners/acme.yml: error: two files for partner 'acme': partners/acme.yaml and "
        "partners/acme.yml (keep one of them)\n"
    )


def test_event_errors_keep_the_other_events(tmp_path: Path) -> None:
    events = """\
events:
  - id: good
    name: Good
    date: 2026-12-03
  - id: Bad Id
    name: Bad
    date: 2026-12-03
  - id: rule
    name: Rule
    date: 2026-12-03
    repeat: FREQ=WEEKLY;BYDAY=XX
  - id: both
    name: Both
    date: 2026-12-03
    repeat: FREQ=WEEKLY;COUNT=3
    until: 2027-01-01
  - id: invite
    name: Invite
    date: 2026-12-03
    partners: [acme]
    owner: mortiz
"""
    ws = make(tmp_path, {"events/2026-27.yaml": events})
    code, err = errors_of(ws)
    assert code == 1
    assert err.splitlines() == [
        "events/2026-27.yaml:5:9: error: events[1].id: 'Bad Id' is not a valid event id: use "
        "lowercase letters, digits and dashes, starting with a letter or digit, at most 64 "
        "characters",
        "events/2026-27.yaml:11:13: error: events[2].repeat: 'FREQ=WEEKLY;BYDAY=XX' is not a "
        "repeat rule: invalid 'BYDAY': XX (for example FREQ=WEEKLY;BYDAY=TU)",
        "events/2026-27.yaml:12:5: error: events[3]: give 'until' or UNTIL/COUNT inside "
        "'repeat', not both",
        "events/2026-27.yaml:20:16: error: events[4].partners[0]: 'acme' is not a partner "
        "(no partners/acme.yaml) (a partner id is its file's name)",
        "events/2026-27.yaml:21:12: error: events[4].owner: 'mortiz' is not in the owners list "
        "of partnerctl.yaml (owners in partnerctl.yaml: jlee)",
    ]
    loaded = load_workspace(ws)
    assert [e["id"] for e in loaded.events] == ["good", "invite"]


def test_events_file_shape(tmp_path: Path) -> None:
    ws = make(
        tmp_path,
        {"events/a.yaml": "event:\n  - id: x\n", "events/b.yaml": "events: chamber\n"},
    )
    assert errors_of(ws)[1].splitlines() == [
        "events/a.yaml:1:1: error: unknown key 'event' (did you mean 'events'?)",
        "events/b.yaml:1:9: error: events: should be a list of events (one `- id: ...` per event)",
    ]


def test_an_empty_events_file_holds_no_events(tmp_path: Path) -> None:
    ws = make(tmp_path, {"events/2027.yaml": "# to fill in\n"})
    assert errors_of(ws) == (0, "")


def test_settings_errors_keep_what_is_valid(tmp_path: Path) -> None:
    settings = """\
program: Test
workdays: [mon, tuesday]
pathways:
  - {id: automotive, name: Automotive}
  - {id: Digital Media, name: Digital}
cadence:
  prospect: {ideal: 30, max: 10}
"""
    ws = make(
        tmp_path,
        {"partners/acme.yaml": "name: Acme\nstage: active\npathways: [automotive]\n"},
        settings,
    )
    code, err = errors_of(ws)
    assert code == 1
    assert err.splitlines() == [
        "partnerctl.yaml:2:17: error: workdays[1]: 'tuesday' is not a weekday (mon, tue, …) "
        "(did you mean 'tue'?)",
        "partnerctl.yaml:5:10: error: pathways[1].id: 'Digital Media' is not a valid pathway id: "
        "use lowercase letters, digits and dashes, starting with a letter or digit, at most 64 "
        "characters",
        "partnerctl.yaml:7:13: error: cadence.prospect: max (10) must not be less than ideal (30)",
    ]
    loaded = load_workspace(ws)
    assert list(loaded.partners) == ["acme"]
    assert [p["id"] for p in loaded.settings["pathways"]] == ["automotive"]
    assert loaded.settings["cadence"]["prospect"] == {"ideal": 21, "max": 45}


def test_unreadable_settings_give_defaults(tmp_path: Path) -> None:
    ws = make(tmp_path, {"partners/acme.yaml": "name: Acme\nstage: active\n"}, "- just a list\n")
    loaded = load_workspace(ws)
    assert loaded.settings["program"] == "ws"
    assert list(loaded.partners) == ["acme"]
    assert [p.render() for p in loaded.errors] == [
        "partnerctl.yaml:1:1: error: the file holds a list, not `key: value` lines "
        "(partnerctl.yaml needs at least `program: NAME`)"
    ]


def test_other_files_in_partners_warn(tmp_path: Path) -> None:
    ws = make(tmp_path, {"partners/acme.txt": "name: Acme\n", "partners/README.md": "hi\n"})
    assert errors_of(ws) == (
        0,
        "partners/acme.txt: warning: ignored: only .yaml and .yml files are read here\n",
    )


def test_parse_partner_text_for_writers() -> None:
    settings = default_settings()
    record, problems = parse_partner_text(
        "name: Acme\nstage: active\nbest_time: 10:30\n", "partners/acme.yaml", "acme", settings
    )
    assert problems == []
    assert record is not None
    assert (record["id"], record["file"], record["best_time"]) == (
        "acme",
        "partners/acme.yaml",
        "10:30",
    )
    record, problems = parse_partner_text(
        "name: Acme\nstage: actve\n", "partners/acme.yaml", "acme", settings
    )
    assert record is None
    assert [p.render() for p in problems] == [
        "partners/acme.yaml:2:8: error: stage: 'actve' is not a stage (did you mean 'active'?)"
    ]


def test_read_partner_unknown_id_suggests(tmp_path: Path) -> None:
    from partnerctl.errors import UsageError

    ws = make(tmp_path, {"partners/riverside-auto.yaml": "name: R\nstage: active\n"})
    text, record, problems = read_partner(ws, "riverside-auto", default_settings())
    assert text == "name: R\nstage: active\n"
    assert record is not None and problems == []
    with pytest.raises(UsageError) as caught:
        read_partner(ws, "riverside-aut", default_settings())
    assert caught.value.message == (
        "'riverside-aut' is not a partner (no partners/riverside-aut.yaml)"
    )
    assert caught.value.hint == "did you mean 'riverside-auto'?"
    with pytest.raises(UsageError):
        read_partner(ws, "../partnerctl", default_settings())
