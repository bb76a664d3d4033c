"""DESIGN's "Matching text": a shared meaningful word, stop and generic words left out."""

from __future__ import annotations

import pytest
from tests.test_prospects import make_settings

from partnerctl.core.matching import match_needs, texts_match, words


def test_designs_example_and_plurals() -> None:
    assert texts_match("social media presence", "social media marketing")
    assert texts_match("Banquet servers for weddings", "banquet service")
    assert texts_match("product photos", "photo editing")  # a plural "s" is dropped
    assert words("News clips") == {"new", "clip"}  # "news" is kept, though "new" is a stop word


@pytest.mark.parametrize(
    ("need", "skill"),
    [
        ("Saturday service-lane coverage", "banquet service"),
        ("street team for summer events", "event catering"),
        ("general office support", "IT support"),
        ("extra staff for the holidays", "kitchen staff training"),
        ("help with our services", "service work"),
    ],
)
def test_generic_words_alone_do_not_match(need: str, skill: str) -> None:
    assert not texts_match(need, skill)


def test_match_needs_names_only_real_skills() -> None:
    settings = make_settings(
        pathways=[
            {"id": "culinary", "name": "Culinary", "skills": ["banquet service", "event catering"]},
            {"id": "auto", "name": "Automotive", "skills": ["brake service", "vehicle detailing"]},
        ]
    )
    needs = ["Saturday service-lane coverage", "street team for summer events", "detailing"]
    found = [(m.need, m.skill, m.shared) for m in match_needs(needs, settings)]
    assert found == [("detailing", "vehicle detailing", ("detailing",))]
