"""The output streams: nothing partnerctl writes can fail on the stream's encoding.

A cron job on an older server runs under a Latin-1 locale; Windows pipes
output in cp1252. Two rules, set up once per run (:func:`guard_streams` from
the root group's `main`, :func:`documents_in_utf8` from `output_format`):

- Text for people (table, plain, every message on stderr) is written in the
  stream's own encoding. A character it cannot hold degrades instead of
  crashing: partnerctl's own signs become ASCII (`→` becomes `->`), an
  accented letter loses its accent, anything else becomes a visible
  `\\uXXXX` escape, as control characters already do (see render/text.py).
- Documents for other programs (json, csv, ics, md, html) are UTF-8 bytes
  whatever the locale: RFC 5545, JSON and pandoc all read UTF-8, and the
  html report says `charset="utf-8"`.
"""

from __future__ import annotations

import codecs
import io
import sys
import unicodedata

# The codec error handler every text stream gets (see degrade()).
ERRORS = "partnerctl-degrade"
# The formats that are documents for other programs: always UTF-8.
DOCUMENT_FORMATS = frozenset({"json", "csv", "ics", "md", "html"})

# The signs partnerctl itself writes, and plain typography, in ASCII.
ASCII_SIGNS = {
    "→": "->",
    "←": "<-",
    "…": "...",
    "—": "--",
    "–": "-",
    "−": "-",
    "≤": "<=",
    "≥": ">=",
    "✓": "[x]",
    "✗": "[ ]",
    "█": "#",
    "·": "-",
    "•": "*",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
}


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _fits(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeError:
        return False
    return True


def degrade(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler: what a stream writes for characters it cannot encode."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out: list[str] = []
    for char in error.object[error.start : error.end]:
        sign = ASCII_SIGNS.get(char)
        if sign is None:
            # é -> e, ﬁ -> fi; a letter with no such form (Ł, 日) is escaped.
            bare = unicodedata.normalize("NFKD", char)
            sign = "".join(c for c in bare if not unicodedata.combining(c))
        if not sign or not _fits(sign, error.encoding):
            sign = _escape(char)
        out.append(sign)
    return "".join(out), error.end


codecs.register_error(ERRORS, degrade)


def _is_utf8(stream: io.TextIOWrapper) -> bool:
    return codecs.lookup(stream.encoding).name == "utf-8"


def guard_streams() -> None:
    """Make stdout and stderr degrade what they cannot encode (once per run, before any output).

    This covers every writer alike: Rich consoles, typer.echo, Click's usage
    errors, sys.stdout.write. Under UTF-8 only a lone surrogate (from
    undecodable command-line bytes) can need it.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors != ERRORS:
            stream.reconfigure(errors=ERRORS)


def documents_in_utf8(fmt: str) -> None:
    """Write stdout as UTF-8 when `fmt` is a document format (a no-op when it already is)."""
    stream = sys.stdout
    if fmt in DOCUMENT_FORMATS and isinstance(stream, io.TextIOWrapper) and not _is_utf8(stream):
        # newline="\n": the document's own line ends (an ICS feed's CRLF) go out as written.
        stream.reconfigure(encoding="utf-8", errors=ERRORS, newline="\n")
