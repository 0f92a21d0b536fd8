"""Which content values are translatable, and where each one is: the catalogue's entries.

A value is translatable when its field holds free text (`Text`, `ProseText`, or a list of them,
in a principle, practice, situation, scorecard or playbook.yml, nested models included): ids, references,
vocabularies (cadence, difficulty), numbers, a source's title, author and publication (cited as
published) and settings are not.
Team data is never translated: the team writes it in its own language.

Every entry is keyed by `kind:id:field` (its context) plus the source text, never a list
position: inserting a step leaves every other step's entry as it was.
"""
from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..content import Content
from ..load import load_file
from ..models import Prose

# kinds whose text is translated, in the order the catalogue lists them
KINDS = ("playbook", "principle", "practice", "situation", "scorecard")
# fields holding settings, references or citations, not text a reader reads as the playbook's own
# (`import_`: an HR export's column headers are the export's words, not the playbook's)
NOT_TRANSLATED = frozenset({"id", "version", "site_url", "offline", "language", "languages", "translations",
                            "tags", "cadence", "difficulty", "principle", "practices", "import_"})
# a source is cited as published (its title, author and publication in the article's own words); only the
# description the playbook writes for an untitled article is its own text
AS_PUBLISHED = {"Source": frozenset({"title", "author", "publication"})}


@dataclass
class Entry:
    """One catalogue entry: a source text in one field of one item, and where it occurs."""

    context: str  # kind:id:field, like "practice:idea-harvest:steps" or "practice:x:say_instead.hears"
    msgid: str
    prose: bool  # a Prose field: the translation goes through the prose sanitiser, not md_text
    locations: list[tuple[str, int]] = field(default_factory=list)  # (file, line) of each occurrence


def _constrained(meta: Any) -> bool:
    """A pattern-constrained value (an id), whether the pattern sits on the metadata or in a FieldInfo."""
    return bool(getattr(meta, "pattern", None)) or any(_constrained(m) for m in getattr(meta, "metadata", ()) or ())


def _is_text(annotation: Any) -> bool:
    """A free-text str: not an id (pattern-constrained), not a vocabulary (Literal)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        return not any(_constrained(m) for m in meta) and _is_text(base)
    if origin is typing.Union or origin is types.UnionType:
        return any(_is_text(arg) for arg in typing.get_args(annotation) if arg is not type(None))
    return annotation is str


def _field_text(model: type[BaseModel], name: str) -> bool:
    info = model.model_fields[name]
    return not any(_constrained(m) for m in info.metadata) and _is_text(info.annotation)


def _item_annotation(model: type[BaseModel], name: str) -> Any:
    annotation = model.model_fields[name].annotation
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    args = [a for a in typing.get_args(annotation) if a is not type(None)] if union else [annotation]
    for arg in args:
        if typing.get_origin(arg) is list:
            return typing.get_args(arg)[0]
    return None


def values(item: BaseModel, prefix: str = "", keypath: tuple = ()) -> Iterator[tuple[str, tuple, str]]:
    """(field path, YAML key path, text) of every translatable value of a model, in field order."""
    model = type(item)
    as_published = AS_PUBLISHED.get(model.__name__, frozenset())
    for name in model.model_fields:
        if name in NOT_TRANSLATED or name in as_published:
            continue
        value = getattr(item, name)
        path = f"{prefix}{name}"
        if isinstance(value, str):
            if _field_text(model, name):
                yield path, keypath + (name,), value
        elif isinstance(value, BaseModel):
            yield from values(value, f"{path}.", keypath + (name,))
        elif isinstance(value, dict):  # playbook.yml's metrics: {name: Metric}, keyed by name, not position
            for key, element in value.items():
                if isinstance(element, BaseModel):
                    yield from values(element, f"{path}.{key}.", keypath + (name, key))
        elif isinstance(value, list):
            inner = _item_annotation(model, name)
            for i, element in enumerate(value):
                if isinstance(element, BaseModel):
                    yield from values(element, f"{path}.", keypath + (name, i))
                elif isinstance(element, str) and inner is not None and _is_text(inner):
                    yield path, keypath + (name, i), element


def items(content: Content) -> Iterator[tuple[str, str, BaseModel]]:
    """(kind, id, model) of everything translatable, in catalogue order."""
    yield "playbook", "playbook", content.playbook
    for kind, folder in (("principle", content.principles), ("practice", content.practices),
                         ("situation", content.situations), ("scorecard", content.scorecards)):
        for item_id, item in folder.items():
            yield kind, item_id, item


def reference(path: Path, root: Path) -> str:
    """How an entry names its source file: from the content folder's name, like content/practices/x.yml."""
    try:
        return f"{root.name}/{path.relative_to(root).as_posix()}"
    except ValueError:
        return path.as_posix()


def entries(content: Content) -> list[Entry]:
    """Every translatable value of the content, one entry per (context, text), with its file:line."""
    found: dict[tuple[str, str], Entry] = {}
    for kind, item_id, item in items(content):
        path = content.files.get((kind, item_id))
        doc = load_file(path) if path is not None else None
        for field_path, keypath, text in values(item):
            context = f"{kind}:{item_id}:{field_path}"
            entry = found.get((context, text))
            if entry is None:
                entry = found[(context, text)] = Entry(context, text, isinstance(text, Prose))
            if doc is not None and path is not None:
                entry.locations.append((reference(path, content.root), doc.where(keypath)[0]))
    return list(found.values())
