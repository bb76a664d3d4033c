"""The report's two pictures: touches per week over the term, and the stage funnel.

Pure functions of plain records and dates, like the rest of core: the HTML
report draws them (`render/charts.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from partnerctl.records import BreakRec, PartnerRec

# The stages a partnership moves through, in order; the others (paused,
# declined, lapsed) are off the funnel.
PIPELINE = ("prospect", "contacted", "meeting", "committed", "active")
# The school year starts on August 1: the "term" of the weekly chart runs from
# there (of the school year that holds the report's last day).
TERM_START_MONTH = 8
MIN_WEEKS = 8
MAX_WEEKS = 104  # two years: a longer --from/--to period charts its last two years


@dataclass(frozen=True)
class Week:
    """Seven days and the touches in them; `in_period` when they fall in the report's period."""

    start: date
    end: date
    touches: int
    in_period: bool
    school_break: str | None  # a school break that covers three or more of its days


@dataclass(frozen=True)
class FunnelStep:
    """A pipeline stage: partners that reached it (it or a later one, now or before) and now."""

    stage: str
    reached: int
    now: int


def term_start(day: date) -> date:
    """The first day of the school year that holds `day` (August 1)."""
    year = day.year if day.month >= TERM_START_MONTH else day.year - 1
    return date(year, TERM_START_MONTH, 1)


def weekly_touches(
    partners: Mapping[str, PartnerRec],
    breaks: Iterable[BreakRec],
    start: date,
    end: date,
) -> list[Week]:
    """Touches per seven days, in weeks ending on `end`, back over the term (and the period).

    The weeks end on the report's last day, so the last one counts what the
    weekly report counts. They reach back to the term's start or the
    period's, whichever is earlier, and to at least MIN_WEEKS and at most
    MAX_WEEKS weeks.
    """
    first = min(term_start(end), start)
    count = min(max(MIN_WEEKS, (end - first).days // 7 + 1), MAX_WEEKS)
    if end.toordinal() - 7 * count < 1:  # never before the first day a date can hold
        count = (end.toordinal() - 1) // 7
    days: dict[date, int] = {}
    earliest = end - timedelta(days=7 * count - 1)
    for partner in partners.values():
        for touch in partner["touchpoints"]:
            if earliest <= touch["date"] <= end:
                days[touch["date"]] = days.get(touch["date"], 0) + 1
    rests = list(breaks)
    weeks: list[Week] = []
    for index in range(count - 1, -1, -1):
        week_end = end - timedelta(days=7 * index)
        week_start = week_end - timedelta(days=6)
        touches = sum(days.get(week_start + timedelta(days=d), 0) for d in range(7))
        in_period = week_end >= start and week_start <= end
        weeks.append(Week(week_start, week_end, touches, in_period, _break(rests, week_start)))
    return weeks


def _break(breaks: list[BreakRec], week_start: date) -> str | None:
    """The school break that covers the most (three or more) of the seven days from `week_start`.

    Three, so that a Monday-to-Friday break shades the one week holding most
    of it, whatever weekday the weeks end on.
    """
    best, most = None, 2
    for rest in breaks:
        first = max(rest["from"], week_start)
        last = min(rest["to"], week_start + timedelta(days=6))
        if (last - first).days + 1 > most:
            best, most = rest["name"], (last - first).days + 1
    return best


def furthest_stage(partner: PartnerRec) -> int:
    """The index in PIPELINE of the furthest stage the partner has reached.

    Its stage now, and every stage a touchpoint moved it to, count; a lapsed
    partner (DESIGN: a former partner gone quiet) was active. Every partner
    was at least a prospect.
    """
    stages = [partner["stage"], *(t["stage"] for t in partner["touchpoints"] if t["stage"])]
    reached = [PIPELINE.index(stage) for stage in stages if stage in PIPELINE]
    if partner["stage"] == "lapsed":
        reached.append(PIPELINE.index("active"))
    return max(reached, default=0)


def funnel(partners: Iterable[PartnerRec]) -> list[FunnelStep]:
    """For each pipeline stage, the partners that reached it and those at it now."""
    reached = [0] * len(PIPELINE)
    now = dict.fromkeys(PIPELINE, 0)
    for partner in partners:
        for index in range(furthest_stage(partner) + 1):
            reached[index] += 1
        if partner["stage"] in now:
            now[partner["stage"]] += 1
    return [FunnelStep(stage, reached[i], now[stage]) for i, stage in enumerate(PIPELINE)]
