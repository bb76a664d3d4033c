"""Shell completion: partner, placement and event ids, stages, owners, pathways, formats, dates.

Attach to an option or argument with `autocompletion=complete_…`. The
workspace is found as everywhere (--dir/-C on the line being completed, else
PARTNERCTL_DIR, else upward from the current folder). A Tab press stays
quick: partner ids are file names (no YAML read); owners, pathways and event
ids come from a plain parse of partnerctl.yaml and events/ (no validation).
Completion never fails: anything unreadable completes nothing, so that the
shell never shows an error while the user types.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

_Completer = TypeVar("_Completer", bound=Callable[..., list[str]])


def never_fails(completer: _Completer) -> _Completer:
    """Wrap a completer so that any error completes nothing (the shell shows no traceback)."""
    import functools

    @functools.wraps(completer)
    def safe(*args: Any, **kwargs: Any) -> list[str]:
        try:
            return completer(*args, **kwargs)
        except Exception:
            return []

    return safe  # type: ignore[return-value]


def _matching(choices: Iterable[str], incomplete: str) -> list[str]:
    """The choices that start with `incomplete`, in their order, without repeats."""
    return list(dict.fromkeys(c for c in choices if c.startswith(incomplete)))


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


def _yaml_data(path: Path) -> Any:
    """A YAML file's data read as partnerctl reads it (every scalar text), or None."""
    from partnerctl.workspace.hazards import decode
    from partnerctl.workspace.yamlio import parse_yaml

    text, _problems = decode(path.read_bytes(), path.name)
    return None if text is None else parse_yaml(text, path.name).data


def _yaml_files(folder: Path) -> list[Path]:
    from partnerctl.workspace.discover import YAML_SUFFIXES

    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return sorted(
        Path(entry.path)
        for entry in entries
        if entry.name.endswith(YAML_SUFFIXES) and not entry.name.startswith(".")
    )


def _ids_in(folder: str, incomplete: str) -> list[str]:
    """The stems of a workspace folder's YAML files that start with `incomplete`."""
    root = _workspace_root()
    if root is None:
        return []
    ids = {path.stem for path in _yaml_files(root / folder)}
    return sorted(i for i in ids if i.startswith(incomplete))


@never_fails
def complete_partner_id(incomplete: str) -> list[str]:
    """The partner ids (stems of partners/*.yaml and *.yml) that start with `incomplete`."""
    from partnerctl.workspace.discover import PARTNERS_DIR

    return _ids_in(PARTNERS_DIR, incomplete)


@never_fails
def complete_placement_id(incomplete: str) -> list[str]:
    """The placement ids (stems of placements/*.yaml and *.yml) that start with `incomplete`."""
    from partnerctl.workspace.discover import PLACEMENTS_DIR

    return _ids_in(PLACEMENTS_DIR, incomplete)


@never_fails
def complete_event_id(incomplete: str) -> list[str]:
    """The event ids of events/*.yaml that start with `incomplete`."""
    from partnerctl.workspace.discover import EVENTS_DIR

    root = _workspace_root()
    if root is None:
        return []
    ids: set[str] = set()
    for path in _yaml_files(root / EVENTS_DIR):
        try:
            data = _yaml_data(path)
        except OSError:
            continue
        events = data.get("events") if isinstance(data, dict) else None
        for event in events if isinstance(events, list) else []:
            if isinstance(event, dict) and isinstance(event.get("id"), str):
                ids.add(event["id"])
    return sorted(i for i in ids if i.startswith(incomplete))


def _settings() -> dict[str, Any]:
    from partnerctl.workspace.discover import SETTINGS_FILE

    root = _workspace_root()
    if root is None:
        return {}
    data = _yaml_data(root / SETTINGS_FILE)
    return data if isinstance(data, dict) else {}


@never_fails
def complete_owner(incomplete: str) -> list[str]:
    """The owners listed in partnerctl.yaml that start with `incomplete`."""
    owners = _settings().get("owners")
    return _matching((o for o in owners if isinstance(o, str)), incomplete) if owners else []


@never_fails
def complete_pathway(incomplete: str) -> list[str]:
    """The pathway ids of partnerctl.yaml that start with `incomplete`."""
    pathways = _settings().get("pathways") or []
    ids = (p["id"] for p in pathways if isinstance(p, dict) and isinstance(p.get("id"), str))
    return _matching(ids, incomplete)


@never_fails
def complete_stage(incomplete: str) -> list[str]:
    """The stages, in DESIGN's order, that start with `incomplete`."""
    from partnerctl.records import STAGES

    return _matching(STAGES, incomplete.lower())


@never_fails
def complete_channel(incomplete: str) -> list[str]:
    """The channels (email, phone, …) that start with `incomplete`."""
    from partnerctl.records import CHANNELS

    return _matching(CHANNELS, incomplete.lower())


@never_fails
def complete_outcome(incomplete: str) -> list[str]:
    """The outcomes (no-reply, replied, …) that start with `incomplete`."""
    from partnerctl.records import OUTCOMES

    return _matching(OUTCOMES, incomplete.lower())


@never_fails
def complete_date(incomplete: str) -> list[str]:
    """The command-line date shorthand (DESIGN's) that starts with `incomplete`.

    Every word offered is one that `dates.parse_cli_date` reads; an ISO date
    is left to the user.
    """
    from partnerctl.dates import DATE_SHORTHAND

    return _matching(DATE_SHORTHAND, incomplete.lower())


@never_fails
def complete_format(ctx: Any, incomplete: str) -> list[str]:
    """The formats of the command being completed (all of them before a command's name)."""
    from partnerctl.cli.app import COMMAND_FORMATS, WRITE_FORMATS, formats_of

    command = getattr(getattr(ctx, "command", None), "name", None)
    if isinstance(command, str) and getattr(ctx, "parent", None) is not None:
        formats: Iterable[str] = formats_of(command)
    else:
        formats = sorted({f for known in (WRITE_FORMATS, *COMMAND_FORMATS.values()) for f in known})
    return _matching(formats, incomplete.lower())
