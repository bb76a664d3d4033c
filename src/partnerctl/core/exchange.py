"""Partners to and from spreadsheet rows and JSON: the flat columns, formula-safe cells.

Pure: records in, rows or JSON-ready dicts out, and CSV cells back to field
values (text only; validation happens at the edge, in
:mod:`partnerctl.workspace.importing`). No files, no clock. A row is the
same for CSV and xlsx (:func:`partner_values`); CSV writes every value as
text (:func:`cell_text`), xlsx types its cells by :data:`COLUMN_KINDS`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from partnerctl.core.change import Change, Op, append, set_field, set_key
from partnerctl.core.facts import decision_maker, find_contact, last_touch
from partnerctl.core.text import one_line
from partnerctl.records import ContactRec, PartnerRec

EXCHANGE_VERSION = 1

# The partner fields that are one value or a list of words: what a row holds
# and what `import` updates on an existing partner.
FLAT_FIELDS: tuple[str, ...] = (
    "name", "industry", "pathways", "stage", "owner", "since", "distance_miles",
    "relationship", "early_adopter", "tags", "best_time", "channel", "notes",
)  # fmt: skip
LIST_FIELDS = frozenset({"pathways", "tags"})
CONTACT_COLUMNS: tuple[str, ...] = (
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
)
PRIVATE_COLUMNS = frozenset({"contact_email", "contact_phone"})
COLUMNS: tuple[str, ...] = (
    "id", *FLAT_FIELDS[:12], *CONTACT_COLUMNS, "last_touch", "next_date", "next_action", "notes",
)  # fmt: skip
# How xlsx types a column's cells (every other column is text); CSV writes them as text.
DATE_COLUMNS = frozenset({"since", "last_touch", "next_date"})
COLUMN_KINDS: dict[str, str] = {
    **{column: "date" for column in DATE_COLUMNS},
    "distance_miles": "number",
    "early_adopter": "bool",
}
# The flat fields that are one text: where a spreadsheet's rewriting of a cell is looked for.
TEXT_FIELDS = tuple(f for f in FLAT_FIELDS if f not in LIST_FIELDS and f not in COLUMN_KINDS)
LIST_SEPARATOR = ";"
LIST_ESCAPE = "\\"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def columns(*, contacts: bool = True) -> tuple[str, ...]:
    """The CSV header: every column, or all but emails and phones."""
    return tuple(c for c in COLUMNS if contacts or c not in PRIVATE_COLUMNS)


def protect_cell(text: str) -> str:
    """A cell no spreadsheet runs as a formula: a leading `'` when it starts with = + - @ tab CR.

    Text that already starts with quotes before such a character gets one
    more, so that :func:`unprotect_cell` gives back exactly what was written.
    """
    if text.lstrip("'").startswith(FORMULA_START):
        return "'" + text
    return text


def unprotect_cell(text: str) -> str:
    """The inverse of :func:`protect_cell`: removes exactly the `'` that it added."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text


def cell_text(value: Any) -> str:
    """A field's value as a cell's text (before protection)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return join_items(str(item) for item in value)
    return str(value)


def join_items(items: Iterable[str]) -> str:
    """List items as one cell, joined by `;`: a `;` inside an item is `\\;`, a backslash `\\\\`."""
    escape = LIST_ESCAPE
    return LIST_SEPARATOR.join(
        item.replace(escape, escape + escape).replace(LIST_SEPARATOR, escape + LIST_SEPARATOR)
        for item in items
    )


def split_items(text: str) -> list[str]:
    """The items of a list cell (the inverse of :func:`join_items`), stripped, empty ones dropped.

    A backslash before anything but `;` or a backslash is kept as written, so
    text typed into a spreadsheet by hand (`C:\\docs`) reads as it looks.
    """
    items: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        following = text[index + 1 : index + 2]
        if char == LIST_ESCAPE and following in (LIST_SEPARATOR, LIST_ESCAPE):
            current.append(following)
            index += 2
            continue
        if char == LIST_SEPARATOR:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def partner_values(partner: PartnerRec) -> dict[str, Any]:
    """One partner as a row: column name → value (date, number, bool, text or None).

    Lists are already one text cell (:func:`join_items`); CSV writes every
    value with :func:`cell_text`, xlsx keeps dates, numbers and booleans typed.
    """
    row: dict[str, Any] = {"id": partner["id"]}
    for field in FLAT_FIELDS:
        value = partner[field]  # type: ignore[literal-required]
        row[field] = join_items(value) if isinstance(value, list) else value
    contact = decision_maker(partner)
    for column in CONTACT_COLUMNS:
        key = column.removeprefix("contact_")
        row[column] = contact[key] if contact is not None else None  # type: ignore[literal-required]
    row["last_touch"] = last_touch(partner) if partner["touchpoints"] else None
    step = partner["next"]
    row["next_date"] = step["date"] if step else None
    row["next_action"] = step["action"] if step else None
    return row


def csv_lines(rows: Iterable[Iterable[Any]]) -> str:
    """CSV text with `\n` line ends and every cell holding a CR or LF quoted.

    The csv module quotes only the characters of its own line terminator, so a
    writer ending lines with `\n` would leave a lone CR bare, and the CR would
    end the row in a spreadsheet. Each row is written with `\r\n` (both get
    quoted) and its terminator is then swapped for `\n`.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in rows:
        writer.writerow(row)
        lines.append(buffer.getvalue()[:-2] + "\n")
        buffer.seek(0)
        buffer.truncate()
    return "".join(lines)


