"""`partnerctl draft` on examples/: whole messages, every kind at every stage, refusals."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, run_cli

TODAY = "2026-11-24"
FROM = "Jordan Lee <jlee@riverside.example.org>"
PARTNER_KINDS = ("intro", "follow-up", "meeting-ask", "thank-you", "renewal", "invite", "spotlight")


def draft_env(home: Path) -> dict[str, str | None]:
    """No git identity and no PARTNERCTL_FROM from the computer running the tests."""
    return {
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
        "PARTNERCTL_FROM": None,
    }


def draft(ws: Path, home: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli(["-C", str(ws), "--today", TODAY, "draft", *args], env=draft_env(home))
    return result.exit_code, result.stdout, result.stderr


INTRO = """\
To: Rick Alvarez <ralvarez@riversideauto.example.com>
Subject: Help with your Saturday detailing before deliveries, from Riverside High School \
CTE students

Dear Rick Alvarez,

We could help with your Saturday detailing before deliveries: our Automotive Technology students \
learn vehicle detailing. We could also help with your social media presence (our Digital Media \
students learn social media marketing) and your customer follow-up calls (our Automotive \
Technology students learn customer service).

Our students are also a pipeline of trained candidates for your openings: Lube technician \
(part-time) and Lot porter.

Mike's Garage & Tire already partners with Riverside High School CTE.

Could we talk for 15 minutes about a visit from one of your staff as a guest speaker for our \
Automotive Technology students? I know you are busy with your year-end sales event until \
January 10, 2027, so any day from January 11, 2027 would suit us. I understand the best time \
to reach you is Tue-Thu before 10am.

Best regards,
Jordan Lee
Riverside High School CTE
"""

THANK_YOU = """\
To: Greg Halvorsen <greg@ironworksfab.example.com>
Subject: Thank you from Riverside High School CTE

Dear Greg Halvorsen,

Thank you. On November 12, you hired one of our seniors as a part-time apprentice welder.

Moments like this are why our students learn on the job: they see what their skills are worth \
to a business like yours.

With your permission, we would like to thank you in public, in our newsletter.

With gratitude,
Riverside High School CTE
"""

RENEWAL = """\
To: Renee Walsh <rwalsh@heartlandprecision.example.com>
Subject: Renewing our certificate of insurance

Dear Renee Walsh,

Our certificate of insurance with Heartland Precision Manufacturing expired on November 1, 2026, \
and we would like to renew it.

Could you let me know who should sign the renewal, and whether anything should change? \
I understand the best time to reach you is Tue/Thu 1-3pm.

Best regards,
Riverside High School CTE
"""

INVITE = """\
To: Renee Walsh <rwalsh@heartlandprecision.example.com>
Subject: Invitation: Winter Career & Internship Fair, Thursday, December 10

Dear Renee Walsh,

We would be glad to see you at our Winter Career & Internship Fair on Thursday, December 10. \
Our Welding & Manufacturing students will be there, looking for internships and jobs.

Our students are also a pipeline of trained candidates for your openings: CNC operator trainee \
and Machine tender (2nd shift).

Could you let me know by December 3 whether you can join us?

Best regards,
Riverside High School CTE
"""

FOLLOW_UP = """\
To: Marcus Bell <mbell@kxrv.example.com>
Subject: Following up: send you three studio tour dates for January

Dear Marcus Bell,

Thank you for meeting with me on November 4. Our next step, as planned: send you three studio \
tour dates for January.

As a reminder, our Digital Media students learn social media marketing, and could help with your \
social media clips for the morning show.

I know you are busy with your November sweeps until November 30, so any day from December 1 \
would suit us. I understand the best time to reach you is 10:30.

Best regards,
Riverside High School CTE
"""


@pytest.mark.parametrize(
    ("partner", "kind", "expected", "extra"),
    [
        ("riverside-auto", "intro", INTRO, ["--from", FROM]),
        ("ironworks-fab", "thank-you", THANK_YOU, []),
        ("heartland-manufacturing", "renewal", RENEWAL, []),
        ("heartland-manufacturing", "invite", INVITE, []),
        ("kxrv", "follow-up", FOLLOW_UP, []),
    ],
)
def test_whole_messages(
    tmp_path: Path, partner: str, kind: str, expected: str, extra: list[str]
) -> None:
    code, out, err = draft(EXAMPLES, tmp_path, partner, "--kind", kind, *extra)
    assert (code, err) == (0, "")
    assert out == expected


PROGRAM_HEAD = """\
Subject: Partnering with Riverside High School CTE

