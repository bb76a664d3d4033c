"""A district's roll-up: each school's numbers side by side, and their items in one `due`.

:func:`rollup` takes each school's :class:`~partnerctl.core.report.Report`
(built by `build_report` over the school's own settings and records, for one
period and one day T) and lines up the numbers that compare across schools.
:func:`school_items` marks a school's `due` items as the school's, with
commands that run in the school's workspace. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from partnerctl.core.due import DueItem
from partnerctl.core.report import Report
from partnerctl.core.text import shell_arg

# The rows of the roll-up: a name, and how a school's report gives its number.
ROWS: tuple[tuple[str, Callable[[Report], int]], ...] = (
    ("partners", lambda r: sum(r.stages.values())),
    ("active", lambda r: r.stages.get("active", 0)),
    ("committed", lambda r: r.stages.get("committed", 0)),
    ("prospects", lambda r: r.stages.get("prospect", 0)),
    ("touches", lambda r: len(r.touches)),
    ("students served", lambda r: r.students),
    ("stage moves", lambda r: len(r.stage_moves)),
    ("new partners", lambda r: len(r.new_partners)),
    ("overdue", lambda r: r.overdue),
    ("due", lambda r: r.due),
    ("spotlights published", lambda r: len(r.spotlights)),
    ("agreements expiring", lambda r: len(r.agreements)),
    ("pathways with no active partner", lambda r: sum(1 for p in r.pathways if p.flagged)),
)


@dataclass(frozen=True)
class SchoolColumn:
    """One school of the roll-up; `report` is None when its workspace could not be read."""

    id: str
    name: str
    report: Report | None


@dataclass(frozen=True)
class Rollup:
    """The district's roll-up for one period."""

    program: str
    today: date
    start: date
    end: date
    schools: tuple[SchoolColumn, ...]

    def rows(self) -> list[tuple[str, list[int | None], int]]:
        """(row name, each school's number or None, the district's total)."""
        out = []
        for name, number in ROWS:
            values = [number(s.report) if s.report is not None else None for s in self.schools]
            out.append((name, values, sum(v for v in values if v is not None)))
        return out

    def as_json(self) -> dict[str, Any]:
        """`{"program", "today", "period", "schools": [{"id", "name", "readable", ROW...}],
        "total": {ROW...}}`, rows named with underscores."""
        keys = [name.replace(" ", "_") for name, _ in ROWS]
        schools: list[dict[str, Any]] = []
        for index, school in enumerate(self.schools):
            entry: dict[str, Any] = {"id": school.id, "name": school.name}
            entry["readable"] = school.report is not None
            for key, (_name, values, _total) in zip(keys, self.rows(), strict=True):
                entry[key] = values[index]
            schools.append(entry)
        total = {key: row[2] for key, row in zip(keys, self.rows(), strict=True)}
        return {
            "program": self.program,
            "today": self.today,
            "period": {"from": self.start, "to": self.end},
            "schools": schools,
            "total": total,
        }


def rollup(
    program: str, today: date, start: date, end: date, schools: Iterable[SchoolColumn]
) -> Rollup:
    """The roll-up of the schools' reports, in the order the district lists them."""
    return Rollup(program, today, start, end, tuple(schools))


def school_items(items: Iterable[DueItem], school: str, folder: str) -> list[DueItem]:
    """A school's `due` items, marked as its own, their commands run in its workspace."""
    prefix = f"partnerctl -C {shell_arg(folder)} "
    return [
        replace(
            item,
            school=school,
            commands=tuple(
                prefix + command.removeprefix("partnerctl ") for command in item.commands
            ),
        )
        for item in items
    ]
