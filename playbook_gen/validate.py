"""Stage 2 — validate: typed models, resolved references, every problem at once."""
from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import ContentError, Problem
from .load import Document, describe, load_file
from .models import KINDS, Playbook, Practice, Principle, Situation, Team

FOLDERS = {"principle": "principles", "practice": "practices", "situation": "situations", "team": "teams"}


@dataclass
class Content:
    """The validated playbook: every entity keyed by id, in a stable order."""

    root: Path
    playbook: Playbook
    principles: dict[str, Principle] = field(default_factory=dict)
    practices: dict[str, Practice] = field(default_factory=dict)
    situations: dict[str, Situation] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    files: dict[tuple[str, str], Path] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def situations_for(self, practice_id: str) -> list[Situation]:
        """Situations a practice answers — computed from the situations' own lists."""
        return [s for s in self.situations.values() if practice_id in s.practices]

    def practices_for(self, principle_id: str) -> list[Practice]:
        return [p for p in self.practices.values() if p.principle == principle_id]


def did_you_mean(value: Any, choices: typing.Iterable[str]) -> str:
    if not isinstance(value, str):
        return ""
    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{matches[0]}'?" if matches else ""


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found.extend(_inner_models(arg))
    return found


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        inner = _inner_models(info.annotation)
        if not inner:
            return None
        model = inner[0]
    return model


def _message(error: dict[str, Any], model: type[BaseModel]) -> tuple[tuple[Any, ...], str, bool]:
    """(key path, message, points-at-key) for one pydantic error."""
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    kind, value = error["type"], error.get("input")
    name = loc[-1] if loc and isinstance(loc[-1], str) else None
    if kind == "missing":
        return loc[:-1], f"missing required field '{name}'", False
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        hint = did_you_mean(name, parent.model_fields) if parent else ""
        return loc, f"unknown field '{name}'{hint}", True
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        options = [o.strip(" '") for o in allowed.replace(" or ", ", ").split(",")]
        return loc, f"'{value}' is not allowed here; use one of {allowed}{did_you_mean(value, options)}", False
    if kind == "string_type":
        hint = ""
        if isinstance(value, (bool, int, float)) or value is None:
            hint = "; put it in quotes if you mean the text"
        return loc, f"expected text, found {describe(value)}{hint}", False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return loc, f"expected a whole number, found {describe(value)}" + (f" '{value}'" if isinstance(value, str) else ""), False
    if kind in ("bool_parsing", "bool_type"):
        return loc, f"expected true or false, found {describe(value)}", False
    if kind in ("list_type",):
        return loc, f"expected a list, found {describe(value)}", False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return loc, f"expected a mapping of fields, found {describe(value)}", False
    if kind == "string_pattern_mismatch":
        if name == "quarter":
            return loc, f"'{value}' is not a quarter; write it as YYYY-QN, like 2027-Q1", False
        if name == "site_url":
            return loc, f"'{value}' is not a web address; start it with https://", False
        if name == "language":
            return loc, f"'{value}' is not a language code (like 'en' or 'de')", False
        return loc, (
            f"'{value}' is not a valid id: use lower-case letters, digits and single hyphens (like 'weekly-one-on-one')"
        ), False
    if kind == "too_short":
        return loc, f"'{name or 'list'}' needs at least {error.get('ctx', {}).get('min_length', 1)} item(s)" if isinstance(value, list) else f"'{name}' must not be empty", False
    if kind == "string_too_long":
        return loc, f"text is longer than {error.get('ctx', {}).get('max_length')} characters", False
    msg = error["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return loc, msg[0].lower() + msg[1:] if msg else kind, False


def parse_document(doc: Document, model: type[BaseModel]) -> BaseModel | None:
    """Validate one loaded document; problems are appended to `doc.problems`."""
    if doc.problems or not isinstance(doc.data, dict):
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc, message, at_key = _message(error, model)
            line, col = doc.key_where(loc) if at_key else doc.where(loc)
            doc.problems.append(Problem(str(doc.path), line, col, message))
        return None


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and not p.name.startswith("."))


def load_content(root: Path) -> Content:
    """Load and validate a content folder; raise `ContentError` listing every problem."""
    root = Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        raise ContentError([Problem(str(root), 0, 0, "content folder not found")])
    playbook_path = root / "playbook.yml"
    playbook = None
    docs: list[Document] = []
    if not playbook_path.is_file():
        problems.append(Problem(str(playbook_path), 1, 1, "playbook.yml is missing; it holds the title and intro"))
    else:
        doc = load_file(playbook_path)
        playbook = parse_document(doc, Playbook)
        docs.append(doc)

    entities: dict[str, dict[str, tuple[Any, Document]]] = {kind: {} for kind in FOLDERS}
    for kind, folder in FOLDERS.items():
        for path in _yaml_files(root / folder):
            doc = load_file(path)
            docs.append(doc)
            item = parse_document(doc, KINDS[kind])
            if item is None:
                continue
            if item.id in entities[kind]:
                other = entities[kind][item.id][1]
                problems.append(doc.problem(("id",), f"{kind} id '{item.id}' is already used by {other.path.name}"))
                continue
            entities[kind][item.id] = (item, doc)

    content = Content(root=root, playbook=playbook) if playbook else None
    ids = {kind: set(found) for kind, found in entities.items()}
    warnings: list[Problem] = []

    def check_ref(doc: Document, keypath: tuple, value: str, kind: str) -> None:
        if value not in ids[kind]:
            problems.append(doc.problem(keypath, f"unknown {kind} '{value}'{did_you_mean(value, ids[kind])}"))

    for practice, doc in entities["practice"].values():
        check_ref(doc, ("principle",), practice.principle, "principle")
    for situation, doc in entities["situation"].values():
        for i, pid in enumerate(situation.practices):
            check_ref(doc, ("practices", i), pid, "practice")
    used_practices = {pid for s, _ in entities["situation"].values() for pid in s.practices}
    for team, doc in entities["team"].values():
        for i, sid in enumerate(team.situations):
            check_ref(doc, ("situations", i), sid, "situation")
        seen: dict[str, int] = {}
        for m, member in enumerate(team.members):
            slug = member.slug
            if slug in seen:
                problems.append(doc.problem(("members", m, "name"),
                                            f"member '{member.name}' would share the page id '{slug}' with member #{seen[slug] + 1}; give one of them an 'id'"))
            seen[slug] = m
            for f, pid in enumerate(member.focus):
                check_ref(doc, ("members", m, "focus", f), pid, "practice")
                used_practices.add(pid)
        if not team.members:
            warnings.append(doc.problem(("members",), f"team '{team.id}' has no members", "warning"))
    for pid, (practice, doc) in entities["practice"].items():
        if pid not in used_practices:
            warnings.append(doc.problem(("id",), f"practice '{pid}' is not used by any situation or team focus", "warning"))

    for doc in docs:
        problems.extend(doc.problems)
    if problems or content is None:
        raise ContentError(problems + warnings)
    for kind, found in entities.items():
        target = getattr(content, FOLDERS[kind])
        for item_id, (item, doc) in sorted(found.items()):
            target[item_id] = item
            content.files[(kind, item_id)] = doc.path
    content.files[("playbook", "playbook")] = playbook_path
    content.warnings = sorted(warnings)
    return content
