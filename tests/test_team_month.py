"""A scripted month of a team on real git: three coordinators, one bare shared repository.

jlee, mortiz and tnguyen work on their own clones (mortiz and tnguyen with
`pull.rebase` set): they log touches (often on the same partner the same
day), snooze, add and remove contacts, change stages, plan, publish and
cancel spotlights, renew an agreement by hand and add partners, and sync in
rotation. None of that work conflicts, so: no conflict and no sync failure
ever; at the end every touch each of them logged is in every clone, nothing
removed comes back, no entry is doubled, every file is valid, every comment
of the example files is kept, and the three clones hold the same commit.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES
from tests.gitteam import Team, git, make_team, needs_git
from tests.processes import comments

from partnerctl.workspace.yamledit import PartnerDocument

pytestmark = needs_git

# (day, who, partnerctl arguments); "sync" rounds are part of the script.
WEEK_1 = "2026-11-02"
WEEK_2 = "2026-11-09"
WEEK_3 = "2026-11-16"
WEEK_4 = "2026-11-23"
SCRIPT: list[tuple[str, str, list[str]]] = [
    (WEEK_1, "jlee", ["log", "riverside-auto", "Called Rick about shadows", "--channel", "phone"]),
    (WEEK_1, "jlee", ["snooze", "kxrv", "2026-11-20"]),
    (WEEK_1, "mortiz", ["log", "riverside-auto", "Dana emailed shop hours", "--channel", "email"]),
    (WEEK_1, "mortiz", ["contact", "valley-vet", "--name", "Pat Doe", "--role", "Office manager"]),
    (WEEK_1, "tnguyen", ["spotlight", "add", "ironworks-fab", "--where", "newsletter",
                         "--title", "Welders at Ironworks", "--date", "2026-11-20", "--planned"]),
    (WEEK_1, "tnguyen", ["add", "lakeside-tire", "--name", "Lakeside Tire", "--pathway",
                         "automotive", "--owner", "tnguyen"]),
    (WEEK_1, "tnguyen", ["log", "riverside-auto", "Saw Rick at the chamber",
                         "--channel", "in-person"]),
    (WEEK_1, "jlee", ["sync"]),
    (WEEK_1, "mortiz", ["sync"]),
    (WEEK_1, "tnguyen", ["sync"]),
    (WEEK_1, "jlee", ["sync"]),
    (WEEK_1, "mortiz", ["sync"]),
    (WEEK_2, "jlee", ["stage", "summit-welding-supply", "contacted", "--summary", "First call"]),
    (WEEK_2, "mortiz", ["contact", "riverside-auto", "--name", "Dana Ortiz", "--remove"]),
    (WEEK_2, "jlee", ["contact", "riverside-auto", "--name", "Rick Alvarez",
                      "--phone", "555-0199"]),
    (WEEK_2, "tnguyen", ["log", "ironworks-fab", "Confirmed the newsletter photo"]),
    (WEEK_2, "mortiz", ["log", "lakeside-tire", "Intro call with the owner", "--channel", "phone"]),
    (WEEK_2, "jlee", ["log", "summit-welding-supply", "Sent the pathway flyer"]),
    (WEEK_2, "mortiz", ["sync"]),
    (WEEK_2, "tnguyen", ["sync"]),
    (WEEK_2, "jlee", ["sync"]),
    (WEEK_2, "mortiz", ["sync"]),
    (WEEK_3, "mortiz", ["stage", "tri-county-collision", "contacted",
                        "--summary", "Owner called back"]),
    (WEEK_3, "jlee", ["log", "tri-county-collision", "Sent the MOU draft", "--channel", "email"]),
    (WEEK_3, "jlee", ["log", "mikes-garage", "Thanked Mike for the shadows", "--channel", "phone"]),
    (WEEK_3, "tnguyen", ["contact", "lakeside-tire", "--name", "Ann Lee", "--role", "Owner",
                         "--decision-maker"]),
    (WEEK_3, "jlee", ["spotlight", "add", "mikes-garage", "--where", "social",
                      "--title", "Shadow day at Mike's", "--date", "2026-12-04", "--planned"]),
    (WEEK_3, "tnguyen", ["sync"]),
    (WEEK_3, "jlee", ["sync"]),
    (WEEK_3, "mortiz", ["sync"]),
    (WEEK_3, "tnguyen", ["sync"]),
    (WEEK_4, "tnguyen", ["spotlight", "publish", "ironworks-fab"]),
    (WEEK_4, "mortiz", ["log", "kxrv", "Marcus picked tour dates", "--next", "2026-12-01",
                        "--action", "Confirm the January tour"]),
    (WEEK_4, "jlee", ["spotlight", "cancel", "mikes-garage"]),
    (WEEK_4, "mortiz", ["contact", "valley-vet", "--name", "Pat Doe", "--remove"]),
    (WEEK_4, "jlee", ["log", "lakeside-tire", "Dropped off the MOU", "--channel", "in-person"]),
    (WEEK_4, "tnguyen", ["log", "mikes-garage", "Mike asked about the spring fair"]),
    (WEEK_4, "jlee", ["sync"]),
    (WEEK_4, "tnguyen", ["sync"]),
    (WEEK_4, "mortiz", ["sync"]),
    (WEEK_4, "jlee", ["sync"]),
    (WEEK_4, "tnguyen", ["sync"]),
]  # fmt: skip

REMOVED = {
    # file: (list key, the name or title that must not come back)
    "partners/riverside-auto.yaml": ("contacts", "Dana Ortiz"),
    "partners/valley-vet.yaml": ("contacts", "Pat Doe"),
    "partners/mikes-garage.yaml": ("spotlights", "Shadow day at Mike's"),
}


def renew_by_hand(clone: Path) -> None:
    """jlee renews Heartland's insurance in the file itself (an edit by hand)."""
    path = clone / "partners/heartland-manufacturing.yaml"
    document = PartnerDocument(path.read_text(encoding="utf-8"), "heartland")
    index = next(
        i for i, a in enumerate(document.expected["agreements"]) if a["kind"] == "insurance"
    )
    document.set_item_value("agreements", index, "expires", "2027-11-01")
    path.write_text(document.text, encoding="utf-8")


