"""The `contact` rule: add a contact, or update or remove one found by name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from partnerctl.core.change import Change, append, remove_item, set_field
from partnerctl.core.facts import find_contact
from partnerctl.core.text import quoted
from partnerctl.errors import UsageError
from partnerctl.records import ContactRec, PartnerRec
from partnerctl.words import did_you_mean

# The text fields of a contact, in the order a sentence names them.
TEXT_FIELDS = ("role", "email", "phone")


def no_such_contact(record: PartnerRec, name: str) -> UsageError:
    """The error for a name that is none of the partner's contacts."""
    names = [person["name"] for person in record["contacts"]]
    hint = did_you_mean(name, names)
    if hint is None and names:
        hint = "contacts: " + ", ".join(names)
    return UsageError(f"{record['id']} has no contact {name!r}", hint=hint)


def contact_change(
    record: PartnerRec, name: str, fields: Mapping[str, Any], *, remove: bool = False
) -> Change:
    """Add the contact `name`, update the fields given (None removes one), or remove it.

    `fields` holds `role`, `email`, `phone` (text, or None to remove) and
    `decision_maker` (True, or None for not one).
    """
    partner_id = record["id"]
    index = find_contact(record["contacts"], name)
    if remove:
        if index is None:
            raise no_such_contact(record, name)
        known = record["contacts"][index]["name"]
        return Change(
            partner_id,
            (remove_item("contacts", index),),
            (f"removed contact {known} from {partner_id}",),
        )
    if index is None:
        entry = {"name": name, **fields}
        said = f"added contact {name} to {partner_id}" + _decision_note(fields)
        return Change(partner_id, (append("contacts", entry),), (said,))
    person = record["contacts"][index]
    known = person["name"]
    if not fields:
        return Change(
            partner_id,
            said=(f"{partner_id}: contact {known} unchanged (give --role, --email, ...)",),
        )
    changed = _changes(person, fields)
    if not changed:
        return Change(
            partner_id, said=(f"{partner_id}: contact {known} unchanged (it already reads so)",)
        )
    ops = tuple(set_field("contacts", index, key, value) for key, value in fields.items())
    return Change(partner_id, ops, (f"updated contact {known} of {partner_id}: {changed}",))


def _decision_note(fields: Mapping[str, Any]) -> str:
    if "decision_maker" not in fields:
        return ""
    return " (decision maker)" if fields["decision_maker"] else " (not a decision maker)"


def _changes(person: ContactRec, fields: Mapping[str, Any]) -> str:
    """What an update changes, in words: `phone "555-0199"; removed email; now a decision maker`."""
    parts = [
        ", ".join(
            f"{key} {quoted(fields[key])}"
            for key in TEXT_FIELDS
            if fields.get(key) is not None and fields[key] != person[key]  # type: ignore[literal-required]
        ),
        ", ".join(
            key
            for key in TEXT_FIELDS
            if key in fields and fields[key] is None and person[key]  # type: ignore[literal-required]
        ),
    ]
    if parts[1]:
        parts[1] = "removed " + parts[1]
    if "decision_maker" in fields and bool(fields["decision_maker"]) != person["decision_maker"]:
        parts.append(
            "now a decision maker" if fields["decision_maker"] else "no longer a decision maker"
        )
    return "; ".join(part for part in parts if part)
