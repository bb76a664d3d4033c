"""`prospects`: each term of the fit score, the order, the stages, and the whole outputs.

tests/data/outreach-basic (T = 2026-11-24, a Tuesday): ace-auto scores on
every positive term, bright-print on an industry match, distance, a need and
its busy season (11-15 → 01-10, wrapping the new year), city-clinic (lapsed)
and dune-cafe score nothing, elm-tech is active, old-forge declined.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from tests.conftest import DATA, run_cli

from partnerctl import model
from partnerctl.core.prospects import TERM_NAMES, partner_fit, rank_prospects

WS = str(DATA / "outreach-basic")
T = "2026-11-24"
TODAY = date(2026, 11, 24)


def make_settings(**fields: Any) -> model.SettingsRec:
    fields.setdefault("program", "Test CTE")
    fields.setdefault(
        "pathways",
        [
            {"id": "automotive", "name": "Automotive Technology", "skills": ["engine repair"]},
            {
                "id": "digital-media",
                "name": "Digital Media",
                "skills": ["social media marketing", "photography"],
            },
        ],
    )
    return model.settings_record(model.Settings.model_validate(fields))


def make_partner(pid: str = "acme", **fields: Any) -> model.PartnerRec:
    fields.setdefault("name", pid.replace("-", " ").title())
    fields.setdefault("stage", "prospect")
    return model.partner_record(model.Partner.model_validate(fields), pid, f"partners/{pid}.yaml")


def make_event(eid: str = "breakfast", **fields: Any) -> model.EventRec:
    fields.setdefault("name", eid.title())
    fields["id"] = eid
    return model.event_record(model.Event.model_validate(fields), "events/e.yaml")


def cli(*args: str, ws: str = WS) -> Any:
    return run_cli(["-C", ws, "--today", T, *args])


# --- each term ------------------------------------------------------------------


def test_a_partner_with_nothing_scores_zero_with_every_term_named() -> None:
    fit = partner_fit(make_partner(), make_settings(), TODAY)
    assert fit.score == 0
    assert fit.terms == dict.fromkeys(TERM_NAMES, 0.0)
    assert fit.reasons == ()


def test_relationship_adds_three_and_blank_text_adds_nothing() -> None:
    fit = partner_fit(make_partner(relationship="Alumni owner"), make_settings(), TODAY)
    assert fit.terms["relationship"] == 3
    assert fit.reasons == ("relationship: Alumni owner",)
    blank = partner_fit(make_partner(relationship="   "), make_settings(), TODAY)
    assert blank.terms["relationship"] == 0


def test_pathway_match_by_own_pathway_or_industry_but_not_unknown_ids() -> None:
    settings = make_settings()
    own = partner_fit(make_partner(pathways=["automotive"]), settings, TODAY)
    assert own.terms["pathway"] == 2
    assert own.reasons == ("pathway match: Automotive Technology",)
    by_id = partner_fit(make_partner(industry="AUTOMOTIVE"), settings, TODAY)
    assert by_id.terms["pathway"] == 2
    by_name = partner_fit(make_partner(industry="digital media"), settings, TODAY)
    assert by_name.reasons == ("industry digital media matches pathway Digital Media",)
    unknown = partner_fit(make_partner(pathways=["welding"], industry="food"), settings, TODAY)
    assert unknown.terms["pathway"] == 0


@pytest.mark.parametrize(
    ("miles", "points"),
    [(0.0, 2.0), (4.9, 2.0), (5.0, 1.0), (14.9, 1.0), (15.0, 0.0), (80.0, 0.0), (None, 0.0)],
)
def test_distance_closer_is_better(miles: float | None, points: float) -> None:
    fit = partner_fit(make_partner(distance_miles=miles), make_settings(), TODAY)
    assert fit.terms["distance"] == points


@pytest.mark.parametrize(
    ("miles", "reason"),
    [(1.0, "1 mile away (under 5)"), (0.5, "0.5 miles away (under 5)"),
     (12, "12 miles away (under 15)")],
)  # fmt: skip
def test_distance_reason_counts_miles(miles: float, reason: str) -> None:
    fit = partner_fit(make_partner(distance_miles=miles), make_settings(), TODAY)
    assert fit.reasons == (reason,)


def test_early_adopter_adds_one_and_a_half() -> None:
    fit = partner_fit(make_partner(early_adopter=True), make_settings(), TODAY)
    assert fit.terms["early_adopter"] == 1.5
    assert fit.score == 1.5


def test_needs_match_every_pathways_skills_one_point_each_at_most_three() -> None:
    settings = make_settings()
    # An auto shop's social media need is met by the digital-media pathway.
    one = make_partner(pathways=["automotive"], needs=["social media presence", "parking"])
    fit = partner_fit(one, settings, TODAY)
    assert fit.terms["needs"] == 1
    assert "social media presence ~ social media marketing (Digital Media)" in fit.reasons[-1]
    many = make_partner(
        needs=["engine work", "photos of cars", "social posts", "media kit", "repair backlog"]
    )
    assert partner_fit(many, settings, TODAY).terms["needs"] == 3


def test_busy_season_today_costs_one_including_one_that_wraps_the_new_year() -> None:
    seasons = [{"from": "11-15", "to": "01-10", "why": "holidays"}]
    partner = make_partner(busy_seasons=seasons)
    settings = make_settings()
    assert partner_fit(partner, settings, date(2027, 1, 5)).terms["busy_season"] == -1
    fit = partner_fit(partner, settings, date(2026, 12, 31))
    assert fit.reasons == ("in its busy season until 2027-01-10",)
    assert partner_fit(partner, settings, date(2027, 1, 11)).terms["busy_season"] == 0
    assert partner_fit(partner, settings, date(2026, 11, 14)).terms["busy_season"] == 0


def test_score_is_the_sum_of_the_terms() -> None:
    partner = make_partner(
        relationship="x",
        pathways=["automotive"],
        distance_miles=10,
        early_adopter=True,
        needs=["photography"],
        busy_seasons=[{"from": "11-01", "to": "11-30"}],
    )
    fit = partner_fit(partner, make_settings(), TODAY)
    assert fit.score == 3 + 2 + 1 + 1.5 + 1 - 1
    assert fit.score == sum(fit.terms.values())
    assert [name for name, _, _ in fit.why] == [
        "relationship",
        "pathway",
        "distance",
        "early_adopter",
        "needs",
        "busy_season",
    ]


# --- ranking and stages ------------------------------------------------------------


def test_ranking_is_best_first_and_ties_go_by_name_then_id() -> None:
    partners = [
        make_partner("zed", name="Same"),
        make_partner("abc", name="Same"),
        make_partner("b-first", name="Apple"),
        make_partner("top", early_adopter=True),
    ]
    ranked = rank_prospects(make_settings(), partners, TODAY)
    assert [fit.partner for fit in ranked] == ["top", "b-first", "abc", "zed"]


def test_stages_default_to_prospect_and_lapsed_and_all_leaves_out_declined() -> None:
    partners = [
        make_partner("p", stage="prospect"),
        make_partner("l", stage="lapsed"),
        make_partner("a", stage="active"),
        make_partner("d", stage="declined"),
    ]
    settings = make_settings()
    assert sorted(f.partner for f in rank_prospects(settings, partners, TODAY)) == ["l", "p"]
    everyone = rank_prospects(settings, partners, TODAY, stages=None)
    assert sorted(f.partner for f in everyone) == ["a", "l", "p"]
    only = rank_prospects(settings, partners, TODAY, stages=("declined",))
    assert [f.partner for f in only] == ["d"]


# --- the command ---------------------------------------------------------------------

PLAIN = """\
 9.5  ace-auto  prospect  Ace Auto
        +3  relationship: Owner graduated 2009
        +2  pathway match: Automotive Technology
        +2  2.4 miles away (under 5)
      +1.5  early adopter
        +1  needs students can meet: social media presence ~ social media marketing (Digital Media)
   3  bright-print  prospect  Bright Print
        +2  industry Digital Media matches pathway Digital Media
        +1  9 miles away (under 15)
        +1  needs students can meet: photography for the catalog ~ photography (Digital Media)
        -1  in its busy season until 2027-01-10
   0  city-clinic  lapsed  City Clinic
   0  dune-cafe  prospect  Dune Cafe
