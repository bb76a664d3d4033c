"""Global options and usage errors: one error form, exit 2, a JSON document under --format json.

Click finds some usage errors itself (an unknown option, a value that is not a
number, a missing argument); they leave through partnerctl's one exit point
like partnerctl's own: `error: MESSAGE (HINT)` on stderr, exit 2, and with
`--format json` one JSON document on stdout. An option's value that begins
with `-C` is that value, not the workspace. A bug is exit 3, with the
traceback only under PARTNERCTL_DEBUG=1.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import ROOT, copy_data, file_tree, run_cli

TODAY = "2026-11-24"

# Usage errors that Click finds: (command line, the message, the hint), each the start of a
# pattern (Click's releases word a few messages differently; partnerctl's form is the same).
CLICK_ERRORS: list[tuple[list[str], str, str]] = [
    (["due", "--within", "x"], "--within: ", "`partnerctl due --help`"),
    (["due", "--within", "-1"], "--within: ", "`partnerctl due --help`"),
    (["due", "--bogus"], "no such option:? '?--bogus", "`partnerctl due --help`"),
    (["due", "--ownr", "jlee"], "no such option:? '?--ownr", "did you mean"),
    (["--bogus", "due"], "no such option:? '?--bogus", "`partnerctl --help`"),
    (["show"], "missing argument '?ID", "`partnerctl show --help`"),
    (["due", "extra"], "got unexpected extra argument", "`partnerctl due --help`"),
    (["report", "--month=3"], "option '--month' does not take a value", "`partnerctl"),
    (["due", "--today"], "option '--today' requires an argument", "`partnerctl"),
    (["due", "-C"], "option '-C' requires an argument", "`partnerctl"),
    (["dew"], "no such command 'dew'", "did you mean 'due'\\?"),
    (["plan", "--weeks", "0"], "--weeks: ", "`partnerctl plan --help`"),
]


def _ids(case: tuple[list[str], str, str]) -> str:
    return " ".join(case[0])


@pytest.mark.parametrize("case", CLICK_ERRORS, ids=_ids)
def test_clicks_usage_errors_take_the_one_form(
    case: tuple[list[str], str, str], tmp_path: Path
) -> None:
    args, message, hint = case
    ws = copy_data("due-basic", tmp_path)
    result = run_cli(["-C", str(ws), "--today", TODAY, *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()  # one line, no usage block, no box
    assert re.match(f"error: {message}.* \\({hint}", line), line
    assert "Usage:" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("case", CLICK_ERRORS, ids=_ids)
@pytest.mark.parametrize("where", ["before", "after"])
def test_with_format_json_a_usage_error_is_a_json_document(
    case: tuple[list[str], str, str], where: str, tmp_path: Path
) -> None:
    args, message, _hint = case
    ws = copy_data("due-basic", tmp_path)
    fmt = ["--format", "json"]
    line = [*fmt, *args] if where == "before" else [*args, *fmt]
    if args == ["due", "--today"] or args == ["due", "-C"]:
        line = [*fmt, *args]  # the option's missing value must stay the last word
    result = run_cli(["-C", str(ws), "--today", TODAY, *line])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert set(doc) == {"version", "errors"} and doc["version"] == 1
    (error,) = doc["errors"]
    assert re.match(message, error["message"]), error
    assert (error["file"], error["line"], error["column"], error["path"]) == (None,) * 4
    assert result.stderr.startswith(f"error: {error['message']} ({error['hint']})")


def test_a_usage_error_with_output_to_a_file_leaves_stdout_empty(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    target = tmp_path / "week.json"
    result = run_cli(["-C", str(ws), "report", "--format", "json", "-o", str(target), "--month=3"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("error: option '--month' does not take a value")
    assert not target.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--today", TODAY, "--format", "json", "due"],
        ["due", "--today", TODAY, "--format", "json"],
        ["--format", "json", "due", f"--today={TODAY}"],
        ["--today", "2026-01-01", "due", "--today", TODAY, "--format=json"],
    ],
    ids=["before", "after", "equals", "last-wins"],
)
def test_global_options_before_or_after_the_command(args: list[str], tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    result = run_cli(["-C", str(ws), *args])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["today"] == TODAY


def test_dir_after_the_command_and_attached(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    for line in (["due", "-C", str(ws)], ["due", f"-C{ws}"], ["due", f"--dir={ws}"]):
        result = run_cli([*line, "--today", TODAY, "--format", "json"])
        assert result.exit_code == 0, (line, result.stderr)
        assert json.loads(result.stdout)["version"] == 1


@pytest.mark.parametrize("name", ["-Cool Co", "-C", "--dir", "-C.", "--today"])
def test_an_option_value_that_looks_like_a_global_option_is_data(name: str, tmp_path: Path) -> None:
    """`add x --name "-Cool Co"`: the name is "-Cool Co", and the workspace is the one given."""
    ws = copy_data("due-basic", tmp_path)
    result = run_cli(["-C", str(ws), "--today", TODAY, "add", "cool-co", "--name", name])
    assert result.exit_code == 0, result.stderr
    text = (ws / "partners" / "cool-co.yaml").read_text(encoding="utf-8")
    assert f"name: {json.dumps(name)}\n" in text or f"name: '{name}'\n" in text, text
    shown = run_cli(["-C", str(ws), "--today", TODAY, "show", "cool-co", "--format", "json"])
    assert json.loads(shown.stdout)["profile"]["name"] == name


def test_a_summary_beginning_with_a_dash_goes_after_double_dash(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    before = file_tree(ws)
    refused = run_cli(["-C", str(ws), "--today", TODAY, "log", "riverside-auto", "-Cool call"])
    assert refused.exit_code == 2 and file_tree(ws) == before  # nothing written anywhere
    done = run_cli(["-C", str(ws), "--today", TODAY, "log", "riverside-auto", "--", "-Cool call"])
    assert done.exit_code == 0, done.stderr
    shown = run_cli(["-C", str(ws), "--today", TODAY, "show", "riverside-auto", "--format", "json"])
    assert json.loads(shown.stdout)["profile"]["touchpoints"][-1]["summary"] == "-Cool call"


def test_no_arguments_prints_the_help() -> None:
    result = run_cli([])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: partnerctl")
    assert "--dir" in result.stdout and "--today" in result.stdout


def test_each_commands_help_names_its_formats() -> None:
    result = run_cli(["report", "--help"])
    assert "One of: table, plain, md, html, json." in " ".join(result.stdout.split())


# --- bugs: exit 3, the traceback only with PARTNERCTL_DEBUG=1 -------------------------

BOOM = """
import sys
import partnerctl.core.due as due
def boom(*args, **kwargs):
    raise RuntimeError("boom")
