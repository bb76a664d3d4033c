"""`partnerctl sync`: commit the workspace's files, pull with the merge driver, validate, push.

The team's one git command (DESIGN, "Working as a team"). In order:

1. check that it can work: a git repository, on a branch, no merge or rebase
   under way, a remote, git's `user.name` and `user.email`;
2. set up the merge driver in this clone (and `.gitattributes`, `.gitignore`);
3. refuse a workspace file changed here that has errors (a hand edit with a
   YAML error would reach the team as a partner that drops out);
4. commit the workspace's own files only, with a message that says what
   changed (:mod:`partnerctl.core.changelog`) and a `Partnerctl-By:` trailer;
5. fetch, then merge (or rebase, where the clone has `pull.rebase` set) with
   the driver; a file deleted on one side and edited on the other is kept
   and the deletion recorded in it as a conflict;
6. push (never forced; after a rejected push it fetches and merges again).

It never discards, never forces, never waits for a password. When it cannot
go on it raises a WriteError or UsageError (exit 2) saying what is kept: a
merge git cannot finish is aborted, which puts the clone back as it was.
The workspace lock is held throughout, so no partnerctl edit lands mid-merge.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from partnerctl.errors import DataError, WriteError
from partnerctl.records import SettingsRec
from partnerctl.workspace import git as g
from partnerctl.workspace.clone import (
    Arrival,
    Clone,
    SyncResult,
    busy_with,
    changed_files,
    check_changed,
    commit,
    open_clone,
    set_up,
)

PUSH_TRIES = 3


# --- 5. fetch and merge ----------------------------------------------------------------


def fetch(clone: Clone, committed: str | None) -> None:
    """Fetch the remote; a remote that cannot be reached stops sync (nothing is lost)."""
    done = clone.git("fetch", "--quiet", clone.remote, timeout=g.NETWORK_TIMEOUT)
    if done.ok:
        return
    url = g.config(clone.repo, f"remote.{clone.remote}.url") or clone.remote
    kept = (
        f"your changes are committed in this clone ({committed})"
        if committed
        else "nothing here was changed"
    )
    raise WriteError(
        f"cannot reach {clone.remote} ({url}): {done.last_line()}",
        hint=f"{kept}; nothing is lost: run `partnerctl sync` again when it can be reached",
    )


def has_remote_branch(clone: Clone) -> bool:
    return clone.git("rev-parse", "-q", "--verify", clone.tracking).ok


def arrivals(clone: Clone, owners: list[str]) -> list[Arrival]:
    """The remote's commits this clone does not have yet, oldest first."""
    fmt = f"%H%x1e%(trailers:key={g.TRAILER},valueonly,separator=%x2C)%x1f%an%x1f%ae%x1e%s"
    done = clone.git(
        "log", "--reverse", "--no-merges", f"--format={fmt}", f"HEAD..{clone.tracking}"
    )
    found: list[Arrival] = []
    for line in done.out.split("\n"):  # not splitlines(): it splits at \x1e too
        parts = line.split("\x1e")
        if len(parts) != 3:
            continue
        commit, who, subject = parts
        by = g.owner_of(who, owners) or who.split("\x1f")[1] or "someone"
        found.append(Arrival(commit[:10], by, subject))
    return found


def rebasing(clone: Clone) -> bool:
    """Whether this clone pulls by rebasing (`pull.rebase` or the branch's `rebase`)."""
    for key in (f"branch.{clone.branch}.rebase", "pull.rebase"):
        value = g.config(clone.repo, key)
        if value is not None:
            return value.lower() not in ("false", "no", "off", "0")
    return False


def integrate(clone: Clone, settings: SettingsRec, rebase: bool) -> list[str]:
    """Merge (or rebase onto) the remote branch with the driver; the deletions recorded."""
    if rebase:
        done = clone.git("rebase", "--autostash", clone.tracking)
    else:
        done = clone.git("merge", "--no-edit", "--autostash", clone.tracking)
    recorded: list[str] = []
    while not done.ok:
        conflicted = _conflicted(clone)
        if not conflicted:
            _abort(clone, rebase, done.last_line(), [])
        handled = [path for path, code in conflicted if _deletion(path, code, clone)]
        if len(handled) < len(conflicted):
            _abort(clone, rebase, done.last_line(), [p for p, _ in conflicted])
        for path, code in conflicted:
            recorded.append(_keep_edited(clone, settings, path, code, rebase))
        if rebase:
            done = clone.git("rebase", "--continue")
            if not done.ok and not _conflicted(clone) and busy_with(clone.repo) == "rebase":
                done = clone.git("rebase", "--skip")  # the pick became empty
        else:
            done = clone.git("commit", "--no-edit", "-q")
    return recorded


def _conflicted(clone: Clone) -> list[tuple[str, str]]:
    """The unmerged paths and their two-letter status (`UU`, `DU`, `UD`, ...)."""
    done = clone.git("status", "--porcelain=v1", "-z", "--untracked-files=no")
    found: list[tuple[str, str]] = []
    for entry in done.out.split("\0"):
        if len(entry) >= 4 and (entry[:2] in ("DD", "AU", "UD", "UA", "DU", "AA", "UU")):
            found.append((entry[3:], entry[:2]))
    return found


