"""`partnerctl validate`: check every file; silent when all is well."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from partnerctl.cli.app import app, command_formats
from partnerctl.errors import errors_in

if TYPE_CHECKING:
    from datetime import date

    from partnerctl.errors import Problem
    from partnerctl.workspace import Workspace

VALIDATE_FORMATS = command_formats("validate", ("plain", "json"))
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
    past, an author that is not an owner) are printed but never fail it;
    errors, merge conflicts among them, exit 1. In a district workspace it
    also reads each school's, and warns when two schools court one business.

    Example: partnerctl validate -v
    """
    import sys

    from partnerctl.cli.app import finish, state
    from partnerctl.cli.invocation import print_problems
    from partnerctl.errors import ExitStatus

    current = state()
    current.load_errors_are_findings = True
    fmt = current.output_format(VALIDATE_FORMATS, tty="plain")  # a bad --today stops here
    workspace = current.workspace(report=False)
    from partnerctl.workspace.teamchecks import author_warnings, conflict_problems

    errors = workspace.errors + conflict_problems(workspace)
    warnings = [
        *workspace.warnings,
        *stale_next_warnings(workspace, current.today()),
        *author_warnings(workspace),
    ]
    if workspace.settings["schools"]:
        from partnerctl.workspace.district import courting_warnings, load_schools

        schools, problems = load_schools(workspace)
        errors += errors_in(problems)
        warnings += courting_warnings(workspace, schools)
    print_problems(errors + warnings)
    if fmt == "json":
        from partnerctl.render.jsonout import document

        body = {
            "today": current.today(),
            "checked": {"partners": len(workspace.partners), "events": len(workspace.events)},
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
                    f"log it, or move it: partnerctl snooze {partner['id']} YYYY-MM-DD",
                    severity="warning",
                )
            )
    return locate_findings(workspace.root, findings)
