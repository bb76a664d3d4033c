"""`partnerctl pitch ID`: a one-page brief and checklist before a meeting with one partner."""

from __future__ import annotations

from typing import Annotated

import typer

from partnerctl.cli.app import app, command_formats, state
from partnerctl.cli.complete import complete_partner_id

PITCH_FORMATS = command_formats("pitch", ("table", "plain", "md", "json"))


@app.command()
def pitch(
    partner_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The partner's id.", autocompletion=complete_partner_id),
    ],
) -> None:
    """A one-page brief and checklist before meeting one partner.

    The opening matches the partner's needs to the skills of every pathway
    and offers its openings a pipeline of students. The checklist marks what
    is known (✓) and what to find out (✗): business, trends, openings, needs,
    peers, the decision maker, and timing (busy seasons judged on --today).
    Use --format md to print it or paste it into an email.

    Example: partnerctl pitch riverside-auto --format md
    """
    import sys

    from partnerctl.cli.listing import unknown_partner
    from partnerctl.core.pitch import build_pitch
    from partnerctl.render import pitch as render

    current = state()
    fmt = current.output_format(PITCH_FORMATS)
    workspace = current.workspace()
    partner = workspace.partners.get(partner_id)
    if partner is None:
        unknown_partner(workspace, partner_id)
        return
    found = build_pitch(partner, workspace.partners.values(), workspace.settings, current.today())
    if fmt == "table":
        render.table(found, current.console())
        return
    if fmt == "json":
        text = render.json_doc(found, workspace.errors)
    elif fmt == "md":
        text = render.md_doc(found)
    else:
        text = render.plain(found)
    sys.stdout.write(text)
