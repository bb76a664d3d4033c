"""Partners to and from spreadsheet rows and JSON: the flat columns, formula-safe cells.

Pure: records in, rows or JSON-ready dicts out, and CSV cells back to field
values (text only; validation happens at the edge, in
:mod:`partnerctl.workspace.importing`). No files, no clock.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from partnerctl.core.change import Change, Op, append, set_field, set_key
from partnerctl.core.facts import decision_maker, last_touch
from partnerctl.core.text import one_line
from partnerctl.records import PartnerRec

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
READ_ONLY_COLUMNS = frozenset({"last_touch"})  # exported for people, ignored by import
LIST_SEPARATOR = ";"
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
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def partner_row(partner: PartnerRec) -> dict[str, str]:
    """One partner as a row: column name → cell text (unprotected)."""
    row = {"id": partner["id"]}
    for field in FLAT_FIELDS:
        row[field] = cell_text(partner[field])  # type: ignore[literal-required]
    contact = decision_maker(partner)
    for column in CONTACT_COLUMNS:
        key = column.removeprefix("contact_")
        row[column] = cell_text(contact[key]) if contact is not None else ""  # type: ignore[literal-required]
    row["last_touch"] = cell_text(last_touch(partner) if partner["touchpoints"] else None)
    step = partner["next"]
    row["next_date"] = cell_text(step["date"] if step else None)
    row["next_action"] = cell_text(step["action"] if step else None)
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


def csv_document(partners: Iterable[PartnerRec], *, contacts: bool = True) -> str:
    """The CSV export: a header and one formula-safe row per partner, sorted by id."""
    header = columns(contacts=contacts)
    rows = (partner_row(partner) for partner in sorted(partners, key=lambda p: p["id"]))
    return csv_lines([header, *([protect_cell(row[column]) for column in header] for row in rows)])


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


def field_value(column: str, text: str) -> Any:
    """A CSV cell's text as the raw value of its field (validation comes later).

    Empty is None, list columns split on `;`; everything else stays text.
    """
    text = unprotect_cell(text)
    if column in LIST_FIELDS:
        return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]
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


def import_change(
    record: PartnerRec,
    target: PartnerRec,
    changes: list[tuple[str, Any, Any]],
    contact: dict[str, Any] | None,
    *,
    verb: str = "updated",
) -> Change:
    """The change that makes `record` (the file as it is now) read as `target` (the import's).

    `changes` are (field, old, new) as the import planned them; only fields
    that still differ from the file are set. `contact` is the decision
    maker's new values (CSV), set on the file's first decision maker, or
    added when it has none.
    """
    ops: list[Op] = []
    for name, _old, _new in changes:
        if name.startswith("contact_"):
            continue
        new = target[name]  # type: ignore[literal-required]
        if record[name] != new:  # type: ignore[literal-required]
            ops.append(set_key(name, None if new == [] else new))
    if contact is not None:
        index = next((i for i, c in enumerate(record["contacts"]) if c["decision_maker"]), None)
        if index is None:
            ops.append(append("contacts", {k: v for k, v in contact.items() if v}))
        else:
            current = record["contacts"][index]
            ops += [
                set_field("contacts", index, key, contact[key])
                for key in ("name", "role", "email", "phone")
                if current[key] != contact[key]
            ]
    said = [f"{verb} {record['file']}:"]
    said += [f"  {name}: {shown_value(old)} -> {shown_value(new)}" for name, old, new in changes]
    return Change(record["id"], tuple(ops), tuple(said))
