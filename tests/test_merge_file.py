"""`partnerctl merge-file` (the driver) and a true conflict's life: recorded as data, shown
by validate with both values and both authors, listed by due, resolved by `resolve`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.conftest import run_cli

TODAY = ["--today", "2026-11-24"]
FILE = "partners/riverside-auto.yaml"


def snoozed(text: str, day: str) -> str:
    return text.replace("next:\n  date: 2026-11-20", f"next:\n  date: {day}")


def logged(text: str, summary: str, by: str) -> str:
    entry = f"  - date: 2026-11-24\n    channel: phone\n    summary: {summary}\n    by: {by}\n"
    return text.replace("next:\n", entry + "next:\n", 1)


def driver(
    tmp_path: Path, base: str, ours: str, theirs: str, path: str = FILE
) -> tuple[int, str, str]:
    """Run the driver as git does: three files, the result written over OURS."""
    files = {}
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        files[name] = tmp_path / f".merge_file_{name}"
        files[name].write_text(text, encoding="utf-8")
    result = run_cli(
        ["merge-file", str(files["base"]), str(files["ours"]), str(files["theirs"]), path]
    )
    return result.exit_code, files["ours"].read_text(encoding="utf-8"), result.stderr


@pytest.fixture
def conflicted(example_ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example workspace after jlee and mortiz snoozed Riverside Auto to two days."""
    monkeypatch.chdir(tmp_path)
    base = (example_ws / FILE).read_text(encoding="utf-8")
    ours = logged(snoozed(base, "2026-12-08"), "Rick asked for December", "jlee")
    theirs = logged(snoozed(base, "2026-12-15"), "Dana says after the 15th", "mortiz")
    code, merged, _ = driver(tmp_path, base, ours, theirs)
    assert code == 0
    (example_ws / FILE).write_text(merged, encoding="utf-8")
    return example_ws


def test_the_driver_writes_both_touches_and_the_conflict_into_ours(conflicted: Path) -> None:
    text = (conflicted / FILE).read_text(encoding="utf-8")
    assert text.count("summary: Rick asked for December") == 1
    assert text.count("summary: Dana says after the 15th") == 1
    assert "  date: 2026-12-08\n" in text  # ours stays in place
    assert text.endswith(
        "conflicts:\n"
        "  - key: next.date\n"
        "    values:\n"
        "      - value: 2026-12-08\n"
        "        by: jlee\n"
        "      - value: 2026-12-15\n"
        "        by: mortiz\n"
    )
    # every comment of ours is still there, byte for byte
    assert "   # don't ask for anything big until mid-January\n" in text
    assert (
        "          # their Instagram hasn't posted since spring; Tina's students could help\n"
        in text
    )


def test_validate_reports_the_conflict_with_both_values_both_authors_and_the_fix(
    conflicted: Path,
) -> None:
    result = run_cli(["-C", str(conflicted), "validate", *TODAY])
    assert result.exit_code == 1
    line = [text for text in result.stderr.splitlines() if "merge conflict" in text]
    assert line == [
        f"{FILE}:62:9: error: next.date: merge conflict: 2026-12-08 (jlee, in place) or "
        "2026-12-15 (mortiz) (keep one: partnerctl resolve riverside-auto next.date --keep "
        "2026-12-08 or partnerctl resolve riverside-auto next.date --keep 2026-12-15)"
    ]
    doc = json.loads(
        run_cli(["-C", str(conflicted), "validate", "--format", "json", *TODAY]).stdout
    )
    assert [(e["file"], e["path"]) for e in doc["errors"]] == [(FILE, "next.date")]


def test_due_lists_the_conflict_and_the_partner_keeps_working(conflicted: Path) -> None:
    result = run_cli(["-C", str(conflicted), "due", "--owner", "jlee", "--within", "30", *TODAY])
    assert result.exit_code == 0
    assert (
        "due       2026-11-24  riverside-auto  conflict  resolve next.date: 2026-12-08 (jlee, in "
        "place) or 2026-12-15 (mortiz)  (Rick Alvarez, email)\n"
        "  → partnerctl resolve riverside-auto next.date --keep 2026-12-08\n"
        "  → partnerctl resolve riverside-auto next.date --keep 2026-12-15\n"
    ) in result.stdout
    # the value in place works meanwhile: the follow-up shows on its day
    assert "upcoming  2026-12-08  riverside-auto  follow-up" in result.stdout
    doc = json.loads(run_cli(["-C", str(conflicted), "due", "--format", "json", *TODAY]).stdout)
    item = next(i for i in doc["items"] if i["kind"] == "conflict")
    assert item["partner"] == "riverside-auto" and item["file"] == FILE
    assert item["urgency"] == 3 + 1 + 1  # kind conflict 3, stage contacted 1, early adopter 1
    assert item["commands"][1] == "partnerctl resolve riverside-auto next.date --keep 2026-12-15"


