"""`import`'s reading: a CSV, xlsx or JSON file of partners as located rows.

:func:`read_rows` turns the file into :class:`Row` objects located by line
(CSV: the file line where the row starts, the header being line 1; xlsx: the
sheet's row number) or key path (JSON: `partners[3]`), with the problems of
the file's shape: an unknown column (with a did-you-mean), a row of the wrong
width, a formula or error value in an xlsx cell, a date that is not
YYYY-MM-DD. Validating the rows as partners is :mod:`partnerctl.workspace.importing`'s.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from partnerctl.core.exchange import COLUMNS, DATE_COLUMNS, field_value
from partnerctl.dates import DATE_ORDERS, is_sheet_date, sheet_date, sheet_date_readings
from partnerctl.errors import Problem
from partnerctl.words import did_you_mean

# The sheet `import` reads from a workbook: this one when it has it, else the first.
SHEET_NAME = "partners"


@dataclass(frozen=True)
class Sheet:
    """What one kind of import file holds: partners, or placements (workspace.placement_import).

    `key` is the JSON document's list and the word in messages; `field_value`
    turns a cell's text into its raw value (`guarded`: a CSV cell, which may
    carry the formula guard's `'`); `date_columns` are read with `--date-format`;
    `read_only` columns are for people and left out of the rows;
    `private` columns are refused with `private_words` (message, hint) instead
    of a did-you-mean: a placements file never carries a student's name.
    """

    key: str
    columns: tuple[str, ...]
    field_value: Callable[..., Any]
    date_columns: frozenset[str] = frozenset()
    read_only: frozenset[str] = frozenset()  # shown for people; import leaves them out
    private: frozenset[str] = frozenset()
    private_words: tuple[str, str] = ("", "")


PARTNERS = Sheet("partners", COLUMNS, field_value, frozenset(DATE_COLUMNS))


@dataclass
class Row:
    """One partner read from the import file: where it is and what it says."""

    partner_id: str
    line: int | None  # CSV: the file line where the row starts; xlsx: the sheet's row
    prefix: str | None  # JSON: `partners[3]`
    values: dict[str, Any]  # CSV, xlsx: column → raw value; JSON: the partner's mapping
    is_sheet: bool  # a row of columns (CSV or xlsx), not a JSON mapping
    # Columns whose cell was already refused while reading: left out of `values`, so that
    # checking the row does not report them again (nor a next_action without its date).
    refused: set[str] = field(default_factory=set)


def read_rows(
    data: bytes | str,
    shown: str,
    fmt: str,
    *,
    date_order: str | None = None,
    sheet: Sheet = PARTNERS,
) -> tuple[list[Row], list[Problem]]:
    """The rows of a CSV, xlsx or JSON import file, and the problems of its shape.

    `data` is text for CSV and JSON, bytes for xlsx. `date_order` ("mdy",
    "dmy") reads dates like 9/1/2024 in the date columns; without it they are
    refused with a hint naming the orders that make sense of them. `sheet`
    says what the file holds (partners, or placements).
    """
    if fmt == "json":
        assert isinstance(data, str)
        return _json_rows(data, shown, sheet)
    if fmt == "xlsx":
        assert isinstance(data, bytes)
        table, problems = _xlsx_table(data, shown)
        guarded = False
    else:
        assert isinstance(data, str)
        table, problems = _csv_table(data, shown)
        guarded = True
    if problems or not table:
        return [], problems
    is_csv = fmt == "csv"
    return _sheet_rows(table, shown, sheet, guarded=guarded, date_order=date_order, is_csv=is_csv)


def sheet_name(data: bytes | str, fmt: str) -> str:
    """`placements` for a file of placements (a `placements` list, or a `partner` column).

    An xlsx workbook holds placements when its first sheet is named so.
    """
    if fmt == "xlsx":
        table, _problems = _xlsx_table(data, "") if isinstance(data, bytes) else ([], [])
        header = [cell.strip() for cell in table[0][1]] if table else []
    elif fmt == "json":
        try:
            doc = json.loads(data)
        except json.JSONDecodeError:
            return "partners"  # read_rows says what is wrong with it
        return "placements" if isinstance(doc, dict) and "placements" in doc else "partners"
    else:
        assert isinstance(data, str)
        table, _problems = _csv_table(data, "")
        header = [cell.strip() for cell in table[0][1]] if table else []
    return "placements" if "partner" in header else "partners"


Table = list[tuple[int, list[str]]]  # (line or sheet row, cells as text), the header first


def _csv_table(text: str, shown: str) -> tuple[Table, list[Problem]]:
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    table: Table = []
    line = 1
    try:
        for cells in reader:
            table.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as err:
        return [], [Problem(shown, reader.line_num, None, None, f"not CSV: {err}")]
    if not table:
        return [], [Problem(shown, None, None, None, "the file is empty", "export one to start")]
    return table, []


def _sheet_rows(
    table: Table, shown: str, sheet: Sheet, *, guarded: bool, date_order: str | None, is_csv: bool
) -> tuple[list[Row], list[Problem]]:
    """Rows of a table whose first row is the header (CSV and xlsx alike)."""
    problems: list[Problem] = []
    header = [name.strip() for name in table[0][1]]
    for name in header:
        if name in sheet.private:
            message, hint = sheet.private_words
            problems.append(Problem(shown, 1, None, None, f"column {name!r}: {message}", hint))
        elif name not in sheet.columns:
            hint = did_you_mean(name, sheet.columns) or "columns: " + ", ".join(sheet.columns)
            problems.append(Problem(shown, 1, None, None, f"unknown column {name!r}", hint))
        elif header.count(name) > 1:
            problems.append(Problem(shown, 1, None, None, f"column {name!r} appears twice"))
    if "id" not in header:
        problems.append(Problem(shown, 1, None, None, "no 'id' column", "the first column is id"))
    if problems:
        return [], sorted(set(problems), key=lambda p: p.message)
    rows: list[Row] = []
    for line, cells in table[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        if is_csv and len(cells) != len(header):
            message = f"{len(cells)} cells where the header has {len(header)}"
            problems.append(
                Problem(shown, line, None, None, message, "quote cells that hold commas")
            )
            continue
        cells = cells + [""] * (len(header) - len(cells))  # xlsx leaves out empty cells at the end
        values: dict[str, Any] = {}
        refused: set[str] = set()
        for name, cell in zip(header, cells, strict=True):
            if name in sheet.read_only:
                continue
            value = sheet.field_value(name, cell, guarded=guarded)
            if name in sheet.date_columns and isinstance(value, str):
                value, problem = _date_cell(value, shown, line, name, date_order)
                if problem is not None:
                    problems.append(problem)
                    refused.add(name)
                    continue
            values[name] = value
        partner_id = values.pop("id") or ""
        rows.append(Row(partner_id.strip(), line, None, values, True, refused))
    return rows, problems


def _date_cell(
    text: str, shown: str, line: int, column: str, order: str | None
) -> tuple[Any, Problem | None]:
    """A date column's cell: ISO stays text (validation reads it); 9/1/2024 needs an order."""
    if not is_sheet_date(text):
        return text, None
    if order is not None:
        try:
            return sheet_date(text, order), None
        except ValueError as err:
            return None, Problem(shown, line, None, column, str(err))
    readings = sheet_date_readings(text)
    hint = "; ".join(
        f"if it means {day.isoformat()} ({DATE_ORDERS[name]}), import with --date-format {name}"
        for name, day in readings.items()
    )
    hint = (hint + "; or" if hint else "") + " format the column as YYYY-MM-DD in the spreadsheet"
    message = f"{text!r} is not a YYYY-MM-DD date"
    return None, Problem(shown, line, None, column, message, hint.strip())


def _xlsx_table(raw: bytes, shown: str) -> tuple[Table, list[Problem]]:
    """The first sheet named `partners` (else the first sheet) as text cells, by sheet row."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception as err:  # openpyxl raises many kinds for a file that is no workbook
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        hint = "save it from the spreadsheet as an Excel workbook (.xlsx)"
        return [], [Problem(shown, None, None, None, f"not an xlsx workbook: {reason}", hint)]
    try:
        sheet = book[SHEET_NAME] if SHEET_NAME in book.sheetnames else book.worksheets[0]
        table: Table = []
        problems: list[Problem] = []
        header: list[str] = []
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            texts: list[str] = []
            for index, cell in enumerate(cells):
                column = header[index] if index < len(header) else f"column {index + 1}"
                text, message = _xlsx_text(cell.value, cell.data_type)
                if message is not None:
                    problems.append(Problem(shown, number, None, column, message))
                texts.append(text)
            if number == 1:
                while texts and not texts[-1].strip():
                    texts.pop()
                header = [text.strip() for text in texts]
            elif len(texts) > len(header) and any(t.strip() for t in texts[len(header) :]):
                message = f"a cell right of the last column ({header[-1] if header else 'id'})"
                problems.append(Problem(shown, number, None, None, message, "give it a header"))
            table.append((number, texts[: len(header)] if number > 1 else texts))
    except Exception as err:  # a damaged sheet fails while it is read, not while it is opened
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        return [], [Problem(shown, None, None, None, f"not a readable xlsx workbook: {reason}")]
    finally:
        book.close()
    if not table or not table[0][1]:
        return [], [Problem(shown, None, None, None, "the sheet is empty", "export one to start")]
    return table, problems


def _xlsx_text(value: Any, data_type: str | None) -> tuple[str, str | None]:
    """An xlsx cell as the text a CSV cell would hold, or an error message."""
    if value is None:
        return "", None
    if data_type == "f":
        formula = str(value).replace(" ", "").upper()
        if formula in ("=TRUE()", "=FALSE()"):  # how LibreOffice saves a true/false cell
            return formula[1:-2].lower(), None
        hint = "replace it by its value (copy, then paste special: values only)"
        return "", f"holds a formula ({value}); import reads values ({hint})"
    if data_type == "e":
        return "", f"holds the error value {value}"
    if isinstance(value, bool):
        return ("true" if value else "false"), None
    if isinstance(value, int):
        return str(value), None
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else repr(value)), None
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat(), None
        return value.isoformat(sep=" ", timespec="minutes"), None
    if isinstance(value, date):
        return value.isoformat(), None
    if isinstance(value, time):
        return value.isoformat(timespec="seconds" if value.second else "minutes"), None
    return str(value), None


def _json_rows(text: str, shown: str, sheet: Sheet) -> tuple[list[Row], list[Problem]]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        return [], [Problem(shown, err.lineno, err.colno, None, f"not JSON: {err.msg}")]
    key = sheet.key
    hint = f'expected {{"version": 1, "{key}": [...]}} as `partnerctl export --format json` writes'
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
        return [], [Problem(shown, None, None, None, f"no '{key}' list", hint)]
    if doc.get("version") != 1:
        return [], [Problem(shown, None, None, "version", "only version 1 is known", hint)]
    rows: list[Row] = []
    problems: list[Problem] = []
    for index, item in enumerate(doc[key]):
        prefix = f"{key}[{index}]"
        if not isinstance(item, dict):
            a_kind = key.removesuffix("s")
            problems.append(Problem(shown, None, None, prefix, f"expected a mapping (a {a_kind})"))
            continue
        values = dict(item)
        partner_id = values.pop("id", None)
        if not isinstance(partner_id, str):
            problems.append(Problem(shown, None, None, prefix, "'id' is required (text)"))
            continue
        rows.append(Row(partner_id, None, prefix, values, is_sheet=False))
    return rows, problems
