"""`partnerctl validate`: silent success, every error located, warnings, JSON, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import DATA, copy_data, run_cli

# PARTNERCTL_TODAY fixes "today" for every run (no test reads the real clock).
TODAY = {"PARTNERCTL_TODAY": "2026-11-24"}

BAD_MIXED_ERRORS = """\
partners/Bad_Name.yaml: error: 'Bad_Name' is not a valid partner id (the file's name is its id): \
use lowercase letters, digits and dashes, starting with a letter or digit, at most 64 characters \
(rename it to bad-name.yaml)
partners/acme.yaml:2:8: error: stage: 'prospekt' is not a stage (did you mean 'prospect'?)
partners/acme.yaml:4:1: error: unknown key 'stge' (did you mean 'stage'?)
partners/acme.yaml:6:11: error: touchpoints[0].date: '2026-13-01' is not a date: month must be 1..12
partners/bolt.yaml:3:8: error: owner: 'jle' is not in the owners list of partnerctl.yaml \
(did you mean 'jlee'?)
partners/broken.yaml:1:13: error: YAML syntax: mapping values are not allowed in this context \
(text that holds ': ' needs quotes)
events/2026-27.yaml:5:22: error: events[0].partners[1]: 'boltt' is not a partner \
(no partners/boltt.yaml) (did you mean 'bolt'?)
events/2026-27.yaml:8:11: error: events[1].date: '2027-02-30' is not a date: day must be 1..28 \
in 2027-02
events/2026-27.yaml:13:13: error: events[2].repeat: 'FREQ=SOMETIMES' is not a repeat rule: \
invalid 'FREQ': SOMETIMES (for example FREQ=WEEKLY;BYDAY=TU)
events/2027.yaml:2:9: error: events[0].id: event id 'breakfast' is used twice \
(also events/2026-27.yaml events[0]) (event ids are unique across all event files)
"""
BAD_MIXED_WARNINGS = """\
partners/bolt-garage-llc.yaml:1:7: warning: name: 'Bolt Garage, LLC' looks like the same partner \
as partners/bolt.yaml (merge the files, or make the names differ)
partners/bolt.yaml:5:24: warning: contacts[0].email: 'not-an-email' does not look like an email \
address (for example dana@example.com)
"""


def test_clean_workspace_is_silent() -> None:
    result = run_cli(["validate", "-C", str(DATA / "load-clean")], env=TODAY)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_verbose_prints_a_summary() -> None:
    result = run_cli(["validate", "-v", "-C", str(DATA / "load-clean")], env=TODAY)
    assert result.exit_code == 0
    assert result.stdout == "2 partners, 2 events in 1 file: no errors\n"
    assert result.stderr == ""


def test_every_error_of_every_file_in_one_run() -> None:
    result = run_cli(["validate", "-C", str(DATA / "bad-mixed")], env=TODAY)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == BAD_MIXED_ERRORS + BAD_MIXED_WARNINGS


def test_verbose_summary_counts_errors_and_warnings() -> None:
    result = run_cli(["validate", "--verbose", "-C", str(DATA / "bad-mixed")], env=TODAY)
    assert result.exit_code == 1
    assert result.stdout == "1 partner, 2 events in 2 files: 10 errors, 2 warnings\n"


def test_json_lists_errors_and_warnings_and_keeps_stderr() -> None:
    result = run_cli(["validate", "--format", "json", "-C", str(DATA / "bad-mixed")], env=TODAY)
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["version"] == 1
    assert doc["checked"] == {"partners": 1, "events": 2}
    assert len(doc["errors"]) == 10
    assert doc["errors"][1] == {
        "file": "partners/acme.yaml",
        "line": 2,
        "column": 8,
        "path": "stage",
        "message": "'prospekt' is not a stage",
        "hint": "did you mean 'prospect'?",
    }
    assert [w["file"] for w in doc["warnings"]] == [
        "partners/bolt-garage-llc.yaml",
        "partners/bolt.yaml",
    ]
    assert result.stderr == BAD_MIXED_ERRORS + BAD_MIXED_WARNINGS


def test_json_when_clean() -> None:
    result = run_cli(["validate", "--format=json", "-C", str(DATA / "load-clean")], env=TODAY)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "version": 1,
        "today": TODAY["PARTNERCTL_TODAY"],
        "checked": {"partners": 2, "events": 2},
        "errors": [],
        "warnings": [],
    }


def test_warnings_alone_do_not_fail(tmp_path: Path) -> None:
    ws = copy_data("load-clean", tmp_path)
    (ws / "partners" / "riverside-auto-inc.yaml").write_text(
        "name: Riverside Auto Group, Inc.\nstage: prospect\n", encoding="utf-8"
    )
    result = run_cli(["validate", "-C", str(ws)], env=TODAY)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        "partners/riverside-auto-inc.yaml:1:7: warning: name: 'Riverside Auto Group, Inc.' looks "
        "like the same partner as partners/riverside-auto.yaml (merge the files, or make the "
        "names differ)\n"
    )


def test_a_follow_up_long_past_warns() -> None:
    # riverside-auto's next is 2026-11-20: 91 days before 2027-02-19.
    result = run_cli(["validate", "-C", str(DATA / "load-clean"), "--today", "2027-02-19"])
    assert result.exit_code == 0
    assert result.stderr == (
        "partners/riverside-auto.yaml:27:9: warning: next.date: the follow-up of 2026-11-20 is "
        "91 days past (log it, or move it: partnerctl snooze riverside-auto YYYY-MM-DD)\n"
    )
    on_the_limit = run_cli(
        ["validate", "-C", str(DATA / "load-clean")], env={"PARTNERCTL_TODAY": "2027-02-18"}
    )
    assert (on_the_limit.exit_code, on_the_limit.stderr) == (0, "")


def test_no_workspace_exits_2(tmp_path: Path) -> None:
    result = run_cli(["validate", "-C", str(tmp_path)], env=TODAY)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: --dir {tmp_path}: not a partnerctl workspace (no partnerctl.yaml there) "
        f"(pass the folder that holds partnerctl.yaml; `partnerctl init {tmp_path}` makes one "
        "there)\n"
    )


def test_other_commands_exit_2_on_load_errors_but_validate_exits_1(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(DATA / "load-clean", ws)
    (ws / "partners" / "pixel-studio.yml").write_text("name: Pixel\nstage: prospekt\n")
    assert run_cli(["validate", "-C", str(ws)], env=TODAY).exit_code == 1
    listed = run_cli(["list", "-C", str(ws), "--format", "plain"], env=TODAY)
    assert listed.exit_code == 2
    assert "partners/pixel-studio.yml:2:8: error: stage:" in listed.stderr
    assert "riverside-auto" in listed.stdout
