"""The rest of the record by command: set, need/opening/tag/pathway, research, busy-season,
offer, agreement. Only the lines each must change; bad input writes nothing."""
# ruff: noqa: E501  (the tables of commands and lines read best one case a line)

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import copy_data, file_tree, run_cli
from tests.test_edit_document import line_diff, variants

T = "2026-11-24"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("edit-styles", tmp_path)


def cli(ws: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(["-C", str(ws), "--today", T, *args])


# (command, the partner file, what it prints, lines removed, lines added)
EDITS = [
    (
        ["set", "commented", "best-time", "Tue-Thu before 9am"],
        "commented",
        'commented: best_time "Tue-Thu before 9am" (was "10:30")\n',
        ["best_time: 10:30\n"],
        ["best_time: Tue-Thu before 9am\n"],
    ),
    (
        ["set", "commented", "distance", "3"],
        "commented",
        "commented: distance_miles 3 (was 2.4)\n",
        ["distance_miles: 2.4\n"],
        ["distance_miles: 3\n"],
    ),
    (
        ["set", "commented", "early-adopter", "no"],
        "commented",
        "commented: removed early_adopter (was yes)\n",
        ["early_adopter: true\n"],
        [],
    ),
    (
        ["set", "commented", "owner", "mortiz"],
        "commented",
        'commented: owner "mortiz" (was "jlee")\n',
        ["owner: jlee\n"],
        ["owner: mortiz\n"],
    ),
    (
        ["set", "commented", "since", "2026-08-15"],
        "commented",
        "commented: since 2026-08-15 (was 2026-09-01)\n",
        ["since: 2026-09-01                    # first contact\n"],
        ["since: 2026-08-15                    # first contact\n"],
    ),
    (
        ["set", "commented", "channel", "Phone"],
        "commented",
        'commented: channel "phone" (was "email")\n',
        ["channel: email                       # email | phone | in-person\n"],
        ["channel: phone                       # email | phone | in-person\n"],
    ),
    (
        ["set", "commented", "relationship", "Owner's daughter, class of 2022"],
        "commented",
        'commented: relationship "Owner\'s daughter, class of 2022"\n',
        [],
        ["relationship: Owner's daughter, class of 2022\n"],
    ),
    (
        ["set", "bare", "notes", "Call #1: yes"],
        "bare",
        'bare: notes "Call #1: yes"\n',
        ["industry: media"],
        [
            "industry: media\n",
            'notes: "Call #1: yes"',
        ],  # the file had no final newline, still has none
    ),
    (
        ["set", "indentless", "notes", ""],
        "indentless",
        'indentless: removed notes (was "Prefers calls in the morning. Ask about the spring fair. ")\n',
        ["notes: |\n", "  Prefers calls in the morning.\n", "  Ask about the spring fair.\n"],
        [],
    ),
    (
        ["need", "commented", "Weekend detailing"],
        "commented",
        'commented: added need "Weekend detailing"\n',
        [],
        ["  - Weekend detailing\n"],
    ),
    (
        ["need", "commented", "SOCIAL  media presence", "--remove"],
        "commented",
        'commented: removed need "social media presence"\n',
        ["  - social media presence\n"],
        [],
    ),
    (
        ["tag", "flowy", "bread"],
        "flowy",
        'flowy: added tag "bread"\n',
        ["tags:    [food, early]\n"],
        ["tags:    [food, early, bread]\n"],
    ),
    (
        ["tag", "commented", "Family Owned", "--remove"],
        "commented",
        'commented: removed tag "family owned"\n',
        ["tags: [chamber, 'family owned']\n"],
        ["tags: [chamber]\n"],
    ),
    (
        ["pathway", "commented", "Digital-Media"],
        "commented",
        'commented: added pathway "digital-media"\n',
        ["pathways: [automotive]               # ids from partnerctl.yaml\n"],
        ["pathways: [automotive, digital-media]               # ids from partnerctl.yaml\n"],
    ),
    (
        ["opening", "flowy", "Counter help (weekends)"],
        "flowy",
        'flowy: added opening "Counter help (weekends)"\n',
        [],
        ["openings: [Counter help (weekends)]\n"],  # a short list goes in flow style
    ),
    (
        ["research", "commented", "trends", "EV service demand"],
        "commented",
        'commented: research trends "EV service demand"\n',
        [],
        ["research:\n", "  trends: EV service demand\n"],
    ),
    (
        ["busy-season", "commented", "--from", "11-15", "--to", "01-10", "--why", "year-end sales"],
        "commented",
        'commented: added busy season 11-15 to 01-10 ("year-end sales")\n',
        [],
        ["busy_seasons:\n", "  - from: 11-15\n", "    to: 01-10\n", "    why: year-end sales\n"],
    ),
    (
        ["offer", "commented", "job-shadow", "--pathway", "automotive", "--seats", "4"],
        "commented",
        "commented: added offer job-shadow (automotive): 4 seats\n",
        [],
        ["offers:\n", "  - kind: job-shadow\n", "    pathway: automotive\n", "    seats: 4\n"],
    ),
    (
        ["agreement", "flowy", "mou", "--expires", "2027-06-30"],
        "flowy",
        "flowy: added agreement mou, expires 2027-06-30\n",
        [],
        ["agreements:\n", "  - kind: mou\n", "    expires: 2027-06-30\n"],
    ),
]


@pytest.mark.parametrize(
    ("args", "partner", "said", "removed", "added"),
    EDITS,
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_each_edit_changes_only_its_lines(
    ws: Path, args: list[str], partner: str, said: str, removed: list[str], added: list[str]
) -> None:
    path = ws / "partners" / f"{partner}.yaml"
    before = path.read_text()
    others = {p: p.read_bytes() for p in (ws / "partners").iterdir() if p != path}
    result = cli(ws, *args)
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", said)
    assert line_diff(before, path.read_text()) == (removed, added)
    assert others == {p: p.read_bytes() for p in others}
    assert cli(ws, "validate").exit_code == 0


@pytest.mark.parametrize("style", ["crlf", "bom", "bom-crlf", "no-final-newline"])
@pytest.mark.parametrize(
    "args",
    [
        ["set", "commented", "notes", "Ask about EVs"],
        ["need", "commented", "Weekend detailing"],
        ["offer", "commented", "tour", "--seats", "20"],
        ["agreement", "commented", "insurance", "--expires", "2027-01-31"],
        ["busy-season", "commented", "--from", "06-01", "--to", "06-30"],
    ],
    ids=lambda a: a[0],
)
def test_line_endings_and_bom_are_kept(ws: Path, style: str, args: list[str]) -> None:
    path = ws / "partners/commented.yaml"
    before = variants(path.read_text())[style]
    path.write_bytes(before.encode("utf-8"))
    result = cli(ws, *args)
    assert (result.exit_code, result.stderr) == (0, "")
    after = path.read_bytes().decode("utf-8")
    assert after.startswith("\ufeff") == before.startswith("\ufeff")
    removed, added = line_diff(before, after)
    nl = "\r\n" if "crlf" in style else "\n"
    assert all(line.endswith(nl) for line in added)
    assert removed == [] or style == "no-final-newline"  # the last line gains its newline


def test_update_and_remove_an_offer_an_agreement_and_a_busy_season(ws: Path) -> None:
    assert (
        cli(
            ws, "offer", "commented", "internship", "--pathway", "automotive", "--seats", "1"
        ).exit_code
        == 0
    )
    result = cli(ws, "offer", "commented", "internship", "--seats", "2", "--notes", "summer")
    assert result.stdout == 'commented: updated offer internship (automotive): 2 seats, "summer"\n'
    result = cli(ws, "offer", "commented", "internship", "--seats", "2", "--notes", "summer")
    assert result.stdout.startswith("commented already has offer internship (automotive)")
    result = cli(ws, "offer", "commented", "internship", "--remove")
    assert result.stdout == "commented: removed offer internship (automotive)\n"
    assert cli(ws, "agreement", "commented", "mou", "--expires", "2026-12-31").exit_code == 0
    result = cli(ws, "agreement", "commented", "MOU", "--expires", "2027-12-31")
    assert (
        result.stdout == "commented: agreement mou renewed: expires 2027-12-31 (was 2026-12-31)\n"
    )
    result = cli(ws, "agreement", "commented", "mou", "--remove")
    assert result.stdout == "commented: removed agreement mou\n"
    assert cli(ws, "busy-season", "commented", "--from", "11-15", "--to", "01-10").exit_code == 0
    result = cli(
        ws, "busy-season", "commented", "--from", "11-15", "--to", "01-10", "--why", "sales"
    )
    assert result.stdout == 'commented: busy season 11-15 to 01-10 now "sales"\n'
    result = cli(ws, "busy-season", "commented", "--from", "11-15", "--to", "01-10", "--remove")
    assert result.stdout == "commented: removed busy season 11-15 to 01-10\n"
    text = (ws / "partners/commented.yaml").read_text()
    assert "offers" in text and "internship" not in text and "11-15" not in text
    assert cli(ws, "validate").exit_code == 0


def test_agreements_of_one_kind_are_told_apart_by_holder(ws: Path) -> None:
    for holder, day in (("Dana Ortiz", "2027-01-31"), ("Sam Lee", "2027-03-31")):
        result = cli(
            ws, "agreement", "commented", "background-check", "--holder", holder, "--expires", day
        )
        assert result.exit_code == 0, result.stderr
    result = cli(ws, "agreement", "commented", "background-check", "--expires", "2028-01-31")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: commented has 2 background-check agreements: say whose with --holder "
        '(--holder "Dana Ortiz" or --holder "Sam Lee")\n'
    )
    result = cli(
        ws,
        "agreement",
        "commented",
        "background-check",
        "--holder",
        "dana ortiz",
        "--expires",
        "2028-01-31",
    )
    assert result.stdout == (
        "commented: agreement background-check of dana ortiz renewed: expires 2028-01-31 "
        "(was 2027-01-31)\n"
    )


def test_the_due_renewal_command_pastes_into_a_renewal(tmp_path: Path) -> None:
    ws = copy_data("due-basic", tmp_path)
    doc = json.loads(cli(ws, "due", "--format", "json").stdout)
    item = next(i for i in doc["items"] if i["kind"] == "agreement")
    (command,) = item["commands"]
    assert command == "partnerctl agreement bolt-electric mou --expires YYYY-MM-DD"
    words = command.split()[1:]
    refused = cli(ws, *words)  # pasted as printed: the placeholder is refused
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert "YYYY-MM-DD is a placeholder, not a date" in refused.stderr
    filled = cli(ws, *[("2027-12-10" if w == "YYYY-MM-DD" else w) for w in words])
    assert filled.exit_code == 0
    doc = json.loads(cli(ws, "due", "--format", "json").stdout)
    assert not [i for i in doc["items"] if i["kind"] == "agreement"]


BAD = [
    (
        ["set", "nobody", "notes", "x"],
        "error: no partner 'nobody' (no partners/nobody.yaml) (`partnerctl list` shows the partners; `partnerctl add` makes one)\n",
    ),
    (
        ["set", "comented", "notes", "x"],
        "error: no partner 'comented' (no partners/comented.yaml) (did you mean 'commented'?)\n",
    ),
    (
        ["set", "commented", "colour", "x"],
        "error: KEY: 'colour' is not a field `set` changes (choose one of name, industry, owner, since, distance, relationship, early-adopter, best-time, channel, notes)\n",
    ),
    (
        ["set", "commented", "stage", "active"],
        "error: the stage has its own command, which also records the move (partnerctl stage commented active)\n",
    ),
    (
        ["set", "commented", "name", "…"],
        "error: VALUE: '…' is a placeholder, not text (type what it stands for in place of '…', in quotes)\n",
    ),
    (["set", "commented", "name", ""], "error: VALUE: must not be empty\n"),
    (
        ["set", "commented", "since", "2026-02-30"],
        "error: VALUE: '2026-02-30' is not a date: day must be 1..28 in 2026-02\n",
    ),
    (["set", "commented", "distance", "far"], "error: VALUE: 'far' is not a number of miles\n"),
    (
        ["set", "commented", "distance", "--", "-2"],
        "error: VALUE: '-2' is not a distance (give 0 or more miles)\n",
    ),
    (
        ["set", "commented", "early-adopter", "maybe"],
        "error: VALUE: 'maybe' is not yes or no (choose one of yes, no, true, false)\n",
    ),
    (
        ["set", "commented", "owner", "jle"],
        "error: VALUE: 'jle' is not one of partnerctl.yaml's owners (did you mean 'jlee'?)\n",
    ),
    (
        ["need", "commented", "…"],
        "error: TEXT: '…' is a placeholder, not text (type what it stands for in place of '…', in quotes)\n",
    ),
    (
        ["need", "commented", "weekend shifts", "--remove"],
        "error: commented has no need 'weekend shifts' (needs: Saturday shop coverage, social media presence)\n",
    ),
    (
        ["pathway", "commented", "cooking"],
        "error: PATHWAY: 'cooking' is not a pathway id in partnerctl.yaml (choose one of automotive, digital-media)\n",
    ),
    (
        ["research", "commented", "competitors", "x"],
        "error: FIELD: 'competitors' is not a research field (choose one of business, trends)\n",
    ),
    (
        ["busy-season", "commented", "--from", "13-01", "--to", "01-10"],
        "error: --from: '13-01': month must be 01..12\n",
    ),
    (
        ["busy-season", "commented", "--from", "11-15", "--to", "02-30"],
        "error: --to: '02-30': day must be 01..29 in month 02\n",
    ),
    (
        ["busy-season", "commented", "--from", "11-15", "--to", "01-10", "--remove"],
        "error: commented has no busy season 11-15 to 01-10 (commented has none)\n",
    ),
    (
        ["offer", "commented", "shadow"],
        "error: KIND: 'shadow' is not an offer kind (did you mean 'job-shadow'?)\n",
    ),
    (
        ["offer", "commented", "lunch"],
        "error: KIND: 'lunch' is not an offer kind (choose one of tour, guest-speaker, job-shadow, mentorship, internship, apprenticeship, mock-interview, advisory-board, project, equipment, sponsorship)\n",
    ),
    (
        ["offer", "commented", "job-shadwo"],
        "error: KIND: 'job-shadwo' is not an offer kind (did you mean 'job-shadow'?)\n",
    ),
    (
        ["offer", "commented", "tour", "--remove"],
        "error: commented has no offer tour (commented has none)\n",
    ),
    (
        ["offer", "commented", "tour", "--pathway", "cooking"],
        "error: --pathway: 'cooking' is not a pathway id in partnerctl.yaml (choose one of automotive, digital-media)\n",
    ),
    (
        ["agreement", "commented", "mou"],
        "error: commented has no agreement mou yet: give --expires DATE (partnerctl agreement commented mou --expires YYYY-MM-DD)\n",
    ),
    (
        ["agreement", "commented", "mou", "--expires", "soon"],
        "error: --expires: 'soon' is not a date (use YYYY-MM-DD, today, tomorrow, yesterday, +3d, -2d, +2w, +1m or a weekday name)\n",
    ),
    (
        ["agreement", "commented", "lease", "--expires", "2027-01-01"],
        "error: KIND: 'lease' is not an agreement kind (choose one of mou, background-check, insurance, work-permit, media-release, other)\n",
    ),
    (
        ["agreement", "commented", "mou", "--remove", "--expires", "2027-01-01"],
        "error: --remove takes only KIND and --holder\n",
    ),
]


@pytest.mark.parametrize(
    ("args", "message"), BAD, ids=lambda v: " ".join(v) if isinstance(v, list) else None
)
def test_bad_input_is_refused_and_writes_nothing(ws: Path, args: list[str], message: str) -> None:
    before = file_tree(ws)
    result = cli(ws, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert file_tree(ws) == before


@pytest.mark.parametrize(
    ("args", "_partner", "said", "_removed", "_added"),
    EDITS[:3] + EDITS[9:10] + EDITS[-3:],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_dry_run_says_the_same_and_writes_nothing(
    ws: Path, args: list[str], _partner: str, said: str, _removed: object, _added: object
) -> None:
    before = file_tree(ws)
    result = cli(ws, *args, "--dry-run")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == said + "dry run: nothing written (1 file would change)\n"
    assert file_tree(ws) == before


def test_json_says_what_changed_per_partner(ws: Path) -> None:
    result = cli(
        ws, "--format", "json", "offer", "commented", "job-shadow", "--seats", "4", "--dry-run"
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "version": 1,
        "today": T,
        "dry_run": True,
        "changes": [
            {
                "partner": "commented",
                "file": "partners/commented.yaml",
                "created": False,
                "changed": True,
                "said": ["commented: added offer job-shadow: 4 seats"],
                "ops": [
                    {"op": "append", "key": "offers", "value": {"kind": "job-shadow", "seats": 4}}
                ],
            }
        ],
        "errors": [],
    }
    unchanged = cli(ws, "--format", "json", "need", "commented", "saturday shop coverage")
    doc = json.loads(unchanged.stdout)
    assert doc["changes"][0]["changed"] is False
    assert doc["changes"][0]["said"] == ['commented already has need "Saturday shop coverage"']


def test_a_bad_input_under_json_is_one_json_document(ws: Path) -> None:
    result = cli(ws, "--format", "json", "set", "commented", "owner", "jle")
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["errors"][0]["message"] == "VALUE: 'jle' is not one of partnerctl.yaml's owners"
    assert doc["errors"][0]["hint"] == "did you mean 'jlee'?"
