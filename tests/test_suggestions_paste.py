"""Every command partnerctl suggests pastes: it works as printed, or refuses its placeholder.

The scripted month acts on every `due` item only through the commands `due`
printed, placeholders filled in, as a director would; at the end every file
is valid, holds no placeholder, has no spotlight twice, and `git diff` shows
only the lines those commands meant to change.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLES, file_tree, run_cli

START = date(2026, 11, 24)


def cli(ws: Path, today: date, *args: str, env: dict[str, str] | None = None) -> Any:
    return run_cli(["-C", str(ws), "--today", today.isoformat(), *args], env)


def words(command: str) -> list[str]:
    """A suggested command as bash splits it, without `partnerctl`."""
    parts = shlex.split(command)
    assert parts[0] == "partnerctl", command
    return parts[1:]


# A placeholder after one of these options is a choice the director makes.
CHOSEN = {"--overall": "meets"}


def filled(command: str, today: date, what: str) -> list[str]:
    """The command with DESIGN's placeholders filled in as a director would."""
    out: list[str] = []
    for word in words(command):
        if word == "…" and out and out[-1] in CHOSEN:
            word = CHOSEN[out[-1]]
        elif word == "…" and out and out[-2:-1] == ["hours"]:
            word = "6"  # `placement hours ID …`: the hours worked
        elif word == "…":
            word = f"{what} ({today.isoformat()})"
        elif word == "YYYY-MM-DD":
            word = (today + timedelta(days=365)).isoformat()
        out.append(word)
    return out


