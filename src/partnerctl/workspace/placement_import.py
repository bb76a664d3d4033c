"""`import` of placements: validate every row as the placement it would make, plan the writes.

Rows come from :func:`partnerctl.workspace.importing.read_rows` with the
:data:`PLACEMENTS` sheet. Each row is checked against the same rules as a
placement file (the model, then the student code, partner, supervisor and
pathway against the rest of the workspace), with errors located at the
file's line and column (CSV) or key path (JSON). Nothing here writes; the
caller applies the plans through the edit pipeline only when no row has an
error. Sentences never show a student's code.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from partnerctl.core.change import Change, set_key
from partnerctl.core.exchange import shown_value, unprotect_cell
from partnerctl.core.placement_exchange import (
    COLUMNS,
    EVALUATION_COLUMNS,
    FLAT,
    READ_ONLY_COLUMNS,
    STUDENT_COLUMN,
    CellError,
    hours_cell,
    paperwork_cell,
    placement_row,
    scores_cell,
)
from partnerctl.core.placements import hours_value
from partnerctl.errors import Problem, errors_in
from partnerctl.model import SLUG_RE, PartnerRec, Placement, PlacementRec, SettingsRec
from partnerctl.model_wbl import PRIVACY_HINT, PRIVATE_KEYS, placement_record
from partnerctl.workspace.checks_wbl import placement_findings
from partnerctl.workspace.importing import _problem, _relocate
from partnerctl.workspace.importrows import Row, Sheet
from partnerctl.workspace.messages import format_path, validation_problems

LIST_FIELDS = ("hours", "paperwork", "evaluation")


def _cell(column: str, text: str, *, guarded: bool = True) -> Any:
    """A placements cell as text (lists are parsed later, where errors can be placed)."""
    if guarded:
        text = unprotect_cell(text)
    return None if text.strip() == "" else text


PLACEMENTS = Sheet(
    "placements",
    COLUMNS,
    _cell,
    read_only=frozenset(READ_ONLY_COLUMNS),
    private=frozenset(PRIVATE_KEYS),
    private_words=("a placements file keeps no names and no notes about a student", PRIVACY_HINT),
)


@dataclass
class PlacementPlan:
    """What import does to one placement: create it, or set some of its keys."""

    placement_id: str
    create: bool
    data: dict[str, Any] = field(default_factory=dict)  # a new file's content
    sets: dict[str, Any] = field(default_factory=dict)  # key → value to write (None: remove)
    said: list[str] = field(default_factory=list)


def _file_data(model: Placement) -> dict[str, Any]:
    """A validated placement as a file's keys: defaults left out, hours as `6`, not `6.0`."""
    data = model.model_dump(by_alias=True, exclude_defaults=True)
    if "planned_hours" in data:
        data["planned_hours"] = hours_value(data["planned_hours"])
    for entry in data.get("hours", []):
        entry["hours"] = hours_value(entry["hours"])
    evaluation = data.get("evaluation")
    if evaluation is not None and not evaluation.get("scores"):
        evaluation.pop("scores", None)
    return data


def _raw(record: PlacementRec) -> dict[str, Any]:
    data = {k: v for k, v in record.items() if k not in ("id", "file")}
    return Placement.model_validate(data).model_dump(by_alias=True, exclude_none=True)


