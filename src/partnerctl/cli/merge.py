"""`partnerctl merge-file` (git's merge driver for workspace files) and `partnerctl resolve`."""

from __future__ import annotations

import typer

from partnerctl.cli.app import app, command_formats
from partnerctl.cli.editopts import DryRun

# merge-file says what it did on stderr (git shows it); it prints no document.
MERGE_FORMATS = command_formats("merge-file", ("plain",))


@app.command("merge-file")
def merge_file(
    base: str = typer.Argument(..., metavar="BASE", help="the common ancestor's version (%O)"),
    ours: str = typer.Argument(..., metavar="OURS", help="our version; the result goes here (%A)"),
    theirs: str = typer.Argument(..., metavar="THEIRS", help="their version (%B)"),
    path: str = typer.Argument(..., metavar="PATH", help="the file's path in the repository (%P)"),
) -> None:
    """Merge one workspace file by meaning: the git merge driver that sync sets up.

    Applies their edits (since BASE) to OURS, keeping OURS' comments and
    layout, and writes the result over OURS. Entries match by identity
    (touchpoints by date, summary and author; contacts by name; ...); a true
    conflict is kept in the file's `conflicts:` and the merge succeeds (exit
    0); `partnerctl validate` then shows it. A file it cannot read as YAML,
    or that is not a partner, event or settings file, is merged as text by
    `git merge-file` (conflict markers, exit 1).

    Example: partnerctl merge-file base.yaml ours.yaml theirs.yaml partners/riverside-auto.yaml
    """
    from pathlib import Path

    from partnerctl.cli.app import finish, state
    from partnerctl.workspace.merging import MergeRefused, file_kind, merge_texts, read_side

    state().output_format(MERGE_FORMATS)  # it says what it did on stderr; a bad --today stops it
    kind = file_kind(path)
    ours_path = Path(ours)
    try:
        if kind is None:
            raise MergeRefused(f"{path}: not a partner, event or settings file")
        old, mine, other = (read_side(Path(name), path) for name in (base, ours, theirs))
        result = merge_texts(kind, old, mine, other, path, fallback=_side_authors(path))
    except MergeRefused as why:
        finish(_text_merge(base, ours_path, theirs, path, str(why)))
    from partnerctl.workspace import atomic

    atomic.write_all([(ours_path.absolute(), result.text.encode("utf-8"), path)])
    _tell_conflicts(path, result.conflicts)


def _side_authors(path: str) -> tuple[str | None, str | None]:
    """Who made each side's change, from git (see workspace.git.merge_sides)."""
    from pathlib import Path

    from partnerctl.errors import PartnerctlError
    from partnerctl.workspace import git
    from partnerctl.workspace.merging import workspace_root
    from partnerctl.workspace.parse import load_settings

    try:
        repo = git.repo_top(Path.cwd())
        if repo is None:
            return None, None
        ours, theirs = git.merge_sides(repo)
        if ours is None or theirs is None:
            return None, None
        settings, _problems = load_settings(workspace_root(repo, path))
        owners = settings["owners"]
        return (
            git.commit_owner(repo, ours, path, owners),
            git.commit_owner(repo, theirs, path, owners),
        )
    except PartnerctlError:  # no git: the authors are the data's alone
        return None, None


def _text_merge(base: str, ours: object, theirs: str, path: str, why: str) -> int:
    """git's own line merge of the three files (markers on conflict); the exit status for git."""
    import sys
    from pathlib import Path

    from partnerctl.render.text import clean
    from partnerctl.workspace import git

    sys.stderr.write(clean(f"partnerctl merge-file: {why}; merging {path} as text") + "\n")
    labels = ["-L", "ours", "-L", "base", "-L", "theirs"]
    done = git.git(Path.cwd(), "merge-file", *labels, str(ours), base, theirs)
    return 0 if done.code == 0 else 1


def _tell_conflicts(path: str, conflicts: tuple[dict[str, object], ...]) -> None:
    """One line per conflict kept in the file, on stderr (git shows it during the pull)."""
    import sys

    from partnerctl.core.conflicts import described
    from partnerctl.render.text import clean

    for entry in conflicts:
        text = described(entry)  # type: ignore[arg-type]
        line = f"{path}: merge conflict kept in the file: {entry['key']}: {text}"
        sys.stderr.write(clean(line + " (`partnerctl validate` shows how to resolve it)") + "\n")


@app.command()
def resolve(
    target: str = typer.Argument(
        ..., metavar="TARGET", help="a partner id, partnerctl.yaml or an events file"
    ),
    key: str = typer.Argument(..., metavar="KEY", help="the conflict's key, as validate shows it"),
    keep: str = typer.Option(
        ..., "--keep", metavar="VALUE", help="the value to keep, as written, or its number"
    ),
    dry_run: DryRun = False,
) -> None:
    """Resolve a merge conflict: put the value to keep in place and remove the conflict.

    `partnerctl validate` and `due` show each conflict with the commands that
    resolve it. VALUE is one of the conflict's values as written, or its
    number (1 is the value in place). For a file deleted on one side and
    edited on the other, `--keep edited` keeps the file and `--keep deleted`
    deletes it.

    Example: partnerctl resolve riverside-auto next.date --keep 2026-12-15
    """
    from partnerctl.cli import args as check
    from partnerctl.cli.editopts import print_changes, write_context
    from partnerctl.core.conflicts import resolve as resolve_rule
    from partnerctl.workspace.fileedit import edit_file, target_file

    value = check.text("--keep", keep, required=True)
    assert value is not None
    ctx = write_context()
    found = target_file(ctx.root, target)
    change = edit_file(
        ctx.root,
        found,
        lambda data: resolve_rule(found.kind, found.name, data, key, value),
        settings=ctx.settings,
        dry_run=dry_run,
    )
    print_changes(ctx, [change], dry_run=dry_run)
