"""`partnerctl init [DIR]`: a new workspace whose files teach the format."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import typer

from partnerctl.cli.app import app
from partnerctl.cli.invocation import command_formats

INIT_FORMATS = command_formats("init", ("table", "plain"))  # lines only: it makes a folder

EXAMPLE_PARTNER = "example-auto"


@app.command()
def init(
    directory: Path = typer.Argument(
        Path("."), metavar="[DIR]", help="The folder to make (default: the current folder)."
    ),
    program: str | None = typer.Option(
        None, "--program", help="The program's name (default: from the folder's name)."
    ),
    use_git: bool = typer.Option(
        False, "--git", help="Start it as a git repository set up for a team (see sync)."
    ),
) -> None:
    """Make a new workspace: settings, one example partner and one event, commented.

    Refuses a folder that already holds partnerctl.yaml, partners/ or events/
    (a README or .git there is fine). Creates the folder when it is missing.
    With --git it is also a git repository (unless the folder is in one) with
    the merge driver set up and a first commit; add a remote, then `sync`.

    Example: partnerctl init riverside-high --program "Riverside High School CTE"
    """
    import sys

    from partnerctl.cli.app import state
    from partnerctl.dates import today_in
    from partnerctl.render.text import clean

    current = state()
    current.output_format(INIT_FORMATS)  # a bad --format writes nothing
    # There are no settings yet: --today / PARTNERCTL_TODAY, else the computer's today.
    today = current.given_today(today_in(None))
    folder = directory if directory.is_absolute() else Path.cwd() / directory
    _refuse_existing(folder, directory)
    name = program if program is not None else _program_from(folder)
    files = workspace_files(name, today)
    # The files' yaml-language-server lines point at these, so editors check them at once;
    # they know the new settings' pathways and owners, as `schema --write` would.
    from partnerctl.fileschema import KINDS, schema_file, schema_text
    from partnerctl.workspace.parse import parse_settings_text

    settings, _problems = parse_settings_text(files["partnerctl.yaml"])
    files.update({schema_file(kind): schema_text(kind, settings) for kind in KINDS})
    created = write_workspace(folder, files)
    lines = [f"Created a partnerctl workspace in {clean(str(directory))}:"]
    lines += [f"  {file}" for file in created]
    if use_git:
        from partnerctl.workspace.clone import start_repository

        lines += start_repository(folder, None)
    lines += [
        "Next steps:",
        f"  cd {clean(str(directory))}" if directory != Path(".") else "",
        "  edit partnerctl.yaml (your program and pathways) and the example partner",
        "  partnerctl validate",
        "  partnerctl due",
    ]
    if use_git:
        lines += [
            "  add your team's shared (private) repository as git's remote `origin`",
            "  partnerctl sync",
        ]
    sys.stdout.write("\n".join(line for line in lines if line) + "\n")


def _refuse_existing(folder: Path, shown: Path) -> None:
    from partnerctl.cli.app import fail_usage
    from partnerctl.render.text import clean
    from partnerctl.workspace.discover import EVENTS_DIR, PARTNERS_DIR, SETTINGS_FILE

    if folder.exists() and not folder.is_dir():
        fail_usage(f"{clean(str(shown))} is a file, not a folder")
    for name in (SETTINGS_FILE, PARTNERS_DIR, EVENTS_DIR):
        if (folder / name).exists():
            fail_usage(
                f"{clean(str(shown))} already holds {name}: init makes a new workspace only",
                hint="choose an empty folder, or run `partnerctl validate` to use this one",
            )


def _program_from(folder: Path) -> str:
    words = folder.resolve().name.replace("_", " ").replace("-", " ").split()
    return (" ".join(w.capitalize() for w in words) + " CTE") if words else "CTE program"


def school_year(day: date) -> str:
    """`2026-27` for any day from July 2026 through June 2027."""
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _first_thursday_after(day: date) -> date:
    month_start = date(day.year + (day.month // 12), day.month % 12 + 1, 1)
    return month_start + timedelta(days=(3 - month_start.weekday()) % 7)


def _yaml_text(value: str) -> str:
    """`value` as a YAML scalar that reads back as the same text."""
    import json

    from partnerctl.workspace.yamlio import parse_yaml

    parsed = parse_yaml(f"k: {value}\n", "<init>")
    if not parsed.problems and parsed.data == {"k": value}:
        return value
    return json.dumps(value, ensure_ascii=False)


def workspace_files(program: str, today: date) -> dict[str, str]:
    """The files init writes, by path relative to the workspace, dated around `today`."""
    from importlib.resources import files

    templates = files("partnerctl.templates")
    since = today - timedelta(days=30)
    event_day = _first_thursday_after(today)
    season_end = date(event_day.year + (1 if event_day.month >= 7 else 0), 6, 30)
    dates = {
        "YYYY-SINCE": since.isoformat(),
        "YYYY-NEXTD": (today + timedelta(days=7)).isoformat(),
        "YYYY-EVENT": event_day.isoformat(),
        "YYYY-UNTIL": season_end.isoformat(),
        "@PROGRAM@": _yaml_text(program),
    }

    def fill(name: str, kind: str) -> str:
        from partnerctl.fileschema import modeline

        text = templates.joinpath(name).read_text(encoding="utf-8")
        for token, value in {**dates, "@MODELINE@": modeline(kind)}.items():
            text = text.replace(token, value)
        return text

    return {
        "partnerctl.yaml": fill("partnerctl.yaml", "settings"),
        f"partners/{EXAMPLE_PARTNER}.yaml": fill("partner.yaml", "partner"),
        f"events/{school_year(today)}.yaml": fill("events.yaml", "event"),
    }


def write_workspace(folder: Path, files: dict[str, str]) -> list[str]:
    """Write the files (never over an existing one) and the .gitignore; the names written."""
    from partnerctl.cli.app import fail_usage
    from partnerctl.workspace.git import ignore_own_files

    written: list[str] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            written.append(name)
        existed = (folder / ".gitignore").exists()
        if added := ignore_own_files(folder):
            written.append(f".gitignore (added {', '.join(added)})" if existed else ".gitignore")
    except OSError as err:
        fail_usage(f"cannot write {err.filename or folder}: {err.strerror}")
    return written
