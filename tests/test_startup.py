"""Start-up is a feature: `--help` and `--version` must not import the heavy modules.

Each check runs in a fresh interpreter (a subprocess), calls the console
script's `partnerctl.cli.entry.main([...])` and reports `sys.modules` as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# What partnerctl itself must not pull in before a command really runs: the
# YAML parser, date rules, iCalendar, Rich's tables, and partnerctl's own
# model (pydantic models), loader, rules and renderers.
PARTNERCTL_HEAVY = (
    "yaml",
    "ruamel",
    "dateutil",
    "icalendar",
    "rich.table",
    "partnerctl.model",
    "partnerctl.workspace",
    "partnerctl.core",
    "partnerctl.render",
)
# Typer 0.29 imports pydantic (typer._adapters) as soon as it converts a
# command's parameters, so `partnerctl due --help` pays for pydantic in any
# Typer app, the yardstick included. The root `--help` and `--version` do not
# reach that code: there pydantic must not be loaded either.
ROOT_HEAVY = (*PARTNERCTL_HEAVY, "pydantic")

PROBE = r"""
import contextlib, io, json, sys
from partnerctl.cli.entry import main
runs = json.loads(sys.argv[1])
if runs == "every-command":
    import typer.main
    from partnerctl.cli.main import app
    runs = [[name, "--help"] for name in sorted(typer.main.get_command(app).commands)]
report = []
for args in runs:
    out, err = io.StringIO(), io.StringIO()
    code = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
        except SystemExit as done:
            code = done.code
    report.append({"args": args, "code": code, "stdout": out.getvalue(), "stderr": err.getvalue(),
                   "modules": sorted(sys.modules)})
print(json.dumps(report))
"""


def probe(runs: object) -> list[dict[str, object]]:
    """Run partnerctl in a fresh interpreter; each run's exit code, output and modules."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTNERCTL_")}
    env.update({"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"})
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(runs)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: list[dict[str, object]] = json.loads(done.stdout)
    return report


def loaded(modules: object, heavy: tuple[str, ...]) -> list[str]:
    """The modules of `modules` that are, or are inside, one of `heavy`."""
    assert isinstance(modules, list)
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in heavy))


@pytest.mark.parametrize("args", [["--help"], ["--version"]], ids=["help", "version"])
def test_root_help_and_version_import_nothing_heavy(args: list[str]) -> None:
    (run,) = probe([args])
    assert run["code"] == 0
    assert "partnerctl" in str(run["stdout"])
    assert loaded(run["modules"], ROOT_HEAVY) == []


def test_every_command_help_imports_nothing_heavy() -> None:
    runs = probe("every-command")
    assert len(runs) > 0
    culprits = {
        " ".join(map(str, run["args"])): loaded(run["modules"], PARTNERCTL_HEAVY)  # type: ignore[call-overload]
        for run in runs
    }
    # sys.modules only grows within the process: the first command listed here
    # is the one whose help (or module) imports the heavy module.
    assert {args: mods for args, mods in culprits.items() if mods} == {}
    assert all(run["code"] == 0 for run in runs)


def test_the_entry_point_knows_the_module_of_every_command() -> None:
    import typer.main

    from partnerctl.cli.entry import COMMAND_MODULES
    from partnerctl.cli.main import app

    assert sorted(typer.main.get_command(app).commands) == sorted(COMMAND_MODULES)  # type: ignore[attr-defined]
    owners = {
        (c.name or c.callback.__name__): c.callback.__module__ for c in app.registered_commands
    }  # type: ignore[union-attr]
    for group in app.registered_groups:
        (first, *_) = group.typer_instance.registered_commands  # type: ignore[union-attr]
        owners[str(group.name)] = first.callback.__module__  # type: ignore[union-attr]
    assert owners == {name: f"partnerctl.cli.{module}" for name, module in COMMAND_MODULES.items()}


def test_a_command_registers_only_its_own_module() -> None:
    (run,) = probe([["due", "--help"]])
    assert run["code"] == 0
    cli_modules = [m for m in run["modules"] if m.startswith("partnerctl.cli.")]  # type: ignore[attr-defined]
    assert sorted(cli_modules) == [
        "partnerctl.cli.app",
        "partnerctl.cli.complete",
        "partnerctl.cli.due",
        "partnerctl.cli.entry",
        "partnerctl.cli.invocation",
        "partnerctl.cli.streams",
    ]


def test_a_mistyped_command_still_gets_the_suggestion() -> None:
    (run,) = probe([["dew"]])
    assert run["code"] == 2
    assert "due" in str(run["stderr"])
