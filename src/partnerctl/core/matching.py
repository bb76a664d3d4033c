"""DESIGN's "Matching text": needs match skills when they share a meaningful word.

A word is meaningful unless it is in `STOP_WORDS`, which holds two kinds:
grammar words (a, the, for, with, ...) and `GENERIC_WORDS`, which name no
skill on their own (help, work, need, skill, service, event, team, support,
staff, general): "street team for summer events" says nothing about "event
catering", nor "Saturday service-lane coverage" about "banquet service". Keep
the list short: a word that names a trade or a task (media, safety, desk,
video) must stay meaningful, so "social media presence" still matches
"social media marketing".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from partnerctl.records import SettingsRec

# Words that name no skill on their own; left out in the plural too ("events").
GENERIC_WORDS = frozenset(
    {
        "event",
        "general",
        "help",
        "need",
        "service",
        "skill",
        "staff",
        "support",
        "team",
        "work",
    }
)

# Grammar words, and the generic words.
STOP_WORDS = frozenset(
    {
        "a",
        "all",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "less",
        "more",
        "new",
        "of",
        "on",
        "or",
        "our",
        "over",
        "some",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "up",
        "with",
        "without",
        "your",
    }
    | GENERIC_WORDS
)
_WORD_RE = re.compile(r"[a-z0-9]+")


def words(text: str) -> frozenset[str]:
    """The meaningful words of `text`: lowercase, no stop words, a plural "s" dropped.

    A generic word is left out in its plural too ("events", "services").
    """
    found = set()
    for word in _WORD_RE.findall(text.lower()):
        if word in STOP_WORDS or len(word) < 2:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        if word not in GENERIC_WORDS:  # not STOP_WORDS: "news" is not "new"
            found.add(word)
    return frozenset(found)


def texts_match(left: str, right: str) -> bool:
    """Whether two texts share a meaningful word.

    "social media presence" ~ "social media marketing".
    """
    return bool(words(left) & words(right))


def same_industry(left: str | None, right: str | None) -> bool:
    """Industries match case-insensitively (and ignoring surrounding space)."""
    if not left or not right:
        return False
    return left.strip().casefold() == right.strip().casefold()


@dataclass(frozen=True)
class SkillMatch:
    """A partner's need met by a skill of one of the program's pathways."""

    need: str
    skill: str
    pathway: str  # pathway id
    pathway_name: str
    shared: tuple[str, ...]  # the words they share, sorted


def match_needs(needs: Iterable[str], settings: SettingsRec) -> list[SkillMatch]:
    """Every (need, skill) pair that matches, across all of the program's pathways."""
    skill_words = [
        (pathway, skill, words(skill))
        for pathway in settings["pathways"]
        for skill in pathway["skills"]
    ]
    found: list[SkillMatch] = []
    for need in needs:
        need_words = words(need)
        for pathway, skill, these in skill_words:
            shared = need_words & these
            if shared:
                found.append(
                    SkillMatch(need, skill, pathway["id"], pathway["name"], tuple(sorted(shared)))
                )
    return found
