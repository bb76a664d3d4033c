"""The rules of the advisory commands: members' terms, attendance, notices, new meetings.

Members live in partnerctl.yaml (`advisory_members`, a change of kind
`settings`); attendance and notices in an advisory event's `meetings`, and a
new meeting is a new event (changes of kind `events`, on one event file).
Each rule takes the file's record as it reads now and returns a
:class:`~partnerctl.core.change.Change`, or raises UsageError to refuse.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from partnerctl.core.change import Change, Op, append, append_in, remove_item, set_field, set_in
from partnerctl.core.text import find_text, text_key
from partnerctl.errors import UsageError
from partnerctl.records import EventRec, SettingsRec
from partnerctl.recurrence import occurrences
from partnerctl.words import did_you_mean

SETTINGS_ID = "partnerctl"


def find_member(settings: SettingsRec, name: str, pathway: str) -> int | None:
    """The index of the member `name` (spacing and case ignored) on a pathway's committee."""
    key = text_key(name)
    return next(
        (
            index
            for index, member in enumerate(settings["advisory_members"])
            if text_key(member["name"]) == key and member["pathway"] == pathway
        ),
        None,
    )


def member_change(
    settings: SettingsRec,
    name: str,
    pathway: str,
    fields: Mapping[str, Any],
    *,
    remove: bool = False,
) -> Change:
    """Add a member to a pathway's committee, update their term, partner or role, or remove them.

    `fields` holds `term_ends`, `partner` and `role` as given (None removes
    `partner` or `role`). A new member needs `term_ends`.
    """
    index = find_member(settings, name, pathway)
    if remove:
        if index is None:
            raise _no_member(settings, name, pathway)
        known = settings["advisory_members"][index]["name"]
        return Change(
            SETTINGS_ID,
            (remove_item("advisory_members", index),),
            (f"removed {known} from the {pathway} advisory committee",),
            kind="settings",
        )
    if index is None:
        if fields.get("term_ends") is None:
            raise UsageError(
                f"{name} is not on the {pathway} committee yet: a new member needs --term-ends",
                hint="give the day their term ends, e.g. --term-ends 2028-06-30",
            )
        order = ("partner", "role", "term_ends")  # as the README's example writes a member
        entry = {"name": name, "pathway": pathway, **{k: fields[k] for k in order if k in fields}}
        ends = fields["term_ends"].isoformat()
        said = f"added {name} to the {pathway} advisory committee (term ends {ends})"
        return Change(SETTINGS_ID, (append("advisory_members", entry),), (said,), kind="settings")
    member = settings["advisory_members"][index]
    changed = {key: value for key, value in fields.items() if member[key] != value}  # type: ignore[literal-required]
    if not changed:
        return Change(
            SETTINGS_ID,
            said=(f"{member['name']} ({pathway} committee) unchanged (it already reads so)",),
            kind="settings",
        )
    ops = tuple(set_field("advisory_members", index, key, value) for key, value in changed.items())
    words = ", ".join(
        f"{key.replace('_', ' ')} {value.isoformat() if isinstance(value, date) else value}"
        if value is not None
        else f"no {key}"
        for key, value in changed.items()
    )
    said = f"updated {member['name']} ({pathway} committee): {words}"
    return Change(SETTINGS_ID, ops, (said,), kind="settings")


def _no_member(settings: SettingsRec, name: str, pathway: str) -> UsageError:
    names = [m["name"] for m in settings["advisory_members"] if m["pathway"] == pathway]
    hint = did_you_mean(name, names) or (
        "members: " + ", ".join(names) if names else f"the {pathway} committee has no members"
    )
    return UsageError(f"{name!r} is not on the {pathway} advisory committee", hint=hint)


def committee_names(settings: SettingsRec, names: Sequence[str]) -> list[str]:
    """The members' own spelling of `names`, or a UsageError naming the first unknown one."""
    members = [m["name"] for m in settings["advisory_members"]]
    found: list[str] = []
    for name in names:
        index = find_text(members, name)
        if index is None:
            hint = did_you_mean(name, members) or (
                "members: " + ", ".join(sorted(set(members)))
                if members
                else "add members first: partnerctl advisory member NAME --pathway ID ..."
            )
            raise UsageError(f"{name!r} is not on the advisory committee", hint=hint)
        if members[index] not in found:
            found.append(members[index])
    return found


