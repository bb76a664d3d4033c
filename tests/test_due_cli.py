"""`partnerctl due` on tests/data/due-basic: whole outputs at width 100, options, exit codes.

The workspace (T = 2026-11-24, a Tuesday) holds one item of most kinds:
harbor-bakery (prospect, cadence overdue), riverside-auto (follow-up overdue in
a busy season), bolt-electric (agreement, missing decision maker, recognition
and cadence ahead), pine-clinic (cadence held by a busy season), tech-hub
(follow-up today, with Rich markup in its text), old-mill (declined), and two
events (a chamber breakfast being prepared, a career fair ahead).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import DATA, copy_data, run_cli

WS = str(DATA / "due-basic")
T = "2026-11-24"


def due(*args: str, env: dict[str, str | None] | None = None, ws: str = WS) -> object:
    return run_cli(["-C", ws, "due", "--today", T, *args], env=env)


def stripped(text: str) -> str:
    """Rich pads table lines to the width; compare without trailing spaces."""
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


PLAIN = """\
overdue   2026-09-22  harbor-bakery  cadence  check in (partner since 2026-09-01, every 21 days)
  → partnerctl log harbor-bakery "…"
  → partnerctl snooze harbor-bakery +1w --action "check in"
overdue   2026-11-20  riverside-auto  follow-up  Call Dana about spring shadow dates  \
(Dana Ortiz, email)  [busy season until 01-10]
  → partnerctl log riverside-auto "…"
  → partnerctl snooze riverside-auto +1w
due       2026-11-10  bolt-electric  agreement  renew mou (expires 2026-12-10)  (Sam Reyes, phone)
  → partnerctl agreement bolt-electric mou --expires YYYY-MM-DD
due       2026-11-24  tech-hub  follow-up  Send the [red]new[/red] flyer  ([bold]Lee[/bold], social)
  → partnerctl log tech-hub "…"
  → partnerctl snooze tech-hub +1w
due       2026-11-24  bolt-electric  decision-maker  find the decision maker  (Sam Reyes, phone)
  → partnerctl contact bolt-electric --name "Sam Reyes" --decision-maker
due       2026-11-19  chamber-breakfast  event  prepare: Chamber of Commerce breakfast on \
2026-12-03  (with riverside-auto, bolt-electric)
  → partnerctl log riverside-auto bolt-electric "…"
"""

TABLE = """\
Due Tue 2026-11-24
Status   Date        Partner            To do
────────────────────────────────────────────────────────────────────────────────────────────────────
overdue  2026-09-22  harbor-bakery      check in (partner since 2026-09-01, every 21 days)
         63d late    cadence
         → partnerctl log harbor-bakery "…"
         → partnerctl snooze harbor-bakery +1w --action "check in"
overdue  2026-11-20  riverside-auto     Call Dana about spring shadow dates
         4d late     follow-up          Dana Ortiz, email
                                        busy season until 01-10
         → partnerctl log riverside-auto "…"
         → partnerctl snooze riverside-auto +1w
due      2026-11-10  bolt-electric      renew mou (expires 2026-12-10)
         14d late    agreement          Sam Reyes, phone
         → partnerctl agreement bolt-electric mou --expires YYYY-MM-DD
due      2026-11-24  tech-hub           Send the [red]new[/red] flyer
                     follow-up          [bold]Lee[/bold], social
         → partnerctl log tech-hub "…"
         → partnerctl snooze tech-hub +1w
due      2026-11-24  bolt-electric      find the decision maker
                     decision-maker     Sam Reyes, phone
         → partnerctl contact bolt-electric --name "Sam Reyes" --decision-maker
due      2026-11-19  chamber-breakfast  prepare: Chamber of Commerce breakfast on 2026-12-03
                     event              with riverside-auto, bolt-electric
         → partnerctl log riverside-auto bolt-electric "…"
