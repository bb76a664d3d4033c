"""The kinds of file partnerctl writes, described once for the one edit pipeline.

:func:`partnerctl.workspace.edit.apply_changes` edits any of them the same
way (locked, located, verified, validated, all or nothing); a
:class:`FileKind` tells it where a file of the kind is, how its text is read
and validated (with the checks across files that concern it), its order of
top-level keys, the noun that messages use and how a new file is written.
Partners are one kind among them; a change's `Change.kind` is its kind's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partnerctl.errors import Problem, UsageError, errors_in
from partnerctl.records import SettingsRec
from partnerctl.workspace.discover import (
    EVENTS_DIR,
    PARTNERS_DIR,
    PLACEMENTS_DIR,
    SETTINGS_FILE,
    YAML_SUFFIXES,
)
from partnerctl.workspace.yamledit import PARTNER_KEY_ORDER

if TYPE_CHECKING:
    from partnerctl.workspace.yamlio import Parsed

# (root, text without BOM, shown path, id, settings, the text parsed) -> (record or
# None, problems); the record is None when the text has any error.
Reader = Callable[[Path, str, str, str, SettingsRec, "Parsed"], tuple[Any, list[Problem]]]

PLACEMENT_KEY_ORDER: tuple[str, ...] = (
    "partner", "pathway", "kind", "student", "supervisor", "start", "end", "planned_hours",
    "hazardous", "outcome", "paperwork", "hours", "evaluation",
)  # fmt: skip
# DESIGN's settings keys in order; a key not listed (the work-based-learning and
# advisory keys) is added at the end of the file, below any commented example.
SETTINGS_KEY_ORDER: tuple[str, ...] = (
    "program", "timezone", "workdays", "pathways", "cadence", "spotlight_every",
    "agreements_notice", "school_breaks", "owners", "me",
)  # fmt: skip
SETTINGS_ID = "partnerctl"


@dataclass(frozen=True)
class FileKind:
    """One kind of workspace file, as the edit pipeline needs to know it."""

    name: str  # Change.kind
    noun: str  # in messages: "partner 'x' already exists"
    folder: str | None  # the folder of its files (None: partnerctl.yaml itself)
    key_order: tuple[str, ...]
    read: Reader
    list_hint: str  # what to run to see the ids, for "no such ..." errors
    others_at_end: bool = False  # a new key not in key_order goes at the end of the file
    schema: str | None = None  # the editors' schema a new file names on its first line

    def path(self, root: Path, file_id: str) -> Path | None:
        """The file of an id (`.yaml` before `.yml`), or None when there is none."""
        if self.folder is None:
            return root / SETTINGS_FILE
        for suffix in YAML_SUFFIXES:
            path = root / self.folder / f"{file_id}{suffix}"
            if path.exists() or path.is_symlink():
                return path
        return None

    def new_shown(self, file_id: str) -> str:
        """Where a new file of this id is made, as messages show it."""
        return f"{self.folder}/{file_id}.yaml" if self.folder else SETTINGS_FILE

    def ids(self, root: Path) -> list[str]:
        """The ids of the files of this kind (names only; no file is read)."""
        if self.folder is None:
            return [SETTINGS_ID]
        folder = root / self.folder
        if not folder.is_dir():
            return []
        return sorted({p.stem for p in folder.iterdir() if p.suffix in YAML_SUFFIXES})

    def check_id(self, file_id: str) -> str:
        """An id that is a slug (no `..`, `/` or absolute path), or a UsageError."""
        from partnerctl.fieldchecks import check_slug

        try:
            return check_slug(file_id, self.noun)
        except ValueError as err:
            raise UsageError(str(err)) from None

    def unknown(self, file_id: str, known: Iterable[str]) -> UsageError:
        """The one error for an id with no file, suggesting the nearest known ids."""
        from partnerctl.words import did_you_mean

        hint = did_you_mean(file_id, known, n=3, containing=True)
        return UsageError(
            f"no {self.noun} {file_id!r} (no {self.new_shown(file_id)})",
            hint=hint or self.list_hint,
        )

    def new_text(self, data: Mapping[str, Any]) -> str:
        """A new file's text: the kind's key order, two-space indents, None left out.

        Its first line names the kind's editor schema, from the file's own folder.
        """
        from partnerctl.workspace.yamlemit import entry_lines

        order = {key: index for index, key in enumerate(self.key_order)}
        lines: list[str] = []
        if self.schema is not None:
            from partnerctl.fileschema import modeline

            lines.append(modeline(self.schema))
        for key in sorted(data, key=lambda k: order.get(k, len(order))):
            value = data[key]
            if value is None or value == [] or value == {}:
                continue
            lines.extend(entry_lines(key, value, 0))
        return "\n".join(lines) + "\n"


def _read_partner(
    root: Path, text: str, shown: str, file_id: str, settings: SettingsRec, parsed: Parsed
) -> tuple[Any, list[Problem]]:
    from partnerctl.workspace.parse import parse_partner_text

    return parse_partner_text(text, shown, file_id, settings, parsed=parsed)


def _partners_named(root: Path, ids: Iterable[str], settings: SettingsRec) -> dict[str, Any]:
    """The valid records of the partners `ids` (a missing or broken file is left out)."""
    from partnerctl.errors import PartnerctlError
    from partnerctl.workspace.parse import read_partner

    found: dict[str, Any] = {}
    for partner_id in set(ids):
        try:
            _text, record, _problems = read_partner(root, partner_id, settings)
        except PartnerctlError:
            continue
        if record is not None:
            found[partner_id] = record
    return found


def _read_placement(
    root: Path, text: str, shown: str, file_id: str, settings: SettingsRec, parsed: Parsed
) -> tuple[Any, list[Problem]]:
    from partnerctl.workspace.checks import locate_findings
    from partnerctl.workspace.checks_wbl import placement_findings
    from partnerctl.workspace.parse import parse_placement_file

    record, problems, node = parse_placement_file(text, shown, file_id, parsed=parsed)
    if record is None:
        return None, problems
    partners = _partners_named(root, [record["partner"]], settings)
    ids = PARTNER.ids(root)
    findings = placement_findings(record, partners, ids, settings)
    problems = problems + locate_findings(None, findings, {shown: node})
    return (None if errors_in(problems) else record), problems


def _read_events(
    root: Path, text: str, shown: str, file_id: str, settings: SettingsRec, parsed: Parsed
) -> tuple[Any, list[Problem]]:
    """An events file as one record: {"id", "file", "events"}; None if any event is bad."""
    from partnerctl.workspace.checks import event_findings, locate_findings
    from partnerctl.workspace.checks_wbl import meeting_findings
    from partnerctl.workspace.parse import parse_events_file

    found, problems, _conflicts = parse_events_file(text, shown, parsed=parsed)
    if not errors_in(problems):
        findings = event_findings(found, PARTNER.ids(root), settings)
        findings += meeting_findings(found, settings)
        if findings:
            problems = problems + locate_findings(None, findings, {shown: parsed.node})
    if errors_in(problems):
        return None, problems
    record = {"id": file_id, "file": shown, "events": [event for event, _index in found]}
    return record, problems


def _read_settings(
    root: Path, text: str, shown: str, file_id: str, settings: SettingsRec, parsed: Parsed
) -> tuple[Any, list[Problem]]:
    from partnerctl.workspace.checks import locate_findings
    from partnerctl.workspace.checks_wbl import member_findings
    from partnerctl.workspace.parse import parse_settings_text

    record, problems = parse_settings_text(text, shown, parsed=parsed)
    if errors_in(problems):
        return None, problems
    wanted = [m["partner"] for m in record["advisory_members"] if m["partner"] is not None]
    partners = _partners_named(root, wanted, record)
    findings = member_findings(record, partners, PARTNER.ids(root))
    if findings:
        problems = problems + locate_findings(None, findings, {shown: parsed.node})
    return (None if errors_in(problems) else record), problems


PARTNER = FileKind(
    "partner",
    "partner",
    PARTNERS_DIR,
    PARTNER_KEY_ORDER,
    _read_partner,
    "`partnerctl list` shows the partners; `partnerctl add` makes one",
    schema="partner",
)
PLACEMENT = FileKind(
    "placement",
    "placement",
    PLACEMENTS_DIR,
    PLACEMENT_KEY_ORDER,
    _read_placement,
    "`partnerctl placement` lists the placements; `partnerctl placement add` makes one",
    schema="placement",
)
EVENTS = FileKind(
    "events",
    "event file",
    EVENTS_DIR,
    ("events",),
    _read_events,
    "event files are the .yaml files in events/",
)
SETTINGS = FileKind(
    "settings",
    "settings file",
    None,
    SETTINGS_KEY_ORDER,
    _read_settings,
    "partnerctl.yaml holds the settings",
    others_at_end=True,
)
