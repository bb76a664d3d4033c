"""Rules for the rest of a partner's record: scalars, text lists, research, busy
seasons, offers, agreements and the owner.

Each takes the record as its file reads now and returns a
:class:`~partnerctl.core.change.Change`. Items of a text list (needs,
openings, tags, pathways) and entries found by a name match as `contact`
matches names (:func:`partnerctl.core.text.text_key`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from partnerctl.core.change import Change, append, remove_item, set_field, set_key
from partnerctl.core.text import count, find_text, quoted, shell_arg, text_key
from partnerctl.errors import UsageError
from partnerctl.records import AgreementRec, OfferRec, PartnerRec
from partnerctl.words import did_you_mean

# The scalars `set` changes: the command-line name → the file's key.
SCALAR_KEYS = {
    "name": "name",
    "industry": "industry",
    "owner": "owner",
    "since": "since",
    "distance": "distance_miles",
    "relationship": "relationship",
    "early-adopter": "early_adopter",
    "best-time": "best_time",
    "channel": "channel",
    "notes": "notes",
}
# The text lists, by the command that edits them → (the file's key, one item in words).
LIST_KEYS = {
    "need": ("needs", "need"),
    "opening": ("openings", "opening"),
    "tag": ("tags", "tag"),
    "pathway": ("pathways", "pathway"),
}
RESEARCH_KEYS = ("business", "trends")


def shown(value: Any) -> str:
    """A value in a sentence: text quoted, a date in ISO, yes/no, a number as written."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return quoted(value)
    return str(value)


def set_scalar(record: PartnerRec, key: str, value: Any) -> Change:
    """`set ID KEY VALUE`: one scalar; None (or false for `early_adopter`) removes the key."""
    partner_id = record["id"]
    old = record[key]  # type: ignore[literal-required]
    if key == "early_adopter" and not value:
        value = None  # false is the default: the file leaves it out
        if not old:
            return Change(partner_id, said=(f"{partner_id}: {key} is already no",))
    if value == old:
        return Change(partner_id, said=(f"{partner_id}: {key} is already {shown(value)}",))
    if value is None:
        return Change(
            partner_id, (set_key(key, None),), (f"{partner_id}: removed {key} (was {shown(old)})",)
        )
    was = f" (was {shown(old)})" if old is not None and old is not False else ""
    return Change(partner_id, (set_key(key, value),), (f"{partner_id}: {key} {shown(value)}{was}",))


def list_item(
    record: PartnerRec, key: str, what: str, text: str, *, remove: bool = False
) -> Change:
    """Add `text` to the list `key` (needs, openings, tags, pathways), or remove that item."""
    partner_id = record["id"]
    items: list[str] = record[key]  # type: ignore[literal-required]
    index = find_text(items, text)
    if remove:
        if index is None:
            hint = did_you_mean(text, items) or (f"{key}: " + ", ".join(items) if items else None)
            raise UsageError(f"{partner_id} has no {what} {text!r}", hint=hint)
        said = f"{partner_id}: removed {what} {quoted(items[index])}"
        return Change(partner_id, (remove_item(key, index),), (said,))
    if index is not None:
        return Change(partner_id, said=(f"{partner_id} already has {what} {quoted(items[index])}",))
    return Change(partner_id, (append(key, text),), (f"{partner_id}: added {what} {quoted(text)}",))


def set_research(record: PartnerRec, field: str, text: str | None) -> Change:
    """`research ID FIELD TEXT`: one research entry (business, trends); None removes it."""
    partner_id = record["id"]
    research = dict(record["research"])
    old = research.get(field)
    if old == text:
        return Change(
            partner_id, said=(f"{partner_id}: research {field} is already {shown(text)}",)
        )
    research[field] = text
    kept = {k: v for k, v in research.items() if v is not None}
    op = set_key("research", kept or None)
    if text is None:
        return Change(partner_id, (op,), (f"{partner_id}: removed research {field}",))
    return Change(partner_id, (op,), (f"{partner_id}: research {field} {quoted(text)}",))


