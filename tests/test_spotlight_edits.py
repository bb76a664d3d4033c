"""`spotlight publish`, `move` and `cancel`: a planned spotlight by command, and what `due`
and `spotlight` suggest for it."""
# ruff: noqa: E501  (the tables of commands and messages read best one case a line)

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, file_tree, run_cli
from tests.test_edit_document import line_diff

PLANNED = (
    "  - {date: 2027-01-14, where: board-meeting, title: Thank St. Luke's at the January board "
    "meeting, status: planned}\n"
)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(EXAMPLES, tmp_path / "examples"))


def cli(ws: Path, today: str, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(["-C", str(ws), "--today", today, *args])


def test_due_says_a_spotlight_is_planned_and_on_its_day_suggests_publishing_it(ws: Path) -> None:
    before = cli(ws, "2026-12-20", "due", "--format", "json")
    (item,) = [
        i
        for i in json.loads(before.stdout)["items"]
        if i["kind"] == "recognition" and i["partner"] == "st-lukes"
    ]
    assert item["warnings"] == ["spotlight planned for 2027-01-14 (board-meeting)"]
    assert "commands" not in item  # nothing to run before its day: the plan stands
    on_the_day = cli(ws, "2027-01-14", "due", "--format", "json")
    (item,) = [
        i
        for i in json.loads(on_the_day.stdout)["items"]
        if i["kind"] == "recognition" and i["partner"] == "st-lukes"
    ]
    assert item["commands"] == ["partnerctl spotlight publish st-lukes"]
    spotlight = cli(ws, "2027-01-14", "spotlight").stdout
    assert "  → partnerctl spotlight publish st-lukes\n" in spotlight
    assert "spotlight add st-lukes" not in spotlight


def test_pasting_the_suggestion_publishes_the_plan_once(ws: Path) -> None:
    path = ws / "partners/st-lukes.yaml"
    before = path.read_text()
    result = cli(ws, "2027-01-14", "spotlight", "publish", "st-lukes")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "published the planned spotlight for st-lukes: 2027-01-14 board-meeting "
        '"Thank St. Luke\'s at the January board meeting"\n'
    )
    assert line_diff(before, path.read_text()) == (
        [PLANNED],
        [PLANNED.replace("status: planned", "status: published")],
    )
    doc = json.loads(cli(ws, "2027-01-14", "due", "--format", "json").stdout)
    assert not [
        i for i in doc["items"] if i["kind"] == "recognition" and i["partner"] == "st-lukes"
    ]
    again = cli(ws, "2027-01-14", "spotlight", "publish", "st-lukes")
    assert (again.exit_code, again.stdout) == (2, "")
    assert again.stderr.startswith("error: st-lukes has no planned spotlight (plan one: ")


