"""Who is at the keyboard, per person (DESIGN, "Working as a team").

- The owner id partnerctl writes as `by:` and `--mine` means:
  `PARTNERCTL_OWNER`, else this clone's `git config partnerctl.me`, else
  `me:` in partnerctl.yaml (a one-person workspace). A value that is not one
  of the settings' `owners` (when that list is set) is a usage error naming
  where it came from.
- The From address of drafts: `--from`, else PARTNERCTL_FROM, else this
  clone's `git config user.email` (with `user.name`), and only then `from:`
  in the shared partnerctl.yaml.

The per-person sources come first, so a shared settings file never decides
who someone is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from partnerctl.errors import UsageError
from partnerctl.words import did_you_mean

if TYPE_CHECKING:
    from partnerctl.records import SettingsRec

HOW_TO_SET = (
    "set PARTNERCTL_OWNER=yourname, or run `git config partnerctl.me yourname` in this clone, "
    "or put `me: yourname` in partnerctl.yaml"
)


GIT_TIMEOUT_SECONDS = 5
ADDRESS_EXAMPLE = 'for example "Jordan Lee <jlee@example.org>" or jlee@example.org'
NO_SENDER = (
    "give --from, set PARTNERCTL_FROM, set git's user.email in this workspace, "
    "or add `from:` to partnerctl.yaml"
)


@dataclass(frozen=True)
class Sender:
    """A From: its name (may be empty), its address (None when none is known) and its source."""

    name: str
    address: str | None
    source: str | None
    problem: str | None = None  # why the source's text is not an address


def git_config(root: Path, key: str) -> str | None:
    """`git config --get KEY` run in the workspace folder; None when git or the key is missing.

    Local to the computer: git reads its config files and opens no connection.
    """
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(
            [git, "config", "--get", key],
            cwd=root,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = done.stdout.decode("utf-8", "replace").strip()
    return value if done.returncode == 0 and value else None


def _parsed(text: str, source: str) -> Sender:
    from partnerctl.records import split_address

    found = split_address(text)
    if found is None:
        return Sender("", None, source, f"{source}: {text!r} is not an email address")
    return Sender(found[0], found[1], source)


def draft_sender(option: str | None, settings: SettingsRec, root: Path) -> Sender:
    """The From of a draft, by DESIGN's order; a bad --from or PARTNERCTL_FROM is a usage error.

    A git user.email that is not an address is kept as a problem: it matters
    only to a draft that needs a From (an .eml file).
    """
    if option is not None:
        given = _parsed(option, "--from")
        if given.problem:
            raise UsageError(given.problem, hint=ADDRESS_EXAMPLE)
        return given
    env = os.environ.get("PARTNERCTL_FROM", "").strip()
    if env:
        given = _parsed(env, "PARTNERCTL_FROM")
        if given.problem:
            raise UsageError(given.problem, hint=ADDRESS_EXAMPLE)
        return given
    email = git_config(root, "user.email")
    if email:
        name = git_config(root, "user.name") or ""
        found = _parsed(email, "git config user.email")
        return Sender(name, found.address, found.source, found.problem)
    if settings["from"]:
        return _parsed(settings["from"], "partnerctl.yaml `from`")
    return Sender("", None, None)


def require_address(sender: Sender) -> tuple[str, str]:
    """(name, address) of the From an .eml file needs, else the error saying how to set one."""
    if sender.address is None:
        if sender.problem:
            raise UsageError(sender.problem, hint=f"an .eml draft needs a From: {NO_SENDER}")
        raise UsageError("an .eml draft needs a From address", hint=NO_SENDER)
    return sender.name, sender.address


def me(settings: SettingsRec, root: Path) -> tuple[str | None, str]:
    """The owner id of whoever runs partnerctl, and where it was found; (None, "") if nowhere."""
    found = os.environ.get("PARTNERCTL_OWNER", "").strip()
    where = "PARTNERCTL_OWNER"
    if not found:
        found, where = git_config(root, "partnerctl.me") or "", "git config partnerctl.me"
    if not found:
        found, where = (settings["me"] or "").strip(), "`me` in partnerctl.yaml"
    if not found:
        return None, ""
    owners = settings["owners"]
    if owners and found not in owners:
        raise UsageError(
            f"{where}: {found!r} is not one of partnerctl.yaml's owners",
            hint=did_you_mean(found, owners) or f"add {found} to `owners` in partnerctl.yaml",
        )
    return found, where


def author(settings: SettingsRec, root: Path) -> str | None:
    """The `by:` of what partnerctl writes now, or None when nobody is known."""
    return me(settings, root)[0]
