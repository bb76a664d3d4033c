"""Nothing to show: table, plain and md say so in one line with what to do; json, csv stay whole.

Two workspaces: a new one (`partnerctl init`, then its example partner and
event removed) and a quiet one (a partner with a follow-up next week and
nothing else). No command prints an empty table or a bare heading.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tests.conftest import DATA, run_cli

TODAY = "2026-11-24"
ADD_ONE = 'No partners yet: `partnerctl add ID --name "…"` adds one.'
PLAN = "Plan 2026-11-25 to 2027-01-05, at most 3 a week"
CALENDAR = "Calendar 2026-11-23 to 2026-12-20"
REPORT = "Riverside CTE: report for 2026-11-18 to 2026-11-24"
REPORT_MD = "# Riverside CTE\n\nReport for 2026-11-18 to 2026-11-24."

# name: (arguments, plain heading, md heading, the line), for a workspace with no partners.
NEW_WORKSPACE: dict[str, tuple[list[str], str | None, str | None, str]] = {
    "due": (["due"], None, None, f"Nothing due today. {ADD_ONE}"),
    "due --within": (
        ["due", "--within", "7"],
        None,
        None,
        f"Nothing due in the next 7 days. {ADD_ONE}",
    ),
    "list": (["list"], None, None, ADD_ONE),
    "prospects": (["prospects"], None, None, ADD_ONE),
    "prospects --all": (["prospects", "--all"], None, None, ADD_ONE),
    "plan": (["plan"], PLAN, f"**{PLAN}**", ADD_ONE),
    "calendar": (["calendar"], CALENDAR, f"**{CALENDAR}**", ADD_ONE),
    "spotlight": (["spotlight"], None, None, ADD_ONE),
    "spotlight --history": (["spotlight", "--history"], None, None, ADD_ONE),
    "report": (["report"], REPORT, REPORT_MD, ADD_ONE),
}

# The same for a workspace with one partner and nothing due or planned this week.
QUIET_WORKSPACE: dict[str, tuple[list[str], str | None, str | None, str]] = {
    "due": (
        ["due"],
        None,
        None,
        "Nothing due today. Next: 2026-12-01 calm-co follow-up: Send the spring calendar",
    ),
    "due --within": (
        ["due", "--within", "1"],
        None,
        None,
        "Nothing due today or tomorrow. Next: 2026-12-01 calm-co follow-up: "
        "Send the spring calendar",
    ),
    "list": (
        ["list", "--stage", "active"],
        None,
        None,
        "No partners match; drop a filter to see more.",
    ),
    "prospects": (
        ["prospects"],
        None,
        None,
        "No partners at stage prospect or lapsed; --all ranks every partner but declined.",
    ),
    "plan": (
        ["plan"],
        PLAN,
        f"**{PLAN}**",
        "Nothing to plan: no prospect or lapsed partner without a `next`; "
        '`partnerctl add ID --name "…"` adds a prospect.',
    ),
    "calendar": (
        ["calendar", "--weeks", "1"],
        "Calendar 2026-11-23 to 2026-11-29",
        "**Calendar 2026-11-23 to 2026-11-29**",
        "Nothing on the calendar in these weeks; --weeks N looks further ahead.",
    ),
    "spotlight": (
        ["spotlight"],
        None,
        None,
        "No partner is due for a spotlight on 2026-11-24; --within 30 looks ahead.",
    ),
    "spotlight --within": (
        ["spotlight", "--within", "14"],
        None,
        None,
        "No partner is due for a spotlight from 2026-11-24 to 2026-12-08; "
        "`partnerctl spotlight --history` shows the past ones.",
    ),
    "spotlight --history": (
        ["spotlight", "--history"],
        None,
        None,
        "No published spotlight yet: "
        '`partnerctl spotlight add ID --where PLACE --title "…"` records one.',
    ),
}
NO_MD = {"spotlight", "spotlight --within", "spotlight --history"}


@pytest.fixture(scope="module")
def new_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tmp_path_factory.mktemp("new") / "riverside"
    made = run_cli(["init", str(ws), "--today", TODAY])
    assert made.exit_code == 0, made.stderr
    for folder in ("partners", "events"):
        for path in (ws / folder).iterdir():
            path.unlink()
    return ws


QUIET = DATA / "due-quiet"


def run(ws: Path, args: list[str], fmt: str) -> str:
    result = run_cli(["-C", str(ws), "--today", TODAY, *args, "--format", fmt])
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


def cases(table: dict[str, tuple[list[str], str | None, str | None, str]]) -> list[tuple[str, str]]:
    return [
        (name, fmt)
        for name in table
        for fmt in ("plain", "table", "md")
        if not (fmt == "md" and name in NO_MD)
    ]


def expected(case: tuple[list[str], str | None, str | None, str], fmt: str) -> str:
    _args, heading, md_heading, line = case
    if fmt == "md":
        return (f"{md_heading}\n\n" if md_heading else "") + line + "\n"
    return (f"{heading}\n" if heading else "") + line + "\n"


def same_words(text: str) -> str:
    """A table wraps a long line at the terminal's width: compare the words."""
    return " ".join(text.split())


def check(ws: Path, case: tuple[list[str], str | None, str | None, str], fmt: str) -> None:
    out = run(ws, case[0], fmt)
    if fmt == "plain":
        assert out == expected(case, fmt)
    else:
        assert same_words(out) == same_words(expected(case, fmt))
    assert "─" not in out and "|---" not in out


@pytest.mark.parametrize(("name", "fmt"), cases(NEW_WORKSPACE))
def test_a_new_workspace_says_how_to_add_a_partner(new_ws: Path, name: str, fmt: str) -> None:
    check(new_ws, NEW_WORKSPACE[name], fmt)


@pytest.mark.parametrize(("name", "fmt"), cases(QUIET_WORKSPACE))
def test_a_quiet_workspace_says_there_is_nothing_and_what_to_do(name: str, fmt: str) -> None:
    check(QUIET, QUIET_WORKSPACE[name], fmt)


@pytest.mark.parametrize(
    "args",
    [["due"], ["list"], ["prospects"], ["plan"], ["calendar"], ["spotlight"], ["report"]],
)
def test_json_stays_a_whole_document(new_ws: Path, args: list[str]) -> None:
    doc = json.loads(run(new_ws, args, "json"))
    assert (doc["version"], doc["errors"]) == (1, [])
    lists = [value for key, value in doc.items() if key in ("items", "partners", "touches")]
    assert lists and all(value == [] for value in lists)


@pytest.mark.parametrize("args", [["due"], ["list"], ["prospects"], ["plan"], ["calendar"]])
def test_csv_is_the_header_alone(new_ws: Path, args: list[str]) -> None:
    rows = list(csv.reader(io.StringIO(run(new_ws, args, "csv"))))
    assert len(rows) == 1 and rows[0] and all(rows[0])


def test_report_md_never_leaves_a_heading_bare() -> None:
    lines = run(QUIET, ["report"], "md").splitlines()
    headings = [i for i, line in enumerate(lines) if line.startswith("#")]
    for index in headings:
        after = next((line for line in lines[index + 1 :] if line.strip()), "")
        assert after and not after.startswith("#"), lines[index]
    assert lines.count("None.") >= 3