def logged(script: list[tuple[str, str, list[str]]]) -> set[tuple[str, str, str, str]]:
    """Every touch the script logs: (file, date, summary, by)."""
    found = set()
    for day, who, args in script:
        if args[0] == "log":
            found.add((f"partners/{args[1]}.yaml", day, args[2], who))
        elif args[0] == "stage":
            found.add((f"partners/{args[1]}.yaml", day, args[args.index("--summary") + 1], who))
    return found


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    return make_team(tmp_path, monkeypatch)


def test_a_month_of_three_coordinators_loses_nothing_and_conflicts_never(team: Team) -> None:
    team.seed()
    team.join("mortiz", rebase=True)
    team.join("tnguyen", rebase=True)
    for day, who, args in SCRIPT:
        if (day, who, args[0]) == (WEEK_3, "jlee", "sync"):
            renew_by_hand(team.clones["jlee"])
        done = team.run(team.clones[who], *args, today=day)
        assert done.exit_code == 0, f"{day} {who}: partnerctl {' '.join(args)}\n{done.stderr}"
        if args[0] == "sync":
            assert "conflict" not in done.stdout, done.stdout

    heads = {who: git(clone, "rev-parse", "HEAD").strip() for who, clone in team.clones.items()}
    assert len(set(heads.values())) == 1, heads
    merged_by = set(git(team.clones["jlee"], "log", "--merges", "--format=%an").split("\n"))
    assert "Jlee" in merged_by and not {"Mortiz", "Tnguyen"} & merged_by  # they rebased
    expected = logged(SCRIPT)
    for who, clone in team.clones.items():
        assert git(clone, "status", "--porcelain", "--untracked-files=no") == "", who
        checked = team.run(clone, "validate", today=WEEK_4)
        assert (checked.exit_code, checked.stderr) == (0, ""), f"{who}: {checked.stderr}"
        found: set[tuple[str, str, str, str]] = set()
        for path in sorted((clone / "partners").glob("*.yaml")):
            file = f"partners/{path.name}"
            text = path.read_text(encoding="utf-8")
            assert "<<<<<<<" not in text and "conflicts:" not in text, file
            data = PartnerDocument(text, file).expected
            for key, fields in (
                ("touchpoints", ("date", "summary", "by")),
                ("contacts", ("name",)),
                ("spotlights", ("date", "where", "title")),
            ):
                seen = Counter(tuple(entry.get(f) for f in fields) for entry in data.get(key) or [])
                assert max(seen.values(), default=1) == 1, f"{who} {file}: doubled {key}: {seen}"
            found |= {
                (file, t["date"], t["summary"], t.get("by")) for t in data.get("touchpoints") or []
            }
            if file in REMOVED:
                key, name = REMOVED[file]
                names = [e.get("name") or e.get("title") for e in data.get(key) or []]
                assert name not in names, f"{who} {file}: {name} came back"
            original = EXAMPLES / file
            if original.exists():  # every comment of the example files is kept
                assert comments(text) == comments(original.read_text(encoding="utf-8")), file
        assert expected <= found, f"{who} misses {expected - found}"
        heartland = (clone / "partners/heartland-manufacturing.yaml").read_text(encoding="utf-8")
        assert PartnerDocument(heartland).expected["agreements"] == [
            {"kind": "insurance", "expires": "2027-11-01"}
        ]
        published = PartnerDocument(
            (clone / "partners/ironworks-fab.yaml").read_text(encoding="utf-8")
        ).expected["spotlights"]
        assert [s["status"] for s in published if s["title"] == "Welders at Ironworks"] == [
            "published"
        ]
