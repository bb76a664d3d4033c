"""`import`: validate every row read from the file as a partner, and plan the writes.

Nothing here writes. The rows come from :func:`read_rows` (in
:mod:`partnerctl.workspace.importrows`, re-exported here); :func:`plan_import`
validates each row as the partner it would make, with errors in DESIGN's
form (`partners.csv:12: error: stage: …`), and returns one :class:`Plan` per
partner to create or update. The caller writes only when there are no errors
at all.

For a row of a spreadsheet (CSV or xlsx) over an existing partner:

- the contact columns name a contact found as `partnerctl contact` finds one
  (case and spacing aside); it gets the row's role, email and phone and
  becomes the decision maker; a name not found is a new contact;
- a `last_touch` newer than the partner's newest touchpoint adds a
  touchpoint marked `imported: true`;
- a cell that is a spreadsheet's spelling of the file's text (see
  :mod:`partnerctl.core.sheets`) keeps the file's text, with a warning.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from pydantic import ValidationError

from partnerctl.core.exchange import FLAT_FIELDS, TEXT_FIELDS, ContactPlan, column_for
from partnerctl.core.facts import find_contact
from partnerctl.core.sheets import FIX_HINT, kept_message, shortened_number, spreadsheet_spelling
from partnerctl.errors import Problem, errors_in
from partnerctl.fieldchecks import check_iso_date
from partnerctl.model import SLUG_RE, Partner, PartnerRec, SettingsRec, partner_record
from partnerctl.workspace import checks
from partnerctl.workspace.importrows import Row, Sheet, read_rows, sheet_name
from partnerctl.workspace.messages import format_path, validation_problems

__all__ = ["ContactPlan", "Plan", "Row", "Sheet", "plan_import", "read_rows", "sheet_name"]

CONTACT_KEYS = ("role", "email", "phone")
_NEEDED = "{} is needed when the other {} columns are filled"


@dataclass
class Plan:
    """What import does to one partner: create it, or set some fields of it."""

    partner_id: str
    record: PartnerRec  # the partner as it will be
    create: bool
    data: dict[str, Any] = field(default_factory=dict)  # a new file's content
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)  # (column, old, new)
    contact: ContactPlan | None = None
    touch: dict[str, Any] | None = None  # the touchpoint a newer last_touch adds


def _problem(shown: str, row: Row | None, where: str | None, message: str, hint: str | None = None,
             severity: str = "error") -> Problem:  # fmt: skip
    if row is not None and not row.is_sheet:
        where = f"{row.prefix}.{where}" if where else row.prefix
    return Problem(shown, row.line if row else None, None, where, message, hint, severity)


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
    numbered = _numbered_ids(existing_ids)
    for row in rows:
        if row.is_sheet and row.partner_id not in existing_ids:
            _respell_id(row, numbered, shown, problems)
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
            where = f"line {first.line}" if first.is_sheet else first.prefix
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


def _numbered_ids(existing_ids: set[str]) -> dict[Decimal, list[str]]:
    """The ids that a spreadsheet reads as numbers (`0123`), by that number."""
    found: dict[Decimal, list[str]] = {}
    for partner_id in existing_ids:
        if partner_id.isdigit():
            found.setdefault(Decimal(partner_id), []).append(partner_id)
    return found


def _respell_id(
    row: Row, numbered: dict[Decimal, list[str]], shown: str, out: list[Problem]
) -> None:
    """An unknown id that is a spreadsheet's spelling of one id (`123` for `0123`) is that id."""
    if not row.partner_id.isdigit():
        return
    candidates = numbered.get(Decimal(row.partner_id), [])
    if len(candidates) != 1:
        return
    kept = candidates[0]
    message = (
        f"read as {kept!r}: {row.partner_id!r} is the same number, as a spreadsheet rewrites it"
    )
    out.append(_problem(shown, row, "id", message, FIX_HINT, "warning"))
    row.partner_id = kept


