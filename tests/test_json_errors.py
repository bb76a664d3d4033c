"""Every `--format json` command: one JSON document on stdout, whatever goes wrong.

A broken partner file is named in the document's `errors` (and on stderr,
exit 2, or 1 for `validate`); an error that stops the command (an unknown
partner id, a bad date, no workspace) prints `{"version": 1, "errors": [...]}`
with the same message that stderr shows, and exits 2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import copy_data, file_tree, run_cli

TODAY = "2026-11-24"
BROKEN = "partners/broken-co.yaml"
BROKEN_ERROR = {
    "file": BROKEN,
    "line": 2,
    "column": 8,
    "path": "stage",
    "message": "'prospekt' is not a stage",
    "hint": "did you mean 'prospect'?",
}

# Every command with a JSON output, as a script would run it.
JSON_COMMANDS: dict[str, list[str]] = {
    "due": ["due", "--within", "7"],
    "validate": ["validate"],
    "list": ["list"],
    "show": ["show", "riverside-auto"],
    "prospects": ["prospects"],
    "plan": ["plan"],
    "calendar": ["calendar"],
    "pitch": ["pitch", "riverside-auto"],
    "draft": ["draft", "riverside-auto", "--kind", "follow-up"],
    "spotlight": ["spotlight"],
    "spotlight --history": ["spotlight", "--history"],
    "report": ["report"],
    "export": ["export"],
    "schema": ["schema", "partner"],
    "placement": ["placement"],
    "advisory": ["advisory"],
}
# Commands that write files: they say what they did in a line or two, or as JSON.
WRITE_COMMANDS = {
    "log", "add", "snooze", "contact", "stage", "reassign", "import", "init", "set", "need",
    "opening", "tag", "pathway", "research", "busy-season", "offer", "agreement",
}  # fmt: skip
# The team's git commands: sync has JSON output but needs a clone, resolve needs a
# conflict, join a repository, merge-file is git's driver (tests/test_sync.py and
# tests/test_merge_file.py cover their formats and errors).
TEAM_COMMANDS = {"sync", "join", "resolve", "merge-file"}
# schema reads no workspace, so a broken partner file is nothing to it.
READS_WORKSPACE = [name for name in JSON_COMMANDS if name != "schema"]

# A usage error for each command: (extra arguments, the message on stderr).
USAGE_ERRORS: dict[str, tuple[list[str], str]] = {
    "due": (
        ["due", "--owner", "nobody"],
        "--owner: 'nobody' is not one of partnerctl.yaml's owners",
    ),
    "validate": (["validate", "--today", "2026-13-01"], "--today: '2026-13-01' is not a date"),
    "list": (["list", "--stage", "prospekt"], "--stage: 'prospekt' is not a stage"),
    "show": (["show", "riversid-auto"], "no partner 'riversid-auto'"),
    "prospects": (["prospects", "--stage", "nope"], "--stage: 'nope' is not a stage"),
    "plan": (["plan", "--from", "someday"], "--from: 'someday' is not a date"),
    "calendar": (["calendar", "--partner", "nope"], "--partner: no partner 'nope'"),
    "pitch": (["pitch", "nope"], "no partner 'nope'"),
    "draft": (
        ["draft", "riverside-auto", "--kind", "thank-you"],
        "nothing to thank riverside-auto",
    ),
    "spotlight": (["spotlight", "--today", "soon"], "--today: 'soon' is not a date"),
    "spotlight --history": (
        ["spotlight", "--history", "-C", "nowhere"],
        "--dir nowhere: no such folder",
    ),
    "report": (
        ["report", "--from", "2026-11-20", "--to", "2026-11-10"],
        "--to 2026-11-10 is before --from 2026-11-20",
    ),
    "export": (["export", "-C", "nowhere"], "--dir nowhere: no such folder"),
    "schema": (["schema", "partners"], "'partners' is not a file kind"),
    "placement": (["placement", "--partner", "nope"], "no partner 'nope'"),
    "advisory": (["advisory", "-C", "nowhere"], "--dir nowhere: no such folder"),
}


@pytest.fixture
def broken_ws(tmp_path: Path) -> Path:
    ws = copy_data("due-basic", tmp_path)
    (ws / BROKEN).write_text("name: Broken Co\nstage: prospekt\n", encoding="utf-8")
    return ws


def json_run(ws: Path, args: list[str]) -> tuple[int, dict[str, Any], str]:
    result = run_cli(["-C", str(ws), "--today", TODAY, *args, "--format", "json"])
    doc = json.loads(result.stdout)  # the whole of stdout is one JSON document
    assert isinstance(doc, dict)
    return result.exit_code, doc, result.stderr


def test_every_command_is_either_json_capable_or_a_write() -> None:
    import typer

    from partnerctl.cli.main import app

    group = typer.main.get_command(app)
    names = set(group.commands)  # type: ignore[attr-defined]
    assert names == {name.split()[0] for name in JSON_COMMANDS} | WRITE_COMMANDS | TEAM_COMMANDS


@pytest.mark.parametrize("name", READS_WORKSPACE)
def test_a_broken_file_is_in_the_json_errors_and_on_stderr(broken_ws: Path, name: str) -> None:
    code, doc, stderr = json_run(broken_ws, JSON_COMMANDS[name])
    assert code == (1 if name == "validate" else 2)
    assert doc["version"] == 1
    assert doc["errors"] == [BROKEN_ERROR]
    assert stderr.splitlines() == [
        f"{BROKEN}:2:8: error: stage: 'prospekt' is not a stage (did you mean 'prospect'?)"
    ]


@pytest.mark.parametrize("name", list(JSON_COMMANDS))
def test_a_clean_workspace_gives_an_empty_errors_list(tmp_path: Path, name: str) -> None:
    ws = copy_data("due-basic", tmp_path)
    code, doc, stderr = json_run(ws, JSON_COMMANDS[name])
    assert (code, stderr) == (0, "")
    if name != "schema":  # a JSON Schema, for editors: not one of partnerctl's documents
        assert (doc["version"], doc["errors"]) == (1, [])


@pytest.mark.parametrize("name", list(USAGE_ERRORS))
def test_a_usage_error_is_a_json_document_too(broken_ws: Path, name: str) -> None:
    args, message = USAGE_ERRORS[name]
    if "nowhere" in args:
        args = [str(broken_ws.parent / a) if a == "nowhere" else a for a in args]
        message = message.replace("nowhere", str(broken_ws.parent / "nowhere"))
    code, doc, stderr = json_run(broken_ws, args)
    assert code == 2
    assert doc["version"] == 1
    assert set(doc) == {"version", "errors"}
    last = doc["errors"][-1]
    assert last["message"].startswith(message)
    assert (last["file"], last["line"], last["column"], last["path"]) == (None,) * 4
    assert stderr.splitlines()[-1].startswith(f"error: {message}")
    # The files that could be read before the command stopped are listed too.
    assert doc["errors"][:-1] in ([], [BROKEN_ERROR])
    assert (BROKEN in stderr) == (doc["errors"][:-1] == [BROKEN_ERROR])


def test_an_error_with_output_to_a_file_leaves_stdout_empty(broken_ws: Path) -> None:
    target = broken_ws.parent / "cal.json"
    result = run_cli(
        ["-C", str(broken_ws), "--today", TODAY, "calendar", "--partner", "nope", "-o", str(target)]
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert "--partner: no partner 'nope'" in result.stderr
    assert not target.exists()


def test_a_refused_plan_apply_prints_the_error_document_not_the_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partnerctl.errors import WriteError
    from partnerctl.workspace import edit

    def refuse(*_args: object, **_kwargs: object) -> list[Path]:
        raise WriteError("another partnerctl is writing to this workspace; try again")

    monkeypatch.setattr(edit, "apply_changes", refuse)
    ws = copy_data("outreach-basic", tmp_path)
    before = {p.name: p.read_bytes() for p in (ws / "partners").iterdir()}
    code, doc, stderr = json_run(ws, ["plan", "--apply"])
    assert code == 2
    assert doc == {
        "version": 1,
        "errors": [
            {
                "file": None,
                "line": None,
                "column": None,
                "path": None,
                "message": "another partnerctl is writing to this workspace; try again",
                "hint": None,
            }
        ],
    }
    assert stderr == "error: another partnerctl is writing to this workspace; try again\n"
    assert {p.name: p.read_bytes() for p in (ws / "partners").iterdir()} == before


def test_plan_apply_in_json_writes_first_and_reports_on_stderr(tmp_path: Path) -> None:
    ws = copy_data("outreach-basic", tmp_path)
    code, doc, stderr = json_run(ws, ["plan", "--apply"])
    assert code == 0
    assert doc["items"]
    # The plan's items and the lines on stderr come in the same order: by date, then name.
    assert stderr.splitlines() == [
        f"wrote partners/{item['partner']}.yaml: next {item['date']} {item['action']}"
        for item in doc["items"]
    ]


# Each write command as a director would run it on due-basic (init makes a new folder).
WRITES: dict[str, list[str]] = {
    "log": ["log", "riverside-auto", "Called"],
    "add": ["add", "new-co", "--name", "New Co"],
    "snooze": ["snooze", "riverside-auto", "+1w", "--action", "Call"],
    "contact": ["contact", "riverside-auto", "--name", "Pat Doe"],
    "stage": ["stage", "riverside-auto", "meeting"],
    "reassign": ["reassign", "--from", "jlee", "--to", "mortiz"],
    "spotlight add": ["spotlight", "add", "riverside-auto", "--where", "social", "--title", "T"],
    "init": ["init", "NEW"],
    "set": ["set", "riverside-auto", "notes", "Ask about EVs"],
    "need": ["need", "riverside-auto", "Weekend help"],
    "opening": ["opening", "riverside-auto", "Porter"],
    "tag": ["tag", "riverside-auto", "chamber"],
    "pathway": ["pathway", "riverside-auto", "automotive"],
    "research": ["research", "riverside-auto", "trends", "EVs"],
    "busy-season": ["busy-season", "riverside-auto", "--from", "06-01", "--to", "06-30"],
    "offer": ["offer", "riverside-auto", "tour", "--seats", "10"],
    "agreement": ["agreement", "riverside-auto", "mou", "--expires", "2027-06-30"],
}


def test_every_write_command_is_listed() -> None:
    # import has --format for what it reads (csv, json); `spotlight add` is a subcommand.
    assert {name for name in WRITES if " " not in name} | {"import"} == WRITE_COMMANDS


# Every edit command prints its changes as JSON (test_edit_pipeline_cli); init has none.
_REFUSED = [
    (name, fmt)
    for name in WRITES
    for fmt in ("zz", "json", "csv")
    if fmt != "json" or name == "init"
]


@pytest.mark.parametrize(("name", "fmt"), _REFUSED)
def test_a_write_command_refuses_a_format_it_does_not_have(
    tmp_path: Path, name: str, fmt: str
) -> None:
    ws = copy_data("due-basic", tmp_path)
    args = [str(tmp_path / "new") if a == "NEW" else a for a in WRITES[name]]
    before = file_tree(tmp_path)
    result = run_cli(["-C", str(ws), "--today", TODAY, *args, "--format", fmt])
    assert (result.exit_code, result.stdout) == (2, "")
    formats = "table, plain" if name == "init" else "table, plain, json"
    assert result.stderr == (
        f"error: --format: {fmt!r} is not a format of this command (choose one of {formats})\n"
    )
    assert file_tree(tmp_path) == before


@pytest.mark.parametrize("name", list(WRITES))
def test_a_write_command_prints_the_same_lines_as_plain_and_table(
    tmp_path: Path, name: str
) -> None:
    outputs = []
    for fmt in ("plain", "table"):
        ws = copy_data("due-basic", tmp_path / fmt)
        args = [str(tmp_path / fmt / "new") if a == "NEW" else a for a in WRITES[name]]
        result = run_cli(["-C", str(ws), "--today", TODAY, *args, "--format", fmt])
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout.replace(f"/{fmt}/", "/FMT/"))
    assert outputs[0] == outputs[1] != ""
