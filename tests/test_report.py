"""`partnerctl report`: the numbers on a small named workspace, periods, formats, privacy."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import DATA, copy_data, run_cli

WS = str(DATA / "report-basic")
TODAY = "2026-11-24"


def report(*args: str, ws: str = WS) -> tuple[int, str, str]:
    result = run_cli(["-C", ws, "report", "--today", TODAY, *args])
    return result.exit_code, result.stdout, result.stderr


def report_json(*args: str, ws: str = WS) -> dict:
    code, out, err = report("--format", "json", *args, ws=ws)
    assert code == 0, err
    return json.loads(out)


def test_json_numbers_for_the_week() -> None:
    doc = report_json()
    assert doc["version"] == 1
    assert doc["period"] == {"from": "2026-11-18", "to": "2026-11-24"}
    assert [(t["date"], t["partner"]) for t in doc["touches"]] == [
        ("2026-11-18", "riverside-auto"),
        ("2026-11-20", "pixel-studio"),
        ("2026-11-22", "bolt-electric"),
        ("2026-11-23", "old-mill"),
    ]
    assert doc["by_owner"] == [{"owner": "jlee", "touches": 2}, {"owner": "mortiz", "touches": 2}]
    assert doc["by_channel"] == [
        {"channel": "in-person", "touches": 2},
        {"channel": "phone", "touches": 2},
    ]
    assert sorted(o["outcome"] for o in doc["outcomes"]) == [
        "committed",
        "declined",
        "meeting-set",
        "milestone",
    ]
    # 6 (pixel: digital-media) + 4 (bolt: automotive and digital-media)
    assert doc["students"] == {
        "total": 10,
        "by_pathway": [
            {"pathway": "digital-media", "students": 10},
            {"pathway": "automotive", "students": 4},
        ],
    }
    assert [(m["partner"], m["from"], m["to"]) for m in doc["stage_moves"]] == [
        ("riverside-auto", None, "meeting"),
        ("bolt-electric", "contacted", "committed"),
        ("old-mill", None, "declined"),
    ]
    # pixel-studio was first touched in June: not new although touched this week
    assert [(n["partner"], n["date"]) for n in doc["new_partners"]] == [
        ("harbor-bakery", "2026-11-19")
    ]
    assert doc["due"] == {"overdue": 1, "due": 3}
    # the advisory board on 12-15 is past the 14 days; the newsletter today is in
    assert [(e["event"], e["date"]) for e in doc["events"]] == [
        ("november-newsletter", "2026-11-24"),
        ("chamber-breakfast", "2026-12-03"),
    ]
    # bolt's spotlight is only planned
    assert [(s["partner"], s["date"]) for s in doc["spotlights"]] == [
        ("pixel-studio", "2026-11-21")
    ]
    # old-mill's insurance expires sooner, but old-mill declined
    assert doc["agreements"] == [
        {
            "partner": "pixel-studio",
            "name": "Pixel Studio",
            "kind": "mou",
            "expires": "2026-12-10",
            "days_left": 16,
        }
    ]
    assert doc["stages"] == {
        "prospect": 1,
        "contacted": 0,
        "meeting": 1,
        "committed": 1,
        "active": 1,
        "paused": 0,
        "declined": 1,
        "lapsed": 0,
    }
    assert [(p["id"], p["total"], p["active"], p["flagged"]) for p in doc["pathways"]] == [
        ("automotive", 2, 0, True),
        ("digital-media", 2, 1, False),
        ("health", 0, 0, True),
    ]
    assert doc["errors"] == []


def test_plain_report_reads_as_a_mail() -> None:
    code, out, err = report("--format", "plain")
    assert (code, err) == (0, "")
    assert out == (
        "Riverside High School CTE: report for 2026-11-18 to 2026-11-24\n"
        "\n"
        "Touches: 4\n"
        "  2026-11-18  Riverside Auto Group (riverside-auto)  phone  with Dana Ortiz:"
        " Set a meeting for spring shadows [meeting-set, stage meeting]\n"
        "  2026-11-20  Pixel Studio (pixel-studio)  in-person: Students shot a promo video"
        " [milestone, 6 students]\n"
        "  2026-11-22  Bolt Electric (bolt-electric)  in-person  with Pat Bolt: Signed the MOU"
        " after the shop tour [committed, stage committed, 4 students]\n"
        "  2026-11-23  Old Mill Lumber (old-mill)  phone: Not this year"
        " [declined, stage declined]\n"
        "  by owner: jlee 2, mortiz 2\n"
        "  by channel: in-person 2, phone 2\n"
        "  outcomes: committed 1, declined 1, meeting-set 1, milestone 1\n"
        "Students served: 10\n"
        "  by pathway: digital-media 10, automotive 4\n"
        "Due now: 1 overdue, 3 due (`partnerctl due` lists them)\n"
        "Stage moves: 3\n"
        "  2026-11-18  Riverside Auto Group (riverside-auto)  -> meeting (first stage recorded)\n"
        "  2026-11-22  Bolt Electric (bolt-electric)  contacted -> committed\n"
        "  2026-11-23  Old Mill Lumber (old-mill)  -> declined (first stage recorded)\n"
        "New partners: 1\n"
        "  2026-11-19  Harbor Bakery (harbor-bakery), prospect: no contact yet\n"
        "Events in the next 14 days: 2\n"
        "  2026-11-24  November newsletter (november-newsletter)\n"
        "  2026-12-03  Chamber of Commerce breakfast (chamber-breakfast) with"
        " Riverside Auto Group (riverside-auto), Bolt Electric (bolt-electric)\n"
        "Spotlights published: 1\n"
        "  2026-11-21  Pixel Studio (pixel-studio)  social: Students film the Pixel promo\n"
        "Agreements expiring: 1\n"
        "  2026-12-10  Pixel Studio (pixel-studio)  mou (in 16 days)\n"
        "Stages:\n"
        "  prospect   1\n"
        "  contacted  0\n"
        "  meeting    1\n"
        "  committed  1\n"
        "  active     1\n"
        "  paused     0\n"
        "  declined   1\n"
        "  lapsed     0\n"
        "Pathways: 3\n"
        "  Automotive Technology (automotive): 2 partners, 0 active  ! no active partner\n"
        "  Digital Media (digital-media):      2 partners, 1 active\n"
        "  Health Science (health):            0 partners, 0 active  ! no active partner\n"
    )


def test_plain_is_the_default_when_piped() -> None:
    code, out, _ = report()
    assert code == 0
    assert out.startswith("Riverside High School CTE: report for 2026-11-18 to 2026-11-24\n")


@pytest.mark.parametrize(
    ("today", "start", "end"),
    [
        ("2026-12-01", "2026-11-01", "2026-11-30"),  # on the 1st: the month just ended
        ("2026-11-24", "2026-11-01", "2026-11-30"),
        ("2027-01-01", "2026-12-01", "2026-12-31"),
        ("2028-03-01", "2028-02-01", "2028-02-29"),
    ],
)
def test_month_is_the_month_holding_yesterday(today: str, start: str, end: str) -> None:
    result = run_cli(["-C", WS, "report", "--month", "--today", today, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["period"] == {"from": start, "to": end}


def test_month_counts_the_whole_month() -> None:
    doc = report_json("--month")
    # November: riverside 11-02 and 11-18, pixel 11-20, bolt 11-22, old-mill 11-23
    assert len(doc["touches"]) == 5
    assert doc["students"]["total"] == 10


def test_from_and_to() -> None:
    doc = report_json("--from", "2026-10-01", "--to", "2026-11-02")
    assert doc["period"] == {"from": "2026-10-01", "to": "2026-11-02"}
    assert [t["date"] for t in doc["touches"]] == ["2026-10-01", "2026-11-02"]
    assert [(m["partner"], m["to"]) for m in doc["stage_moves"]] == [("bolt-electric", "contacted")]
    assert [n["partner"] for n in doc["new_partners"]] == ["bolt-electric", "riverside-auto"]


def test_from_alone_runs_to_today() -> None:
    assert report_json("--from", "2026-11-20")["period"] == {"from": "2026-11-20", "to": TODAY}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-11-20", "--to", "2026-11-01"], "--to 2026-11-01 is before --from"),
        (["--month", "--from", "2026-11-01"], "give --month or --from/--to, not both"),
        (["--from", "someday"], "--from:"),
        (["--format", "ics"], "--format: 'ics' is not a format of this command"),
    ],
)
def test_bad_periods_are_usage_errors(args: list[str], message: str) -> None:
    code, out, err = report(*args)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_no_contacts_leaves_out_emails_and_phones() -> None:
    doc = report_json("--from", "2026-09-01")
    new = next(n for n in doc["new_partners"] if n["partner"] == "riverside-auto")
    # `contact` is the name, as in `due`; its details sit beside it
    assert {k: v for k, v in new.items() if k.startswith("contact")} == {
        "contact": "Dana Ortiz",
        "contact_role": "Service Manager",
        "contact_email": "dana@example.com",
        "contact_phone": "555-0142",
    }
    for fmt in ("json", "plain", "md", "html"):
        code, out, _ = report("--from", "2026-09-01", "--no-contacts", "--format", fmt)
        assert code == 0
        assert "Dana Ortiz" in out
        assert "@" not in out.replace("@media", "").replace("@page", "")
        assert "555-0142" not in out


def test_counts_of_one_are_singular() -> None:
    from partnerctl.core.report import Touch, build_report
    from partnerctl.records import STAGES
    from partnerctl.render.report import _agreement_when, touch_line

    one = Touch("acme", "Acme", None, date(2026, 11, 20), "phone", None, None, "replied", None, 1)
    from partnerctl.model import default_settings

    settings: Any = default_settings("P")
    settings |= {"cadence": {s: {"ideal": 7, "max": 14} for s in STAGES}, "workdays": ["mon"]}
    shown = replace(
        build_report(settings, {}, [], one.date, one.date, one.date), names={"acme": "Acme"}
    )
    assert touch_line(shown, one) == "2026-11-20  Acme (acme)  phone [replied, 1 student]"
    assert touch_line(shown, replace(one, students=2)).endswith("[replied, 2 students]")
    assert [_agreement_when(n) for n in (-1, -2, 1, 2)] == [
        "expired 1 day ago",
        "expired 2 days ago",
        "in 1 day",
        "in 2 days",
    ]


def test_md_report() -> None:
    code, out, _ = report("--format", "md")
    assert code == 0
    assert out.startswith("# Riverside High School CTE\n\nReport for 2026-11-18 to 2026-11-24.\n")
    assert "## Touches (4)" in out
    assert "| 2026-11-22 | Bolt Electric (bolt-electric) | jlee | in-person | Pat Bolt |" in out
    assert "\n**Students served:** 10 (digital-media 10, automotive 4)\n" in out
    assert "- 2026-11-18  Riverside Auto Group (riverside-auto)  → meeting (first stage" in out
    assert "- 2026-11-22  Bolt Electric (bolt-electric)  contacted → committed\n" in out
    assert "| committed | 1 |" in out
    assert "| Health Science (health) | 0 | 0 | no active partner |" in out


@pytest.mark.parametrize("fmt", ["plain", "md", "html", "table"])
def test_every_format_names_things_the_same_way(fmt: str) -> None:
    """Names with the ids a command takes, in every format: what one shows, all show."""
    import re

    code, out, _ = report("--format", fmt)
    assert code == 0
    text = re.sub(r"<[^>]+>", "", out) if fmt == "html" else out
    text = " ".join(text.split())  # a table's cells may wrap
    for label in (
        "Riverside Auto Group (riverside-auto)",
        "Pixel Studio (pixel-studio)",
        "Bolt Electric (bolt-electric)",
        "Old Mill Lumber (old-mill)",
        "Harbor Bakery (harbor-bakery)",
        "November newsletter (november-newsletter)",
        "Chamber of Commerce breakfast (chamber-breakfast)",
        "Automotive Technology (automotive)",
        "Health Science (health)",
    ):
        assert label in text, (fmt, label)


def test_table_wraps_long_lines_under_their_item() -> None:
    result = run_cli(["-C", WS, "report", "--today", TODAY, "--format", "table"], {"COLUMNS": "60"})
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    start = lines.index("Events in the next 14 days: 2")
    assert lines[start + 1 : start + 6] == [
        "  2026-11-24  November newsletter (november-newsletter)",
        "  2026-12-03  Chamber of Commerce breakfast",
        "    (chamber-breakfast) with Riverside Auto Group",
        "    (riverside-auto), Bolt Electric (bolt-electric)",
        "Spotlights published: 1",
    ]


def test_table_has_funnel_bars() -> None:
    code, out, _ = report("--format", "table")
    assert code == 0
    assert "Stage funnel" in out
    funnel = {line.split()[0]: line.rstrip() for line in out.splitlines() if line.strip()}
    assert funnel["prospect"].endswith(" 1         █")
    assert "█" not in funnel["contacted"]
    assert "Pathway coverage" in out
    assert "no active partner" in out


def test_html_is_one_self_contained_page() -> None:
    code, out, _ = report("--format", "html")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>")
    assert "<style>" in out
    assert "<script" not in out
    assert "http://" not in out and "https://" not in out
    assert "Students film the Pixel promo" in out


def test_html_escapes_all_user_text(tmp_path: Path) -> None:
    ws = copy_data("report-basic", tmp_path)
    evil = '<script>alert("x")</script> & <b onmouseover=alert(1)>Co</b>'
    (ws / "partners" / "evil.yaml").write_text(
        "name: '" + evil + "'\n"
        "stage: prospect\n"
        "since: 2026-11-20\n"
        "contacts:\n"
        "  - {name: '<img src=x onerror=alert(1)>', decision_maker: true}\n"
        "touchpoints:\n"
        "  - {date: 2026-11-20, summary: '</td><script>bad()</script>', with: '\"quoted\"'}\n",
        encoding="utf-8",
    )
    code, out, err = report("--format", "html", ws=str(ws))
    assert (code, err) == (0, "")
    assert "<script" not in out
    out = out.replace('<span class="nw">', "").replace("</span>", "")  # words kept whole
    assert "<img" not in out
    assert "<b onmouseover" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b" in out
    assert "&lt;/td&gt;&lt;script&gt;bad()&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out


def test_terminal_escapes_in_plain_output_are_shown(tmp_path: Path) -> None:
    ws = copy_data("report-basic", tmp_path)
    (ws / "partners" / "esc.yaml").write_text(
        'name: "Esc\\e[31m Co"\nstage: prospect\nsince: 2026-11-20\n', encoding="utf-8"
    )
    code, out, _ = report("--format", "plain", ws=str(ws))
    assert code == 0
    assert "\x1b" not in out
    assert "Esc\\x1b[31m Co" in out


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "week.html"
    code, out, err = report("--format", "html", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_core_report_from_records() -> None:
    from partnerctl.core.report import build_report
    from partnerctl.model import Partner, default_settings, partner_record

    settings = default_settings()
    partner = partner_record(
        Partner.model_validate(
            {
                "name": "A",
                "stage": "active",
                "touchpoints": [{"date": "2026-11-20", "students": 3, "stage": "active"}],
            }
        ),
        "a",
        "partners/a.yaml",
    )
    result = build_report(
        settings, {"a": partner}, [], date(2026, 11, 24), date(2026, 11, 18), date(2026, 11, 24)
    )
    assert result.students == 3
    assert [c.key for c in result.students_by_pathway] == ["(no pathway)"]
    assert result.as_json()["students"]["by_pathway"] == [{"pathway": None, "students": 3}]
    assert [n.partner for n in result.new_partners] == ["a"]
    assert result.stages["active"] == 1


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("week.html", "html"),
        ("week.md", "md"),
        ("week.json", "json"),
        ("week.txt", "plain"),
        ("week.csv", "plain"),  # not a format of report: its default for files
        ("week", "plain"),
    ],
)
def test_output_file_format_follows_its_extension(tmp_path: Path, name: str, fmt: str) -> None:
    target = tmp_path / name
    code, out, err = report("-o", str(target))
    assert (code, out, err) == (0, "", "")
    _, expected, _ = report("--format", fmt)
    assert target.read_text(encoding="utf-8") == expected


def test_format_wins_over_the_extension_with_a_warning(tmp_path: Path) -> None:
    target = tmp_path / "week.html"
    code, out, err = report("--format", "md", "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"warning: -o: writing md to {target} as --format says, not html\n"
    assert target.read_text(encoding="utf-8") == report("--format", "md")[1]


def test_output_to_a_folder_or_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    """report, calendar and export share one writer of -o files: the same errors."""
    for command in (["report"], ["calendar"], ["export"]):
        folder = run_cli(["-C", WS, "--today", TODAY, *command, "-o", str(tmp_path)])
        assert folder.exit_code == 2 and folder.stdout == ""
        assert folder.stderr.startswith(f"error: -o: {tmp_path} is a folder (name a file")
        missing = run_cli(["-C", WS, "--today", TODAY, *command, "-o", str(tmp_path / "no/x")])
        assert missing.exit_code == 2
        assert missing.stderr.startswith(f"error: -o: no folder '{tmp_path / 'no'}'")