def _plan_row(
    row: Row, shown: str, current: PartnerRec | None, settings: SettingsRec
) -> tuple[Plan | None, list[Problem]]:
    base = _raw(current) if current is not None else None
    problems: list[Problem] = []
    touch: dict[str, Any] | None = None
    if row.is_sheet:
        data, errors = _from_sheet(row, base)
        problems = [_problem(shown, row, column, message) for column, message in errors]
        problems += _keep_spellings(row, shown, current, data)
        touch, note = _last_touch(row, shown, data)
        problems += note  # errors among them: the row is still checked, to report them all
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
        found = validation_problems(err, Partner, shown, None)
        return None, problems + _relocate(found, row, shown)
    record = partner_record(model, row.partner_id, f"partners/{row.partner_id}.yaml")
    problems += [
        _problem(shown, row, _where(row, f.loc), f.message, f.hint, f.severity)
        for f in checks.partner_findings(record, settings)
    ]
    if errors_in(problems):
        return None, problems
    if current is None:
        new = model.model_dump(by_alias=True, exclude_defaults=True)
        return Plan(row.partner_id, record, create=True, data=new), problems
    changes = [
        (name, current[name], record[name])  # type: ignore[literal-required]
        for name in (*FLAT_FIELDS, "next")
        if current[name] != record[name]  # type: ignore[literal-required]
    ]
    plan = Plan(row.partner_id, record, create=False, changes=changes, touch=touch)
    if row.is_sheet and row.values.get("contact_name") is not None:
        plan.contact = _contact_plan(row, current, record, plan.changes)
    if touch is not None:
        old = max(t["date"] for t in current["touchpoints"]) if current["touchpoints"] else None
        plan.changes.append(("last_touch", old, touch["date"]))
    return plan, problems


