"""YAML hazards: each is refused with a located message, never a crash or a lost value."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import run_cli
from partnerctl.workspace.hazards import MAX_FILE_BYTES, decode
from partnerctl.workspace.yamlio import parse_yaml

TODAY = {"PARTNERCTL_TODAY": "2026-11-24"}


def workspace(tmp_path: Path, partner: bytes | str) -> Path:
    """A workspace whose one partner file `partners/acme.yaml` holds `partner`."""
    ws = tmp_path / "ws"
    (ws / "partners").mkdir(parents=True)
    (ws / "partnerctl.yaml").write_text("program: Test\n", encoding="utf-8")
    raw = partner.encode("utf-8") if isinstance(partner, str) else partner
    (ws / "partners" / "acme.yaml").write_bytes(raw)
    return ws


def validate(ws: Path) -> tuple[int, str]:
    result = run_cli(["validate", "-C", str(ws)], env=TODAY)
    assert result.stdout == ""
    return result.exit_code, result.stderr


def test_duplicate_keys_name_both_lines(tmp_path: Path) -> None:
    ws = workspace(tmp_path, "name: Acme\nstage: active\nname: Acme Inc\n")
    assert validate(ws) == (
        1,
        "partners/acme.yaml:3:1: error: duplicate key 'name' (also on line 1) "
        "(keep one of them: YAML would silently drop the first)\n",
    )


def test_duplicate_keys_nested(tmp_path: Path) -> None:
    text = "name: Acme\nstage: active\nnext:\n  date: 2026-12-01\n  date: 2026-12-02\n"
    code, err = validate(workspace(tmp_path, text))
    assert code == 1
    assert err.startswith("partners/acme.yaml:5:3: error: duplicate key 'date' (also on line 4)")


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*{chr(96 + level)}"] * 10)
        lines.append(f"{chr(97 + level)}: &{chr(97 + level)} [{refs}]")
    text = "\n".join(lines) + "\nname: Acme\nstage: active\n"
    code, err = validate(workspace(tmp_path, text))
    assert code == 1
    assert err == (
        "partners/acme.yaml:6:4: error: aliases here expand to more than 200,000 values "
        "(write the values out, or use fewer `*alias` references)\n"
    )


def test_a_few_aliases_are_fine() -> None:
    parsed = parse_yaml("a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert parsed.problems == []
    assert parsed.data == {"a": ["1", "2"], "b": ["1", "2"]}


def test_recursive_alias_is_refused() -> None:
    parsed = parse_yaml("name: &a [*a]\n", "f.yaml")
    assert [p.render() for p in parsed.problems] == ["f.yaml:1:7: error: an alias refers to itself"]


def test_deep_flow_nesting_is_refused_before_parsing(tmp_path: Path) -> None:
    deep = "[" * 60_000 + "]" * 60_000
    code, err = validate(workspace(tmp_path, f"name: Acme\nstage: active\ntags: {deep}\n"))
    assert code == 1
    assert err == (
        "partners/acme.yaml:3:107: error: nesting is too deep (more than 100 levels of "
        "brackets) (partnerctl files nest only a few levels)\n"
    )


def test_deep_block_nesting_is_refused(tmp_path: Path) -> None:
    text = "tags:\n" + "".join(" " * level + "-\n" for level in range(1, 1000))
    code, err = validate(workspace(tmp_path, text))
    assert code == 1
    assert err.startswith("partners/acme.yaml:400:1: error: nesting is too deep")


def test_dash_nesting_on_one_line_is_refused() -> None:
    parsed = parse_yaml("- " * 5000 + "x\n", "f.yaml")
    assert parsed.problems[0].message.startswith("nesting is too deep")


def test_huge_integer_is_an_error(tmp_path: Path) -> None:
    text = "name: Acme\nstage: active\noffers:\n  - kind: tour\n    seats: " + "9" * 5000 + "\n"
    assert validate(workspace(tmp_path, text)) == (
        1,
        "partners/acme.yaml:5:12: error: offers[0].seats: the number is too long "
        "(use a number of at most 15 digits)\n",
    )


def test_huge_float_is_an_error(tmp_path: Path) -> None:
    code, err = validate(workspace(tmp_path, "name: A\nstage: active\ndistance_miles: 9e999\n"))
    assert (code, err) == (
        1,
        "partners/acme.yaml:3:17: error: distance_miles: '9e999' is not a usable number "
        "(for example 2.5)\n",
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/object/apply:os.system [echo hi]", "!!python/object/apply:os.system"),
        ("!!python/name:os.system ''", "!!python/name:os.system"),
        ("!foo bar", "!foo"),
        ("!!binary aGk=", "!!binary"),
    ],
)
def test_unknown_tags_are_refused(tmp_path: Path, value: str, shown: str) -> None:
    code, err = validate(workspace(tmp_path, f"name: {value}\nstage: active\n"))
    assert (code, err) == (
        1,
        f"partners/acme.yaml:1:7: error: the tag {shown} is not allowed (partnerctl files hold "
        "plain text, lists and mappings; remove the `!` tag)\n",
    )


def test_bom_and_crlf_are_read(tmp_path: Path) -> None:
    raw = "\ufeffname: Café\r\nstage: active\r\nbest_time: 10:30\r\n".encode()
    ws = workspace(tmp_path, raw)
    assert validate(ws) == (0, "")
    from partnerctl.workspace.load import load_workspace

    partner = load_workspace(ws).partners["acme"]
    assert (partner["name"], partner["best_time"]) == ("Café", "10:30")


def test_utf16_is_refused(tmp_path: Path) -> None:
    ws = workspace(tmp_path, "name: Acme\nstage: active\n".encode("utf-16"))
    assert validate(ws) == (
        1,
        "partners/acme.yaml:1:1: error: the file is not UTF-8 text (it looks like UTF-16) "
        "(save it as UTF-8)\n",
    )


def test_latin1_is_refused_at_its_byte(tmp_path: Path) -> None:
    ws = workspace(tmp_path, "stage: active\nname: Café\n".encode("latin-1"))
    assert validate(ws) == (
        1,
        "partners/acme.yaml:2:10: error: the file is not UTF-8 text (byte 0xe9 here) "
        "(save it as UTF-8; Latin-1 and Windows-1252 files need converting)\n",
    )


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    # A partner file is one partner: it can be made shorter, not split.
    ws = workspace(tmp_path, b"# " + b"x" * MAX_FILE_BYTES + b"\nname: A\nstage: active\n")
    assert validate(ws) == (
        1,
        "partners/acme.yaml: error: the file is too big (5.0 MiB; the limit is 5 MiB) "
        "(move old touchpoints to an archive file, or shorten the notes)\n",
    )


def test_oversized_event_file_is_refused_with_a_split_hint(tmp_path: Path) -> None:
    ws = workspace(tmp_path, b"name: Acme\nstage: active\n")
    (ws / "events").mkdir()
    (ws / "events" / "big.yaml").write_bytes(b"# " + b"x" * MAX_FILE_BYTES + b"\nevents: []\n")
    assert validate(ws) == (
        1,
        "events/big.yaml: error: the file is too big (5.0 MiB; the limit is 5 MiB) "
        "(split it into several files)\n",
    )


def test_control_character_is_located() -> None:
    parsed = parse_yaml("name: A\x07\n", "f.yaml")
    assert [p.render() for p in parsed.problems] == [
        "f.yaml:1:8: error: YAML syntax: character #x0007 is not allowed in YAML"
    ]


def test_decode_keeps_crlf_and_drops_bom() -> None:
    assert decode(b"\xef\xbb\xbfa: b\r\n", "f") == ("a: b\r\n", [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("best_time: 10:30", "10:30"),
        ("phone: 0142", "0142"),
        ("x: 010", "010"),
        ("x: yes", "yes"),
        ("x: 1e3", "1e3"),
        ("x: 2026-11-02", "2026-11-02"),
        ("x: .inf", ".inf"),
        ("x: '~'", "~"),
        ("x: ~", None),
        ("x: null", None),
        ("x: NULL", None),
        ("x:", None),
    ],
)
def test_plain_scalars_are_text(text: str, expected: str | None) -> None:
    assert parse_yaml(text + "\n", "f.yaml").data == {text.split(":")[0]: expected}


# PyYAML's own dumper writes NEL, LS and PS raw inside quotes, where every YAML
# reader (PyYAML's too) folds them as line breaks: leave them to the next test.
LINE_BREAKS = "\x85\u2028\u2029"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_partnerctl_writes_reads_back_as_written(value: str) -> None:
    from partnerctl.workspace.yamlemit import scalar

    assert parse_yaml(f"x: {scalar(value)}\n", "f.yaml").data == {"x": value}


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=LINE_BREAKS),
        max_size=40,
    )
)
def test_any_text_round_trips_as_text(value: str) -> None:
    import yaml

    dumped = yaml.safe_dump({"x": value}, allow_unicode=True)
    parsed = parse_yaml(dumped, "f.yaml")
    if parsed.problems:
        # YAML itself cannot hold some characters (e.g. most C0 controls) in any form
        # that safe_dump writes; those are refused with a located message, never lost.
        assert all(p.line is not None for p in parsed.problems)
        return
    assert parsed.data == {"x": value}
