"""The program's own draft templates: `templates/KIND.txt` in the workspace (DESIGN).

Read as every workspace file is (UTF-8, with or without a BOM, at most
MAX_FILE_BYTES); a file that is close to the name but not it (`Intro.txt`,
`thank_you.txt`, `intro.md`) is named in a warning, since partnerctl would
otherwise use its own template without a word.
"""

from __future__ import annotations

import os
from pathlib import Path

from partnerctl.errors import DataError, Problem
from partnerctl.workspace.hazards import decode

TEMPLATES_DIR = "templates"
TEMPLATE_SUFFIX = ".txt"


def template_file(kind: str) -> str:
    """`templates/KIND.txt`, as messages name it."""
    return f"{TEMPLATES_DIR}/{kind}{TEMPLATE_SUFFIX}"


def read_draft_template(root: Path, kind: str) -> tuple[str, str] | None:
    """(file, text) of `templates/KIND.txt`, None when the workspace has none.

    A file that cannot be read or is not UTF-8 is a DataError naming it.
    """
    shown = template_file(kind)
    try:
        raw = (root / shown).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        why = err.strerror or type(err).__name__
        raise DataError(
            found=[Problem(shown, None, None, None, f"cannot read it: {why}", hint=None)]
        ) from None
    text, problems = decode(raw, shown)
    if text is None:
        raise DataError(found=problems)
    return shown, text


def stray_templates(root: Path, kind: str) -> list[Problem]:
    """Warnings for files in templates/ that look meant as KIND's template but are not named so."""
    try:
        names = sorted(entry.name for entry in os.scandir(root / TEMPLATES_DIR))
    except OSError:
        return []
    wanted = f"{kind}{TEMPLATE_SUFFIX}"
    found = []
    for name in names:
        stem = os.path.splitext(name)[0]
        if name != wanted and stem.casefold().replace("_", "-").replace(" ", "-") == kind:
            found.append(
                Problem(
                    f"{TEMPLATES_DIR}/{name}",
                    None,
                    None,
                    None,
                    f"not used: the {kind} template is {template_file(kind)}",
                    hint=f"rename it to {wanted}",
                    severity="warning",
                )
            )
    return found
