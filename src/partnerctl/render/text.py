"""Making user text safe to show: no escape, control or bidi sequence is ever interpreted."""

from __future__ import annotations

import re

from partnerctl.core.text import count as count  # one home; render re-exports it

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
