"""The html report opened in a real headless browser (the system's Chromium; skipped without one).

Nothing here downloads a browser: install the distribution's package
(`apt-get install chromium`) to run it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from tests.conftest import copy_data, run_cli

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium on this machine")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    profile = tmp_path / "profile"
    return subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def html_report(tmp_path: Path) -> Path:
    ws = copy_data("report-basic", tmp_path)
    (ws / "partners" / "evil.yaml").write_text(
        "name: \"<script>document.title='HACKED'</script>Evil Co\"\n"
        "stage: prospect\nsince: 2026-11-20\n",
        encoding="utf-8",
    )
    page = tmp_path / "report.html"
    result = run_cli(["-C", str(ws), "report", "--today", "2026-11-24", "--format", "html"])
    assert result.exit_code == 0, result.stderr
    page.write_text(result.stdout, encoding="utf-8")
    return page


def test_dom_renders_and_script_stays_text(tmp_path: Path) -> None:
    page = html_report(tmp_path)
    done = browser(tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "<h2>Stage funnel</h2>" in dom
    assert "Students film the Pixel promo" in dom
    assert "HACKED" in dom  # shown as text …
    assert "<title>HACKED" not in dom  # … never run
    assert "&lt;script&gt;document.title=" in dom
    assert "<script>" not in dom


def test_screenshot(tmp_path: Path) -> None:
    page = html_report(tmp_path)
    shot = tmp_path / "report.png"
    done = browser(tmp_path, f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) > 10_000  # a blank page is a few kB
