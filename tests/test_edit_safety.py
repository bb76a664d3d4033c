"""Writes that respect the user: read-only files, layouts the editor cannot change, empty
list keys, comments on a list key, newlines in file names, and large files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import copy_data, run_cli

from partnerctl.core.change import Change, append, remove_key, set_key
from partnerctl.workspace import edit as edit_mod
from partnerctl.workspace import yamlio
from partnerctl.workspace.yamledit import PartnerDocument

T = "2026-11-24"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_data("due-basic", tmp_path)


def cli(ws: Path, *args: str) -> Any:
    return run_cli(["-C", str(ws), "--today", T, *args])


# --- a read-only partner file --------------------------------------------------------------


def test_a_read_only_file_is_refused_even_for_root(ws: Path) -> None:
    path = ws / "partners/pine-clinic.yaml"
    before = path.read_bytes()
    path.chmod(0o444)
    result = cli(ws, "log", "pine-clinic", "Called")
    assert result.exit_code == 2
    assert result.stderr == (
        "partners/pine-clinic.yaml: error: the file is read-only (mode 0444); partnerctl does "
        "not change it (if the change is meant, make it writable first: chmod u+w "
        "partners/pine-clinic.yaml)\n"
        "error: nothing was written: partners/pine-clinic.yaml is read-only\n"
    )
    assert path.read_bytes() == before
    assert os.stat(path).st_mode & 0o777 == 0o444


def test_one_read_only_file_stops_a_several_partner_write(ws: Path) -> None:
    (ws / "partners/tech-hub.yaml").chmod(0o400)
    before = {p.name: p.read_bytes() for p in (ws / "partners").iterdir()}
    result = cli(ws, "log", "pine-clinic", "tech-hub", "old-mill", "Chamber breakfast")
    assert result.exit_code == 2
    assert "partners/tech-hub.yaml: error: the file is read-only (mode 0400)" in result.stderr
    assert {p.name: p.read_bytes() for p in (ws / "partners").iterdir()} == before


def test_a_file_writable_by_its_group_only_is_written(ws: Path) -> None:
    (ws / "partners/pine-clinic.yaml").chmod(0o464)
    assert cli(ws, "log", "pine-clinic", "Called").exit_code == 0


# --- a newline in a file's name never forges an error line -----------------------------------


def test_a_newline_in_a_file_name_is_shown_escaped(ws: Path) -> None:
    forged = "forged.yaml:1:1: error: stage: this line is not partnerctl's"
    (ws / "partners" / f"evil\n{forged}.yaml").write_text("name: X\nstage: prospect\n")
    (ws / "events" / f"notes\n{forged}.txt").write_text("x")
    result = cli(ws, "validate")
    lines = result.stderr.splitlines()
    assert not any(line.startswith("forged.yaml") for line in lines)
    assert len(lines) == 2
    assert lines[0].startswith(f'partners/evil\\n{forged}.yaml: error: "evil\\n')
    ignored = "warning: ignored: only .yaml and .yml files are read here"
    assert lines[1] == f"events/notes\\n{forged}.txt: {ignored}"


# --- layouts the editor cannot change: said plainly ------------------------------------------

LAYOUTS = {
    "anchor": (
        "name: Anchor Co\nstage: prospect\ntouchpoints:\n"
        "  - &first {date: 2026-10-01, summary: hi}\n  - *first\n",
        "it repeats data with an anchor and an alias (&name, *name)",
    ),
    "cr-only": (
        "name: Cr Co\rstage: prospect\rtouchpoints:\r  - {date: 2026-10-01, summary: hi}\r",
        "its lines end in a carriage return alone",
    ),
    "explicit-key": (
        "? name\n: Q Co\nstage: prospect\n? touchpoints\n: - {date: 2026-10-01, summary: hi}\n",
        "it writes keys with a `? ` in front",
    ),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_a_layout_the_editor_cannot_change_is_said_plainly(ws: Path, name: str) -> None:
    text, why = LAYOUTS[name]
    path = ws / "partners" / f"{name}.yaml"
    path.write_bytes(text.encode())
    assert cli(ws, "validate").exit_code == 0  # valid YAML, valid partner
    result = cli(ws, "log", name, "Called", "--next", "2026-12-01", "--action", "Call")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: partners/{name}.yaml: partnerctl cannot edit this file's layout automatically "
        f"({why}); edit it by hand: add to touchpoints: {{date: 2026-11-24, summary: Called}}; "
        "set next: {date: 2026-12-01, action: Call} (nothing was written)\n"
    )
    assert path.read_bytes() == text.encode()


def test_an_edit_that_would_not_read_back_names_the_change_not_a_syntax_error() -> None:
    doc = PartnerDocument("name: A\nstage: prospect\ntags: [a, b]\n", "partners/a.yaml")
    doc.set_value("stage", "contacted")
    doc._body = doc._body.replace("tags: [a, b]", "tags: [a, b")  # as if an edit went wrong
    doc._nodes = None
    with pytest.raises(Exception) as caught:
        doc.verify()
    message = str(caught.value)
    assert "YAML syntax" not in message
    assert message == (
        "partners/a.yaml: partnerctl cannot edit this file's layout automatically (the changed "
        "text would not read as YAML); edit it by hand: set stage: contacted"
    )


def test_a_flow_list_with_a_trailing_comma_is_edited(ws: Path) -> None:
    path = ws / "partners/trail.yaml"
    path.write_text("name: Trail Co\nstage: prospect\ncontacts: [{name: Ann},]\n")
    assert cli(ws, "contact", "trail", "--name", "Ann", "--remove").exit_code == 0
    assert path.read_text() == "name: Trail Co\nstage: prospect\ncontacts: []\n"
    assert cli(ws, "log", "trail", "Called").exit_code == 0


# --- an empty list key is an empty list -----------------------------------------------------


def test_an_empty_list_key_is_an_empty_list(ws: Path) -> None:
    path = ws / "partners/empty.yaml"
    path.write_text("name: Empty Co\nstage: prospect\ntouchpoints:\ncontacts:\ntags:\n")
    assert cli(ws, "validate").exit_code == 0  # was: touchpoints: should be a list
    shown = json.loads(cli(ws, "show", "empty", "--format", "json").stdout)
    assert shown["profile"]["touchpoints"] == [] and shown["profile"]["tags"] == []
    assert cli(ws, "log", "empty", "Called").exit_code == 0
    assert path.read_text().startswith(
        "name: Empty Co\nstage: prospect\ntouchpoints:\n  - date: 2026-11-24\n    summary: Called\n"
    )


def test_the_schema_lets_an_editor_accept_an_empty_list_key() -> None:
    import jsonschema

    from partnerctl.fileschema import file_schema

    partner = {"name": "Empty Co", "stage": "prospect", "touchpoints": None, "tags": None}
    jsonschema.Draft202012Validator(file_schema("partner")).validate(partner)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(file_schema("partner")).validate({**partner, "tags": 3})


# --- removing the last item keeps the list key's comments --------------------------------------


def test_removing_the_last_contact_keeps_the_comment_on_the_list_key(ws: Path) -> None:
    path = ws / "partners/solo.yaml"
    path.write_text(
        "name: Solo Co\nstage: prospect\ncontacts:   # who we call there\n"
        "  # the owner answers mornings\n  - name: Dana Ortiz\n    role: Owner\nneeds: [a]\n"
    )
    assert cli(ws, "contact", "solo", "--name", "Dana Ortiz", "--remove").exit_code == 0
    assert path.read_text() == (
        "name: Solo Co\nstage: prospect\ncontacts: []   # who we call there\n"
        "  # the owner answers mornings\nneeds: [a]\n"
    )


# --- a large file: parsed once before and once after the edit, none under the lock --------------


def test_an_edit_parses_the_file_twice_and_never_under_the_lock(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    events: list[str] = []
    real_parse, real_compose, real_lock = yamlio.parse_yaml, yaml.compose, edit_mod.workspace_lock

    def parse(text: str, file: str) -> Any:
        events.append("parse")
        return real_parse(text, file)

    def compose(*args: Any, **kwargs: Any) -> Any:
        events.append("compose")
        return real_compose(*args, **kwargs)

    from contextlib import contextmanager

    @contextmanager
    def lock(*args: Any, **kwargs: Any) -> Any:
        events.append("lock")
        with real_lock(*args, **kwargs):
            yield
        events.append("unlock")

    monkeypatch.setattr(yamlio, "parse_yaml", parse)
    monkeypatch.setattr(yaml, "compose", compose)
    monkeypatch.setattr(edit_mod, "workspace_lock", lock)
    seen: list[str] = []

    def log_and_clear(record: Any) -> Change:
        seen.extend(events)
        touch = {"date": "2026-11-24", "summary": "Called"}
        return Change("riverside-auto", (append("touchpoints", touch), remove_key("next")))

    edit_mod.apply_changes(ws, {"riverside-auto": log_and_clear})
    assert seen == ["parse"]  # the file before the edit, parsed once (editor included)
    assert events == ["parse", "compose", "parse", "lock", "unlock"]


def test_a_file_changed_while_it_was_edited_is_edited_again_under_the_lock(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = ws / "partners/riverside-auto.yaml"
    real_lock = edit_mod.workspace_lock

    from contextlib import contextmanager

    @contextmanager
    def late(*args: Any, **kwargs: Any) -> Any:
        path.write_text(path.read_text() + "notes: written meanwhile\n")  # another writer
        with real_lock(*args, **kwargs):
            yield

    monkeypatch.setattr(edit_mod, "workspace_lock", late)

    def add_tag(record: Any) -> Change:
        return Change("riverside-auto", (set_key("tags", ["chamber"]),))

    edit_mod.apply_changes(ws, {"riverside-auto": add_tag})
    text = path.read_text()
    assert "notes: written meanwhile\n" in text and "tags: [chamber]" in text


def test_big_files_copy_of_the_example_stays_editable(ws: Path, tmp_path: Path) -> None:
    """A partner with thousands of touchpoints: the edit is exact (its speed is benchmarked)."""
    path = ws / "partners/riverside-auto.yaml"
    text = path.read_text()
    items = "".join(
        f"  - date: 2020-01-{1 + i % 28:02d}\n    summary: Call {i}\n" for i in range(3000)
    )
    path.write_text(text.replace("touchpoints:\n", "touchpoints:\n" + items, 1))
    shutil.copy(path, tmp_path / "before.yaml")
    assert cli(ws, "log", "riverside-auto", "Called").exit_code == 0
    after = path.read_text()
    assert after.startswith((tmp_path / "before.yaml").read_text().split("next:")[0])


def test_edits_run_again_after_a_change_say_each_thing_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer changes a file between the first reading and the lock."""
    ws = copy_data("edit-styles", tmp_path)
    real_lock = edit_mod.workspace_lock
    from contextlib import contextmanager

    @contextmanager
    def late(*args: Any, **kwargs: Any) -> Any:
        path = ws / "partners/commented.yaml"
        path.write_text(path.read_text().replace("owner: jlee", "owner: mortiz", 1))
        with real_lock(*args, **kwargs):
            yield

    monkeypatch.setattr(edit_mod, "workspace_lock", late)
    result = run_cli(["-C", str(ws), "--today", T, "reassign", "--from", "jlee", "--to", "mortiz"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (  # the rule ran again on the changed file: each thing said once
        "skipped commented: owned by mortiz now\n"
        "moved indentless from jlee to mortiz\nmoved 1 partner from jlee to mortiz\n"
    )
