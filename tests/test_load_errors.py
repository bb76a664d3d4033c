"""Each kind of bad input: its message, its place (line:col) and validate's exit code."""

from __future__ import annotations

import re
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
        "partners/acme.yaml:4:25: error: offers[0].seats: 'four' is not a whole number "
        "(write it in digits, for example 4)",
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
    "missing key": (
        "name: Acme\n",
        "partners/acme.yaml:1:1: error: 'stage' is required (add `stage: prospect`; stage is one "
        "of: prospect, contacted, meeting, committed, active, paused, declined, lapsed)",
    ),
    "unknown key that is a required key misspelled": (
        "name: Acme\nstge: active\n",
        "partners/acme.yaml:2:1: error: unknown key 'stge' (rename `stge` to `stage`)",
    ),
    "unknown nested key that is a required key misspelled": (
        "name: Acme\nstage: active\nnext:\n  dat: 2026-12-01\n",
        "partners/acme.yaml:4:3: error: next: unknown key 'dat' (rename `dat` to `date`)",
    ),
    "unknown key beside the required key": (
        "name: Acme\nstage: active\nstge: active\n",
        "partners/acme.yaml:3:1: error: unknown key 'stge' (did you mean 'stage'?)",
    ),
    "key indented one space": (
        "name: Acme\nstage: active\n owner: jlee\n",
        "partners/acme.yaml:3:7: error: YAML syntax: mapping values are not allowed in this "
        "context (check the indentation: this line is indented 1 space, the keys above it 0 "
        "spaces)",
    ),
    "key indented one level too deep": (
        "name: Acme\nstage: active\ncontacts:\n  - name: Dana\n      role: Owner\n",
        "partners/acme.yaml:5:11: error: YAML syntax: mapping values are not allowed in this "
        "context (check the indentation: this line is indented 6 spaces, the keys above it 4 "
        "spaces)",
    ),
    "colon in text": (
        "name: Acme\nstage: active\ncontacts:\n  - name: Dana\n    role: Owner: shop\n",
        "partners/acme.yaml:5:16: error: YAML syntax: mapping values are not allowed in this "
        "context (text that holds ': ' needs quotes)",
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
    assert caught.value.message == ("no partner 'riverside-aut' (no partners/riverside-aut.yaml)")
    assert caught.value.hint == "did you mean 'riverside-auto'?"
    with pytest.raises(UsageError):
        read_partner(ws, "../partnerctl", default_settings())


# --- broken settings keep the partners ------------------------------------------


def due_items(ws: Path) -> tuple[int, list[tuple[str, str]]]:
    import json

    result = run_cli(["due", "-C", str(ws), "--format", "json"], env=TODAY)
    return result.exit_code, [
        (i.get("partner") or i.get("event") or i.get("member") or i["pathway"], i["kind"])
        for i in json.loads(result.stdout)["items"]
    ]


def test_a_syntax_error_in_the_settings_hides_no_partner(example_ws: Path) -> None:
    code, before = due_items(example_ws)
    assert code == 0 and len(before) > 10
    settings = example_ws / "partnerctl.yaml"
    text = settings.read_text(encoding="utf-8")
    broken = text.replace("workdays: [mon, tue, wed, thu, fri]", "workdays: [mon, tue")
    assert broken != text
    settings.write_text(broken, encoding="utf-8")
    # The one real error, not one more for each pathway a partner names.
    assert errors_of(example_ws) == (
        1,
        "partnerctl.yaml:13:9: error: YAML syntax: did not find expected ',' or ']'\n",
    )
    # The advisory committee is in the settings that cannot be read: its items wait.
    kept = [item for item in before if not item[1].startswith("advisory-")]
    assert kept != before
    assert due_items(example_ws) == (2, kept)


def test_an_invalid_part_of_the_settings_skips_only_its_checks(tmp_path: Path) -> None:
    settings = """\
program: Test
pathways:
  - {id: automotive, name: Automotive}
  - {id: Culinary, name: Culinary Arts}
owners: [jlee, {mortiz: Maria}]
cadence:
  prospect: {ideal: 30, max: 10}
"""
    ws = make(
        tmp_path,
        {
            "partners/acme.yaml": "name: Acme\nstage: active\npathways: [culinary]\n",
            "partners/bolt.yaml": "name: Bolt\nstage: active\nowner: mortiz\n",
            "events/e.yaml": "events:\n  - {id: fair, name: Fair, date: 2026-12-01, "
            "owner: mortiz, partners: [acme, bolt]}\n",
        },
        settings,
    )
    code, err = errors_of(ws)
    assert code == 1
    assert [line.split(": error: ")[0] for line in err.splitlines()] == [
        "partnerctl.yaml:4:10",
        "partnerctl.yaml:5:16",
        "partnerctl.yaml:7:13",
    ]
    loaded = load_workspace(ws)
    assert sorted(loaded.partners) == ["acme", "bolt"]
    assert [e["id"] for e in loaded.events] == ["fair"]


def test_settings_errors_elsewhere_still_check_pathways_and_owners(tmp_path: Path) -> None:
    ws = make(
        tmp_path,
        {"partners/acme.yaml": "name: Acme\nstage: active\npathways: [welding]\nowner: tn\n"},
        SETTINGS + "cadence:\n  prospect: {ideal: 30, max: 10}\n",
    )
    code, err = errors_of(ws)
    assert code == 1
    assert [line.split(": error: ")[1][:40] for line in err.splitlines()] == [
        "cadence.prospect: max (10) must not be l",
        "pathways[0]: 'welding' is not a pathway ",
        "owner: 'tn' is not in the owners list of",
    ]


# --- an event's partner ids -----------------------------------------------------

EVENT = """\
events:
  - id: fair
    name: Career fair
    kind: career-fair
    date: 2026-12-10
    prepare: 21
    partners: [acme, {ids}]
"""


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (
            "ACME-Auto",
            "'ACME-Auto' is not a valid partner id: use lowercase letters, digits and dashes, "
            "starting with a letter or digit, at most 64 characters (did you mean 'acme-auto'?)",
        ),
        (
            "'Acme Auto'",
            "'Acme Auto' is not a valid partner id: use lowercase letters, digits and dashes, "
            "starting with a letter or digit, at most 64 characters (did you mean 'acme-auto'?)",
        ),
        (
            "acme-autoo",
            "'acme-autoo' is not a partner (no partners/acme-autoo.yaml) "
            "(did you mean 'acme-auto'?)",
        ),
    ],
)
def test_a_bad_partner_id_keeps_the_event(tmp_path: Path, ids: str, message: str) -> None:
    ws = make(
        tmp_path,
        {
            "partners/acme.yaml": "name: Acme\nstage: active\n",
            "partners/acme-auto.yaml": "name: Acme Auto\nstage: active\n",
            "events/fairs.yaml": EVENT.replace("{ids}", ids),
        },
    )
    assert errors_of(ws) == (
        1,
        f"events/fairs.yaml:7:22: error: events[0].partners[1]: {message}\n",
    )
    loaded = load_workspace(ws)
    assert [e["id"] for e in loaded.events] == ["fair"]
    # Ids that are no ids are left out; a well-formed id stays, as before.
    kept = ["acme", "acme-autoo"] if ids == "acme-autoo" else ["acme"]
    assert loaded.events[0]["partners"] == kept
    result = run_cli(["due", "-C", str(ws), "--format", "plain"], env=TODAY)
    assert result.exit_code == 2
    assert "prepare: Career fair on 2026-12-10" in result.stdout


