"""The advisory committee as plain lines (also the table format) and JSON.

Shared by `advisory` and the report's advisory section: each committee's
members with their terms and attendance, then its meetings, held and ahead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING

from partnerctl.render.table import plain_text
from partnerctl.render.text import count

if TYPE_CHECKING:
    from partnerctl.core.advisory import Committee, Meeting, MemberLine
    from partnerctl.errors import Problem

NO_COMMITTEE = (
    "No advisory committee yet: `partnerctl advisory member NAME --pathway ID "
    "--term-ends DATE` adds a member."
)


def heading(committee: Committee) -> str:
    """`automotive (Automotive Technology): 3 members; 1 meeting held, 1 ahead (2 required)`."""
    held, ahead = len(committee.held), len(committee.ahead)
    return (
        f"{committee.pathway} ({plain_text(committee.name)}): "
        f"{count(len(committee.members), 'member')}; {count(held, 'meeting')} held, "
        f"{ahead} ahead ({committee.required} required)"
    )


def member_line(line: MemberLine) -> str:
    """`Rick Alvarez (riverside-auto), term ends 2027-06-30: attended 1 of 1`."""
    member = line.member
    who = member["partner"] or member["role"]
    text = plain_text(member["name"]) + (f" ({plain_text(who)})" if who else "")
    return (
        f"{text}, term ends {member['term_ends'].isoformat()}: "
        f"attended {line.attended} of {line.held}"
    )


def meeting_line(meeting: Meeting, members: int, today: date) -> str:
    """`2026-10-15  auto-advisory-fall: 2 of 3 present, notice 2026-09-30`."""
    head = f"{meeting.date.isoformat()}  {meeting.event['id']}"
    notice = meeting.record["notice"] if meeting.record else None
    sent = f"notice {notice.isoformat()}" if notice else "no notice recorded"
    if meeting.date > today:
        return f"{head}: ahead, {sent}"
    if not meeting.recorded:
        return f"{head}: attendance not recorded, {sent}"
    return f"{head}: {len(meeting.present)} of {members} present, {sent}"


def lines(committees: Sequence[Committee]) -> Iterator[str]:
    """Every committee: its heading, members, then meetings (indented)."""
    for committee in committees:
        yield heading(committee)
        for line in committee.members:
            yield "  " + member_line(line)
        for meeting in committee.meetings:
            yield "  " + meeting_line(meeting, len(committee.members), committee.today)


def plain(committees: Sequence[Committee], start: date, end: date) -> str:
    """The committees of a school year as plain lines (or the one line when there is none)."""
    if not committees:
        return NO_COMMITTEE + "\n"
    head = f"Advisory committees, {start.isoformat()} to {end.isoformat()}"
    return "\n".join([head, *lines(committees)]) + "\n"


def json_doc(committees: Sequence[Committee], start: date, end: date, errors: list[Problem]) -> str:
    """`{"version": 1, "from", "to", "committees": [...], "errors": [...]}`."""
    from partnerctl.render.jsonout import document

    body = {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "committees": [committee.as_json() for committee in committees],
    }
    return document(body, errors)
