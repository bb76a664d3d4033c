"""`partnerctl schema`: JSON Schema of the three file kinds, for editors.

Made from the pydantic models, then widened to accept what partnerctl
accepts: partnerctl reads every plain scalar as text, so `phone: 5550142`,
`name: yes` and `best_time: 10:30` are text to it, while an editor's YAML
1.2 parser sees a number or a boolean. Text fields therefore accept any
scalar, and numbers and booleans may also be written quoted; a list key may
be left empty (null), which partnerctl reads as an empty list.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from partnerctl.cli.app import app, state

KINDS = ("settings", "partner", "event")
SCHEMA_DIR = ".partnerctl/schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
NUMBER_TEXT = r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$"
BOOL_TEXT = ["true", "false", "True", "False", "TRUE", "FALSE", "yes", "no", "on", "off", "1", "0"]

TITLES = {
    "settings": ("partnerctl settings", "partnerctl.yaml: the program, pathways and cadence."),
    "partner": ("partnerctl partner", "partners/ID.yaml: one partner business (id = file name)."),
    "event": ("partnerctl events", "events/*.yaml: outreach events, each with a unique id."),
}
DESCRIPTIONS = {
    "program": "The program's name (required).",
    "timezone": "IANA time zone where 'today' is taken, e.g. America/Chicago.",
    "cadence": "Days since the last touch, per stage: ideal → due, max → overdue.",
    "spotlight_every": "Days after which an active partner is due a spotlight.",
    "agreements_notice": "Days before an agreement expires that renewing it is due.",
    "name": "The name people know it by (required).",
    "stage": "prospect, contacted, meeting, committed, active, paused, declined or lapsed.",
    "pathways": "Pathway ids from partnerctl.yaml.",
    "since": "First contact, or when they became active (YYYY-MM-DD).",
    "busy_seasons": "MM-DD ranges, inclusive; may wrap the new year.",
    "touchpoints": "The history, appended by `partnerctl log`.",
    "next": "The one scheduled follow-up.",
    "date": "A day, YYYY-MM-DD.",
    "repeat": "An RFC 5545 rule, e.g. FREQ=MONTHLY;BYDAY=+1TH.",
    "prepare": "Days ahead that preparing the event shows in `due`.",
}


def _widen(node: Any) -> Any:
    """Accept what partnerctl accepts (see the module's docstring), recursively."""
    if isinstance(node, list):
        return [_widen(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _widen(value) for key, value in node.items()}
    kind = out.get("type")
    plain = not any(key in out for key in ("enum", "const", "format", "pattern"))
    if kind == "string" and plain:
        out["type"] = ["string", "number", "boolean"]
    elif kind in ("number", "integer"):
        limits = {k: out.pop(k) for k in list(out) if k in ("minimum", "maximum")}
        out.pop("type")
        out["anyOf"] = [{"type": kind, **limits}, {"type": "string", "pattern": NUMBER_TEXT}]
    elif kind == "boolean":
        out.pop("type")
        out["anyOf"] = [{"type": "boolean"}, {"enum": BOOL_TEXT}]
    elif kind == "array":  # `touchpoints:` with nothing after it is an empty list
        out["type"] = ["array", "null"]
    props = out.get("properties")
    if isinstance(props, dict):
        for key, value in props.items():
            if key in DESCRIPTIONS and isinstance(value, dict):
                value.setdefault("description", DESCRIPTIONS[key])
    return out


def file_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind: settings, partner or event (an events file)."""
    from pydantic import BaseModel

    from partnerctl.model import EventFile, Partner, Settings

    models: dict[str, type[BaseModel]] = {
        "settings": Settings,
        "partner": Partner,
        "event": EventFile,
    }
    model = models[kind]
    raw = model.model_json_schema(by_alias=True)
    widened: dict[str, Any] = _widen(raw)
    title, description = TITLES[kind]
    return {
        "$schema": DIALECT,
        **widened,
        "title": title,
        "description": description,
    }


def schema_text(kind: str) -> str:
    """One schema as stable, indented JSON text."""
    import json

    return json.dumps(file_schema(kind), indent=2, ensure_ascii=False) + "\n"


@app.command()
def schema(
    kind: Annotated[
        str | None,
        typer.Argument(metavar="[settings|partner|event]", help="The file kind (default: all)."),
    ] = None,
    write: Annotated[
        bool,
        typer.Option("--write", help=f"Write {SCHEMA_DIR}/KIND.schema.json into the workspace."),
    ] = False,
) -> None:
    """Print JSON Schema for the file kinds, or --write them for editors.

    Editors with the YAML language server check and complete files that
    start with `# yaml-language-server: $schema=.partnerctl/schema/partner.schema.json`
    (and settings/event likewise); `init` writes those lines.

    Example: partnerctl schema --write
    """
    import json
    import sys

    from partnerctl.errors import UsageError

    # JSON is its only format: this refuses another --format, as every command does.
    state().output_format(("json",), tty="json", to_stdout=not write)
    if kind is not None and kind not in KINDS:
        import difflib

        close = difflib.get_close_matches(kind, KINDS, n=1)
        raise UsageError(
            f"{kind!r} is not a file kind",
            hint=f"did you mean {close[0]!r}?" if close else "settings, partner or event",
        )
    kinds = (kind,) if kind is not None else KINDS
    if not write:
        if kind is not None:
            sys.stdout.write(schema_text(kind))
        else:
            both = {name: file_schema(name) for name in KINDS}
            sys.stdout.write(json.dumps(both, indent=2, ensure_ascii=False) + "\n")
        return
    _write(kinds)


def _write(kinds: tuple[str, ...]) -> None:
    import os
    import sys

    from partnerctl.errors import WriteError
    from partnerctl.workspace import atomic

    root = state().root()
    folder = root / SCHEMA_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WriteError(f"{SCHEMA_DIR}: cannot create the folder: {err.strerror}") from None
    umask = os.umask(0)
    os.umask(umask)
    files = [
        (folder / f"{kind}.schema.json", schema_text(kind).encode("utf-8"),
         f"{SCHEMA_DIR}/{kind}.schema.json")
        for kind in kinds
    ]  # fmt: skip
    from partnerctl.workspace.lock import workspace_lock

    with workspace_lock(root):
        atomic.write_all(files, mode=0o666 & ~umask, root=root)
    for _path, _data, shown in files:
        sys.stdout.write(f"wrote {shown}\n")
