"""What partnerctl refuses to read, found before it costs anything.

Files over MAX_FILE_BYTES, bytes that are not UTF-8, absurdly deep nesting
(libyaml crashes at some tens of thousands of levels) and alias bombs
(billion laughs). :func:`partnerctl.workspace.yamlio.parse_yaml` runs the
checks on text and on the composed document; the loader there refuses
unknown tags and duplicate keys itself.
"""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, SequenceNode

from partnerctl.errors import Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FLOW_DEPTH = 100  # nested [ ] and { }: files of partnerctl need about 4
MAX_INDENT = 400  # columns of indentation (or `- ` markers) before a line's content
MAX_EXPANDED_NODES = 200_000  # values after aliases are expanded (billion laughs)

_DEEP_INDENT_RE = re.compile(rf"^[ \t?:-]{{{MAX_INDENT},}}", re.MULTILINE)
_BRACKET_RE = re.compile(r"[\[\]{}]")


def node_line_col(node: Node) -> tuple[int, int]:
    """The 1-based line and column where a composed node starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


# --- bytes to text ------------------------------------------------------------


def too_big(file: str, size: int) -> Problem:
    """The problem of a file over MAX_FILE_BYTES, with a hint that fits its kind.

    A partner file is one partner: it cannot be split, only made shorter.
    """
    if file.replace("\\", "/").rsplit("/", 2)[-2:-1] == ["partners"]:
        hint = "move old touchpoints to an archive file, or shorten the notes"
    else:
        hint = "split it into several files"
    return Problem(
        file,
        None,
        None,
        None,
        f"the file is too big ({size / (1024 * 1024):.1f} MiB; the limit is "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MiB)",
        hint=hint,
    )


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """The text of a file's bytes: UTF-8 with or without a BOM; anything else is refused."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [too_big(file, len(raw))]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        return None, [
            Problem(
                file,
                1,
                1,
                None,
                "the file is not UTF-8 text (it looks like UTF-16)",
                hint="save it as UTF-8",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        start = err.start
        line = raw.count(b"\n", 0, start) + 1
        line_start = raw.rfind(b"\n", 0, start) + 1
        column = len(raw[line_start:start].decode("utf-8", "replace")) + 1
        return None, [
            Problem(
                file,
                line,
                column,
                None,
                f"the file is not UTF-8 text (byte 0x{raw[start]:02x} here)",
                hint="save it as UTF-8; Latin-1 and Windows-1252 files need converting",
            )
        ]


# --- hazards ------------------------------------------------------------------


def line_col(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of `text[index]`."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def check_nesting(text: str, file: str) -> Problem | None:
    """Refuse absurdly deep nesting before the parser sees it (cheap; no false alarms
    for partnerctl's shallow files)."""
    deep = _DEEP_INDENT_RE.search(text)
    if deep is not None:
        line, _ = line_col(text, deep.start())
        return Problem(
            file,
            line,
            1,
            None,
            f"nesting is too deep (more than {MAX_INDENT} levels of indentation)",
            hint="partnerctl files nest only a few levels",
        )
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return None
    depth = 0
    for match in _BRACKET_RE.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_FLOW_DEPTH:
                line, col = line_col(text, match.start())
                return Problem(
                    file,
                    line,
                    col,
                    None,
                    f"nesting is too deep (more than {MAX_FLOW_DEPTH} levels of brackets)",
                    hint="partnerctl files nest only a few levels",
                )
        else:
            depth = max(0, depth - 1)
    return None


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def check_expansion(root: Node, file: str) -> Problem | None:
    """Refuse alias bombs: the size of the document with every alias expanded.

    Memoized over the node graph, so it costs one pass over the distinct nodes
    however large the expansion; a recursive alias is refused too.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            sizes[key] = total
            if total > MAX_EXPANDED_NODES:
                line, col = node_line_col(node)
                return Problem(
                    file,
                    line,
                    col,
                    None,
                    f"aliases here expand to more than {MAX_EXPANDED_NODES:,} values",
                    hint="write the values out, or use fewer `*alias` references",
                )
            continue
        if key in sizes:
            continue
        if key in on_path:
            line, col = node_line_col(node)
            return Problem(file, line, col, None, "an alias refers to itself")
        children = _children(node)
        if not children:
            sizes[key] = 1
            continue
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return None
