"""The report's work-based-learning and advisory sections, and student privacy in every format.

md and html are for sharing: they never list a student's code, show a count
of students or placements under `suppress_below` as "fewer than N" and hide
hours summed over such a small group. JSON lists students keyed by code for
the district, unless --no-students. The html is also opened in Chromium.
"""
# ruff: noqa: E501  (whole lines of expected output read best unbroken)

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES, copy_data, run_cli

T = "2026-11-24"
CODE = re.compile(r"S-\d{4}")
WS = str(EXAMPLES)


def report(*args: str, ws: str = WS, today: str = T) -> str:
    result = run_cli(["-C", ws, "report", "--today", today, *args])
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


def test_the_examples_week_report_whole() -> None:
    expected = (Path(__file__).parent / "data" / "report-examples.txt").read_text(encoding="utf-8")
    assert report() == expected


def test_md_counts_without_codes_and_says_fewer_than_five() -> None:
    md = report("--format", "md")
    assert not CODE.search(md)
    section = md[md.index("## Work-based learning") : md.index("## Advisory committees")]
    assert section == (
        "## Work-based learning\n"
        "\n"
        "Placements in the period: fewer than 5; hours logged in it: suppressed.\n"
        "\n"
        "| partner | placements | students | hours in the period | hours to date |\n"
        "|---|---|---|---|---|\n"
        "| Ironworks Fabrication | fewer than 5 | fewer than 5 | suppressed | suppressed |\n"
        "| Pixel & Prairie Marketing | fewer than 5 | fewer than 5 | suppressed | suppressed |\n"
        "| St. Luke's Regional Medical Center | fewer than 5 | fewer than 5 | suppressed | suppressed |\n"
        "\n"
        "| pathway | placements | students | hours in the period | hours to date |\n"
        "|---|---|---|---|---|\n"
        "| Digital Media | fewer than 5 | fewer than 5 | suppressed | suppressed |\n"
        "| Health Science | fewer than 5 | fewer than 5 | suppressed | suppressed |\n"
        "| Welding & Manufacturing | fewer than 5 | fewer than 5 | suppressed | suppressed |\n"
        "\n"
        "- Students: fewer than 5; with an experience of 90 hours or more: fewer than 5\n"
        "- Paperwork (fewer than 5 in the period or about to start): fewer than 5 complete, "
        "fewer than 5 with some missing (parent-consent fewer than 5, student-learner-exemption "
        "fewer than 5)\n"
        "\n"
    )
    assert "| Ana Reyes | parent | 2026-12-31 | 1 of 1 |" in md


def test_html_counts_without_codes() -> None:
    html = report("--format", "html")
    assert not CODE.search(html)
    assert "<h2>Work-based learning</h2>" in html
    # each cell carries its column's name, for a phone's stacked table
    assert re.search(r"<td[^>]*>fewer than 5</td>", html)
    assert re.search(r"<td[^>]*>suppressed</td>", html)
    assert (
        "<h3>automotive (Automotive Technology): 3 members; 1 meeting held, 1 ahead (2 required)</h3>"
        in html
    )


def test_counts_at_or_above_the_minimum_are_shown(tmp_path: Path) -> None:
    ws = copy_data("wbl-basic", tmp_path)
    settings = ws / "partnerctl.yaml"
    settings.write_text(settings.read_text() + "suppress_below: 2\n", encoding="utf-8")
    md = report("--format", "md", "--from", "2026-10-01", ws=str(ws), today="2026-12-10")
    assert "Placements in the period: 2; hours logged in it: 12.\n" in md  # 2 is not under 2
    assert "| Bolt Motors | fewer than 2 | fewer than 2 | suppressed | suppressed |" in md
    assert "| Pine Clinic | fewer than 2 | fewer than 2 | suppressed | suppressed |" in md
    assert "- Students: 2; with an experience of 90 hours or more: 0\n" in md  # 0 is no risk
    assert not CODE.search(md)
    plain = report("--from", "2026-10-01", ws=str(ws), today="2026-12-10")
    assert "  by partner: bolt-motors 1 (12 h), pine-clinic 1 (0 h)\n" in plain


def test_json_keys_students_by_code_and_no_students_leaves_them_out() -> None:
    doc = json.loads(report("--format", "json"))
    placements = doc["placements"]
    assert {k: placements[k] for k in ("threshold_hours", "placements", "hours", "students")} == {
        "threshold_hours": 90,
        "placements": 3,
        "hours": 46,
        "students": 3,
    }
    assert placements["students_meeting_threshold"] == 2
    assert placements["paperwork"] == {
        "checked": 4,
        "complete": 3,
        "incomplete": 1,
        "missing": {"parent-consent": 1, "student-learner-exemption": 1},
    }
    assert sorted(placements["by_student"]) == ["S-0301", "S-0388", "S-0427"]
    assert placements["by_student"]["S-0301"] == {
        "meets_threshold": True,
        "placements": [
            {
                "placement": "ironworks-fab-2026-08",
                "partner": "ironworks-fab",
                "pathway": "welding",
                "kind": "apprenticeship",
                "start": "2026-08-24",
                "end": "2026-11-20",
                "hours": 100,
                "meets_threshold": True,
            }
        ],
    }
    assert [c["pathway"] for c in doc["advisory"]["committees"]] == ["automotive", "health"]
    hidden = report("--format", "json", "--no-students")
    assert not CODE.search(hidden)
    assert "by_student" not in json.loads(hidden)["placements"]


def test_a_workspace_without_placements_or_a_committee_reports_as_before(tmp_path: Path) -> None:
    ws = copy_data("report-basic", tmp_path)
    plain = report(ws=str(ws))
    assert "Placements" not in plain and "Advisory" not in plain
    doc = json.loads(report("--format", "json", ws=str(ws)))
    assert doc["placements"]["placements"] == 0 and doc["advisory"]["committees"] == []


BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(BROWSER is None, reason="no chromium on this machine")
def test_the_html_sections_render_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(report("--format", "html", "--month"), encoding="utf-8")
    assert BROWSER is not None
    done = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-dev-shm-usage",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "<h2>Work-based learning</h2>" in dom
    cell = "<td[^>]*>{}</td>"  # each cell carries its column's name, for a phone
    pixel = ("Pixel &amp; Prairie Marketing", "fewer than 5")
    assert re.search("".join(cell.format(text) for text in pixel), dom)
    ana = ("Ana Reyes", "parent", '<span class="nw">2026-12-31</span>', "1 of 1")
    assert re.search("".join(cell.format(text) for text in ana), dom)
    assert not CODE.search(dom)


def test_a_period_without_placements_still_counts_the_paperwork_about_to_start(
    tmp_path: Path,
) -> None:
    ws = copy_data("wbl-basic", tmp_path)
    # 2026-09-22: nothing runs yet; bolt-motors starts 2026-10-05, its paperwork due since 09-21
    plain = report(ws=str(ws), today="2026-09-22")
    assert (
        "Placements: 0 in the period, 0 hours logged in it\n"
        "  paperwork (1 in the period or about to start): 1 complete, none missing\n"
    ) in plain
    md = report("--format", "md", ws=str(ws), today="2026-09-22")
    assert (
        "- Paperwork (fewer than 5 in the period or about to start): fewer than 5 complete, none missing\n"
        in md
    )
