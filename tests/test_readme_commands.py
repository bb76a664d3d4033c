"""The README's walkthroughs run: each command of "A day with partnerctl" and of "The
rest of the record", in order, on a copy of examples/, as a director would type it."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, run_cli

README = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")


def section(start: str, end: str) -> str:
    return README.split(start, 1)[1].split(end, 1)[0]


def commands(text: str) -> list[list[str]]:
    """Each `partnerctl` command of the ```sh blocks, continuations joined, comments dropped."""
    found: list[list[str]] = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "partnerctl":
                if ">" in words:  # a redirection: the command's own words come before it
                    words = words[: words.index(">")]
                found.append(words[1:])
    return found


WALKTHROUGHS = {
    "a day": section("## A day with partnerctl", "\n## "),
    "the rest of the record": section("### The rest of the record", "### What every"),
}


@pytest.mark.parametrize("name", list(WALKTHROUGHS))
def test_every_command_of_the_walkthrough_runs(tmp_path: Path, name: str) -> None:
    ws = Path(shutil.copytree(EXAMPLES, tmp_path / "examples"))
    steps = commands(WALKTHROUGHS[name])
    assert len(steps) >= 10
    env = {"PARTNERCTL_TODAY": "2026-11-24", "PARTNERCTL_OWNER": "jlee", "HOME": str(tmp_path)}
    for args in steps:
        args = [arg.replace("~/", f"{tmp_path}/") for arg in args]
        result = run_cli(["-C", str(ws), *args], env)
        assert result.exit_code == 0, (args, result.stderr)
    assert run_cli(["-C", str(ws), "validate"], env).exit_code == 0
