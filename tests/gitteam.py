"""A team on real git, for tests: a bare shared repository and one clone per coordinator.

The machine's git configuration never leaks in: HOME is the test's own, the
system file is off (GIT_CONFIG_NOSYSTEM), and git's identity comes only from
each clone's config. Tests that need git skip, with a message, where git is
not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, Result, run_cli

HAVE_GIT = shutil.which("git") is not None
needs_git = pytest.mark.skipif(not HAVE_GIT, reason="git is not installed: `.ci/run` installs it")

# Variables that would let the machine's git set-up, or a parent git, into the tests.
_LEAKS = (
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL",
    "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL", "GIT_ASKPASS", "SSH_ASKPASS",
    "GIT_SSH_COMMAND", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
)  # fmt: skip


def isolate_git(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A git of the test's own: its HOME, no system config, main as the first branch."""
    home.mkdir(parents=True, exist_ok=True)
    for name in _LEAKS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_TERMINAL_PROMPT", "0")
    (home / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")


def git(cwd: Path, *args: str, check: bool = True) -> str:
    """Run git in `cwd`; its output (a failure raises, unless `check` is off)."""
    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        env=dict(os.environ),
    )
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def identify(clone: Path, name: str) -> None:
    """Give a clone git's identity for `name` (an owner id)."""
    git(clone, "config", "user.name", name.title())
    git(clone, "config", "user.email", f"{name}@riverside.example.org")


@dataclass
class Team:
    """A shared bare repository seeded with a workspace, and the coordinators' clones."""

    root: Path
    today: str = "2026-11-24"
    clones: dict[str, Path] = field(default_factory=dict)

    @property
    def remote(self) -> Path:
        return self.root / "shared.git"

    def seed(self, source: Path = EXAMPLES, owner: str = "jlee") -> Path:
        """The first coordinator starts the shared workspace from `source` and syncs it."""
        git(self.root, "init", "--quiet", "--bare", str(self.remote))
        first = self.root / owner
        shutil.copytree(source, first)
        git(first, "init", "--quiet")
        identify(first, owner)
        git(first, "config", "partnerctl.me", owner)
        git(first, "remote", "add", "origin", str(self.remote))
        done = self.run(first, "sync")
        assert done.exit_code == 0, done.stderr
        self.clones[owner] = first
        return first

    def join(self, owner: str, *, rebase: bool = False) -> Path:
        """Another coordinator joins with `partnerctl join`, then gives git their identity."""
        clone = self.root / owner
        done = run_cli(["join", str(self.remote), str(clone), "--me", owner])
        assert done.exit_code == 0, done.stderr
        identify(clone, owner)
        if rebase:
            git(clone, "config", "pull.rebase", "true")
        self.clones[owner] = clone
        return clone

    def run(self, clone: Path, *args: str, today: str | None = None) -> Result:
        """`partnerctl -C CLONE --today TODAY ARGS` in the clone."""
        return run_cli(["-C", str(clone), "--today", today or self.today, *args])

    def __call__(self, owner: str, *args: str) -> Result:
        """Run partnerctl as `owner`, in their clone; the command must succeed."""
        done = self.run(self.clones[owner], *args)
        said = f"{owner}: partnerctl {' '.join(args)}: exit {done.exit_code}"
        assert done.exit_code == 0, f"{said}\n{done.stdout}{done.stderr}"
        return done


def make_team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    """An empty team in the test's folder, its git isolated (skips without git)."""
    if not HAVE_GIT:
        pytest.skip("git is not installed: `.ci/run` installs it")
    isolate_git(tmp_path / "home", monkeypatch)
    monkeypatch.chdir(tmp_path)
    return Team(tmp_path)
