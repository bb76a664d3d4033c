"""A district workspace and its schools' workspaces (DESIGN, "Working as a team").

A district office keeps one workspace per school; its own workspace names
them in `partnerctl.yaml`:

    schools:
      - {id: north, path: ../north-high, name: North High}

`path` is a folder (a clone of the school's shared repository, say),
relative to the district's workspace or absolute. :func:`load_schools` loads
each school's workspace as any command would; a school whose folder holds
no workspace is an error located at its `path`. :func:`courting_warnings`
is `validate`'s warning when two schools court the same business.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from partnerctl.errors import Problem
from partnerctl.records import PartnerRec
from partnerctl.workspace.discover import SETTINGS_FILE
from partnerctl.workspace.loaded import Workspace

# Domains anyone can have an address at: two schools' contacts there are no sign
# that they court one business.
FREE_MAIL = frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "rocketmail.com",
        "hotmail.com", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com",
        "me.com", "mac.com", "proton.me", "protonmail.com", "gmx.com", "gmx.net",
        "mail.com", "zoho.com", "yandex.com", "fastmail.com", "hey.com", "comcast.net",
        "att.net", "verizon.net", "sbcglobal.net", "bellsouth.net", "cox.net",
        "charter.net", "earthlink.net", "juno.com", "frontier.com", "windstream.net",
    }
)  # fmt: skip


@dataclass(frozen=True)
class School:
    """One school of a district: its id and name, where it is, and its loaded workspace."""

    id: str
    name: str
    shown: str  # its folder as the district's settings give it
    root: Path
    workspace: Workspace | None  # None: no workspace there (see problems)

    def command_dir(self) -> str:
        """The school's folder for a `-C` in a suggested command: relative to the current folder."""
        try:
            return os.path.relpath(self.root, Path.cwd())
        except ValueError:  # another drive
            return str(self.root)


def load_schools(district: Workspace) -> tuple[list[School], list[Problem]]:
    """Each school's workspace, and the errors of the schools that could not be read.

    A school's own problems name its files with the school's folder in front
    (`../north-high/partners/acme.yaml`), relative to the district.
    """
    from partnerctl.workspace.checks import Finding, locate_findings
    from partnerctl.workspace.load import load_workspace

    schools: list[School] = []
    findings: list[Finding] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, entry in enumerate(district.settings["schools"]):
        if entry["id"] in seen:
            findings.append(
                Finding(
                    SETTINGS_FILE,
                    ("schools", index, "id"),
                    f"school id {entry['id']!r} is used twice",
                    "give each school its own id",
                )
            )
            continue
        seen.add(entry["id"])
        folder = Path(entry["path"]).expanduser()
        root = folder if folder.is_absolute() else district.root / folder
        name = entry["name"] or entry["id"]
        if not (root / SETTINGS_FILE).is_file():
            why = "no such folder" if not root.is_dir() else f"no {SETTINGS_FILE} there"
            findings.append(
                Finding(
                    SETTINGS_FILE,
                    ("schools", index, "path"),
                    f"school {entry['id']}: {entry['path']!r} is not a partnerctl workspace "
                    f"({why})",
                    "give the folder of the school's workspace (its clone), relative to this one",
                )
            )
            schools.append(School(entry["id"], name, entry["path"], root, None))
            continue
        loaded = load_workspace(root)
        problems += [_in_school(entry["path"], problem) for problem in loaded.problems]
        schools.append(School(entry["id"], name, entry["path"], root, loaded))
    return schools, locate_findings(district.root, findings) + problems


def _in_school(folder: str, problem: Problem) -> Problem:
    """A school's problem, its file named from the district (`../north-high/partners/x.yaml`)."""
    if problem.file is None:
        return replace(problem, file=folder)
    return replace(problem, file=f"{folder.rstrip('/')}/{problem.file}")


def _domains(partner: PartnerRec) -> set[str]:
    found = set()
    for contact in partner["contacts"]:
        email = (contact["email"] or "").strip().lower()
        domain = email.rpartition("@")[2] if "@" in email else ""
        if domain and domain not in FREE_MAIL:
            found.add(domain)
    return found


def courting_warnings(district: Workspace, schools: list[School]) -> list[Problem]:
    """A warning for each business that two or more schools court (DESIGN's district rule).

    The same business: partner names that match once case, punctuation and
    words like Inc are ignored, or a contact email domain in common (free-mail
    domains aside). One warning per business, at the first school's file,
    naming every school and owner involved.
    """
    from partnerctl.workspace.checks import Finding, locate_findings, normalized_name

    by_key: dict[tuple[str, str], list[tuple[School, PartnerRec]]] = {}
    for school in schools:
        if school.workspace is None:
            continue
        for partner in school.workspace.partners.values():
            keys = {("name", normalized_name(partner["name"]))}
            keys |= {("domain", domain) for domain in _domains(partner)}
            for key in keys:
                if key[1]:
                    by_key.setdefault(key, []).append((school, partner))
    warned: set[frozenset[tuple[str, str]]] = set()
    findings: list[Finding] = []
    # Names first: two partners that match by name and by domain are told by their name.
    for (how, value), found in sorted(by_key.items(), key=lambda kv: (kv[0][0] != "name", kv[0])):
        if len({school.id for school, _ in found}) < 2:
            continue
        group = frozenset((school.id, partner["id"]) for school, partner in found)
        if group in warned:
            continue  # the same partners matched by name and by domain: one warning
        warned.add(group)
        first_school, first = found[0]
        named = "; ".join(
            f"{school.id}: {partner['name']} ({partner['file']}, "
            f"owner {partner['owner'] or 'none'})"
            for school, partner in found
        )
        why = "the same name" if how == "name" else f"contacts at {value}"
        count = len({s.id for s, _ in found})
        findings.append(
            Finding(
                f"{first_school.shown.rstrip('/')}/{first['file']}",
                ("name",),
                f"{count} schools court the same business ({why}): {named}",
                "coordinate your asks: agree which school leads with this business",
                severity="warning",
            )
        )
    return locate_findings(district.root, findings)
