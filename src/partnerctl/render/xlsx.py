"""The xlsx export: one sheet of partners whose cells keep their types (openpyxl).

Text is a text cell formatted as Text (`@`), so a phone `01174960018`, a
`best_time` of `10:30` or an id `0123` stay as written in Excel and
LibreOffice, and a cell beginning with `=` is text, never a formula; dates
are date cells shown as YYYY-MM-DD; `distance_miles` a number and
`early_adopter` a true/false cell. Whole columns carry the same formats, so
what is typed into a new row is read the same way.

The workbook is dated `today` (its created and modified properties, and the
dates inside the zip), not the moment it was written: the same workspace
exported on the same day gives the same bytes, so an export kept in git or
compared with yesterday's changes only where the data did.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from partnerctl.errors import Problem

SHEET_TITLE = "partners"
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
MAX_CELL = 32767  # characters a spreadsheet cell holds
# Characters XML 1.0, and so an xlsx file, cannot hold (tab, LF and CR it can).
_UNSTORABLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xlsx_problems(
    header: Sequence[str], rows: Sequence[Sequence[Any]], files: Sequence[str]
) -> list[Problem]:
    """Cells an xlsx file cannot hold as written (control characters, over 32,767 characters)."""
    problems: list[Problem] = []
    for file, row in zip(files, rows, strict=True):
        for column, value in zip(header, row, strict=True):
            if not isinstance(value, str):
                continue
            found = _UNSTORABLE_RE.search(value)
            if found is not None:
                message = (
                    f"holds the control character U+{ord(found.group()):04X}, which xlsx cannot"
                )
                hint = "remove it from the file, or export csv or json, which keep it"
                problems.append(Problem(file, None, None, column, message, hint))
            elif len(value) > MAX_CELL:
                message = (
                    f"is {len(value):,} characters long; a spreadsheet cell holds {MAX_CELL:,}"
                )
                problems.append(Problem(file, None, None, column, message, "export csv or json"))
    return problems


def xlsx_document(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    kinds: Mapping[str, str],
    title: str = SHEET_TITLE,
    *,
    today: date,
) -> bytes:
    """The workbook's bytes: a bold, frozen header row, a filter, typed cells.

    `kinds` maps a column to "date", "number" or "bool"; other columns are text.
    `today` dates the workbook. Check the rows with :func:`xlsx_problems` first.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column_number, (column, value) in enumerate(zip(header, row, strict=True), start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=row_number, column=column_number)
            kind = kinds.get(column, "text")
            if kind == "text":
                cell.value = str(value)
                cell.data_type = "s"  # text, even when it begins with `=`
                cell.number_format = TEXT_FORMAT
            elif kind == "date" and isinstance(value, date):
                cell.value = value
                cell.number_format = DATE_FORMAT
            else:
                cell.value = value
    for number, column in enumerate(header, start=1):
        letter = get_column_letter(number)
        dimension = sheet.column_dimensions[letter]
        kind = kinds.get(column, "text")
        if kind in ("text", "date"):
            dimension.number_format = TEXT_FORMAT if kind == "text" else DATE_FORMAT
        longest = max([len(column), *(len(str(row[number - 1] or "")) for row in rows)])
        dimension.width = min(max(longest, 8) + 2, 60)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    book.properties.creator = "partnerctl"
    made = datetime(today.year, today.month, today.day)
    book.properties.created = book.properties.modified = made
    buffer = io.BytesIO()
    # ExcelWriter, not book.save(), which would set `modified` to the clock's time.
    ExcelWriter(book, _DatedZip(buffer, made)).save()
    return buffer.getvalue()


class _DatedZip(zipfile.ZipFile):
    """A zip being written whose entries all carry one date (not the clock's time)."""

    def __init__(self, file: io.BytesIO, made: datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        year = min(max(made.year, 1980), 2107)  # the years a zip entry can hold
        self.stamp = (year, made.month, made.day, 0, 0, 0)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        """A file from disk (openpyxl writes each sheet to one first), dated like the rest."""
        with open(filename, "rb") as handle:
            self.writestr(str(arcname or filename), handle.read())

    def writestr(
        self, zinfo_or_arcname: str | zipfile.ZipInfo, data: Any, *args: Any, **kwargs: Any
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16  # what ZipFile gives a named entry
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)
