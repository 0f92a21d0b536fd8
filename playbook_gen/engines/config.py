"""The plugins and hooks an engine will see in a rendered `mkdocs.yml`, read without running it.

An engine that silently drops what it does not implement (Zensical) checks this
before building; see `zensical.problems`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..paths import base_config
from ..yamlconfig import TolerantLoader as _TolerantLoader

_STAGED_MARK = "# added by playbook:"  # paths.stage_base_config marks the INHERIT line it adds


@dataclass
class _Entry:
    """A config value with the file and position it was written at."""

    path: str
    line: int
    column: int
    value: Any


def _value(node: yaml.Node) -> Any:
    return _TolerantLoader("").construct_object(node, deep=True)


def _mapping(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def _plugin_nodes(node: yaml.Node) -> list[tuple[str, yaml.Node, yaml.Node | None]]:
    """(name, name node, options node) for `plugins:` as a mapping or a `-` list."""
    found: list[tuple[str, yaml.Node, yaml.Node | None]] = []
    if isinstance(node, yaml.MappingNode):
        found = [(k.value, k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                found.append((item.value, item, None))
            elif isinstance(item, yaml.MappingNode) and len(item.value) == 1:
                key, value = item.value[0]
                found.append((key.value, key, value))
    return found


def _source_of(path: Path, text: str):
    """Make `_Entry`s that point at the file the user wrote.

    The user's mkdocs.yml reaches an edition as a staged copy with one `INHERIT:`
    line added (paths.stage_base_config): report its lines in the user's file.
    """
    lines = text.splitlines()
    added = next((i + 1 for i, line in enumerate(lines)
                  if line.startswith("INHERIT:") and _STAGED_MARK in line), None)
    shown = str(base_config()) if added else str(path)

    def where(node: yaml.Node, value: Any) -> _Entry:
        line = node.start_mark.line + 1
        return _Entry(shown, line - 1 if added and line > added else line, node.start_mark.column + 1, value)
    return where


def effective_config(config_path: Path) -> tuple[dict[str, _Entry], list[_Entry]]:
    """The plugins and hooks an engine sees after following `INHERIT:`, with their sources.

    Like MkDocs' INHERIT merge: a child's `plugins:` mapping extends the parent's,
    a `-` list replaces it; options of the same plugin merge key by key.
    """
    chain: list[tuple[Path, yaml.Node | None, Any]] = []  # None: an empty file
    seen: set[Path] = set()
    path: Path | None = config_path
    while path is not None and path.resolve() not in seen:
        seen.add(path.resolve())
        try:
            text = path.read_text("utf-8")
            root = yaml.compose(text, Loader=_TolerantLoader)
        except (OSError, yaml.YAMLError):
            break  # the engine itself reports an unreadable config
        chain.append((path, root, _source_of(path, text)))
        parent = next((v.value for k, v in _mapping(root) if k.value == "INHERIT"), None)
        path = (path.parent / parent) if isinstance(parent, str) else None

    plugins: dict[str, _Entry] = {}
    hooks: list[_Entry] = []
    for _path, root, where in reversed(chain):  # the farthest ancestor first
        for key, value in _mapping(root):
            if key.value == "hooks":
                nodes = value.value if isinstance(value, yaml.SequenceNode) else [value]
                hooks = [where(n, n.value) for n in nodes if isinstance(n, yaml.ScalarNode) and n.value]
            elif key.value == "plugins":
                if isinstance(value, yaml.SequenceNode):
                    plugins = {}
                for name, name_node, options in _plugin_nodes(value):
                    opts = {k.value: where(k, _value(v)) for k, v in _mapping(options)}
                    previous = plugins.get(name)
                    merged = dict(previous.value) if previous and isinstance(value, yaml.MappingNode) else {}
                    merged.update(opts)
                    plugins[name] = where(name_node, merged)
    return plugins, hooks
