"""Who is at the keyboard: the owner id that partnerctl writes as `by:` and `--mine` means.

DESIGN, "Working as a team": `PARTNERCTL_OWNER`, else this clone's
`git config partnerctl.me`, else `me:` in partnerctl.yaml (a one-person
workspace). The first two are per person, so a shared settings file never
decides who someone is. A value that is not one of the settings' `owners`
(when that list is set) is a usage error naming where it came from.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from partnerctl.errors import UsageError
from partnerctl.records import SettingsRec
from partnerctl.words import did_you_mean

HOW_TO_SET = (
    "set PARTNERCTL_OWNER=yourname, or run `git config partnerctl.me yourname` in this clone, "
    "or put `me: yourname` in partnerctl.yaml"
)


def git_config(root: Path, key: str) -> str | None:
    """`git config --get KEY` run in `root`, or None (no git, not set, or any failure)."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "config", "--get", key],
            capture_output=True,
            text=True,
            timeout=10,
            env=env,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = done.stdout.strip()
    return value if done.returncode == 0 and value else None


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
