"""PartnerDocument: each edit changes only the lines it must, on every layout users write."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerctl.errors import WriteError
from partnerctl.workspace.yamledit import PARTNER_KEY_ORDER, PartnerDocument
from partnerctl.workspace.yamltext import raw_data

DATA = Path(__file__).resolve().parent / "data" / "edit-styles" / "partners"


def source(name: str) -> str:
    return (DATA / name).read_bytes().decode("utf-8")


def line_diff(before: str, after: str) -> tuple[list[str], list[str]]:
    """(lines removed, lines added), each line with its own line ending."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def variants(text: str) -> dict[str, str]:
    """The same file as LF, CRLF, with a BOM, and without a final newline."""
    return {
        "lf": text,
        "crlf": text.replace("\n", "\r\n"),
        "bom": "\ufeff" + text,
        "bom-crlf": "\ufeff" + text.replace("\n", "\r\n"),
        "no-final-newline": text.rstrip("\n"),
    }


TOUCH = {"date": date(2026, 11, 24), "channel": "phone", "summary": "Called: yes # really"}


@pytest.mark.parametrize("style", list(variants("")))
def test_append_touchpoint_to_commented_file_adds_only_its_lines(style: str) -> None:
    before = variants(source("commented.yaml"))[style]
    doc = PartnerDocument(before, "partners/commented.yaml")
    doc.append_item("touchpoints", TOUCH)
    doc.verify()
    nl = "\r\n" if "crlf" in style else "\n"
    removed, added = line_diff(before, doc.text)
    assert removed == []
    assert added == [
        f"  - date: 2026-11-24{nl}",
        f"    channel: phone{nl}",
        f'    summary: "Called: yes # really"{nl}',
    ]
    # After the commented-out lines of the last item, before `next:`.
    lines = doc.text.splitlines()
    assert (
        lines.index("  - date: 2026-11-24")
        == lines.index("next:" + " " * 32 + "# the one scheduled follow-up") - 3
    )
    assert doc.text.startswith("\ufeff") == style.startswith("bom")
    assert doc.text.endswith("\n") == (style != "no-final-newline")


@pytest.mark.parametrize("style", list(variants("")))
def test_append_to_last_key_keeps_the_end_of_the_file(style: str) -> None:
    text = source("indentless.yaml")
    before = variants(text[: text.index("notes: |")])[style]  # ends with `next:`
    doc = PartnerDocument(before)
    doc.set_value("spotlights", [{"date": date(2026, 11, 24), "where": "social"}])
    doc.verify()
    nl = "\r\n" if "crlf" in style else "\n"
    removed, added = line_diff(before, doc.text)
    lines = [f"spotlights:{nl}", f"  - date: 2026-11-24{nl}", "    where: social"]
    if style == "no-final-newline":
        assert removed == ["next:"]
        assert added == [f"next:{nl}", *lines]
    else:
        assert removed == []
        assert added == [*lines[:-1], lines[-1] + nl]


def test_indentless_list_gets_an_item_at_its_own_indentation() -> None:
    before = source("indentless.yaml")
    doc = PartnerDocument(before)
    doc.append_item("touchpoints", {"date": date(2026, 11, 24), "summary": "yes", "students": 3})
    doc.verify()
    removed, added = line_diff(before, doc.text)
    assert removed == []
    assert added == ["- date: 2026-11-24\n", '  summary: "yes"\n', "  students: 3\n"]


def test_empty_flow_list_becomes_a_block_list() -> None:
    before = source("flowy.yaml")
    doc = PartnerDocument(before)
    doc.append_item("touchpoints", TOUCH)
    doc.verify()
    removed, added = line_diff(before, doc.text)
    assert removed == ["touchpoints: []\n"]
    assert added == [
        "touchpoints:\n",
        "  - date: 2026-11-24\n",
        "    channel: phone\n",
        '    summary: "Called: yes # really"\n',
    ]


def test_flow_lists_and_flow_mappings_are_edited_in_place() -> None:
    before = source("flowy.yaml")
    doc = PartnerDocument(before)
    doc.append_item("tags", "new, item")
    doc.append_item("contacts", {"name": "Ana Ruiz", "decision_maker": True})
    doc.set_value("next", {"date": date(2026, 12, 8), "action": "Drop off flyers"})
    doc.verify()
    removed, added = line_diff(before, doc.text)
    assert removed == [
        "tags:    [food, early]\n",
        "contacts: [{name: Lee Park, role: Owner}]\n",
        "next: {date: 2026-12-01, action: Drop off flyers}\n",
    ]
    assert added == [
        'tags:    [food, early, "new, item"]\n',
        "contacts: [{name: Lee Park, role: Owner}, {name: Ana Ruiz, decision_maker: true}]\n",
        "next: {date: 2026-12-08, action: Drop off flyers}\n",
    ]