2 overdue, 4 due
"""

TABLE_EXPLAIN_ALL = """\
Due Tue 2026-11-24 for mortiz
Status    Date        Partner         To do
────────────────────────────────────────────────────────────────────────────────────────────────────
due       2026-11-10  bolt-electric   renew mou (expires 2026-12-10)
          14d late    agreement       Sam Reyes, phone
          urgency 6.4 = lateness 1.4 + stage 3 + kind 2
          → partnerctl agreement bolt-electric mou --expires YYYY-MM-DD
due       2026-11-24  bolt-electric   find the decision maker
                      decision-maker  Sam Reyes, phone
          urgency 2 = stage 3 + kind -1
          → partnerctl contact bolt-electric --name "Sam Reyes" --decision-maker
upcoming  2026-11-30  bolt-electric   last spotlight 2026-09-01: recognize every 90 days
                      recognition     Sam Reyes, phone
          urgency 3 = stage 3
          → partnerctl spotlight add bolt-electric --where newsletter \
--title "Thank you, Bolt Electric, for partnering with Riverside High School CTE"
upcoming  2026-12-01  bolt-electric   check in (last touch 2026-11-01, every 30 days)
                      cadence         Sam Reyes, phone
          urgency 3 = stage 3
          → partnerctl log bolt-electric "…"
          → partnerctl snooze bolt-electric +1w --action "check in"
upcoming  2026-12-08  career-fair     prepare: Spring career fair on 2026-12-08
                      event
          urgency 1 = kind 1
deferred  2026-11-12  pine-clinic     check in (last touch 2026-11-05, every 7 days)
          12d late    cadence         Dr. Amy Chen, in-person
                                      deferred until 2026-12-01
          urgency 3.2 = lateness 1.2 + stage 2
          → partnerctl log pine-clinic "…"
          → partnerctl snooze pine-clinic +1w --action "check in"