due.due_items = boom
from partnerctl.cli.entry import main
main(sys.argv[1:])
"""


def _run_with_a_bug(ws: Path, debug: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTNERCTL_")}
    env["PARTNERCTL_NO_CACHE"] = "1"
    if debug:
        env["PARTNERCTL_DEBUG"] = "1"
    return subprocess.run(
        [sys.executable, "-c", BOOM, "-C", str(ws), "--today", TODAY, "due", "--check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_a_bug_is_exit_3_in_one_line(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    done = _run_with_a_bug(ws, debug=False)
    assert done.returncode == 3
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("partnerctl: internal error (a bug in partnerctl")
    assert "RuntimeError" in line


def test_a_bug_with_partnerctl_debug_is_exit_3_with_the_traceback(tmp_path: Path) -> None:
    """Not 1: `due --check` reads 1 as "something is due"."""
    ws = copy_data("due-basic", tmp_path)
    done = _run_with_a_bug(ws, debug=True)
    assert done.returncode == 3
    assert "Traceback (most recent call last):" in done.stderr
    assert 'RuntimeError("boom")' in done.stderr or "RuntimeError: boom" in done.stderr
    assert done.stderr.rstrip().splitlines()[-1].startswith("partnerctl: internal error")


# --- no private imports from dependencies ------------------------------------------------


def _private_uses(path: Path) -> list[str]:
    """`import x._y`, `from x import _y`, `from x._y import z`, `x._y`: any package but ours."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                imported.add((alias.asname or alias.name).split(".")[0])
                if _is_private(alias.name):
                    found.append(f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] in ("partnerctl", "__future__"):
                continue
            for alias in node.names:
                imported.add(alias.asname or alias.name)
                if _is_private(node.module) or _is_private(alias.name):
                    found.append(f"from {node.module} import {alias.name}")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in imported
            and _is_private(node.attr)
        ):
            found.append(f"{node.value.id}.{node.attr}")
    return found


def _is_private(dotted: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in dotted.split("."))


def test_no_private_imports_from_dependencies() -> None:
    uses: dict[str, list[str]] = {}
    for path in sorted((ROOT / "src" / "partnerctl").rglob("*.py")):
        found = _private_uses(path)
        if found:
            uses[path.relative_to(ROOT).as_posix()] = found
    assert uses == {}


def test_the_private_import_check_finds_one(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typer import _click\nimport typer\nx = typer._click\nimport calendar as _cal\n"
        "from partnerctl.cli.invocation import _helper\n",
        encoding="utf-8",
    )
    assert _private_uses(sample) == ["from typer import _click", "typer._click"]


def test_json_errors_documents_from_click_and_partnerctl_share_one_shape(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    ours = run_cli(
        ["-C", str(ws), "--today", TODAY, "due", "--owner", "nobody", "--format", "json"]
    )
    clicks = run_cli(["-C", str(ws), "--today", TODAY, "due", "--within", "x", "--format", "json"])
    shapes: list[Any] = []
    for result in (ours, clicks):
        doc = json.loads(result.stdout)
        shapes.append((sorted(doc), [sorted(e) for e in doc["errors"]], result.exit_code))
    assert shapes[0] == shapes[1]


def test_a_usage_error_of_a_write_command_is_one_json_document_too(tmp_path: Path) -> None:
    """Edit commands print their changes as JSON, so a usage error under json is a document;
    `init`, which prints lines only, keeps it on stderr alone."""
    ws = copy_data("due-basic", tmp_path)
    for line in (
        ["log", "riverside-auto", "Called", "--bogus"],
        ["spotlight", "add", "riverside-auto", "--where", "social", "--title", "T", "--bogus"],
        ["snooze", "riverside-auto"],
    ):
        result = run_cli(["-C", str(ws), "--today", TODAY, *line, "--format", "json"])
        assert result.exit_code == 2, line
        assert json.loads(result.stdout)["errors"][0]["message"], line
        assert result.stderr.startswith("error: "), line
    result = run_cli(
        ["--today", TODAY, "init", str(tmp_path / "new"), "--bogus", "--format", "json"]
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("error: ")