def _from_sheet(
    row: Row, base: Mapping[str, Any] | None
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The partner data a sheet's row makes (over `base`, the existing partner), and its errors."""
    data: dict[str, Any] = dict(base) if base is not None else {}
    errors: list[tuple[str, str]] = []
    for name in FLAT_FIELDS:
        if name in row.values:
            value = row.values[name]
            if name == "early_adopter" and value is None:
                value = False
            if value is None or value == []:
                data.pop(name, None)
            else:
                data[name] = value
    given = {k: row.values[f"contact_{k}"] for k in CONTACT_KEYS if f"contact_{k}" in row.values}
    contact_name = row.values.get("contact_name")
    if contact_name is not None:
        contacts = [dict(c) for c in data.get("contacts", [])]
        first = next((i for i, c in enumerate(contacts) if c.get("decision_maker")), None)
        index = _find(contacts, contact_name)
        if index is None:
            contacts.append({"name": " ".join(contact_name.split())})
            index = len(contacts) - 1
        contacts[index]["decision_maker"] = True
        for key, value in given.items():
            if value is None:
                contacts[index].pop(key, None)
            else:
                contacts[index][key] = value
        if first is not None and first != index:
            contacts[first].pop("decision_maker", None)
        data["contacts"] = contacts
    elif any(value is not None for value in given.values()):
        errors.append(("contact_name", _NEEDED.format("contact_name", "contact")))
    if "next_date" in row.refused:
        pass  # reported while reading; `next` is left as it is
    elif "next_date" in row.values or "next_action" in row.values:
        when, action = row.values.get("next_date"), row.values.get("next_action")
        if when is None and action is not None:
            errors.append(("next_date", _NEEDED.format("next_date", "next")))
        elif when is None:
            data.pop("next", None)
        else:
            data["next"] = {"date": when, "action": action} if action else {"date": when}
    return data, errors


def _keep_spellings(
    row: Row, shown: str, current: PartnerRec | None, data: dict[str, Any]
) -> list[Problem]:
    """Keep the file's text where a cell is a spreadsheet's spelling of it; refuse lost digits."""
    problems: list[Problem] = []
    slots: list[tuple[str, Any, dict[str, Any], str]] = []  # (column, old, holder, key)
    for name in TEXT_FIELDS:
        if name in row.values and isinstance(data.get(name), str):
            old = current[name] if current else None  # type: ignore[literal-required]
            slots.append((name, old, data, name))
    step = data.get("next")
    if isinstance(step, dict) and isinstance(step.get("action"), str):
        old_step = current["next"] if current else None
        slots.append(("next_action", old_step["action"] if old_step else None, step, "action"))
    contact_name = row.values.get("contact_name")
    if contact_name is not None:
        person = data["contacts"][_find(data["contacts"], contact_name) or 0]  # it is there
        index = _find(current["contacts"], contact_name) if current else None
        old_person = current["contacts"][index] if current and index is not None else None
        for key in CONTACT_KEYS:
            if isinstance(person.get(key), str):
                old = old_person[key] if old_person else None  # type: ignore[literal-required]
                slots.append((f"contact_{key}", old, person, key))
    for column, old, holder, key in slots:
        new = holder[key]
        what = spreadsheet_spelling(old, new) if isinstance(old, str) else None
        if what is not None:
            holder[key] = old
            message = kept_message(old, new, what)
            problems.append(_problem(shown, row, column, message, FIX_HINT, "warning"))
        elif new != old and shortened_number(new):
            message = f"{new!r} is a long number a spreadsheet shortened: its last digits are lost"
            problems.append(_problem(shown, row, column, message, FIX_HINT))
    return problems


def _last_touch(
    row: Row, shown: str, data: dict[str, Any]
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The touchpoint a `last_touch` cell adds (newer than every touchpoint), else None."""
    text = row.values.get("last_touch")
    if text is None:
        return None, []
    try:
        when = text if isinstance(text, date) else check_iso_date(text)
    except ValueError as err:
        return None, [_problem(shown, row, "last_touch", str(err))]
    assert isinstance(when, date)
    touches = data.get("touchpoints", [])
    newest = max((t["date"] for t in touches), default=None)
    if newest is not None and when <= newest:
        if when < newest:
            message = (
                f"{when.isoformat()} is before the newest touchpoint ({newest.isoformat()}); "
                "the touchpoints are kept as they are"
            )
            return None, [_problem(shown, row, "last_touch", message, severity="warning")]
        return None, []
    source = "an import" if shown == "-" else PurePath(shown).name
    touch = {"date": when, "summary": f"last touch, as imported from {source}", "imported": True}
    data["touchpoints"] = [*touches, touch]
    return touch, []


def _contact_plan(
    row: Row, current: PartnerRec, record: PartnerRec, changes: list[tuple[str, Any, Any]]
) -> ContactPlan | None:
    """The row's contact as an edit (None when it changes nothing), its changes shown by column."""
    name = row.values["contact_name"]
    new = record["contacts"][_find(record["contacts"], name) or 0]
    first = next((i for i, c in enumerate(current["contacts"]) if c["decision_maker"]), None)
    index = _find(current["contacts"], name)
    old = current["contacts"][index] if index is not None else None
    if old == new and first == index:
        return None
    if first is None or first != index:
        shown = current["contacts"][first]["name"] if first is not None else None
        changes.append(("contact_name", shown, new["name"]))
    for key in CONTACT_KEYS:
        before = old[key] if old else None  # type: ignore[literal-required]
        if before != new[key]:  # type: ignore[literal-required]
            changes.append((f"contact_{key}", before, new[key]))  # type: ignore[literal-required]
    fields = {key: new[key] for key in CONTACT_KEYS if f"contact_{key}" in row.values}  # type: ignore[literal-required]
    unmark = current["contacts"][first]["name"] if first is not None and first != index else None
    return ContactPlan(new["name"], fields, unmark)


def _find(contacts: Sequence[Mapping[str, object]], name: str) -> int | None:
    """The contact a row names: by name as `contact` finds one, decision makers first."""
    return find_contact(contacts, name, decision_makers_first=True)


def _raw(record: PartnerRec) -> dict[str, Any]:
    """A record as model input (by alias, ids dropped)."""
    data = {k: v for k, v in record.items() if k not in ("id", "file")}
    return Partner.model_validate(data).model_dump(by_alias=True, exclude_none=True)


def _where(row: Row, loc: tuple[int | str, ...]) -> str:
    return column_for(loc) if row.is_sheet else format_path(loc)


def _relocate(problems: list[Problem], row: Row, shown: str) -> list[Problem]:
    """Problems from validating a row's data, placed at the row (a sheet: its column)."""
    out: list[Problem] = []
    for problem in problems:
        path = problem.path or ""
        if row.is_sheet:
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
