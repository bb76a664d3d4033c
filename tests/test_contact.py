"""`partnerctl contact ID --name ...`: add, update (by name, any case) or remove a contact."""
# ruff: noqa: E501  (the tables of expected messages read best one case a line)

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import copy_data, run_cli
from tests.test_edit_document import line_diff


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("edit-styles", tmp_path)


def cli(ws: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(["-C", str(ws), "--today", "2026-11-24", *args])


def test_update_by_name_any_case_changes_only_its_fields(ws: Path) -> None:
    before = (ws / "partners/commented.yaml").read_text()
    result = cli(ws, "contact", "commented", "--name", "dana  ORTIZ", "--decision-maker",
                 "--email", "", "--phone", "555-0199")  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        'updated contact Dana Ortiz of commented: phone "555-0199"; removed email; '
        "now a decision maker\n"
    )
    removed, added = line_diff(before, (ws / "partners/commented.yaml").read_text())
    assert removed == ["    email: dana@example.com\n", '    phone: "555-0142"\n']
    assert added == ["    phone: 555-0199\n", "    decision_maker: true\n"]


def test_add_a_contact_to_a_block_list_and_a_flow_list(ws: Path) -> None:
    result = cli(
        ws, "contact", "commented", "--name", "Sam Lee", "--role", "GM", "--decision-maker"
    )
    assert result.stdout == "added contact Sam Lee to commented (decision maker)\n"
    text = (ws / "partners/commented.yaml").read_text()
    assert (
        '    phone: "555-0142"\n  - name: Sam Lee\n    role: GM\n    decision_maker: true\nneeds:'
        in text
    )
    result = cli(ws, "contact", "flowy", "--name", "Ana Ruiz", "--email", "ana@example.com")
    assert result.stdout == "added contact Ana Ruiz to flowy\n"
    assert (
        "contacts: [{name: Lee Park, role: Owner}, {name: Ana Ruiz, email: ana@example.com}]\n"
        in (ws / "partners/flowy.yaml").read_text()
    )


def test_an_update_says_what_changed_and_what_was_already_so(ws: Path) -> None:
    result = cli(ws, "contact", "commented", "--name", "Dana Ortiz", "--phone", "")
    assert result.stdout == "updated contact Dana Ortiz of commented: removed phone\n"
    result = cli(ws, "contact", "commented", "--name", "Dana Ortiz", "--phone", "",
                 "--role", "Service Manager", "--no-decision-maker")  # fmt: skip
    assert result.stdout == "commented: contact Dana Ortiz unchanged (it already reads so)\n"
    result = cli(ws, "contact", "commented", "--name", "Dana Ortiz", "--role", "Owner")
    assert result.stdout == 'updated contact Dana Ortiz of commented: role "Owner"\n'


def test_an_email_that_does_not_look_like_one_is_written_with_a_warning(ws: Path) -> None:
    result = cli(ws, "contact", "commented", "--name", "Dana Ortiz", "--email", "dana at shop")
    assert (result.exit_code, result.stdout) == (
        0, 'updated contact Dana Ortiz of commented: email "dana at shop"\n'
    )  # fmt: skip
    assert result.stderr == (
        "partners/commented.yaml:16:12: warning: contacts[0].email: 'dana at shop' does not "
        "look like an email address (for example dana@example.com)\n"
    )
    # A warning the file already had is not repeated by the next edit.
    result = cli(ws, "contact", "commented", "--name", "Dana Ortiz", "--role", "Owner")
    assert (result.exit_code, result.stderr) == (0, "")


def test_remove_a_contact(ws: Path) -> None:
    result = cli(ws, "contact", "flowy", "--name", "lee park", "--remove")
    assert result.stdout == "removed contact Lee Park from flowy\n"
    assert "contacts: []\n" in (ws / "partners/flowy.yaml").read_text()


def test_no_decision_maker_removes_the_flag_only_there(ws: Path) -> None:
    cli(ws, "contact", "commented", "--name", "Sam Lee", "--decision-maker")
    cli(ws, "contact", "commented", "--name", "Dana Ortiz", "--decision-maker")
    result = cli(ws, "contact", "commented", "--name", "Sam Lee", "--no-decision-maker")
    assert result.stdout == "updated contact Sam Lee of commented: no longer a decision maker\n"
    text = (ws / "partners/commented.yaml").read_text()
    assert text.count("decision_maker: true") == 1  # Dana keeps hers


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "Dana Ortz", "--remove"], "error: commented has no contact 'Dana Ortz' (did you mean 'Dana Ortiz'?)\n"),
        (["--name", "Dana Ortiz", "--remove", "--role", "x"], "error: --remove takes only --name"),
        (["--name", " "], "error: --name: must not be empty\n"),
    ],
)  # fmt: skip
def test_bad_input(ws: Path, args: list[str], message: str) -> None:
    before = (ws / "partners/commented.yaml").read_bytes()
    result = cli(ws, "contact", "commented", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(message)
    assert (ws / "partners/commented.yaml").read_bytes() == before


def test_unknown_partner(ws: Path) -> None:
    result = cli(ws, "contact", "flowie", "--name", "X")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "error: no partner 'flowie' (no partners/flowie.yaml) (did you mean 'flowy'?)\n"
    )
