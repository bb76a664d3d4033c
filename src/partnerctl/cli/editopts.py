"""What the editing commands share: their context, `--dry-run`, and how they print.

They read only the settings and the files they touch, never the whole
workspace: :func:`write_context` checks --format, finds the root, loads the
settings and works out "today" from them. Each command turns its arguments
into core rules (:mod:`partnerctl.core.change`); :func:`run_changes` applies
them through the one write path and prints what they did, as sentences or,
with `--format json`, as the changes themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from partnerctl.cli.app import WRITE_FORMATS, state
from partnerctl.cli.complete import complete_partner_id
from partnerctl.errors import DataError, Problem, nothing_written

if TYPE_CHECKING:
    from partnerctl.core.change import Change
    from partnerctl.model import SettingsRec
    from partnerctl.workspace import Workspace
    from partnerctl.workspace.edit import Planner
    from partnerctl.workspace.filekinds import FileKind

DRY_RUN_HELP = "Show what would change; write nothing."


def dry_run_option() -> Any:
    """The `--dry-run` option every editing command has: `DryRun`."""
    return typer.Option("--dry-run", help=DRY_RUN_HELP)


# The arguments and options the editing commands share, declared once.
PartnerArg = Annotated[
    str,
    typer.Argument(metavar="ID", help="The partner's id.", autocompletion=complete_partner_id),
]
DryRun = Annotated[bool, dry_run_option()]


@dataclass(frozen=True)
class WriteContext:
    """The workspace root, its settings, today and the output format, for one editing command."""

    root: Path
    settings: SettingsRec
    today: date
    format: str = "plain"


def write_context() -> WriteContext:
    """Root, settings and today, reading partnerctl.yaml alone (a bad --format: usage error)."""
    from partnerctl.workspace.edit import settings_for_write

    current = state()
    fmt = current.output_format(WRITE_FORMATS)
    root = current.root()
    settings = settings_for_write(root)
    today = current.today(settings)  # their timezone: partnerctl.yaml is not read again
    return WriteContext(root, settings, today, fmt)


def refuse_partial_workspace(workspace: Workspace) -> None:
    """Refuse a write meant for every partner while some file has errors (they are above)."""
    if not workspace.errors:
        return
    partners = any((p.file or "").startswith("partners/") for p in workspace.errors)
    which = "some partner files have" if partners else "some files have"
    why = f"{which} errors (above); fix them so no partner is missed"
    raise DataError(found=[nothing_written(why, None)])


def run_changes(
    ctx: WriteContext,
    plans: Mapping[str, Planner],
    *,
    creates: Iterable[Change] = (),
    dry_run: bool = False,
    before: Iterable[str] = (),
    after: Iterable[str] = (),
    kind: FileKind | None = None,
) -> list[Change]:
    """Apply the rules through the one write path, then print what they did.

    `before` and `after` are lines of the command's own around the changes'
    sentences (a summary line, say). Validate's warnings that the new texts
    have and the old did not go to stderr. `kind` is the kind of file the
    ids name (partners when None).
    """
    from partnerctl.workspace.edit import apply_changes
    from partnerctl.workspace.filekinds import PARTNER

    warnings: list[Problem] = []
    changes = apply_changes(
        ctx.root,
        plans,
        creates=creates,
        settings=ctx.settings,
        dry_run=dry_run,
        warnings=warnings,
        kind=kind or PARTNER,
    )
    print_changes(ctx, changes, dry_run=dry_run, warnings=warnings, before=before, after=after)
    return changes


def print_changes(
    ctx: WriteContext,
    changes: list[Change],
    *,
    dry_run: bool,
    warnings: list[Problem] | None = None,
    before: Iterable[str] = (),
    after: Iterable[str] = (),
) -> None:
    """The sentences of each change (or the JSON document), and a dry run's last line."""
    import sys

    from partnerctl.cli.invocation import print_problems
    from partnerctl.core.change import Outcome
    from partnerctl.render.text import clean

    found = warnings or []
    print_problems(found)  # validate's warnings, such as an email that does not look like one
    if ctx.format == "json":
        from partnerctl.render.jsonout import document

        outcome = Outcome(tuple(changes), dry_run=dry_run, notes=(*before, *after))
        body = {"today": ctx.today.isoformat(), **outcome.as_json()}
        if not state().students_shown():
            from partnerctl.privacy import without_students

            body = without_students(body)  # type: ignore[assignment]
        sys.stdout.write(document(body, errors=found))
        return
    lines = [*before, *(line for change in changes for line in change.said), *after]
    if dry_run:
        lines.append(dry_run_line(changes))
    sys.stdout.write("".join(clean(line) + "\n" for line in lines))


def dry_run_line(changes: Iterable[Change]) -> str:
    """`dry run: nothing written (2 files would change)`."""
    from partnerctl.render.text import count

    files = sum(1 for change in changes if change.writes)
    if not files:
        return "dry run: nothing written (no file would change)"
    return f"dry run: nothing written ({count(files, 'file')} would change)"
