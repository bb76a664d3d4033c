"""Finding the workspace root, and the data files inside it."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from partnerctl.errors import WorkspaceNotFound

SETTINGS_FILE = "partnerctl.yaml"
PARTNERS_DIR = "partners"
EVENTS_DIR = "events"
PLACEMENTS_DIR = "placements"
YAML_SUFFIXES = (".yaml", ".yml")
DIR_VARIABLE = "PARTNERCTL_DIR"
_HINT = "run `partnerctl init` to make one, or pass --dir"


def find_root(explicit: Path | None, cwd: Path, *, source: str | None = None) -> Path:
    """The workspace folder: `explicit` (--dir or PARTNERCTL_DIR), else the nearest upward.

    An explicit folder must hold partnerctl.yaml itself: guessing upward from a
    folder the user named would surprise them. `source` says where `explicit`
    came from, "--dir" or "PARTNERCTL_DIR", for the message; when None, it is
    PARTNERCTL_DIR if that variable holds this very path, else --dir.
    """
    if explicit is not None:
        folder = explicit if explicit.is_absolute() else cwd / explicit
        if source is None:
            from_env = os.environ.get(DIR_VARIABLE) or None
            source = (
                DIR_VARIABLE if from_env is not None and Path(from_env) == explicit else "--dir"
            )
        env = source == DIR_VARIABLE
        given = f"{DIR_VARIABLE}={explicit}" if env else f"{source} {explicit}"
        init = f"`partnerctl init {shlex.quote(str(explicit))}`"
        if not folder.is_dir():
            hint = f"fix or unset {DIR_VARIABLE}, or pass --dir" if env else "check the path"
            raise WorkspaceNotFound(f"{given}: no such folder", hint=f"{hint}; {init} makes one")
        if not (folder / SETTINGS_FILE).is_file():
            hint = (
                f"fix or unset {DIR_VARIABLE}, or pass --dir"
                if env
                else f"pass the folder that holds {SETTINGS_FILE}"
            )
            raise WorkspaceNotFound(
                f"{given}: not a partnerctl workspace (no {SETTINGS_FILE} there)",
                hint=f"{hint}; {init} makes one there",
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
