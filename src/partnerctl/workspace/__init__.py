"""Find, load (with located errors), cache, lock and edit workspace files.

The names below are imported on first use (a module ``__getattr__``), so that
importing one light submodule (the cache, discover) does not pull in the
loader and, through it, the YAML parser and the pydantic models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from partnerctl.workspace.discover import SETTINGS_FILE, find_root
    from partnerctl.workspace.load import load_workspace
    from partnerctl.workspace.loaded import Workspace

__all__ = ["SETTINGS_FILE", "Workspace", "find_root", "load_workspace"]

_HOMES = {
    "SETTINGS_FILE": "partnerctl.workspace.discover",
    "find_root": "partnerctl.workspace.discover",
    "load_workspace": "partnerctl.workspace.load",
    "Workspace": "partnerctl.workspace.loaded",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
