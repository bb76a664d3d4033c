"""Who did it: `by:` on what partnerctl writes, used by report and show, checked by validate."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

TODAY = ["--today", "2026-11-24"]


def test_report_and_show_name_who_logged_each_touch(example_ws: Path) -> None:
    ws = ["-C", str(example_ws)]
    as_mortiz = {"PARTNERCTL_OWNER": "mortiz"}
    logged = run_cli(
        [*ws, "log", "kxrv", "Marcus picked dates", "--channel", "phone", *TODAY], as_mortiz
    )
    assert logged.exit_code == 0, logged.stderr
    report = run_cli([*ws, "report", *TODAY])
    assert (
        "  2026-11-24  KXRV News 7 (kxrv)  phone: Marcus picked dates [by mortiz]\n"
        in report.stdout
    )
    assert "  logged by: (not recorded) 2, mortiz 1\n" in report.stdout
    doc = json.loads(run_cli([*ws, "report", "--format", "json", *TODAY]).stdout)
    assert [t["by"] for t in doc["touches"]] == [None, None, "mortiz"]
    assert doc["by_author"] == [{"by": None, "touches": 2}, {"by": "mortiz", "touches": 1}]
    shown = run_cli([*ws, "show", "kxrv", "--format", "plain", *TODAY])
    assert "2026-11-24  phone: Marcus picked dates (by mortiz)" in shown.stdout


def test_a_spotlight_shows_its_author(example_ws: Path) -> None:
    ws = ["-C", str(example_ws)]
    added = run_cli(
        [
            *ws,
            "spotlight",
            "add",
            "ironworks-fab",
            "--where",
            "newspaper",
            "--title",
            "Hired",
            *TODAY,
        ],
        {"PARTNERCTL_OWNER": "jlee"},
    )
    assert added.exit_code == 0, added.stderr
    shown = run_cli([*ws, "show", "ironworks-fab", "--format", "plain", *TODAY])
    assert "2026-11-24  newspaper  Hired  published  by jlee" in shown.stdout
    report = run_cli([*ws, "report", *TODAY])
    assert "  2026-11-24  Ironworks Fabrication (ironworks-fab)  newspaper: Hired (by jlee)\n" in (
        report.stdout
    )


def test_validate_warns_about_an_author_who_is_not_an_owner(example_ws: Path) -> None:
    path = example_ws / "partners/kxrv.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    outcome:", "    by: mortz\n    outcome:", 1), encoding="utf-8"
    )
    result = run_cli(["-C", str(example_ws), "validate", *TODAY])
    assert result.exit_code == 0  # a hand-written author is allowed: a warning only
    warning = [line for line in result.stderr.splitlines() if "by:" in line or ".by:" in line]
    assert len(warning) == 1
    assert warning[0].startswith("partners/kxrv.yaml:")
    assert warning[0].endswith(
        "warning: touchpoints[0].by: 'mortz' is not in the owners list of partnerctl.yaml "
        "(did you mean 'mortiz'?)"
    )


def test_an_author_who_is_not_an_owner_cannot_write(example_ws: Path) -> None:
    before = (example_ws / "partners/kxrv.yaml").read_bytes()
    result = run_cli(
        ["-C", str(example_ws), "log", "kxrv", "Called", *TODAY], {"PARTNERCTL_OWNER": "mortz"}
    )
    assert result.exit_code == 2
    assert "PARTNERCTL_OWNER: 'mortz' is not one of partnerctl.yaml's owners" in result.stderr
    assert (example_ws / "partners/kxrv.yaml").read_bytes() == before
