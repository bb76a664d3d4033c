"""Small shared pieces for Rich tables, Markdown tables and CSV, all safe for user text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from partnerctl.render.text import clean, clean_line, md_text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text


def cell(text: str | None, style: str = "") -> Text:
    """A Rich cell of user text: cleaned, never read as markup ('' for None)."""
    from rich.text import Text

    return Text(clean_line(text or ""), style=style)


def multiline_cell(lines: Iterable[tuple[str, str]]) -> Text:
    """A Rich cell of several (text, style) lines, each cleaned."""
    from rich.text import Text

    out = Text()
    for index, (text, style) in enumerate(lines):
        if index:
            out.append("\n")
        out.append(clean_line(text), style=style)
    return out


def hanging(console: Console, text: Text, indent: int = 2, hang: int = 4) -> Text:
    """`text` wrapped to the console's width: its first line at `indent`, the rest at `hang`.

    Rich wraps a long line back to column 0; a hanging indent keeps an item's
    continuation lines under it, apart from the next item. A word longer than
    a line is folded.
    """
    from rich.text import Text

    out = Text()
    lines = text.wrap(console, max(console.width - max(indent, hang), 1), overflow="fold")
    for index, line in enumerate(lines):
        line.rstrip()
        if index:
            out.append("\n")
        out.append(" " * (hang if index else indent))
        out.append_text(line)
    return out


def print_command(console: Console, command: str, indent: str = "  ") -> None:
    """`→ COMMAND`, dim, on one line that is never wrapped, so that it copies whole.

    A terminal narrower than the command folds it softly, without a newline.
    """
    console.print(cell(f"{indent}→ {command}", "dim"), soft_wrap=True)


def new_table(*headers: str, title: str | None = None) -> Table:
    """A plain-looking Rich table: a header rule, no outer box, no highlighting."""
    from rich import box
    from rich.table import Table

    table = Table(
        *headers,
        box=box.SIMPLE_HEAD,
        title=title,
        title_justify="left",
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        header_style="bold",
        highlight=False,
    )
    return table


def safe_csv_cell(value: object) -> str:
    """A CSV cell: text as is, except text that starts with = + - @ tab or CR gets a '."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)  # numbers we computed (-3 days late) are not formulas
    from partnerctl.core.exchange import protect_cell

    return protect_cell(value)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A whole CSV document with a header row and formula-safe cells."""
    from partnerctl.core.exchange import csv_lines

    return csv_lines([header, *([safe_csv_cell(value) for value in row] for row in rows)])


def md_table(header: Sequence[str], rows: Iterable[Sequence[str | None]]) -> str:
    """A GitHub-flavoured Markdown table; every cell is `md_text`."""
    lines = [
        "| " + " | ".join(md_text(name) for name in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(md_text(value) for value in row) + " |")
    return "\n".join(lines) + "\n"


def plain_text(text: str | None) -> str:
    """User text for a plain line: one line, control characters shown as escapes."""
    return clean_line(text or "")


__all__ = [
    "cell",
    "clean",
    "csv_text",
    "hanging",
    "md_table",
    "multiline_cell",
    "new_table",
    "plain_text",
    "print_command",
    "safe_csv_cell",
]
