"""Edit a YAML file's text in place, located by PyYAML's node marks.

Files are composed with the reader's loader (libyaml's when present), so
every file `validate` accepts can be edited.

:class:`PartnerDocument` changes only the lines an edit must: every other
line (comments, alignment, quoting, key order, CRLF line endings, a BOM)
stays byte for byte. Each operation also records what the data must look
like afterwards; :meth:`PartnerDocument.verify` re-parses the new text and
checks it reads back as exactly that, so a slip of the editor can never
reach the disk as a silent change.

Layout choices (documented in the README): a new top-level key goes after
the nearest key that precedes it in DESIGN's order (else at the end); an
item appended to a block list copies the list's indentation and style (a
flow mapping item stays a flow mapping); an item appended to a non-empty
flow list (`tags: [a, b]`) goes before its `]`; an empty `[]` that receives
a mapping becomes a block list; a value of None removes the key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from partnerctl.errors import DataError, Problem, WriteError
from partnerctl.workspace import yamlemit as emit

if TYPE_CHECKING:
    import yaml

# DESIGN's order of a partner file's keys: where a missing key is inserted.
PARTNER_KEY_ORDER: tuple[str, ...] = (
    "name", "industry", "pathways", "stage", "owner", "since", "distance_miles",
    "relationship", "early_adopter", "tags", "busy_seasons", "best_time", "channel",
    "contacts", "needs", "openings", "research", "offers", "agreements", "touchpoints",
    "next", "spotlights", "notes",
)  # fmt: skip

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
Path = tuple[str | int, ...]


class EditMismatch(Exception):
    """The edited text does not read back as intended: a bug, so nothing is written."""


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


class PartnerDocument:
    """The text of one YAML mapping file, with edits that touch only the lines they must."""

    def __init__(self, text: str, file: str = "<text>") -> None:
        self.file = file
        self._bom = "\ufeff" if text.startswith("\ufeff") else ""
        self._body = text[len(self._bom) :]
        first = self._body.find("\n")
        self._nl = "\r\n" if first > 0 and self._body[first - 1] == "\r" else "\n"
        self._root = self._compose()
        self.expected: dict[str, Any] = raw_data(self._root)

    # --- public API ------------------------------------------------------------

    @property
    def text(self) -> str:
        """The whole file's text, BOM included."""
        return self._bom + self._body

    def set_value(self, key: str, value: Any) -> None:
        """Set a top-level key (a scalar, list or mapping); None removes the key."""
        self._record(key, emit.raw_value(value))
        self._set_in_mapping((), key, value)

    def remove_key(self, key: str) -> None:
        """Remove a top-level key and its value's lines."""
        self._record(key, None)
        self._set_in_mapping((), key, None)

    def append_item(self, key: str, item: Any) -> None:
        """Append an item to a top-level list (made when missing or null)."""
        current = self.expected.get(key)
        self.expected[key] = [*(current if isinstance(current, list) else []), emit.raw_value(item)]
        found = self._pair(self._root, key)
        if found is None or self._is_empty(found[1]):
            self._set_in_mapping((), key, [item])
            return
        self._append(found[1], (key,), item)

    def set_item_value(self, key: str, index: int, field: str, value: Any) -> None:
        """Set `field` of the mapping at `key[index]`; None removes the field."""
        item = self.expected[key][index]
        if value is None:
            item.pop(field, None)
        else:
            item[field] = emit.raw_value(value)
        self._set_in_mapping((key, index), field, value)

    def remove_item(self, key: str, index: int) -> None:
        """Remove `key[index]` from a top-level list (an emptied list becomes `[]`)."""
        del self.expected[key][index]
        self._remove_item((key,), index)

    def verify(self) -> None:
        """Re-parse the text; raise EditMismatch unless it reads back as intended."""
        try:
            data = raw_data(self._compose())
        except (WriteError, DataError) as err:
            raise EditMismatch(f"{self.file}: edited text does not parse: {err}") from None
        if data != self.expected:
            raise EditMismatch(f"{self.file}: edited text does not read back as intended")

    # --- locating --------------------------------------------------------------

    def _compose(self) -> yaml.MappingNode:
        import yaml

        from partnerctl.workspace.yamlio import TextLoader

        try:
            root = yaml.compose(self._body, Loader=TextLoader)
        except yaml.YAMLError:
            raise DataError(found=[self._syntax_problem()]) from None
        if not isinstance(root, yaml.MappingNode) or root.flow_style:
            self._unsupported("its top level is not a block mapping of keys")
        return root

    def _syntax_problem(self) -> Problem:
        """The located line for text YAML cannot read, as the reader reports it."""
        from partnerctl.workspace.yamlio import parse_yaml

        found = parse_yaml(self._body, self.file).problems
        problem = found[0] if found else Problem(self.file, None, None, None, "unreadable YAML")
        hint = problem.hint or "fix this line, then run the command again"
        return Problem(problem.file, problem.line, problem.column, None, problem.message, hint=hint)

    def _unsupported(self, why: str) -> NoReturn:
        raise WriteError(
            f"{self.file}: cannot edit this file automatically: {why}",
            hint="make the change by hand",
        )

    def _record(self, key: str, raw: Any) -> None:
        if raw is None:
            self.expected.pop(key, None)
        else:
            self.expected[key] = raw

    def _node(self, path: Path) -> yaml.Node:
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
        self._root = self._compose()

    def _insert_lines(self, pos: int, lines: list[str]) -> None:
        """Insert whole lines at a line boundary, in the file's line ending."""
        text = self._nl.join(lines)
        if pos >= len(self._body) and self._body and not self._body.endswith("\n"):
            self._replace(pos, pos, self._nl + text)  # keep "no final newline"
        else:
            self._replace(pos, pos, text + self._nl)

    def _put_block_after_key(
        self, key_node: yaml.Node, value_node: yaml.Node, lines: list[str]
    ) -> None:
        """Replace a one-line value (scalar, flow, empty) with block lines under its key."""
        start = self._after_colon(key_node)
        # A missing value has no text; a written null (`~`, `null`) goes.
        end = (
            start
            if self._is_empty(value_node) and not value_node.value
            else value_node.end_mark.index
        )
        eol = self._eol(end)
        new = self._body[end:eol] + self._nl + self._nl.join(lines)
        self._replace(start, eol, new)

    def _set_in_mapping(self, path: Path, key: str, value: Any) -> None:
        import yaml

        mapping = self._node(path)
        if not isinstance(mapping, yaml.MappingNode):
            self._unsupported(f"{_dotted(path)} is not a mapping")
        found = self._pair(mapping, key)
        if value is None:
            if found is not None:
                self._remove_pair(path, key)
            return
        if found is None:
            self._add_pair(path, key, value)
            return
        key_node, value_node = found
        in_flow = bool(mapping.flow_style)
        if isinstance(value, dict) and isinstance(value_node, yaml.MappingNode):
            for field, item in value.items():
                self._set_in_mapping((*path, key), field, item)
            current = raw_data(self._node((*path, key)))
            for field in list(current):
                if field not in value or value[field] is None:
                    self._set_in_mapping((*path, key), field, None)
            return
        block_node = isinstance(value_node, yaml.CollectionNode) and not value_node.flow_style
        if not emit.is_collection(value) or in_flow:
            one_line = True
        elif isinstance(value_node, yaml.CollectionNode):
            one_line = not block_node
        else:
            one_line = emit.flow_fits(value)
        if one_line:
            text = emit.flow(value) if in_flow else _one_line(value)
            if self._is_empty(value_node) and not value_node.value:  # `key:` alone
                at = self._after_colon(key_node)
                self._replace(at, at, " " + text)
            elif not block_node:
                start, end = value_node.start_mark.index, value_node.end_mark.index
                if isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">"):
                    while end > start and self._body[end - 1] in "\r\n":
                        end -= 1  # keep the block scalar's trailing line breaks
                padding = self._realign(end, len(text) - (end - start))
                self._replace(start, end, text + padding)
            else:
                start, end = self._after_colon(key_node), self._block_end(value_node)
                self._replace(start, end, " " + text + self._nl)
            return
        indent = value_node.start_mark.column if block_node else self._indent(mapping) + 2
        if isinstance(value, dict):
            lines = emit.mapping_lines(value, indent)
        else:
            lines = emit.sequence_lines(value, indent)
        if not block_node:
            self._put_block_after_key(key_node, value_node, lines)
        else:
            start = self._line_start(value_node.start_mark.index)
            self._replace(start, self._block_end(value_node), self._nl.join(lines) + self._nl)

    def _realign(self, end: int, growth: int) -> str:
        """Keep a trailing comment in its column when the value before it changes length."""
        import re

        match = re.compile(r"( +)#").match(self._body, end)
        if not match or growth == 0:
            return ""
        pad = len(match.group(1))
        self._body = self._body[:end] + self._body[match.end(1) :]
        return " " * max(1, pad - growth)

    def _indent(self, mapping: yaml.Node) -> int:
        column: int = mapping.value[0][0].start_mark.column if mapping.value else 0
        return column

    def _block_end(self, node: yaml.Node) -> int:
        """The line boundary after a block value, its inner comments included."""
        column = node.start_mark.column
        end = self._after_line(self._content_end(node))
        return self._skip_inner_comments(end, column - 1 if column else 0)

    def _add_pair(self, path: Path, key: str, value: Any) -> None:
        mapping: Any = self._node(path)
        if mapping.flow_style:
            text = f"{key}: {emit.flow(value)}"
            if mapping.value:
                self._replace(
                    mapping.value[-1][1].end_mark.index,
                    mapping.value[-1][1].end_mark.index,
                    ", " + text,
                )
            else:
                at = mapping.start_mark.index + 1
                self._replace(at, at, text)
            return
        indent = self._indent(mapping)
        after = mapping.value[-1]
        if not path and key in PARTNER_KEY_ORDER:
            earlier = PARTNER_KEY_ORDER[: PARTNER_KEY_ORDER.index(key)]
            before = [pair for pair in mapping.value if pair[0].value in earlier]
            after = before[-1] if before else after
        end = self._after_line(self._content_end(after[1]))
        end = self._skip_inner_comments(end, indent)
        self._insert_lines(end, emit.entry_lines(key, value, indent))

    def _remove_pair(self, path: Path, key: str) -> None:
        mapping: Any = self._node(path)
        pairs = mapping.value
        index = next(i for i, (k, _v) in enumerate(pairs) if k.value == key)
        key_node, value_node = pairs[index]
        if mapping.flow_style:
            if index + 1 < len(pairs):
                self._replace(key_node.start_mark.index, pairs[index + 1][0].start_mark.index, "")
            elif index > 0:
                self._replace(pairs[index - 1][1].end_mark.index, value_node.end_mark.index, "")
            else:
                self._replace(key_node.start_mark.index, value_node.end_mark.index, "")
            return
        start = key_node.start_mark.index
        line_start = self._line_start(start)
        if self._body[line_start:start].strip(" "):
            # The first key of a list item (`- name: x`): the next key moves up.
            if index + 1 >= len(pairs):
                self._unsupported(f"cannot remove the only key of {_dotted(path)}")
            self._replace(start, pairs[index + 1][0].start_mark.index, "")
            return
        if len(pairs) == 1:
            self._unsupported(f"cannot remove the only key of {_dotted(path) or 'the file'}")
        end = self._after_line(self._content_end(value_node))
        end = self._skip_inner_comments(end, self._indent(mapping))
        self._replace(line_start, end, "")

    # --- lists -----------------------------------------------------------------

    def _append(self, seq: yaml.Node, path: Path, item: Any) -> None:
        import yaml

        if not isinstance(seq, yaml.SequenceNode):
            self._unsupported(f"{_dotted(path)} is not a list")
        if seq.flow_style:
            if seq.value:
                at = seq.value[-1].end_mark.index
                self._replace(at, at, ", " + emit.flow(item))
            elif emit.is_collection(item):
                key_node = self._node(path[:-1]).value  # the root's pairs
                pair = next(p for p in key_node if p[0].value == path[-1])
                lines = emit.sequence_lines([item], self._indent(self._root) + 2)
                self._put_block_after_key(pair[0], seq, lines)
            else:
                at = seq.start_mark.index + 1
                self._replace(at, at, emit.flow(item))
            return
        dash = seq.start_mark.column
        last = seq.value[-1]
        offset = max(2, last.start_mark.column - dash)
        flow_mapping = isinstance(last, yaml.MappingNode) and bool(last.flow_style)
        lines = emit.item_lines(item, dash, offset, flow_mapping=flow_mapping)
        end = self._skip_inner_comments(self._after_line(self._content_end(last)), dash)
        self._insert_lines(end, lines)

    def _remove_item(self, path: Path, index: int) -> None:
        import yaml

        seq: Any = self._node(path)
        items = seq.value
        item = items[index]
        if seq.flow_style:
            if index + 1 < len(items):
                self._replace(item.start_mark.index, items[index + 1].start_mark.index, "")
            elif index > 0:
                self._replace(items[index - 1].end_mark.index, item.end_mark.index, "")
            else:
                self._replace(item.start_mark.index, item.end_mark.index, "")
            return
        if len(items) == 1:
            pairs = self._node(path[:-1]).value
            key_node = next(k for k, _v in pairs if k.value == path[-1])
            start = self._after_colon(key_node)
            self._replace(start, self._block_end(seq), " []" + self._nl)
            return
        dash = seq.start_mark.column
        start = self._line_start(item.start_mark.index)
        if isinstance(item, yaml.ScalarNode) or item.flow_style:
            end = self._after_line(item.end_mark.index)
        else:
            end = self._after_line(self._content_end(item))
        self._replace(start, self._skip_inner_comments(end, dash), "")


def _one_line(value: Any) -> str:
    return emit.flow(value) if emit.is_collection(value) else emit.scalar(value)


def _dotted(path: Path) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text