def busy_season(
    record: PartnerRec, start: str, end: str, why: str | None, *, remove: bool = False
) -> Change:
    """`busy ID --from MM-DD --to MM-DD`: add a busy season, change its `why`, or remove it."""
    partner_id = record["id"]
    seasons = record["busy_seasons"]
    index = next((i for i, s in enumerate(seasons) if s["from"] == start and s["to"] == end), None)
    span = f"{start} to {end}"
    if remove:
        if index is None:
            known = ", ".join(f"{s['from']} to {s['to']}" for s in seasons)
            hint = f"busy seasons: {known}" if known else f"{partner_id} has none"
            raise UsageError(f"{partner_id} has no busy season {span}", hint=hint)
        return Change(
            partner_id,
            (remove_item("busy_seasons", index),),
            (f"{partner_id}: removed busy season {span}",),
        )
    if index is None:
        entry = {"from": start, "to": end, "why": why}
        said = f"{partner_id}: added busy season {span}" + (f" ({quoted(why)})" if why else "")
        return Change(partner_id, (append("busy_seasons", entry),), (said,))
    if why is None or why == seasons[index]["why"]:
        return Change(partner_id, said=(f"{partner_id} already has busy season {span}",))
    said = f"{partner_id}: busy season {span} now {quoted(why)}"
    return Change(partner_id, (set_field("busy_seasons", index, "why", why),), (said,))


def find_offer(record: PartnerRec, kind: str, pathway: str | None) -> int | None:
    """The offer of `kind` for `pathway`; with no pathway given, the only offer of that kind."""
    offers = record["offers"]
    exact = [i for i, o in enumerate(offers) if o["kind"] == kind and o["pathway"] == pathway]
    if exact:
        return exact[0]
    if pathway is None:
        of_kind = [i for i, o in enumerate(offers) if o["kind"] == kind]
        if len(of_kind) == 1:
            return of_kind[0]
    return None


def offer(
    record: PartnerRec,
    kind: str,
    pathway: str | None,
    fields: dict[str, Any],
    *,
    remove: bool = False,
) -> Change:
    """`offer ID KIND`: add what the partner gives students, change seats or notes, or remove it.

    `fields` holds `seats` and `notes` as given (None removes one).
    """
    partner_id = record["id"]
    index = find_offer(record, kind, pathway)
    what = _offer_words(kind, pathway)
    if remove:
        if index is None:
            raise _no_offer(record, kind, pathway)
        what = _offer_words(kind, record["offers"][index]["pathway"])
        said = f"{partner_id}: removed offer {what}"
        return Change(partner_id, (remove_item("offers", index),), (said,))
    if index is None:
        entry = {"kind": kind, "pathway": pathway, **fields}
        return Change(
            partner_id,
            (append("offers", entry),),
            (f"{partner_id}: added offer {what}{_offer_detail(fields)}",),
        )
    current: OfferRec = record["offers"][index]
    what = _offer_words(kind, current["pathway"])
    ops = tuple(
        set_field("offers", index, name, value)
        for name, value in fields.items()
        if current[name] != value  # type: ignore[literal-required]
    )
    if not ops:
        return Change(
            partner_id,
            said=(f"{partner_id} already has offer {what}{_offer_detail(dict(current))}",),
        )
    return Change(partner_id, ops, (f"{partner_id}: updated offer {what}{_offer_detail(fields)}",))


def _offer_words(kind: str, pathway: str | None) -> str:
    return f"{kind} ({pathway})" if pathway else kind


def _offer_detail(fields: dict[str, Any]) -> str:
    parts = []
    if fields.get("seats") is not None:
        parts.append(count(fields["seats"], "seat"))
    if fields.get("notes"):
        parts.append(quoted(fields["notes"]))
    return ": " + ", ".join(parts) if parts else ""


def _no_offer(record: PartnerRec, kind: str, pathway: str | None) -> UsageError:
    offers = [_offer_words(o["kind"], o["pathway"]) for o in record["offers"]]
    of_kind = [o for o in record["offers"] if o["kind"] == kind]
    if pathway is None and len(of_kind) > 1:
        hint = "give --pathway: " + ", ".join(str(o["pathway"]) for o in of_kind)
    else:
        hint = "offers: " + ", ".join(offers) if offers else f"{record['id']} has none"
    return UsageError(f"{record['id']} has no offer {_offer_words(kind, pathway)}", hint=hint)