def test_resolve_keeps_the_chosen_value_and_removes_the_conflict(conflicted: Path) -> None:
    before = (conflicted / FILE).read_text(encoding="utf-8")
    dry = run_cli(
        ["-C", str(conflicted), "resolve", "riverside-auto", "next.date", "--keep", "2026-12-15",
         "--dry-run", "--format", "json", *TODAY]
    )  # fmt: skip
    assert dry.exit_code == 0
    assert json.loads(dry.stdout)["changes"][0]["ops"][-1] == {
        "op": "set",
        "key": "conflicts",
        "value": None,
    }
    assert (conflicted / FILE).read_text(encoding="utf-8") == before
    result = run_cli(
        [
            "-C",
            str(conflicted),
            "resolve",
            "riverside-auto",
            "next.date",
            "--keep",
            "2026-12-15",
            *TODAY,
        ]
    )
    assert (result.exit_code, result.stdout) == (
        0,
        'resolved riverside-auto next.date: kept "2026-12-15"\n',
    )
    after = (conflicted / FILE).read_text(encoding="utf-8")
    assert "  date: 2026-12-15\n" in after and "conflicts" not in after
    assert (
        after
        == before.replace("  date: 2026-12-08\n", "  date: 2026-12-15\n").split("conflicts:\n")[0]
    )
    assert run_cli(["-C", str(conflicted), "validate", *TODAY]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["riverside-auto", "next.date", "--keep", "…"], "--keep: '…' is a placeholder, not text"),
        (
            ["riverside-auto", "next.date", "--keep", "2027-01-01"],
            "--keep: '2027-01-01' is not one",
        ),
        (
            ["riverside-auto", "next.dat", "--keep", "1"],
            "riverside-auto has no merge conflict on 'next.dat' (did you mean 'next.date'?)",
        ),
        (["riverside-autoo", "next.date", "--keep", "1"], "no partner 'riverside-autoo'"),
        (["events/nope.yaml", "x", "--keep", "1"], "no events file 'events/nope.yaml'"),
    ],
)
def test_resolve_refuses_bad_input_and_writes_nothing(
    conflicted: Path, args: list[str], message: str
) -> None:
    before = (conflicted / FILE).read_text(encoding="utf-8")
    result = run_cli(["-C", str(conflicted), "resolve", *args, *TODAY])
    assert result.exit_code == 2
    assert message in result.stderr
    assert (conflicted / FILE).read_text(encoding="utf-8") == before


def test_resolve_refuses_a_read_only_file_like_every_edit(conflicted: Path) -> None:
    path = conflicted / FILE
    before = path.read_bytes()
    path.chmod(0o444)
    result = run_cli(
        ["-C", str(conflicted), "resolve", "riverside-auto", "next.date", "--keep", "1", *TODAY]
    )
    assert result.exit_code == 2, result.stderr
    assert f"{FILE}: error: the file is read-only (mode 0444)" in result.stderr
    assert f"chmod u+w {FILE}" in result.stderr
    assert "nothing was written" in result.stderr
    assert path.read_bytes() == before


def test_resolve_by_number_keeps_a_removed_entry_removed(
    example_ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    base = (example_ws / FILE).read_text(encoding="utf-8")
    dana = (
        "  - name: Dana Ortiz\n    role: Service Manager\n"
        '    email: dortiz@riversideauto.example.com\n    phone: "555-0142"\n'
    )
    ours = base.replace(dana, "")  # jlee removed Dana
    theirs = base.replace(
        '    phone: "555-0142"\n', '    phone: "555-0199"\n'
    )  # mortiz changed her
    code, merged, err = driver(tmp_path, base, ours, theirs)
    assert code == 0 and "contacts[Dana Ortiz]" in err
    (example_ws / FILE).write_text(merged, encoding="utf-8")
    found = run_cli(["-C", str(example_ws), "validate", *TODAY])
    assert (
        "contacts[Dana Ortiz]: merge conflict: (none: removed) (author unknown, in place) "
        "or {name: Dana Ortiz" in found.stderr
    )
    assert 'partnerctl resolve riverside-auto "contacts[Dana Ortiz]" --keep 2)' in found.stderr
    kept = run_cli(
        [
            "-C",
            str(example_ws),
            "resolve",
            "riverside-auto",
            "contacts[Dana Ortiz]",
            "--keep",
            "2",
            *TODAY,
        ]
    )
    assert kept.exit_code == 0, kept.stderr
    text = (example_ws / FILE).read_text(encoding="utf-8")
    assert "name: Dana Ortiz" in text and "555-0199" in text and "conflicts" not in text


def test_a_side_with_a_yaml_error_is_merged_as_text_with_markers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: the text merge needs `git merge-file`")
    monkeypatch.chdir(tmp_path)
    base = "name: Acme\nstage: prospect\n"
    ours = "name: Acme\nstage: contacted\n"
    theirs = "name: Acme\nstage: [meeting\n"
    code, merged, err = driver(tmp_path, base, ours, theirs, "partners/acme.yaml")
    assert code == 1
    assert "merging partners/acme.yaml as text" in err
    assert "<<<<<<< ours" in merged and ">>>>>>> theirs" in merged


def test_a_file_that_is_not_a_workspace_file_is_merged_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: the text merge needs `git merge-file`")
    monkeypatch.chdir(tmp_path)
    code, merged, err = driver(tmp_path, "a\nb\n", "a\nb\nc\n", "z\na\nb\n", "notes/todo.txt")
    assert (code, merged) == (0, "z\na\nb\nc\n")
    assert "not a partner, event or settings file" in err


def test_a_file_with_a_conflict_passes_the_editors_json_schema(conflicted: Path) -> None:
    from tests.test_schema import load12, validator

    errors = [e.message for e in validator("partner").iter_errors(load12(conflicted / FILE))]
    assert errors == []
    broken = {"name": "A", "stage": "prospect", "conflicts": [{"key": "stage", "values": []}]}
    assert list(validator("partner").iter_errors(broken))  # two values at least
