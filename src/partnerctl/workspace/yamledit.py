"""Edit a YAML file's text in place, located by PyYAML's node marks.

Files are composed with the reader's loader (libyaml's when present), so
every file `validate` accepts can be edited; finding a node's text, and
replacing it, is :class:`~partnerctl.workspace.yamltext.YamlText`'s part.

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

from partnerctl.errors import WriteError
from partnerctl.workspace import yamlemit as emit
from partnerctl.workspace.yamltext import KeyPath, YamlText, raw_data

if TYPE_CHECKING:
    import yaml

    from partnerctl.workspace.yamlio import Parsed

# DESIGN's order of a partner file's keys: where a missing key is inserted.
PARTNER_KEY_ORDER: tuple[str, ...] = (
    "name", "industry", "pathways", "stage", "owner", "since", "distance_miles",
    "relationship", "early_adopter", "tags", "busy_seasons", "best_time", "channel",
    "contacts", "needs", "openings", "research", "offers", "agreements", "touchpoints",
    "next", "spotlights", "notes", "conflicts",
)  # fmt: skip


class EditMismatch(WriteError):
    """The edited text does not read back as intended: nothing is written, and the
    message says what to change by hand."""


class PartnerDocument(YamlText):
    """The text of one YAML mapping file, with edits that touch only the lines they must.

    Any kind of file: `key_order` is its kind's order of top-level keys, where a
    missing key is inserted (a partner's by default). `node`: the text already
    composed (a writer has it), else it is composed here.
    """

    def __init__(
        self,
        text: str,
        file: str = "<text>",
        key_order: tuple[str, ...] = PARTNER_KEY_ORDER,
        *,
        others_at_end: bool = False,
        node: yaml.Node | None = None,
    ) -> None:
        super().__init__(text, file, node)
        self.key_order = key_order
        # A new top-level key not in `key_order` goes at the very end of the file,
        # below trailing comments (the settings: below their commented examples).
        self.others_at_end = others_at_end
        self.expected: dict[str, Any] = {} if self.refused else raw_data(self._root)

    # --- public API ------------------------------------------------------------

    def set_value(self, key: str, value: Any) -> None:
        """Set a top-level key (a scalar, list or mapping); None removes the key."""
        self.changes.append(f"remove {key}" if value is None else f"set {key}: {_words(value)}")
        if self.refused:
            return  # verified() says what to change by hand
        self._record(key, emit.raw_value(value))
        self._set_in_mapping((), key, value)

    def remove_key(self, key: str) -> None:
        """Remove a top-level key and its value's lines."""
        self.changes.append(f"remove {key}")
        if self.refused:
            return  # verified() says what to change by hand
        self._record(key, None)
        self._set_in_mapping((), key, None)

    def append_item(self, key: str, item: Any) -> None:
        """Append an item to a top-level list (made when missing or null)."""
        self.changes.append(f"add to {key}: {_words(item)}")
        if self.refused:
            return  # verified() says what to change by hand
        current = self.expected.get(key)
        self.expected[key] = [*(current if isinstance(current, list) else []), emit.raw_value(item)]
        found = self._pair(self._root, key)
        if found is None or self._is_empty(found[1]):
            self._set_in_mapping((), key, [item])
            return
        self._append(found[1], (key,), item)

    def set_item_value(self, key: str, index: int, field: str, value: Any) -> None:
        """Set `field` of the mapping at `key[index]`; None removes the field."""
        where = f"{key}[{index}].{field}"
        self.changes.append(f"remove {where}" if value is None else f"set {where}: {_words(value)}")
        if self.refused:
            return  # verified() says what to change by hand
        item = self.expected[key][index]
        if value is None:
            item.pop(field, None)
        else:
            item[field] = emit.raw_value(value)
        self._set_in_mapping((key, index), field, value)

    def remove_item(self, key: str, index: int) -> None:
        """Remove `key[index]` from a top-level list (an emptied list becomes `[]`)."""
        self.changes.append(f"remove {key}[{index}]")
        if self.refused:
            return  # verified() says what to change by hand
        del self.expected[key][index]
        self._remove_item((key,), index)

    def set_nested(self, path: KeyPath, field: str, value: Any) -> None:
        """Set `field` of the mapping at `path` (any depth); None removes the field."""
        where = _dotted((*path, field))
        self.changes.append(f"remove {where}" if value is None else f"set {where}: {_words(value)}")
        if self.refused:
            return  # verified() says what to change by hand
        target: Any = self.expected
        for step in path:
            target = target[step]
        if value is None:
            target.pop(field, None)
        else:
            target[field] = emit.raw_value(value)
        self._set_in_mapping(path, field, value)

    def append_nested(self, path: KeyPath, item: Any) -> None:
        """Append an item to the list at `path` (any depth; made when missing or empty)."""
        import yaml

        self.changes.append(f"add to {_dotted(path)}: {_words(item)}")
        if self.refused:
            return  # verified() says what to change by hand
        *above, key = path
        parent: Any = self.expected
        for step in above:
            parent = parent[step]
        current = parent.get(key)
        items = list(current) if isinstance(current, list) else []
        parent[key] = [*items, emit.raw_value(item)]
        found = self._pair(self._node(tuple(above)), str(key))
        if (
            found is None
            or self._is_empty(found[1])
            or (isinstance(found[1], yaml.SequenceNode) and not found[1].value)
        ):
            self._set_in_mapping(tuple(above), str(key), [item])
            return
        self._append(found[1], path, item)

    def verify(self) -> None:
        """Re-parse the text; raise EditMismatch unless it reads back as intended."""
        self.verified()

    def verified(self) -> Parsed:
        """The edited text parsed once (for its validation too), if it reads back as intended.

        Raises EditMismatch, which says what to change by hand, when it does not
        parse or reads back as anything else than the old data plus the edits.
        """
        from partnerctl.workspace.yamlio import parse_yaml

        if self.refused is not None and self.changes:
            self._mismatch(self.refused)
        parsed = parse_yaml(self._body, self.file)
        if parsed.node is None or parsed.data is None:
            self._mismatch("the changed text would not read as YAML")
        if raw_data(parsed.node) != self.expected:
            self._mismatch("the changed text would not read back as intended")
        return parsed

    def _mismatch(self, why: str) -> NoReturn:
        try:
            self._unsupported(why)
        except WriteError as err:
            raise EditMismatch(err.message, hint=err.hint) from None

    def _record(self, key: str, raw: Any) -> None:
        if raw is None:
            self.expected.pop(key, None)
        else:
            self.expected[key] = raw

    # --- mappings --------------------------------------------------------------

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

    def _set_in_mapping(self, path: KeyPath, key: str, value: Any) -> None:
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
        if raw_data(value_node) == emit.raw_value(value):
            return  # the value it has already: its text (quoting, layout) stays as written
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

    def _add_pair(self, path: KeyPath, key: str, value: Any) -> None:
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
        if not path and self.others_at_end and key not in self.key_order:
            lines = emit.entry_lines(key, value, indent)
            if not self._body.endswith(("\n\n", "\r\n\r\n")):
                lines.insert(0, "")  # a blank line sets it apart from what precedes
            self._insert_lines(len(self._body), lines)
            return
        if not path and key in self.key_order:
            earlier = self.key_order[: self.key_order.index(key)]
            before = [pair for pair in mapping.value if pair[0].value in earlier]
            after = before[-1] if before else after
        end = self._after_line(self._content_end(after[1]))
        end = self._skip_inner_comments(end, indent)
        self._insert_lines(end, emit.entry_lines(key, value, indent))

    def _remove_pair(self, path: KeyPath, key: str) -> None:
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

    def _append(self, seq: yaml.Node, path: KeyPath, item: Any) -> None:
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

    def _remove_item(self, path: KeyPath, index: int) -> None:
        import yaml

        seq: Any = self._node(path)
        items = seq.value
        item = items[index]
        if seq.flow_style:
            if len(items) == 1:  # `[a]`, `[a,]`: the list becomes `[]`
                self._replace(seq.start_mark.index, seq.end_mark.index, "[]")
            elif index + 1 < len(items):
                self._replace(item.start_mark.index, items[index + 1].start_mark.index, "")
            else:  # the last of several: from the end of the one before it
                self._replace(items[index - 1].end_mark.index, item.end_mark.index, "")
            return
        if len(items) == 1:
            pairs = self._node(path[:-1]).value
            key_node = next(k for k, _v in pairs if k.value == path[-1])
            start = self._after_colon(key_node)
            # Comments on the key's line and above the item are the list's: they stay.
            kept = self._body[start : self._eol(start)]
            first_item = self._line_start(item.start_mark.index)
            above = self._body[self._after_line(self._eol(start)) : first_item]
            comment = kept if kept.strip(" \t").startswith("#") else ""
            self._replace(start, self._block_end(seq), " []" + comment + self._nl + above)
            return
        dash = seq.start_mark.column
        start = self._line_start(item.start_mark.index)
        if isinstance(item, yaml.ScalarNode) or item.flow_style:
            end = self._after_line(item.end_mark.index)
        else:
            end = self._after_line(self._content_end(item))
        self._replace(start, self._skip_inner_comments(end, dash), "")


def _words(value: Any) -> str:
    """A value as it would be written in the file, for "edit it by hand: ..."."""
    return emit.flow(value) if emit.is_collection(value) else emit.scalar(value)


def _one_line(value: Any) -> str:
    return emit.flow(value) if emit.is_collection(value) else emit.scalar(value)


def _dotted(path: KeyPath) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text