"""


def test_plain_output_whole() -> None:
    result = cli("prospects")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == PLAIN


def test_all_adds_active_partners_with_control_characters_shown_escaped() -> None:
    result = cli("prospects", "--all", "--format", "plain")
    assert result.exit_code == 0
    assert "   2  elm-tech  active  Elm \\x1b[1mTech\n" in result.stdout
    assert "\x1b" not in result.stdout
    assert "old-forge" not in result.stdout


def test_stage_option_is_repeatable_and_checked() -> None:
    result = cli("prospects", "--stage", "lapsed", "--stage", "declined")
    heads = [line for line in result.stdout.splitlines() if not line.startswith("     ")]
    assert heads == [
        "   5  old-forge  declined  Old Forge",
        "   0  city-clinic  lapsed  City Clinic",
    ]
    bad = cli("prospects", "--stage", "prospekt")
    assert bad.exit_code == 2
    assert bad.stdout == ""
    assert "--stage: 'prospekt' is not a stage (did you mean 'prospect'?)" in bad.stderr
    both = cli("prospects", "--stage", "lapsed", "--all")
    assert both.exit_code == 2


def test_empty_list_says_so() -> None:
    result = cli("prospects", "--stage", "paused")
    assert result.stdout == "No partners at stage paused; --all ranks every partner but declined.\n"


def test_json_document_exactly() -> None:
    result = cli("prospects", "--format", "json")
    doc = json.loads(result.stdout)
    assert list(doc) == ["version", "today", "items", "errors"]
    assert doc["version"] == 1 and doc["errors"] == []
    first = doc["items"][0]
    assert list(first) == ["partner", "score", "terms", "reasons"]
    assert first["partner"] == "ace-auto" and first["score"] == 9.5
    assert first["terms"] == {
        "relationship": 3,
        "pathway": 2,
        "distance": 2,
        "early_adopter": 1.5,
        "needs": 1,
        "busy_season": 0,
    }
    assert [item["partner"] for item in doc["items"]] == [
        "ace-auto",
        "bright-print",
        "city-clinic",
        "dune-cafe",
    ]


def test_csv_and_md() -> None:
    rows = list(csv.reader(io.StringIO(cli("prospects", "--format", "csv").stdout)))
    assert rows[0] == ["partner", "name", "stage", "score", *TERM_NAMES, "reasons"]
    assert rows[2][:4] == ["bright-print", "Bright Print", "prospect", "3"]
    # a computed score is a number for the spreadsheet, not user text, so no `'`
    assert rows[2][-2] == "-1"
    assert float(rows[2][-2]) == -1
    md = cli("prospects", "--format", "md").stdout.splitlines()
    assert md[0] == "| Score | Partner | Id | Stage | Why |"
    assert md[3].startswith(
        "| 3 | Bright Print | bright-print | prospect | \\+2 industry Digital Media"
    )


def test_table_shows_scores_and_reasons() -> None:
    result = cli("prospects", "--format", "table")
    assert result.exit_code == 0
    assert "Best fit first" in result.stdout
    assert "+1.5  early adopter" in result.stdout


def test_table_wraps_a_reason_under_itself_not_its_points() -> None:
    result = run_cli(["-C", WS, "--today", T, "prospects", "--format", "table"], {"COLUMNS": "80"})
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    start = next(i for i, line in enumerate(lines) if "+1  needs students can meet:" in line)
    reason_at = lines[start].index("needs students")
    following = lines[start + 1]
    assert following[:reason_at].strip() == ""  # the continuation starts under the reason
    assert following[reason_at] != " "
