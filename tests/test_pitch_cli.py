"""`partnerctl pitch ID` through the CLI: the whole md brief, formats, errors."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import copy_data, run_cli

PITCH_MD = """\
# Pitch brief: Riverside Auto Group (riverside-auto)

Riverside High School CTE · contacted · 2026-11-24

## Opening

We can help with your social media presence (Digital Media students learn social media marketing) \
and your customer follow-up calls (Automotive Technology students learn customer service). \
Our students are also a pipeline of trained candidates for Lube technician (part-time).

## Checklist

- ✓ **business**: Family-owned, 3 locations, 60 staff
- ✗ **trends**: find out what is changing in automotive: demand, shortages, tools
- → partnerctl research riverside-auto trends "…"
- ✓ **openings**: Lube technician (part-time)
- ✓ **needs**: Saturday shop coverage; social media presence; customer follow-up calls \
(2 of 3 met by pathway skills)
- ✓ **peers**: Bolt Motors and City Tire already partner
- ✓ **decision-maker**: Dana Ortiz, Service Manager (email dana@example.com)
- ✗ **timing**: busy season now (year-end sales event) until 2027-01-10: meet from 2027-01-11; \
best time Tue-Thu before 10am; channel email

## Needs met by pathway skills

- social media presence → social media marketing (Digital Media)
- customer follow-up calls → customer service (Automotive Technology)

## Peers

- Bolt Motors (active): job-shadow (automotive, 2 seats); mentorship (automotive); \
internship (automotive, 1 seat)
- City Tire (committed): tour; mentorship

## Benefits

- **students**: hands-on learning for Automotive Technology students through job shadows \
at Riverside Auto Group
- **employer**: leadership growth for the staff who host and mentor students, \
and a pipeline of skilled workers for Lube technician (part-time)
- **community**: loyalty from families and the community, who see Riverside Auto Group \
invest in local students, and public thanks from Riverside High School CTE

## The ask

