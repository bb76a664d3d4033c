"""The console script: registers only the command that runs, then runs it.

Building every command costs Typer more than running a small one, so
`partnerctl due` imports `cli/due.py` alone. Anything else (no command, a
root option such as `--help`, an unknown or mistyped name, shell completion)
registers every command, as `partnerctl.cli.main` does.
"""

from __future__ import annotations

import importlib
import os
import sys

# Each command's name and the module under partnerctl.cli that registers it.
# tests/test_startup.py checks this against the commands the modules register.
COMMAND_MODULES = {
    "due": "due",
    "log": "log",
    "add": "log",
    "snooze": "edits",
    "contact": "edits",
    "stage": "edits",
    "reassign": "edits",
    "show": "listing",
    "list": "listing",
    "prospects": "outreach",
    "plan": "outreach",
    "calendar": "outreach",
    "pitch": "pitch",
    "spotlight": "spotlight",
    "placement": "placement",
    "advisory": "advisory",
    "report": "report",
    "export": "exchange",
    "import": "exchange",
    "init": "init",
    "validate": "validate",
    "schema": "schema",
}


def command_name(argv: list[str]) -> str | None:
    """The command `argv` runs, when that is certain without registering them all."""
    from partnerctl.cli.app import split_global_options

    try:
        _, rest = split_global_options(list(argv))
    except Exception:  # a usage error: the full app reports it
        return None
    if not rest or rest[0].startswith("-"):
        return None
    return rest[0] if rest[0] in COMMAND_MODULES else None


def modules_for(argv: list[str]) -> list[str]:
    """The modules under partnerctl.cli to import before running `argv`."""
    completing = any(key.endswith("_COMPLETE") for key in os.environ if key.startswith("_"))
    name = None if completing else command_name(argv)
    if name is None:
        return sorted(set(COMMAND_MODULES.values()))
    return [COMMAND_MODULES[name]]


def main(argv: list[str] | None = None) -> None:
    """Run partnerctl with `argv` (default: the process's arguments)."""
    args = argv if argv is not None else sys.argv[1:]
    for module in modules_for(args):
        importlib.import_module(f"partnerctl.cli.{module}")
    from partnerctl.cli.app import app

    app(args=args, prog_name="partnerctl")
