"""Running git for a workspace: never a prompt, never a force, every failure in words.

Every git command partnerctl runs goes through :func:`git`: no terminal
prompt (`GIT_TERMINAL_PROMPT=0`, ssh in batch mode, stdin closed), no editor
(`GIT_EDITOR=true`), and a failure to start git at all becomes a WriteError
that says to install it. Also here: setting up the merge driver in a clone
(`.gitattributes` and `git config merge.partnerctl.*`), and who made a
commit, as an owner id (the `Partnerctl-By:` trailer `sync` writes, else the
commit's author when it is one of the owners).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from partnerctl.errors import WriteError

DRIVER = "partnerctl"
DRIVER_NAME = "partnerctl: merge workspace files by meaning"
TRAILER = "Partnerctl-By"
ATTRIBUTES_FILE = ".gitattributes"
# The files the merge driver merges, relative to the workspace (and so to .gitattributes).
MERGED_PATTERNS = (
    "/partnerctl.yaml",
    "/partners/*.yaml",
    "/partners/*.yml",
    "/events/*.yaml",
    "/events/*.yml",
)
ATTRIBUTES_HEAD = "# partnerctl merges these by meaning (partnerctl sync sets up the driver)"
NETWORK_TIMEOUT = 300  # seconds: a fetch, push or clone that hangs longer is stopped


@dataclass(frozen=True)
class GitRun:
    """How one git command ended."""

    code: int
    out: str
    err: str

    @property
    def ok(self) -> bool:
        return self.code == 0

    def last_line(self) -> str:
        """git's last line of error output (what went wrong, usually)."""
        lines = [line.strip() for line in self.err.splitlines() if line.strip()]
        return lines[-1] if lines else f"git exited with {self.code}"


def git_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of every git partnerctl runs: no prompt, no editor, no pager."""
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["GIT_EDITOR"] = "true"
    env["GIT_SEQUENCE_EDITOR"] = "true"
    env["GIT_PAGER"] = "cat"
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    env.update(extra or {})
    return env


def git(
    cwd: Path, *args: str, timeout: float | None = 120, env: dict[str, str] | None = None
) -> GitRun:
    """Run `git ARGS` in `cwd`; a git that cannot start is a WriteError (exit 2)."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            errors="replace",
            stdin=subprocess.DEVNULL,
            timeout=timeout,
            env=git_env(env),
            check=False,
        )
    except FileNotFoundError:
        raise WriteError(
            "git is not installed (or not on PATH)",
            hint="install git (https://git-scm.com), then run the command again",
        ) from None
    except subprocess.TimeoutExpired:
        what = " ".join(args[:1])
        raise WriteError(
            f"git {what} did not finish within {timeout:.0f} seconds",
            hint="check the network and the remote's address, then run the command again",
        ) from None
    except OSError as err:
        raise WriteError(f"cannot run git: {err.strerror}") from None
    return GitRun(done.returncode, done.stdout, done.stderr)


def repo_top(folder: Path) -> Path | None:
    """The top folder of the git repository holding `folder`, or None when there is none."""
    done = git(folder, "rev-parse", "--show-toplevel")
    return Path(done.out.strip()) if done.ok and done.out.strip() else None


def config(repo: Path, key: str) -> str | None:
    """This clone's `git config KEY`, or None when unset."""
    done = git(repo, "config", "--get", key)
    return done.out.strip() if done.ok and done.out.strip() else None


def driver_command() -> str:
    """The command git runs to merge a workspace file: this very partnerctl, by its Python.

    `python -m partnerctl` with the interpreter running now, so the driver is
    the partnerctl that set it up (a venv or pipx install need not be on git's PATH).
    """
    return f"{shlex.quote(sys.executable)} -m partnerctl merge-file %O %A %B %P"


def set_up_driver(repo: Path) -> bool:
    """Register the merge driver in this clone's git config; True when anything changed."""
    changed = False
    for key, value in (
        (f"merge.{DRIVER}.name", DRIVER_NAME),
        (f"merge.{DRIVER}.driver", driver_command()),
    ):
        if config(repo, key) != value:
            done = git(repo, "config", key, value)
            if not done.ok:
                raise WriteError(f"cannot set git config {key}: {done.last_line()}")
            changed = True
    return changed


def attributes_text(current: str) -> str | None:
    """`.gitattributes` with partnerctl's lines added; None when it has them all."""
    lines = current.splitlines()
    wanted = [f"{pattern} merge={DRIVER}" for pattern in MERGED_PATTERNS]
    missing = [line for line in wanted if line not in lines]
    if not missing:
        return None
    text = current
    if text and not text.endswith("\n"):
        text += "\n"
    if ATTRIBUTES_HEAD not in lines:
        text += ("\n" if text.strip() else "") + ATTRIBUTES_HEAD + "\n"
    return text + "".join(line + "\n" for line in missing)


