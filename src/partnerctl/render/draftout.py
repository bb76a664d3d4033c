"""A rendered draft as plain text, Markdown, an .eml file (RFC 5322 + MIME) or a mailto: link.

partnerctl never sends anything: each format hands the message to the
director's own mail program or editor. Text from the files is shown
literally everywhere (control and bidi characters as visible escapes).
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import TYPE_CHECKING

from partnerctl.render.mdprose import md_line, md_prose
from partnerctl.render.text import clean, clean_line

if TYPE_CHECKING:
    from partnerctl.core.draft import Draft
    from partnerctl.errors import Problem
    from partnerctl.records import ContactRec
    from partnerctl.render.drafttemplate import Rendered

# RFC 6068 sets no limit, but mail programs and browsers drop longer links.
MAILTO_LIMIT = 2000
# The most characters of a post on each platform, shortest first (stated in the README).
SOCIAL_LIMITS = (
    ("X", 280),
    ("Bluesky", 300),
    ("Threads", 500),
    ("Mastodon", 500),
    ("Instagram", 2200),
    ("LinkedIn", 3000),
    ("Facebook", 63206),
)


def social_length(post: str) -> int:
    """A post's length as the platforms count it: characters (code points) after NFC."""
    return len(unicodedata.normalize("NFC", post))


def social_fit(post: str) -> tuple[str, bool]:
    """`187 characters: fits X (280), …` (or `too long for X (280); fits …`), and if X fits."""
    length = social_length(post)
    fits = [f"{name} ({limit:,})" for name, limit in SOCIAL_LIMITS if length <= limit]
    over = [f"{name} ({limit:,})" for name, limit in SOCIAL_LIMITS if length > limit]
    words = f"{length:,} characters"
    if over:
        words += f": too long for {', '.join(over)}"
        words += f"; fits {', '.join(fits)}" if fits else ""
    else:
        words += f": fits {', '.join(fits)}"
    return words, not over


def json_doc(
    found: Rendered,
    draft: Draft,
    sender: tuple[str, str | None],
    warnings: list[Problem],
    errors: list[Problem],
) -> str:
    """`{"version": 1, "kind", "partner", "today", "to", "from", "subject", "body", "social",
    "warnings", "errors"}`: the text as written, for scripts (JSON is data, not for a terminal)."""
    from partnerctl.render.jsonout import document

    person = draft.recipient
    social = None
    if found.social is not None:
        length = social_length(found.social)
        social = {
            "text": found.social,
            "characters": length,
            "fits": [name for name, limit in SOCIAL_LIMITS if length <= limit],
            "too_long_for": [name for name, limit in SOCIAL_LIMITS if length > limit],
        }
    body: dict[str, object] = {
        "kind": draft.kind,
        "partner": draft.partner,
        "today": draft.context["today"],
        "to": None if person is None else {"name": person["name"], "email": person["email"]},
        "from": None if sender[1] is None else {"name": sender[0] or None, "address": sender[1]},
        "subject": found.subject,
        "body": found.body,
        "social": social,
        "warnings": [problem.as_json() for problem in warnings],
    }
    return document(body, errors=errors)


def to_line(recipient: ContactRec | None) -> str | None:
    """`Rick Alvarez <rick@example.com>`, `Shawna Pike (no email on file)`, or None."""
    if recipient is None:
        return None
    if recipient["email"]:
        return f"{recipient['name']} <{recipient['email'].strip()}>"
    return f"{recipient['name']} (no email on file)"


def plain_doc(found: Rendered, recipient: ContactRec | None, social: str | None = None) -> str:
    """`To:` and `Subject:` lines (and the social post's fit), a blank line, the body."""
    head = []
    shown_to = to_line(recipient)
    if shown_to is not None:
        head.append(f"To: {clean_line(shown_to)}")
    head.append(f"Subject: {clean_line(found.subject)}")
    if social is not None:
        head.append(f"Social post: {social}")
    return "\n".join(head) + "\n\n" + clean(found.body)


def md_doc(found: Rendered, recipient: ContactRec | None, social: str | None = None) -> str:
    """The same as plain, as Markdown: bold labels, escaped text, lines kept."""
    head = []
    shown_to = to_line(recipient)
    if shown_to is not None:
        head.append(f"**To:** {md_line(shown_to)}")
    head.append(f"**Subject:** {md_line(found.subject)}")
    if social is not None:
        head.append(f"**Social post:** {md_line(social)}")
    return "  \n".join(head) + "\n\n" + md_prose(found.body)


def eml_doc(
    found: Rendered,
    recipient: tuple[str, str],
    sender: tuple[str, str],
    day: date,
    timezone: str | None,
) -> str:
    """An RFC 5322 message with a UTF-8 text/plain body, marked `X-Unsent: 1` (a draft).

    `recipient` and `sender` are (name, address). Names that are not ASCII
    are encoded as RFC 2047 words by Python's email package; the body is
    quoted-printable, so every line of the file stays short and 7-bit. The
    Date is the draft's day at midnight in the program's time zone; the
    mail program sets its own when it sends.
    """
    from datetime import datetime, time
    from email import policy
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.utils import format_datetime
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(timezone) if timezone else ZoneInfo("UTC")
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = Address(display_name=clean_line(sender[0]), addr_spec=sender[1])
    message["To"] = Address(display_name=clean_line(recipient[0]), addr_spec=recipient[1])
    message["Subject"] = clean_line(found.subject)
    message["Date"] = format_datetime(datetime.combine(day, time(0, 0), tzinfo=zone))
    message["X-Unsent"] = "1"
    message.set_content(clean(found.body), charset="utf-8", cte="quoted-printable")
    return message.as_string()


def mailto_link(address: str, found: Rendered, whole: str) -> str:
    """An RFC 6068 `mailto:` link of at most MAILTO_LIMIT characters.

    Past the limit the body loses whole lines from its end, and a last line
    says so and gives `whole` (the command that prints the whole message).
    """
    from urllib.parse import quote

    def link(subject: str, body: str) -> str:
        crlf = body.replace("\r\n", "\n").replace("\n", "\r\n")
        return (
            f"mailto:{quote(address.strip(), safe='@')}"
            f"?subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"
        )

    subject, body = clean_line(found.subject), clean(found.body)
    full = link(subject, body)
    if len(full) <= MAILTO_LIMIT:
        return full
    note = f"[Shortened to fit a mail link. The whole message: {whole}]\n"
    lines = body.rstrip("\n").split("\n")
    while lines:
        lines.pop()
        shortened = link(subject, "\n".join(lines).rstrip("\n") + "\n\n" + note)
        if len(shortened) <= MAILTO_LIMIT:
            return shortened
    while subject:
        subject = subject[:-1]
        shortened = link(subject.rstrip() + "…", note)
        if len(shortened) <= MAILTO_LIMIT:
            return shortened
    return link("", "")  # only for an address near the limit by itself: the CLI refuses those
