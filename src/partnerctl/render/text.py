"""Making user text safe to show: no escape, control or bidi sequence is ever interpreted."""

from __future__ import annotations

import re

# C0 and C1 control characters except tab and newline, DEL, and the Unicode
# bidi overrides and isolates that can reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """`text` with control, escape and bidi characters shown as visible escapes."""
    return _UNSAFE.sub(_escape, text)


def clean_line(text: str) -> str:
    """`clean`, with newlines and tabs folded to spaces, for one-line cells."""
    return clean(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def count(number: int, noun: str, plural: str | None = None) -> str:
    """`1 partner`, `4 partners` (`plural` for irregular nouns)."""
    return f"{number} {noun if number == 1 else (plural or noun + 's')}"


# Markdown: characters that are syntax wherever they stand (emphasis, code, links,
# HTML, tables, headings, pandoc's attributes and citations, sub/superscript,
# strikeout, math, GFM's e-mail autolinks), and those that are syntax only in some
# places: an entity (`&lt;`), a GFM emoji (`:smile:`), a GFM web autolink
# (`http://…`, `www.…`).
_MD_SYNTAX = re.compile(
    r"[\\`*_{}\[\]<>|#~^$@]|&(?=#|[A-Za-z0-9]+;)|:(?=//|[A-Za-z0-9_+-]+:)|(?<=www)\."
)
# A list, heading, definition or (pandoc) title marker at the start of a line.
_MD_LINE_START = re.compile(r"^[-+=:%]")
_MD_LIST_NUMBER = re.compile(r"^(\(?)(\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$)")


def md_text(text: str | None) -> str:
    """User text for Markdown: one line that every renderer shows literally.

    No HTML, link, emphasis, list or heading can come from the text: each
    character that would be syntax gets a backslash (CommonMark, GFM and
    pandoc's Markdown all read `\\*` as `*`). Controls are shown as escapes
    first, as in `clean_line`; the surrounding spaces, which a renderer drops
    or reads as a code block or line break, are removed.
    """
    value = _MD_SYNTAX.sub(r"\\\g<0>", clean_line(text or "").strip())
    value = _MD_LINE_START.sub(r"\\\g<0>", value)
    return _MD_LIST_NUMBER.sub(
        lambda m: ("\\(" if m.group(1) else "") + m.group(2) + "\\" + m.group(3), value
    )
