"""User text as literal Markdown prose: no Markdown, HTML or pandoc syntax of its own.

For `draft --format md`, whose text is a whole message: paragraphs stay
paragraphs and each line break stays a line break, while each line is
escaped by :func:`partnerctl.render.text.md_text`, the one Markdown escaper
of every md output.
"""

from __future__ import annotations

import re

from partnerctl.render.text import md_text


def md_line(text: str) -> str:
    """One line of user text, escaped (see md_text); leading spaces dropped (they make code)."""
    return md_text(text)


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
