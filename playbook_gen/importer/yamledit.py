"""Editing a hand-written YAML file in place: change a value, add or remove a key or a list item,
and leave every other byte as it was — comments, blank lines, key order, quoting, indentation.

Not a load-and-dump: a comment-preserving library (ruamel.yaml) still re-indents lists
(`- name` under `members:` moves two columns), re-spaces flow lists (`[a,b]` becomes
`[a, b]`) and aligns comments, so a re-import would rewrite what people wrote. Instead the
file is composed with PyYAML (the loader the generator already uses), which gives every node's
exact start and end in the text, and each change is a splice of that text. A file the import
leaves unchanged is never rewritten.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import yaml

try:  # libyaml: much faster; its marks count characters of a str, like the pure-Python loader's
    Loader: type[yaml.BaseLoader] | type[yaml.CBaseLoader] = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    Loader = yaml.BaseLoader
_NUMBERISH = re.compile(r"[-+]?(0[xob])?[0-9_.,:]*[0-9][0-9_.,:eE+-]*|\.(inf|nan)", re.IGNORECASE)
_PLAIN = re.compile(r"[A-Za-z0-9\u00c0-\uffff][A-Za-z0-9\u00c0-\uffff .'’()/&+\-]*")
_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class EditError(Exception):
    """The file is written in a way this editor does not change safely; the message says what to do."""

    def __init__(self, index: int, message: str):
        super().__init__(message)
        self.index = index
        self.message = message


# what YAML does not allow unescaped in a double-quoted scalar and JSON leaves raw: DEL, C1 controls (but NEL),
# lone surrogates, U+FFFE/U+FFFF, and the line and paragraph separators a YAML reader would fold
_NOT_PRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _double_quoted(value: str) -> str:
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def scalar(value: str, like: yaml.ScalarNode | None = None, *, date: bool = False) -> str:
    """`value` as YAML text: in the old value's quoting style when there is one, else plain when that
    reads back as the same text everywhere (no YAML 1.1 booleans, numbers or dates), else double-quoted."""
    style = like.style if like is not None else None
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"':
        return _double_quoted(value)
    if date and _DATE.fullmatch(value):
        return value
    if (_PLAIN.fullmatch(value) and not _NOT_PRINTABLE.search(value) and not value.endswith(" ")
            and value.casefold() not in _WORDS
            and not _NUMBERISH.fullmatch(value) and not _DATE.match(value)):
        return value
    return _double_quoted(value)


@dataclass
class Source:
    """A YAML text, its node graph and the splices waiting to be applied."""

    text: str
    edits: list[tuple[int, int, str]] = field(default_factory=list)
    root: yaml.Node = field(init=False)

    def __post_init__(self) -> None:
        root = yaml.compose(self.text, Loader=Loader)
        if root is None:
            raise EditError(0, "the file is empty")
        self.root = root

    # --- reading ------------------------------------------------------------------
    @staticmethod
    def get(mapping: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        if not isinstance(mapping, yaml.MappingNode):
            return None
        for k, v in mapping.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
        return None

    @staticmethod
    def value(node: yaml.Node | None) -> str | None:
        """A scalar's text; None for a null or anything that is not a scalar."""
        if not isinstance(node, yaml.ScalarNode):
            return None
        if not node.style and node.value in ("", "~", "null", "Null", "NULL"):
            return None
        return node.value

    def content_end(self, node: yaml.Node) -> int:
        """Where a node's own text ends (a block collection's end mark lies past trailing comments)."""
        if not isinstance(node, yaml.CollectionNode) or node.flow_style or not node.value:
            return node.end_mark.index
        last = node.value[-1]
        return self.content_end(last[1] if isinstance(node, yaml.MappingNode) else last)

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """Just past the end of the line holding `index` (its comment and newline included)."""
        if index > 0 and self.text[index - 1] == "\n":
            return index
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def dash(self, item: yaml.Node) -> int:
        """Index of the `-` introducing a block sequence item."""
        i = item.start_mark.index - 1
        while i >= 0 and self.text[i] in " \n\t":
            i -= 1
        if i < 0 or self.text[i] != "-":
            raise EditError(item.start_mark.index, "a list item without '-' here")
        return i

    def column(self, index: int) -> int:
        return index - self.line_start(index)

    # --- changing -----------------------------------------------------------------
    def splice(self, start: int, end: int, new: str) -> None:
        self.edits.append((start, end, new))

    def set(self, node: yaml.Node, value: str, *, date: bool = False, raw: bool = False) -> None:
        """Replace a scalar: `value` is text to quote as needed, or (`raw`) YAML text written as given."""
        if not isinstance(node, yaml.ScalarNode):
            raise EditError(node.start_mark.index, "expected a single value here")
        new = value if raw else scalar(value, node if node.style in ("'", '"') else None, date=date)
        if node.style in ("|", ">"):
            new += "\n"
        if node.start_mark.index == node.end_mark.index:  # `key:` with no value
            new = " " + new
        self.splice(node.start_mark.index, node.end_mark.index, new)

    def add(self, mapping: yaml.MappingNode, lines: list[tuple[str, str]]) -> None:
        """Add `key: value` pairs (values already YAML text) at the end of a mapping."""
        if not lines:
            return
        if mapping.flow_style:
            close = mapping.end_mark.index - 1
            sep = ", " if mapping.value else ""
            self.splice(close, close, sep + ", ".join(f"{k}: {v}" for k, v in lines))
            return
        indent = " " * self.column(mapping.value[0][0].start_mark.index)
        at = self.line_end(self.content_end(mapping))
        lead = "\n" if at == len(self.text) and not self.text.endswith("\n") else ""
        self.splice(at, at, lead + "".join(f"{indent}{k}: {v}\n" for k, v in lines))

    def remove_key(self, mapping: yaml.MappingNode, key: str) -> None:
        found = self.get(mapping, key)
        if found is None:
            return
        k, v = found
        start = self.line_start(k.start_mark.index)
        if mapping.flow_style or self.text[start:k.start_mark.index].strip():
            raise EditError(k.start_mark.index, f"'{key}' shares its line with other fields; "
                                                f"delete '{key}' by hand")
        self.splice(start, self.line_end(self.content_end(v)), "")

    def item_span(self, item: yaml.Node) -> tuple[int, int]:
        """The lines of a block sequence item, from its `-` to the end of its last line."""
        return self.line_start(self.dash(item)), self.line_end(self.content_end(item))

    def apply(self) -> str:
        """The text with every splice made. Splices are applied from the end of the text backwards; two
        insertions at one place keep the order they were asked for (a member's new last field, then the
        members appended after it)."""
        text = self.text
        last = len(text) + 1
        ordered = sorted(enumerate(self.edits), key=lambda e: (e[1][0], e[1][1], e[0]), reverse=True)
        for start, end, new in (edit for _, edit in ordered):
            if end > last:
                raise AssertionError("overlapping edits")  # a bug in the caller, never user input
            text = text[:start] + new + text[end:]
            last = start
        return text


def reindent(block: str, delta: int) -> str:
    """Shift every non-blank line of `block` by `delta` columns."""
    if delta == 0:
        return block
    out = []
    for line in block.splitlines(keepends=True):
        if not line.strip():
            out.append(line)
        elif delta > 0:
            out.append(" " * delta + line)
        else:
            lead = len(line) - len(line.lstrip(" "))
            out.append(line[min(lead, -delta):])
    return "".join(out)
