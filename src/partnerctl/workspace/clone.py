"""A workspace's clone for `sync`: can it sync, its set-up, and committing the workspace's files.

Steps 1 to 4 of :mod:`partnerctl.workspace.sync`: the checks that stop sync
before it changes anything (no repository, no branch, a merge or rebase under
way, no remote, git's own `user.name` or `user.email` unset), the merge
driver's set-up, the refusal to share a changed file that has errors, and the
commit of the workspace's own files (never exports, drafts, caches, locks or
journals) with a message that says what changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from partnerctl.errors import DataError, Problem, UsageError, WriteError, errors_in
from partnerctl.records import SettingsRec
from partnerctl.workspace import git as g
from partnerctl.workspace.discover import SETTINGS_FILE

# The workspace's own files, relative to its root: everything else (exports,
# drafts, caches, the lock, journals) is never committed by sync.
OWN_PATHS = (
    SETTINGS_FILE,
    "partners",
    "events",
    "placements",
    "templates",
    g.ATTRIBUTES_FILE,
    ".gitignore",
    ".partnerctl/schema",
)

if TYPE_CHECKING:
    from partnerctl.core.changelog import FileChange


@dataclass(frozen=True)
class Arrival:
    """A commit that came from the remote: who made it and what it says."""

    commit: str
    by: str
    summary: str


@dataclass
class SyncResult:
    """What one sync did, for the CLI to tell."""

    remote: str
    branch: str
    set_up: list[str] = field(default_factory=list)
    committed: str | None = None
    committed_files: list[str] = field(default_factory=list)
    arrived: list[Arrival] = field(default_factory=list)
    mode: str = "merge"
    pushed: int = 0
    recorded: list[str] = field(default_factory=list)  # modify/delete kept as conflicts


@dataclass(frozen=True)
class Clone:
    """The git side of a workspace: repository, branch, remote and the workspace within."""

    repo: Path
    root: Path
    branch: str
    remote: str
    remote_branch: str

    @property
    def tracking(self) -> str:
        return f"refs/remotes/{self.remote}/{self.remote_branch}"

    def shown(self, path: str) -> str:
        """A repository path as messages show it: relative to the workspace root."""
        try:
            return (self.repo / path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path

    def rel(self, path: str) -> str:
        """A workspace path (relative to the root) relative to the repository."""
        inner = self.root.resolve().relative_to(self.repo.resolve()).as_posix()
        return path if inner == "." else f"{inner}/{path}"

    def git(self, *args: str, timeout: float | None = 120) -> g.GitRun:
        return g.git(self.repo, *args, timeout=timeout)


# --- 1. can it work? ---------------------------------------------------------------


def open_clone(root: Path) -> Clone:
    """The clone holding the workspace, or a UsageError saying what is missing."""
    repo = g.repo_top(root)
    if repo is None:
        raise UsageError(
            f"{root} is not in a git repository, so there is nothing to sync with",
            hint="`partnerctl init --git` starts a shared workspace; "
            "`partnerctl join` with its address works on one your team has",
        )
    busy = busy_with(repo)
    if busy:
        raise UsageError(
            f"git is in the middle of a {busy} in {repo}; sync leaves it to you",
            hint=f"finish it, or undo it with `git {busy} --abort`, then sync again",
        )
    branch = g.git(repo, "symbolic-ref", "--short", "-q", "HEAD").out.strip()
    if not branch:
        raise UsageError(
            "this clone is not on a branch (a detached HEAD)",
            hint="`git switch main` (or your team's branch), then sync again",
        )
    remote = g.config(repo, f"branch.{branch}.remote")
    merge_ref = g.config(repo, f"branch.{branch}.merge")
    remote_branch = merge_ref.removeprefix("refs/heads/") if merge_ref else branch
    if remote is None:
        remotes = g.git(repo, "remote").out.split()
        remote = "origin" if "origin" in remotes else (remotes[0] if len(remotes) == 1 else None)
    if remote is None:
        raise UsageError(
            "this clone has no remote to sync with",
            hint="add your team's shared repository as git's remote `origin` "
            "(`git remote add origin` and its address), or start from it with `partnerctl join`",
        )
    for key, variables in (
        ("user.name", ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME")),
        ("user.email", ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL", "EMAIL")),
    ):
        if g.config(repo, key) is None and not any(os.environ.get(v) for v in variables):
            raise UsageError(
                f"git does not know who you are: {key} is not set, so it cannot commit",
                hint="set your name and email with `git config user.name` and "
                "`git config user.email` (add --global for every repository), then sync again",
            )
    return Clone(repo, root, branch, remote, remote_branch)


def busy_with(repo: Path) -> str | None:
    folder = g.git(repo, "rev-parse", "--git-dir").out.strip()
    gitdir = (repo / folder) if folder else repo / ".git"
    if (gitdir / "rebase-merge").exists() or (gitdir / "rebase-apply").exists():
        return "rebase"
    if (gitdir / "MERGE_HEAD").exists():
        return "merge"
    if (gitdir / "CHERRY_PICK_HEAD").exists():
        return "cherry-pick"
    return None


# --- 2. set up -------------------------------------------------------------------------


def set_up(clone: Clone) -> list[str]:
    """The driver in this clone's config, and partnerctl's lines in the committed files."""
    done: list[str] = []
    if g.set_up_driver(clone.repo):
        done.append("the merge driver in this clone's git config")
    if g.write_attributes(clone.root):
        done.append(f"{g.ATTRIBUTES_FILE} (which files the driver merges)")
    if added := g.ignore_own_files(clone.root):
        done.append(f".gitignore ({', '.join(added)})")
    return done


# --- 3 and 4. check and commit ------------------------------------------------------


def own_specs(clone: Clone) -> list[str]:
    """The pathspecs (relative to the repository) of the workspace's own files."""
    return [clone.rel(path) for path in OWN_PATHS]