def test_null_value_and_missing_key_get_a_block_mapping() -> None:
    before = source("indentless.yaml")
    doc = PartnerDocument(before)
    doc.set_value("next", {"date": date(2026, 12, 1), "action": "Book the fair"})
    doc.verify()
    removed, added = line_diff(before, doc.text)
    assert removed == []  # `next:` stays as it was; its value goes under it
    assert added == ["  date: 2026-12-01\n", "  action: Book the fair\n"]

    bare = source("bare.yaml")
    doc = PartnerDocument(bare)
    doc.set_value("next", {"date": date(2026, 12, 1)})
    doc.set_value("owner", "jlee")  # after the last key that DESIGN puts before it
    doc.verify()
    assert doc.text == (
        "name: Lone Pine Media\nstage: prospect\nindustry: media\nowner: jlee\n"
        "next:\n  date: 2026-12-01"
    )


def test_block_next_changes_field_by_field_and_is_removed_whole() -> None:
    before = source("commented.yaml")
    doc = PartnerDocument(before)
    doc.set_value(
        "next", {"date": date(2026, 12, 1), "action": "Call Dana about spring shadow dates"}
    )
    doc.verify()
    assert line_diff(before, doc.text) == (["  date: 2026-11-20\n"], ["  date: 2026-12-01\n"])
    doc.remove_key("next")
    doc.verify()
    removed, added = line_diff(before, doc.text)
    assert added == []
    assert removed == [
        "next:                                # the one scheduled follow-up\n",
        "  date: 2026-11-20\n",
        "  action: Call Dana about spring shadow dates\n",
    ]


def test_scalar_replacement_keeps_alignment_and_comment() -> None:
    before = source("commented.yaml")
    doc = PartnerDocument(before)
    doc.set_value("stage", "meeting")
    doc.set_value("owner", "mortiz")
    doc.verify()
    removed, added = line_diff(before, doc.text)
    assert removed == ["stage: contacted                     # see Stages\n", "owner: jlee\n"]
    # The comment keeps its column.
    assert added == ["stage: meeting                       # see Stages\n", "owner: mortiz\n"]


def test_contacts_set_add_and_remove_fields_and_items() -> None:
    before = source("commented.yaml")
    doc = PartnerDocument(before)
    doc.set_item_value("contacts", 0, "decision_maker", True)
    doc.set_item_value("contacts", 0, "email", None)
    doc.set_item_value("contacts", 0, "role", "Owner")
    doc.verify()
    removed, added = line_diff(before, doc.text)
    assert removed == ["    role: Service Manager\n", "    email: dana@example.com\n"]
    assert added == ["    role: Owner\n", "    decision_maker: true\n"]
    doc.append_item("contacts", {"name": "Sam Lee"})
    doc.remove_item("contacts", 0)
    doc.verify()
    assert "contacts:\n  - name: Sam Lee\nneeds:" in doc.text
    doc.remove_item("contacts", 0)
    doc.verify()
    assert "contacts: []\nneeds:" in doc.text


def test_removing_the_first_key_of_an_item_moves_the_next_one_up() -> None:
    doc = PartnerDocument("name: A\nstage: prospect\ncontacts:\n  - name: X\n    role: Y\n")
    doc.set_item_value("contacts", 0, "name", None)
    doc.verify()
    assert doc.text == "name: A\nstage: prospect\ncontacts:\n  - role: Y\n"


def test_block_scalar_is_replaced_without_eating_what_follows() -> None:
    before = source("indentless.yaml")
    doc = PartnerDocument(before)
    doc.set_value("notes", "Short now")
    doc.verify()
    assert doc.text.endswith("next:\nnotes: Short now\n")


