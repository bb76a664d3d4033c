"""A YAML mapping file's text and its composed nodes: where each value's text lies.

Files are composed with the reader's loader (libyaml's when present), so
every file `validate` accepts can be located. :class:`YamlText` keeps the
text as it was written (a BOM and CRLF line endings included), finds a
node by its key path, says where a node's text and lines begin and end,
and replaces a span of text. After a replacement the file is composed again
only when nodes are next asked for (a large file is not parsed once per
change), and it can start from nodes its caller composed already.
:class:`partnerctl.workspace.yamledit.PartnerDocument` builds its edits on it.

Some layouts are valid YAML that this editor cannot change line by line:
aliases (`*name`, the same data in two places), explicit keys (`? key`) and
lines that end in a carriage return alone. They are refused before any edit,
and an edit whose text would not read back as intended is refused too, with
one plain message: partnerctl cannot edit this file's layout automatically;
edit it by hand, and what to write.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NoReturn

from partnerctl.errors import DataError, Problem, WriteError

if TYPE_CHECKING:
    import yaml

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
KeyPath = tuple[str | int, ...]


def _has_alias(root: yaml.Node) -> bool:
    """Whether one composed node appears twice in the document (an alias of an anchor)."""
    import yaml

    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return False


def raw_data(node: yaml.Node | None) -> Any:
    """The data of a composed node with every scalar kept as text (only plain nulls are None)."""
    import yaml

    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value in _NULLS:  # plain: None, or "" from libyaml
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [raw_data(item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key, value in node.value:
            raw_key = raw_data(key)
            result[raw_key if isinstance(raw_key, str) else repr(raw_key)] = raw_data(value)
        return result
    return None


_CR_ALONE = re.compile(r"\r(?!\n)")
# Cheap first looks; a match is confirmed on the composed nodes.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,])\*[^\s,\[\]{}]")
_MAYBE_EXPLICIT_KEY = re.compile(r"(?:^|[\n{,\[])[ \t-]*\?(?:[ \t\r\n]|$)")


class YamlText:
    """The text of one YAML block-mapping file, located by its composed nodes."""

    def __init__(self, text: str, file: str = "<text>", node: yaml.Node | None = None) -> None:
        """`node`: the text's composed document, when the caller has it (saves a parse)."""
        import yaml

        self.file = file
        self.changes: list[str] = []  # the edits asked for, in words (for a refusal)
        self._bom = "\ufeff" if text.startswith("\ufeff") else ""
        self._body = text[len(self._bom) :]
        first = self._body.find("\n")
        self._nl = "\r\n" if first > 0 and self._body[first - 1] == "\r" else "\n"
        # Why this file's layout cannot be edited, if so: said when an edit is asked for,
        # with every change asked (PartnerDocument records them and makes none).
        self.refused: str | None = None
        self._nodes: yaml.MappingNode | None = None
        if _CR_ALONE.search(self._body):
            self.refused = "its lines end in a carriage return alone"
            return
        root = node or self._compose(user=True)
        self.refused = self._refusal(root)
        if self.refused is None and isinstance(root, yaml.MappingNode):
            self._nodes = root

    @property
    def text(self) -> str:
        """The whole file's text, BOM included."""
        return self._bom + self._body

    @property
    def _root(self) -> yaml.MappingNode:
        """The composed document of the text as it is now (composed again after a change)."""
        import yaml

        if self.refused is not None:
            self._unsupported(self.refused)
        if self._nodes is None:
            root = self._compose(user=False)
            why = self._refusal(root)
            if why is not None or not isinstance(root, yaml.MappingNode):
                self._unsupported(why or "its top level is not a block mapping of keys")
            self._nodes = root
        return self._nodes

    # --- locating --------------------------------------------------------------

    def _compose(self, *, user: bool) -> yaml.Node | None:
        """The text's document; unreadable text is the user's error, or the editor's refusal."""
        import yaml

        from partnerctl.workspace.yamlio import TextLoader

        try:
            root: yaml.Node | None = yaml.compose(self._body, Loader=TextLoader)
        except yaml.YAMLError:
            if user:
                raise DataError(found=[self._syntax_problem()]) from None
            self._unsupported("the changed text would not read as YAML")
        return root

    def _refusal(self, root: yaml.Node | None) -> str | None:
        """Why this editor cannot change the document line by line, or None when it can."""
        import yaml

        if not isinstance(root, yaml.MappingNode) or root.flow_style:
            return "its top level is not a block mapping of keys"
        if _MAYBE_ALIAS.search(self._body) and _has_alias(root):
            return "it repeats data with an anchor and an alias (&name, *name)"
        if _MAYBE_EXPLICIT_KEY.search(self._body) and self._explicit_key(root):
            return "it writes keys with a `? ` in front"
        return None

    def _explicit_key(self, node: yaml.Node) -> bool:
        """Whether a mapping key in `node` is written as an explicit `? key`."""
        import yaml

        if isinstance(node, yaml.SequenceNode):
            return any(self._explicit_key(item) for item in node.value)
        if not isinstance(node, yaml.MappingNode):
            return False
        for key, value in node.value:
            before = self._body[self._line_start(key.start_mark.index) : key.start_mark.index]
            if before.rstrip(" \t").endswith("?") or self._explicit_key(value):
                return True
        return False

    def _syntax_problem(self) -> Problem:
        """The located line for text YAML cannot read, as the reader reports it."""
        from partnerctl.workspace.yamlio import parse_yaml

        found = parse_yaml(self._body, self.file).problems
        problem = found[0] if found else Problem(self.file, None, None, None, "unreadable YAML")
        hint = problem.hint or "fix this line, then run the command again"
        return Problem(problem.file, problem.line, problem.column, None, problem.message, hint=hint)

    def _unsupported(self, why: str) -> NoReturn:
        change = "; ".join(self.changes)
        raise WriteError(
            f"{self.file}: partnerctl cannot edit this file's layout automatically ({why}); "
            + (f"edit it by hand: {change}" if change else "edit it by hand"),
            hint="nothing was written",
        )

    def _node(self, path: KeyPath) -> yaml.Node:
        node: Any = self._root
        for step in path:
            if isinstance(step, int):
                node = node.value[step]
            else:
                found = self._pair(node, step)
                if found is None:
                    raise KeyError(step)
                node = found[1]
        result: yaml.Node = node
        return result

    @staticmethod
    def _pair(mapping: Any, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        import yaml

        if not isinstance(mapping, yaml.MappingNode):
            return None
        for key_node, value_node in mapping.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value_node
        return None

    @staticmethod
    def _is_empty(node: yaml.Node) -> bool:
        import yaml

        return isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULLS

    def _content_end(self, node: yaml.Node) -> int:
        """Where a node's own text ends (block collections: their last scalar's end)."""
        import yaml

        if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
            return self._content_end(node.value[-1][1])
        if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
            return self._content_end(node.value[-1])
        end: int = node.end_mark.index
        return end

    def _indent(self, mapping: yaml.Node) -> int:
        column: int = mapping.value[0][0].start_mark.column if mapping.value else 0
        return column

    def _block_end(self, node: yaml.Node) -> int:
        """The line boundary after a block value, its inner comments included."""
        column = node.start_mark.column
        end = self._after_line(self._content_end(node))
        return self._skip_inner_comments(end, column - 1 if column else 0)

    # --- line arithmetic -------------------------------------------------------

    def _line_start(self, pos: int) -> int:
        return self._body.rfind("\n", 0, pos) + 1

    def _eol(self, pos: int) -> int:
        """The index of the line break ending the line that holds `pos` (or the end)."""
        found = self._body.find("\n", pos)
        if found < 0:
            return len(self._body)
        return found - 1 if found > pos and self._body[found - 1] == "\r" else found

    def _after_line(self, pos: int) -> int:
        """The start of the line after text that ends at `pos`."""
        if pos > 0 and self._body[pos - 1] == "\n":
            return pos
        found = self._body.find("\n", pos)
        return len(self._body) if found < 0 else found + 1

    def _skip_inner_comments(self, pos: int, indent: int) -> int:
        """Move past comment lines indented deeper than `indent` (they belong above)."""
        while pos < len(self._body):
            line = self._body[pos : self._eol(pos)]
            stripped = line.lstrip(" ")
            if not stripped.startswith("#") or len(line) - len(stripped) <= indent:
                break
            pos = self._after_line(self._eol(pos))
        return pos

    def _after_colon(self, key_node: yaml.Node) -> int:
        return self._body.index(":", key_node.end_mark.index) + 1

    # --- changing text ---------------------------------------------------------

    def _replace(self, start: int, end: int, new: str) -> None:
        self._body = self._body[:start] + new + self._body[end:]
        self._nodes = None  # composed again when nodes are next needed

    def _insert_lines(self, pos: int, lines: list[str]) -> None:
        """Insert whole lines at a line boundary, in the file's line ending."""
        text = self._nl.join(lines)
        if pos >= len(self._body) and self._body and not self._body.endswith("\n"):
            self._replace(pos, pos, self._nl + text)  # keep "no final newline"
        else:
            self._replace(pos, pos, text + self._nl)

    def _realign(self, end: int, growth: int) -> str:
        """Keep a trailing comment in its column when the value before it changes length."""
        import re

        match = re.compile(r"( +)#").match(self._body, end)
        if not match or growth == 0:
            return ""
        pad = len(match.group(1))
        self._body = self._body[:end] + self._body[match.end(1) :]
        return " " * max(1, pad - growth)
