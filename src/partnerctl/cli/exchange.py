"""`partnerctl export` and `partnerctl import`: partners to and from CSV and JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from partnerctl.cli.app import app, state

if TYPE_CHECKING:
    from partnerctl.workspace.importing import Plan

EXCHANGE_FORMATS = ("csv", "json")


@app.command()
def export(
    no_contacts: Annotated[
        bool, typer.Option("--no-contacts", help="Leave out email addresses and phone numbers.")
    ] = False,
    placements: Annotated[
        bool,
        typer.Option(
            "--placements", help="Export the placements (hours, paperwork, evaluation) instead."
        ),
    ] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE instead of stdout (format: --format, else its extension).",
        ),
    ] = None,
) -> None:
    """Write every partner as CSV (one row each, for spreadsheets) or JSON (every field).

    CSV columns: id, the flat fields (pathways and tags joined by `;`), the
    first decision maker (name, role, email, phone), last touch, next date
    and action. Cells that start with = + - @ get a leading ' so that no
    spreadsheet runs them; `import` removes it again. --placements writes
    the placements instead, with student codes (not with --no-students):
    keep such a file out of the workspace and its git repository.

    Example: partnerctl export -o partners.csv
    """
    from partnerctl.cli.report import write_output
    from partnerctl.core.exchange import csv_document, json_body

    current = state()
    fmt = current.file_format(output, EXCHANGE_FORMATS, tty="csv", default="csv")
    workspace = current.workspace()
    if placements:
        from partnerctl.core import placement_exchange

        students = current.students_shown()
        rows = workspace.placements.values()
        if fmt == "json":
            from partnerctl.render.jsonout import document

            body = placement_exchange.json_body(rows, students=students)
            text = document(body, workspace.errors)
        else:
            text = placement_exchange.csv_document(rows, students=students)
        _warn_inside(workspace.root, output)
        write_output(text, output)
        return
    partners = workspace.partners.values()
    if fmt == "json":
        from partnerctl.render.jsonout import document

        text = document(json_body(partners, contacts=not no_contacts), workspace.errors)
    else:
        text = csv_document(partners, contacts=not no_contacts)
    write_output(text, output)


def _warn_inside(root: Any, output: str | None) -> None:
    """Warn when an export of placements goes inside the workspace, where git would carry it."""
    from pathlib import Path

    if output is None or output == "-":
        return
    target = Path(output).resolve()
    if not target.is_relative_to(Path(root).resolve()):
        return
    from partnerctl.cli.invocation import print_problems
    from partnerctl.errors import Problem

    warning = (
        f"{output} is inside the workspace: an export of placements holds student codes; "
        "keep it outside, where git and `partnerctl sync` never carry it"
    )
    print_problems([Problem(None, None, None, "-o", warning, severity="warning")])


@app.command("import")
def import_(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A CSV or JSON file of partners.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
) -> None:
    """Create and update partners from a CSV or JSON file (as `export` writes them).

    New ids become new partner files; for existing partners the flat fields
    (the CSV columns), the decision maker's contact and `next` are updated,
    and touchpoints, spotlights, other contacts and comments are kept. A file
    of placements (as `export --placements` writes it: a `partner` column, or
    a JSON `placements` list) creates and updates placements the same way.
    Every row is checked first: when any row is bad, nothing is written. The
    format goes by the file's extension (.csv, .json), else --format.

    Example: partnerctl import partners.csv --dry-run
    """
    import sys
    from pathlib import Path

    from partnerctl.errors import UsageError
    from partnerctl.workspace.edit import partner_ids, settings_for_write
    from partnerctl.workspace.importing import plan_import, read_rows, sheet_name

    current = state()
    fmt = _import_format(file, current.format)
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as err:
        raise UsageError(f"{file}: cannot read: {err.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise UsageError(
            f"{file}: not UTF-8 text (byte {err.start + 1})",
            hint="save the spreadsheet as 'CSV UTF-8'",
        ) from None
    root = current.root()
    settings = settings_for_write(root)
    workspace = current.workspace()
    if sheet_name(text, fmt) == "placements":
        _import_placements(text, file, fmt, root, settings, dry_run)
        return
    rows, problems = read_rows(text, file, fmt)
    plans, found = plan_import(rows, file, workspace.partners, set(partner_ids(root)), settings)
    problems.extend(found)
    _stop_on_errors(file, problems)
    _apply(root, plans, settings, dry_run)


def _stop_on_errors(file: str, problems: list[Any]) -> None:
    """Refuse the import when any row has an error (nothing written); print its warnings."""
    from partnerctl.errors import DataError, Problem

    if any(p.severity == "error" for p in problems):
        stop = Problem(
            None,
            None,
            None,
            None,
            f"nothing was written: {file} has errors",
            "fix the rows above and import again",
        )
        raise DataError(found=[*problems, stop])
    if problems:
        from partnerctl.cli.invocation import print_problems

        print_problems(problems)


def _import_placements(
    text: str, file: str, fmt: str, root: Any, settings: Any, dry_run: bool
) -> None:
    """Create and update placements from the file, all or nothing."""
    from partnerctl.cli.editopts import WriteContext, print_changes
    from partnerctl.workspace.edit import apply_changes
    from partnerctl.workspace.filekinds import PARTNER, PLACEMENT
    from partnerctl.workspace.importing import read_rows
    from partnerctl.workspace.placement_import import PLACEMENTS, changes, plan_placements

    workspace = state().workspace()
    rows, problems = read_rows(text, file, fmt, PLACEMENTS)
    plans, found = plan_placements(
        rows,
        file,
        workspace.placements,
        PLACEMENT.ids(root),
        workspace.partners,
        PARTNER.ids(root),
        settings,
    )
    _stop_on_errors(file, [*problems, *found])
    creates, rules = changes(plans, dry_run=dry_run)
    done = apply_changes(
        root, rules, creates=creates, settings=settings, dry_run=dry_run, kind=PLACEMENT
    )
    new = sum(1 for p in plans if p.create)
    updated = sum(1 for p in plans if not p.create and p.sets)
    summary = f"{new} new, {updated} updated, {len(plans) - new - updated} unchanged placements"
    ctx = WriteContext(root, settings, state().today(settings), "plain")
    print_changes(ctx, done, dry_run=dry_run, after=[summary])


def _import_format(file: str, given: str | None) -> str:
    from partnerctl.errors import UsageError

    if given is not None:
        if given.lower() not in EXCHANGE_FORMATS:
            raise UsageError(f"--format: {given!r} is not a format of import", hint="csv or json")
        return given.lower()
    suffix = file.lower().rsplit(".", 1)[-1] if "." in file else ""
    if suffix in EXCHANGE_FORMATS:
        return suffix
    raise UsageError(
        f"{file}: cannot tell the format from the name", hint="add --format csv or --format json"
    )


def _apply(root: Any, plans: list[Plan], settings: Any, dry_run: bool) -> None:
    from functools import partial

    from partnerctl.cli.editopts import WriteContext, print_changes
    from partnerctl.core.change import Change
    from partnerctl.core.exchange import import_change
    from partnerctl.workspace.edit import apply_changes

    creates = [p for p in plans if p.create]
    updates = [p for p in plans if not p.create and p.changes]
    unchanged = len(plans) - len(creates) - len(updates)
    verb = ("would create", "would update") if dry_run else ("created", "updated")
    made = [
        Change(p.partner_id, said=(f"{verb[0]} partners/{p.partner_id}.yaml",), create=p.data)
        for p in creates
    ]
    rules = {
        p.partner_id: partial(
            import_change, target=p.record, changes=p.changes, contact=p.contact, verb=verb[1]
        )
        for p in updates
    }
    # One hold of the lock for every file: the files to update are read again, the
    # ids to create checked again, and nothing is written unless all of it can be.
    changes = apply_changes(root, rules, creates=made, settings=settings, dry_run=dry_run)
    summary = f"{len(creates)} new, {len(updates)} updated, {unchanged} unchanged"
    # import's --format names the file's format, so what it did is always plain lines.
    ctx = WriteContext(root, settings, state().today(settings), "plain")
    print_changes(ctx, changes, dry_run=dry_run, after=[summary])