2 due, 3 upcoming, 1 deferred
"""


def test_plain_whole_output() -> None:
    result = due()
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == PLAIN


def test_table_whole_output_at_width_100() -> None:
    result = due("--format", "table")
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 100
    assert stripped(result.stdout) == TABLE


def test_table_explain_wraps_only_between_terms() -> None:
    result = due("--format", "table", "--explain", "--owner", "jlee", env={"COLUMNS": "50"})
    lines = [line.strip() for line in result.stdout.splitlines()]
    index = lines.index("urgency 4.4 = lateness 0.4 + stage 1")
    assert lines[index + 1 : index + 4] == [
        "+ early adopter 1 + kind 2",
        '→ partnerctl log riverside-auto "…"',
        "→ partnerctl snooze riverside-auto +1w",
    ]
    # a command never wraps, even wider than the terminal
    assert '→ partnerctl snooze harbor-bakery +1w --action "check in"' in lines


def test_table_with_explain_all_within_and_owner() -> None:
    result = due("--format", "table", "--within", "14", "--all", "--explain", "--owner", "mortiz")
    assert result.exit_code == 0
    assert stripped(result.stdout) == TABLE_EXPLAIN_ALL


def test_plain_explain_line() -> None:
    result = due("--explain", "--owner", "jlee")
    lines = result.stdout.splitlines()
    index = lines.index(
        "overdue   2026-11-20  riverside-auto  follow-up  Call Dana about spring shadow dates  "
        "(Dana Ortiz, email)  [busy season until 01-10]"
    )
    assert lines[index + 1] == "  urgency 4.4 = lateness 0.4 + stage 1 + early adopter 1 + kind 2"


def test_json_is_designs_shape() -> None:
    result = due("--format", "json", "--within", "14", "--all")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert list(doc) == ["version", "today", "items", "errors"]
    assert (doc["version"], doc["today"], doc["errors"]) == (1, T, [])
    assert doc["items"][1] == {
        "partner": "riverside-auto",
        "kind": "follow-up",
        "status": "overdue",
        "date": "2026-11-20",
        "days_late": 4,
        "action": "Call Dana about spring shadow dates",
        "contact": "Dana Ortiz",
        "channel": "email",
        "owner": "jlee",
        "urgency": 4.4,
        "warnings": ["busy season until 01-10"],
        "commands": [
            'partnerctl log riverside-auto "…"',
            "partnerctl snooze riverside-auto +1w",
        ],
    }
    event = next(item for item in doc["items"] if item.get("event") == "chamber-breakfast")
    assert "partner" not in event
    assert event["partners"] == ["riverside-auto", "bolt-electric"]
    assert event["event_date"] == "2026-12-03"
    deferred = doc["items"][-1]
    assert (deferred["status"], deferred["deferred_until"]) == ("deferred", "2026-12-01")
    assert [item["status"] for item in doc["items"]] == (
        ["overdue"] * 2 + ["due"] * 4 + ["upcoming"] * 3 + ["deferred"]
    )
    assert "terms" not in doc["items"][0]
    explained = json.loads(due("--format", "json", "--explain").stdout)
    assert explained["items"][0]["terms"] == {
        "lateness": 5.0,
        "stage": 0.0,
        "early_adopter": 0.0,
        "kind": 0.0,
    }


def test_csv_has_a_header_and_formula_safe_cells(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    target = ws / "partners" / "tech-hub.yaml"
    target.write_text(target.read_text().replace("Send the [red]new[/red] flyer", "=1+2"))
    result = due("--format", "csv", "--within", "7", ws=str(ws))
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:5] == ["status", "date", "days_late", "kind", "partner"]
    tech = next(row for row in rows if row[4] == "tech-hub")
    assert tech[8] == "'=1+2"
    upcoming = next(row for row in rows if row[0] == "upcoming")
    assert upcoming[2] == "-6"  # numbers we computed are not escaped
    assert len(rows) == 1 + 8


def test_md_table() -> None:
    result = due("--format", "md", "--owner", "jlee")
    assert result.stdout == (
        "| Status | Date | Partner | Kind | To do | Contact |\n"
        "|---|---|---|---|---|---|\n"
        "| overdue | 2026-09-22 | harbor-bakery | cadence | check in (partner since 2026-09-01, "
        "every 21 days) |  |\n"
        "| overdue | 2026-11-20 | riverside-auto | follow-up | Call Dana about spring shadow dates "
        "(busy season until 01-10) | Dana Ortiz, email |\n"
        "| due | 2026-11-24 | tech-hub | follow-up | Send the \\[red\\]new\\[/red\\] flyer | "
        "\\[bold\\]Lee\\[/bold\\], social |\n"
        "| due | 2026-11-19 | chamber-breakfast | event | prepare: Chamber of Commerce breakfast "
        "on 2026-12-03 | with riverside-auto, bolt-electric |\n"
    )


def test_check_exit_codes_and_quiet() -> None:
    assert due("--check").exit_code == 1
    quiet = due("--check", "-q")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (1, "", "")
    # upcoming and deferred items do not count for --check
    later = run_cli(["-C", WS, "due", "--today", "2026-11-25", "--check", "--owner", "mortiz"])
    assert later.exit_code == 1  # the agreement and decision maker are still due
    clean = due("--check", "-q", ws=str(DATA / "due-quiet"))
    assert (clean.exit_code, clean.stdout) == (0, "")
    assert due("--check", ws=str(DATA / "due-quiet")).exit_code == 0


def test_nothing_due_says_so_and_names_the_next_item() -> None:
    result = run_cli(["-C", str(DATA / "due-quiet"), "due", "--today", T])
    assert result.exit_code == 0
    assert result.stdout == (
        "Nothing due today. Next: 2026-12-01 calm-co follow-up: Send the spring calendar\n"
    )
    quiet = run_cli(["-C", str(DATA / "due-quiet"), "due", "--today", T, "-q"])
    assert (quiet.exit_code, quiet.stdout) == (0, "")
    table = run_cli(["-C", str(DATA / "due-quiet"), "due", "--today", T, "--format", "table"])
    assert table.stdout == result.stdout
    ahead = run_cli(["-C", str(DATA / "due-quiet"), "due", "--today", T, "--within", "7"])
    assert ahead.stdout.startswith("upcoming  2026-12-01  calm-co  follow-up")


def test_owner_and_mine() -> None:
    mortiz = due("--owner", "mortiz").stdout
    assert {line.split()[2] for line in mortiz.splitlines() if not line.startswith(" ")} == {
        "bolt-electric"
    }
    assert "chamber-breakfast" not in mortiz  # an event owned by jlee
    mine = due("--mine", env={"PARTNERCTL_OWNER": "mortiz"})
    assert mine.stdout == mortiz
    jlee = due("--owner", "jlee").stdout
    assert "chamber-breakfast" in jlee and "bolt-electric  agreement" not in jlee


def test_mine_from_settings(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    settings = ws / "partnerctl.yaml"
    settings.write_text(settings.read_text() + "me: mortiz\n")
    assert due("--mine", ws=str(ws)).stdout == due("--owner", "mortiz").stdout
    # the environment wins over the settings
    env = {"PARTNERCTL_OWNER": "jlee"}
    assert due("--mine", ws=str(ws), env=env).stdout == due("--owner", "jlee").stdout


def test_usage_errors() -> None:
    mine = due("--mine")
    assert mine.exit_code == 2
    assert mine.stdout == ""
    assert mine.stderr == (
        "error: --mine: partnerctl does not know who you are "
        "(set PARTNERCTL_OWNER=yourname, or run `git config partnerctl.me yourname` in this clone, "
        "or put `me: yourname` in partnerctl.yaml)\n"
    )
    owner = due("--owner", "jle")
    assert owner.exit_code == 2
    assert owner.stderr == (
        "error: --owner: 'jle' is not one of partnerctl.yaml's owners (did you mean 'jlee'?)\n"
    )
    fmt = due("--format", "html")
    assert fmt.exit_code == 2
    assert "'html' is not a format of this command" in fmt.stderr
    assert due("--within", "-1").exit_code == 2


def test_a_broken_file_is_named_and_the_rest_still_shows(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    (ws / "partners" / "harbor-bakery.yaml").write_text("name: Harbor Bakery\nstage: prospekt\n")
    result = due(ws=str(ws))
    assert result.exit_code == 2
    assert "partners/harbor-bakery.yaml:2" in result.stderr
    assert "harbor-bakery" not in result.stdout
    assert result.stdout.startswith("overdue   2026-11-20  riverside-auto  follow-up")
    assert result.stdout.endswith("\n1 partner file could not be read: its items are not shown\n")
    checked = due("--check", ws=str(ws))
    assert checked.exit_code == 2  # 2 wins over 1
    doc = json.loads(due("--format", "json", ws=str(ws)).stdout)
    assert doc["errors"][0]["file"] == "partners/harbor-bakery.yaml"


def test_control_and_bidi_characters_are_shown_escaped(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    target = ws / "partners" / "tech-hub.yaml"
    text = target.read_text().replace(
        "action: Send the [red]new[/red] flyer", 'action: "Send \\e[31mred\\u202e flyer"'
    )
    target.write_text(text)
    for fmt in ("plain", "table", "md"):
        out = due("--format", fmt, "--owner", "jlee", ws=str(ws)).stdout
        shown = "Send \\x1b[31mred\\u202e flyer"
        if fmt == "md":  # a Markdown cell escapes the backslash and the bracket
            shown = "Send \\\\x1b\\[31mred\\\\u202e flyer"
        assert shown in out, fmt
        assert "\x1b" not in out and "\u202e" not in out, fmt


def _report_in_context(root: Path, within: int = 0) -> object:
    """A DueReport of `root` with what `due` passes from the workspace (suggestions, errors)."""
    from datetime import date

    from partnerctl.core.due import due_items
    from partnerctl.render import due as render
    from partnerctl.workspace import load_workspace

    ws = load_workspace(root)
    today = date.fromisoformat(T)
    items = due_items(ws.settings, ws.partners, ws.events, today, within=within)
    report = render.DueReport(today, items, within=within)
    return render.with_context(report, ws.errors)


def test_a_recognition_command_is_the_one_spotlight_suggests(example_ws: Path) -> None:
    from partnerctl.render import due as render

    report = _report_in_context(example_ws)
    shown = [line for line in render.plain(report).splitlines() if "spotlight add" in line]
    suggested = run_cli(["-C", str(example_ws), "spotlight", "--today", T]).stdout
    assert shown == [line for line in suggested.splitlines() if "spotlight add" in line]
    assert shown[0] == (
        "  → partnerctl spotlight add mikes-garage --where newspaper --title "
        '"Thank you, Mike\'s Garage & Tire, for hosting job shadows and mentoring students"'
    )
    item = next(i for i in report.items if i.kind == "recognition")
    assert render.commands(item) == [shown[0].removeprefix("  → ")]  # core made it, once


def test_left_out_partner_files_are_named_under_the_list(tmp_path: Path) -> None:
    from rich.console import Console

    from partnerctl.render import due as render
    from partnerctl.render.duetable import table

    ws = copy_data("due-basic", tmp_path)
    (ws / "partners" / "harbor-bakery.yaml").write_text("name: Harbor Bakery\nstage: prospekt\n")
    report = _report_in_context(ws)
    note = "1 partner file could not be read: its items are not shown"
    assert render.plain(report).endswith("\n" + note + "\n")
    assert render.md_doc(report).endswith("|\n\n" + note + "\n")
    console = Console(width=100, record=True, color_system=None)
    table(report, console)
    assert console.export_text().splitlines()[-1] == f"1 overdue, 4 due ({note})"
    quiet = render.DueReport(report.today, [], unread_partner_files=2)
    assert render.plain(quiet) == (
        "Nothing due today.\n2 partner files could not be read: their items are not shown\n"
    )


def test_table_at_60_columns_never_splits_an_id() -> None:
    from conftest import EXAMPLES

    args = ["-C", str(EXAMPLES), "due", "--today", T, "--format", "table"]
    result = run_cli(args, {"COLUMNS": "60"})
    assert result.exit_code == 0
    doc = json.loads(run_cli([*args[:-1], "json"]).stdout)
    # an item's id: its event's, placement's, committee's (pathway) or partner's; a
    # member's name is no id (it has spaces), so its item is left out here
    items = [item for item in doc["items"] if "member" not in item]
    ids = {subject_id(item) for item in items}
    ids |= {pid for item in items for pid in item.get("partners", [])}
    rows = [line for line in result.stdout.splitlines() if not line.lstrip().startswith("→")]
    assert all(len(line) <= 60 for line in rows)
    words = {word.strip(",") for line in rows for word in line.split()}
    # a piece of an id is never a word of its own; every item's id shows whole
    # (a word that is itself an id, `st-lukes` beside `st-lukes-2026-10`, is no piece)
    assert not {
        w for w in words for i in ids if w != i and w not in ids and len(w) > 2 and i.startswith(w)
    }
    assert {subject_id(item) for item in items} <= words
    # too narrow for four columns: the status heads the Date column
    assert rows[1].split() == ["Date", "Partner", "To", "do"]
    assert rows[3].split()[:3] == ["overdue", "heartland-manufacturing", "renew"]


def subject_id(item: dict[str, str]) -> str:
    """The id an item's row shows: its event's, placement's, partner's or committee's."""
    for key in ("event", "placement", "partner", "pathway"):
        if key in item:
            return item[key]
    raise AssertionError(item)
