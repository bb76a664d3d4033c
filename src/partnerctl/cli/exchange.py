"""`partnerctl export` and `partnerctl import`: partners to and from CSV and JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from partnerctl.cli.app import app, command_formats, state

if TYPE_CHECKING:
    from partnerctl.model import PartnerRec
    from partnerctl.workspace.importing import Plan
    from partnerctl.workspace.yamledit import PartnerDocument

EXCHANGE_FORMATS = command_formats(("export", "import"), ("csv", "json"))


@app.command()
def export(
    no_contacts: Annotated[
        bool, typer.Option("--no-contacts", help="Leave out email addresses and phone numbers.")
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
    spreadsheet runs them; `import` removes it again.

    Example: partnerctl export -o partners.csv
    """
    from partnerctl.cli.report import write_output
    from partnerctl.core.exchange import csv_document, json_body

    current = state()
    fmt = current.file_format(output, EXCHANGE_FORMATS, tty="csv", default="csv")
    workspace = current.workspace()
    partners = workspace.partners.values()
    if fmt == "json":
        from partnerctl.render.jsonout import document

        text = document(json_body(partners, contacts=not no_contacts), workspace.errors)
    else:
        text = csv_document(partners, contacts=not no_contacts)
    write_output(text, output)


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
    and touchpoints, spotlights, other contacts and comments are kept. Every
    row is checked first: when any row is bad, nothing is written. The
    format goes by the file's extension (.csv, .json), else --format.

    Example: partnerctl import partners.csv --dry-run
    """
    import sys
    from pathlib import Path

    from partnerctl.errors import DataError, UsageError
    from partnerctl.workspace.edit import partner_ids, settings_for_write
    from partnerctl.workspace.importing import plan_import, read_rows

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
    rows, problems = read_rows(text, file, fmt)
    plans, found = plan_import(rows, file, workspace.partners, set(partner_ids(root)), settings)
    problems.extend(found)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        from partnerctl.errors import Problem

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
    _apply(root, plans, settings, dry_run)


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


def _shown(value: Any) -> str:
    from partnerctl.core.exchange import cell_text
    from partnerctl.render.text import clean_line

    if isinstance(value, dict):
        value = " ".join(cell_text(v) for v in value.values() if v is not None)
    text = cell_text(value)
    return repr(clean_line(text)) if text else "(none)"


def _apply(root: Any, plans: list[Plan], settings: Any, dry_run: bool) -> None:
    import sys

    from partnerctl.workspace.edit import edit_partners

    creates = [p for p in plans if p.create]
    updates = [p for p in plans if not p.create and p.changes]
    unchanged = len(plans) - len(creates) - len(updates)
    lines: list[str] = []
    verb = ("would create", "would update") if dry_run else ("created", "updated")
    for plan in creates:
        lines.append(f"{verb[0]} partners/{plan.partner_id}.yaml")
    for plan in updates:
        lines.append(f"{verb[1]} {plan.record['file']}:")
        for name, old, new in plan.changes:
            lines.append(f"  {name}: {_shown(old)} -> {_shown(new)}")
    if not dry_run and (creates or updates):
        # One hold of the lock for every file: the files to update are read again, the
        # ids to create checked again, and nothing is written unless all of it can be.
        edit_partners(
            root,
            {p.partner_id: _editor(p) for p in updates},
            creates={p.partner_id: p.data for p in creates},
            settings=settings,
        )
    summary = f"{len(creates)} new, {len(updates)} updated, {unchanged} unchanged"
    if dry_run:
        summary += " (dry run: nothing written)"
    lines.append(summary)
    sys.stdout.write("\n".join(lines) + "\n")


def _editor(plan: Plan) -> Any:
    """The edit of one existing partner: set the fields that still differ from the file."""

    def edit(doc: PartnerDocument, record: PartnerRec) -> None:
        for name, _old, _new in plan.changes:
            if name.startswith("contact_"):
                continue
            new = plan.record[name]  # type: ignore[literal-required]
            if record[name] != new:  # type: ignore[literal-required]
                doc.set_value(name, None if new == [] else new)
        if plan.contact is not None:
            index = next((i for i, c in enumerate(record["contacts"]) if c["decision_maker"]), None)
            if index is None:
                doc.append_item("contacts", {k: v for k, v in plan.contact.items() if v})
                return
            for key in ("name", "role", "email", "phone"):
                if record["contacts"][index][key] != plan.contact[key]:
                    doc.set_item_value("contacts", index, key, plan.contact[key])

    return edit
