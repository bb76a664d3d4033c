"""`import`: read a CSV or JSON file of partners, validate every row, plan the writes.

Nothing here writes. :func:`read_rows` turns the file into rows located by
file line (CSV, the header is line 1) or key path (`partners[3]`, JSON);
:func:`plan_import` validates each row as the partner it would make, with
errors in DESIGN's form (`partners.csv:12: error: stage: …`), and returns
one :class:`Plan` per partner to create or update. The caller writes only
when there are no errors at all.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from partnerctl.core.exchange import (
    COLUMNS,
    CONTACT_COLUMNS,
    FLAT_FIELDS,
    READ_ONLY_COLUMNS,
    column_for,
    field_value,
)
from partnerctl.errors import Problem
from partnerctl.model import SLUG_RE, Partner, PartnerRec, SettingsRec, partner_record
from partnerctl.workspace import checks
from partnerctl.workspace.messages import format_path, validation_problems

NEXT_COLUMNS = ("next_date", "next_action")


@dataclass(frozen=True)
class Sheet:
    """What one kind of import file holds: partners, or placements (workspace.placement_import).

    `key` is the JSON document's list and the word in messages; `private`
    columns are refused with `private_words` (message, hint) instead of a
    did-you-mean: a placements file never carries a student's name.
    """

    key: str
    columns: tuple[str, ...]
    read_only: frozenset[str]
    field_value: Callable[[str, str], Any]
    private: frozenset[str] = frozenset()
    private_words: tuple[str, str] = ("", "")


PARTNERS = Sheet("partners", COLUMNS, READ_ONLY_COLUMNS, field_value)


@dataclass
class Row:
    """One partner read from the import file: where it is and what it says."""

    partner_id: str
    line: int | None  # CSV: the file line where the row starts
    prefix: str | None  # JSON: `partners[3]`
    values: dict[str, Any]  # CSV: column → raw value; JSON: the partner's mapping
    is_csv: bool


@dataclass
class Plan:
    """What import does to one partner: create it, or set some fields of it."""

    partner_id: str
    record: PartnerRec  # the partner as it will be
    create: bool
    data: dict[str, Any] = field(default_factory=dict)  # a new file's content
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)  # (field, old, new)
    contact: dict[str, Any] | None = None  # the decision maker's new values (CSV)


def _problem(shown: str, row: Row | None, where: str | None, message: str, hint: str | None = None,
             severity: str = "error") -> Problem:  # fmt: skip
    if row is not None and not row.is_csv:
        where = f"{row.prefix}.{where}" if where else row.prefix
    return Problem(shown, row.line if row else None, None, where, message, hint, severity)


def read_rows(
    text: str, shown: str, fmt: str, sheet: Sheet = PARTNERS
) -> tuple[list[Row], list[Problem]]:
    """The rows of a CSV or JSON import file, and the problems of its shape."""
    if fmt == "json":
        return _json_rows(text, shown, sheet)
    return _csv_rows(text, shown, sheet)


def sheet_name(text: str, fmt: str) -> str:
    """`placements` for a file of placements (a `placements` list, or a `partner` column)."""
    if fmt == "json":
        try:
            doc = json.loads(text)
        except json.JSONDecodeError:
            return "partners"  # read_rows says what is wrong with it
        return "placements" if isinstance(doc, dict) and "placements" in doc else "partners"
    try:
        header = next(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    except (StopIteration, csv.Error):
        return "partners"
    return "placements" if "partner" in (name.strip() for name in header) else "partners"


def _csv_rows(text: str, shown: str, sheet: Sheet) -> tuple[list[Row], list[Problem]]:
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        return [], [Problem(shown, None, None, None, "the file is empty", "export one to start")]
    except csv.Error as err:
        return [], [Problem(shown, 1, None, None, f"not CSV: {err}")]
    for name in header:
        if name in sheet.private:
            message, hint = sheet.private_words
            problems.append(Problem(shown, 1, None, None, f"column {name!r}: {message}", hint))
        elif name not in sheet.columns:
            from partnerctl.words import did_you_mean

            hint = did_you_mean(name, sheet.columns) or "columns: " + ", ".join(sheet.columns)
            problems.append(Problem(shown, 1, None, None, f"unknown column {name!r}", hint))
        elif header.count(name) > 1:
            problems.append(Problem(shown, 1, None, None, f"column {name!r} appears twice"))
    if "id" not in header:
        problems.append(Problem(shown, 1, None, None, "no 'id' column", "the first column is id"))
    if problems:
        return [], sorted(set(problems), key=lambda p: p.message)
    rows: list[Row] = []
    line = reader.line_num + 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                problems.append(
                    Problem(
                        shown,
                        start,
                        None,
                        None,
                        f"{len(cells)} cells where the header has {len(header)}",
                        "quote cells that hold commas",
                    )
                )
                continue
            values = {
                name: sheet.field_value(name, cell)
                for name, cell in zip(header, cells, strict=True)
                if name not in sheet.read_only
            }
            partner_id = values.pop("id") or ""
            rows.append(Row(partner_id.strip(), start, None, values, is_csv=True))
    except csv.Error as err:
        problems.append(Problem(shown, reader.line_num, None, None, f"not CSV: {err}"))
    return rows, problems


def _json_rows(text: str, shown: str, sheet: Sheet) -> tuple[list[Row], list[Problem]]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        return [], [Problem(shown, err.lineno, err.colno, None, f"not JSON: {err.msg}")]
    key = sheet.key
    hint = f'expected {{"version": 1, "{key}": [...]}} as `partnerctl export --format json` writes'
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
        return [], [Problem(shown, None, None, None, f"no '{key}' list", hint)]
    if doc.get("version") != 1:
        return [], [Problem(shown, None, None, "version", "only version 1 is known", hint)]
    rows: list[Row] = []
    problems: list[Problem] = []
    for index, item in enumerate(doc[key]):
        prefix = f"{key}[{index}]"
        if not isinstance(item, dict):
            problems.append(
                Problem(shown, None, None, prefix, f"expected a mapping (a {key.rstrip('s')})")
            )
            continue
        values = dict(item)
        partner_id = values.pop("id", None)
        if not isinstance(partner_id, str):
            problems.append(Problem(shown, None, None, prefix, "'id' is required (text)"))
            continue
        rows.append(Row(partner_id, None, prefix, values, is_csv=False))
    return rows, problems


def _from_csv(row: Row, base: Mapping[str, Any] | None) -> tuple[dict[str, Any], list[str]]:
    """The partner data a CSV row makes (over `base`, the existing partner), and column errors."""
    data: dict[str, Any] = dict(base) if base is not None else {}
    errors: list[str] = []
    for name in FLAT_FIELDS:
        if name in row.values:
            value = row.values[name]
            if name == "early_adopter" and value is None:
                value = False
            if value is None or value == []:
                data.pop(name, None)
            else:
                data[name] = value
    given = {c: row.values[c] for c in CONTACT_COLUMNS if c in row.values}
    if given.get("contact_name") is not None:
        contacts = [dict(c) for c in data.get("contacts", [])]
        index = next((i for i, c in enumerate(contacts) if c.get("decision_maker")), None)
        if index is None:
            contacts.append({"name": "", "decision_maker": True})
            index = len(contacts) - 1
        for column, value in given.items():
            key = column.removeprefix("contact_")
            if value is None:
                contacts[index].pop(key, None)
            else:
                contacts[index][key] = value
        data["contacts"] = contacts
    elif any(value is not None for value in given.values()):
        errors.append("contact_name")
    if "next_date" in row.values or "next_action" in row.values:
        when, action = row.values.get("next_date"), row.values.get("next_action")
        if when is None and action is not None:
            errors.append("next_date")
        elif when is None:
            data.pop("next", None)
        else:
            data["next"] = {"date": when, "action": action} if action else {"date": when}
    return data, errors


def _raw(record: PartnerRec) -> dict[str, Any]:
    """A record as model input (by alias, ids dropped)."""
    data = {k: v for k, v in record.items() if k not in ("id", "file")}
    return Partner.model_validate(data).model_dump(by_alias=True, exclude_none=True)


def plan_import(
    rows: list[Row],
    shown: str,
    partners: Mapping[str, PartnerRec],
    existing_ids: set[str],
    settings: SettingsRec,
) -> tuple[list[Plan], list[Problem]]:
    """Validate every row and plan its write; any error problem means write nothing."""
    plans: list[Plan] = []
    problems: list[Problem] = []
    seen: dict[str, Row] = {}
    for row in rows:
        if not SLUG_RE.match(row.partner_id):
            problems.append(
                _problem(
                    shown,
                    row,
                    "id",
                    f"{row.partner_id!r} is not a valid partner id",
                    "use lowercase letters, digits and dashes, e.g. riverside-auto",
                )
            )
            continue
        if row.partner_id in seen:
            first = seen[row.partner_id]
            where = f"line {first.line}" if first.is_csv else first.prefix
            problems.append(_problem(shown, row, "id", f"{row.partner_id!r} is also at {where}"))
            continue
        seen[row.partner_id] = row
        if row.partner_id in existing_ids and row.partner_id not in partners:
            problems.append(
                _problem(
                    shown,
                    row,
                    "id",
                    f"partners/{row.partner_id}.yaml has errors; import updates valid files only",
                    "run `partnerctl validate` and fix it first",
                )
            )
            continue
        plan, found = _plan_row(row, shown, partners.get(row.partner_id), settings)
        problems.extend(found)
        if plan is not None:
            plans.append(plan)
    return plans, problems


def _plan_row(
    row: Row, shown: str, current: PartnerRec | None, settings: SettingsRec
) -> tuple[Plan | None, list[Problem]]:
    base = _raw(current) if current is not None else None
    if row.is_csv:
        data, column_errors = _from_csv(row, base)
        problems = [
            _problem(
                shown,
                row,
                column,
                f"{column} is needed when the other "
                f"{'contact' if column == 'contact_name' else 'next'} columns are filled",
            )
            for column in column_errors
        ]
        if problems:
            return None, problems
    elif base is not None:
        data = dict(base)
        for name in (*FLAT_FIELDS, "next"):
            if name in row.values and row.values[name] not in (None, []):
                data[name] = row.values[name]
            elif name in row.values:
                data.pop(name, None)
    else:
        data = dict(row.values)
    try:
        model = Partner.model_validate(data)
    except ValidationError as err:
        return None, _relocate(validation_problems(err, Partner, shown, None), row, shown)
    record = partner_record(model, row.partner_id, f"partners/{row.partner_id}.yaml")
    found = checks.partner_findings(record, settings)
    problems = [
        _problem(shown, row, _where(row, f.loc), f.message, f.hint, f.severity) for f in found
    ]
    if any(p.severity == "error" for p in problems):
        return None, problems
    if current is None:
        new = model.model_dump(by_alias=True, exclude_defaults=True)
        return Plan(row.partner_id, record, create=True, data=new), problems
    changes = [
        (name, current[name], record[name])  # type: ignore[literal-required]
        for name in (*FLAT_FIELDS, "next")
        if current[name] != record[name]  # type: ignore[literal-required]
    ]
    plan = Plan(row.partner_id, record, create=False, changes=changes)
    if row.is_csv and row.values.get("contact_name") is not None:
        new_dm = next(c for c in record["contacts"] if c["decision_maker"])
        old_dm = next((c for c in current["contacts"] if c["decision_maker"]), None)
        if new_dm != old_dm:
            plan.contact = dict(new_dm)
            for key in ("name", "role", "email", "phone"):
                old = old_dm[key] if old_dm else None
                if old != new_dm[key]:
                    plan.changes.append((f"contact_{key}", old, new_dm[key]))
    return plan, problems


def _where(row: Row, loc: tuple[int | str, ...]) -> str:
    return column_for(loc) if row.is_csv else format_path(loc)


def _relocate(problems: list[Problem], row: Row, shown: str) -> list[Problem]:
    """Problems from validating a row's data, placed at the row (CSV: its column)."""
    out: list[Problem] = []
    for problem in problems:
        path = problem.path or ""
        if row.is_csv:
            key = path.split(".")[0].split("[")[0]
            loc: tuple[int | str, ...] = tuple(
                int(part) if part.isdigit() else part
                for part in path.replace("[", ".").replace("]", "").split(".")
                if part
            )
            where: str | None = column_for(loc) if key else None
            message = problem.message
            if where is None and message.endswith("is required"):
                where = message.split("'")[1]
        else:
            where = path or None
        out.append(_problem(shown, row, where, problem.message, problem.hint))
    return out
