"""Shell completion: ids, stages, owners, pathways, formats and dates, in a real bash.

The unit tests call the completers; the shell tests source the script that
`partnerctl --show-completion bash` installs into a real `bash`, set
`COMP_WORDS`/`COMP_CWORD` as bash does on a Tab press, call the completion
function and read `COMPREPLY`. Whatever the line holds, nothing may reach the
terminal (stderr): a traceback there lands in the middle of what the user types.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import DATA, EXAMPLES, copy_data

from partnerctl.cli.complete import (
    complete_date,
    complete_event_id,
    complete_owner,
    complete_partner_id,
    complete_pathway,
    complete_stage,
)
from partnerctl.cli.invocation import STATE
from partnerctl.dates import parse_cli_date
from partnerctl.records import STAGES

WS = DATA / "report-basic"
ALL = ["bolt-electric", "harbor-bakery", "old-mill", "pixel-studio", "riverside-auto"]
OWNERS = ["jlee", "mortiz", "tnguyen"]  # examples/partnerctl.yaml
PATHWAYS = ["automotive", "health", "welding", "digital-media", "culinary"]
EVENTS = [
    "advisory-auto-fall",
    "advisory-board-winter",
    "chamber-breakfast",
    "giving-tuesday-post",
    "partner-appreciation",
    "partner-newsletter",
    "spring-open-house",
    "winter-career-fair",
]


@pytest.fixture(autouse=True)
def fresh_state(monkeypatch: pytest.MonkeyPatch) -> None:
    STATE.set(None)
    monkeypatch.delenv("PARTNERCTL_DIR", raising=False)


# --- the completers ---------------------------------------------------------------


def test_from_partnerctl_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARTNERCTL_DIR", str(WS))
    assert complete_partner_id("") == ALL
    assert complete_partner_id("p") == ["pixel-studio"]
    assert complete_partner_id("zzz") == []


def test_from_the_current_folder_upward(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(WS / "partners")
    assert complete_partner_id("b") == ["bolt-electric"]


def test_no_workspace_completes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for completer in (complete_partner_id, complete_event_id, complete_owner, complete_pathway):
        assert completer("") == []
    monkeypatch.setenv("PARTNERCTL_DIR", str(tmp_path / "missing"))
    assert complete_partner_id("") == []
    assert complete_owner("") == []


def test_names_only_no_yaml_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ws = copy_data("report-basic", tmp_path)
    (ws / "partners" / "broken.yml").write_text("name: [unclosed\n", encoding="utf-8")
    (ws / "partners" / "notes.txt").write_text("not a partner\n", encoding="utf-8")
    (ws / "partners" / ".riverside-auto.yaml.123.tmp").write_text("", encoding="utf-8")
    monkeypatch.setenv("PARTNERCTL_DIR", str(ws))
    assert complete_partner_id("") == sorted([*ALL, "broken"])
    assert complete_partner_id("r") == ["riverside-auto"]


def test_owners_pathways_events_and_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTNERCTL_DIR", str(EXAMPLES))
    assert complete_owner("") == OWNERS
    assert complete_owner("m") == ["mortiz"]
    assert complete_pathway("") == PATHWAYS
    assert complete_pathway("d") == ["digital-media"]
    assert complete_event_id("") == EVENTS
    assert complete_event_id("s") == ["spring-open-house"]
    assert complete_stage("") == list(STAGES)
    assert complete_stage("co") == ["contacted", "committed"]


def test_broken_files_complete_what_they_can(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ws = tmp_path / "ws"
    (ws / "events").mkdir(parents=True)
    (ws / "partnerctl.yaml").write_text("program: [unclosed\n", encoding="utf-8")
    (ws / "events" / "good.yaml").write_text(
        "events:\n  - {id: fair, name: Fair, kind: career-fair, date: 2026-12-01}\n",
        encoding="utf-8",
    )
    (ws / "events" / "bad.yaml").write_text("events: [\n", encoding="utf-8")
    (ws / "events" / "odd.yaml").write_text("events: {id: x}\n", encoding="utf-8")
    monkeypatch.setenv("PARTNERCTL_DIR", str(ws))
    assert complete_owner("") == []
    assert complete_pathway("") == []
    assert complete_event_id("") == ["fair"]


def test_every_date_offered_is_a_date_partnerctl_reads() -> None:
    from datetime import date

    offered = complete_date("")
    assert {"today", "tomorrow", "yesterday", "monday", "+1w", "-2d"} <= set(offered)
    for text in offered:
        parse_cli_date(text, date(2026, 11, 24))
        parse_cli_date(text, date(2026, 11, 24), past=True)
    assert complete_date("t") == ["today", "tomorrow", "tuesday", "thursday"]
    assert complete_date("+") == [d for d in offered if d.startswith("+")]


def test_format_completion_matches_each_commands_formats(tmp_path: Path) -> None:
    """Every command's --format completion is exactly what its usage error offers.

    Each command runs as its own `Example:` line shows, with `--format nope`
    added: the format is checked before anything is read or written.
    """
    import re

    import typer.main
    from tests.conftest import run_cli

    import partnerctl.cli.main  # noqa: F401  (registers every command)
    from partnerctl.cli.app import app
    from partnerctl.cli.app import formats_of as registered_formats

    ws = copy_data("report-basic", tmp_path)
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert len(commands) >= 20
    for name, command in commands.items():
        example = re.search(r"Example: partnerctl (.*)", command.help or "")
        assert example is not None, name
        argv = [*shlex.split(example.group(1)), "--format", "nope"]
        result = run_cli(["-C", str(ws), "--today", "2026-11-24", *argv], {"HOME": str(tmp_path)})
        assert result.exit_code == 2, (name, result.stderr)
        hint = re.search(
            r"'nope' is not a format[^(]*\((?:choose one of )?([^)]*)\)", result.stderr
        )
        assert hint is not None, (name, result.stderr)
        offered = tuple(re.split(r",\s*|\s+or\s+", hint.group(1)))
        assert registered_formats(name) == offered, name


# --- through a real bash -------------------------------------------------------------

BASH = shutil.which("bash")
PARTNERCTL = shutil.which("partnerctl", path=str(Path(sys.executable).parent))


def _skip_without_shell() -> None:
    if BASH is None:
        pytest.skip("no bash on this machine: the shell completion tests need one")
    if PARTNERCTL is None:
        pytest.skip("the partnerctl console script is not installed next to this Python")


def bash_complete(words: list[str], cwd: Path, env: dict[str, str] | None = None) -> list[str]:
    """COMPREPLY for the line `words` (the last one being completed), as bash computes it.

    The completion script is the one `partnerctl --show-completion bash`
    installs; bash runs it with COMP_WORDS and COMP_CWORD set as on a Tab
    press. Anything on stderr (a traceback) fails the test.
    """
    _skip_without_shell()
    assert BASH is not None and PARTNERCTL is not None
    script = f"""
