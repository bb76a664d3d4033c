"""Injection in the file formats: CSV formulas, HTML, ICS, Markdown (tests/data/inject-basic/).

Cross-cutting: every reading command in every one of these formats it has.
The per-command escaping rules are tested beside export and report; here the
same hostile workspace goes through all of them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest

from conftest import DATA, run_cli
from test_injection import assert_no_raw, formats_of, needs, registered

TODAY = "2026-11-24"
WS = DATA / "inject-basic"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COMMANDS: dict[str, list[str]] = {
    "due": [],
    "list": [],
    "show": ["evil-co"],
    "calendar": [],
    "prospects": [],
    "plan": [],
    "pitch": ["sly-shop"],
    "spotlight": [],
    "report": [],
    "export": [],
}


def having(fmt: str) -> list[str]:
    """The registered commands of COMMANDS that have the format `fmt`."""
    return [c for c in sorted(COMMANDS) if c in REGISTERED and fmt in formats_of(c, COMMANDS[c])]


REGISTERED = registered()


def output(command: str, fmt: str, *extra: str) -> str:
    needs(command)
    argv = COMMANDS[command]
    result = run_cli(["-C", str(WS), "--today", TODAY, command, *argv, *extra, "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert_no_raw(result.stderr, f"{command} {fmt} stderr")
    return result.stdout


@pytest.mark.parametrize("command", having("csv"))
def test_csv_cells_cannot_be_formulas(command: str) -> None:
    text = output(command, "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows, "no CSV"
    width = len(rows[0])
    assert all(len(row) == width for row in rows), f"ragged CSV (a cell broke its row): {rows}"
    cells = [cell for row in rows[1:] for cell in row]
    for cell in cells:
        assert not cell.startswith(FORMULA_START), f"{command}: formula cell {cell!r}"
    if command in ("list", "export"):
        assert any(cell.startswith("'=HYPERLINK(") for cell in cells), cells


def test_export_csv_neutralises_each_formula_start_and_keeps_the_rest() -> None:
    text = output("export", "csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    sly = next(row for row in rows if row["id"] == "sly-shop")
    assert sly["name"] == '\'=HYPERLINK("http://evil.example","[bold]Sly[/bold]") \x1b[31m\rEnd'
    assert sly["industry"] == "'+cmd|' /C calc'!A0"
    assert sly["relationship"] == "'-2+3 \u202eevil"
    assert sly["contact_name"] == "'@SUM(A1:A9) \x1b]0;t\x07"
    assert sly["contact_role"] == "'\tTabbed"
    assert sly["contact_phone"] == "'\rCarriage"


@pytest.mark.parametrize("command", having("html"))
def test_html_escapes_markup_and_controls(command: str) -> None:
    text = output(command, "html")
    assert "<script>alert(1)</script>" not in text
    assert "<img src=x" not in text
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; done" in text
    assert_no_raw(text, f"{command} html")
    assert "[bold red]Riverside[/]" in text


@pytest.mark.parametrize("command", having("ics"))
def test_ics_escapes_text_and_cannot_add_events(command: str) -> None:
    import icalendar

    text = output(command, "ics")
    assert_no_raw(text.replace("\r\n", "\n"), f"{command} ics")
    calendar = icalendar.Calendar.from_ical(text)
    events = [c for c in calendar.walk("VEVENT")]
    summaries = [str(event.get("SUMMARY")) for event in events]
    # The notes hold "\nBEGIN:VEVENT\nSUMMARY:injected": escaped, it stays in one DESCRIPTION.
    assert "injected" not in summaries
    breakfast = [e for e in events if "Chamber" in str(e.get("SUMMARY"))]
    assert breakfast, summaries
    description = str(breakfast[0].get("DESCRIPTION"))
    assert "BEGIN:VEVENT\nSUMMARY:injected" in description
    assert len(re.findall(r"^BEGIN:VEVENT", text, flags=re.MULTILINE)) == len(events)
    assert "[bold]Chamber[/]" in str(breakfast[0].get("SUMMARY"))


@pytest.mark.parametrize("command", having("md"))
def test_markdown_shows_controls_as_escapes(command: str) -> None:
    text = output(command, "md")
    assert_no_raw(text, f"{command} md")
    assert "\\x1b" in text or "\\\\x1b" in text
    assert "[bold" in text


@pytest.mark.parametrize("command", having("json"))
def test_json_keeps_text_exactly_as_written(command: str) -> None:
    """Machine output is data: escaped by JSON itself, never altered."""
    import json

    text = output(command, "json")
    assert "\x1b" not in text  # JSON writes \u001b
    document = json.loads(text)
    assert document["version"] == 1
    texts = list(strings(document))
    assert any("\x1b" in text for text in texts), "the escapes in the files were dropped"
    assert not any("\\x1b" in text for text in texts), "clean() applied to machine output"


def strings(value: object) -> Iterator[str]:
    """Every string in a JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
