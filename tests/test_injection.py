"""Text from a partner file never acts on the screen: no markup, escapes or bidi tricks.

tests/data/inject-basic/ puts Rich markup, ANSI CSI and OSC sequences, other
C0/C1 controls and bidi overrides into every kind of text field. Each reading
command, in table and plain, must show that text literally: the raw
characters never reach stdout or stderr, and the visible escapes (`\\x1b[31m`,
`\\u202e`) and the markup (`[bold red]`) appear as written. The assertions
name the literal escaped form, so removing `render.text.clean()` or turning
Rich markup on makes them fail.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, run_cli

TODAY = "2026-11-24"
WS = DATA / "inject-basic"
WIDE = {"COLUMNS": "250"}
RAW_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile("\x1b\\[[0-9;]*m")

# (argv after the command name, literal text that must appear in the output).
# Each list has markup, a visible ESC escape and a visible bidi escape.
SHOWN: dict[str, tuple[list[str], list[str]]] = {
    "due": ([], ["[bold red]X[/]", "\\x1b[31mCall", "\\u202eevil", "\\x1b]8;;http://x"]),
    "list": ([], ["[bold red]Evil[/]", "\\x1b[31mCo", "\\u202eXYZ"]),
    "show": (
        ["evil-co"],
        ["[link=https://evil.example]click[/link]", "\\u2066iso\\u2069", "\\x1b]0;title\\x07"],
    ),
    "calendar": ([], ["[bold]Chamber[/]", "\\x1b[5mbreakfast", "\\u202eevil"]),
    "prospects": ([], ["[link=https://evil.example]Digital", "\\x1b]0;title\\x07", "\\u202eevil"]),
    "plan": ([], ["[bold]Chamber[/]", "\\x1b[5mbreakfast", "\\u202eevil"]),
    "pitch": (["evil-co"], ["[bold red]Evil[/]", "\\x1b[31mCo", "\\u2066iso"]),
    "spotlight": ([], ["[bold]bold[/bold]", "\\x1b[2J", "\\u202eevil"]),
    "report": ([], ["[bold red]Riverside[/]", "\\x1b[31mCTE", "\\u202eXYZ"]),
}


def registered() -> set[str]:
    """The commands registered now (others are still being written)."""
    import typer.main

    from partnerctl.cli.main import app

    group = typer.main.get_command(app)
    return set(getattr(group, "commands", {}))


def formats_of(command: str, argv: list[str]) -> tuple[str, ...]:
    """The formats a command has, from the hint its usage error for a bad --format gives."""
    result = run_cli(["-C", str(WS), "--today", TODAY, command, *argv, "--format", "nope"])
    found = re.search(r"choose one of ([a-z, ]+)", result.stderr)
    return tuple(n.strip() for n in found.group(1).split(",")) if found else ()


def needs(command: str) -> None:
    if command not in registered():
        pytest.skip(f"`{command}` is not registered yet")


def assert_no_raw(text: str, where: str) -> None:
    hit = RAW_UNSAFE.search(text)
    if hit is not None:
        around = text[max(0, hit.start() - 40) : hit.end() + 40]
        pytest.fail(f"raw U+{ord(hit.group()):04X} in {where}: {around!r}")


@pytest.mark.parametrize("fmt", ["table", "plain"])
@pytest.mark.parametrize("command", sorted(SHOWN))
def test_user_text_is_shown_literally(command: str, fmt: str) -> None:
    needs(command)
    argv, expected = SHOWN[command]
    if fmt not in formats_of(command, argv):
        pytest.skip(f"`{command}` has no {fmt} format")
    result = run_cli(["-C", str(WS), "--today", TODAY, command, *argv, "--format", fmt], env=WIDE)
    assert result.exit_code == 0, result.stderr
    assert_no_raw(result.stdout, f"{command} {fmt} stdout")
    assert_no_raw(result.stderr, f"{command} {fmt} stderr")
    for text in expected:
        assert text in result.stdout, f"{text!r} not shown literally by {command} --format {fmt}"


@pytest.mark.parametrize("command", ["due", "list", "show", "pitch"])
def test_colour_does_not_let_markup_or_highlighting_in(command: str) -> None:
    """With colour on, the only escapes are partnerctl's own SGR styles, around whole values."""
    needs(command)
    argv, expected = SHOWN[command]
    if "table" not in formats_of(command, argv):
        pytest.skip(f"`{command}` has no table format")
    result = run_cli(
        ["-C", str(WS), "--today", TODAY, command, *argv, "--format", "table", "--color"],
        env={**WIDE, "NO_COLOR": None, "TERM": "xterm-256color"},
    )
    assert result.exit_code == 0, result.stderr
    plain = SGR.sub("", result.stdout)
    assert_no_raw(plain, f"{command} coloured stdout (SGR removed)")
    for text in expected:
        # Contiguous in the raw output: no highlighter put styles inside user text.
        assert text in result.stdout, f"{text!r} broken up or interpreted in colour"


def test_validate_and_errors_on_stderr_are_cleaned(tmp_path: Path) -> None:
    """Error messages quote what the user wrote; stderr gets the visible escapes."""
    needs("validate")
    ws = tmp_path / "ws"
    shutil.copytree(WS, ws)
    (ws / "partners" / "bad-one.yaml").write_text(
        'name: "[bold]Bad[/bold]"\nstage: "\\e[31mprospekt\\u202e"\n"[bold]nmae\\e]0;t\\a": x\n',
        encoding="utf-8",
    )
    for command in [*sorted(SHOWN), "validate"]:
        if command not in registered():
            continue
        argv = SHOWN[command][0] if command in SHOWN else []
        result = run_cli(["-C", str(ws), "--today", TODAY, command, *argv], env=WIDE)
        assert result.exit_code == (1 if command == "validate" else 2), (command, result.stderr)
        assert_no_raw(result.stdout + result.stderr, f"{command} output")
        lines = result.stderr.splitlines()
        stage = [
            line for line in lines if line.startswith("partners/bad-one.yaml:2:8: error: stage:")
        ]
        assert stage and "'\\x1b[31mprospekt\\u202e'" in stage[0], (command, result.stderr)
        key = [line for line in lines if line.startswith("partners/bad-one.yaml:3:1: error:")]
        assert key and "'[bold]nmae\\x1b]0;t\\x07'" in key[0], (command, result.stderr)


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "\x1b]0;pwn\x07[bold]x\u202e"],
        ["list", "--stage", "\x1b[31mx[bold]"],
        ["due", "--owner", "\x1b[2J[bold]x"],
        ["due", "--today", "\x1b[31mx"],
        ["\x1b[31mcmd"],
        ["due", "--\x1b[31mopt"],
    ],
    ids=["partner-id", "stage", "owner", "date", "command", "option"],
)
def test_command_line_text_is_echoed_cleaned(argv: list[str]) -> None:
    """What a script passes on the command line comes back in errors as visible escapes."""
    needs(argv[0] if not argv[0].startswith("\x1b") else "due")
    result = run_cli(["-C", str(WS), "--today", TODAY, *argv])
    assert result.exit_code == 2
    assert_no_raw(result.stdout + result.stderr, "usage error")
    assert "\\x1b" in result.stderr, result.stderr
