"""Writing YAML text for new values: safe scalars, flow and block collections.

Every scalar is written so that it reads back as exactly the text (or date,
number, boolean) it stands for: plain when that is unambiguous, else
double-quoted with escapes. "Unambiguous" is judged the way PyYAML reads
YAML 1.1, where ``yes``, ``10:30``, ``010`` and ``~`` are not text.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

# Characters a plain scalar may not start with (YAML indicators), and the
# characters that end a plain scalar inside a flow collection.
_BAD_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_BREAKERS = frozenset(",[]{}:")
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
FLOW_WIDTH = 70  # a list of scalars longer than this is written as a block list

_RESOLVER: Any = None


def _resolves_to_text(text: str) -> bool:
    global _RESOLVER
    if _RESOLVER is None:
        import yaml

        _RESOLVER = yaml.resolver.Resolver()
        _RESOLVER.scalar = yaml.ScalarNode
    import yaml

    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    return tag == "tag:yaml.org,2002:str"


def _needs_escape(char: str) -> bool:
    code = ord(char)
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or char in "\u2028\u2029\ufeff\ufffe\uffff"
    )


def plain_ok(text: str, *, flow: bool = False) -> bool:
    """Whether `text` can be written as a plain scalar and read back as the same text."""
    if not text or text != text.strip(" ") or text[0] in _BAD_FIRST:
        return False
    if any(_needs_escape(char) or char == "\t" for char in text):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(char in _FLOW_BREAKERS for char in text):
        return False
    return _resolves_to_text(text)


def double_quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar, escaping what YAML would not keep."""
    out = ['"']
    for char in text:
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif _needs_escape(char):
            code = ord(char)
            if code < 0x100:
                out.append(f"\\x{code:02x}")
            elif code < 0x10000:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def scalar(value: Any, *, flow: bool = False) -> str:
    """One scalar value as YAML text: text, date, number, boolean or None."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write the number {value!r}")
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise TypeError(f"cannot write a {type(value).__name__} as a YAML scalar")
    return value if plain_ok(value, flow=flow) else double_quoted(value)


def raw_value(value: Any) -> Any:
    """What `value` reads back as through a text-preserving loader (see yamltext.raw_data).

    Scalars become their text; None entries of a mapping are left out, as the
    emitters below leave them out.
    """
    if value is None:
        return None
    if isinstance(value, dict):
        return {str(key): raw_value(item) for key, item in value.items() if item is not None}
    if isinstance(value, (list, tuple)):
        return [raw_value(item) for item in value]
    if isinstance(value, str):
        return value
    return scalar(value)


def typed(value: Any) -> Any:
    """Raw text (as a text-preserving loader reads it) as the value that writes it plain.

    The merge driver copies values as text: `2026-12-08`, `4`, `true` and
    `2.4` would be double-quoted as text, though partnerctl reads them plain
    as the same text. A date, number or boolean whose own text is exactly the
    raw text is written plain, as partnerctl's own edits write them; any other
    text stays text. Mappings and lists are walked.
    """
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [typed(item) for item in value]
    if not isinstance(value, str) or plain_ok(value):
        return value
    candidate: Any = None
    if value in ("true", "false"):
        candidate = value == "true"
    else:
        from partnerctl.records import ISO_DATE_RE, iso_date

        try:
            if ISO_DATE_RE.match(value):
                candidate = iso_date(value)
            elif value.lstrip("-").isdigit():
                candidate = int(value)
            else:
                candidate = float(value)
        except ValueError:
            return value
    try:
        return candidate if scalar(candidate) == value else value
    except ValueError:
        return value


def is_collection(value: Any) -> bool:
    """Whether `value` is written as a mapping or a list rather than a scalar."""
    return isinstance(value, (dict, list, tuple))


def flow(value: Any) -> str:
    """`value` in flow style: `[a, b]`, `{k: v}` or a scalar."""
    if isinstance(value, dict):
        inner = ", ".join(f"{key}: {flow(item)}" for key, item in value.items() if item is not None)
        return "{" + inner + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return scalar(value, flow=True)


def flow_fits(value: Any) -> bool:
    """Whether a list is short and simple enough to write as `[a, b]`."""
    if not isinstance(value, (list, tuple)):
        return False
    if any(is_collection(item) for item in value):
        return not value
    return len(flow(value)) <= FLOW_WIDTH


def entry_lines(key: str, value: Any, indent: int) -> list[str]:
    """`key: value` as block lines at `indent` (lines carry no line break)."""
    pad = " " * indent
    if isinstance(value, dict):
        fields = mapping_lines(value, indent + 2)
        return [f"{pad}{key}:", *fields] if fields else [f"{pad}{key}: {{}}"]
    if isinstance(value, (list, tuple)):
        if flow_fits(value):
            return [f"{pad}{key}: {flow(value)}"]
        return [f"{pad}{key}:", *sequence_lines(value, indent + 2)]
    return [f"{pad}{key}: {scalar(value)}"]


def mapping_lines(value: dict[str, Any], indent: int) -> list[str]:
    """A mapping's entries as block lines; None values are left out."""
    lines: list[str] = []
    for key, item in value.items():
        if item is not None:
            lines.extend(entry_lines(key, item, indent))
    return lines


def item_lines(item: Any, dash: int, offset: int = 2, *, flow_mapping: bool = False) -> list[str]:
    """One list item as block lines: its dash at column `dash`, its content at dash+offset."""
    head = " " * dash + "-" + " " * (offset - 1)
    if isinstance(item, dict):
        if flow_mapping or not any(value is not None for value in item.values()):
            return [head + flow(item)]
        fields = mapping_lines(item, dash + offset)
        return [head + fields[0][dash + offset :], *fields[1:]]
    if isinstance(item, (list, tuple)):
        return [head + flow(item)]
    return [head + scalar(item)]


def sequence_lines(items: Any, dash: int, offset: int = 2) -> list[str]:
    """A block list, each item's dash at column `dash`."""
    lines: list[str] = []
    for item in items:
        lines.extend(item_lines(item, dash, offset))
    return lines
