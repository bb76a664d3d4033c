"""Words that core puts in the sentences and commands it hands to the user.

Sentences carry the user's text as written (folded to one line); the CLI
makes them safe to show (render.text.clean) as it prints them, and JSON
escapes them itself.
"""

from __future__ import annotations

import re

# What bash treats specially inside double quotes (`!`: history expansion).
_SPECIAL_IN_DOUBLE_QUOTES = re.compile(r'[\\$`"!]')
# A word that needs no quotes at all in bash.
_BARE_WORD = re.compile(r"^[A-Za-z0-9_@%+=:,./-]+$")


def one_line(text: str) -> str:
    """`text` on one line: line breaks and tabs become spaces."""
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " ")


def quoted(text: str | None, width: int = 60) -> str:
    """User text for one sentence: on one line, shortened to `width`, in double quotes."""
    shown = one_line(text or "")
    if len(shown) > width:
        shown = shown[: width - 1] + "…"
    return f'"{shown}"'


def shell_arg(text: str) -> str:
    """`text` as one argument that bash reads back exactly, for a command to paste.

    A plain word stays bare; other text goes in double quotes, or in single
    quotes when it holds a character that double quotes do not keep literal
    (`$`, a backquote, `\\`, `"`, `!`). Line breaks fold to spaces: a
    suggestion is one line. `…`, the text placeholder, is always quoted.
    """
    import shlex

    flat = one_line(text)
    if flat and _BARE_WORD.match(flat):
        return flat
    if _SPECIAL_IN_DOUBLE_QUOTES.search(flat):
        return shlex.quote(flat)
    return f'"{flat}"'


def command(*words: str) -> str:
    """`partnerctl WORD…`, each word quoted as bash needs it."""
    return " ".join(["partnerctl", *(shell_arg(word) for word in words)])


def text_key(text: str | None) -> str:
    """How partnerctl tells two names or list items apart: spaces folded, case ignored.

    `contact --name "dana  ortiz"` finds "Dana Ortiz"; `tag --remove Chamber`
    finds "chamber"; the merge driver matches entries the same way.
    """
    return " ".join((text or "").split()).casefold()


def find_text(items: list[str], wanted: str) -> int | None:
    """The index of the item of `items` that matches `wanted` (:func:`text_key`), or None."""
    key = text_key(wanted)
    return next((index for index, item in enumerate(items) if text_key(item) == key), None)


def count(number: int, noun: str, plural: str | None = None) -> str:
    """`1 partner`, `4 partners` (`plural` for irregular nouns)."""
    return f"{number} {noun if number == 1 else (plural or noun + 's')}"