def find_agreement(record: PartnerRec, kind: str, holder: str | None) -> int | None:
    """The agreement of `kind` held by `holder` (any case); no holder: the only one of a kind."""
    agreements = record["agreements"]
    key = text_key(holder) if holder is not None else None
    exact = [
        i
        for i, a in enumerate(agreements)
        if a["kind"] == kind and (text_key(a["holder"]) if a["holder"] is not None else None) == key
    ]
    if exact:
        return exact[0]
    if holder is None:
        of_kind = [i for i, a in enumerate(agreements) if a["kind"] == kind]
        if len(of_kind) == 1:
            return of_kind[0]
    return None


def agreement(
    record: PartnerRec,
    kind: str,
    holder: str | None,
    expires: date | None,
    fields: dict[str, Any],
    *,
    remove: bool = False,
) -> Change:
    """`agreement ID KIND --expires DATE`: add paperwork, renew it (a new expiry), or remove it.

    `fields` holds `notes` when given (None removes them).
    """
    partner_id = record["id"]
    index = find_agreement(record, kind, holder)
    of_kind = [a for a in record["agreements"] if a["kind"] == kind]
    if index is None and holder is None and len(of_kind) > 1:
        raise _no_agreement(record, kind, holder)
    what = f"{kind} of {holder}" if holder else kind
    if remove:
        if index is None:
            raise _no_agreement(record, kind, holder)
        return Change(
            partner_id,
            (remove_item("agreements", index),),
            (f"{partner_id}: removed agreement {what}",),
        )
    if index is None:
        if expires is None:
            raise UsageError(
                f"{partner_id} has no agreement {what} yet: give --expires DATE",
                hint=f"partnerctl agreement {partner_id} {kind} --expires YYYY-MM-DD",
            )
        entry = {"kind": kind, "holder": holder, "expires": expires, **fields}
        said = f"{partner_id}: added agreement {what}, expires {expires.isoformat()}"
        return Change(partner_id, (append("agreements", entry),), (said,))
    current: AgreementRec = record["agreements"][index]
    ops = []
    parts = []
    if expires is not None and expires != current["expires"]:
        ops.append(set_field("agreements", index, "expires", expires))
        verb = "renewed" if expires > current["expires"] else "moved"
        parts.append(
            f"{verb}: expires {expires.isoformat()} (was {current['expires'].isoformat()})"
        )
    if "notes" in fields and fields["notes"] != current["notes"]:
        ops.append(set_field("agreements", index, "notes", fields["notes"]))
        parts.append(f"notes {quoted(fields['notes'])}" if fields["notes"] else "removed notes")
    if not ops:
        return Change(
            partner_id,
            said=(
                f"{partner_id}: agreement {what} unchanged "
                f"(expires {current['expires'].isoformat()})",
            ),
        )
    return Change(partner_id, tuple(ops), (f"{partner_id}: agreement {what} " + "; ".join(parts),))


def _no_agreement(record: PartnerRec, kind: str, holder: str | None) -> UsageError:
    partner_id = record["id"]
    of_kind = [a for a in record["agreements"] if a["kind"] == kind]
    if holder is None and len(of_kind) > 1:
        whose = " or ".join(f"--holder {shell_arg(a['holder'])}" for a in of_kind if a["holder"])
        return UsageError(
            f"{partner_id} has {len(of_kind)} {kind} agreements: say whose with --holder",
            hint=whose or None,
        )
    known = [
        f"{a['kind']} of {a['holder']}" if a["holder"] else a["kind"] for a in record["agreements"]
    ]
    hint = "agreements: " + ", ".join(known) if known else f"{partner_id} has none"
    what = f"{kind} of {holder}" if holder else kind
    return UsageError(f"{partner_id} has no agreement {what}", hint=hint)


def reassign(record: PartnerRec, source: str, target: str) -> Change:
    """`reassign`: move the partner to `target`, if `source` still owns it (read under the lock)."""
    partner_id = record["id"]
    if record["owner"] != source:
        return Change(partner_id, said=(f"skipped {partner_id}: owned by {record['owner']} now",))
    said = f"moved {partner_id} from {source} to {target}"
    return Change(partner_id, (set_key("owner", target),), (said,))
