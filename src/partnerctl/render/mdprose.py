"""User text as literal Markdown prose: no Markdown, HTML or pandoc syntax of its own.

For `draft --format md`, whose text is a whole message: paragraphs stay
paragraphs and each line break stays a line break, while every character
that could start markup is backslash-escaped (CommonMark lets any ASCII
punctuation be escaped). Control and bidi characters are shown as visible
escapes first, as everywhere (render.text.clean). (Issue 14 adds one
md-escaping helper for every md output; this one is for multi-line prose.)
"""

from __future__ import annotations

import re

from partnerctl.render.text import clean

# Anywhere in a line: emphasis, code, links and images, raw HTML and entities,
# tables, and pandoc's strikeout, super/subscript and TeX math.
_INLINE_RE = re.compile(r"([\\`*_\[\]<>&|~^$#])")
# At the start of a line: block quotes, list items, setext underlines, fenced divs.
_LINE_START_RE = re.compile(r"^([>+\-=:])")
# An ordered list item: `1.` or `1)` at the start of a line.
_ORDERED_RE = re.compile(r"^(\d+)([.)])")


def md_line(text: str) -> str:
    """One line of user text, escaped; leading spaces dropped (they would make code)."""
    line = _INLINE_RE.sub(r"\\\1", clean(text).strip().replace("\t", " "))
    line = _LINE_START_RE.sub(r"\\\1", line)
    return _ORDERED_RE.sub(r"\1\\\2", line)


def md_prose(text: str) -> str:
    """Multi-line user text as Markdown: blank lines part paragraphs, lines break where they did.

    A line inside a paragraph ends with two spaces (a hard line break in
    CommonMark, pandoc and Markdown.pl alike), so an address or a signature
    keeps its shape.
    """
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip("\n"))
    out = []
    for paragraph in paragraphs:
        lines = [md_line(line) for line in paragraph.split("\n") if line.strip()]
        out.append("  \n".join(lines))
    return "\n\n".join(part for part in out if part) + "\n"
