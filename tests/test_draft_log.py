"""`draft --log` records the draft as sent through `log`'s own code path, in one step."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from test_draft_cli import TODAY, draft

SENT = """\
  - date: 2026-11-24
    channel: email
    with: Mike Kowalski
    summary: "Sent thank-you: Thank you from Riverside High School CTE"
"""


def test_log_appends_one_touchpoint_and_leaves_every_other_byte(
    example_ws: Path, tmp_path: Path
) -> None:
    path = example_ws / "partners" / "mikes-garage.yaml"
    before = path.read_text(encoding="utf-8")
    plain = draft(example_ws, tmp_path, "mikes-garage", "--kind", "thank-you")[1]
    code, out, err = draft(example_ws, tmp_path, "mikes-garage", "--kind", "thank-you", "--log")
    assert code == 0
    assert out == plain  # stdout is the draft alone
    assert err == (
        'logged mikes-garage: 2026-11-24 email "Sent thank-you: Thank you from Riverside High '
        'School CTE"; follow-up stays on 2026-12-15\n'
    )
    after = path.read_text(encoding="utf-8")
    marker = "next:\n"
    head, tail = before.split(marker)
    assert after == head + SENT + marker + tail
    shown = run_cli(["-C", str(example_ws), "--today", TODAY, "validate"])
    assert shown.exit_code == 0


def test_log_follows_logs_rules_for_a_follow_up_due_today(example_ws: Path, tmp_path: Path) -> None:
    """riverside-auto's follow-up (2026-11-20) is done once the follow-up email is sent."""
    code, out, err = draft(example_ws, tmp_path, "riverside-auto", "--kind", "follow-up",
                           "--format", "mailto", "--log")  # fmt: skip
    assert code == 0
    assert (
        out.startswith("mailto:ralvarez@riversideauto.example.com?subject=")
        and out.count("\n") == 1
    )
    assert err == (
        'logged riverside-auto: 2026-11-24 email "Sent follow-up: Following up: spring job-shadow '
        'dates"; cleared follow-up "Call Rick about spring job-shadow dates" (was 2026-11-20)\n'
    )
    text = (example_ws / "partners" / "riverside-auto.yaml").read_text(encoding="utf-8")
    assert "\nnext:" not in text
    assert '    summary: "Sent follow-up: Following up: spring job-shadow dates"\n' in text
    due = run_cli(["-C", str(example_ws), "--today", TODAY, "due", "--format", "json"])
    assert '"partner": "riverside-auto", "kind": "follow-up"' not in due.stdout


def test_log_with_an_eml_file_and_md(example_ws: Path, tmp_path: Path) -> None:
    target = tmp_path / "renew.eml"
    code, out, err = draft(example_ws, tmp_path, "heartland-manufacturing", "--kind", "renewal",
                           "-o", str(target), "--from", "j@example.org", "--log")  # fmt: skip
    assert (code, out) == (0, "")
    assert target.read_bytes().startswith(b"From: j@example.org\r\n")
    assert err.startswith('logged heartland-manufacturing: 2026-11-24 email "Sent renewal: ')
    code, out, err = draft(example_ws, tmp_path, "kxrv", "--kind", "intro", "--format", "md",
                           "--log")  # fmt: skip
    assert code == 0 and out.startswith("**To:** Marcus Bell")
    assert err.startswith('logged kxrv: 2026-11-24 email "Sent intro: Help with your social media')


def test_a_refused_draft_logs_nothing(example_ws: Path, tmp_path: Path) -> None:
    path = example_ws / "partners" / "valley-vet.yaml"
    before = path.read_bytes()
    code, _out, err = draft(example_ws, tmp_path, "valley-vet", "--kind", "intro", "--format",
                            "mailto", "--log")  # fmt: skip
    assert code == 2
    assert err.startswith("error: Dr. Neil Hanson (valley-vet) has no email address on file")
    assert path.read_bytes() == before


def test_a_failed_log_keeps_the_draft_and_says_so(
    example_ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The draft is out (stdout stays one JSON document); the log's refusal is on stderr, exit 2."""
    import json

    from partnerctl.errors import WriteError
    from partnerctl.workspace import edit

    def refuse(*_args: object, **_kwargs: object) -> list[Path]:
        raise WriteError("another partnerctl is writing to this workspace; try again")

    monkeypatch.setattr(edit, "apply_changes", refuse)
    code, out, err = draft(example_ws, tmp_path, "kxrv", "--kind", "intro", "--format", "json",
                           "--log")  # fmt: skip
    assert code == 2
    assert json.loads(out)["subject"].startswith("Help with your social media clips")
    assert err == "error: another partnerctl is writing to this workspace; try again\n"
