"""The app with every command module registered (tests, help, completion).

The console script is `partnerctl.cli.entry`, which registers only the command
that runs; `main` here runs the app with all of them.
"""

from __future__ import annotations

import sys

# Each module registers its commands on `app` when imported. They import only
# Typer at module level; everything heavy is imported inside the commands.
from partnerctl.cli import (  # noqa: F401  (imported for their commands)
    advisory,
    draft,
    due,
    edits,
    exchange,
    init,
    listing,
    log,
    merge,
    outreach,
    pitch,
    placement,
    record,
    report,
    schema,
    spotlight,
    sync,
    validate,
)
from partnerctl.cli.app import app


def main(argv: list[str] | None = None) -> None:
    """Run partnerctl with `argv` (default: the process's arguments)."""
    app(args=argv if argv is not None else sys.argv[1:], prog_name="partnerctl")