def write_attributes(root: Path) -> bool:
    """Add the driver's lines to the workspace's `.gitattributes`; True when it changed."""
    from partnerctl.workspace import atomic

    path = root / ATTRIBUTES_FILE
    try:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as err:
        raise WriteError(f"{ATTRIBUTES_FILE}: cannot read: {err}") from None
    text = attributes_text(current)
    if text is None:
        return False
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    atomic.write_all([(path, text.encode("utf-8"), ATTRIBUTES_FILE)], mode=mode)
    return True


# What partnerctl leaves in a workspace that must never be committed: the write
# lock, the journal of a write under way, and the temporary files of a write
# (they hold contact details until they are renamed or removed).
IGNORED_FILES = (".partnerctl.lock", ".partnerctl.journal", ".*.tmp")


def ignore_own_files(root: Path) -> list[str]:
    """List partnerctl's own working files in the workspace's `.gitignore`.

    Returns the lines it added (none when all were there). A new `.gitignore` says
    what it is for; an existing one gets the missing lines at its end.
    """
    path = root / ".gitignore"
    try:
        current = path.read_text(encoding="utf-8", errors="replace") if path.exists() else None
        if current is None:
            lines = "".join(f"{line}\n" for line in IGNORED_FILES)
            path.write_text(
                f"# partnerctl's write lock, write journal and temporary files\n{lines}",
                encoding="utf-8",
            )
            return list(IGNORED_FILES)
        missing = [line for line in IGNORED_FILES if line not in current.splitlines()]
        if missing:
            ending = "" if current.endswith("\n") or not current else "\n"
            with path.open("a", encoding="utf-8") as handle:
                handle.write(ending + "".join(f"{line}\n" for line in missing))
    except OSError as err:
        raise WriteError(f".gitignore: cannot write: {err.strerror}") from None
    return missing


# --- who made a commit -----------------------------------------------------------


def commit_owner(repo: Path, commit: str, path: str, owners: Iterable[str]) -> str | None:
    """Who made the newest change to `path` up to `commit`, as an owner id, or None.

    The commit's `Partnerctl-By:` trailer (sync writes it), else its author's
    name or the part of its email before `@` when that is one of `owners`.
    """
    fmt = f"%(trailers:key={TRAILER},valueonly,separator=%x2C)%x1f%an%x1f%ae"
    done = git(repo, "log", "-1", f"--format={fmt}", commit, "--", path)
    fields = done.out.rstrip("\r\n")  # not strip(): \x1f counts as white space
    if not done.ok or not fields:
        return None
    return owner_of(fields, owners)


def owner_of(fields: str, owners: Iterable[str]) -> str | None:
    """The owner in `TRAILER\\x1fNAME\\x1fEMAIL` (see commit_owner), or None."""
    trailer, _, rest = fields.partition("\x1f")
    name, _, email = rest.partition("\x1f")
    by = trailer.split(",")[0].strip()
    if by:
        return by
    known = list(owners)
    for guess in (name.strip(), email.strip().partition("@")[0]):
        if guess and guess in known:
            return guess
    return None


def merge_sides(repo: Path) -> tuple[str | None, str | None]:
    """The commits of ours and theirs while git runs the merge driver (None: not known).

    `git merge` names the other side in a `GITHEAD_<commit>` variable; a
    rebase picks the commit on the last line of `rebase-merge/done`; a
    cherry-pick or revert has `CHERRY_PICK_HEAD`/`REVERT_HEAD`. Ours is HEAD.
    """
    theirs = next(
        (name[len("GITHEAD_") :] for name in os.environ if name.startswith("GITHEAD_")), None
    )
    if theirs is None:
        theirs = _picked(repo)
    return ("HEAD", theirs) if theirs else (None, None)


def _picked(repo: Path) -> str | None:
    done = git(repo, "rev-parse", "--git-dir")
    if not done.ok:
        return None
    folder = (repo / done.out.strip()).resolve()
    todo = folder / "rebase-merge" / "done"
    try:
        lines = todo.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    for line in reversed(lines):
        words = line.split()
        if len(words) >= 2 and not line.startswith("#"):
            return words[1]
    for ref in ("CHERRY_PICK_HEAD", "REVERT_HEAD", "MERGE_HEAD"):
        found = git(repo, "rev-parse", "-q", "--verify", ref)
        if found.ok and found.out.strip():
            return found.out.strip()
    return None
