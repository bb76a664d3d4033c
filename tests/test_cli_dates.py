"""Command-line dates and day counts: bounded, and checked for every command.

A date on the command line runs from 1900-01-01 to 2999-12-31 and `--within`
to 3660 days, so no window computed from them leaves what a date can hold; a
bad `--today` or PARTNERCTL_TODAY stops every command, whether it uses today
or not, before it reads or writes anything.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, copy_data, file_tree, run_cli

# (arguments, the option the error must name): each once crashed with exit 3.
EXTREMES = [
    (["due", "--today", "9999-12-31"], "--today"),
    (["due", "--today", "3000-01-01"], "--today"),
    (["due", "--within", "3000000"], "--within"),
    (["due", "--within", "3661"], "--within"),
    (["spotlight", "--within", "3000000"], "--within"),
    (["calendar", "--from", "9999-12-01"], "--from"),
    (["calendar", "--today", "2999-12-31", "--from", "+1d"], "--from"),
    (["plan", "--today", "9999-12-25"], "--today"),
    (["prospects", "--today", "9999-12-31"], "--today"),
    (["pitch", "kxrv", "--today", "0001-01-02"], "--today"),
    (["report", "--month", "--today", "0001-01-01"], "--today"),
    (["report", "--today", "1899-12-31"], "--today"),
    (["calendar", "--today", "0001-01-01", "--format", "ics"], "--today"),
]


@pytest.mark.parametrize(("args", "option"), EXTREMES, ids=[" ".join(a) for a, _ in EXTREMES])
def test_an_extreme_date_or_count_is_a_usage_error(args: list[str], option: str) -> None:
    result = run_cli(["-C", str(EXAMPLES), *args])
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"'{option}'" in result.stderr or f"error: {option}: " in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--today", "2999-12-31", "--within", "3660", "--all"],
        ["due", "--today", "1900-01-01", "--within", "3660"],
        ["calendar", "--today", "2999-12-31", "--weeks", "104", "--format", "ics"],
        ["calendar", "--today", "1900-01-01", "--format", "ics"],
        ["plan", "--today", "2999-12-30", "--weeks", "104"],
        ["prospects", "--today", "2999-12-31"],
        ["pitch", "kxrv", "--today", "1900-01-01"],
        ["report", "--month", "--today", "1900-01-01"],
        ["report", "--today", "2999-12-31", "--from", "1900-01-01", "--format", "json"],
        ["spotlight", "--today", "2999-12-31", "--within", "3660"],
    ],
    ids=" ".join,
)
def test_the_edges_of_the_ranges_work(args: list[str]) -> None:
    result = run_cli(["-C", str(EXAMPLES), *args])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout


# Every command, with arguments that would make it read or write: a bad today stops each.
EVERY_COMMAND: dict[str, list[str]] = {
    "due": ["due"],
    "log": ["log", "riverside-auto", "Called about spring"],
    "snooze": ["snooze", "riverside-auto", "2026-12-01"],
    "show": ["show", "riverside-auto"],
    "list": ["list"],
    "add": ["add", "new-co", "--name", "New Co"],
    "contact": ["contact", "riverside-auto", "--name", "Pat Doe"],
    "stage": ["stage", "riverside-auto", "active"],
    "reassign": ["reassign", "--from", "jlee", "--to", "mortiz"],
    "set": ["set", "riverside-auto", "notes", "Ask about EVs"],
    "need": ["need", "riverside-auto", "Weekend help"],
    "opening": ["opening", "riverside-auto", "Porter"],
    "tag": ["tag", "riverside-auto", "chamber"],
    "pathway": ["pathway", "riverside-auto", "automotive"],
    "research": ["research", "riverside-auto", "trends", "EVs"],
    "busy-season": ["busy-season", "riverside-auto", "--from", "06-01", "--to", "06-30"],
    "offer": ["offer", "riverside-auto", "tour", "--seats", "10"],
    "agreement": ["agreement", "riverside-auto", "mou", "--expires", "2027-06-30"],
    "prospects": ["prospects"],
    "plan": ["plan", "--apply"],
    "calendar": ["calendar", "-o", "{out}/cal.ics"],
    "pitch": ["pitch", "riverside-auto"],
    "draft": ["draft", "riverside-auto", "--kind", "intro", "--log", "-o", "{out}/intro.eml"],
    "spotlight": ["spotlight"],
    "spotlight --history": ["spotlight", "--history"],
    "spotlight add": ["spotlight", "add", "riverside-auto", "--where", "social", "--title", "Hi"],
    "spotlight publish": ["spotlight", "publish", "st-lukes"],
    "spotlight move": ["spotlight", "move", "st-lukes", "2027-01-20"],
    "spotlight cancel": ["spotlight", "cancel", "st-lukes"],
    "report": ["report", "-o", "{out}/week.txt"],
    "export": ["export", "-o", "{out}/partners.csv"],
    "import": ["import", "{out}/in.csv"],
    "import --dry-run": ["import", "{out}/in.csv", "--dry-run"],
    "init": ["init", "{out}/new"],
    "validate": ["validate"],
    "schema": ["schema"],
    "schema --write": ["schema", "--write"],
    "sync": ["sync"],
    "resolve": ["resolve", "riverside-auto", "next.date", "--keep", "2026-12-01"],
    "join": ["join", "{out}/team.git", "{out}/joined"],
    "merge-file": ["merge-file", "{out}/in.csv", "{out}/in.csv", "{out}/in.csv", "x.yaml"],
    "placement": ["placement"],
    "placement add": [
        "placement", "add", "riverside-auto", "--student", "S-0427", "--kind", "internship",
        "--start", "2027-01-11", "--end", "2027-05-14", "--supervisor", "Dana Ortiz",
    ],
    "placement hours": ["placement", "hours", "riverside-auto-2027-01", "6"],
    "placement paperwork": ["placement", "paperwork", "riverside-auto-2027-01", "parent-consent"],
    "placement evaluate": ["placement", "evaluate", "riverside-auto-2027-01", "--overall", "meets"],
    "placement end": ["placement", "end", "riverside-auto-2027-01"],
    "advisory": ["advisory"],
    "advisory member": [
        "advisory", "member", "Dana Ortiz", "--pathway", "automotive", "--term-ends", "2028-06-30"
    ],
    "advisory attend": ["advisory", "attend", "spring-advisory", "Dana Ortiz"],
    "advisory notice": ["advisory", "notice", "spring-advisory"],
    "advisory schedule": ["advisory", "schedule", "2027-04-15", "--pathway", "automotive"],
}  # fmt: skip


def test_every_command_is_in_the_list() -> None:
    import typer

    from partnerctl.cli.main import app

    group = typer.main.get_command(app)
    assert {name.split()[0] for name in EVERY_COMMAND} == set(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("source", ["--today", "PARTNERCTL_TODAY"])
@pytest.mark.parametrize("name", list(EVERY_COMMAND))
def test_a_bad_today_stops_every_command(tmp_path: Path, name: str, source: str) -> None:
    ws = copy_data("due-basic", tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "in.csv").write_text("id,name,stage\nnew-co,New Co,prospect\n", encoding="utf-8")
    before = file_tree(tmp_path)
    args = [arg.replace("{out}", str(out)) for arg in EVERY_COMMAND[name]]
    if source == "--today":
        result = run_cli(["-C", str(ws), "--today", "bogus", *args])
    else:
        result = run_cli(["-C", str(ws), *args], env={"PARTNERCTL_TODAY": "bogus"})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"error: {source}: 'bogus' is not a date (use YYYY-MM-DD")
    assert file_tree(tmp_path) == before  # nothing written


def test_a_bad_today_with_json_output_is_an_error_document() -> None:
    result = run_cli(["-C", str(EXAMPLES), "list", "--today", "someday", "--format", "json"])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["errors"][-1]["message"].startswith("--today: 'someday' is not a date")


def test_a_bad_today_with_json_to_a_file_leaves_stdout_empty(tmp_path: Path) -> None:
    target = tmp_path / "partners.json"
    result = run_cli(
        ["-C", str(EXAMPLES), "export", "--format", "json", "-o", str(target), "--today", "x"]
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("error: --today: 'x' is not a date")
    assert not target.exists()
