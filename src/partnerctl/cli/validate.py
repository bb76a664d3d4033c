"""`partnerctl validate`: check every file; silent when all is well."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from partnerctl.cli.app import app

if TYPE_CHECKING:
    from datetime import date

    from partnerctl.errors import Problem
    from partnerctl.workspace import Workspace

FAR_PAST_DAYS = 90  # a `next` older than this was probably forgotten


@app.command()
def validate(
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Print a one-line summary when all is well."
    ),
) -> None:
    """Check every file of the workspace; print each problem as FILE:LINE:COL.

    Silent with exit 0 when all is well. Warnings (two partners with the same
    name, an email that does not look like one, a follow-up more than 90 days
    past) are printed but never fail it; errors exit 1.

    Example: partnerctl validate -v
    """
    import sys

    from partnerctl.cli.app import finish, state
    from partnerctl.cli.invocation import print_problems
    from partnerctl.errors import ExitStatus

    current = state()
    current.load_errors_are_findings = True
    fmt = current.output_format(("plain", "json"), tty="plain")  # a bad --today stops here
    workspace = current.workspace(report=False)
    errors = workspace.errors
    warnings = workspace.warnings + stale_next_warnings(workspace, current.today())
    print_problems(errors + warnings)
    if fmt == "json":
        from partnerctl.render.jsonout import document

        body = {
            "partners": len(workspace.partners),
            "events": len(workspace.events),
            "errors": [p.as_json() for p in errors],
            "warnings": [p.as_json() for p in warnings],
        }
        sys.stdout.write(document(body))
    elif verbose:
        sys.stdout.write(summary(workspace, len(errors), len(warnings)) + "\n")
    if errors:
        finish(ExitStatus.FINDINGS)


def summary(workspace: Workspace, errors: int, warnings: int) -> str:
    """`12 partners, 3 events in 2 files, 4 placements: no errors` (placements when any)."""
    from partnerctl.render.text import count

    files = len({event["file"] for event in workspace.events})
    found = count(errors, "error") if errors else "no errors"
    if warnings:
        found += ", " + count(warnings, "warning")
    placed = f", {count(len(workspace.placements), 'placement')}" if workspace.placements else ""
    return (
        f"{count(len(workspace.partners), 'partner')}, "
        f"{count(len(workspace.events), 'event')} in {count(files, 'file')}{placed}: {found}"
    )


def stale_next_warnings(workspace: Workspace, today: date) -> list[Problem]:
    """A warning for each `next` dated more than FAR_PAST_DAYS before today."""
    from partnerctl.workspace.checks import Finding, locate_findings

    findings = []
    for partner in workspace.partners.values():
        step = partner["next"]
        if step is None:
            continue
        age = (today - step["date"]).days
        if age > FAR_PAST_DAYS:
            findings.append(
                Finding(
                    partner["file"],
                    ("next", "date"),
                    f"the follow-up of {step['date'].isoformat()} is {age} days past",
                    f"log it, or move it: partnerctl snooze {partner['id']} DATE",
                    severity="warning",
                )
            )
    return locate_findings(workspace.root, findings)
