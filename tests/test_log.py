"""`partnerctl log`: one touchpoint per partner, `next` as DESIGN says, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import copy_data, run_cli
from tests.test_edit_document import line_diff

T = ["--today", "2026-11-24"]  # a Tuesday


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("edit-styles", tmp_path)


def snapshot(ws: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((ws / "partners").iterdir())}


def log(ws: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli(["-C", str(ws), *T, "log", *args])
    return result.exit_code, result.stdout, result.stderr


def test_log_appends_a_touchpoint_and_clears_a_due_follow_up(ws: Path) -> None:
    before = (ws / "partners/commented.yaml").read_text()
    code, out, err = log(ws, "commented", "Sent the spring dates", "--outcome", "replied")
    assert (code, err) == (0, "")
    assert out == (
        'logged commented: 2026-11-24 email "Sent the spring dates"; '
        'cleared follow-up "Call Dana about spring shadow dates" (was 2026-11-20)\n'
    )
    removed, added = line_diff(before, (ws / "partners/commented.yaml").read_text())
    assert removed == [
        "next:                                # the one scheduled follow-up\n",
        "  date: 2026-11-20\n",
        "  action: Call Dana about spring shadow dates\n",
    ]
    assert added == [
        "  - date: 2026-11-24\n",
        "    channel: email\n",  # the partner's own channel, by default
        "    summary: Sent the spring dates\n",
        "    outcome: replied\n",
        "    closes: 2026-11-20\n",  # the follow-up it completed, for the calendar feed
    ]


def test_a_later_follow_up_stays(ws: Path) -> None:
    code, out, _ = log(ws, "flowy", "Dropped by", "--channel", "In-Person", "--with", "Lee Park")
    assert code == 0
    assert out == 'logged flowy: 2026-11-24 in-person "Dropped by"; follow-up stays on 2026-12-01\n'
    text = (ws / "partners/flowy.yaml").read_text()
    assert "next: {date: 2026-12-01, action: Drop off flyers}\n" in text
    assert "    with: Lee Park\n" in text


def test_next_sets_keeps_pending_action_and_none_clears(ws: Path) -> None:
    code, out, _ = log(ws, "flowy", "Called", "--channel", "phone", "--next", "+1w")
    assert code == 0
    assert out.endswith('; next 2026-12-01 "Drop off flyers"\n')
    code, out, _ = log(ws, "flowy", "Called", "--next", "fri", "--action", "Send photos")
    assert out.endswith('; next 2026-11-27 "Send photos"\n')
    assert (
        "next: {date: 2026-11-27, action: Send photos}\n"
        in (ws / "partners/flowy.yaml").read_text()
    )
    text = (ws / "partners/flowy.yaml").read_text()
    assert "closes:" not in text  # a follow-up still ahead is moved, not closed
    code, out, _ = log(ws, "flowy", "Called", "--next", "none")
    assert out.endswith('; cleared the follow-up "Send photos" (was 2026-11-27)\n')
    text = (ws / "partners/flowy.yaml").read_text()
    assert "next:" not in text
    assert text.count("closes:") == 1 and text.endswith("    closes: 2026-11-27\n")


def test_a_done_follow_up_does_not_lend_its_action(ws: Path) -> None:
    code, out, _ = log(ws, "commented", "Called Dana", "--next", "2026-12-02")
    assert code == 0
    assert out == (
        'logged commented: 2026-11-24 email "Called Dana"; cleared follow-up '
        '"Call Dana about spring shadow dates" (was 2026-11-20); next 2026-12-02 '
        '(no action: add one with partnerctl snooze commented 2026-12-02 --action "…")\n'
    )
    text = (ws / "partners/commented.yaml").read_text()
    assert "# the one scheduled follow-up\n  date: 2026-12-02\nspotlights:" in text
    # The follow-up the output points at: snooze gives it an action on the same day.
    result = run_cli(["-C", str(ws), *T, "snooze", "commented", "2026-12-02", "--action", "Call"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        'snoozed commented: follow-up "Call" already on 2026-12-02 (action added)\n'
    )
    text = (ws / "partners/commented.yaml").read_text()
    assert "# the one scheduled follow-up\n  date: 2026-12-02\n  action: Call\nspotlights:" in text


def test_a_done_follow_up_without_an_action_is_cleared_in_words(ws: Path) -> None:
    path = ws / "partners/commented.yaml"
    path.write_text(path.read_text().replace("  action: Call Dana about spring shadow dates\n", ""))
    code, out, _ = log(ws, "commented", "Called Dana")
    assert code == 0
    assert out == (
        'logged commented: 2026-11-24 email "Called Dana"; '
        "cleared follow-up with no action (was 2026-11-20)\n"
    )


def test_stage_students_and_past_weekday_date(ws: Path) -> None:
    code, out, _ = log(
        ws, "indentless", "Mock interviews", "--students", "14", "--stage", "committed",
        "--date", "monday", "--outcome", "milestone",
    )  # fmt: skip
    assert code == 0
    assert out == 'logged indentless: 2026-11-23 "Mock interviews"; stage active → committed\n'
    text = (ws / "partners/indentless.yaml").read_text()
    assert "stage: committed\n" in text
    assert (
        "- date: 2026-11-23\n  summary: Mock interviews\n  outcome: milestone\n"
        "  stage: committed\n  students: 14\nnext:\n"
    ) in text


def test_several_partners_get_one_touchpoint_each(ws: Path) -> None:
    code, out, _ = log(
        ws, "commented", "flowy", "bare", "Chamber breakfast", "--channel", "in-person"
    )
    assert code == 0
    assert [line.split(":")[0] for line in out.splitlines()] == [
        "logged commented", "logged flowy", "logged bare",
    ]  # fmt: skip
    for name in ("commented", "flowy", "bare"):
        assert "summary: Chamber breakfast" in (ws / f"partners/{name}.yaml").read_text()


def test_unknown_id_writes_nothing_for_anyone(ws: Path) -> None:
    before = snapshot(ws)
    code, out, err = log(ws, "commented", "flowyy", "Chamber breakfast")
    assert (code, out) == (2, "")
    assert err == "error: no partner 'flowyy' (no partners/flowyy.yaml) (did you mean 'flowy'?)\n"
    assert snapshot(ws) == before


def test_an_invalid_file_is_refused_and_nothing_is_written(ws: Path) -> None:
    broken = ws / "partners/broken.yaml"
    broken.write_text("name: Broken Co\nstage: prospekt\n")
    before = snapshot(ws)
    code, out, err = log(ws, "commented", "broken", "Chamber breakfast")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "partners/broken.yaml:2:8: error: stage: 'prospekt' is not a stage "
        "(did you mean 'prospect'?)",
        "error: nothing was written: partners/broken.yaml has errors; partnerctl edits valid "
        "files only (fix the errors above and try again)",
    ]
    assert snapshot(ws) == before


def test_log_reads_only_the_files_it_touches(ws: Path) -> None:
    (ws / "partners/broken.yaml").write_text("name: [unclosed\n")
    (ws / "events").mkdir()
    (ws / "events/bad.yaml").write_text("events: {{{\n")
    code, _, err = log(ws, "bare", "Emailed")
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["commented"], "error: log needs one or more partner ids and then a summary"),
        (["commented", "x", "--date", "2026-13-01"], "error: --date: '2026-13-01' is not a date"),
        (["commented", "x", "--date", "+2d"], "error: --date: 2026-11-26 is after today"),
        (["commented", "x", "--channel", "fax"], "error: --channel: 'fax' is not a channel"),
        (["commented", "x", "--outcome", "replyed"], "error: --outcome: 'replyed' is not"),
        (["commented", "x", "--stage", "prospekt"], "error: --stage: 'prospekt' is not a st"),
        (["commented", "x", "--next", "soon"], "error: --next: 'soon' is not a date"),
        (["commented", "x", "--next", "-1d"], "error: --next: 2026-11-23 is before today"),
        (["commented", "x", "--action", "Call"], "error: --action needs --next DATE"),
        (["commented", "  "], "error: SUMMARY: must not be empty"),
        (["../etc/passwd", "x"], "error: '../etc/passwd' is not a valid partner id"),
        (["/abs", "x"], "error: '/abs' is not a valid partner id"),
    ],
)  # fmt: skip
def test_bad_input_is_a_clear_usage_error(ws: Path, args: list[str], message: str) -> None:
    before = snapshot(ws)
    code, out, err = log(ws, *args)
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert snapshot(ws) == before


@pytest.mark.parametrize("style", ["crlf", "bom", "bom-crlf", "no-final-newline"])
def test_log_keeps_line_endings_bom_and_the_end_of_file(ws: Path, style: str) -> None:
    from tests.test_edit_document import variants

    path = ws / "partners/commented.yaml"
    before = variants(path.read_text())[style]
    path.write_bytes(before.encode("utf-8"))
    code, _, err = log(ws, "commented", "Sent: the dates", "--next", "none")
    assert (code, err) == (0, "")
    after = path.read_bytes().decode("utf-8")
    nl = "\r\n" if "crlf" in style else "\n"
    removed, added = line_diff(before, after)
    assert len(removed) == 3 and removed[0].startswith("next:")
    assert added == [
        f"  - date: 2026-11-24{nl}",
        f"    channel: email{nl}",
        f'    summary: "Sent: the dates"{nl}',
        f"    closes: 2026-11-20{nl}",
    ]
    assert after.startswith("\ufeff") == style.startswith("bom")
    assert after.endswith("\n") == (style != "no-final-newline")


def test_enum_values_get_a_did_you_mean(ws: Path) -> None:
    _, _, err = log(ws, "commented", "x", "--outcome", "replyed")
    assert err == "error: --outcome: 'replyed' is not an outcome (did you mean 'replied'?)\n"
    _, _, err = log(ws, "commented", "x", "--stage", "prospekt")
    assert err == "error: --stage: 'prospekt' is not a stage (did you mean 'prospect'?)\n"


def test_a_file_with_tabs_that_validate_accepts_can_be_logged(ws: Path) -> None:
    path = ws / "partners/bare.yaml"
    text = path.read_text()
    path.write_text(text.replace("name: ", "name:\t", 1).rstrip("\n") + "\t# tabbed\n")
    before = path.read_text()
    assert run_cli(["-C", str(ws), *T, "validate"]).exit_code == 0
    code, out, err = log(ws, "bare", "Emailed")
    assert (code, err) == (0, "")
    assert out.startswith("logged bare: 2026-11-24 ")
    removed, added = line_diff(before, path.read_text())
    assert removed == []
    assert any("summary: Emailed" in line for line in added)
