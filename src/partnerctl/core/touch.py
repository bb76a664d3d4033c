"""The rules of a touch: `log`, `stage`, `snooze` and `plan --apply`, as changes.

Each function takes a partner's record as its file reads now and returns a
:class:`~partnerctl.core.change.Change` (what to set and append, and what to
tell the user). Pure: "today" and the author are inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from partnerctl.core.change import Change, Op, append, remove_key, set_key
from partnerctl.core.text import one_line, quoted
from partnerctl.errors import UsageError
from partnerctl.records import PartnerRec


@dataclass(frozen=True)
class NextStep:
    """What a touch does to the follow-up (`next`): set a date, clear it, or leave it.

    `date` sets a new follow-up (with `action`, else the old action while the
    old follow-up was still ahead); `clear` (`--next none`) clears any;
    neither: one dated today or earlier is done and cleared, a later one stays.
    `note` is what the user is told about the date (moved off a closed day).
    """

    date: date | None = None
    clear: bool = False
    action: str | None = None
    note: str | None = None


def next_after_touch(
    record: PartnerRec, today: date, step: NextStep
) -> tuple[list[Op], list[str], date | None]:
    """DESIGN's rule for `next` after a touch: its operations, what to say, and what it closed.

    The third value is the date of the follow-up the touch completed (done,
    or cleared by `--next none`), for the touchpoint's `closes`.
    """
    old = record["next"]
    notes: list[str] = []
    ops: list[Op] = []
    done = old is not None and old["date"] <= today
    closed: date | None = None
    if old is not None and (done or step.clear):
        verb = "cleared follow-up" if done else "cleared the follow-up"
        what = quoted(old["action"]) if old["action"] else "with no action"
        notes.append(f"{verb} {what} (was {old['date'].isoformat()})")
        closed = old["date"]
    if step.date is not None:
        action = step.action
        if action is None and old is not None and not done:
            action = old["action"]
        ops.append(set_key("next", {"date": step.date, "action": action}))
        day = step.date.isoformat()
        if action:
            notes.append(f"next {day} {quoted(action)}")
        else:
            snooze = f'partnerctl snooze {record["id"]} {day} --action "…"'
            notes.append(f"next {day} (no action: add one with {snooze})")
        if step.note:
            notes.append(step.note)
    elif old is not None and (done or step.clear):
        ops.append(remove_key("next"))
    elif old is not None:
        notes.append(f"follow-up stays on {old['date'].isoformat()}")
    return ops, notes, closed


@dataclass(frozen=True)
class Touch:
    """A touchpoint to record, as `log` takes it from the command line."""

    date: date
    summary: str
    channel: str | None = None
    with_: str | None = None
    outcome: str | None = None
    stage: str | None = None
    students: int | None = None
    by: str | None = None


def log_touch(record: PartnerRec, touch: Touch, today: date, step: NextStep) -> Change:
    """`log`: append a touchpoint, move the stage if asked, and apply the `next` rule."""
    channel = touch.channel or record["channel"]
    ops: list[Op] = []
    notes: list[str] = []
    moved: str | None = None
    if touch.stage is not None and touch.stage != record["stage"]:
        moved = touch.stage
        ops.append(set_key("stage", touch.stage))
        notes.append(f"stage {record['stage']} → {touch.stage}")
    elif touch.stage is not None:
        notes.append(f"stage stays {touch.stage}")
    next_ops, next_notes, closed = next_after_touch(record, today, step)
    entry: dict[str, Any] = {
        "date": touch.date, "channel": channel, "with": touch.with_, "summary": touch.summary,
        "outcome": touch.outcome, "stage": moved, "students": touch.students, "by": touch.by,
        "closes": closed,
    }  # fmt: skip
    ops.append(append("touchpoints", entry))
    ops.extend(next_ops)
    head = f"logged {record['id']}: {touch.date.isoformat()} "
    head += f"{channel} " if channel else ""
    line = "; ".join([head + quoted(touch.summary, 80), *notes, *next_notes])
    return Change(record["id"], tuple(ops), (line,))


def move_stage(
    record: PartnerRec, stage: str, when: date, summary: str | None, by: str | None = None
) -> Change:
    """`stage`: set the stage and record a touchpoint that carries the move."""
    old = record["stage"]
    if old == stage:
        return Change(
            record["id"], said=(f"{record['id']} is already at stage {old}; nothing changed",)
        )
    text = summary or f"Stage {old} → {stage}"
    entry = {"date": when, "summary": text, "stage": stage, "by": by}
    ops = (set_key("stage", stage), append("touchpoints", entry))
    said = f"{record['id']}: stage {old} → {stage} ({when.isoformat()} {quoted(text)})"
    return Change(record["id"], ops, (said,))


def snooze(
    record: PartnerRec, when: date, action: str | None, date_text: str, note: str | None = None
) -> Change:
    """`snooze`: move the follow-up to `when`, keeping its action (or setting `action`).

    With no follow-up yet, `action` makes one; without it the command is
    refused with the command that makes one (`date_text` as the user gave it).
    """
    partner_id = record["id"]
    old = record["next"]
    if old is None and action is None:
        raise UsageError(
            f"{partner_id} has no follow-up to move",
            hint=f'make one: partnerctl snooze {partner_id} {date_text} --action "…"',
        )
    what = action if action is not None else (old["action"] if old else None)
    text = f"snoozed {partner_id}: follow-up {quoted(what) if what else '(no action)'} "
    if old and old["date"] == when:
        text += "already on "
    else:
        text += f"moved {old['date'].isoformat()} → " if old else "set for "
    text += when.isoformat()
    if old and action is not None and old["action"] != action:
        text += f" (action was {quoted(old['action'])})" if old["action"] else " (action added)"
    if note:
        text += f" ({note})"
    unchanged = old is not None and old["date"] == when and old["action"] == what
    ops = () if unchanged else (set_key("next", {"date": when, "action": what}),)
    return Change(partner_id, ops, (text,))


def plan_next(record: PartnerRec, day: date, action: str) -> Change:
    """`plan --apply`: set the proposed follow-up, unless one was set since the plan was made."""
    if record["next"] is not None:
        return Change(record["id"], said=(f"skipped {record['file']}: it has a `next` now",))
    ops = (set_key("next", {"date": day, "action": action}),)
    said = f"wrote {record['file']}: next {day.isoformat()} {one_line(action)}"
    return Change(record["id"], ops, (said,))
