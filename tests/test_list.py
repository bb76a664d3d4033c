"""`partnerctl list`: filters, --grep, --mine, formats, usage errors; core filtering."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest

from conftest import DATA, run_cli
from partnerctl.core.listing import PartnerFilter, filter_partners, matches_text
from partnerctl.model import Partner, partner_record
from partnerctl.words import nearest

WS = str(DATA / "due-basic")


def listing(*args: str, env: dict[str, str | None] | None = None) -> Any:
    return run_cli(["-C", WS, "list", "--today", "2026-11-24", *args], env=env)


def ids(result: Any) -> list[str]:
    return [line.split()[0] for line in result.stdout.splitlines()]


PLAIN = """\
bolt-electric   active     mortiz  Bolt Electric
harbor-bakery   prospect   jlee    Harbor Bakery
old-mill        declined   jlee    Old Mill Supply  (next 2026-10-01 Never mind)
pine-clinic     meeting    mortiz  Pine Street Clinic
riverside-auto  contacted  jlee    Riverside Auto Group  \
(next 2026-11-20 Call Dana about spring shadow dates)
tech-hub        contacted  jlee    Tech Hub  (next 2026-11-24 Send the [red]new[/red] flyer)
"""

TABLE = """\
ID              Name                  Stage      Owner   Industry      Next
────────────────────────────────────────────────────────────────────────────────────────────────────
bolt-electric   Bolt Electric         active     mortiz  construction
harbor-bakery   Harbor Bakery         prospect   jlee    food service
old-mill        Old Mill Supply       declined   jlee                  2026-10-01 Never mind
pine-clinic     Pine Street Clinic    meeting    mortiz  health care
riverside-auto  Riverside Auto Group  contacted  jlee    automotive    2026-11-20 Call Dana about
                                                                       spring shadow dates
tech-hub        Tech Hub              contacted  jlee                  2026-11-24 Send the
                                                                       [red]new[/red] flyer
