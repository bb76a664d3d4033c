"""Reading YAML safely: text stays text, and every hazard becomes a located Problem.

The loader resolves no implicit types: every plain scalar is text except
`~`, `null`, `Null`, `NULL` and an empty value (null), so `best_time: 10:30`
stays "10:30" and `phone: 0142` stays "0142"; pydantic converts text to
dates, numbers and booleans later. Hazards are refused before they cost
anything: the loader refuses unknown tags and duplicate keys (PyYAML would
silently keep the last); :mod:`partnerctl.workspace.hazards` refuses
oversized files, encodings other than UTF-8, deep nesting and alias bombs.
Syntax errors get a hint in the user's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from partnerctl.errors import Problem
from partnerctl.workspace.hazards import check_expansion, check_nesting, line_col, node_line_col

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TEXT_TAGS = ("str", "int", "float", "bool", "timestamp")


@dataclass
class Parsed:
    """The result of reading one YAML file: data (None when unreadable) and problems."""

    data: Any = None
    node: Node | None = None  # the composed document, for locating later errors
    problems: list[Problem] = field(default_factory=list)


class _Refused(Exception):
    """A hazard found while constructing; carries its located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class TextLoader(_Base):  # type: ignore[misc]
    """Safe loader in which plain scalars are text and duplicate keys are recorded."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}
    yaml_constructors: ClassVar[dict[Any, Any]] = {}
    file_name: str = "<text>"

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.found: list[Problem] = []

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """The tag of an untagged node: a plain null (see _NULLS) or text, nothing else.

        The parser calls this for every scalar (millions in a large workspace);
        PyYAML's generic resolve would look up implicit resolvers and match a regex each
        time, so none are registered.
        """
        if kind is ScalarNode:
            return _NULL_TAG if implicit[0] and value in _NULLS else _STR_TAG
        return super().resolve(kind, value, implicit)


_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_NULLS = frozenset({"~", "null", "Null", "NULL", ""})  # the plain scalars that are null


def _construct_null(loader: TextLoader, node: Node) -> None:
    return None


def _construct_text(loader: TextLoader, node: Node) -> str:
    if not isinstance(node, ScalarNode):
        line, col = node_line_col(node)
        raise _Refused(
            Problem(loader.file_name, line, col, None, f"tag {node.tag} needs a plain value")
        )
    return str(node.value)


def _construct_seq(loader: TextLoader, node: SequenceNode) -> Iterator[list[Any]]:
    data: list[Any] = []
    yield data
    data.extend(loader.construct_object(child) for child in node.value)


def _construct_map(loader: TextLoader, node: MappingNode) -> Iterator[dict[str, Any]]:
    data: dict[str, Any] = {}
    yield data
    seen: dict[str, Node] = {}
    for key_node, value_node in node.value:
        # Places (node_line_col) are computed only for a problem: this loop runs for every key.
        if not isinstance(key_node, ScalarNode) or key_node.tag not in (
            "tag:yaml.org,2002:str",
            "tag:yaml.org,2002:null",
        ):
            line, col = node_line_col(key_node)
            loader.found.append(
                Problem(loader.file_name, line, col, None, "a key must be plain text")
            )
            continue
        key = str(key_node.value)
        if key in seen:
            line, col = node_line_col(key_node)
            first_line, _ = node_line_col(seen[key])
            loader.found.append(
                Problem(
                    loader.file_name,
                    line,
                    col,
                    None,
                    f"duplicate key {key!r} (also on line {first_line})",
                    hint="keep one of them: YAML would silently drop the first",
                )
            )
            continue
        seen[key] = key_node
        data[key] = loader.construct_object(value_node)


def _short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _construct_unknown(loader: TextLoader, node: Node) -> None:
    line, col = node_line_col(node)
    raise _Refused(
        Problem(
            loader.file_name,
            line,
            col,
            None,
            f"the tag {_short_tag(node.tag)} is not allowed",
            hint="partnerctl files hold plain text, lists and mappings; remove the `!` tag",
        )
    )


TextLoader.add_constructor("tag:yaml.org,2002:null", _construct_null)
for _name in _TEXT_TAGS:
    TextLoader.add_constructor(f"tag:yaml.org,2002:{_name}", _construct_text)
TextLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
TextLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
TextLoader.add_constructor(None, _construct_unknown)


# --- parsing ------------------------------------------------------------------

_SYNTAX_HINTS = (
    ("mapping values are not allowed", "text that holds ': ' needs quotes"),
    (
        "cannot start any token",
        "indent with spaces, not tabs, and quote text that starts with @ or `",
    ),
    ("could not find expected ':'", "each line of a mapping is `key: value`"),
    ("did not find expected key", "check this line's indentation"),
    ("did not find expected '-'", "check this line's indentation"),
    ("end of stream", "a quote or bracket is not closed"),
    ("found undefined alias", "each `*name` needs an `&name` before it"),
    ("expected a single document", "one file holds one document: remove the extra `---`"),
    ("another document", "one file holds one document: remove the extra `---`"),
    ("tab character", "indent with spaces, not tabs"),
)


def _syntax_problem(err: yaml.YAMLError, text: str, file: str) -> Problem:
    if isinstance(err, yaml.MarkedYAMLError):
        mark = err.problem_mark or err.context_mark
        what = err.problem or err.context or "unreadable YAML"
        line = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
    elif isinstance(err, yaml.reader.ReaderError):
        index = min(max(err.position, 0), len(text))
        line, col = line_col(text, index)
        what = f"character #x{err.character:04x} is not allowed in YAML"
        if isinstance(err.character, str):
            what = f"character #x{ord(err.character):04x} is not allowed in YAML"
    else:
        line = col = None
        what = str(err)
    hint = next((h for key, h in _SYNTAX_HINTS if key in what), None)
    if line is not None and col is not None and hint in _INDENT_SUSPECTS:
        hint = _indentation_hint(text, line - 1, col - 1) or hint
    return Problem(file, line, col, None, f"YAML syntax: {what}", hint=hint)


# Hints that an indentation mistake also produces; _indentation_hint says which it is.
_INDENT_SUSPECTS = ("text that holds ': ' needs quotes", "check this line's indentation")
_LEAD_RE = re.compile(r"^ *(?:- +)*")
_KEY_COLON_RE = re.compile(r":(?=\s|$)")
_YAML_BREAK_RE = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _indentation_hint(text: str, index: int, column: int) -> str | None:
    """Name the indentation when the faulted line is a key indented unlike the line above.

    `      role:` one level too deep, or ` owner:` one space in, make YAML
    read the line as more of the value above, and then fault the key's colon
    (or the line's start): the line is the problem, not quoting. A colon
    later in the line is text that needs quotes (None: keep that hint).
    """
    lines = _YAML_BREAK_RE.split(text)  # YAML's own line breaks, as its marks count them
    if not 0 <= index < len(lines):
        return None
    line = lines[index]
    here = _lead(line)
    colon = _KEY_COLON_RE.search(line, here)
    if column != here and (colon is None or column != colon.start()):
        return None
    above = next(
        (
            lines[i]
            for i in range(index - 1, -1, -1)
            if lines[i].strip() and not lines[i].lstrip().startswith("#")
        ),
        None,
    )
    if above is None or above.rstrip().endswith(":"):
        return None  # the first line, or the first key of a new block
    there = _lead(above)
    if here == there:
        return None
    return (
        f"check the indentation: this line is indented {_spaces(here)}, "
        f"the keys above it {_spaces(there)}"
    )


def _lead(line: str) -> int:
    """Where a line's keys start: after its spaces and any `- ` markers."""
    match = _LEAD_RE.match(line)
    return match.end() if match else 0


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def parse_yaml(text: str, file: str) -> Parsed:
    """Parse one YAML document safely; problems instead of exceptions."""
    refused = check_nesting(text, file)
    if refused is not None:
        return Parsed(problems=[refused])
    loader = TextLoader(text)
    loader.file_name = file
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as err:
            return Parsed(problems=[_syntax_problem(err, text, file)])
        except RecursionError:
            return Parsed(problems=[Problem(file, None, None, None, "nesting is too deep")])
        if node is None:
            return Parsed(node=None)
        if "*" in text:
            refused = check_expansion(node, file)
            if refused is not None:
                return Parsed(problems=[refused])
        try:
            data = loader.construct_document(node)
        except _Refused as err:
            return Parsed(node=node, problems=[err.problem])
        except yaml.YAMLError as err:
            return Parsed(node=node, problems=[_syntax_problem(err, text, file)])
        return Parsed(data=data, node=node, problems=list(loader.found))
    finally:
        loader.dispose()


def load_text(text: str) -> Any:
    """Parse YAML text with the text-keeping loader (raises yaml.YAMLError); for tests."""
    parsed = parse_yaml(text, "<text>")
    if parsed.problems:
        raise ValueError(parsed.problems[0].render())
    return parsed.data
