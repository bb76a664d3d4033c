"""`partnerctl schema`: JSON Schema of the file kinds (for editors) and of commands' JSON.

The file schemas are built in :mod:`partnerctl.fileschema`; inside a
workspace they know its pathways and owners. The output schemas are in
:mod:`partnerctl.render.outschema`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from partnerctl.cli.app import app, command_formats, state
from partnerctl.errors import errors_in
from partnerctl.fileschema import KINDS

SCHEMA_FORMATS = command_formats("schema", ("json",))

if TYPE_CHECKING:
    from partnerctl.records import SettingsRec


@app.command()
def schema(
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="[settings|partner|event|placement]", help="The file kind (default: all)."
        ),
    ] = None,
    write: Annotated[
        bool,
        typer.Option(
            "--write", help="Write .partnerctl/schema/KIND.schema.json into the workspace."
        ),
    ] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            metavar="COMMAND",
            help="The schema of COMMAND's --format json output instead (e.g. due).",
        ),
    ] = None,
) -> None:
    """Print JSON Schema for the file kinds, or --write them for editors.

    Inside a workspace the schemas know its pathways and owners, as
    `validate` does; outside one they accept any. Editors with the YAML
    language server check a file whose first line names its schema by a path
    from the file's own folder: in partners/ and events/
    `# yaml-language-server: $schema=../.partnerctl/schema/partner.schema.json`
    (event.schema.json), in partnerctl.yaml
    `# yaml-language-server: $schema=.partnerctl/schema/settings.schema.json`.
    `init`, `add` and `import` write those lines. Run `schema --write` again
    after changing pathways or owners. `--output due` prints the schema of
    `due --format json` instead (every command with JSON output has one).

    Example: partnerctl schema --write
    """
    import json
    import sys

    # JSON is its only format: this refuses another --format, as every command does.
    state().output_format(SCHEMA_FORMATS, tty="json", to_stdout=not write)
    if output is not None:
        from partnerctl.render.outschema import output_schema

        if kind is not None or write:
            _refuse("--output prints one command's output schema: give no file kind or --write")
        sys.stdout.write(json.dumps(output_schema(output), indent=2, ensure_ascii=False) + "\n")
        return
    if kind is not None and kind not in KINDS:
        from partnerctl.errors import UsageError
        from partnerctl.words import did_you_mean

        raise UsageError(
            f"{kind!r} is not a file kind",
            hint=did_you_mean(kind, KINDS) or "choose one of " + ", ".join(KINDS),
        )
    kinds = (kind,) if kind is not None else KINDS
    settings, known, broken = _workspace_settings(required=write)
    if not write:
        from partnerctl.fileschema import file_schema

        if kind is not None:
            doc = file_schema(kind, settings, known=known)
        else:
            doc = {name: file_schema(name, settings, known=known) for name in KINDS}
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    else:
        _write(kinds, settings, known)
    if broken:
        from partnerctl.cli.app import finish
        from partnerctl.errors import ExitStatus

        finish(ExitStatus.INCOMPLETE)


def _refuse(message: str) -> None:
    from partnerctl.errors import UsageError

    raise UsageError(message, hint="partnerctl schema --output due")


def _workspace_settings(*, required: bool) -> tuple[SettingsRec | None, frozenset[str], bool]:
    """The workspace's settings, the parts of them that could be read, and whether any could not.

    Outside a workspace: None (open schemas), unless `required` (--write needs one).
    Broken settings print their errors; what they hold that is valid is used.
    """
    from partnerctl.cli.invocation import print_problems
    from partnerctl.errors import WorkspaceNotFound
    from partnerctl.workspace.checks import SETTINGS_PARTS, settings_gaps
    from partnerctl.workspace.parse import load_settings

    try:
        root = state().root()
    except WorkspaceNotFound:
        if required:
            raise
        return None, frozenset(), False
    settings, problems = load_settings(root)
    errors = errors_in(problems)
    print_problems(errors)
    return settings, SETTINGS_PARTS - settings_gaps(errors), bool(errors)


def _write(kinds: tuple[str, ...], settings: SettingsRec | None, known: frozenset[str]) -> None:
    import os
    import sys

    from partnerctl.fileschema import SCHEMA_DIR, schema_file, schema_text
    from partnerctl.workspace.atomic import write_all
    from partnerctl.workspace.lock import workspace_lock

    root = state().root()
    folder = root / SCHEMA_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        from partnerctl.errors import WriteError

        raise WriteError(f"{SCHEMA_DIR}: cannot create the folder: {err.strerror}") from None
    files = [
        (root / schema_file(kind), schema_text(kind, settings, known=known).encode("utf-8"),
         schema_file(kind))
        for kind in kinds
    ]  # fmt: skip
    umask = os.umask(0)
    os.umask(umask)
    with workspace_lock(root):
        write_all(files, mode=0o666 & ~umask, root=root)
    for _path, _data, shown in files:
        sys.stdout.write(f"wrote {shown}\n")
