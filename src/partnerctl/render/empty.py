"""What a command says when it has nothing to show: one line, what is missing and what to do.

Table, plain and md print the line instead of an empty table or a bare
heading; json and csv stay well-formed documents (empty `items`, a header).
The wording lives here so that every command says it the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from partnerctl.dates import add_days

NO_PARTNERS = 'No partners yet: `partnerctl add ID --name "…"` adds one.'
NO_MATCH = "No partners match; drop a filter to see more."
NOTHING_TO_PLAN = (
    "Nothing to plan: no prospect or lapsed partner without a `next`; "
    '`partnerctl add ID --name "…"` adds a prospect.'
)
NOTHING_FITS = "Nothing fits in these weeks: see why below (more --weeks may help)."
EMPTY_CALENDAR = "Nothing on the calendar in these weeks; --weeks N looks further ahead."
NO_SPOTLIGHT_HISTORY = (
    "No published spotlight yet: "
    '`partnerctl spotlight add ID --where PLACE --title "…"` records one.'
)


def no_prospects(stages: Sequence[str] | None) -> str:
    """`prospects` with nobody at the chosen stages (None: every stage but declined)."""
    if stages is None:
        return (
            'No partners to rank: every one is declined; `partnerctl add ID --name "…"` adds one.'
        )
    return (
        "No partners at stage " + " or ".join(stages) + "; --all ranks every partner but declined."
    )


def no_spotlight(today: date, within: int) -> str:
    """`spotlight` with nobody to recognize now (or within `within` days)."""
    if within:
        end = add_days(today, within)
        return (
            f"No partner is due for a spotlight from {today.isoformat()} to {end.isoformat()}; "
            "`partnerctl spotlight --history` shows the past ones."
        )
    return f"No partner is due for a spotlight on {today.isoformat()}; --within 30 looks ahead."


NO_PLACEMENTS = (
    "No placements yet: `partnerctl placement add PARTNER --student CODE --kind KIND "
    "--start DATE --end DATE --supervisor NAME` adds one."
)
NO_PLACEMENT_MATCH = "No placements match; drop a filter to see more."