- **mentorship**: 2 peers give it
- **tour**: 1 peer gives it
- **internship**: 1 peer gives it
"""


def ws(tmp_path: Path) -> str:
    return str(copy_data("pitch-basic", tmp_path))


def test_pitch_md_whole(tmp_path: Path) -> None:
    result = run_cli(["-C", ws(tmp_path), "pitch", "riverside-auto", "--today", "2026-11-24",
                      "--format", "md"])  # fmt: skip
    assert result.stderr == ""
    assert result.exit_code == 0
    assert result.stdout == PITCH_MD


def test_pitch_plain_is_the_default_when_piped(tmp_path: Path) -> None:
    result = run_cli(["--today", "2026-11-05", "pitch", "riverside-auto", "-C", ws(tmp_path)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Pitch brief: Riverside Auto Group (riverside-auto)",
        "Riverside High School CTE · contacted · 2026-11-05",
        "Opening:",
    ]
    assert (
        "  ✓ timing: busy season (year-end sales event) from 2026-11-15 to 2027-01-10: "
        "meet before 2026-11-15; best time Tue-Thu before 10am; channel email"
    ) in lines
    assert "Checklist:" in lines and "The ask:" in lines


def test_pitch_table_has_every_section(tmp_path: Path) -> None:
    result = run_cli(["-C", ws(tmp_path), "pitch", "harbor-bakery", "--today", "2026-11-24",
                      "--format", "table"])  # fmt: skip
    assert result.exit_code == 0
    for head in ("Opening", "Checklist", "Needs met by pathway skills", "Peers", "Benefits",
                 "The ask"):  # fmt: skip
        assert f"\n{head}\n" in result.stdout
    assert "✗ decision-maker: no contact on file" in result.stdout
    assert "none: no needs on file" in result.stdout


def test_pitch_json_document(tmp_path: Path) -> None:
    result = run_cli(["-C", ws(tmp_path), "pitch", "riverside-auto", "--today", "2027-01-11",
                      "--format", "json"])  # fmt: skip
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert list(doc) == [
        "version", "partner", "today", "opening", "checklist", "peers", "matches",
        "benefits", "ask", "errors",
    ]  # fmt: skip
    assert doc["version"] == 1
    assert [c["item"] for c in doc["checklist"]] == [
        "business", "trends", "openings", "needs", "peers", "decision-maker", "timing",
    ]  # fmt: skip
    assert {c["item"]: c["ok"] for c in doc["checklist"]}["timing"] is True
    assert doc["matches"][0] == {
        "need": "social media presence",
        "skill": "social media marketing",
        "pathway": "digital-media",
        "pathway_name": "Digital Media",
        "shared": ["media", "social"],
    }
    assert [p["partner"] for p in doc["peers"]] == ["bolt-motors", "city-tire"]
    assert set(doc["benefits"]) == {"students", "employer", "community"}
    assert doc["ask"][0] == {"kind": "mentorship", "reason": "2 peers give it"}


def test_unknown_partner_is_a_usage_error_with_did_you_mean(tmp_path: Path) -> None:
    result = run_cli(["-C", ws(tmp_path), "pitch", "riverside-aut", "--today", "2026-11-24"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        result.stderr == "error: no partner 'riverside-aut' (no partners/riverside-aut.yaml) "
        "(did you mean 'riverside-auto'?)\n"
    )


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(["-C", ws(tmp_path), "pitch", "riverside-auto", "--format", "csv",
                      "--today", "2026-11-24"])  # fmt: skip
    assert result.exit_code == 2
    assert "'csv' is not a format of this command" in result.stderr


def test_user_text_is_shown_literally(tmp_path: Path) -> None:
    root = Path(ws(tmp_path))
    (root / "partners" / "odd.yaml").write_text(
        'name: "[bold]Odd[/bold] \\e[31mRed"\nstage: prospect\n'
        'needs: ["*social* media <b>push</b>"]\n',
        encoding="utf-8",
    )
    plain = run_cli(["-C", str(root), "pitch", "odd", "--today", "2026-11-24"])
    assert plain.exit_code == 0
    assert "Pitch brief: [bold]Odd[/bold] \\x1b[31mRed (odd)" in plain.stdout
    assert "\x1b" not in plain.stdout
    md = run_cli(["-C", str(root), "pitch", "odd", "--today", "2026-11-24", "--format", "md"])
    assert "# Pitch brief: \\[bold\\]Odd\\[/bold\\]" in md.stdout
    assert "\\*social\\* media &lt;b&gt;push&lt;/b&gt;" in md.stdout
    assert "<b>" not in md.stdout


def test_readme_pitch_example_is_real_output(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- pitch-example:start -->\n```markdown\n", 1)[1]
    block = block.split("```\n<!-- pitch-example:end -->", 1)[0]
    assert block == PITCH_MD


def test_peers_by_pathway_are_listed_and_labelled(tmp_path: Path) -> None:
    root = Path(ws(tmp_path))
    (root / "partners" / "tv-station.yaml").write_text(
        "name: TV Station\nindustry: broadcasting\npathways: [digital-media]\nstage: prospect\n",
        encoding="utf-8",
    )
    args = ["-C", str(root), "pitch", "tv-station", "--today", "2026-11-24"]
    lines = run_cli(args).stdout.splitlines()
    peers = lines[lines.index("Peers:") + 1]
    assert peers == (
        "  Pixel Studio (active, shares the Digital Media pathway): project (digital-media)"
    )
    assert lines[lines.index("The ask:") + 1] == "  project: 1 peer gives it"
    doc = json.loads(run_cli([*args, "--format", "json"]).stdout)
    assert doc["peers"] == [
        {"partner": "pixel-studio", "name": "Pixel Studio", "stage": "active",
         "offers": ["project (digital-media)"], "via": "pathway", "pathways": ["digital-media"]}
    ]  # fmt: skip
