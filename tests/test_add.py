"""`partnerctl add ID --name ...`: a new, tidy, valid partner file; refuses bad ids and values."""
# ruff: noqa: E501  (the tables of expected messages read best one case a line)

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import copy_data, run_cli

# The editor line `add` writes first: the partner schema, from partners/.
MODELINE = "# yaml-language-server: $schema=../.partnerctl/schema/partner.schema.json\n"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("edit-styles", tmp_path)


def cli(ws: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(["-C", str(ws), "--today", "2026-11-24", *args])


def test_add_writes_every_option_in_designs_order(ws: Path) -> None:
    result = cli(
        ws, "add", "acme", "--name", "Acme: Tools", "--industry", "Manufacturing",
        "--pathway", "automotive", "--pathway", "digital-media", "--owner", "jlee",
        "--since", "2026-11-02", "--distance", "3.5", "--relationship", "Alum owner",
        "--early-adopter", "--tag", "chamber", "--tag", "yes", "--channel", "Phone",
        "--best-time", "10:30", "--contact", "Ann Lee", "--email", "ann@example.com",
        "--phone", "0142", "--role", "Owner", "--stage", "contacted",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "added acme: partners/acme.yaml\n"
    assert (ws / "partners/acme.yaml").read_text() == (
        MODELINE + 'name: "Acme: Tools"\n'
        "industry: Manufacturing\n"
        "pathways: [automotive, digital-media]\n"
        "stage: contacted\n"
        "owner: jlee\n"
        "since: 2026-11-02\n"
        "distance_miles: 3.5\n"
        "relationship: Alum owner\n"
        "early_adopter: true\n"
        'tags: [chamber, "yes"]\n'
        'best_time: "10:30"\n'
        "channel: phone\n"
        "contacts:\n"
        "  - name: Ann Lee\n"
        "    role: Owner\n"
        "    email: ann@example.com\n"
        '    phone: "0142"\n'
    )
    from partnerctl.workspace.load import load_settings, parse_partner_text

    settings, _ = load_settings(ws)
    text = (ws / "partners/acme.yaml").read_text()
    record, problems = parse_partner_text(text, "partners/acme.yaml", "acme", settings)
    assert problems == []
    assert record is not None
    assert (record["best_time"], record["tags"], record["early_adopter"]) == (
        "10:30",
        ["chamber", "yes"],
        True,
    )


def test_add_minimal(ws: Path) -> None:
    result = cli(ws, "add", "zeta", "--name", "Zeta Co")
    assert result.exit_code == 0
    assert (ws / "partners/zeta.yaml").read_text() == MODELINE + "name: Zeta Co\nstage: prospect\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["commented", "--name", "X"], "error: partner 'commented' already exists (partners/commented.yaml) (choose another id, or edit that partner)\n"),
        (["Bad_Id", "--name", "X"], "error: 'Bad_Id' is not a valid partner id"),
        (["../up", "--name", "X"], "error: '../up' is not a valid partner id"),
        (["z", "--name", "X", "--pathway", "automotiv"], "error: --pathway: 'automotiv' is not a pathway id in partnerctl.yaml (did you mean 'automotive'?)\n"),
        (["z", "--name", "X", "--owner", "jle"], "error: --owner: 'jle' is not one of partnerctl.yaml's owners (did you mean 'jlee'?)\n"),
        (["z", "--name", "X", "--stage", "done"], "error: --stage: 'done' is not a stage"),
        (["z", "--name", "X", "--since", "2026-02-30"], "error: --since: '2026-02-30' is not a date"),
        (["z", "--name", "X", "--email", "a@b.c"], "error: --email, --phone and --role describe a contact: give --contact NAME\n"),
        (["z", "--name", ""], "error: --name: must not be empty\n"),
    ],
)  # fmt: skip
def test_bad_input_writes_nothing(ws: Path, args: list[str], message: str) -> None:
    before = sorted(p.name for p in (ws / "partners").iterdir())
    result = cli(ws, "add", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(message)
    assert sorted(p.name for p in (ws / "partners").iterdir()) == before


def test_a_whole_distance_is_written_without_a_decimal_point(ws: Path) -> None:
    assert cli(ws, "add", "zeta", "--name", "Zeta Co", "--distance", "3").exit_code == 0
    assert "distance_miles: 3\n" in (ws / "partners/zeta.yaml").read_text()


def test_an_email_that_does_not_look_like_one_gets_validates_warning(ws: Path) -> None:
    result = cli(
        ws, "add", "zeta", "--name", "Zeta Co", "--contact", "Bob", "--email", "bob at summit"
    )
    assert (result.exit_code, result.stdout) == (0, "added zeta: partners/zeta.yaml\n")
    warning = (
        "partners/zeta.yaml:6:12: warning: contacts[0].email: 'bob at summit' does not look "
        "like an email address (for example dana@example.com)\n"
    )
    assert result.stderr == warning
    checked = run_cli(["-C", str(ws), "validate"])
    assert warning in checked.stdout + checked.stderr  # the very line validate gives


def test_add_help_names_each_default_once_and_explains_industry() -> None:
    text = " ".join(run_cli(["add", "--help"]).stdout.split())
    assert "(default prospect)" not in text
    assert text.count("[default: prospect]") == 1
    industry = text.split("--industry", 1)[1].split("--pathway", 1)[0]
    assert "what the business does" in industry