6 partners
"""


def test_plain_and_table_whole_output() -> None:
    result = listing()
    assert (result.exit_code, result.stdout) == (0, PLAIN)
    table = listing("--format", "table")
    assert "\n".join(line.rstrip() for line in table.stdout.splitlines()) + "\n" == TABLE


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--stage", "contacted"], ["riverside-auto", "tech-hub"]),
        (["--stage", "active", "--stage", "meeting"], ["bolt-electric", "pine-clinic"]),
        (["--pathway", "health"], ["pine-clinic"]),
        (["--owner", "mortiz"], ["bolt-electric", "pine-clinic"]),
        (["--industry", "HEALTH CARE"], ["pine-clinic"]),
        (["--owner", "jlee", "--stage", "prospect"], ["harbor-bakery"]),
        (["--grep", "DANA"], ["riverside-auto"]),  # contact name, any case
        (["--grep", "service manager"], ["riverside-auto"]),  # contact role
        (["--grep", "dana@example"], ["riverside-auto"]),  # contact email
        (["--grep", "shop tour"], ["bolt-electric"]),  # touchpoint summary
        (["--grep", "flu"], []),  # busy-season reasons are not searched
        (["--grep", "bakery"], ["harbor-bakery"]),  # name
    ],
)
def test_filters(args: list[str], expected: list[str]) -> None:
    result = listing(*args)
    assert result.exit_code == 0
    assert ids(result) == (expected or ["No"])


def test_mine_uses_the_environment() -> None:
    result = listing("--mine", env={"PARTNERCTL_OWNER": "mortiz"})
    assert ids(result) == ["bolt-electric", "pine-clinic"]
    missing = listing("--mine")
    assert missing.exit_code == 2
    assert "PARTNERCTL_OWNER" in missing.stderr


def test_empty_result_says_so() -> None:
    assert listing("--grep", "zzz").stdout == "No partners match; drop a filter to see more.\n"


def test_json_csv_md() -> None:
    doc = json.loads(listing("--format", "json", "--grep", "flyer").stdout)
    assert doc == {
        "version": 1,
        "partners": [
            {
                "id": "tech-hub",
                "name": "Tech Hub",
                "stage": "contacted",
                "owner": "jlee",
                "industry": None,
                "pathways": [],
                "tags": [],
                "last_touch": "2026-11-10",
                "next": {"date": "2026-11-24", "action": "Send the [red]new[/red] flyer"},
            }
        ],
        "errors": [],
    }
    rows = list(csv.reader(io.StringIO(listing("--format", "csv", "--stage", "contacted").stdout)))
    assert rows == [
        [
            "id",
            "name",
            "stage",
            "owner",
            "industry",
            "pathways",
            "tags",
            "last_touch",
            "next_date",
            "next_action",
        ],
        [
            "riverside-auto",
            "Riverside Auto Group",
            "contacted",
            "jlee",
            "automotive",
            "automotive",
            "chamber",
            "2026-11-02",
            "2026-11-20",
            "Call Dana about spring shadow dates",
        ],
        [
            "tech-hub",
            "Tech Hub",
            "contacted",
            "jlee",
            "",
            "",
            "",
            "2026-11-10",
            "2026-11-24",
            "Send the [red]new[/red] flyer",
        ],
    ]
    md = listing("--format", "md", "--owner", "mortiz").stdout
    assert md == (
        "| ID | Name | Stage | Owner | Industry | Next |\n"
        "|---|---|---|---|---|---|\n"
        "| bolt-electric | Bolt Electric | active | mortiz | construction |  |\n"
        "| pine-clinic | Pine Street Clinic | meeting | mortiz | health care |  |\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--stage", "prospekt"],
            "error: --stage: 'prospekt' is not a stage (did you mean 'prospect'?)",
        ),
        (["--pathway", "healh"], "(did you mean 'health'?)"),
        (["--owner", "jle"], "(did you mean 'jlee'?)"),
        (["--format", "ics"], "'ics' is not a format of this command"),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    result = listing(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


# --- core --------------------------------------------------------------------------


def record(pid: str, **fields: Any) -> Any:
    data: dict[str, Any] = {"name": pid.title(), "stage": "prospect"}
    data.update(fields)
    return partner_record(Partner.model_validate(data), pid, f"partners/{pid}.yaml")


def test_grep_searches_every_text_field() -> None:
    full = record(
        "acme",
        contacts=[{"name": "Ann Lee", "role": "Owner", "email": "a@x.org", "phone": "555-0100"}],
        needs=["Saturday coverage"],
        openings=["Welder"],
        notes="Prefers mornings",
        relationship="Alumni parent",
        touchpoints=[{"date": date(2026, 1, 5), "summary": "Met at the Expo"}],
    )
    for needle in ("ann", "OWNER", "x.org", "555-01", "saturday", "weld", "mornings", "alumni"):
        assert matches_text(full, needle), needle
    assert matches_text(full, "expo")
    assert not matches_text(full, "plumbing")


def test_filters_combine_and_sort_by_name() -> None:
    records = [
        record("b", name="beta", tags=["Chamber", "rotary"], owner="x"),
        record("a", name="Alpha", tags=["chamber"], owner="x"),
        record("c", name="gamma", tags=["rotary"], owner="y"),
    ]
    assert [p["id"] for p in filter_partners(records, PartnerFilter())] == ["a", "b", "c"]
    assert [p["id"] for p in filter_partners(records, PartnerFilter(tags=("chamber",)))] == [
        "a",
        "b",
    ]
    both = PartnerFilter(tags=("chamber", "rotary"), owner="x")
    assert [p["id"] for p in filter_partners(records, both)] == ["b"]


def test_nearest_ids() -> None:
    known = ["bolt-electric", "riverside-auto", "harbor-bakery"]
    assert nearest("riverside-autp", known, n=3, containing=True) == ["riverside-auto"]
    assert nearest("bolt", known, n=3, containing=True) == ["bolt-electric"]
    assert nearest("zzz", known, n=3, containing=True) == []
