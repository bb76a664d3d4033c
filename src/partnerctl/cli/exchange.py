"""`partnerctl export` and `partnerctl import`: partners to and from CSV, xlsx and JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from partnerctl.cli.app import app, command_formats, output_option, state
from partnerctl.errors import errors_in, nothing_written

if TYPE_CHECKING:
    from datetime import date

    from partnerctl.workspace.importing import Plan

EXCHANGE_FORMATS = command_formats(("export", "import"), ("csv", "json", "xlsx"))


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
    output: Annotated[str | None, output_option()] = None,
) -> None:
    """Write every partner as CSV or xlsx (one row each, for spreadsheets) or JSON (every field).

    Columns: id, the flat fields (pathways and tags joined by `;`), the
    first decision maker (name, role, email, phone), last touch, next date
    and action. CSV cells that start with = + - @ get a leading ' so that no
    spreadsheet runs them; `import` removes it again. xlsx keeps text as
    text and dates as dates, so a spreadsheet changes nothing. --placements
    writes the placements instead (CSV or JSON), with student codes (not with
    --no-students): keep such a file out of the workspace and its git repository.

    Example: partnerctl export -o partners.xlsx
    """
    import sys

    from partnerctl.cli.report import write_output
    from partnerctl.core.exchange import csv_document, json_body

    current = state()
    fmt = current.file_format(output, EXCHANGE_FORMATS, tty="csv", default="csv")
    if fmt == "xlsx" and (output is None or output == "-") and sys.stdout.isatty():
        from partnerctl.errors import UsageError

        raise UsageError("xlsx is a binary file", hint="write it to a file: -o partners.xlsx")
    workspace = current.workspace()
    if placements:
        from partnerctl.core import placement_exchange

        students = current.students_shown()
        rows = workspace.placements.values()
        if fmt == "json":
            from partnerctl.render.jsonout import document

            body = placement_exchange.json_body(rows, students=students)
            text: str | bytes = document(body, workspace.errors)
        elif fmt == "xlsx":
            header, ordered, cells = placement_exchange.sheet_rows(rows, students=students)
            today = current.today(workspace.settings)
            files = [p["file"] for p in ordered]
            text = _checked_workbook(header, cells, files, "placements", today=today)
        else:
            text = placement_exchange.csv_document(rows, students=students)
        _warn_inside(workspace.root, output)
        write_output(text, output)
        return
    partners = workspace.partners.values()
    if fmt == "json":
        from partnerctl.render.jsonout import document

        data: str | bytes = document(
            json_body(partners, contacts=not no_contacts), workspace.errors
        )
    elif fmt == "xlsx":
        data = _workbook(
            partners, contacts=not no_contacts, today=current.today(workspace.settings)
        )
    else:
        data = csv_document(partners, contacts=not no_contacts)
    write_output(data, output)


def _workbook(partners: Any, *, contacts: bool, today: date) -> bytes:
    """The xlsx export of partners; a cell it cannot hold refuses it (nothing written)."""
    from partnerctl.core.exchange import COLUMN_KINDS, sheet_rows

    header, ordered, rows = sheet_rows(partners, contacts=contacts)
    files = [p["file"] for p in ordered]
    return _checked_workbook(header, rows, files, "partners", COLUMN_KINDS, today=today)


def _checked_workbook(
    header: Any, rows: Any, files: list[str], title: str, kinds: Any = None, *, today: date
) -> bytes:
    """A workbook of one sheet, `title`; a cell xlsx cannot hold refuses it (nothing written)."""
    from partnerctl.errors import DataError
    from partnerctl.render.xlsx import xlsx_document, xlsx_problems

    problems = xlsx_problems(header, rows, files)
    if problems:
        stop = nothing_written("xlsx cannot hold the text above", None)
        raise DataError(found=[*problems, stop])
    return xlsx_document(header, rows, kinds or {}, title, today=today)


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
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="A CSV, xlsx or JSON file of partners.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    date_format: Annotated[
        str | None,
        typer.Option(
            "--date-format",
            metavar="ORDER",
            help="Read dates like 9/1/2024 month first (mdy, as US spreadsheets write them) "
            "or day first (dmy). YYYY-MM-DD is always read.",
        ),
    ] = None,
) -> None:
    """Create and update partners from a CSV, xlsx or JSON file (as `export` writes them).

    New ids become new partner files; for existing partners the flat fields
    (the columns), the decision maker's contact and `next` are updated, a
    newer last touch becomes a touchpoint marked imported, and touchpoints,
    spotlights, other contacts and comments are kept. A file of placements
    (as `export --placements` writes it: a `partner` column, or a JSON
    `placements` list) creates and updates placements the same way. Every
    row is checked first: when any row is bad, nothing is written. The
    format goes by the file's extension (.csv, .xlsx, .json), else --format.

    Example: partnerctl import partners.csv --dry-run
    """
    import sys
    from pathlib import Path

    from partnerctl.cli.args import choice
    from partnerctl.dates import DATE_ORDERS
    from partnerctl.errors import UsageError
    from partnerctl.workspace.edit import partner_ids, settings_for_write
    from partnerctl.workspace.importing import plan_import, read_rows, sheet_name

    current = state()
    fmt = _import_format(file, current.format)
    order = choice("--date-format", date_format, tuple(DATE_ORDERS), "a date order")
    if order is not None and fmt == "json":
        raise UsageError("--date-format: JSON dates are YYYY-MM-DD", hint="leave it out for JSON")
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as err:
        raise UsageError(f"{file}: cannot read: {err.strerror}") from None
    data: str | bytes = raw
    if fmt != "xlsx":
        try:
            data = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise UsageError(
                f"{file}: not UTF-8 text (byte {err.start + 1})",
                hint="save the spreadsheet as 'CSV UTF-8'",
            ) from None
    root = current.root()
    settings = settings_for_write(root)
    workspace = current.workspace()
    if sheet_name(data, fmt) == "placements":
        _import_placements(data, file, fmt, root, settings, dry_run, order)
        return
    rows, problems = read_rows(data, file, fmt, date_order=order)
    plans, found = plan_import(rows, file, workspace.partners, set(partner_ids(root)), settings)
    problems.extend(found)
    _stop_on_errors(file, problems)
    _apply(root, plans, settings, dry_run)


def _stop_on_errors(file: str, problems: list[Any]) -> None:
    """Refuse the import when any row has an error (nothing written); print its warnings."""
    from partnerctl.errors import DataError

    if errors_in(problems):
        stop = nothing_written(f"{file} has errors", "fix the rows above and import again")
        raise DataError(found=[*problems, stop])
    if problems:
        from partnerctl.cli.invocation import print_problems

        print_problems(problems)


def _import_placements(
    data: str | bytes,
    file: str,
    fmt: str,
    root: Any,
    settings: Any,
    dry_run: bool,
    order: str | None,
) -> None:
    """Create and update placements from the file, all or nothing."""
    from partnerctl.cli.editopts import WriteContext, print_changes
    from partnerctl.workspace.edit import apply_changes
    from partnerctl.workspace.filekinds import PARTNER, PLACEMENT
    from partnerctl.workspace.importing import read_rows
    from partnerctl.workspace.placement_import import PLACEMENTS, changes, plan_placements

    workspace = state().workspace()
    rows, problems = read_rows(data, file, fmt, date_order=order, sheet=PLACEMENTS)
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
    from pathlib import PurePath

    from partnerctl.cli.invocation import FORMAT_BY_SUFFIX
    from partnerctl.errors import UsageError

    if given is not None:
        if given.lower() not in EXCHANGE_FORMATS:
            raise UsageError(
                f"--format: {given!r} is not a format of import",
                hint="choose one of " + ", ".join(EXCHANGE_FORMATS),
            )
        return given.lower()
    by_suffix = FORMAT_BY_SUFFIX.get(PurePath(file).suffix.lower())
    if by_suffix in EXCHANGE_FORMATS:
        return by_suffix
    raise UsageError(
        f"{file}: cannot tell the format from the name",
        hint="add --format csv, --format xlsx or --format json",
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
            import_change,
            target=p.record,
            changes=p.changes,
            contact=p.contact,
            touch=p.touch,
            verb=verb[1],
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
