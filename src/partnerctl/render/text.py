"""Making user text safe to show: no escape, control or bidi sequence is ever interpreted."""

from __future__ import annotations

import re

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


def count(number: int, noun: str, plural: str | None = None) -> str:
    """`1 partner`, `4 partners` (`plural` for irregular nouns)."""
    return f"{number} {noun if number == 1 else (plural or noun + 's')}"
