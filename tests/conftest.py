"""Shared test helpers: run the CLI at a fixed width with no colour, copy named workspaces."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples"

# Fixed for every CLI test: width, no colour, no real clock unless a test says so.
CLI_ENV = {
    "COLUMNS": "100",
    "LINES": "50",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "PARTNERCTL_DIR": None,
    "PARTNERCTL_TODAY": None,
    "PARTNERCTL_OWNER": None,
    "PARTNERCTL_DEBUG": None,
    "PARTNERCTL_NO_CACHE": "1",
    "PARTNERCTL_NO_STUDENTS": None,
}


def build_commands_once() -> None:
    """Make typer.testing build the click commands of an app once, not on every invoke.

    Typer's CliRunner turns the app into click commands on each call, which
    costs more than most commands take to run; the commands are stateless, so
    one build serves every test in the process.
    """
    import typer.main
    import typer.testing

    built: dict[int, object] = {}

    def get_command(app: typer.Typer) -> object:
        if id(app) not in built:
            built[id(app)] = typer.main.get_command(app)
        return built[id(app)]

    typer.testing._get_command = get_command  # type: ignore[assignment]


build_commands_once()


def cli_runner() -> CliRunner:
    """A CliRunner that keeps stderr apart from stdout on every supported Click release.

    Click 8.2 always keeps them apart; before it, `mix_stderr=False` asks for it.
    """
    import inspect

    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    return CliRunner()


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(args: list[str], env: dict[str, str | None] | None = None) -> Result:
    """Invoke partnerctl in-process, as a user would type `partnerctl ARGS`."""
    from partnerctl.cli.main import app

    runner = cli_runner()
    merged = dict(CLI_ENV)
    if env:
        merged.update(env)
    result = runner.invoke(app, args, env=merged, prog_name="partnerctl")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(autouse=True)
def _no_record_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's record cache; the cache's own tests opt back in."""
    monkeypatch.setenv("PARTNERCTL_NO_CACHE", "1")


@pytest.fixture
def cli():
    """The run_cli function, as a fixture."""
    return run_cli


@pytest.fixture
def example_ws(tmp_path: Path) -> Path:
    """A private copy of examples/ (safe to edit)."""
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLES, target)
    return target


def copy_data(name: str, tmp_path: Path) -> Path:
    """A private copy of tests/data/NAME."""
    target = tmp_path / name
    shutil.copytree(DATA / name, target)
    return target


def file_tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by path relative to it (with `/`), with its bytes.

    Leaves out the workspace's lock file: an empty file that any write, a
    refused one too, may leave behind (it is in the workspace's .gitignore).
    """
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != ".partnerctl.lock"
    }


@pytest.fixture
def cache_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The record cache turned on, in a folder of the test's own (returned)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("PARTNERCTL_CACHE_DIR", str(folder))
    monkeypatch.delenv("PARTNERCTL_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs start 10 s after now, as if the files were edited well before (the 2-second rule)."""
    import time

    from partnerctl.workspace import cache as cache_mod

    monkeypatch.setattr(cache_mod, "now_ns", lambda: time.time_ns() + 10 * cache_mod.TRUST_NS)
