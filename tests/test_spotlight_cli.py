"""`partnerctl spotlight` and `spotlight add` through the CLI, with `due` and `calendar`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import EXAMPLES, copy_data, run_cli

TODAY = "2026-11-24"

SPOTLIGHT_PLAIN = """\
2026-10-08 due bolt-motors: last spotlight 2026-07-10: recognize every 90 days
  where: newspaper
  title: "Thank you, Bolt Motors, for hosting job shadows and mentoring students"
  reminder: media release expired 2026-06-30: renew it before showing photos of students
  → partnerctl spotlight add bolt-motors --where newspaper --title "Thank you, Bolt Motors, \
for hosting job shadows and mentoring students"
2026-11-10 due pixel-studio: milestone 2026-11-10: Students' video won the regional award
  where: newspaper
  title: "Pixel Studio: Students' video won the regional award"
  media release: on file
  → partnerctl spotlight add pixel-studio --where newspaper --title "Pixel Studio: Students' \
video won the regional award"
"""


def ws(tmp_path: Path) -> Path:
    return copy_data("pitch-basic", tmp_path)


def recognition_items(root: Path, today: str = TODAY) -> list[str]:
    result = run_cli(["-C", str(root), "due", "--today", today, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    return [item["partner"] for item in items if item["kind"] == "recognition"]


def test_spotlight_list_plain_whole(tmp_path: Path) -> None:
    result = run_cli(["spotlight", "--today", TODAY, "-C", str(ws(tmp_path))])
    assert result.stderr == ""
    assert result.exit_code == 0
    assert result.stdout == SPOTLIGHT_PLAIN


def test_spotlight_json(tmp_path: Path) -> None:
    result = run_cli(["--format", "json", "-C", str(ws(tmp_path)), "spotlight", "--today", TODAY])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["version"] == 1
    assert doc["items"][1] == {
        "partner": "pixel-studio",
        "status": "due",
        "reason": "milestone 2026-11-10: Students' video won the regional award",
        "date": "2026-11-10",
        "suggested_where": "newspaper",
        "suggested_title": "Pixel Studio: Students' video won the regional award",
        "media_release": True,
        "commands": [
            "partnerctl spotlight add pixel-studio --where newspaper "
            '--title "Pixel Studio: Students\' video won the regional award"'
        ],
    }
    assert doc["items"][0]["media_release"] is False


def test_nothing_due(tmp_path: Path) -> None:
    result = run_cli(["spotlight", "--today", "2026-01-20", "-C", str(ws(tmp_path))])
    assert result.exit_code == 0
    assert result.stdout == (
        "No partner is due for a spotlight on 2026-01-20; --within 30 looks ahead.\n"
    )


def test_add_clears_the_recognition_item_in_due(tmp_path: Path) -> None:
    root = ws(tmp_path)
    assert recognition_items(root) == ["bolt-motors", "pixel-studio"]
    before = (root / "partners" / "pixel-studio.yaml").read_bytes()
    result = run_cli(["--today", TODAY, "-C", str(root), "spotlight", "add", "pixel-studio",
                      "--where", "newspaper", "--title", "Students' video wins"])  # fmt: skip
    assert result.stderr == ""
    assert result.exit_code == 0
    assert result.stdout == (
        'published spotlight for pixel-studio: 2026-11-24 newspaper "Students\' video wins"\n'
    )
    after = (root / "partners" / "pixel-studio.yaml").read_bytes()
    assert after == before + (
        b"  - {date: 2026-11-24, where: newspaper, title: Students' video wins, "
        b"status: published}\n"
    )
    assert recognition_items(root) == ["bolt-motors"]
    listed = run_cli(["-C", str(root), "spotlight", "--today", TODAY])
    assert "pixel-studio" not in listed.stdout


def test_add_reminds_about_a_missing_media_release(tmp_path: Path) -> None:
    root = ws(tmp_path)
    result = run_cli(["-C", str(root), "spotlight", "add", "bolt-motors", "--where", "Website",
                      "--title", "Interns", "--date", "2026-11-20", "--today", TODAY])  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        'published spotlight for bolt-motors: 2026-11-20 website "Interns"',
        "reminder: media release expired 2026-06-30: renew it before showing photos of students",
    ]
    assert recognition_items(root) == ["pixel-studio"]


def test_planned_shows_in_calendar_keeps_due_and_is_published_later(tmp_path: Path) -> None:
    root = ws(tmp_path)
    result = run_cli(["-C", str(root), "spotlight", "add", "bolt-motors", "--where", "event",
                      "--title", "Awards night", "--date", "2026-12-03", "--planned",
                      "--today", TODAY])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        'planned spotlight for bolt-motors: 2026-12-03 event "Awards night"',
        "reminder: media release expired 2026-06-30: renew it before showing photos of students",
    ]
    assert recognition_items(root) == ["bolt-motors", "pixel-studio"]
    listed = run_cli(["-C", str(root), "spotlight", "--today", TODAY])
    assert '  already planned: 2026-12-03 event "Awards night"\n' in listed.stdout
    calendar = run_cli(["-C", str(root), "calendar", "--today", TODAY, "--format", "plain"])
    assert calendar.exit_code == 0
    assert any("2026-12-03" in line and "Awards night" in line
               for line in calendar.stdout.splitlines())  # fmt: skip
    published = run_cli(["-C", str(root), "spotlight", "add", "bolt-motors", "--where", "event",
                         "--title", "awards  NIGHT", "--today", "2026-12-04"])  # fmt: skip
    assert published.exit_code == 0, published.stderr
    assert published.stdout.startswith(
        'published the planned spotlight for bolt-motors: 2026-12-04 event "Awards night"'
    )
    text = (root / "partners" / "bolt-motors.yaml").read_text(encoding="utf-8")
    assert text.count("Awards night") == 1
    assert "{date: 2026-12-04, where: event, title: Awards night, status: published}" in text
    assert recognition_items(root, "2026-12-04") == ["pixel-studio"]


def test_history(tmp_path: Path) -> None:
    result = run_cli(["-C", str(ws(tmp_path)), "spotlight", "--history"])
    assert result.exit_code == 0
    assert result.stdout == (
        "bolt-motors 2026-07-10 newsletter Summer interns at Bolt\n"
        "bolt-motors 2026-05-01 social Bolt Motors hosts spring shadows\n"
        "pixel-studio 2026-10-05 newsletter Fall project kickoff\n"
        "pixel-studio 2026-09-20 social Pixel Studio mentors editors\n"
        "by place: social 2, newsletter 2\n"
    )
    doc = json.loads(run_cli(["-C", str(ws(tmp_path / "j")), "spotlight", "--history",
                              "--format", "json"]).stdout)  # fmt: skip
    assert doc["by_place"] == {"social": 2, "newsletter": 2}
    assert doc["history"][0] == {
        "partner": "bolt-motors", "date": "2026-07-10", "where": "newsletter",
        "title": "Summer interns at Bolt",
    }  # fmt: skip


def _add(root: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli(["-C", str(root), "spotlight", "add", *args, "--today", TODAY])
    return result.exit_code, result.stdout, result.stderr


def test_add_errors_write_nothing(tmp_path: Path) -> None:
    root = ws(tmp_path)
    files = {p.name: p.read_bytes() for p in (root / "partners").iterdir()}
    assert _add(root, "bolt-motor", "--where", "social", "--title", "x") == (
        2, "", "error: no partner 'bolt-motor' (no partners/bolt-motor.yaml) "
        "(did you mean 'bolt-motors'?)\n",
    )  # fmt: skip
    assert _add(root, "bolt-motors", "--where", "web", "--title", "x") == (
        2, "", "error: --where: 'web' is not a spotlight place (did you mean 'website'?)\n",
    )  # fmt: skip
    code, _, err = _add(root, "bolt-motors", "--where", "social", "--title", "x", "--date", "+2d")
    assert code == 2
    assert err == (
        "error: --date: 2026-11-26 is after today (2026-11-24) "
        "(add --planned for a spotlight still to come)\n"
    )
    code, _, err = _add(root, "bolt-motors", "--where", "social", "--title", "x",
                        "--date", "2026-11-01", "--planned")  # fmt: skip
    assert code == 2 and "is before today" in err
    code, _, err = _add(root, "bolt-motors", "--where", "social", "--title", "  ")
    assert (code, err) == (2, "error: --title: must not be empty\n")
    code, _, err = _add(root, "bolt-motors", "--where", "social", "--title", "x", "--date", "soon")
    assert code == 2 and err.startswith("error: --date: 'soon' is not a date")
    code, _, err = _add(root, "bolt-motors", "--title", "x")
    assert code == 2 and "--where" in err
    assert {p.name: p.read_bytes() for p in (root / "partners").iterdir()} == files


def test_spotlight_table_and_history_table(tmp_path: Path) -> None:
    root = str(ws(tmp_path))
    result = run_cli(["-C", root, "spotlight", "--today", TODAY, "--format", "table"])
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[:3] == [
        "Bolt Motors (bolt-motors)  due since 2026-10-08",
        "  last spotlight 2026-07-10: recognize every 90 days",
        "  where: newspaper",
    ]
    assert "Pixel Studio (pixel-studio)  due since 2026-11-10" in lines
    history = run_cli(["-C", root, "spotlight", "--history", "--format", "table"])
    assert history.exit_code == 0
    assert "pixel-studio  2026-09-20  social      Pixel Studio mentors editors" in history.stdout
    assert history.stdout.endswith("by place: social 2, newsletter 2\n")


def test_history_options_do_not_go_with_add(tmp_path: Path) -> None:
    result = run_cli(["-C", str(ws(tmp_path)), "spotlight", "--history", "add", "bolt-motors",
                      "--where", "social", "--title", "x", "--today", TODAY])  # fmt: skip
    assert result.exit_code == 2
    assert "--history and --within go with `spotlight` alone" in result.stderr


def test_readme_spotlight_workflow_is_real_output(tmp_path: Path) -> None:
    import shlex

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("The workflow, on a copy of `examples/`", 1)[1]
    block = block.split("```console\n", 1)[1].split("```\n", 1)[0]
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root)
    steps: list[tuple[list[str], list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ partnerctl "):
            steps.append((shlex.split(line[len("$ partnerctl ") :]), []))
        else:
            steps[-1][1].append(line)
    assert len(steps) == 4
    for args, expected in steps:
        result = run_cli(["-C", str(root), *args], env={"PARTNERCTL_TODAY": TODAY})
        assert result.exit_code == 0, result.stderr
        got = result.stdout.splitlines()
        if expected[-1] == "  ...":
            expected = expected[:-1]
            got = got[: len(expected)]
        assert got == expected


def test_history_refuses_within(tmp_path: Path) -> None:
    for fmt in ("plain", "json"):
        result = run_cli(
            ["-C", str(ws(tmp_path / fmt)), "--today", TODAY, "spotlight", "--history",
             "--within", "3", "--format", fmt]
        )  # fmt: skip
        assert result.exit_code == 2
        assert result.stderr.startswith(
            "error: --within looks ahead at who falls due; --history lists what was published"
        )
        if fmt == "json":  # still one JSON document on stdout
            assert json.loads(result.stdout)["errors"][-1]["message"].startswith("--within")
        else:
            assert result.stdout == ""


def test_a_huge_within_is_a_usage_error_not_a_crash(tmp_path: Path) -> None:
    result = run_cli(
        ["-C", str(ws(tmp_path)), "--today", TODAY, "spotlight", "--within", "99999999"]
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert "--within" in result.stderr


def test_table_commands_are_whole_lines_and_upcoming_reads_on() -> None:
    from conftest import EXAMPLES

    args = ["-C", str(EXAMPLES), "spotlight", "--today", TODAY, "--within", "30"]
    plain = run_cli(args).stdout.splitlines()
    table = run_cli([*args, "--format", "table"], {"COLUMNS": "80"}).stdout.splitlines()
    commands = [line.strip() for line in plain if line.lstrip().startswith("→")]
    assert len(commands) == 3  # st-lukes has a spotlight planned already: nothing to run yet
    assert [line.strip() for line in table if line.lstrip().startswith("→")] == commands
    heads = [line.rstrip() for line in table if not line.startswith(" ")]
    assert heads[0] == "Mike's Garage & Tire (mikes-garage)  due since 2026-10-13"
    assert heads[2] == "Bella Cucina Trattoria (bella-cucina)  upcoming on 2026-12-09"
    # a wrapped line hangs under its own line, never at column 0
    assert len(heads) == 4 and all(len(line) <= 80 for line in table if "→" not in line)
