"""The loaded workspace: plain records of every valid file, and every problem found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from partnerctl.errors import Problem, errors_in
from partnerctl.records import ConflictRec, EventRec, PartnerRec, PlacementRec, SettingsRec


@dataclass
class Workspace:
    """Everything read from one workspace folder.

    `partners` maps id → record for each partner file that validated; a file
    with errors is left out of it and its problems are in `problems` (errors
    and warnings, in file order). `events` holds every event that validated;
    `placements` maps id → record for each placement file that validated.
    `file_conflicts` holds the merge conflicts recorded in partnerctl.yaml and
    in event files, by file (a partner's are in its record).
    """

    root: Path
    settings: SettingsRec
    partners: dict[str, PartnerRec] = field(default_factory=dict)
    events: list[EventRec] = field(default_factory=list)
    placements: dict[str, PlacementRec] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    file_conflicts: dict[str, list[ConflictRec]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors (warnings left out)."""
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        """The problems that are warnings."""
        return [p for p in self.problems if p.severity == "warning"]