# --- meetings: events of kind advisory ------------------------------------------


def _event_at(record: Mapping[str, Any], event_id: str) -> tuple[int, EventRec]:
    events: list[EventRec] = record["events"]
    for index, event in enumerate(events):
        if event["id"] == event_id:
            if event["kind"] != "advisory":
                raise UsageError(
                    f"{event_id} is a {event['kind']} event, not an advisory meeting",
                    hint=f"give it `kind: advisory` in {record['file']} first",
                )
            return index, event
    raise UsageError(f"no event {event_id!r} in {record['file']} any more")


def _occurrence(event: EventRec, day: date) -> None:
    if not occurrences(event, day, day):
        raise UsageError(
            f"{event['id']} does not meet on {day.isoformat()}",
            hint=f"it first meets {event['date'].isoformat()}; see `partnerctl calendar`",
        )


def _meeting_ops(event_index: int, event: EventRec, day: date, **fields: Any) -> list[Op]:
    """The operations that record `fields` for the meeting on `day`: its entry, made or changed.

    Only the entry's own lines change; the other meetings' stay as written.
    """
    given = {k: v for k, v in fields.items() if v is not None}
    index = next((i for i, m in enumerate(event["meetings"]) if m["date"] == day), None)
    if index is None:
        entry = {"date": day, **given}
        return [append_in("events", (event_index, "meetings"), entry)]
    path = (event_index, "meetings", index)
    current = event["meetings"][index]
    return [
        set_in("events", path, name, value)
        for name, value in given.items()
        if current[name] != value  # type: ignore[literal-required]
    ]


def attend(
    record: Mapping[str, Any],
    event_id: str,
    day: date,
    names: Sequence[str],
    minutes: str | None = None,
) -> Change:
    """Record members present at the meeting on `day` (added to any recorded before)."""
    index, event = _event_at(record, event_id)
    _occurrence(event, day)
    before = next((m for m in event["meetings"] if m["date"] == day), None)
    present = list(before["present"]) if before is not None else []
    added = [name for name in names if find_text(present, name) is None]
    present += added
    ops = _meeting_ops(index, event, day, present=present or None, minutes=minutes)
    if not ops:
        return Change(
            record["id"],
            said=(f"{event_id} on {day.isoformat()}: attendance already recorded as given",),
            kind="events",
        )
    said = f"recorded attendance at {event_id} on {day.isoformat()}: {len(present)} present"
    if added:
        said += f" ({', '.join(added)} added)"
    return Change(record["id"], tuple(ops), (said,), kind="events")


def notice(record: Mapping[str, Any], event_id: str, day: date, sent: date) -> Change:
    """Record that notice of the meeting on `day` went out on `sent`."""
    index, event = _event_at(record, event_id)
    _occurrence(event, day)
    if sent > day:
        raise UsageError(
            f"--sent {sent.isoformat()} is after the meeting ({day.isoformat()})",
            hint="notice goes out before the meeting",
        )
    ops = _meeting_ops(index, event, day, notice=sent)
    said = f"recorded notice of {event_id} on {day.isoformat()}: sent {sent.isoformat()}"
    if not ops:
        said = (
            f"{event_id} on {day.isoformat()}: notice already recorded as sent {sent.isoformat()}"
        )
    return Change(record["id"], tuple(ops), (said,), kind="events")


def schedule(record: Mapping[str, Any] | None, file_id: str, event: Mapping[str, Any]) -> Change:
    """Add an advisory meeting (an event) to an event file; `record` None makes the file."""
    said = (
        f"scheduled {event['id']}: {event['name']} on {event['date'].isoformat()} "
        f"({', '.join(event['pathways'])})"
    )
    if record is None:
        return Change(file_id, said=(said,), kind="events", create={"events": [dict(event)]})
    taken = [e["id"] for e in record["events"]]
    if event["id"] in taken:
        raise UsageError(f"event {event['id']!r} already exists in {record['file']}")
    return Change(file_id, (append("events", dict(event)),), (said,), kind="events")
