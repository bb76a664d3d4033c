"""`show ID` output: one partner's profile as styled lines (table), plain lines, json or md."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from partnerctl.core.facts import NO_ACTION, miles_away
from partnerctl.render.due import notes
from partnerctl.render.table import plain_text

if TYPE_CHECKING:
    from rich.console import Console

    from partnerctl.core.listing import Profile
    from partnerctl.core.placements import PlacementRow
    from partnerctl.errors import Problem
    from partnerctl.records import ContactRec, TouchpointRec

# A profile is a list of sections: (heading or None, lines). Headings are ours;
# every line holds user text and is cleaned when printed.
Section = tuple[str | None, list[str]]


def _join(*parts: str | None, sep: str = ", ") -> str:
    return sep.join(part for part in parts if part)


def contact_line(contact: ContactRec) -> str:
    """`Dana Ortiz, Service Manager, dana@example.com, 555-0142 (decision maker)`."""
    line = _join(contact["name"], contact["role"], contact["email"], contact["phone"])
    return line + (" (decision maker)" if contact["decision_maker"] else "")


def touch_line(touch: TouchpointRec) -> str:
    """`2026-11-02  email  with Dana Ortiz: Sent one-page intro → replied`."""
    head = _join(touch["date"].isoformat(), touch["channel"], sep="  ")
    if touch["with"]:
        head += f"  with {touch['with']}"
    text = head + (f": {touch['summary']}" if touch["summary"] else "")
    extras = []
    if touch["outcome"]:
        extras.append(touch["outcome"])
    if touch["stage"]:
        extras.append(f"stage → {touch['stage']}")
    if touch["students"] is not None:
        extras.append(f"{touch['students']} students")
    if touch["by"]:
        extras.append(f"by {touch['by']}")
    return text + (f" ({', '.join(extras)})" if extras else "")


def sections(found: Profile) -> tuple[str, list[Section]]:
    """The title line and the sections of a profile, in reading order."""
    p = found.partner
    title = f"{p['name']} ({p['id']})"
    facts = [
        _join(
            f"stage: {p['stage']}",
            f"owner: {p['owner']}" if p["owner"] else None,
            f"industry: {p['industry']}" if p["industry"] else None,
            sep="   ",
        )
    ]
    if p["pathways"]:
        facts.append("pathways: " + ", ".join(p["pathways"]))
    facts.append(
        _join(
            f"since: {p['since'].isoformat()}" if p["since"] else None,
            f"channel: {p['channel']}" if p["channel"] else None,
            f"best time: {p['best_time']}" if p["best_time"] else None,
            miles_away(p["distance_miles"]) if p["distance_miles"] is not None else None,
            "early adopter" if p["early_adopter"] else None,
            sep="   ",
        )
    )
    if p["tags"]:
        facts.append("tags: " + ", ".join(p["tags"]))
    if p["relationship"]:
        facts.append(f"relationship: {p['relationship']}")
    out: list[Section] = [(None, [line for line in facts if line])]
    contacts = [contact_line(c) for c in p["contacts"]]
    if not found.decision_maker:
        contacts.append("no decision maker marked")
    out.append(("Contacts", contacts))
    out.append(("Needs", list(p["needs"])))
    out.append(("Openings", list(p["openings"])))
    research = [
        f"{key}: {p['research'][key]}" for key in ("business", "trends") if p["research"][key]
    ]
    out.append(("Research", research))
    out.append(
        (
            "Offers",
            [
                _join(
                    offer["kind"],
                    offer["pathway"],
                    f"{offer['seats']} seats" if offer["seats"] is not None else None,
                    offer["notes"],
                )
                for offer in p["offers"]
            ],
        )
    )
    out.append(
        (
            "Agreements",
            [
                _join(
                    a["kind"]
                    + (f" ({a['holder']})" if a["holder"] else "")
                    + f" expires {a['expires'].isoformat()}",
                    a["notes"],
                )
                for a in p["agreements"]
            ],
        )
    )
    out.append(
        (
            "Busy seasons",
            [_join(f"{s['from']} to {s['to']}", s["why"], sep=": ") for s in p["busy_seasons"]],
        )
    )
    step = p["next"]
    next_line = (
        _join(step["date"].isoformat(), step["action"] or NO_ACTION, sep="  ")
        if step
        else "none scheduled"
    )
    out.append(("Next step", [next_line]))
    out.append(("History (newest first)", [touch_line(t) for t in found.history]))
    out.append(
        (
            "Spotlights",
            [
                _join(
                    s["date"].isoformat(),
                    s["where"],
                    s["title"],
                    s["status"],
                    f"by {s['by']}" if s["by"] else None,
                    sep="  ",
                )
                for s in p["spotlights"]
            ],
        )
    )
    out.append(("Placements", [placement_line(row, found.students) for row in found.placements]))
    if p["notes"]:
        out.append(("Notes", [p["notes"]]))
    due_lines: list[str] = []
    for item in found.due:
        due_lines.append(
            f"{item.status:<8}  {item.date.isoformat()}  {item.kind}"
            + (f"  {item.placement}:" if item.placement else "")
            + f"  {item.action}"
            + "".join(f"  [{note}]" for note in notes(item))
        )
        due_lines += [f"  → {command}" for command in item.commands]
    out.append(("Due today", due_lines or ["nothing"]))
    return title, [(head, lines) for head, lines in out if lines]


def placement_line(row: PlacementRow, students: bool) -> str:
    """`st-lukes-2026-10  internship  S-0388  2026-10-05..2027-01-29  running  34/120 h  ...`."""
    from partnerctl.render.placements import hours_cell, paperwork_cell, state_cell

    p = row.placement
    parts = [p["id"], p["kind"]]
    if students:
        parts.append(p["student"])
    parts += [
        f"{p['start'].isoformat()}..{p['end'].isoformat()}",
        state_cell(row),
        hours_cell(row),
        "paperwork " + paperwork_cell(row),
    ]
    return "  ".join(parts)


def plain(found: Profile) -> str:
    """Stable lines: the title, facts, then `Heading:` and indented items."""
    title, parts = sections(found)
    lines = [plain_text(title)]
    for head, items in parts:
        if head is None:
            lines += [plain_text(item) for item in items]
        else:
            lines.append(f"{head}:")
            lines += ["  " + plain_text(item) for item in items]
    return "\n".join(lines) + "\n"


def table(found: Profile, console: Console) -> None:
    """The same profile with a bold title and headings (Rich, no markup read from user text).

    A line too long for the terminal wraps with a hanging indent, under its item.
    """
    from rich.text import Text

    from partnerctl.render.table import hanging

    title, parts = sections(found)
    out = Text()
    out.append(plain_text(title), style="bold")
    for head, items in parts:
        if head is not None:
            out.append("\n")
            out.append(head, style="bold underline")
        for item in items:
            indent = 2 if head else 0
            out.append("\n")
            out.append_text(hanging(console, Text(plain_text(item)), indent, indent + 2))
    console.print(out)


def md_doc(found: Profile) -> str:
    """Markdown: a heading, then a list per section (never a student's code: md is shared)."""
    from dataclasses import replace

    from partnerctl.render.text import md_text

    title, parts = sections(replace(found, students=False))
    lines = [f"# {md_text(title)}", ""]
    for head, items in parts:
        if head is not None:
            lines += [f"## {head}", ""]
        lines += [f"- {md_text(item)}" for item in items]
        lines.append("")
    return "\n".join(lines)


def json_doc(found: Profile, today: date, errors: list[Problem] | None) -> str:
    """`{"version": 1, "today", "partner": ID, "file", "profile": {...}, "items": [...]}`.

    `partner` is the id, as in every document; `profile` is the partner as
    `export` gives it; `items` are its due items, as `due` gives them.
    """
    from partnerctl.core.exchange import partner_json
    from partnerctl.render.jsonout import document

    due = [item.as_json() for item in found.due]
    if not found.students:
        for item in due:
            item.pop("student", None)
    body = {
        "today": today,
        "partner": found.partner["id"],
        "file": found.partner["file"],
        "profile": partner_json(found.partner),
        "items": due,
        "placements": [row.as_json(students=found.students) for row in found.placements],
    }
    return document(body, errors=errors)
