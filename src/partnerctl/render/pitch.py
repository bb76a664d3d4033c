"""`pitch ID` output: a one-page brief as styled lines (table), plain lines, Markdown or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnerctl.render.text import clean_line, md_text

if TYPE_CHECKING:
    from rich.console import Console

    from partnerctl.core.pitch import Peer, Pitch
    from partnerctl.errors import Problem

# Peers shown in the text formats (JSON has them all).
PEERS_SHOWN = 5
OK, MISSING = "✓", "✗"

# One section: a heading and its lines; a line is (label or None, text, ok or None).
Line = tuple[str | None, str, bool | None]
Section = tuple[str, list[Line]]


def title(found: Pitch) -> str:
    """The brief's heading."""
    return f"Pitch brief: {found.name} ({found.partner})"


def subtitle(found: Pitch) -> str:
    """Program, stage and the day the brief was judged on."""
    return f"{found.program} · {found.stage} · {found.today.isoformat()}"


def peer_text(peer: Peer) -> str:
    """`Bolt Motors (active)`, or `Pixel (active, shares the Digital Media pathway)`."""
    from partnerctl.core.pitch import join_words

    if peer.via != "pathway":
        return f"{peer.name} ({peer.stage})"
    noun = "pathway" if len(peer.pathway_names) == 1 else "pathways"
    return f"{peer.name} ({peer.stage}, shares the {join_words(peer.pathway_names)} {noun})"


def sections(found: Pitch) -> list[Section]:
    """The brief's sections in order, shared by every text format."""
    checklist: list[Line] = []
    for check in found.checklist:
        checklist.append((check.item, check.detail, check.ok))
        if check.command is not None:
            checklist.append((None, "→ " + check.command, None))
    matches: list[Line] = [
        (None, f"{m.need} → {m.skill} ({m.pathway_name})", None) for m in found.matches
    ]
    if not matches:
        why = "no need shares a word with a pathway skill" if found.needs else "no needs on file"
        matches = [(None, f"none: {why}", None)]
    peers: list[Line] = [
        (None, peer_text(p) + (": " + "; ".join(p.offers) if p.offers else ""), None)
        for p in found.peers[:PEERS_SHOWN]
    ]
    if len(found.peers) > PEERS_SHOWN:
        peers.append((None, f"… and {len(found.peers) - PEERS_SHOWN} more", None))
    if not peers:
        peers = [(None, "none yet", None)]
    benefits: list[Line] = [(key, text, None) for key, text in found.benefits.items()]
    ask: list[Line] = [(a.kind, a.reason, None) for a in found.ask] or [
        (None, "it already gives every kind its peers give: ask for more seats", None)
    ]
    return [
        ("Opening", [(None, found.opening, None)]),
        ("Checklist", checklist),
        ("Needs met by pathway skills", matches),
        ("Peers", peers),
        ("Benefits", benefits),
        ("The ask", ask),
    ]


def _mark(ok: bool | None) -> str:
    return "" if ok is None else (OK if ok else MISSING) + " "


def plain(found: Pitch) -> str:
    """Stable lines: heading, then `Section:` and indented lines."""
    lines = [clean_line(title(found)), clean_line(subtitle(found))]
    for head, items in sections(found):
        lines.append(f"{head}:")
        for label, text, ok in items:
            lead = f"{label}: " if label else ""
            lines.append("  " + _mark(ok) + clean_line(lead + text))
    return "\n".join(lines) + "\n"


def table(found: Pitch, console: Console) -> None:
    """The brief for a terminal: bold headings, green ✓ and red ✗, wrapped with an indent."""
    from rich.table import Table
    from rich.text import Text

    console.print(Text(clean_line(title(found)), style="bold"))
    console.print(Text(clean_line(subtitle(found)), style="dim"))
    for head, items in sections(found):
        console.print(Text(head, style="bold underline"))
        grid = Table.grid(padding=(0, 0, 0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for label, text, ok in items:
            shown = " " if ok is None else "  " + _mark(ok).strip()
            mark = Text(shown, style="" if ok is None else ("green" if ok else "bold red"))
            line = Text()
            if label:
                line.append(clean_line(label) + ": ", style="bold")
            line.append(clean_line(text))
            grid.add_row(mark, line)
        console.print(grid)


def peer_json(peer: Peer) -> dict[str, object]:
    """`{"partner", "name", "stage", "offers", "via"}`; a peer by pathway adds `"pathways"`."""
    out: dict[str, object] = {
        "partner": peer.id,
        "name": peer.name,
        "stage": peer.stage,
        "offers": list(peer.offers),
        "via": peer.via,
    }
    if peer.via == "pathway":
        out["pathways"] = list(peer.pathways)
    return out


def md_doc(found: Pitch) -> str:
    """Markdown to print or paste into an email."""
    lines = [f"# {md_text(title(found))}", "", md_text(subtitle(found)), ""]
    for head, items in sections(found):
        lines += [f"## {head}", ""]
        if head == "Opening":
            lines += [md_text(items[0][1]), ""]
            continue
        for label, text, ok in items:
            lead = f"**{md_text(label)}**: " if label else ""
            lines.append("- " + _mark(ok) + lead + md_text(text))
        lines.append("")
    return "\n".join(lines)


def json_doc(found: Pitch, errors: list[Problem] | None) -> str:
    """`{"version": 1, "partner", "today", "opening", "checklist", "peers", "matches", ...}`."""
    from partnerctl.render.jsonout import document

    body: dict[str, object] = {
        "partner": found.partner,
        "today": found.today,
        "opening": found.opening,
        "checklist": [
            {"item": c.item, "ok": c.ok, "detail": c.detail}
            | ({"command": c.command} if c.command else {})
            for c in found.checklist
        ],
        "peers": [peer_json(p) for p in found.peers],
        "matches": [
            {
                "need": m.need,
                "skill": m.skill,
                "pathway": m.pathway,
                "pathway_name": m.pathway_name,
                "shared": list(m.shared),
            }
            for m in found.matches
        ],
        "benefits": dict(found.benefits),
        "ask": [{"kind": a.kind, "reason": a.reason} for a in found.ask],
    }
    return document(body, errors=errors)
