"""`partnerctl show ID`: the whole profile in plain, table, md and json; unknown ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import DATA, copy_data, run_cli

WS = str(DATA / "due-basic")


def show(*args: str, ws: str = WS) -> Any:
    return run_cli(["-C", ws, "show", "--today", "2026-11-24", *args])


PLAIN = """\
Riverside Auto Group (riverside-auto)
stage: contacted   owner: jlee   industry: automotive
pathways: automotive
since: 2026-09-01   channel: email   best time: Tue-Thu before 10am   2.4 miles away   early adopter
tags: chamber
relationship: Owner's daughter graduated 2022; sponsors the football program
Contacts:
  Jo Park, Receptionist
  Dana Ortiz, Service Manager, dana@example.com, 555-0142 (decision maker)
Needs:
  Saturday shop coverage
  social media presence
Openings:
  Lube technician (part-time)
Research:
  business: Family-owned, 3 locations, 60 staff
  trends: EV service demand; technician shortage
Offers:
  job-shadow, automotive, 4 seats
Agreements:
  mou expires 2027-06-30
Busy seasons:
  11-15 to 01-10: year-end sales event
Next step:
  2026-11-20  Call Dana about spring shadow dates
History (newest first):
  2026-11-02  email  with Dana Ortiz: Sent one-page intro (replied)
  2026-10-20  phone  with Jo Park: Asked who runs the service bay (no-reply)
Due today:
  overdue   2026-11-20  follow-up  Call Dana about spring shadow dates  [busy season until 01-10]
    → partnerctl log riverside-auto "…"
    → partnerctl snooze riverside-auto +1w
  due       2026-11-19  event  prepare: Chamber of Commerce breakfast on 2026-12-03
    → partnerctl log riverside-auto bolt-electric "…"
"""

TABLE_BOLT = """\
Bolt Electric (bolt-electric)
stage: active   owner: mortiz   industry: construction
since: 2025-01-01   channel: phone
Contacts
  Sam Reyes, Office Manager
  no decision maker marked
Agreements
  mou expires 2026-12-10
Next step
  none scheduled
History (newest first)
  2026-11-01: Thanked them for the shop tour
Spotlights
  2026-09-01  social  Wiring lab tour  published
Due today
  due       2026-11-10  agreement  renew mou (expires 2026-12-10)
    → partnerctl agreement bolt-electric mou --expires YYYY-MM-DD
  due       2026-11-24  decision-maker  find the decision maker
    → partnerctl contact bolt-electric --name "Sam Reyes" --decision-maker
  due       2026-11-19  event  prepare: Chamber of Commerce breakfast on 2026-12-03
    → partnerctl log riverside-auto bolt-electric "…"
