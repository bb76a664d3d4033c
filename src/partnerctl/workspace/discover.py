"""Finding the workspace root, and the data files inside it."""

from __future__ import annotations

import os
from pathlib import Path

from partnerctl.errors import WorkspaceNotFound

SETTINGS_FILE = "partnerctl.yaml"
PARTNERS_DIR = "partners"
EVENTS_DIR = "events"
YAML_SUFFIXES = (".yaml", ".yml")
_HINT = "run `partnerctl init` to make one, or pass --dir"


def find_root(explicit: Path | None, cwd: Path) -> Path:
    """The workspace folder: `explicit` (--dir or PARTNERCTL_DIR), else the nearest upward.

    An explicit folder must hold partnerctl.yaml itself: guessing upward from a
    folder the user named would surprise them.
    """
    if explicit is not None:
        folder = explicit if explicit.is_absolute() else cwd / explicit
        if not folder.is_dir():
            raise WorkspaceNotFound(f"{explicit}: no such folder", hint=_HINT)
        if not (folder / SETTINGS_FILE).is_file():
            raise WorkspaceNotFound(
                f"{explicit}: not a partnerctl workspace (no {SETTINGS_FILE} there)", hint=_HINT
            )
        return folder
    start = cwd.absolute()
    for folder in (start, *start.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise WorkspaceNotFound(f"no {SETTINGS_FILE} in {start} or any folder above it", hint=_HINT)


def relative_name(root: Path, path: Path) -> str:
    """`path` relative to the workspace root, with `/`, for messages and records."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def data_entries(root: Path, folder: str) -> tuple[list[os.DirEntry[str]], list[str]]:
    """The YAML files directly in root/folder (sorted by name) and the names of other files.

    One `os.scandir`: no stat per file just to list it (the loader stats each
    file once, for the record cache's key). A missing folder holds nothing;
    a folder that cannot be read raises OSError.
    """
    try:
        with os.scandir(root / folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError):
        return [], []
    yaml_files: list[os.DirEntry[str]] = []
    others: list[str] = []
    for entry in entries:
        name = entry.name
        if name.startswith(".") or not entry.is_file():
            continue
        if name.endswith(YAML_SUFFIXES):
            yaml_files.append(entry)
        elif not name.endswith("~"):
            others.append(name)
    return yaml_files, others


def data_files(root: Path, folder: str) -> tuple[list[Path], list[Path]]:
    """The YAML files directly in root/folder, sorted, and the other files found there."""
    yaml_files, others = data_entries(root, folder)
    base = root / folder
    return [base / entry.name for entry in yaml_files], [base / name for name in others]
