"""Markdown output in its real clients: pandoc renders it, headless Chromium opens the page.

User text must come out as the same text: never a tag, a script, a link or
emphasis (`*bold*` in a name stays `*bold*`). tests/data/markdown-basic puts
Markdown and HTML in every kind of text the md outputs show; its payloads set
the page's title, so a browser that ran one would show `PWNED` there.

Needs the system's pandoc (and Chromium for the browser check); each check
is skipped with a message where its program is missing. Nothing is downloaded.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.conftest import DATA, run_cli
from tests.test_injection import registered
from tests.test_injection_formats import having

PANDOC = shutil.which("pandoc")
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="no pandoc on this machine")

WS = DATA / "markdown-basic"
TODAY = "2026-11-24"
# Every command with an md format, with the arguments that make it show the hostile text.
MD_COMMANDS: dict[str, list[str]] = {
    "due": [],
    "list": [],
    "show": ["star-shop"],
    "calendar": [],
    "prospects": [],
    "plan": [],
    "pitch": ["bold-co"],
    "report": [],
}
# pandoc's own Markdown (its default), GitHub's, and CommonMark with pandoc's extensions.
FLAVOURS = ("markdown", "gfm", "commonmark_x")
# Tags that the md outputs' own syntax makes (headings, lists, tables, **labels**).
OUR_TAGS = {"h1", "h2", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "strong"}
OUR_TAGS |= {"colgroup", "col", "div"}  # pandoc's table layout
# Markup from markdown-basic's files as each md output must show it.
LITERAL = ("<img src=x onerror=", "<script>document.title", "*Bold* Co", "**Ann** `Lee`")


class Page(HTMLParser):
    """The tags, links and text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.strong: list[str] = []
        self.texts: list[str] = []
        self._href: str | None = None
        self._in_strong = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
        self._in_strong = tag == "strong"

    def handle_endtag(self, tag: str) -> None:
        if tag == "strong":
            self._in_strong = False

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self._href is not None:
            self.links.append((self._href, data))
            self._href = None
        if self._in_strong:
            self.strong.append(data)

    def text(self) -> str:
        return " ".join("".join(self.texts).split())


@functools.cache
def assert_plain_links(page: Page) -> None:
    """GFM links a bare web or e-mail address, to that same address: no other link may appear."""
    for href, text in page.links:
        assert href in (text, "http://" + text, "mailto:" + text), (href, text)
        assert not href.lower().startswith(("javascript:", "data:")), href


@functools.cache
def pandoc(markdown: str, flavour: str) -> str:
    assert PANDOC is not None
    done = subprocess.run(
        [PANDOC, "-f", flavour, "-t", "html"],
        input=markdown,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def parsed(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def typographic(text: str) -> str:
    """pandoc's Markdown curls quotes and joins dashes (its `smart` extension): undo that."""
    for fancy, plain in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "--")):
        text = text.replace(fancy, plain)
    return text.replace("…", "...")


