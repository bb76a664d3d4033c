"""The one did-you-mean: the nearest known words to a mistyped one.

Every hint of the form "did you mean 'prospect'?" comes from here, for a
key in a file, a stage or owner on the command line, a partner id, a
contact's name or a column. Matching ignores case; the known spelling is
what the hint shows. Light on purpose: no pydantic, no yaml.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# How alike two words must be (difflib's ratio) to be offered.
CUTOFF = 0.6


def nearest(
    word: str, choices: Iterable[str], *, n: int = 1, containing: bool = False
) -> list[str]:
    """Up to `n` known words close to `word` (any case), the closest first.

    With `containing`, words that hold `word` come after the close ones
    (an id typed in part: `riverside` → `riverside-auto`).
    """
    known = sorted(set(choices))
    folded: dict[str, str] = {}
    for choice in known:
        folded.setdefault(choice.casefold(), choice)
    wanted = word.strip().casefold()
    close = [folded[f] for f in difflib.get_close_matches(wanted, list(folded), n=n, cutoff=CUTOFF)]
    if containing and wanted:
        close += [c for c in known if wanted in c.casefold() and c not in close]
    return close[:n]


def did_you_mean(
    word: str, choices: Iterable[str], *, n: int = 1, containing: bool = False
) -> str | None:
    """`did you mean 'x'?` (or `'x' or 'y'`) for the nearest known words, or None."""
    found = nearest(word, choices, n=n, containing=containing)
    if not found:
        return None
    return "did you mean " + " or ".join(repr(f) for f in found) + "?"
