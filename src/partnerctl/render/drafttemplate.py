"""Draft templates: a `Subject: …` line, a blank line and the body, rendered by Jinja2's sandbox.

A template is the program's own (`templates/KIND.txt` in the workspace) or
partnerctl's (`drafts/KIND.txt` in the package). Jinja2's
SandboxedEnvironment renders it with StrictUndefined, so a misspelt variable
is an error rather than a blank, and a template can read the draft's
variables but reach nothing of Python's. Every problem in a program's
template is one located line, `templates/intro.txt:7:12: error: …` (the
column where it can be told), exit 2; a problem in a built-in one is a bug.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from partnerctl.errors import DataError, Problem

if TYPE_CHECKING:
    from jinja2 import Template
    from jinja2.sandbox import SandboxedEnvironment

SUBJECT = "Subject:"
# Jinja names the frames of a template compiled from a string so.
JINJA_FRAME = "<template>"
VARIABLES_HINT = 'the variables are listed in the README, "Drafting messages"'
SYNTAX_HINT = "Jinja writes {{ name }}, {% if … %}…{% endif %} and {% for … %}…{% endfor %}"
# The block of a spotlight template that holds the social post.
SOCIAL_BLOCK = "social"
_UNDEFINED_RE = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")
_BLANK_RUN_RE = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class TemplateSource:
    """A template's text and the name its errors carry."""

    file: str  # `templates/intro.txt`, or `drafts/intro.txt` for a built-in one
    text: str
    builtin: bool = False


@dataclass(frozen=True)
class Rendered:
    """A rendered draft: one-line subject, tidy body, and a spotlight's social post."""

    subject: str
    body: str
    social: str | None = None


def builtin_template(kind: str) -> TemplateSource:
    """partnerctl's own template of `kind` (package data under partnerctl/drafts/)."""
    from importlib.resources import files

    text = files("partnerctl").joinpath("drafts", f"{kind}.txt").read_text(encoding="utf-8")
    return TemplateSource(f"drafts/{kind}.txt", text, builtin=True)


def and_list(items: Any) -> str:
    """The `and_list` filter: `a`, `a and b`, `a, b and c`."""
    from partnerctl.core.pitch import join_words

    return join_words(str(item) for item in items)


def _environment() -> SandboxedEnvironment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # A fact that is not on file is None; it prints as nothing, never as "None".
        finalize=lambda value: "" if value is None else value,
    )
    env.filters["and_list"] = and_list
    return env


def _fail(
    source: TemplateSource, line: int, column: int | None, message: str, hint: str
) -> NoReturn:
    problem = Problem(source.file, line, column, None, message, hint)
    if source.builtin:
        raise RuntimeError(f"built-in template: {problem.render()}")
    raise DataError(found=[problem])


def split_template(source: TemplateSource) -> tuple[str, int, str]:
    """(subject text, its column, body text): line 1 `Subject: …`, line 2 blank, then the body."""
    text = source.text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    shape = "a template is a `Subject: …` line, a blank line, then the body"
    first = lines[0]
    if not first.lower().startswith(SUBJECT.lower()):
        _fail(source, 1, 1, "the first line must be `Subject: …`", shape)
    subject = first[len(SUBJECT) :]
    column = len(SUBJECT) + 1 + (len(subject) - len(subject.lstrip()))
    if not subject.strip():
        _fail(source, 1, column, "the subject is empty", "write the subject after `Subject:`")
    if len(lines) < 3 or not "\n".join(lines[2:]).strip():
        _fail(source, min(len(lines), 3), 1, "the template has no body", shape)
    if lines[1].strip():
        _fail(source, 2, 1, "line 2 must be blank", shape)
    return subject.strip(), column, "\n".join(lines[2:])


def _compile(
    env: SandboxedEnvironment, source: TemplateSource, text: str, first_line: int, column: int
) -> Template:
    from jinja2 import TemplateSyntaxError

    try:
        return env.from_string(text)
    except TemplateSyntaxError as err:
        line = first_line + (err.lineno or 1) - 1
        _fail(
            source,
            line,
            column if first_line == 1 else None,
            err.message or str(err),
            SYNTAX_HINT,
        )


def _locate(source: TemplateSource, err: Exception, first_line: int) -> tuple[int, int | None]:
    """The file's line (and column, when the name that failed is on it) of a render error."""
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename == JINJA_FRAME]
    relative = frames[-1].lineno if frames and frames[-1].lineno else 1
    line = first_line + relative - 1
    match = _UNDEFINED_RE.search(str(err))
    column = None
    lines = source.text.replace("\r\n", "\n").split("\n")
    if match and line <= len(lines):
        name = match.group(1) or match.group(2)
        found = re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", lines[line - 1])
        if found:
            column = found.start() + 1
    return line, column


def _render(
    template: Template, source: TemplateSource, context: dict[str, Any], first_line: int
) -> str:
    from jinja2.exceptions import SecurityError, UndefinedError

    try:
        return template.render(context)
    except Exception as err:  # any failure of the program's template is located
        line, column = _locate(source, err, first_line)
        if isinstance(err, UndefinedError):
            hint = VARIABLES_HINT
        elif isinstance(err, SecurityError):
            hint = "a template reads the draft's variables and nothing else"
        else:
            hint = "fix the expression on this line"
        _fail(source, line, column, str(err), hint)


def tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, no blank lines around the text.

    A variable that is empty (no peers to name, no best time on file) leaves
    no gap, so templates can give each optional sentence its own line.
    """
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_RUN_RE.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


def render_draft(
    source: TemplateSource, context: dict[str, Any], *, social: bool = False
) -> Rendered:
    """The draft from `source` with `context`; `social`: also render the `social` block."""
    subject_text, column, body_text = split_template(source)
    env = _environment()
    subject_template = _compile(env, source, subject_text, 1, column)
    body_template = _compile(env, source, body_text, 3, 1)
    subject = " ".join(_render(subject_template, source, context, 1).split())
    if not subject:
        _fail(source, 1, column, "the subject renders empty", "give it text outside `{% if %}`")
    body = tidy(_render(body_template, source, context, 3))
    post = None
    if social:
        if SOCIAL_BLOCK not in body_template.blocks:
            _fail(
                source,
                3,
                None,
                "a spotlight template needs the social post in `{% block social %}…{% endblock %}`",
                'see partnerctl\'s own in the README, "Drafting messages"',
            )
        block = body_template.blocks[SOCIAL_BLOCK]
        try:
            post = "".join(block(body_template.new_context(context))).strip()
        except Exception as err:  # as in _render
            line, col = _locate(source, err, 3)
            _fail(source, line, col, str(err), VARIABLES_HINT)
    return Rendered(subject, body, post)