def _from_csv(row: Row, base: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The placement data a CSV row makes over `base`, and (column, message) cell errors."""
    data = dict(base)
    errors: list[tuple[str, str]] = []
    for name in FLAT:
        if name not in row.values:
            continue
        value = row.values[name]
        if value is None or (name == "hazardous" and value.strip().lower() == "false"):
            data.pop(name, None)
        else:
            data[name] = value
    for name, parse in (("hours", hours_cell), ("paperwork", paperwork_cell)):
        if name in row.values:
            try:
                data[name] = parse(row.values[name] or "")
            except CellError as err:
                errors.append((name, str(err)))
    given = {c: row.values[c] for c in EVALUATION_COLUMNS if c in row.values}
    if given:
        if all(v is None for v in given.values()):
            data.pop("evaluation", None)
        else:
            evaluation = dict(data.get("evaluation") or {})
            for column, key in (("evaluation_date", "date"), ("overall", "overall")):
                if column in given:
                    evaluation[key] = given[column]
            if "would_hire" in given:
                evaluation["would_hire"] = given["would_hire"]
            if "scores" in given:
                try:
                    evaluation["scores"] = scores_cell(given["scores"] or "")
                except CellError as err:
                    errors.append(("scores", str(err)))
            data["evaluation"] = {k: v for k, v in evaluation.items() if v is not None}
    return data, errors


def _column(loc: tuple[int | str, ...]) -> str:
    """The CSV column of a key path in a placement (`evaluation.scores.safety` → scores)."""
    if not loc:
        return "id"
    head = str(loc[0])
    if head == "evaluation" and len(loc) >= 2:
        return {"date": "evaluation_date"}.get(str(loc[1]), str(loc[1]))
    if head == "evaluation":
        return "overall"
    return head


def plan_placements(
    rows: list[Row],
    shown: str,
    placements: Mapping[str, PlacementRec],
    existing_ids: Collection[str],
    partners: Mapping[str, PartnerRec],
    partner_ids: Collection[str],
    settings: SettingsRec,
) -> tuple[list[PlacementPlan], list[Problem]]:
    """Validate every row and plan its write; any error problem means write nothing."""
    plans: list[PlacementPlan] = []
    problems: list[Problem] = []
    seen: dict[str, Row] = {}
    for row in rows:
        pid = row.partner_id
        if not SLUG_RE.match(pid):
            problems.append(_problem(shown, row, "id", f"{pid!r} is not a valid placement id"))
            continue
        if pid in seen:
            first = seen[pid]
            where = f"line {first.line}" if first.is_sheet else first.prefix
            problems.append(_problem(shown, row, "id", f"{pid!r} is also at {where}"))
            continue
        seen[pid] = row
        if pid in existing_ids and pid not in placements:
            problems.append(
                _problem(
                    shown,
                    row,
                    "id",
                    f"placements/{pid}.yaml has errors; import updates valid files only",
                    "run `partnerctl validate` and fix it first",
                )
            )
            continue
        plan, found = _plan_row(row, shown, placements.get(pid), partners, partner_ids, settings)
        problems.extend(found)
        if plan is not None:
            plans.append(plan)
    return plans, problems


def _plan_row(
    row: Row,
    shown: str,
    current: PlacementRec | None,
    partners: Mapping[str, PartnerRec],
    partner_ids: Collection[str],
    settings: SettingsRec,
) -> tuple[PlacementPlan | None, list[Problem]]:
    base = _raw(current) if current is not None else {}
    if row.is_sheet:
        data, cell_errors = _from_csv(row, base)
        if cell_errors:
            return None, [_problem(shown, row, col, message) for col, message in cell_errors]
    else:
        data = dict(base)
        for key, value in row.values.items():
            if value in (None, []):
                data.pop(key, None)
            else:
                data[key] = value
    try:
        model = Placement.model_validate(data)
    except ValidationError as err:
        found = validation_problems(err, Placement, shown, None)
        if row.is_sheet:
            found = [_problem(shown, row, _column(_loc(p.path)), p.message, p.hint) for p in found]
            return None, found
        return None, _relocate(found, row, shown)
    pid = row.partner_id
    record = placement_record(model, pid, f"placements/{pid}.yaml")
    findings = placement_findings(record, partners, partner_ids, settings)
    problems = [
        _problem(
            shown,
            row,
            _column(f.loc) if row.is_sheet else format_path(f.loc) or None,
            f.message,
            f.hint,
            f.severity,
        )
        for f in findings
    ]
    if errors_in(problems):
        return None, problems
    file_data = _file_data(model)
    if current is None:
        said = [f"created placements/{pid}.yaml"]
        return PlacementPlan(pid, True, data=file_data, said=said), problems
    sets: dict[str, Any] = {}
    said = []
    for name in (*FLAT, *LIST_FIELDS):
        if current[name] == record[name]:  # type: ignore[literal-required]
            continue
        sets[name] = file_data.get(name)
        if name == STUDENT_COLUMN:
            said.append(f"  {name}: changed")  # a code is never printed
        else:
            said.append(f"  {name}: {_shown(current, name)} -> {_shown(record, name)}")
    return PlacementPlan(pid, False, sets=sets, said=said), problems


def _shown(record: PlacementRec, name: str) -> str:
    """A field in import's report as its CSV cell reads (lists too), quoted, or `(none)`."""
    row = placement_row(record)
    if name == "evaluation":
        text = " ".join(row[c] for c in EVALUATION_COLUMNS if row[c])
        return shown_value(text or None)
    return shown_value(row[name] or None)


def _loc(path: str | None) -> tuple[int | str, ...]:
    if not path:
        return ()
    parts = path.replace("[", ".").replace("]", "").split(".")
    return tuple(int(part) if part.isdigit() else part for part in parts if part)


def changes(plans: list[PlacementPlan], *, dry_run: bool) -> tuple[list[Change], dict[str, Any]]:
    """The creates and the update rules of the plans, for the edit pipeline."""
    verb = ("would create", "would update") if dry_run else ("created", "updated")
    creates = [
        Change(
            p.placement_id,
            said=(f"{verb[0]} placements/{p.placement_id}.yaml",),
            kind="placement",
            create=p.data,
        )
        for p in plans
        if p.create
    ]
    rules: dict[str, Any] = {}
    for plan in plans:
        if plan.create or not plan.sets:
            continue
        ops = tuple(set_key(key, value) for key, value in plan.sets.items())
        said = (f"{verb[1]} placements/{plan.placement_id}.yaml:", *plan.said)
        change = Change(plan.placement_id, ops, said, kind="placement")
        rules[plan.placement_id] = lambda _record, change=change: change
    return creates, rules