def _deletion(path: str, code: str, clone: Clone) -> bool:
    """A workspace data file deleted on one side and edited on the other."""
    from partnerctl.workspace.merging import file_kind

    return code in ("DU", "UD") and file_kind(path) is not None and (clone.repo / path).is_file()


def _abort(clone: Clone, rebase: bool, why: str, paths: list[str]) -> None:
    what = "rebase" if rebase else "merge"
    clone.git(what, "--abort")
    names = ", ".join(paths) if paths else why
    raise WriteError(
        f"git could not {what} the team's changes: {names}",
        hint=f"sync stopped and put this clone back as it was (your commits are kept; "
        f"nothing is lost); resolve it with git ({what} {clone.remote}/{clone.remote_branch}) "
        f"or ask the person who changed it",
    )


def _keep_edited(clone: Clone, settings: SettingsRec, path: str, code: str, rebase: bool) -> str:
    """Keep the edited file; record in it that the other side deleted it, as a conflict."""
    from partnerctl.core.change import Change, append
    from partnerctl.core.merge import conflict_entry
    from partnerctl.core.mergerules import CONFLICTS, DELETED, EDITED, FILE_KEY
    from partnerctl.workspace.fileedit import Target, edit_file
    from partnerctl.workspace.merging import file_kind

    theirs = "REBASE_HEAD" if rebase else "MERGE_HEAD"
    deleted_here = code == "DU"  # deleted by us (HEAD), edited by them
    owners = settings["owners"]
    editor = g.commit_owner(clone.repo, theirs if deleted_here else "HEAD", path, owners)
    deleter = g.commit_owner(clone.repo, "HEAD" if deleted_here else theirs, path, owners)
    entry = conflict_entry(FILE_KEY, [(EDITED, editor), (DELETED, deleter)])
    full = clone.repo / path
    kind = file_kind(path) or "partner"
    shown = clone.shown(path)
    target = Target(kind, full.stem, full, shown)

    def record(data: dict[str, object]) -> tuple[Change, bool]:
        said = f"kept {shown}: edited by {editor or 'someone'}, deleted by {deleter or 'someone'}"
        return Change(target.name, (append(CONFLICTS, entry),), (said,), kind=kind), False

    with contextlib.suppress(DataError, WriteError):  # a file with errors is kept as it is
        edit_file(clone.root, target, record, settings=settings, locked=True)
    added = clone.git("add", "--", path)
    if not added.ok:
        _abort(clone, rebase, added.last_line(), [path])
    return f"{shown}: edited by {editor or 'someone'}, deleted by {deleter or 'someone'}"


# --- 6. push ---------------------------------------------------------------------------


def ahead(clone: Clone) -> int:
    """How many commits this clone has that the remote branch lacks."""
    base = clone.tracking if has_remote_branch(clone) else "HEAD"
    if base == "HEAD":
        return int(clone.git("rev-list", "--count", "HEAD").out.strip() or 0)
    return int(clone.git("rev-list", "--count", f"{base}..HEAD").out.strip() or 0)


def push(clone: Clone) -> g.GitRun:
    """Push the branch (never forced), setting its upstream when it has none."""
    args = ["push", "--quiet"]
    if g.config(clone.repo, f"branch.{clone.branch}.remote") is None:
        args.append("--set-upstream")
    ref = f"HEAD:refs/heads/{clone.remote_branch}"
    return clone.git(*args, clone.remote, ref, timeout=g.NETWORK_TIMEOUT)


def rejected(run: g.GitRun) -> bool:
    """A push refused because the remote moved on meanwhile."""
    text = run.err.lower()
    return "fetch first" in text or "non-fast-forward" in text or "rejected" in text


# --- the whole sync ----------------------------------------------------------------------


def sync(root: Path, settings: SettingsRec, me: str | None) -> SyncResult:
    """Steps 1 to 6 of the module's docstring; raises when it cannot go on."""
    from partnerctl.workspace.lock import workspace_lock

    clone = open_clone(root)
    result = SyncResult(clone.remote, clone.remote_branch)
    with workspace_lock(root):
        result.set_up = set_up(clone)
        paths = changed_files(clone)
        check_changed(clone, settings, paths)
        result.committed, result.committed_files = commit(clone, paths, me)
        result.mode = "rebase" if rebasing(clone) else "merge"
        for attempt in range(PUSH_TRIES):
            fetch(clone, result.committed)
            if has_remote_branch(clone):
                result.arrived += arrivals(clone, settings["owners"])
                result.recorded += integrate(clone, settings, result.mode == "rebase")
            count = ahead(clone)
            if not count:
                return result
            pushed = push(clone)
            if pushed.ok:
                result.pushed = count
                return result
            if not rejected(pushed) or attempt + 1 == PUSH_TRIES:
                break
        raise WriteError(
            f"cannot push to {clone.remote}: {pushed.last_line()}",
            hint="your changes are committed in this clone and nothing is lost; "
            "run `partnerctl sync` again",
        )
