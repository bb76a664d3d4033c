"""The report's pictures as inline SVG: touches per week over the term, and the stage funnel.

Plain SVG elements with a `<title>` on each mark (the browser shows it on
hover), no script and nothing fetched. Sizes are in the viewBox's units: the
page scales the picture to its width, so it reads the same on a phone and on
paper. User text (a school break's name) is escaped like every other.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from partnerctl.render.text import clean_line, count

if TYPE_CHECKING:
    from partnerctl.core.trends import FunnelStep, Week

WIDTH = 400
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _esc(text: str) -> str:
    return html.escape(clean_line(text), quote=True)


def _num(value: float) -> str:
    """A coordinate with at most one decimal (`12`, `12.5`)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _nice_top(most: int) -> int:
    """The top of the y axis: the largest count rounded up to 1–5, 10, 20, 50, … (at least 1)."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if most <= 5 * step:
            return max(step * -(-most // step), 1)
    return most


def weekly_chart(weeks: Sequence[Week]) -> str:
    """A bar chart of touches per week: the report's own weeks darker, school breaks shaded."""
    left, right, top, bottom = 26.0, 4.0, 14.0, 22.0
    height = 150.0
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    most = _nice_top(max((w.touches for w in weeks), default=0))
    slot = plot_w / max(len(weeks), 1)
    first, last = (weeks[0], weeks[-1]) if weeks else (None, None)
    label = "Touches per week"
    if first is not None and last is not None:
        label += f", {first.start.isoformat()} to {last.end.isoformat()}"
    out = [
        f'<svg class="chart weeks" viewBox="0 0 {WIDTH} {_num(height)}" role="img" '
        f'aria-label="{_esc(label)}">',
        f"<title>{_esc(label)}</title>",
    ]
    for index, week in enumerate(weeks):
        if week.school_break:
            x = left + index * slot
            out.append(
                f'<rect class="break" x="{_num(x)}" y="{_num(top)}" width="{_num(slot)}" '
                f'height="{_num(plot_h)}"><title>{_esc(week.school_break)}</title></rect>'
            )
    for tick in sorted({0, most} | ({most // 2} if most % 2 == 0 else set())):
        y = top + plot_h - plot_h * tick / most
        out.append(
            f'<line class="grid" x1="{_num(left)}" x2="{_num(WIDTH - right)}" '
            f'y1="{_num(y)}" y2="{_num(y)}"/>'
            f'<text class="axis" x="{_num(left - 4)}" y="{_num(y + 3.5)}" '
            f'text-anchor="end">{tick}</text>'
        )
    bar_w = max(slot * 0.72, 1.0)
    month = None
    for index, week in enumerate(weeks):
        x = left + index * slot + (slot - bar_w) / 2
        bar_h = plot_h * week.touches / most
        touches = count(week.touches, "touch", "touches")
        tip = f"{week.start.isoformat()} to {week.end.isoformat()}: {touches}"
        cls = "bar now" if week.in_period else "bar"
        out.append(
            f'<rect class="{cls}" x="{_num(x)}" y="{_num(top + plot_h - bar_h)}" '
            f'width="{_num(bar_w)}" height="{_num(bar_h)}"><title>{_esc(tip)}</title></rect>'
        )
        if week.touches and slot >= 12:
            out.append(
                f'<text class="value" x="{_num(x + bar_w / 2)}" '
                f'y="{_num(top + plot_h - bar_h - 3)}" text-anchor="middle">{week.touches}</text>'
            )
        if week.end.month != month:
            month = week.end.month
            out.append(
                f'<text class="axis" x="{_num(left + index * slot)}" y="{_num(height - 7)}">'
                f"{MONTHS[month - 1]}</text>"
            )
    out.append("</svg>")
    return "".join(out)


def funnel_chart(steps: Sequence[FunnelStep]) -> str:
    """The pipeline as a funnel: each band as wide as the partners that reached its stage."""
    row, gap, top = 30.0, 4.0, 2.0
    height = top + len(steps) * (row + gap)
    most = max((s.reached for s in steps), default=0) or 1
    widths = [max(WIDTH * 0.96 * s.reached / most, 24.0) for s in steps]
    label = "Stage funnel: " + ", ".join(f"{s.stage} {s.reached}" for s in steps)
    out = [
        f'<svg class="chart funnel" viewBox="0 0 {WIDTH} {_num(height)}" role="img" '
        f'aria-label="{_esc(label)}">',
        f"<title>{_esc(label)}</title>",
    ]
    for index, step in enumerate(steps):
        y = top + index * (row + gap)
        upper = widths[index]
        lower = widths[index + 1] if index + 1 < len(steps) else upper * 0.9
        centre = WIDTH / 2
        points = " ".join(
            f"{_num(px)},{_num(py)}"
            for px, py in (
                (centre - upper / 2, y),
                (centre + upper / 2, y),
                (centre + lower / 2, y + row),
                (centre - lower / 2, y + row),
            )
        )
        share = ""
        if index and steps[index - 1].reached:
            share = f" ({round(100 * step.reached / steps[index - 1].reached)}%)"
        text = f"{step.stage}: {step.reached} reached{share} · {step.now} now"
        tip = f"{count(step.reached, 'partner')} reached {step.stage}{share}; {step.now} at it now"
        out.append(
            f'<polygon class="band band{index}" points="{points}"><title>{_esc(tip)}</title>'
            f'</polygon><text class="band-text" x="{_num(centre)}" y="{_num(y + row / 2 + 4)}" '
            f'text-anchor="middle">{_esc(text)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
