"""Shell completion of partner and placement ids: file names only, so a Tab press stays instant.

Attach to an ID argument with
`typer.Argument(autocompletion=complete_partner_id)`. The workspace is found
as everywhere (--dir/-C on the line being completed, else PARTNERCTL_DIR,
else upward from the current folder); no YAML is read.
"""

from __future__ import annotations

import os
from pathlib import Path


def _workspace_root() -> Path | None:
    from partnerctl.cli.app import state
    from partnerctl.errors import PartnerctlError
    from partnerctl.workspace.discover import find_root

    given = state().dir
    if given is None:
        given = os.environ.get("PARTNERCTL_DIR") or None
    try:
        return find_root(Path(given).expanduser() if given else None, Path.cwd())
    except (PartnerctlError, OSError):
        return None


def _ids_in(folder: str, incomplete: str) -> list[str]:
    """The stems of the YAML files in a workspace folder that start with `incomplete`."""
    from partnerctl.workspace.discover import YAML_SUFFIXES

    root = _workspace_root()
    if root is None:
        return []
    try:
        entries = list(os.scandir(root / folder))
    except OSError:
        return []
    ids = {
        stem
        for entry in entries
        for stem, suffix in [os.path.splitext(entry.name)]
        if suffix in YAML_SUFFIXES and stem.startswith(incomplete) and not stem.startswith(".")
    }
    return sorted(ids)


def complete_partner_id(incomplete: str) -> list[str]:
    """The partner ids (stems of partners/*.yaml and *.yml) that start with `incomplete`."""
    from partnerctl.workspace.discover import PARTNERS_DIR

    return _ids_in(PARTNERS_DIR, incomplete)


def complete_placement_id(incomplete: str) -> list[str]:
    """The placement ids (stems of placements/*.yaml and *.yml) that start with `incomplete`."""
    from partnerctl.workspace.discover import PLACEMENTS_DIR

    return _ids_in(PLACEMENTS_DIR, incomplete)
