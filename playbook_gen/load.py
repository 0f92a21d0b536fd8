"""Stage 1 — load: read YAML safely, keeping where every value came from.

PyYAML's loaders silently keep the last of two duplicate keys and read YAML 1.1
scalars (`No`, `2027-01-05`, `1:30`) as booleans, dates and sexagesimal ints.
We compose the node graph with *no* implicit resolvers and construct plain
Python values ourselves: every scalar stays exactly the text the author wrote
(`No`, `2027-01-05`, `1:30`, `1.10`), except an empty value or `~`/`null`,
which is "nothing". The typed models turn text into numbers or booleans only
where a field asks for one (`minutes: 30`, `offline: no`), so a member called
`No` stays "No" and a version `1.10` is never 1.1. Explicit tags
(`!!python/object`) are refused, never constructed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

_Loader: type[yaml.BaseLoader] | type[yaml.CBaseLoader]
try:  # libyaml is much faster and bounds nesting depth itself
    _Loader = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - pure-Python fallback
    _Loader = yaml.BaseLoader

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000  # counts alias expansions: stops "billion laughs"
MAX_DEPTH = 40

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULLS = {"", "~", "null", "Null", "NULL"}

Location = tuple[int, int]  # 1-based line, column
KeyPath = tuple[Any, ...]


@dataclass
class Document:
    """A loaded YAML file: plain data plus the source position of every node."""

    path: Path
    data: Any = None
    positions: dict[KeyPath, Location] = field(default_factory=dict)
    key_positions: dict[KeyPath, Location] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""  # the decoded source, for messages that quote a line

    def source_line(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def where(self, keypath: KeyPath) -> Location:
        """Best position for a key path: the value, else its key, else the nearest parent."""
        keypath = tuple(keypath)
        while True:
            if keypath in self.positions:
                return self.positions[keypath]
            if keypath in self.key_positions:
                return self.key_positions[keypath]
            if not keypath:
                return (1, 1)
            keypath = keypath[:-1]

    def key_where(self, keypath: KeyPath) -> Location:
        """Position of the key itself (for unknown or duplicate fields)."""
        return self.key_positions.get(tuple(keypath)) or self.where(keypath)

    def problem(self, keypath: KeyPath, message: str, severity: str = "error") -> Problem:
        line, col = self.where(keypath)
        return Problem(str(self.path), line, col, message, severity)


class _TooBig(Exception):
    def __init__(self, node: yaml.Node, message: str):
        self.node = node
        self.message = message


def load_file(path: Path) -> Document:
    """Load one YAML file; problems are collected on the document, never raised."""
    doc = Document(path=path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            doc.problems.append(Problem(str(path), 1, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"))
            return doc
        raw = path.read_bytes()
    except OSError as exc:
        doc.problems.append(Problem(str(path), 1, 1, f"cannot read file: {exc.strerror or exc}"))
        return doc
    return load_bytes(raw, path, doc)


def load_bytes(raw: bytes, path: Path, doc: Document | None = None) -> Document:
    doc = doc or Document(path=path)
    if len(raw) > MAX_FILE_BYTES:
        doc.problems.append(Problem(str(path), 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}"))
        return doc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.problems.append(Problem(str(path), line, col, f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8"))
        return doc
    doc.text = text
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        doc.problems.append(Problem(str(path), line, 1, "file contains a NUL character; is it a binary file?"))
        return doc
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "simple key" in str(exc.context):  # `title:Ask`: the key's line, not the next
            mark = exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        lines = text.splitlines()
        at_tab = mark is not None and mark.line < len(lines) and lines[mark.line][mark.column:mark.column + 1] == "\t"
        hint = " (indent with spaces, not tabs)" if at_tab else _syntax_hint(message)
        doc.problems.append(Problem(str(path), line, col, f"YAML syntax error: {message}{hint}"))
        return doc
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        if _Loader is not yaml.BaseLoader:  # libyaml counts bytes, not characters
            before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        doc.problems.append(Problem(str(path), line, col,
                                    f"invisible control character U+{char:04X} is not allowed in YAML; delete it"))
        return doc
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        message = " ".join(f"{exc.__class__.__name__}: {exc}".split())
        doc.problems.append(Problem(str(path), 1, 1, f"YAML syntax error: {message}"))
        return doc
    if node is None:
        doc.problems.append(Problem(str(path), 1, 1, "file is empty; expected a mapping of fields"))
        return doc
    budget = [MAX_NODES]
    try:
        doc.data = _construct(node, (), doc, budget, 0)
    except _TooBig as exc:
        mark = exc.node.start_mark
        doc.data = None
        doc.problems.append(Problem(str(path), mark.line + 1, mark.column + 1, exc.message))
        return doc
    if doc.data is None and not doc.problems:
        doc.problems.append(Problem(str(path), 1, 1, "file is empty; expected a mapping of fields"))
    elif not isinstance(doc.data, dict) and not doc.problems:
        doc.problems.append(Problem(str(path), 1, 1, f"expected a mapping of fields at the top level, found {describe(doc.data)}"))
    return doc


_SYNTAX_HINTS = (
    ("tab character", "indent with spaces, not tabs"),
    ("mapping values are not allowed", "if the value holds ': ', put the whole value in quotes; else check the indentation"),
    ("cannot start any token", "a value starting with @, ` or % must be put in quotes"),
    ("did not find expected key", "check the indentation; inside '...' quotes write an apostrophe as ''"),
    ("did not find expected ',' or ']'", "a [ ] list is not closed with ']'"),
    ("did not find expected ',' or '}'", "a { } mapping is not closed with '}'"),
    ("expected '-' indicator", "every list item needs '- ' at the same indentation"),
    ("found unexpected end of stream", "a quote is opened but never closed"),
    ("single document", "a file holds one document; remove the second '---'"),
    ("undefined alias", "a value starting with * must be put in quotes"),
    ("could not find expected ':'", "a 'field: value' line is missing its ':', or a quote is not closed"),
)


def _syntax_hint(message: str) -> str:
    for needle, hint in _SYNTAX_HINTS:
        if needle in message:
            return f" ({hint})"
    return ""


def describe(value: Any) -> str:
    """Name a YAML value's type the way a content editor would."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int):
        return f"a number ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _construct(node: yaml.Node, keypath: KeyPath, doc: Document, budget: list[int], depth: int) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig(node, f"document expands to more than {MAX_NODES:,} values (alias bomb?); refusing to load it")
    if depth > MAX_DEPTH:
        raise _TooBig(node, f"document is nested more than {MAX_DEPTH} levels deep; refusing to load it")
    mark = node.start_mark
    doc.positions[keypath] = (mark.line + 1, mark.column + 1)
    if node.tag not in (_STR, _SEQ, _MAP):
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        doc.problems.append(Problem(str(doc.path), mark.line + 1, mark.column + 1,
                                    f"YAML tag '{tag}' is not allowed; remove it and write the plain value"))
        return None
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, keypath + (i,), doc, budget, depth + 1) for i, item in enumerate(node.value)]
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        kmark = key_node.start_mark
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
            doc.problems.append(Problem(str(doc.path), kmark.line + 1, kmark.column + 1, "mapping keys must be plain text"))
            continue
        key = key_node.value
        if key in result:
            first = doc.key_positions[keypath + (key,)]
            doc.problems.append(Problem(str(doc.path), kmark.line + 1, kmark.column + 1,
                                        f"duplicate key '{key}' (first given on line {first[0]}); YAML would silently keep only the last one"))
            continue
        doc.key_positions[keypath + (key,)] = (kmark.line + 1, kmark.column + 1)
        result[key] = _construct(value_node, keypath + (key,), doc, budget, depth + 1)
    return result


def _scalar(node: yaml.ScalarNode) -> Any:
    """The text written; only an unquoted empty value, `~` or `null` is nothing."""
    if not node.style and node.value in _NULLS:  # plain style is None or ''
        return None
    return node.value