def test_publish_with_a_date_and_a_new_title_records_the_author(ws: Path) -> None:
    result = run_cli(
        ["-C", str(ws), "--today", "2027-01-20", "spotlight", "publish", "st-lukes",
         "--date", "2027-01-15", "--title", "Board thanks St. Luke's"],
        {"PARTNERCTL_OWNER": "mortiz"},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = (ws / "partners/st-lukes.yaml").read_text()
    assert (
        "  - {date: 2027-01-15, where: board-meeting, title: Board thanks St. Luke's, "
        "status: published, by: mortiz}\n"
    ) in text


def test_move_and_cancel(ws: Path) -> None:
    path = ws / "partners/st-lukes.yaml"
    moved = cli(ws, "2026-12-20", "spotlight", "move", "st-lukes", "2027-01-21")
    assert moved.stdout == (
        "moved the planned spotlight for st-lukes: 2027-01-14 board-meeting "
        '"Thank St. Luke\'s at the January board meeting" to 2027-01-21\n'
    )
    assert PLANNED.replace("2027-01-14", "2027-01-21") in path.read_text()
    past = cli(ws, "2026-12-20", "spotlight", "move", "st-lukes", "2026-12-01")
    assert (past.exit_code, past.stdout) == (2, "")
    assert past.stderr.startswith("error: DATE: 2026-12-01 is before today (2026-12-20)")
    cancelled = cli(ws, "2026-12-20", "spotlight", "cancel", "st-lukes")
    assert cancelled.stdout.startswith("cancelled the planned spotlight for st-lukes: 2027-01-21")
    assert "status: planned" not in path.read_text()
    assert "St. Luke's opens its doors" in path.read_text()  # the published one stays
    calendar = cli(ws, "2026-12-20", "calendar", "--weeks", "8").stdout
    assert "Thank St. Luke's" not in calendar


def test_several_plans_are_told_apart_and_the_error_gives_each_command(ws: Path) -> None:
    for where, day in (("social", "2027-01-05"), ("social", "2027-01-09")):
        added = cli(ws, "2026-12-20", "spotlight", "add", "st-lukes", "--where", where,
                    "--title", f"Plan {day}", "--planned", "--date", day)  # fmt: skip
        assert added.exit_code == 0, added.stderr
    before = file_tree(ws)
    result = cli(ws, "2027-01-20", "spotlight", "publish", "st-lukes")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: st-lukes has 3 planned spotlights: say which "
        '(2027-01-05 social "Plan 2027-01-05": partnerctl spotlight publish st-lukes --where social '
        "--planned-for 2027-01-05; "
        '2027-01-09 social "Plan 2027-01-09": partnerctl spotlight publish st-lukes --where social '
        "--planned-for 2027-01-09; "
        '2027-01-14 board-meeting "Thank St. Luke\'s at the January board meeting": '
        "partnerctl spotlight publish st-lukes --where board-meeting)\n"
    )
    assert file_tree(ws) == before
    doc = json.loads(cli(ws, "2027-01-20", "due", "--format", "json").stdout)
    (item,) = [i for i in doc["items"] if i["kind"] == "recognition" and i["partner"] == "st-lukes"]
    (command,) = item["commands"]  # the earliest plan whose day has come, picked exactly
    assert (
        command == "partnerctl spotlight publish st-lukes --where social --planned-for 2027-01-05"
    )
    pasted = cli(ws, "2027-01-20", *command.split()[1:])
    assert pasted.exit_code == 0, pasted.stderr
    assert "Plan 2027-01-05, status: published" in (ws / "partners/st-lukes.yaml").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["spotlight", "publish", "nobody"], "error: no partner 'nobody' (no partners/nobody.yaml) (`partnerctl list` shows the partners; `partnerctl add` makes one)\n"),
        (["spotlight", "publish", "st-lukes", "--where", "radio"], "error: --where: 'radio' is not a spotlight place (choose one of social, newsletter, newspaper, website, board-meeting, award, event)\n"),
        (["spotlight", "publish", "st-lukes", "--title", "…"], "error: --title: '…' is a placeholder, not text (type what it stands for in place of '…', in quotes)\n"),
        (["spotlight", "publish", "st-lukes", "--date", "2027-02-01"], "error: --date: 2027-02-01 is after today (2027-01-14) (log what happened; use --next for what is planned)\n"),
        (["spotlight", "move", "st-lukes", "YYYY-MM-DD"], "error: DATE: YYYY-MM-DD is a placeholder, not a date (put the date in its place: YYYY-MM-DD, today, tomorrow, yesterday, +3d, -2d, +2w, +1m or a weekday name)\n"),
        (["spotlight", "cancel", "st-lukes", "--where", "social"], "error: st-lukes has no planned spotlight social (planned: 2027-01-14 board-meeting \"Thank St. Luke's at the January board meeting\": partnerctl spotlight publish st-lukes)\n"),
    ],
)  # fmt: skip
def test_bad_input_writes_nothing(ws: Path, args: list[str], message: str) -> None:
    before = file_tree(ws)
    result = cli(ws, "2027-01-14", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert file_tree(ws) == before


def test_dry_run_and_json(ws: Path) -> None:
    before = file_tree(ws)
    result = cli(
        ws, "2027-01-14", "--format", "json", "spotlight", "cancel", "st-lukes", "--dry-run"
    )
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["dry_run"] is True
    (change,) = doc["changes"]
    assert change["ops"] == [{"op": "remove_item", "key": "spotlights", "index": 1}]
    assert file_tree(ws) == before