"""


def test_plain_whole_profile() -> None:
    result = show("riverside-auto")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == PLAIN


def test_table_whole_profile() -> None:
    result = show("bolt-electric", "--format", "table")
    assert result.exit_code == 0
    assert "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n" == TABLE_BOLT


def test_deferred_items_show_with_their_date() -> None:
    result = show("pine-clinic")
    assert result.stdout.endswith(
        "Due today:\n"
        "  deferred  2026-11-12  cadence  check in (last touch 2026-11-05, every 7 days)"
        "  [deferred until 2026-12-01]\n"
        '    → partnerctl log pine-clinic "…"\n'
        '    → partnerctl snooze pine-clinic +1w --action "check in"\n'
    )


def test_nothing_due_and_markup_kept_literal() -> None:
    result = show("tech-hub", "--today", "2026-11-25")
    assert "  [bold]Lee[/bold]\n  no decision maker marked\n" in result.stdout
    assert result.stdout.endswith(
        "Due today:\n  overdue   2026-11-24  follow-up  Send the [red]new[/red] flyer\n"
        '    → partnerctl log tech-hub "…"\n'
        "    → partnerctl snooze tech-hub +1w\n"
    )
    quiet = show("old-mill")
    assert quiet.stdout.endswith("Due today:\n  nothing\n")


def test_md() -> None:
    result = show("pine-clinic", "--format", "md")
    assert result.stdout.startswith(
        "# Pine Street Clinic (pine-clinic)\n\n"
        "- stage: meeting   owner: mortiz   industry: health care\n"
        "- pathways: health\n"
        "- channel: in-person\n\n"
        "## Contacts\n\n"
        "- Dr. Amy Chen, Director (decision maker)\n\n"
    )


def test_json() -> None:
    doc = json.loads(show("tech-hub", "--format", "json").stdout)
    assert list(doc) == [
        "version", "today", "partner", "file", "profile", "items", "placements", "errors",
    ]  # fmt: skip
    assert (doc["today"], doc["partner"], doc["file"]) == (
        "2026-11-24",
        "tech-hub",
        "partners/tech-hub.yaml",
    )
    # the profile is the partner as `export` gives it
    assert list(doc["profile"])[:2] == ["id", "name"]
    assert doc["profile"]["next"] == {
        "date": "2026-11-24",
        "action": "Send the [red]new[/red] flyer",
    }
    assert [item["kind"] for item in doc["items"]] == ["follow-up"]


def test_unknown_id_is_a_usage_error_with_did_you_mean() -> None:
    result = show("riverside-autp")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: no partner 'riverside-autp' (no partners/riverside-autp.yaml) "
        "(did you mean 'riverside-auto'?)\n"
    )
    prefix = show("bolt")
    assert prefix.stderr == (
        "error: no partner 'bolt' (no partners/bolt.yaml) (did you mean 'bolt-electric'?)\n"
    )
    nothing = show("zzz")
    assert nothing.stderr == (
        "error: no partner 'zzz' (no partners/zzz.yaml) "
        "(`partnerctl list` shows the partners; `partnerctl add` makes one)\n"
    )


def test_a_broken_partner_file_is_named(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    (ws / "partners" / "tech-hub.yaml").write_text("name: Tech Hub\nstage: [\n")
    result = show("tech-hub", ws=str(ws))
    assert result.exit_code == 2
    assert result.stderr.startswith("partners/tech-hub.yaml:")
    assert result.stderr.endswith(
        "error: partner 'tech-hub' could not be read: "
        "partners/tech-hub.yaml has errors (shown above)\n"
    )


def _profile_on_a_terminal(partner_id: str, width: int = 100) -> str:
    """The table rendering of a profile with ANSI styles, as on a colour terminal."""
    import io
    from datetime import date

    from rich.console import Console

    from partnerctl.core.due import due_items
    from partnerctl.core.listing import profile
    from partnerctl.render import profile as render
    from partnerctl.workspace import load_workspace

    ws = load_workspace(DATA / "due-basic")
    today = date(2026, 11, 24)
    items = [
        i
        for i in due_items(ws.settings, ws.partners, ws.events, today)
        if i.partner == partner_id or partner_id in i.partners
    ]
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=True, color_system="standard")
    render.table(profile(ws.partners[partner_id], items), console)
    return out.getvalue()


def test_table_on_a_terminal_makes_only_the_title_and_headings_bold() -> None:
    lines = _profile_on_a_terminal("bolt-electric").splitlines()
    assert lines[0] == "\x1b[1mBolt Electric (bolt-electric)\x1b[0m"
    assert lines[1] == "stage: active   owner: mortiz   industry: construction"
    assert lines[3] == "\x1b[1;4mContacts\x1b[0m"
    assert lines[4] == "  Sam Reyes, Office Manager"


def test_table_wraps_a_long_line_under_its_item() -> None:
    lines = [line.rstrip() for line in _profile_on_a_terminal("riverside-auto", 60).splitlines()]
    start = lines.index("\x1b[1;4mHistory (newest first)\x1b[0m")
    assert lines[start + 1 : start + 5] == [
        "  2026-11-02  email  with Dana Ortiz: Sent one-page intro",
        "    (replied)",
        "  2026-10-20  phone  with Jo Park: Asked who runs the",
        "    service bay (no-reply)",
    ]


def test_a_next_step_without_action_says_so(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    path = ws / "partners" / "tech-hub.yaml"
    path.write_text(path.read_text().replace("  action: Send the [red]new[/red] flyer\n", ""))
    result = show("tech-hub", ws=str(ws))
    assert "Next step:\n  2026-11-24  follow up (no action set)\n" in result.stdout
    listed = run_cli(["-C", str(ws), "list", "--today", "2026-11-24"])
    assert "(next 2026-11-24 follow up (no action set))" in listed.stdout