def changed_files(clone: Clone) -> list[str]:
    """The workspace's own files changed in this clone and not yet committed (repo paths)."""
    done = clone.git(
        "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *own_specs(clone)
    )
    entries = done.out.split("\0")
    paths: list[str] = []
    skip = False
    for entry in entries:
        if skip:
            skip = False
            continue
        if len(entry) < 4:
            continue
        code, path = entry[:2], entry[3:]
        if "R" in code or "C" in code:
            skip = True  # the next entry is the old name
        paths.append(path)
    return paths


def check_changed(clone: Clone, settings: SettingsRec, paths: list[str]) -> None:
    """Refuse to share a changed workspace file that has errors (DataError, exit 2)."""
    from partnerctl.workspace.fileedit import Target, file_problems
    from partnerctl.workspace.merging import file_kind
    from partnerctl.workspace.parse import read_text

    found: list[Problem] = []
    for path in paths:
        kind = file_kind(path)
        full = clone.repo / path
        if kind is None or not full.is_file():
            continue
        shown = full.resolve().relative_to(clone.root.resolve()).as_posix()
        text, problems = read_text(full, shown)
        if text is None:
            found.extend(problems)
            continue
        target = Target(kind, full.stem, full, shown)
        found.extend(errors_in(file_problems(target, text, settings)))
    if found:
        found.append(
            Problem(
                None, None, None, None,
                "nothing was synced: these files have errors, and the team would get them",
                "fix them (`partnerctl validate` lists every error), then sync again",
            )
        )  # fmt: skip
        raise DataError(found=found)


def commit(clone: Clone, paths: list[str], me: str | None) -> tuple[str | None, list[str]]:
    """Commit the changed workspace files; their message says what changed."""
    from partnerctl.core.changelog import message

    if not paths:
        return None, []
    present = [path for path in paths if (clone.repo / path).exists()]
    gone = [path for path in paths if not (clone.repo / path).exists()]
    if present:
        _stage(clone, "add", "-A", "--", *present)
    if gone:  # deleted here (or already staged as deleted)
        _stage(clone, "rm", "-q", "--cached", "--ignore-unmatch", "--", *gone)
    staged = clone.git("diff", "--cached", "--name-only", "-z", "--", *paths).out.split("\0")
    staged = [path for path in staged if path]
    if not staged:
        return None, []
    first = not clone.git("rev-parse", "-q", "--verify", "HEAD").ok
    subject, body = message([_file_change(clone, path) for path in staged])
    if first:
        subject, body = "start the partnerctl workspace", "\n".join(staged)
    args = ["commit", "-q", "--only", "-m", subject]
    if body:
        args += ["-m", body]
    if me:
        args += ["-m", f"{g.TRAILER}: {me}"]
    done = clone.git(*args, "--", *staged)
    if not done.ok:
        raise WriteError(f"git commit failed: {done.last_line()}", hint="nothing was lost")
    return subject, staged


def _stage(clone: Clone, *args: str) -> None:
    done = clone.git(*args)
    if not done.ok:
        raise WriteError(f"git {args[0]} failed: {done.last_line()}", hint="nothing was lost")


def _data(text: str) -> dict[str, object] | None:
    """A file's raw data, or None when it is not a YAML mapping partnerctl can read."""
    from partnerctl.errors import PartnerctlError
    from partnerctl.workspace.yamledit import PartnerDocument

    if not text.strip():
        return {}
    try:
        return PartnerDocument(text).expected
    except PartnerctlError:
        return None


