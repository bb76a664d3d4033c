"""`partnerctl init`: a workspace that validates, teaches the format, and refuses to overwrite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from partnerctl.cli.init import school_year, workspace_files

TODAY = {"PARTNERCTL_TODAY": "2026-11-24"}


def test_init_then_validate_is_clean(tmp_path: Path) -> None:
    target = tmp_path / "riverside-high"
    result = run_cli(["init", str(target), "--today", "2026-11-24"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == (
        f"Created a partnerctl workspace in {target}:\n"
        "  partnerctl.yaml\n"
        "  partners/example-auto.yaml\n"
        "  events/2026-27.yaml\n"
        "  .partnerctl/schema/settings.schema.json\n"
        "  .partnerctl/schema/partner.schema.json\n"
        "  .partnerctl/schema/event.schema.json\n"
        "  .partnerctl/schema/placement.schema.json\n"
        "  .gitignore\n"
        "Next steps:\n"
        f"  cd {target}\n"
        "  edit partnerctl.yaml (your program and pathways) and the example partner\n"
        "  partnerctl validate\n"
        "  partnerctl due\n"
    )
    checked = run_cli(["validate", "-C", str(target)], env=TODAY)
    assert (checked.exit_code, checked.stdout, checked.stderr) == (0, "", "")
    schema = json.loads((target / ".partnerctl/schema/partner.schema.json").read_text())
    assert "stage" in schema["properties"]
    settings = (target / "partnerctl.yaml").read_text()
    assert settings.startswith(
        "# yaml-language-server: $schema=.partnerctl/schema/settings.schema.json\n"
    )
    assert "program: Riverside High CTE\n" in settings
    partner = (target / "partners" / "example-auto.yaml").read_text()
    assert partner.startswith("# yaml-language-server: $schema=../.partnerctl/schema/partner")
    assert "  date: 2026-12-01\n" in partner  # next: a week after today
    events = (target / "events" / "2026-27.yaml").read_text()
    assert "    date: 2026-12-03                  # the first occurrence\n" in events
    assert (target / ".gitignore").read_text() == (
        "# partnerctl's write lock, write journal and temporary files\n"
        ".partnerctl.lock\n.partnerctl.journal\n.*.tmp\n"
    )


def test_init_in_the_current_folder_with_a_readme_and_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "README.md").write_text("ours\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.bak")
    monkeypatch.chdir(tmp_path)
    result = run_cli(["init", "--program", "Lakeside: CTE #1"], env=TODAY)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-5:] == [
        "  .gitignore (added .partnerctl.lock, .partnerctl.journal, .*.tmp)",
        "Next steps:",
        "  edit partnerctl.yaml (your program and pathways) and the example partner",
        "  partnerctl validate",
        "  partnerctl due",
    ]
    assert (tmp_path / ".gitignore").read_text() == (
        "*.bak\n.partnerctl.lock\n.partnerctl.journal\n.*.tmp\n"
    )
    assert 'program: "Lakeside: CTE #1"\n' in (tmp_path / "partnerctl.yaml").read_text()
    assert run_cli(["validate"], env=TODAY).exit_code == 0


@pytest.mark.parametrize("existing", ["partnerctl.yaml", "partners", "events"])
def test_init_refuses_a_workspace(tmp_path: Path, existing: str) -> None:
    if existing == "partnerctl.yaml":
        (tmp_path / existing).write_text("program: Mine\n")
    else:
        (tmp_path / existing).mkdir()
    result = run_cli(["init", str(tmp_path)], env=TODAY)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {tmp_path} already holds {existing}: init makes a new workspace only "
        "(choose an empty folder, or run `partnerctl validate` to use this one)\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing]


def test_init_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    result = run_cli(["init", str(tmp_path / "notes.txt")], env=TODAY)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {tmp_path / 'notes.txt'} is a file, not a folder\n",
    )


@pytest.mark.parametrize(
    ("day", "year"),
    [("2026-07-01", "2026-27"), ("2027-06-30", "2026-27"), ("2026-06-15", "2025-26")],
)
def test_files_validate_on_any_day_of_the_year(tmp_path: Path, day: str, year: str) -> None:
    from datetime import date

    from partnerctl.workspace.load import load_workspace

    files = workspace_files("Test", date.fromisoformat(day))
    assert school_year(date.fromisoformat(day)) == year
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    loaded = load_workspace(tmp_path)
    assert loaded.problems == []
    assert list(loaded.partners) == ["example-auto"]
    assert [e["id"] for e in loaded.events] == ["chamber-breakfast"]
