"""`partnerctl sync` and `partnerctl join`: the team's git commands."""

from __future__ import annotations

from pathlib import Path

import typer

from partnerctl.cli.app import app, command_formats

SYNC_FORMATS = command_formats("sync", ("table", "plain", "json"))
JOIN_FORMATS = command_formats("join", ("table", "plain"))


@app.command()
def sync() -> None:
    """Share the workspace with your team through git: commit, pull, validate, push.

    Sets up the merge driver in this clone when needed, commits the
    workspace's own files (never exports, drafts, caches or the lock) with a
    message that says what changed, pulls with the driver (merging, or
    rebasing where `pull.rebase` is set), pushes, and tells what arrived from
    whom. Merge conflicts are kept in the files and listed with the commands
    that resolve them (exit 1). It never forces a push, never discards, never
    asks for a password: when it cannot go on it says why (exit 2), and
    nothing is lost.

    Example: partnerctl sync
    """
    import sys

    from partnerctl.cli.app import finish, state
    from partnerctl.cli.identity import me
    from partnerctl.errors import ExitStatus
    from partnerctl.render import team
    from partnerctl.workspace.parse import load_settings
    from partnerctl.workspace.sync import sync as run_sync

    current = state()
    fmt = current.output_format(SYNC_FORMATS)
    current.load_errors_are_findings = True  # after the pull they are what validate finds
    root = current.root()
    settings, _problems = load_settings(root)  # errors in it are checked as a changed file
    who, _where = me(settings, root)
    result = run_sync(root, settings, who)
    workspace = current.workspace(report=False)
    from partnerctl.cli.invocation import print_problems
    from partnerctl.core.conflicts import all_conflicts

    errors = workspace.errors
    print_problems(errors)
    conflicts = all_conflicts(workspace.partners.values(), workspace.file_conflicts)
    if fmt == "json":
        from partnerctl.render.jsonout import document

        sys.stdout.write(document(team.sync_json(result, conflicts), errors=errors))
    else:
        sys.stdout.write("".join(line + "\n" for line in team.sync_lines(result, conflicts)))
    if conflicts or errors:
        finish(ExitStatus.FINDINGS)


@app.command()
def join(
    url: str = typer.Argument(..., metavar="URL", help="the team's shared repository"),
    directory: Path | None = typer.Argument(
        None, metavar="[DIR]", help="the folder to make (default: the repository's name)"
    ),
    owner: str | None = typer.Option(
        None, "--me", metavar="OWNER", help="who you are: one of the settings' owners"
    ),
) -> None:
    """Start working on your team's shared workspace: clone it and set up merging.

    Clones URL into DIR, checks that it is a partnerctl workspace, registers
    the merge driver in the new clone and, with --me, records who you are
    (this clone's `git config partnerctl.me`, written as `by:` on what you log).

    Example: partnerctl join https://git.example.org/cte/riverside-high.git --me mortiz
    """
    import sys

    from partnerctl.cli import args as check
    from partnerctl.cli.app import state
    from partnerctl.errors import UsageError
    from partnerctl.render import team
    from partnerctl.workspace import git
    from partnerctl.workspace.clone import join_clone

    current = state()
    current.output_format(JOIN_FORMATS)
    address = check.text("URL", url, required=True)
    assert address is not None
    joined = join_clone(address, directory)
    if owner is not None:
        try:
            owner = check.owner("--me", owner, joined.settings)
        except UsageError as err:
            raise UsageError(
                f"{err.message} (the clone is ready in {joined.shown})",
                hint=f"{err.hint}; set it in the clone with `git config partnerctl.me` "
                "and one of the owners",
            ) from None
        assert owner is not None
        git.git(joined.folder, "config", "partnerctl.me", owner)
    sys.stdout.write("".join(line + "\n" for line in team.join_lines(joined, owner)))
