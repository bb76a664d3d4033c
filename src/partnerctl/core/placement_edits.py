"""The rules of the placement commands: add one, log hours, record paperwork, evaluate, end.

Each rule takes the placement's record as the file reads now and returns a
:class:`~partnerctl.core.change.Change` of kind `placement` (edits as data),
or raises UsageError to refuse. Sentences name the placement by its id and
never by its student's code, so what a command prints is safe to share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from partnerctl.core.change import Change, append, remove_item, set_field, set_key
from partnerctl.core.placements import hours_logged, hours_text, hours_value
from partnerctl.errors import UsageError
from partnerctl.records import PAPERWORK_HOLDERS, PlacementRec

KIND = "placement"


def new_id(partner_id: str, start: date, taken: Iterable[str]) -> str:
    """`PARTNER-YYYY-MM`, with `-2`, `-3`, ... when taken: an id that holds no student's code."""
    base = f"{partner_id[:52]}-{start:%Y-%m}"
    known = set(taken)
    if base not in known:
        return base
    count = 2
    while f"{base}-{count}" in known:
        count += 1
    return f"{base}-{count}"


def new_placement(placement_id: str, data: Mapping[str, Any]) -> Change:
    """The change that makes placements/ID.yaml from `data` (the file's keys)."""
    said = (
        f"added placement {placement_id}: {data['kind']} at {data['partner']} "
        f"from {data['start'].isoformat()} to {data['end'].isoformat()}"
    )
    return Change(placement_id, said=(said,), kind=KIND, create=dict(data))


def _inside(record: PlacementRec, day: date, what: str) -> None:
    if not record["start"] <= day <= record["end"]:
        raise UsageError(
            f"{what} {day.isoformat()} falls outside {record['id']} "
            f"({record['start'].isoformat()} to {record['end'].isoformat()})",
            hint="give a date inside the placement, or change its start or end first",
        )


def log_hours(record: PlacementRec, hours: float, when: date) -> Change:
    """Append hours worked on `when` (a day, or the end of a period on a monthly form)."""
    _inside(record, when, "--date")
    total = hours_logged(record) + hours
    planned = record["planned_hours"]
    of = f" of {hours_text(planned)} planned" if planned is not None else ""
    said = (
        f"logged {hours_text(hours)} hours at {record['id']} on {when.isoformat()}: "
        f"{hours_text(total)}{of} in all"
    )
    entry = {"date": when, "hours": hours_value(hours)}
    return Change(record["id"], (append("hours", entry),), (said,), kind=KIND)


def record_paperwork(
    record: PlacementRec,
    kind: str,
    when: date | None,
    expires: date | None,
    *,
    remove: bool = False,
) -> Change:
    """Record a document of the placement's own (signed or received on `when`), or remove it.

    The supervisor's and the partner's documents are partner agreements: the
    refusal names the command that records them.
    """
    from partnerctl.core.text import command

    holder = PAPERWORK_HOLDERS[kind]
    if holder != "placement":
        words = ["agreement", record["partner"], kind]
        if holder == "supervisor":
            words += ["--holder", record["supervisor"]]
        whose = "the supervisor's" if holder == "supervisor" else "the partner's"
        raise UsageError(
            f"{kind} is {whose}, kept in {record['partner']}'s agreements, not in the placement",
            hint=command(*words, "--expires", "YYYY-MM-DD"),
        )
    index = next((i for i, p in enumerate(record["paperwork"]) if p["kind"] == kind), None)
    pid = record["id"]
    if remove:
        if index is None:
            raise UsageError(f"{pid} has no {kind} on file", hint="nothing to remove")
        return Change(
            pid, (remove_item("paperwork", index),), (f"removed {kind} from {pid}",), kind=KIND
        )
    assert when is not None
    if expires is not None and expires < when:
        raise UsageError(
            f"--expires {expires.isoformat()} is before --date {when.isoformat()}",
            hint="--date is when it was signed or received",
        )
    until = f", expires {expires.isoformat()}" if expires is not None else ""
    if index is None:
        entry = {"kind": kind, "date": when, "expires": expires}
        said = f"recorded {kind} for {pid}: signed {when.isoformat()}{until}"
        return Change(pid, (append("paperwork", entry),), (said,), kind=KIND)
    current = record["paperwork"][index]
    if current["date"] == when and current["expires"] == expires:
        return Change(
            pid, said=(f"{pid}: {kind} already on file as given; nothing changed",), kind=KIND
        )
    ops = (
        set_field("paperwork", index, "date", when),
        set_field("paperwork", index, "expires", expires),
    )
    said = f"updated {kind} of {pid}: signed {when.isoformat()}{until}"
    return Change(pid, ops, (said,), kind=KIND)


def evaluate(
    record: PlacementRec,
    when: date,
    overall: str,
    would_hire: str | None,
    scores: Mapping[str, int],
) -> Change:
    """Record the end-of-placement evaluation (replacing one already on file)."""
    if when < record["start"]:
        raise UsageError(
            f"--date {when.isoformat()} is before {record['id']} starts "
            f"({record['start'].isoformat()})"
        )
    evaluation: dict[str, Any] = {"date": when, "overall": overall}
    if would_hire is not None:
        evaluation["would_hire"] = would_hire
    if scores:
        evaluation["scores"] = dict(scores)
    verb = "replaced" if record["evaluation"] is not None else "recorded"
    parts = [overall]
    if would_hire is not None:
        parts.append(f"would hire: {would_hire}")
    if scores:
        parts.append(", ".join(f"{name} {value}" for name, value in scores.items()))
    said = f"{verb} the evaluation of {record['id']} on {when.isoformat()}: {'; '.join(parts)}"
    return Change(record["id"], (set_key("evaluation", evaluation),), (said,), kind=KIND)


def end_placement(record: PlacementRec, when: date, outcome: str) -> Change:
    """End the placement on `when` (its `end` moves there) with its outcome."""
    pid = record["id"]
    if when < record["start"]:
        raise UsageError(
            f"--date {when.isoformat()} is before {pid} starts ({record['start'].isoformat()})"
        )
    later = [entry["date"] for entry in record["hours"] if entry["date"] > when]
    if later:
        raise UsageError(
            f"{pid} has hours logged on {max(later).isoformat()}, after {when.isoformat()}",
            hint="end it on or after its last logged day",
        )
    if record["end"] == when and record["outcome"] == outcome:
        return Change(
            pid, said=(f"{pid} already ended on {when.isoformat()} ({outcome})",), kind=KIND
        )
    ops = []
    if record["end"] != when:
        ops.append(set_key("end", when))
    if record["outcome"] != outcome:
        ops.append(set_key("outcome", outcome))
    planned = record["planned_hours"]
    of = f" of {hours_text(planned)} planned" if planned is not None else ""
    said = [
        f"ended {pid} on {when.isoformat()} ({outcome}): "
        f"{hours_text(hours_logged(record))}{of} hours logged"
    ]
    if record["evaluation"] is None:
        from partnerctl.core.text import command

        said.append("evaluation due: " + command("placement", "evaluate", pid, "--overall", "…"))
    return Change(pid, tuple(ops), tuple(said), kind=KIND)
