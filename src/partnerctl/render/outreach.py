"""`prospects` and `plan` output: table, plain, json, csv and md."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from partnerctl.render.empty import NOTHING_FITS, NOTHING_TO_PLAN, no_prospects
from partnerctl.render.table import cell, csv_text, md_table, multiline_cell, new_table, plain_text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from partnerctl.core.plan import Plan
    from partnerctl.core.prospects import Fit
    from partnerctl.errors import Problem

TERM_LABELS = {
    "relationship": "relationship",
    "pathway": "pathway",
    "distance": "distance",
    "early_adopter": "early adopter",
    "needs": "needs",
    "busy_season": "busy season",
}


DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_name(day: date) -> str:
    """`Mon` … `Sun`, the same in every locale."""
    return DAY_NAMES[day.weekday()]


def number(value: float) -> str:
    """A score or term as people read it: 6.5, 3, -1."""
    return f"{value:g}"


def csv_number(value: float) -> int | float:
    """A score or term for a CSV cell: a number, so `-1` is not quoted like a formula."""
    return int(value) if float(value).is_integer() else value


def signed(value: float) -> str:
    """A term with its sign: +3, -1."""
    return f"{value:+g}"


def why_lines(fit: Fit) -> list[str]:
    """`+3  relationship: Owner's daughter graduated 2022`, one per non-zero term."""
    return [f"{signed(value):>4}  {reason}" for _, value, reason in fit.why]


# --- prospects --------------------------------------------------------------------


def prospects_plain(
    fits: Sequence[Fit], stages: Sequence[str] | None, empty: str | None = None
) -> str:
    """One line per partner (score, id, stage, name), then its reasons indented.

    With no partner at the chosen stages: the line `empty`, else one saying so.
    """
    if not fits:
        return (empty or no_prospects(stages)) + "\n"
    lines: list[str] = []
    for fit in fits:
        lines.append(f"{number(fit.score):>4}  {fit.partner}  {fit.stage}  {plain_text(fit.name)}")
        lines += ["      " + plain_text(line) for line in why_lines(fit)]
    return "\n".join(lines) + "\n"


def prospects_table(
    fits: Sequence[Fit],
    stages: Sequence[str] | None,
    console: Console,
    empty: str | None = None,
) -> None:
    """A Rich table: score, partner, stage and the reasons with their points."""
    from rich.text import Text

    if not fits:
        console.print(Text(empty or no_prospects(stages)))
        return
    grid = new_table("Score", "Partner", "Stage", "Why", title="Best fit first")
    grid.columns[0].justify = "right"
    grid.columns[3].ratio = 3
    points = max([4, *(len(signed(value)) for fit in fits for _, value, _ in fit.why)])
    for fit in fits:
        grid.add_row(
            cell(number(fit.score), "bold"),
            multiline_cell([(fit.name, "bold"), (fit.partner, "dim")]),
            cell(fit.stage),
            _why_grid(fit, points) if fit.why else cell("-", "dim"),
        )
    console.print(grid)


def _why_grid(fit: Fit, points: int) -> Table:
    """The points and reasons of one fit: a reason too long wraps under itself, not its points."""
    from rich.table import Table

    why = Table.grid(padding=(0, 2, 0, 0))
    why.add_column(justify="right", no_wrap=True, width=points)
    why.add_column(overflow="fold")
    for _, value, reason in fit.why:
        why.add_row(cell(signed(value)), cell(reason))
    return why


def prospects_json(fits: Sequence[Fit], today: date, errors: list[Problem] | None) -> str:
    """`{"version": 1, "today", "items": [{"partner", "score", "terms", "reasons"}]}`."""
    from partnerctl.render.jsonout import document

    return document({"today": today, "items": [fit.as_json() for fit in fits]}, errors=errors)


def prospects_csv(fits: Sequence[Fit]) -> str:
    """One row per partner: its score, each term, and the reasons joined with '; '."""
    from partnerctl.core.prospects import TERM_NAMES

    header = ("partner", "name", "stage", "score", *TERM_NAMES, "reasons")
    rows = [
        (
            fit.partner,
            fit.name,
            fit.stage,
            csv_number(fit.score),
            *(csv_number(fit.terms[name]) for name in TERM_NAMES),
            "; ".join(fit.reasons),
        )
        for fit in fits
    ]
    return csv_text(header, rows)


def prospects_md(
    fits: Sequence[Fit], stages: Sequence[str] | None, empty: str | None = None
) -> str:
    """A Markdown table, the reasons joined with '; '."""
    if not fits:
        return (empty or no_prospects(stages)) + "\n"
    rows = [
        (
            number(fit.score),
            fit.name,
            fit.partner,
            fit.stage,
            "; ".join(f"{signed(value)} {reason}" for _, value, reason in fit.why),
        )
        for fit in fits
    ]
    return md_table(("Score", "Partner", "Id", "Stage", "Why"), rows)


# --- plan ---------------------------------------------------------------------------


def plan_heading(plan: Plan) -> str:
    """`Plan 2026-11-25 to 2027-01-05, at most 3 a week`."""
    return (
        f"Plan {plan.start.isoformat()} to {plan.end.isoformat()}, at most {plan.per_week} a week"
    )


def plan_plain(plan: Plan, empty: str = NOTHING_TO_PLAN) -> str:
    """A heading, one line per proposal, then one `unplaced` line per partner left out.

    With no partner to plan, the heading and the line `empty`.
    """
    lines = [plan_heading(plan)]
    if not plan.items and not plan.unplaced:
        lines.append(empty)
    elif not plan.items:
        lines.append(NOTHING_FITS)
    for item in plan.items:
        lines.append(
            f"{item.date.isoformat()} {day_name(item.date)}  {item.partner}  "
            f"{plain_text(item.action)}  ({plain_text(item.reason)})"
        )
    for left in plan.unplaced:
        lines.append(f"unplaced  {left.partner}  {plain_text(left.reason)}")
    return "\n".join(lines) + "\n"


def plan_table(plan: Plan, console: Console, empty: str = NOTHING_TO_PLAN) -> None:
    """The proposals as a Rich table, then the partners left out."""
    from rich.text import Text

    if not plan.items:
        console.print(Text(plan_heading(plan)))
        console.print(Text(NOTHING_FITS if plan.unplaced else empty))
    else:
        grid = new_table("Date", "Partner", "To do", "Why", title=plan_heading(plan))
        grid.columns[0].no_wrap = True
        for item in plan.items:
            grid.add_row(
                cell(f"{day_name(item.date)} {item.date.isoformat()}"),
                multiline_cell([(item.name, "bold"), (item.partner, "dim")]),
                cell(item.action),
                cell(item.reason, "dim"),
            )
        console.print(grid)
    if plan.unplaced:
        left = new_table("Partner", "Why not placed", title="Not placed")
        for gone in plan.unplaced:
            left.add_row(
                multiline_cell([(gone.name, "bold"), (gone.partner, "dim")]),
                cell(gone.reason, "yellow"),
            )
        console.print(left)


def plan_json(plan: Plan, today: date, errors: list[Problem] | None) -> str:
    """`{"version": 1, "today", "period": {"from", "to"}, "items": [...], "unplaced": [...]}`."""
    from partnerctl.render.jsonout import document

    body = {
        "today": today,
        "period": {"from": plan.start, "to": plan.end},
        "items": [item.as_json() for item in plan.items],
        "unplaced": [left.as_json() for left in plan.unplaced],
    }
    return document(body, errors=errors)


def plan_csv(plan: Plan) -> str:
    """One row per proposal, then one per unplaced partner (with an empty date)."""
    rows: list[tuple[object, ...]] = [
        ("planned", item.date.isoformat(), item.partner, item.action, item.reason)
        for item in plan.items
    ]
    rows += [("unplaced", None, left.partner, None, left.reason) for left in plan.unplaced]
    return csv_text(("status", "date", "partner", "action", "reason"), rows)


def plan_md(plan: Plan, empty: str = NOTHING_TO_PLAN) -> str:
    """A heading, the proposals as a Markdown table, and the partners left out."""
    out = f"**{plan_heading(plan)}**\n\n"
    if not plan.items and not plan.unplaced:
        return out + empty + "\n"
    rows = [
        (f"{day_name(item.date)} {item.date.isoformat()}", item.partner, item.action, item.reason)
        for item in plan.items
    ]
    if rows:
        out += md_table(("Date", "Partner", "To do", "Why"), rows)
    else:
        out += NOTHING_FITS + "\n"
    if plan.unplaced:
        out += "\n**Not placed**\n\n"
        out += md_table(
            ("Partner", "Why not placed"), [(left.partner, left.reason) for left in plan.unplaced]
        )
    return out