def git(ws: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(ws), *args], capture_output=True, text=True, check=True,
        env={"GIT_CONFIG_NOSYSTEM": "1", "HOME": str(ws), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    return done.stdout


def as_repo(ws: Path) -> Path:
    git(ws, "init", "-q")
    git(ws, "add", "-A")
    git(ws, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "start")
    return ws


@pytest.fixture
def examples_ws(tmp_path: Path) -> Path:
    return as_repo(Path(shutil.copytree(EXAMPLES, tmp_path / "examples")))


@pytest.fixture
def init_ws(tmp_path: Path) -> Path:
    folder = tmp_path / "fresh"
    made = run_cli(["--today", START.isoformat(), "init", str(folder)])
    assert made.exit_code == 0, made.stderr
    return as_repo(folder)


# The lines a pasted command may take away: a follow-up done or moved, a plan published or
# moved, an agreement renewed, a contact gaining `decision_maker`, a flow list growing.
REMOVABLE = ("next:", "date:", "action:", "expires", "status: planned", "contacts:", "- {")


def run_month(ws: Path, days: int = 30) -> list[str]:
    """Act on every item `due` lists each weekday, through its printed commands only."""
    ran: list[str] = []
    done_events: set[tuple[str, str]] = set()
    for offset in range(days):
        today = START + timedelta(days=offset)
        if today.weekday() >= 5:
            continue
        doc = json.loads(cli(ws, today, "due", "--format", "json").stdout)
        assert doc["errors"] == []
        for item in doc["items"]:
            if item["status"] not in ("overdue", "due") or not item.get("commands"):
                continue
            if item["kind"] == "event":
                key = (item["event"], item["event_date"])
                if key in done_events:
                    continue  # prepared once, as a director would
                done_events.add(key)
            commands = item["commands"]
            # Follow-ups: log one day, put off a week the next, as real mornings go.
            command = commands[-1] if item["kind"] == "follow-up" and offset % 2 else commands[0]
            pasted = words(command)
            if "…" in pasted or "YYYY-MM-DD" in pasted:
                refused = cli(ws, today, *pasted)
                assert refused.exit_code == 2, (command, refused.stdout)
                assert "placeholder" in refused.stderr
                assert refused.stdout == ""
            args = filled(command, today, f"Done: {item['kind']} {item.get('partner', '')}")
            result = cli(ws, today, *args, env={"PARTNERCTL_OWNER": "jlee"})
            assert result.exit_code == 0, (today, command, result.stderr)
            ran.append(command)
    return ran


def check_the_files(ws: Path) -> None:
    assert cli(ws, START, "validate").exit_code == 0
    for path in (ws / "partners").glob("*.yaml"):
        text = path.read_text()
        assert "…" not in text, path.name
        import yaml

        data = yaml.safe_load(text)
        spots = [(s["date"], s["where"], s.get("title")) for s in data.get("spotlights") or []]
        assert len(spots) == len(set(spots)), path.name
    diff = git(ws, "diff", "-U0", "--no-color")
    removed = [
        line[1:].strip()
        for line in diff.splitlines()
        if line.startswith("-") and not line.startswith("---")
    ]
    for line in removed:  # never a comment line of its own: those stay where they were
        assert line.startswith(REMOVABLE) and not line.startswith("#"), line


def test_a_month_on_the_examples_through_printed_commands_only(examples_ws: Path) -> None:
    ran = run_month(examples_ws)
    kinds = {words(command)[0] for command in ran}
    assert {"log", "snooze", "contact", "agreement", "spotlight"} <= kinds
    check_the_files(examples_ws)
    # every touch it logged carries its author; the follow-ups it cleared are recorded
    text = "".join(p.read_text() for p in (examples_ws / "partners").glob("*.yaml"))
    assert "by: jlee" in text and "closes: " in text
    final = json.loads(
        cli(examples_ws, START + timedelta(days=29), "due", "--format", "json").stdout
    )
    kinds_left = {item["kind"] for item in final["items"] if item["status"] == "overdue"}
    assert "agreement" not in kinds_left and "follow-up" not in kinds_left


def test_a_month_on_a_new_workspace_through_printed_commands_only(init_ws: Path) -> None:
    ran = run_month(init_ws)
    assert ran, "a new workspace has something to do in its first month"
    check_the_files(init_ws)


def test_a_placeholder_pasted_as_printed_writes_nothing(examples_ws: Path) -> None:
    before = file_tree(examples_ws)
    for args in (
        ["log", "grand-river-hotel", "…"],
        ["log", "grand-river-hotel", "..."],
        ["log", "grand-river-hotel", "  "],
        ["log", "grand-river-hotel", "?!"],
        ["contact", "prairie-family-clinic", "--name", "…", "--decision-maker"],
        ["snooze", "riverside-auto", "YYYY-MM-DD"],
        ["agreement", "st-lukes", "mou", "--expires", "YYYY-MM-DD"],
        ["spotlight", "add", "bella-cucina", "--where", "social", "--title", "…"],
        ["add", "new-co", "--name", "…"],
        ["stage", "riverside-auto", "meeting", "--summary", "…"],
    ):
        result = cli(examples_ws, START, *args)
        assert (result.exit_code, result.stdout) == (2, ""), args
        assert "placeholder" in result.stderr or "must not be empty" in result.stderr, args
    assert file_tree(examples_ws) == before


def test_a_shorthand_follow_up_moves_off_weekends_and_breaks(examples_ws: Path) -> None:
    friday = date(2026, 12, 18)  # the last school day before winter break (12-21 to 01-01)
    result = cli(examples_ws, friday, "snooze", "riverside-auto", "+1w")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        'snoozed riverside-auto: follow-up "Call Rick about spring job-shadow dates" '
        "moved 2026-11-20 → 2027-01-04 (2026-12-25 is in Winter break: moved to Mon 2027-01-04)\n"
    )
    logged = cli(examples_ws, friday, "log", "grand-river-hotel", "Called", "--next", "saturday")
    assert logged.stdout == (
        'logged grand-river-hotel: 2026-12-18 email "Called"; next 2027-01-04 (no action: add '
        'one with partnerctl snooze grand-river-hotel 2027-01-04 --action "…"); '
        "2026-12-19 is a Saturday: moved to Mon 2027-01-04\n"
    )
    kept = cli(examples_ws, friday, "snooze", "riverside-auto", "2026-12-26")
    assert kept.stdout.endswith("(2026-12-26 is in Winter break; kept as given)\n")
    assert "date: 2026-12-26" in (examples_ws / "partners/riverside-auto.yaml").read_text()


def test_log_on_a_terminal_asks_for_the_summary(
    examples_ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partnerctl.cli import log as log_module

    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    monkeypatch.setattr(log_module.typer, "prompt", lambda *a, **k: "Called Rick")
    assert log_module._ask_summary(["riverside-auto"]) == ["riverside-auto", "Called Rick"]
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    assert log_module._ask_summary(["riverside-auto"]) == ["riverside-auto"]
    result = cli(examples_ws, START, "log", "riverside-auto")  # not a terminal: never asks
    assert result.exit_code == 2
    assert result.stderr.startswith("error: log needs one or more partner ids and then a summary")
