"""Print pip constraints that pin each dependency of pyproject.toml to its floor.

`dependencies = ["typer>=0.16", ...]` gives `typer==0.16`: installed with
`pip install -c`, the lowest versions partnerctl allows, so that CI proves
the floors it promises (pip itself has no "lowest" resolution).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*>=\s*([0-9][^,;\s]*)")


def floors(pyproject: Path) -> list[str]:
    """`name==floor` for every dependency with a `>=` floor (in the file's order)."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    pins: list[str] = []
    for requirement in project["dependencies"]:
        found = FLOOR.match(requirement)
        if found is None:
            raise SystemExit(f"{requirement!r} has no `>=` floor: give it one")
        pins.append(f"{found.group(1)}=={found.group(2)}")
    return pins


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    print("\n".join(floors(root / "pyproject.toml")))