def _file_change(clone: Clone, path: str) -> FileChange:
    """One staged file, before (HEAD) and after (the index), for the commit message."""
    from partnerctl.core.changelog import FileChange
    from partnerctl.workspace.merging import file_kind

    kind = file_kind(path) or "other"
    name = Path(path).stem if kind == "partner" else clone.shown(path)
    before = clone.git("show", f"HEAD:{path}")
    after = clone.git("show", f":{path}")
    old = _data(before.out) if before.ok else None
    new = _data(after.out) if after.ok else None
    if not after.ok:
        return FileChange(kind, name, old or {}, None)
    readable = kind != "other" and new is not None and (old is not None or not before.ok)
    return FileChange(kind, name, old if before.ok else None, new or {}, readable=readable)


# --- joining ---------------------------------------------------------------------


@dataclass(frozen=True)
class Joined:
    """A shared workspace cloned and set up: where, and what it holds."""

    url: str
    folder: Path
    shown: str  # the folder as the user named it
    settings: SettingsRec
    partners: int
    identity: list[str]  # git settings still missing before a first sync (user.name, ...)


def clone_folder(url: str, directory: Path | None) -> Path:
    """DIR, else the repository's name (as `git clone` names it); a UsageError when unusable."""
    if directory is None:
        tail = url.rstrip("/").removesuffix("/.git")
        name = tail.replace(":", "/").rsplit("/", 1)[-1].removesuffix(".git")
        if not name or name in (".", ".."):
            raise UsageError(
                f"cannot tell a folder name from {url!r}",
                hint="give the folder after the address",
            )
        directory = Path(name)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise UsageError(
            f"{directory} already exists and is not an empty folder; join makes a new clone",
            hint="give another folder as DIR, or sync the clone that is there",
        )
    return directory


def join_clone(url: str, directory: Path | None) -> Joined:
    """Clone the team's repository and set up the merge driver in the clone."""
    from partnerctl.workspace.parse import load_settings

    folder = clone_folder(url, directory)
    where = folder if folder.is_absolute() else Path.cwd() / folder
    done = g.git(Path.cwd(), "clone", "--quiet", url, str(where), timeout=g.NETWORK_TIMEOUT)
    if not done.ok:
        raise WriteError(
            f"cannot clone {url}: {done.last_line()}",
            hint="check the address and that you may read it (nothing was created)",
        )
    if not (where / SETTINGS_FILE).is_file():
        _check_out_only_branch(where)
    if not (where / SETTINGS_FILE).is_file():
        raise UsageError(
            f"{url} holds no {SETTINGS_FILE}: it is not a partnerctl workspace "
            f"(the clone is in {folder})",
            hint="check the address with your team; `partnerctl init --git` starts a workspace",
        )
    g.set_up_driver(where)
    settings, _problems = load_settings(where)
    partners = len([p for p in (where / "partners").glob("*.y*ml")])
    missing = [key for key in ("user.name", "user.email") if g.config(where, key) is None]
    return Joined(url, where, str(folder), settings, partners, missing)


def _check_out_only_branch(folder: Path) -> None:
    """Check out the remote's branch when its HEAD names none (a bare repository made with
    another default branch): its only branch, else `main`."""
    listed = g.git(folder, "for-each-ref", "--format=%(refname:strip=3)", "refs/remotes/origin")
    names = [name for name in listed.out.split() if name != "HEAD"]
    name = names[0] if len(names) == 1 else ("main" if "main" in names else None)
    if name is not None and not g.git(folder, "rev-parse", "-q", "--verify", "HEAD").ok:
        g.git(folder, "checkout", "--quiet", "-b", name, "--track", f"origin/{name}")


def start_repository(root: Path, me: str | None) -> list[str]:
    """`init --git`: a repository (unless the folder is in one), the driver, a first commit.

    The first commit is made only when git knows who you are; otherwise the
    files wait for the first `partnerctl sync`. Returns what was done, in words.
    """
    done: list[str] = []
    repo = g.repo_top(root)
    if repo is None:
        args = ["init", "--quiet"]
        if g.git(root, "config", "--global", "--get", "init.defaultBranch").out.strip() == "":
            args.append("--initial-branch=main")
        made = g.git(root, *args)
        if not made.ok:
            raise WriteError(f"git init failed: {made.last_line()}")
        repo = root
        done.append("git: a new repository here")
    clone = Clone(repo, root, "", "", "")
    done += [f"set up: {what}" for what in set_up(clone)]
    missing = [key for key in ("user.name", "user.email") if g.config(repo, key) is None]
    if missing:
        done.append(
            f"not committed yet: git's {' and '.join(missing)} are not set "
            "(`git config user.name`, `git config user.email`); `partnerctl sync` commits"
        )
        return done
    subject, _files = commit(clone, changed_files(clone), me)
    if subject:
        done.append(f"committed: {subject}")
    return done
