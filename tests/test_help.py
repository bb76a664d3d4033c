"""Every command documents itself: a one-line summary, an example, and a README mention."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
from tests.conftest import ROOT, run_cli


def command_paths() -> list[tuple[str, ...]]:
    """Every registered command, walking the click tree from partnerctl.cli.main.app."""
    from partnerctl.cli.main import app

    found: list[tuple[str, ...]] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        if hasattr(command, "commands"):
            for name, sub in sorted(command.commands.items()):
                if not sub.hidden:
                    walk(sub, (*path, name))
            if path:  # a group with its own help, such as `spotlight`
                found.append(path)
        else:
            found.append(path)

    walk(typer.main.get_command(app), ())
    return found


def test_the_tree_is_not_empty() -> None:
    paths = command_paths()
    assert ("report",) in paths and ("export",) in paths and ("import",) in paths


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p))
def test_help_has_summary_and_example(path: tuple[str, ...]) -> None:
    result = run_cli([*path, "--help"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    usage = next(i for i, line in enumerate(lines) if line.startswith("Usage:"))
    summary = next(line.strip() for line in lines[usage + 1 :] if line.strip())
    assert not summary.startswith(("Options", "Arguments", "Example")), f"no summary: {path}"
    assert len(summary) <= 100
    assert "Example:" in result.stdout
    example = result.stdout.split("Example:", 1)[1].strip().splitlines()[0]
    assert example.startswith("partnerctl " + path[0]), example
    # Values are named in words (`--name NAME`), never as Python types (`<list[str]>`).
    assert not re.search(r"<(str|int|float|bool|list|path|[a-z]+ range)\b", result.stdout), (
        result.stdout
    )


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p))
def test_readme_mentions_command(path: tuple[str, ...]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"partnerctl {' '.join(path)}" in readme
