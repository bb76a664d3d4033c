"""Click's usage errors in partnerctl's one error form.

Click finds the usage errors of the command line itself (an unknown option,
a value that is not a number, a missing argument). partnerctl shows them as
it shows its own: one `error: MESSAGE (HINT)` line, exit 2, and a JSON error
document under `--format json`.

Typer 0.26 and later bundle Click as a private module, and earlier releases
depend on Click the package, so partnerctl imports neither: it knows Click's
errors by their public interface (`format_message()` and `exit_code`).
"""

from __future__ import annotations

import re
from typing import Any

from partnerctl.errors import Problem

# Click's own suggestion at the end of a message, as its releases word it: "Did
# you mean --owner?", "(Possible options: --owner, --other)", "(Did you mean
# one of: '--mine', '--within'?)".
_SUGGESTION = re.compile(
    r"[.\s]*\(?(did you mean [^?]+\?|possible options: [^)]*)\)?\s*$", re.IGNORECASE
)


def is_click_error(err: BaseException) -> bool:
    """Whether `err` is one of Click's errors (a usage error or another ClickException)."""
    return callable(getattr(err, "format_message", None)) and isinstance(
        getattr(err, "exit_code", None), int
    )


def click_error_problem(err: Any) -> Problem:
    """The Problem line of a Click error: its message, and a hint (Click's suggestion, or help)."""
    message = " ".join(str(err.format_message()).split())
    option = _bad_option(err)
    if option is not None:
        message = f"{option}: {' '.join(str(err.message).split())}"
    hint = None
    found = _SUGGESTION.search(message)
    if found:
        message = message[: found.start()]
        hint = found.group(1)
        if hint.lower().startswith("possible options: "):
            hint = "did you mean one of " + hint[len("possible options: ") :] + "?"
        else:
            hint = hint[0].lower() + hint[1:]
    message = message.rstrip(".")
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    if hint is None:
        hint = f"`{_command_path(err)} --help` shows the usage"
    return Problem(None, None, None, None, message, hint)


def _bad_option(err: Any) -> str | None:
    """`--within` for Click's "Invalid value for '--within': ..." (a bad value of an option)."""
    if type(err).__name__ != "BadParameter" or not isinstance(getattr(err, "message", None), str):
        return None
    opts = getattr(getattr(err, "param", None), "opts", None)
    if not opts or not all(isinstance(opt, str) for opt in opts):
        return None
    return str(max(opts, key=len))


def click_error_command(err: Any) -> str | None:
    """The name of the (sub)command whose command line Click refused; None for the root."""
    ctx = getattr(err, "ctx", None)
    if ctx is None or getattr(ctx, "parent", None) is None:
        return None
    name = getattr(getattr(ctx, "command", None), "name", None)
    return name if isinstance(name, str) else None


def _command_path(err: Any) -> str:
    """`partnerctl due`: the command whose usage was wrong (else `partnerctl`)."""
    ctx = getattr(err, "ctx", None)
    path = getattr(ctx, "command_path", None) if ctx is not None else None
    return path if isinstance(path, str) and path else "partnerctl"
