"""What `sync` and `join` tell: plain lines, and sync's JSON document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from partnerctl.render.text import clean_line, count

if TYPE_CHECKING:
    from partnerctl.core.conflicts import FoundConflict
    from partnerctl.workspace.clone import Joined, SyncResult


def conflict_lines(conflicts: list[FoundConflict]) -> list[str]:
    """`conflict: FILE KEY: A (jlee, in place) or B (mortiz)`, then the commands resolving it."""
    from partnerctl.core.conflicts import described, resolve_commands

    lines: list[str] = []
    for found in conflicts:
        key = found.conflict["key"]
        lines.append(clean_line(f"conflict: {found.file} {key}: {described(found.conflict)}"))
        lines += [
            "  → " + clean_line(text) for text in resolve_commands(found.target, found.conflict)
        ]
    return lines


def sync_lines(result: SyncResult, conflicts: list[FoundConflict]) -> list[str]:
    """What one sync did, in plain words, oldest step first."""
    upstream = f"{result.remote}/{result.branch}"
    lines = [clean_line(f"set up: {what}") for what in result.set_up]
    if result.committed:
        lines.append(clean_line(f"committed: {result.committed}"))
    for arrival in result.arrived:
        lines.append(clean_line(f"from {arrival.by}: {arrival.summary}"))
    lines += [clean_line(f"kept {text}") for text in result.recorded]
    if result.pushed:
        lines.append(f"sent {count(result.pushed, 'commit')} to {clean_line(upstream)}")
    if not (result.committed or result.arrived or result.pushed):
        lines.append(f"up to date with {clean_line(upstream)}: nothing to send or receive")
    lines += conflict_lines(conflicts)
    if conflicts:
        lines.append(
            f"{count(len(conflicts), 'merge conflict')} to resolve: each keeps one value; "
            "sync again after resolving"
        )
    return lines


def sync_json(result: SyncResult, conflicts: list[FoundConflict]) -> dict[str, Any]:
    """`{"remote", "branch", "mode", "set_up", "committed", "files", "arrived", "kept", "pushed",
    "conflicts"}` (the document adds `version` and `errors`)."""
    return {
        "remote": result.remote,
        "branch": result.branch,
        "mode": result.mode,
        "set_up": result.set_up,
        "committed": result.committed,
        "files": result.committed_files,
        "arrived": [{"commit": a.commit, "by": a.by, "summary": a.summary} for a in result.arrived],
        "kept": result.recorded,
        "pushed": result.pushed,
        "conflicts": [found.as_json() for found in conflicts],
    }


def join_lines(joined: Joined, owner: str | None) -> list[str]:
    """What join did, and what to do next."""
    from partnerctl.core.text import shell_arg

    lines = [
        clean_line(f"joined {joined.url} in {joined.shown}: {count(joined.partners, 'partner')}"),
        "set up: the merge driver in this clone's git config",
    ]
    owners = joined.settings["owners"]
    if owner is not None:
        lines.append(f"you are {clean_line(owner)} (git config partnerctl.me)")
    elif owners:
        names = ", ".join(owners)
        lines.append(
            clean_line(
                f"who you are is not set: in the clone, `git config partnerctl.me` "
                f"with one of the owners ({names}), or join with --me"
            )
        )
    if joined.identity:
        lines.append(
            f"before your first sync, set git's {' and '.join(joined.identity)} "
            "(`git config user.name`, `git config user.email`)"
        )
    lines.append("next:")
    lines.append(f"  cd {clean_line(shell_arg(joined.shown))}")
    lines.append("  partnerctl due" + (" --mine" if owner else ""))
    lines.append("  partnerctl sync        # after your changes, to share them")
    return lines