Why partner with Riverside High School CTE

Riverside High School CTE prepares students for careers in Automotive Technology, Health Science, \
Welding & Manufacturing, Digital Media and Culinary Arts & Hospitality. Local businesses make that \
training real: students learn on the job, and employers meet the people they will hire.

5 local businesses partner with Riverside High School CTE today, 3 more have committed to start \
and we are in conversation with 4 others. Since July 1, 2026, 61 students have learned on the job \
with our partners (Digital Media 24, Welding & Manufacturing 16, Health Science 14, Culinary Arts \
& Hospitality 4, Automotive Technology 3).
"""


def test_program_case_takes_the_reports_numbers(tmp_path: Path) -> None:
    code, out, err = draft(EXAMPLES, tmp_path, "--kind", "program")
    assert (code, err) == (0, "")
    assert out.startswith(PROGRAM_HEAD)
    assert "- Health care: Bright Smile Dental and St. Luke's Regional Medical Center\n" in out
    assert "- Welding II tours Ironworks Fabrication (Ironworks Fabrication, October 2)\n" in out
    assert "a tour, a guest speaker or a job shadow is a good first step" in out
    # The same students as `report` over the same period.
    report = run_cli(["-C", str(EXAMPLES), "--today", TODAY, "report", "--from", "2026-07-01",
                      "--format", "json"])  # fmt: skip
    assert '"total": 61' in report.stdout


def partner_stages() -> dict[str, str]:
    stages = {}
    for path in sorted((EXAMPLES / "partners").glob("*.yaml")):
        found = re.search(r"^stage: (\S+)", path.read_text(encoding="utf-8"), re.M)
        assert found is not None
        stages[path.stem] = found.group(1)
    return stages


# What the refusals say (exit 2); any other exit 2 is a failure.
REFUSALS = (
    "nothing to follow up with",
    "nothing to thank",
    "has no agreement on file: nothing to renew",
    "nothing to invite",
)
UNFILLED = re.compile(r"\{\{|\}\}|\{%|%\}|…|\bNone\b|\bTBD\b|\[[A-Z_ ]+\]|  |\bDear ,| \.|,,")


def test_every_kind_for_every_partner_is_sendable_or_refused(tmp_path: Path) -> None:
    """Each kind for each partner of examples/ (every stage): a whole message, or a refusal."""
    stages = partner_stages()
    assert set(stages.values()) == {
        "prospect", "contacted", "meeting", "committed", "active", "paused", "declined", "lapsed",
    }  # fmt: skip
    made: dict[tuple[str, str], int] = {}
    for partner, stage in stages.items():
        for kind in PARTNER_KINDS:
            code, out, err = draft(EXAMPLES, tmp_path, partner, "--kind", kind)
            if code == 2:
                assert err.startswith("error: ") and any(r in err for r in REFUSALS), (
                    partner,
                    kind,
                    err,
                )
                assert out == ""
                continue
            assert code == 0, (partner, kind, err)
            assert "internal error" not in err
            assert UNFILLED.search(out) is None, (partner, kind, UNFILLED.search(out), out)
            made[(stage, kind)] = made.get((stage, kind), 0) + 1
    for stage in set(stages.values()):
        for kind in ("intro", "meeting-ask", "spotlight"):
            assert made.get((stage, kind)), (stage, kind)
    assert {kind for _stage, kind in made} == set(PARTNER_KINDS)


def test_intro_opens_with_a_need_met_by_a_named_skill_and_greets_who_decides(
    tmp_path: Path,
) -> None:
    """For every partner with a need met: the first sentence names the need, pathway and skill."""
    import json

    for partner in partner_stages():
        pitch = run_cli(
            ["-C", str(EXAMPLES), "--today", TODAY, "pitch", partner, "--format", "json"]
        )
        found = json.loads(pitch.stdout)
        code, out, _err = draft(EXAMPLES, tmp_path, partner, "--kind", "intro")
        assert code == 0
        body = out.split("\n\n", 1)[1]
        greeting, first, *_rest = body.split("\n\n")
        dm = next((c for c in found["checklist"] if c["item"] == "decision-maker"), None)
        assert dm is not None
        if dm["ok"]:
            assert greeting == f"Dear {dm['detail'].split(',')[0].split(' (')[0]},", partner
        if found["matches"]:
            match = found["matches"][0]
            opening = first.split(".")[0]
            assert opening.startswith("We could help with your "), partner
            assert f"our {match['pathway_name']} students learn" in opening, partner
            assert match["skill"] in opening, partner


def test_no_contact_still_drafts_plain_text_to_the_team(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "partnerctl.yaml").write_text(
        "program: Riverside High School CTE\npathways:\n  - id: horticulture\n"
        "    name: Horticulture\n    skills: [lawn care, irrigation]\n",
        encoding="utf-8",
    )
    (ws / "partners").mkdir()
    (ws / "partners" / "cedar.yaml").write_text(
        "name: Cedar Landscaping\nstage: prospect\npathways: [horticulture]\n"
        "needs: [spring lawn care crews]\n",
        encoding="utf-8",
    )
    code, out, err = draft(ws, tmp_path, "cedar", "--kind", "intro")
    assert code == 0
    assert out == (
        "Subject: Help with your spring lawn care crews, from Riverside High School CTE students\n"
        "\n"
        "Dear Cedar Landscaping team,\n"
        "\n"
        "We could help with your spring lawn care crews: our Horticulture students learn "
        "lawn care.\n"
        "\n"
        "Could we talk for 15 minutes about a tour of Cedar Landscaping for our Horticulture "
        "students?\n"
        "\n"
        "Best regards,\n"
        "Riverside High School CTE\n"
    )
    assert err == (
        "warning: cedar has no contact on file: the draft is addressed to the Cedar Landscaping "
        'team (add one: partnerctl contact cedar --name "…" --email "…" --decision-maker)\n'
    )
    for fmt in ("eml", "mailto"):
        code, out, err = draft(
            ws, tmp_path, "cedar", "--kind", "intro", "--format", fmt, "--from", FROM
        )
        assert (code, out) == (2, "")
        assert err.splitlines()[-1] == (
            f"error: cedar has no contact: a{'n .eml' if fmt == 'eml' else ' mailto'} draft needs "
            'someone to write to (add one: partnerctl contact cedar --name "…" --email "…" '
            "--decision-maker)"
        )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tri-county-collision", "--kind", "follow-up"],
         "error: nothing to follow up with tri-county-collision: no touchpoint and no next step on "
         "file (a first message is an intro: partnerctl draft tri-county-collision --kind intro)"),
        (["heartland-manufacturing", "--kind", "thank-you"],
         "error: nothing to thank heartland-manufacturing for yet: no touchpoint is a milestone or "
         'counts students (log what happened first: partnerctl log heartland-manufacturing "…" '
         "--outcome milestone)"),
        (["riverside-auto", "--kind", "renewal"],
         "error: riverside-auto has no agreement on file: nothing to renew (add it under "
         "`agreements:` in partners/riverside-auto.yaml)"),
        (["ironworks-fab", "--kind", "renewal", "--agreement", "insurance"],
         "error: ironworks-fab has no insurance agreement (its agreements: mou, media-release "
         "(--agreement))"),
        (["northwoods-outfitters", "--kind", "invite"],
         "error: nothing to invite northwoods-outfitters to: no event lists it (add "
         "northwoods-outfitters to an event's `partners:` in events/, or name one with "
         "--event ID)"),
        (["kxrv", "--kind", "invite", "--event", "career-fare"],
         "error: --event: no event 'career-fare' (did you mean 'winter-career-fair'?)"),
        (["riverside-auto", "--kind", "thankyou"],
         "error: --kind: 'thankyou' is not a draft kind (did you mean 'thank-you'?)"),
        (["riverside-auto"],
         "error: draft needs --kind KIND (choose one of intro, follow-up, meeting-ask, thank-you, "
         "renewal, invite, spotlight, program)"),
        (["--kind", "intro"],
         "error: --kind intro drafts a message to one partner: give its id before --kind "
         "(`partnerctl list` shows the partners' ids)"),
        (["riverside-auto", "--kind", "program"],
         "error: --kind program is about the whole program: give no partner id (partnerctl draft "
         "--kind program)"),
        (["--kind", "program", "--log"],
         "error: --kind program takes no --log (it names no partner)"),
        (["--kind", "program", "--format", "eml"],
         "error: --kind program drafts a page, not an email: --format eml does not fit it "
         "(use --format plain or md)"),
        (["ironworks-fab", "--kind", "spotlight", "--format", "mailto"],
         "error: --kind spotlight drafts a social post and a newsletter paragraph, not an email: "
         "--format mailto does not fit it (use --format plain or md)"),
        (["ironworks-fab", "--kind", "spotlight", "--to", "Greg Halvorsen"],
         "error: --to is for messages: a spotlight is a post (leave it out)"),
        (["ironworks-fab", "--kind", "intro", "--event", "winter-career-fair"],
         "error: --event is for --kind invite (leave it out)"),
        (["ironworks-fab", "--kind", "intro", "--to", "Greg Halverson"],
         "error: ironworks-fab has no contact 'Greg Halverson' (did you mean 'Greg Halvorsen'?)"),
        (["ironwork-fab", "--kind", "intro"],
         "error: no partner 'ironwork-fab' (no partners/ironwork-fab.yaml) "
         "(did you mean 'ironworks-fab'?)"),
        (["ironworks-fab", "--kind", "intro", "--format", "table"],
         "error: --format: 'table' is not a format of this command (choose one of plain, md, "
         "mailto, eml, json)"),
        (["ironworks-fab", "--kind", "spotlight", "--log"],
         "error: a spotlight is recorded with `spotlight add`, not --log (partnerctl spotlight add "
         'ironworks-fab --where newsletter --title "Ironworks Fabrication: Greg hired one of our '
         'seniors as a part-time apprentice welder")'),
    ],
)  # fmt: skip
def test_refusals_say_why_and_what_to_do(tmp_path: Path, args: list[str], message: str) -> None:
    code, out, err = draft(EXAMPLES, tmp_path, *args)
    assert (code, out) == (2, "")
    assert err.splitlines() == [message]


def test_to_writes_to_another_contact_and_rewords_notes_to_them(tmp_path: Path) -> None:
    code, out, err = draft(EXAMPLES, tmp_path, "riverside-auto", "--kind", "follow-up",
                           "--to", "  dana   ORTIZ ")  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith("To: Dana Ortiz <dortiz@riversideauto.example.com>\n")
    assert "Dear Dana Ortiz,\n" in out


def test_a_partner_without_a_decision_maker_gets_a_warning_and_the_first_contact(
    tmp_path: Path,
) -> None:
    code, out, err = draft(EXAMPLES, tmp_path, "prairie-family-clinic", "--kind", "meeting-ask")
    assert code == 0
    assert "Dear Lisa Park," in out
    assert "If someone else at Prairie Family Clinic decides on partnerships like this" in out
    assert err == (
        "warning: prairie-family-clinic has no decision maker marked: the draft is addressed to "
        'Lisa Park (mark one: partnerctl contact prairie-family-clinic --name "…" '
        "--decision-maker)\n"
    )


def test_spotlight_states_the_posts_length_and_warns_without_a_media_release(
    tmp_path: Path,
) -> None:
    code, out, err = draft(EXAMPLES, tmp_path, "mikes-garage", "--kind", "spotlight")
    assert code == 0
    post = (
        "Thank you, Mike's Garage & Tire, for hosting job shadows and mentoring students. Proud to "
        "work with local businesses that invest in our students. #CTE #CareerTechEd"
    )
    assert out == (
        "Subject: Thank you, Mike's Garage & Tire, for hosting job shadows and mentoring students\n"
        f"Social post: {len(post)} characters: fits X (280), Bluesky (300), Threads (500), "
        "Mastodon (500), Instagram (2,200), LinkedIn (3,000), Facebook (63,206)\n"
        "\n"
        f"Social post:\n{post}\n"
        "\n"
        "Newsletter:\n"
        "Thank you, Mike's Garage & Tire, for hosting job shadows and mentoring students\n"
        "\n"
        "Since 2024, Mike's Garage & Tire has given our Automotive Technology students job "
        "shadows, mentoring and guest speakers. This year, 3 of our students learned on the job "
        "with Mike's Garage & Tire. Thank you, Mike's Garage & Tire!\n"
    )
    assert err == (
        "warning: mikes-garage: no media-release agreement on file: get one before showing photos "
        "of students (add it under `agreements:` in partners/mikes-garage.yaml)\n"
    )
    code, out, err = draft(EXAMPLES, tmp_path, "ironworks-fab", "--kind", "spotlight")
    assert (code, err) == (0, "")  # a media release is on file
    assert "On November 12: Greg hired one of our seniors as a part-time apprentice welder." in out


def test_a_long_spotlight_title_is_shortened_to_fit_x(example_ws: Path, tmp_path: Path) -> None:
    title = "Ironworks Fabrication " + "and the welding class " * 20
    added = ["spotlight", "add", "ironworks-fab", "--where", "social", "--title", title.strip(),
             "--date", "2026-12-20", "--planned"]  # fmt: skip
    assert run_cli(["-C", str(example_ws), "--today", TODAY, *added]).exit_code == 0
    code, out, err = draft(example_ws, tmp_path, "ironworks-fab", "--kind", "spotlight")
    assert (code, err) == (0, "")
    post = out.split("Social post:\n", 1)[1].split("\n", 1)[0]
    assert len(post) <= 280 and "…" in post
    assert "fits X (280)" in out


def test_template_prints_the_template_in_use(example_ws: Path, tmp_path: Path) -> None:
    code, out, _err = draft(example_ws, tmp_path, "--kind", "thank-you", "--template")
    builtin = (ROOT / "src" / "partnerctl" / "drafts" / "thank-you.txt").read_text(encoding="utf-8")
    assert (code, out) == (0, builtin)
    (example_ws / "templates").mkdir()
    (example_ws / "templates" / "thank-you.txt").write_text(
        "Subject: Thanks\n\nHi\n", encoding="utf-8"
    )
    code, out, _err = draft(example_ws, tmp_path, "--kind", "thank-you", "--template")
    assert (code, out) == (0, "Subject: Thanks\n\nHi\n")


def test_readme_draft_example_is_real_output(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- draft-example:start -->\n```\n", 1)[1]
    block = block.split("```\n<!-- draft-example:end -->", 1)[0]
    command = readme.split("<!-- draft-example:start -->", 1)[0].rsplit("```sh\n", 1)[1]
    command = command.split("\n```", 1)[0]
    assert command == (
        "partnerctl -C examples draft riverside-auto --kind intro --today 2026-11-24 "
        f'--from "{FROM}"'
    )
    code, out, err = draft(EXAMPLES, tmp_path, "riverside-auto", "--kind", "intro", "--from", FROM)
    assert (code, err) == (0, "")
    assert out == block


def test_json_has_the_text_as_written_and_the_warnings(tmp_path: Path) -> None:
    import json

    code, out, err = draft(EXAMPLES, tmp_path, "prairie-family-clinic", "--kind", "intro",
                           "--format", "json", "--from", FROM)  # fmt: skip
    assert code == 0
    doc = json.loads(out)
    plain = draft(EXAMPLES, tmp_path, "prairie-family-clinic", "--kind", "intro", "--from", FROM)[1]
    assert doc["body"] == plain.split("\n\n", 1)[1]
    assert doc | {"body": None} == {
        "version": 1,
        "kind": "intro",
        "partner": "prairie-family-clinic",
        "today": TODAY,
        "to": {"name": "Lisa Park", "email": "lpark@prairiefamily.example.com"},
        "from": {"name": "Jordan Lee", "address": "jlee@riverside.example.org"},
        "subject": "Help with your front desk coverage during flu clinics, from Riverside High "
        "School CTE students",
        "body": None,
        "social": None,
        "warnings": [
            {
                "file": None,
                "line": None,
                "column": None,
                "path": None,
                "message": "prairie-family-clinic has no decision maker marked: the draft is "
                "addressed to Lisa Park",
                "hint": 'mark one: partnerctl contact prairie-family-clinic --name "…" '
                "--decision-maker",
            }
        ],
        "errors": [],
    }
    assert err.startswith("warning: prairie-family-clinic has no decision maker marked")


def test_a_refusal_with_json_is_a_json_document(tmp_path: Path) -> None:
    import json

    for args in (["riverside-auto", "--kind", "thankyou"], ["riverside-auto", "--kind", "renewal"]):
        code, out, err = draft(EXAMPLES, tmp_path, *args, "--format", "json")
        assert code == 2
        doc = json.loads(out)
        assert set(doc) == {"version", "errors"}
        assert err == f"error: {doc['errors'][-1]['message']} ({doc['errors'][-1]['hint']})\n"