def sheet_rows(
    partners: Iterable[PartnerRec], *, contacts: bool = True
) -> tuple[tuple[str, ...], list[PartnerRec], list[list[Any]]]:
    """The header, the partners sorted by id, and their rows of values (:func:`partner_values`)."""
    header = columns(contacts=contacts)
    ordered = sorted(partners, key=lambda p: p["id"])
    rows = [[values[column] for column in header] for values in map(partner_values, ordered)]
    return header, ordered, rows


def csv_document(partners: Iterable[PartnerRec], *, contacts: bool = True) -> str:
    """The CSV export: a header and one formula-safe row per partner, sorted by id."""
    header, _ordered, rows = sheet_rows(partners, contacts=contacts)
    return csv_lines([header, *([protect_cell(cell_text(v)) for v in row] for row in rows)])


def json_ready(value: Any) -> Any:
    """A record's value for JSON: dates as ISO text, mappings and lists walked."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_ready(item) for item in value]
    return value


def partner_json(partner: PartnerRec, *, contacts: bool = True) -> dict[str, Any]:
    """One partner for the JSON export: `id` first, then every field in the file's order."""
    out: dict[str, Any] = {"id": partner["id"]}
    for key, value in partner.items():
        if key in ("id", "file"):
            continue
        out[key] = json_ready(value)
    if not contacts:
        out["contacts"] = [
            {k: v for k, v in contact.items() if k not in ("email", "phone")}
            for contact in out["contacts"]
        ]
    return out


def json_body(partners: Iterable[PartnerRec], *, contacts: bool = True) -> dict[str, Any]:
    """The JSON export's body (without `version`): partners sorted by id; nothing run-dependent."""
    ordered = sorted(partners, key=lambda p: p["id"])
    return {"partners": [partner_json(p, contacts=contacts) for p in ordered]}


def field_value(column: str, text: str, *, guarded: bool = True) -> Any:
    """A CSV cell's text as the raw value of its field (validation comes later).

    Empty is None, list columns split on `;` (:func:`split_items`); everything
    else stays text. `guarded` is False for an xlsx cell, which is text as
    typed: only CSV cells carry the `'` of the formula guard.
    """
    if guarded:
        text = unprotect_cell(text)
    if column in LIST_FIELDS:
        return split_items(text)
    if text.strip() == "":
        return None
    return text


def column_for(path: tuple[int | str, ...]) -> str:
    """The CSV column of a key path in a partner (`contacts[2].email` → contact_email)."""
    if not path:
        return "id"
    head = str(path[0])
    if head == "contacts" and len(path) >= 3:
        return f"contact_{path[2]}"
    if head == "contacts":
        return "contact_name"
    if head == "next" and len(path) >= 2:
        return f"next_{path[1]}"
    if head == "next":
        return "next_date"
    return head


# --- import: the change of one existing partner ------------------------------------


def shown_value(value: Any) -> str:
    """A value in import's report: its cell text in quotes, or `(none)`."""
    if isinstance(value, dict):
        value = " ".join(cell_text(v) for v in value.values() if v is not None)
    text = cell_text(value)
    return repr(one_line(text)) if text else "(none)"


@dataclass(frozen=True)
class ContactPlan:
    """The row's contact, to find by name at write time (else to add) and make decision maker."""

    name: str
    fields: dict[str, Any]  # role, email, phone as the row has them (None removes)
    unmark: str | None = None  # the decision maker the row replaces: kept, no longer marked


def import_change(
    record: PartnerRec,
    target: PartnerRec,
    changes: list[tuple[str, Any, Any]],
    contact: ContactPlan | None,
    touch: dict[str, Any] | None = None,
    *,
    verb: str = "updated",
) -> Change:
    """The change that makes `record` (the file as it is now) read as `target` (the import's).

    `changes` are (field, old, new) as the import planned them; only fields
    that still differ from the file are set. `contact` is the row's contact,
    found by name in the file as it is now (else added) and made decision
    maker; `touch` is the touchpoint a newer `last_touch` adds, unless the
    file has a touch as new by now.
    """
    ops: list[Op] = []
    for name, _old, _new in changes:
        if name.startswith("contact_") or name == "last_touch":
            continue
        new = target[name]  # type: ignore[literal-required]
        if record[name] != new:  # type: ignore[literal-required]
            ops.append(set_key(name, None if new == [] else new))
    if contact is not None:
        ops += _contact_ops(record["contacts"], contact)
    if touch is not None and all(t["date"] < touch["date"] for t in record["touchpoints"]):
        ops.append(append("touchpoints", touch))
    said = [f"{verb} {record['file']}:"]
    said += [f"  {name}: {shown_value(old)} -> {shown_value(new)}" for name, old, new in changes]
    return Change(record["id"], tuple(ops), tuple(said))


def _contact_ops(contacts: list[ContactRec], plan: ContactPlan) -> list[Op]:
    """Find the row's contact by name (else add it), set its fields, make it decision maker."""
    ops: list[Op] = []
    index = find_contact(contacts, plan.name, decision_makers_first=True)
    if index is None:
        given = {k: v for k, v in plan.fields.items() if v is not None}
        ops.append(append("contacts", {"name": plan.name, **given, "decision_maker": True}))
    else:
        ops += [
            set_field("contacts", index, key, value)
            for key, value in plan.fields.items()
            if contacts[index][key] != value  # type: ignore[literal-required]
        ]
        if not contacts[index]["decision_maker"]:
            ops.append(set_field("contacts", index, "decision_maker", True))
    former = None
    if plan.unmark is not None:
        former = find_contact(contacts, plan.unmark, decision_makers_first=True)
    if former is not None and former != index and contacts[former]["decision_maker"]:
        ops.append(set_field("contacts", former, "decision_maker", None))
    return ops