TRICKY = [
    "yes", "No", "on", "~", "null", "10:30", "010", "0x1F", "1_000", "3.5", ".inf", "2026-11-24",
    "a: b", "a #b", "#tag", "- dash", "? q", ": colon", "ends:", "[x]", "{y}", "a, b", "@at",
    "%pct", "`tick", "!bang", "&amp", "*star", "|pipe", ">gt", "'single'", '"double"',
    "back\\slash",
    "", " lead", "trail ", "tab\there", "new\nline", "cr\rx", "\x1b[31mred", "bidi\u202eevil",
    "line\u2028sep", "nel\x85x", "bom\ufeffx", "é ü 中文 🎉", "<<", "=", "---", "...", "x" * 300,
]  # fmt: skip


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_reads_back_exactly(text: str) -> None:
    doc = PartnerDocument(source("commented.yaml"))
    doc.append_item("touchpoints", {"date": date(2026, 11, 24), "summary": text, "with": text})
    doc.append_item("tags", text)
    doc.set_value("best_time", text)
    doc.verify()
    import yaml

    data = raw_data(yaml.compose(doc.text))
    assert data["touchpoints"][-1]["summary"] == text
    assert data["touchpoints"][-1]["with"] == text
    assert data["tags"][-1] == text
    assert data["best_time"] == text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_summary_round_trips(text: str) -> None:
    for name in ("commented.yaml", "flowy.yaml", "indentless.yaml"):
        doc = PartnerDocument(source(name))
        doc.append_item("touchpoints", {"date": date(2026, 11, 24), "summary": text})
        doc.verify()  # raises unless the text reads back exactly


def test_top_level_flow_mapping_is_refused() -> None:
    doc = PartnerDocument("{name: A, stage: prospect}\n", "partners/a.yaml")
    doc.set_value("stage", "contacted")
    with pytest.raises(WriteError, match="not a block mapping"):
        doc.verify()


def test_verify_catches_a_text_that_does_not_match() -> None:
    from partnerctl.workspace.yamledit import EditMismatch

    doc = PartnerDocument("name: A\nstage: prospect\n")
    doc.set_value("stage", "meeting")
    doc.expected["stage"] = "active"  # as if the editor had slipped
    with pytest.raises(EditMismatch):
        doc.verify()


def test_key_order_is_the_models_order() -> None:
    from partnerctl.model import Partner

    names = [field.alias or name for name, field in Partner.model_fields.items()]
    assert list(PARTNER_KEY_ORDER) == names


def test_tabs_the_reader_accepts_are_editable() -> None:
    # libyaml (the reader's loader) takes a tab after `key:` and before a comment.
    text = "name: Tab Co\t# the name\nstage:\tprospect\nchannel:\temail\n"
    doc = PartnerDocument(text, "partners/tab.yaml")
    doc.set_value("stage", "contacted")
    doc.append_item("touchpoints", {"date": date(2026, 11, 24), "summary": "Called"})
    doc.verify()
    assert doc.text.startswith("name: Tab Co\t# the name\nstage:\tcontacted\nchannel:\temail\n")


def test_text_yaml_cannot_read_is_one_located_error() -> None:
    from partnerctl.errors import DataError

    with pytest.raises(DataError) as caught:
        PartnerDocument("name: A\nstage: [prospect\n", "partners/a.yaml")
    [problem] = caught.value.problems()
    assert (problem.file, problem.line) == ("partners/a.yaml", 3)
    assert problem.message.startswith("YAML syntax: ")
    assert "\n" not in problem.render()
    assert problem.hint


@pytest.mark.parametrize("empty", ["", " ~", " null"])
def test_an_empty_list_key_receives_its_first_item(empty: str) -> None:
    # libyaml marks a plain scalar's style "" (pure-Python PyYAML: None); both are plain.
    doc = PartnerDocument(f"name: A\ntouchpoints:{empty}\nnotes: x\n")
    doc.append_item("touchpoints", {"date": date(2026, 11, 24), "summary": "Called"})
    doc.verify()
    assert doc.text == (
        "name: A\ntouchpoints:\n  - date: 2026-11-24\n    summary: Called\nnotes: x\n"
    )
    doc = PartnerDocument(f"name: A\ntags:{empty}\nnext:{empty}  # later\n")
    doc.append_item("tags", "x")
    doc.set_value("next", {"date": date(2026, 12, 1), "action": "Call"})
    doc.verify()
    assert doc.text == ("name: A\ntags: [x]\nnext:  # later\n  date: 2026-12-01\n  action: Call\n")
    assert raw_data(PartnerDocument("a:\nb: ~\n")._root) == {"a": None, "b": None}
