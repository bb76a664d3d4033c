"""No output holds a student's code with --no-students, and md and html never do.

Every reading command runs on the example workspace (four placements, codes
S-0301 ... S-0512) in each of its formats; every edit command prints its
sentences and its JSON. With --no-students (or PARTNERCTL_NO_STUDENTS=1)
no code may appear on stdout or stderr; without it, Markdown and HTML, made
to be shared, hold none either.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli

T = "2026-11-24"
CODE = re.compile(r"S-0\d{3}")
WS = str(EXAMPLES)
# Each reading command with the arguments that make it show the most, and its formats.
READING: dict[str, tuple[list[str], tuple[str, ...]]] = {
    "due": (
        ["due", "--all", "--within", "60", "--explain"],
        ("table", "plain", "json", "csv", "md"),
    ),
    "list": (["list"], ("table", "plain", "json", "csv", "md")),
    "show": (["show", "st-lukes"], ("table", "plain", "json", "md")),
    "show mikes-garage": (["show", "mikes-garage"], ("table", "plain", "json", "md")),
    "calendar": (["calendar", "--weeks", "12"], ("table", "plain", "json", "csv", "md", "ics")),
    "pitch": (["pitch", "pixel-prairie"], ("table", "plain", "json", "md")),
    "spotlight": (["spotlight", "--within", "60"], ("table", "plain", "json")),
    "report": (["report", "--month"], ("table", "plain", "md", "html", "json")),
    "export": (["export"], ("csv", "json")),
    "export --placements": (["export", "--placements"], ("csv", "json")),
    "placement": (["placement"], ("table", "plain", "json", "csv")),
    "advisory": (["advisory"], ("table", "plain", "json")),
    "validate": (["validate"], ("json",)),
}
SHARED = {"md", "html"}


def test_the_examples_have_codes_to_hide() -> None:
    out = run_cli(["-C", WS, "--today", T, "placement", "--format", "json"]).stdout
    assert sorted(set(CODE.findall(out))) == ["S-0301", "S-0388", "S-0427", "S-0512"]


@pytest.mark.parametrize("name", list(READING))
def test_no_student_code_in_any_output_with_no_students(name: str) -> None:
    args, formats = READING[name]
    for fmt in formats:
        for flag, env in ((["--no-students"], None), ([], {"PARTNERCTL_NO_STUDENTS": "1"})):
            result = run_cli(["-C", WS, "--today", T, *args, "--format", fmt, *flag], env)
            assert result.exit_code == 0, (fmt, result.stderr)
            assert not CODE.search(result.stdout + result.stderr), (name, fmt)


@pytest.mark.parametrize("name", list(READING))
def test_markdown_and_html_never_hold_a_code(name: str) -> None:
    args, formats = READING[name]
    for fmt in sorted(SHARED & set(formats)):
        result = run_cli(["-C", WS, "--today", T, *args, "--format", fmt])
        assert result.exit_code == 0
        assert not CODE.search(result.stdout), (name, fmt)


def test_codes_are_shown_where_the_director_works() -> None:
    # without the flag, the director's own views and the data for the district carry them
    for args in (["placement"], ["show", "st-lukes"], ["due", "--format", "json"],
                 ["report", "--format", "json"], ["export", "--placements"]):  # fmt: skip
        assert CODE.search(run_cli(["-C", WS, "--today", T, *args]).stdout), args


EDITS = [
    ["placement", "add", "kxrv", "--student", "S-0999", "--kind", "internship", "--start",
     "2027-01-11", "--end", "2027-05-14", "--supervisor", "Marcus Bell"],
    ["placement", "hours", "st-lukes-2026-10", "6"],
    ["placement", "paperwork", "mikes-garage-2026-12", "parent-consent"],
    ["placement", "evaluate", "ironworks-fab-2026-08", "--overall", "meets"],
    ["placement", "end", "pixel-prairie-2026-09"],
]  # fmt: skip


@pytest.mark.parametrize("args", EDITS, ids=lambda a: " ".join(a[:2]))
def test_edit_commands_name_placements_not_students(tmp_path: Path, args: list[str]) -> None:
    example = tmp_path / "examples"
    shutil.copytree(EXAMPLES, example)
    code = re.compile(r"S-0\d{3}")
    plain = run_cli(["-C", str(example), "--today", T, *args, "--dry-run"])
    assert plain.exit_code == 0, plain.stderr
    assert not code.search(plain.stdout + plain.stderr)
    hidden = run_cli(["-C", str(example), "--today", T, *args, "--format", "json", "--no-students"])
    assert hidden.exit_code == 0, hidden.stderr
    assert not code.search(hidden.stdout + hidden.stderr)
