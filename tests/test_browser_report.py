"""The html report in a real headless browser (the system's Chromium; skipped without one).

- The page's DOM: user text stays text, the charts are inline SVG.
- Layout, measured at 400 and 1280 px: nothing sticks out of the page (no
  horizontal scrolling or clipping), no value wraps inside itself, text is
  large enough to read. The report is shown in an iframe of that exact width
  inside a harness page whose script measures it from outside: the report
  itself has no script (its Content-Security-Policy forbids one), and
  Chromium will not open a window narrower than 500 px.
- Screenshots at 1280 and 400 px (kept in the test's folder to look at).
- Printed to PDF, the examples' weekly report takes at most two pages.

Nothing here downloads a browser: install the distribution's package
(`apt-get install chromium`) to run it.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLES, copy_data, run_cli

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no chromium on this machine (apt-get install chromium)"
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
]
TODAY = "2026-11-24"

MEASURE = """
const frame = document.getElementById("page");
function describe(e) {
  return e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined
    ? "." + e.className : "") + ": " + (e.textContent || "").trim().slice(0, 60);
}
function measure() {
  const doc = frame.contentDocument, root = doc.documentElement;
  frame.style.height = root.scrollHeight + "px";
  const width = root.clientWidth;
  const all = [...doc.body.querySelectorAll("*")];
  const outside = all.filter(e => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5);
  });
  const svgText = [...doc.querySelectorAll("svg text")].map(
    e => e.getBoundingClientRect().height);
  const result = {
    width: width,
    scrollWidth: root.scrollWidth,
    outside: outside.map(describe),
    wrapped: [...doc.querySelectorAll(".nw")].filter(
      e => e.getClientRects().length > 1).map(e => e.textContent),
    tokens: doc.querySelectorAll(".nw").length,
    small: [...doc.querySelectorAll("p, li, td, th, h1, h2, .stat")].filter(
      e => e.getClientRects().length && parseFloat(getComputedStyle(e).fontSize) < 12
    ).map(describe),
    smallestChartText: svgText.length ? Math.min(...svgText) : null,
    charts: doc.querySelectorAll("svg.chart").length,
    scripts: doc.scripts.length,
  };
  document.getElementById("measure").textContent = JSON.stringify(result);
}
frame.addEventListener("load", measure);
"""


def browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    profile = tmp_path / "profile"
    return subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def report_html(ws: Path, *args: str) -> str:
    result = run_cli(["-C", str(ws), "report", "--today", TODAY, "--format", "html", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def harness(tmp_path: Path, page: str, width: int, name: str) -> Path:
    """A page that shows `page` in an iframe `width` px wide, and measures it from outside."""
    target = tmp_path / f"{name}-{width}.html"
    target.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
        "html,body{margin:0;overflow:hidden} iframe{border:0;display:block}</style></head><body>"
        f'<iframe id="page" style="width:{width}px;height:3000px" '
        f'srcdoc="{html.escape(page, quote=True)}"></iframe>'
        f'<pre id="measure"></pre><script>{MEASURE}</script></body></html>',
        encoding="utf-8",
    )
    return target


def measured(tmp_path: Path, page: str, width: int, name: str = "report") -> dict[str, Any]:
    wrapper = harness(tmp_path, page, width, name)
    done = browser(
        tmp_path, "--virtual-time-budget=5000", "--window-size=1400,1000", "--dump-dom",
        wrapper.as_uri(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'<pre id="measure">(.*?)</pre>', done.stdout, re.S)
    assert found is not None and found.group(1), done.stdout[-2000:]
    result: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return result


@pytest.fixture
def hostile_ws(tmp_path: Path) -> Path:
    """report-basic plus partners whose text tries to run script or to stretch the page."""
    ws = copy_data("report-basic", tmp_path)
    (ws / "partners" / "evil.yaml").write_text(
        "name: \"<script>document.title='HACKED'</script>Evil Co\"\n"
        "stage: prospect\nsince: 2026-11-20\n",
        encoding="utf-8",
    )
    long_id = "northern-counties-regional-workforce-development-consortium"
    (ws / "partners" / f"{long_id}.yaml").write_text(
        "name: Northern Counties Regional Workforce Development Consortium of Greater Riverside\n"
        "stage: contacted\nsince: 2026-09-01\n"
        "touchpoints:\n"
        "  - date: 2026-11-21\n    channel: in-person\n"
        "    with: Dr. Alexandra Montgomery-Vanderbilt\n"
        "    summary: https://example.org/partners/workforce-development/agreements/2026-27/"
        "signed-memorandum-of-understanding.pdf was sent; follow-up-call-scheduled-for-"
        "thursday-afternoon\n"
        "    outcome: meeting-set\n",
        encoding="utf-8",
    )
    return ws


def test_dom_renders_and_script_stays_text(tmp_path: Path, hostile_ws: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(report_html(hostile_ws), encoding="utf-8")
    done = browser(tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "<h2>Stage funnel</h2>" in dom
    assert "Students film the Pixel promo" in dom
    assert "HACKED" in dom  # shown as text …
    assert "<title>HACKED" not in dom  # … never run
    assert "&lt;script&gt;document.title=" in dom
    assert "<script>" not in dom
    assert dom.count("<svg") == 2 and "<polygon" in dom and "<rect" in dom


@pytest.mark.parametrize("width", [400, 1280])
def test_the_examples_report_fits_the_screen(tmp_path: Path, width: int) -> None:
    result = measured(tmp_path, report_html(EXAMPLES), width)
    assert result["width"] == width
    assert result["scrollWidth"] <= width
    assert result["outside"] == []
    assert result["wrapped"] == []
    assert result["tokens"] > 20  # the dates, ids and kinds are kept whole
    assert result["small"] == []
    assert result["charts"] == 2 and result["scripts"] == 0
    assert result["smallestChartText"] >= 8.5  # px on screen, at phone width too


def test_long_names_and_text_do_not_stretch_a_phone_screen(
    tmp_path: Path, hostile_ws: Path
) -> None:
    result = measured(tmp_path, report_html(hostile_ws), 400, "hostile")
    assert result["scrollWidth"] <= 400
    assert result["outside"] == []
    assert result["wrapped"] == []


def test_the_measurement_sees_a_wrapped_value(tmp_path: Path) -> None:
    """Without the `nowrap` rule, ids and dates do wrap at 400 px: the check above can fail."""
    page = report_html(EXAMPLES).replace(".nw { white-space: nowrap; }", "")
    result = measured(tmp_path, page, 400, "unguarded")
    assert result["wrapped"] != []


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("width", [1280, 400])
def test_screenshot(tmp_path: Path, width: int) -> None:
    wrapper = harness(tmp_path, report_html(EXAMPLES), width, "shot")
    shot = tmp_path / f"report-{width}.png"
    done = browser(
        tmp_path, "--virtual-time-budget=5000", f"--window-size={max(width, 500)},2400",
        f"--screenshot={shot}", wrapper.as_uri(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert png_size(shot) == (max(width, 500), 2400)
    assert shot.stat().st_size > 30_000  # a blank page is a few kB


def pdf_pages(data: bytes) -> int:
    """The number of pages of a PDF: its page objects, checked against the page tree's /Count."""
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    assert counts and pages == max(counts), (pages, counts)
    return pages


def test_the_examples_weekly_report_prints_on_two_pages_at_most(tmp_path: Path) -> None:
    page = tmp_path / "week.html"
    page.write_text(report_html(EXAMPLES), encoding="utf-8")
    pdf = tmp_path / "week.pdf"
    done = browser(
        tmp_path, "--no-pdf-header-footer", "--print-to-pdf-no-header", f"--print-to-pdf={pdf}",
        page.as_uri(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    pages = pdf_pages(pdf.read_bytes())
    assert 1 <= pages <= 2
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is not None:  # poppler's count, where it is installed
        info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True)
        assert re.search(rf"^Pages:\s+{pages}$", info.stdout, re.M)
