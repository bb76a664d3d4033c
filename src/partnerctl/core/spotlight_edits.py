"""Rules for spotlights in a partner's file: record one, and publish, move or cancel a planned one.

A planned spotlight is found by its place (`--where`) and, when a partner
has several planned at one place, its planned day (`--planned-for`). Pure:
today and the author are inputs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from partnerctl.core.change import Change, append, remove_item, set_field
from partnerctl.core.spotlight import media_release
from partnerctl.core.text import command, quoted, text_key
from partnerctl.errors import UsageError
from partnerctl.records import PartnerRec, SpotlightRec


def planned(record: PartnerRec) -> list[tuple[int, SpotlightRec]]:
    """The partner's planned spotlights with their indexes, earliest first."""
    found = [(i, s) for i, s in enumerate(record["spotlights"]) if s["status"] == "planned"]
    return sorted(found, key=lambda pair: (pair[1]["date"], pair[0]))


def select_words(record: PartnerRec, spot: SpotlightRec) -> list[str]:
    """The options that pick `spot` among the partner's planned spotlights (none if alone)."""
    plans = [s for _, s in planned(record)]
    if len(plans) <= 1:
        return []
    words = ["--where", spot["where"]]
    if sum(1 for s in plans if s["where"] == spot["where"]) > 1:
        words += ["--planned-for", spot["date"].isoformat()]
    return words


def find_planned(record: PartnerRec, where: str | None, planned_for: date | None) -> int:
    """The index of the one planned spotlight `where` and `planned_for` pick, or a UsageError."""
    partner_id = record["id"]
    plans = planned(record)
    chosen = [
        (i, s)
        for i, s in plans
        if (where is None or s["where"] == where)
        and (planned_for is None or s["date"] == planned_for)
    ]
    if len(chosen) == 1:
        return chosen[0][0]
    if not plans:
        plan = command("spotlight", "add", partner_id, "--where", "…", "--title", "…")
        raise UsageError(
            f"{partner_id} has no planned spotlight",
            hint=f"plan one: {plan} --planned --date YYYY-MM-DD",
        )
    options = "; ".join(
        f"{s['date'].isoformat()} {s['where']} {quoted(s['title'])}: "
        + command("spotlight", "publish", partner_id, *select_words(record, s))
        for _, s in plans
    )
    if not chosen:
        what = " ".join(
            part for part in (where, planned_for.isoformat() if planned_for else None) if part
        )
        raise UsageError(
            f"{partner_id} has no planned spotlight {what}".rstrip(), hint=f"planned: {options}"
        )
    raise UsageError(f"{partner_id} has {len(chosen)} planned spotlights: say which", hint=options)


def _described(partner_id: str, spot: dict[str, Any]) -> str:
    return (
        f"for {partner_id}: {spot['date'].isoformat()} {spot['where']} {quoted(spot['title'], 80)}"
    )


def _reminder(record: PartnerRec, day: date) -> tuple[str, ...]:
    covered, note = media_release(record, day)
    return () if covered or not note else (f"reminder: {note}",)


def matching_plan(record: PartnerRec, where: str, title: str) -> int | None:
    """The index of a planned spotlight at `where` with the same title (any case), if any."""
    for index, spot in planned(record):
        if spot["where"] == where and text_key(spot["title"]) == text_key(title):
            return index
    return None


def add_spotlight(
    record: PartnerRec, where: str, title: str, when: date, *, is_planned: bool, by: str | None
) -> Change:
    """`spotlight add`: record a spotlight (published, or planned).

    Publishing one that was planned at the same place with the same title
    marks that one published instead of adding a second.
    """
    partner_id = record["id"]
    index = None if is_planned else matching_plan(record, where, title)
    if index is not None:
        return publish(record, index, when, None, by)
    status = "planned" if is_planned else "published"
    entry = {"date": when, "where": where, "title": title, "status": status, "by": by}
    said = f"{status} spotlight {_described(partner_id, entry)}"
    return Change(partner_id, (append("spotlights", entry),), (said, *_reminder(record, when)))


def publish(
    record: PartnerRec, index: int, when: date, title: str | None, by: str | None
) -> Change:
    """`spotlight publish`: mark a planned spotlight published on `when` (a new title optional)."""
    partner_id = record["id"]
    spot = record["spotlights"][index]
    ops = [set_field("spotlights", index, "status", "published")]
    if spot["date"] != when:
        ops.append(set_field("spotlights", index, "date", when))
    if title is not None and title != spot["title"]:
        ops.append(set_field("spotlights", index, "title", title))
    if by is not None and spot["by"] != by:
        ops.append(set_field("spotlights", index, "by", by))
    shown = {"date": when, "where": spot["where"], "title": title or spot["title"]}
    said = f"published the planned spotlight {_described(partner_id, shown)}"
    return Change(partner_id, tuple(ops), (said, *_reminder(record, when)))


def move(record: PartnerRec, index: int, when: date) -> Change:
    """`spotlight move`: give a planned spotlight another day."""
    partner_id = record["id"]
    spot = record["spotlights"][index]
    if spot["date"] == when:
        return Change(
            partner_id,
            said=(
                f"the planned spotlight {_described(partner_id, dict(spot))} "
                "is already on that day",
            ),
        )
    said = f"moved the planned spotlight {_described(partner_id, dict(spot))} to {when.isoformat()}"
    return Change(partner_id, (set_field("spotlights", index, "date", when),), (said,))


def cancel(record: PartnerRec, index: int) -> Change:
    """`spotlight cancel`: remove a planned spotlight from the file."""
    partner_id = record["id"]
    spot = record["spotlights"][index]
    said = f"cancelled the planned spotlight {_described(partner_id, dict(spot))}"
    return Change(partner_id, (remove_item("spotlights", index),), (said,))
