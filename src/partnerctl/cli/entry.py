"""The console script: registers only the command that runs, then runs it.

Building every command costs Typer more than running a small one, so
`partnerctl due` imports `cli/due.py` alone. Anything else (no command, a
root option such as `--help`, an unknown or mistyped name, shell completion)
registers every command, as `partnerctl.cli.main` does.
"""

from __future__ import annotations

import importlib
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
    "set": "record",
    "need": "record",
    "opening": "record",
    "tag": "record",
    "pathway": "record",
    "research": "record",
    "busy-season": "record",
    "offer": "record",
    "agreement": "record",
    "show": "listing",
    "list": "listing",
    "prospects": "outreach",
    "plan": "outreach",
    "calendar": "outreach",
    "pitch": "pitch",
    "draft": "draft",
    "spotlight": "spotlight",
    "placement": "placement",
    "advisory": "advisory",
    "report": "report",
    "export": "exchange",
    "import": "exchange",
    "init": "init",
    "validate": "validate",
    "schema": "schema",
    "resolve": "merge",
    "merge-file": "merge",
    "sync": "sync",
    "join": "sync",
}


def command_name(argv: list[str]) -> str | None:
    """The command `argv` runs, when that is certain without registering them all.

    Only the global options (and their values) may stand before a command's
    name; anything else there (`--help`, `--version`, a typo) registers every
    command, and Click then parses the line as it does for any command.
    """
    from partnerctl.cli.app import GLOBAL_FLAG_OPTIONS, GLOBAL_VALUE_OPTIONS

    index = 0
    while index < len(argv):
        arg = argv[index]
        name = arg.partition("=")[0]
        if arg in GLOBAL_VALUE_OPTIONS:
            index += 2
        elif arg in GLOBAL_FLAG_OPTIONS or (name in GLOBAL_VALUE_OPTIONS and "=" in arg):
            index += 1
        elif arg.startswith("-C") and not arg.startswith("--"):
            index += 1  # -CPATH
        else:
            break
    if index >= len(argv) or argv[index].startswith("-"):
        return None
    return argv[index] if argv[index] in COMMAND_MODULES else None


def modules_for(argv: list[str]) -> list[str]:
    """The modules under partnerctl.cli to import before running `argv`."""
    from partnerctl.cli.invocation import completing

    name = None if completing() else command_name(argv)
    if name is None:
        return sorted(set(COMMAND_MODULES.values()))
    return [COMMAND_MODULES[name]]


def main(argv: list[str] | None = None) -> None:
    """Run partnerctl with `argv` (default: the process's arguments)."""
    args = argv if argv is not None else sys.argv[1:]
    try:
        for module in modules_for(args):
            importlib.import_module(f"partnerctl.cli.{module}")
        from partnerctl.cli.app import app
    except Exception as err:  # a broken install: still DESIGN's exit 3, never a bare traceback
        from partnerctl.cli.invocation import report_bug

        sys.exit(report_bug(err))
    app(args=args, prog_name="partnerctl")
