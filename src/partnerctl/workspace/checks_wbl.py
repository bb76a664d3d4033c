"""Checks across records for work-based learning: placements, advisory members, meetings.

Like :mod:`partnerctl.workspace.checks` (whose :class:`Finding` they return),
they run on every load, warm or cold, on plain records. A placement's student
code is checked here, against the settings' `student_code` pattern, with the
message about student privacy (:mod:`partnerctl.privacy`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from partnerctl.core.text import command, find_text, text_key
from partnerctl.privacy import code_in_id, code_problem
from partnerctl.records import EventRec, PartnerRec, PlacementRec, SettingsRec
from partnerctl.workspace.checks import Finding, unknown_pathway
from partnerctl.workspace.discover import SETTINGS_FILE


def _unknown_partner(
    file: str, loc: tuple[int | str, ...], partner: str, known: Iterable[str]
) -> Finding:
    from partnerctl.words import did_you_mean

    hint = did_you_mean(partner, known) or "a partner id is its file's name in partners/"
    return Finding(file, loc, f"{partner!r} is not a partner (no partners/{partner}.yaml)", hint)


def _not_a_contact(
    file: str, loc: tuple[int | str, ...], name: str, partner: PartnerRec
) -> Finding | None:
    """A finding when `name` is none of the partner's contacts (spacing and case ignored)."""
    from partnerctl.words import did_you_mean

    names = [contact["name"] for contact in partner["contacts"]]
    if find_text(names, name) is not None:
        return None
    hint = did_you_mean(name, names) or "add them first: " + command(
        "contact", partner["id"], "--name", name
    )
    return Finding(file, loc, f"{name!r} is not a contact of {partner['id']}", hint)


def placement_findings(
    placement: PlacementRec,
    partners: Mapping[str, PartnerRec],
    partner_ids: Collection[str],
    settings: SettingsRec,
    gaps: frozenset[str] = frozenset(),
) -> list[Finding]:
    """A placement's student code, id, partner, supervisor and pathway against the rest.

    `partner_ids` holds every partner file's id, valid or not: a placement of a
    partner whose file has errors is not faulted for it (that file is).
    """
    file = placement["file"]
    found: list[Finding] = []
    student = placement["student"]
    if "student_code" not in gaps:
        problem = code_problem(student, settings["student_code"])
        if problem is not None:
            found.append(Finding(file, ("student",), *problem))
    if code_in_id(placement["id"], student):
        found.append(
            Finding(
                file,
                (),
                "the file's name holds the student's code, which output without student "
                "codes (--no-students) would still show (student privacy)",
                f"rename it, e.g. to {placement['partner']}-{placement['start']:%Y-%m}.yaml",
            )
        )
    partner_id = placement["partner"]
    partner = partners.get(partner_id)
    if partner is None and partner_id not in partner_ids:
        found.append(_unknown_partner(file, ("partner",), partner_id, partner_ids))
    elif partner is not None:
        missing = _not_a_contact(file, ("supervisor",), placement["supervisor"], partner)
        if missing is not None:
            found.append(missing)
    pathway = placement["pathway"]
    if "pathways" not in gaps and pathway is not None:
        known = [p["id"] for p in settings["pathways"]]
        if pathway not in known:
            found.append(unknown_pathway(file, ("pathway",), pathway, known))
    return found


def member_findings(
    settings: SettingsRec,
    partners: Mapping[str, PartnerRec],
    partner_ids: Collection[str],
    gaps: frozenset[str] = frozenset(),
) -> list[Finding]:
    """The advisory members' pathways, partners and names (a partner's member is its contact)."""
    if "advisory_members" in gaps:
        return []
    found: list[Finding] = []
    known = [p["id"] for p in settings["pathways"]]
    seen: set[tuple[str, str]] = set()
    for index, member in enumerate(settings["advisory_members"]):
        loc = ("advisory_members", index)
        key = (text_key(member["name"]), member["pathway"])
        if key in seen:
            found.append(
                Finding(
                    SETTINGS_FILE,
                    (*loc, "name"),
                    f"{member['name']!r} is listed twice for the {member['pathway']} committee",
                    "keep one entry",
                )
            )
        seen.add(key)
        if "pathways" not in gaps and member["pathway"] not in known:
            found.append(
                unknown_pathway(SETTINGS_FILE, (*loc, "pathway"), member["pathway"], known)
            )
        partner_id = member["partner"]
        if partner_id is None:
            continue
        partner = partners.get(partner_id)
        if partner is None and partner_id not in partner_ids:
            found.append(
                _unknown_partner(SETTINGS_FILE, (*loc, "partner"), partner_id, partner_ids)
            )
        elif partner is not None:
            missing = _not_a_contact(SETTINGS_FILE, (*loc, "name"), member["name"], partner)
            if missing is not None:
                found.append(missing)
    return found


def meeting_findings(
    events: list[tuple[EventRec, int]],
    settings: SettingsRec,
    gaps: frozenset[str] = frozenset(),
) -> list[Finding]:
    """An advisory event's pathways, and the names in its attendance: committee members."""
    from partnerctl.words import did_you_mean

    found: list[Finding] = []
    known = [p["id"] for p in settings["pathways"]]
    members = [member["name"] for member in settings["advisory_members"]]
    for event, index in events:
        file = event["file"]
        if "pathways" not in gaps:
            for at, pathway in enumerate(event["pathways"]):
                if pathway not in known:
                    where = ("events", index, "pathways", at)
                    found.append(unknown_pathway(file, where, pathway, known))
        if "advisory_members" in gaps:
            continue
        for number, meeting in enumerate(event["meetings"]):
            names: set[str] = set()
            for at, name in enumerate(meeting["present"]):
                loc = ("events", index, "meetings", number, "present", at)
                if text_key(name) in names:
                    found.append(Finding(file, loc, f"{name!r} is listed twice", "keep one"))
                names.add(text_key(name))
                if find_text(members, name) is None:
                    pathway = event["pathways"][0] if len(event["pathways"]) == 1 else "…"
                    hint = did_you_mean(name, members) or "add them first: " + command(
                        "advisory",
                        "member",
                        name,
                        "--pathway",
                        pathway,
                        "--term-ends",
                        "YYYY-MM-DD",
                    )
                    found.append(
                        Finding(file, loc, f"{name!r} is not on the advisory committee", hint)
                    )
    return found