set -u
eval "$(_PARTNERCTL_COMPLETE=source_bash partnerctl)"
complete -p partnerctl | grep -q -- '-o default' || echo 'no -o default' >&2
COMP_WORDS=({" ".join(shlex.quote(w) for w in words)})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE="${{COMP_WORDS[*]}}"
COMP_POINT=${{#COMP_LINE}}
COMPREPLY=()
_partnerctl_completion partnerctl "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("PARTNERCTL_", "_"))}
    full["PATH"] = f"{Path(PARTNERCTL).parent}{os.pathsep}{full.get('PATH', '')}"
    full.update(env or {})
    done = subprocess.run(
        [BASH, "--norc", "--noprofile", "-c", script],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stderr == "", done.stderr
    assert done.returncode == 0
    return [line for line in done.stdout.splitlines() if line]


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    target = tmp_path / "riverside"
    shutil.copytree(EXAMPLES, target)
    return target


@pytest.mark.parametrize(
    "words",
    [
        ["partnerctl", "-C", ""],
        ["partnerctl", "--dir", ""],
        ["partnerctl", "due", "-C", ""],
        ["partnerctl", "due", "--dir", ""],
        ["partnerctl", "-C"],
        ["partnerctl", "--today", ""],
        ["partnerctl", "--format", ""],
        ["partnerctl", "due", "--today", ""],
        ["partnerctl", "due", "--format", ""],
        ["partnerctl", "--today", "", "due"],
        ["partnerctl", "due", "--within", ""],
        ["partnerctl", "-C", "/nowhere/at/all", "show", ""],
        ["partnerctl", "--format", "json", "due", "--within", "x", ""],
        ["partnerctl", "nosuchcommand", ""],
        ["partnerctl", "--", ""],
    ],
    ids=lambda words: " ".join(w or "<TAB>" for w in words),
)
def test_no_line_prints_a_traceback(words: list[str], ws: Path) -> None:
    bash_complete(words, ws)  # asserts that stderr stays empty


def test_the_workspace_folder_is_left_to_the_shell(ws: Path) -> None:
    """`-C <TAB>`: nothing from partnerctl, so bash's `-o default` completes folder names."""
    assert bash_complete(["partnerctl", "-C", ""], ws.parent) == []
    assert bash_complete(["partnerctl", "report", "--dir", "ri"], ws.parent) == []


def test_commands_and_options(ws: Path) -> None:
    assert bash_complete(["partnerctl", "rep"], ws) == ["report"]
    options = bash_complete(["partnerctl", "due", "--"], ws)
    assert {"--within", "--owner", "--dir", "--today", "--format", "--no-color"} <= set(options)


def test_dates(ws: Path) -> None:
    assert bash_complete(["partnerctl", "--today", "to"], ws) == ["today", "tomorrow"]
    assert bash_complete(["partnerctl", "due", "--today", "yes"], ws) == ["yesterday"]
    assert bash_complete(["partnerctl", "snooze", "kxrv", "+"], ws) == [
        "+1d",
        "+2d",
        "+3d",
        "+1w",
        "+2w",
        "+1m",
    ]
    assert bash_complete(["partnerctl", "log", "kxrv", "Called", "--date", "fr"], ws) == ["friday"]
    assert bash_complete(["partnerctl", "report", "--from", "mon"], ws) == ["monday"]


def test_formats_of_the_command_on_the_line(ws: Path) -> None:
    assert bash_complete(["partnerctl", "report", "--format", ""], ws) == [
        "table",
        "plain",
        "md",
        "html",
        "json",
    ]
    assert bash_complete(["partnerctl", "calendar", "--format", "i"], ws) == ["ics"]
    before = bash_complete(["partnerctl", "--format", ""], ws)
    assert {"table", "plain", "json", "csv", "md", "html", "ics"} <= set(before)


def test_stages_owners_pathways_and_ids(ws: Path) -> None:
    assert bash_complete(["partnerctl", "list", "--stage", ""], ws) == list(STAGES)
    assert bash_complete(["partnerctl", "stage", "kxrv", "co"], ws) == ["contacted", "committed"]
    assert bash_complete(["partnerctl", "due", "--owner", ""], ws) == OWNERS
    assert bash_complete(["partnerctl", "reassign", "--from", "jlee", "--to", "t"], ws) == [
        "tnguyen"
    ]
    assert bash_complete(["partnerctl", "list", "--pathway", "we"], ws) == ["welding"]
    assert bash_complete(["partnerctl", "calendar", "--event", ""], ws) == EVENTS
    assert bash_complete(["partnerctl", "calendar", "--event", "w"], ws) == ["winter-career-fair"]
    assert bash_complete(["partnerctl", "show", "ri"], ws) == ["river-city-radio", "riverside-auto"]


def test_the_workspace_named_on_the_line_or_in_the_environment(ws: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert bash_complete(["partnerctl", "-C", str(ws), "show", "kx"], elsewhere) == ["kxrv"]
    assert bash_complete(["partnerctl", "show", "--dir", str(ws), "kx"], elsewhere) == ["kxrv"]
    assert bash_complete(["partnerctl", f"--dir={ws}", "due", "--owner", "j"], elsewhere) == [
        "jlee"
    ]
    env = {"PARTNERCTL_DIR": str(ws)}
    assert bash_complete(["partnerctl", "calendar", "--event", "ch"], elsewhere, env) == [
        "chamber-breakfast"
    ]
    assert bash_complete(["partnerctl", "show", "kx"], elsewhere) == []


def test_a_bug_while_completing_prints_nothing(ws: Path, tmp_path: Path) -> None:
    """Even a bug in partnerctl stays off the user's terminal while a word is completed."""
    hook = tmp_path / "hook"
    hook.mkdir()
    # A settings file that makes the owners' completer fail is handled; to reach
    # the exit point itself, break the module that completion imports.
    (hook / "sitecustomize.py").write_text(
        "import partnerctl.cli.complete as c\n"
        "def boom(*a, **k):\n    raise RuntimeError('boom')\n"
        "c._workspace_root = boom\n"
        "import partnerctl.cli.app as app\n"
        "app.PartnerctlGroup.resolve_command = boom\n",
        encoding="utf-8",
    )
    env = {"PYTHONPATH": str(hook)}
    assert bash_complete(["partnerctl", "due", "--owner", ""], ws, env) == []
    assert bash_complete(["partnerctl", "show", ""], ws, env) == []


def test_placement_ids_complete_in_the_placement_commands() -> None:
    """`partnerctl placement hours bo<Tab>`: placement ids, from the names in placements/."""
    wbl = Path(__file__).parent / "data" / "wbl-basic"
    words = ["partnerctl", "-C", str(wbl), "placement", "hours", "bo"]
    assert bash_complete(words, wbl) == ["bolt-motors-2026-10"]
    words = ["partnerctl", "-C", str(wbl), "placement", "add", "pi"]
    assert bash_complete(words, wbl) == ["pine-clinic"]  # a partner id there