@functools.cache
def md_output(command: str) -> str:
    result = run_cli(
        ["-C", str(WS), "--today", TODAY, command, *MD_COMMANDS[command], "--format", "md"]
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_every_command_with_markdown_is_covered() -> None:
    assert set(having("md")) == set(MD_COMMANDS) & registered()


# Text that is syntax somewhere: HTML, emphasis, links, images, code, lists, headings,
# tables, entities, pandoc's citations, math, notes, attributes and title block, GFM's
# emoji and strikeout.
NASTY = [
    "*Bold* Co",
    "_under_ and a*b*c and snake_case",
    "<img src=x onerror=\"document.title='PWNED'\">",
    "<script>document.title='PWNED'</script>",
    "<!-- hidden --> x<y>z",
    "AT&T &amp; &#60; &copy;",
    "[link](javascript:alert(1)) ![img](http://evil.example/p.png) [[wiki]]",
    "`code` ``more``",
    "- item",
    "+ plus",
    "1. first",
    "12345. big",
    "a) letter",
    "(b) paren",
    "i. roman",
    "# heading",
    "> quote",
    "| pipe | cell |",
    "---",
    "***",
    "===",
    "~~~",
    "```",
    "% title",
    ": definition",
    "@cite [@cite] (@) and ann@bold.example mailto:x@y.example",
    "www.evil.example http://evil.example/x ftp://x.example",
    ":smile: at 10:30",
    "$x$ and $5 to $10",
    "~~struck~~ H~2~O x^2^",
    "^[inline note] [^1]",
    "{.class} [span]{.c}",
    "\\textbf{x} back\\slash \\",
    'Mike\'s "garage" -- ok...',
    "  spaces around  ",
]


def _documents(cases: list[str]) -> dict[str, str]:
    from partnerctl.render.table import md_table
    from partnerctl.render.text import md_text

    return {
        "paragraph": "\n\n".join(md_text(case) for case in cases) + "\n",
        "list item": "".join(f"- {md_text(case)}\n" for case in cases),
        "heading": "".join(f"# {md_text(case)}\n\n" for case in cases),
        "table cell": md_table(["value"], [[case] for case in cases]),
    }


def _pieces(html: str, tag: str) -> list[str]:
    """The text of each `tag` element of a fragment, in order."""
    found = re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", html, flags=re.DOTALL)
    return [" ".join(parsed(piece).text().split()) for piece in found]


@needs_pandoc
@pytest.mark.parametrize("flavour", FLAVOURS)
def test_user_text_is_literal_in_every_markdown_flavour(flavour: str) -> None:
    wanted = [typographic(" ".join(case.split())) for case in NASTY]
    for place, document in _documents(NASTY).items():
        html = pandoc(document, flavour)
        tag = {"paragraph": "p", "list item": "li", "heading": "h1", "table cell": "td"}[place]
        got = [typographic(text) for text in _pieces(html, tag)]
        assert got == wanted, f"{flavour}, {place}"
        page = parsed(html)
        assert set(page.tags) <= OUR_TAGS | {"a"}, f"{flavour}, {place}: {page.tags}"
        assert_plain_links(page)


@needs_pandoc
@pytest.mark.parametrize("command", sorted(MD_COMMANDS))
def test_markdown_outputs_render_without_markup_from_user_text(command: str) -> None:
    if command not in registered():
        pytest.skip(f"`{command}` is not registered yet")
    text = md_output(command)
    for flavour in FLAVOURS:
        page = parsed(pandoc(text, flavour))
        assert set(page.tags) <= OUR_TAGS | {"a"}, f"{flavour}: {sorted(set(page.tags))}"
        assert_plain_links(page)
        shown = typographic(page.text())
        assert any(literal in shown for literal in LITERAL), shown  # the markup shows as written
        for strong in page.strong:  # only partnerctl's own labels are bold
            assert "Ann" not in strong and "Call" not in strong, strong
    if command in ("list", "pitch", "prospects", "calendar"):
        assert "*Bold* Co" in typographic(parsed(pandoc(text, "markdown")).text())


@needs_pandoc
@pytest.mark.skipif(BROWSER is None, reason="no chromium on this machine")
def test_chromium_runs_no_script_from_any_markdown_output(tmp_path: Path) -> None:
    """Every md output, rendered by pandoc in each flavour, on one page that Chromium opens."""
    parts = []
    for command in sorted(set(MD_COMMANDS) & registered()):
        text = md_output(command)
        parts += [f"<section>{pandoc(text, flavour)}</section>" for flavour in FLAVOURS]
    page = tmp_path / "markdown.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>clean</title></head><body>'
        + "\n".join(parts)
        + "</body></html>",
        encoding="utf-8",
    )
    assert BROWSER is not None
    done = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-dev-shm-usage",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=2000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "<title>clean</title>" in dom  # no payload ran (each would retitle the page)
    for tag in ("<img", "<script", "<svg", "<iframe", "<b>", "<em>"):
        assert tag not in dom, tag
    assert "*Bold* Co" in dom
    assert "&lt;img src=x onerror=" in dom
