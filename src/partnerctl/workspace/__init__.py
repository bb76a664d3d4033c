"""Find, load (with located errors), cache, lock and edit workspace files."""

from partnerctl.workspace.discover import SETTINGS_FILE, find_root
from partnerctl.workspace.load import load_workspace
from partnerctl.workspace.loaded import Workspace

__all__ = ["SETTINGS_FILE", "Workspace", "find_root", "load_workspace"]
