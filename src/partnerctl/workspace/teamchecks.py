"""What `validate` says about working as a team: authors, and merge conflicts as located errors.

Each `by:` (an author) that is not one of the owners gets a warning: hand
entries may hold any name, but partnerctl writes only owners' ids there.

A conflict (DESIGN, "Working as a team") is valid data, so the loader keeps
the partner working with the value in place; `validate` alone reports it, as
an error (exit 1) at the value in place (else at the conflict's entry), with
both values, both authors and the commands that resolve it.
"""

from __future__ import annotations

from dataclasses import replace

from partnerctl.errors import Problem
from partnerctl.workspace.loaded import Workspace


def conflict_problems(workspace: Workspace) -> list[Problem]:
    """One located error per merge conflict in the workspace's files."""
    from partnerctl.core.conflicts import all_conflicts, hint, message
    from partnerctl.core.mergerules import CONFLICTS, locate
    from partnerctl.workspace.checks import Finding, locate_findings

    found = all_conflicts(workspace.partners.values(), workspace.file_conflicts)
    if not found:
        return []
    findings: list[Finding] = []
    for item in found:
        place = None
        if item.partner is not None:
            place = locate("partner", item.partner, item.conflict["key"])
        findings.append(
            Finding(
                item.file,
                place or (CONFLICTS, item.index, "key"),
                message(item.conflict),
                hint(item.target, item.conflict),
            )
        )
    located = locate_findings(workspace.root, findings)
    return [
        replace(problem, path=item.conflict["key"])
        for problem, item in zip(located, found, strict=True)
    ]


def author_warnings(workspace: Workspace) -> list[Problem]:
    """A warning for each touchpoint's or spotlight's `by` that is not one of the owners."""
    from partnerctl.words import did_you_mean
    from partnerctl.workspace.checks import Finding, locate_findings

    owners = workspace.settings["owners"]
    if not owners:
        return []
    findings: list[Finding] = []
    for partner in workspace.partners.values():
        entries = [("touchpoints", i, t["by"]) for i, t in enumerate(partner["touchpoints"])]
        entries += [("spotlights", i, s["by"]) for i, s in enumerate(partner["spotlights"])]
        for key, index, by in entries:
            if by is None or by in owners:
                continue
            hint = did_you_mean(by, owners) or f"add {by} to `owners` in partnerctl.yaml"
            message = f"{by!r} is not in the owners list of partnerctl.yaml"
            findings.append(
                Finding(partner["file"], (key, index, "by"), message, hint, severity="warning")
            )
    return locate_findings(workspace.root, findings)
