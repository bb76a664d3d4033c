"""Making user text safe to show: no escape, control or bidi sequence is ever interpreted."""

from __future__ import annotations

import re

from partnerctl.core.text import count as count  # one home; render re-exports it

# C0 and C1 control characters except tab and newline, DEL, and the Unicode
# bidi overrides and isolates that can reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Line and paragraph separators: some mail readers break lines at them.
_BREAKS = re.compile("[\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """`text` with control, escape and bidi characters shown as visible escapes."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """`clean`, with line breaks shown as `\\n` (and U+2028/U+2029 escaped too).

    For lines that must stay one line, such as an error line in cron mail: a
    newline in a file's name must not forge a line of its own.
    """
    return _BREAKS.sub(_escape, clean(text)).replace("\n", "\\n")


def clean_line(text: str) -> str:
    """`clean`, with newlines and tabs folded to spaces, for one-line cells."""
    return clean(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


# Markdown: HTML is written as entities, which every Markdown renderer passes on
# as text (`<` and `>` always, `&` where it would begin an entity). Markdown
# syntax gets a backslash (CommonMark, GFM, pandoc): characters that are syntax
# wherever they stand (emphasis, code, links, tables, headings, pandoc's
# attributes, sub/superscript, strikeout and math), a pandoc citation (`@key`,
# not the @ of an e-mail address) and a GFM emoji (`:smile:`).
_MD_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_MD_SYNTAX = re.compile(
    r"[<>]|&(?=#|[A-Za-z0-9]+;)|[\\`*_{}\[\]|#~^$]|(?<![A-Za-z0-9])@|:(?=[A-Za-z0-9_+-]+:)"
)
# A list, heading, definition or (pandoc) title marker at the start of a line.
_MD_LINE_START = re.compile(r"^[-+=:%]")
_MD_LIST_NUMBER = re.compile(r"^(\(?)(\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$)")


def _md_escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return _MD_HTML.get(char) or "\\" + char


def md_text(text: str | None) -> str:
    """User text for Markdown: one line that every renderer shows literally.

    No HTML, link, emphasis, list or heading can come from the text (see
    above; GFM still turns a bare web or e-mail address into a link to that
    same address). Controls are shown as escapes first, as in `clean_line`;
    the surrounding spaces, which a renderer drops or reads as a code block
    or line break, are removed.
    """
    value = _MD_SYNTAX.sub(_md_escape, clean_line(text or "").strip())
    value = _MD_LINE_START.sub(r"\\\g<0>", value)
    return _MD_LIST_NUMBER.sub(
        lambda m: ("\\(" if m.group(1) else "") + m.group(2) + "\\" + m.group(3), value
    )