# --- messages -------------------------------------------------------------------

# Files that each make a problem with a hint; no hint holds brackets of its own
# (the line puts the hint in brackets).
HINTED = {
    "partners/a.yaml": "name: A\n",
    "partners/b.yaml": "name: B\nstage: active\n<<: {x: 1}\n",
    "partners/c.yaml": "name: C\nstage: active\nnext:\n  action: Call\n",
    "partners/d.yaml": "name: D\nstage: active\ntouchpoints:\n  - {channel: fax}\n",
}


def test_no_hint_nests_brackets(tmp_path: Path) -> None:
    ws = make(tmp_path, HINTED)
    (ws / "partners" / "e.yaml").write_bytes("name: Café\nstage: active\n".encode("latin-1"))
    (ws / "events" / "x.yaml").write_text(
        "events:\n  - {id: x, name: X, date: 2026-12-01, repeat: every first thursday}\n"
    )
    problems = load_workspace(ws).problems
    hints = [p.hint for p in problems if p.hint]
    assert len(hints) >= 7
    assert [h for h in hints if "(" in h or ")" in h] == []


def test_a_misspelled_time_zone_gets_a_suggestion(tmp_path: Path) -> None:
    ws = make(tmp_path, {}, "program: Test\ntimezone: America/Chicgo\n")
    assert errors_of(ws) == (
        1,
        "partnerctl.yaml:2:11: error: timezone: 'America/Chicgo' is not a time zone "
        "(did you mean 'America/Chicago'?)\n",
    )
    ws = make(tmp_path / "2", {}, "program: Test\ntimezone: Mars/Olympus\n")
    assert errors_of(ws)[1].endswith(
        "'Mars/Olympus' is not a time zone (use an IANA name such as America/Chicago)\n"
    )


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            "every first thursday",
            "'every first thursday' is not an RRULE (write it like FREQ=MONTHLY;BYDAY=+1TH)",
        ),
        (
            "BYDAY=TU",
            "'BYDAY=TU' has no FREQ (start it with FREQ=DAILY, FREQ=WEEKLY, FREQ=MONTHLY or "
            "FREQ=YEARLY)",
        ),
        (
            "FREQ=WEEKLY;BYDAY=TU;",
            "'FREQ=WEEKLY;BYDAY=TU;' is not an RRULE: it has an empty part "
            "(remove the `;` that has nothing after it)",
        ),
        (
            "FREQ=WEEKLY BYDAY=TU",
            "'FREQ=WEEKLY BYDAY=TU' is not an RRULE: it holds spaces "
            "(write it like FREQ=MONTHLY;BYDAY=+1TH, without spaces)",
        ),
    ],
)
def test_a_repeat_rule_that_is_no_rrule_says_so(tmp_path: Path, rule: str, message: str) -> None:
    events = f"events:\n  - id: x\n    name: X\n    date: 2026-12-01\n    repeat: {rule}\n"
    ws = make(tmp_path, {"events/x.yaml": events})
    assert errors_of(ws) == (1, f"events/x.yaml:5:13: error: events[0].repeat: {message}\n")
    assert "unpack" not in message


def test_file_and_command_line_dates_share_their_words(tmp_path: Path) -> None:
    from partnerctl.records import iso_date

    for text, reason in [
        ("2026-13-01", "month must be 1..12"),
        ("2026-02-29", "day must be 1..28 in 2026-02"),
        ("2026-11-31", "day must be 1..30 in 2026-11"),
    ]:
        with pytest.raises(ValueError, match=f"^{re.escape(reason)}$"):
            iso_date(text)
        ws = make(
            tmp_path / text, {"partners/acme.yaml": f"name: A\nstage: active\nsince: {text}\n"}
        )
        assert errors_of(ws)[1].endswith(f": since: '{text}' is not a date: {reason}\n")
        cli = run_cli(["due", "-C", str(ws), "--today", text])
        assert (cli.exit_code, cli.stderr) == (
            2,
            f"error: --today: '{text}' is not a date: {reason}\n",
        )
