"""Stage 2 — validate: typed models, resolved references, every problem at once (worded by messages.py)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .content import Content
from .content_warnings import palette_warnings, prose_warnings
from .errors import ContentError, ContentPathError, Problem, display_path
from .i18n.report import completeness, language_warnings, load_catalogues, min_complete_problems
from .i18n.source import mark_content_text
from .load import Document, load_file
from .messages import reworded
from .metric_checks import metric_problems
from .models import KINDS, Playbook, slugify
from .paths import theme_languages
from .references import check_references
from .safety import IMAGE_SUFFIXES, content_path
from .slug import is_slug
from .suggest import did_you_mean
from .team_checks import calendar_problems

# What `playbook init` copied into every new repository before editions opened from disk without a
# site_url: an address nobody serves, so a playbook still carrying it was never told where it lives.
PLACEHOLDER_SITE_URL = "https://playbook.example.com/"
FOLDERS = {"principle": "principles", "practice": "practices", "situation": "situations", "scorecard": "scorecards",
           "team": "teams"}


_M = TypeVar("_M", bound=BaseModel)


def parse_document(doc: Document, model: type[_M]) -> _M | None:
    """Validate one loaded document; problems are appended to `doc.problems`."""
    if doc.problems or not isinstance(doc.data, dict):
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        doc.problems.extend(reworded(exc, doc, model))
        return None


def _outside(path: Path, root: Path) -> Path | None:
    """Where `path` really is when a symbolic link (the file or a folder on the way) leads outside `root`."""
    try:
        target = path.resolve()
        return None if target.is_relative_to(root.resolve()) else target
    except (OSError, RuntimeError):  # a symlink loop: the loader reports it
        return None


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and not p.name.startswith("."))


# Cross-file checks read the raw data, not only the files that validated, so one
# run reports every problem: a team with a typo in one field still gets its
# unknown situations reported, and a broken situation still counts as using
# its practices.

def _slug(value: Any) -> str | None:
    return value if is_slug(value) else None


def _slugs(data: Any, key: str) -> list[tuple[int, str]]:
    """(index, id) of each valid id in the list `data[key]`; anything else the model reports."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if _slug(item)]


def _members(data: Any) -> list[tuple[int, dict]]:
    members = data.get("members") if isinstance(data, dict) else None
    if not isinstance(members, list):
        return []
    return [(i, m) for i, m in enumerate(members) if isinstance(m, dict)]


_ID_LINE = re.compile(r"""^id:[ \t]*["']?([^\s"'#]+)""", re.MULTILINE)


def _guess_id(doc: Document) -> str | None:
    """The id a file with no usable id was probably meant to define."""
    if isinstance(doc.data, dict):
        return _slug(doc.path.stem)
    try:
        found = _ID_LINE.search(doc.path.read_bytes()[:100_000].decode("utf-8", "replace"))
    except OSError:
        found = None
    return _slug(found.group(1) if found else None) or _slug(doc.path.stem)


def _stray_folders(root: Path) -> list[Problem]:
    """Warn about YAML the loader would silently skip: a 'team/' folder, a root-level file."""
    known = set(FOLDERS.values())
    warnings = []
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or path.name in known:
            continue
        if path.is_dir() and _yaml_files(path):
            hint = did_you_mean(path.name, known) or f"; content is read only from {', '.join(sorted(known))}"
            warnings.append(Problem(str(path), 1, 1, f"folder '{path.name}' is not read{hint}", "warning"))
        elif path.is_file() and path.suffix in (".yml", ".yaml") and path.name != "playbook.yml":
            warnings.append(Problem(str(path), 1, 1, "file is not read: only playbook.yml belongs at the top of the "
                                    f"content folder; move it into {', '.join(sorted(known))}", "warning"))
    return warnings


def _check_branding(doc: Document, root: Path, problems: list[Problem]) -> None:
    """A team's logo must be an image inside the content folder; its language one Material has."""
    logo = doc.data.get("logo")
    if isinstance(logo, str) and logo.strip():
        try:
            path = content_path(root, logo)
        except ContentPathError as exc:
            problems.append(doc.problem(("logo",), f"logo {exc}"))
        else:
            if path.suffix.lower() not in IMAGE_SUFFIXES:
                problems.append(doc.problem(("logo",), f"logo '{logo}' is not an image; use one of "
                                                       f"{', '.join(sorted(IMAGE_SUFFIXES))}"))
    language = doc.data.get("language")
    languages = theme_languages()
    if isinstance(language, str) and languages and language not in languages and not doc.problems:
        problems.append(doc.problem(("language",), f"Material has no interface language '{language}'"
                                                   f"{did_you_mean(language, sorted(languages))}"))


def load_content(root: Path, *, strict: bool = False, check_translations: bool = True) -> Content:
    """Load and validate a content folder; raise `ContentError` listing every problem.

    With `strict`, warnings (allowed but probably wrong) count as errors. Without
    `check_translations`, playbook.yml's `min_complete` is not enforced (`translations extract`
    is how a catalogue below it is brought up to date).
    """
    root = Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        raise ContentError([Problem(str(root), 0, 0, "content folder not found")])
    playbook_path = root / "playbook.yml"
    playbook = None
    playbook_doc: Document | None = None
    docs: list[Document] = []
    if not playbook_path.is_file():
        problems.append(Problem(str(playbook_path), 1, 1, "playbook.yml is missing; it holds the title and intro"))
    else:
        doc = load_file(playbook_path)
        playbook = parse_document(doc, Playbook)
        docs.append(doc)
        playbook_doc = doc

    # every file of a kind, in path order, with its model when it validated
    loaded: dict[str, list[tuple[Document, Any]]] = {kind: [] for kind in FOLDERS}
    refused: set[Path] = set()  # never read: not even for the id it was meant to define
    for kind, folder in FOLDERS.items():
        for path in _yaml_files(root / folder):
            target = _outside(path, root)
            if target is not None:  # like a logo: content is read from inside the content folder only
                doc = Document(path=path, problems=[Problem(str(path), 1, 1, (
                    f"this file is a symbolic link leading outside the content folder (to {target}); "
                    f"copy the file into {folder}/ instead"))])
                docs.append(doc)
                loaded[kind].append((doc, None))
                refused.add(path)
                continue
            doc = load_file(path)
            docs.append(doc)
            loaded[kind].append((doc, parse_document(doc, KINDS[kind])))

    # ids: the first file to claim one owns it, whether or not the rest of it validated
    owners: dict[str, dict[str, Document]] = {kind: {} for kind in FOLDERS}
    entities: dict[str, dict[str, tuple[Any, Document]]] = {kind: {} for kind in FOLDERS}
    for kind, found in loaded.items():
        for doc, item in found:
            item_id = _slug(doc.data.get("id")) if isinstance(doc.data, dict) else None
            if item_id is None:
                continue
            if item_id in owners[kind]:
                other = owners[kind][item_id]
                line = other.where(("id",))[0]
                problems.append(doc.problem(("id",), f"{kind} id '{item_id}' is already used by "
                                                     f"{display_path(other.path)}:{line}; ids must be unique"))
                continue
            owners[kind][item_id] = doc
            if item is not None:
                entities[kind][item_id] = (item, doc)

    # a file too broken to read, or whose id is invalid, probably meant the id on its `id:`
    # line or in its name: references to it are not reported on top of its own error
    unreadable = {kind: {_slug(doc.path.stem) if doc.path in refused else _guess_id(doc) for doc, _ in found
                         if not (isinstance(doc.data, dict) and _slug(doc.data.get("id")))}
                  for kind, found in loaded.items()}
    warnings: list[Problem] = _stray_folders(root)

    def check_ref(doc: Document, keypath: tuple, value: str, kind: str) -> None:
        if value not in owners[kind] and value not in unreadable[kind]:
            known = sorted(owners[kind])
            hint = did_you_mean(value, known) or (f"; known {FOLDERS[kind]}: {', '.join(known)}" if 0 < len(known) <= 8 else "")
            problems.append(doc.problem(keypath, f"unknown {kind} '{value}'{hint}"))

    used_practices: set[str] = set()
    for doc, _ in loaded["practice"]:
        principle = _slug(doc.data.get("principle")) if isinstance(doc.data, dict) else None
        if principle:
            check_ref(doc, ("principle",), principle, "principle")
    for doc, _ in loaded["situation"]:
        for i, pid in _slugs(doc.data, "practices"):
            check_ref(doc, ("practices", i), pid, "practice")
            used_practices.add(pid)
    problems.extend(check_references(loaded, check_ref, used_practices, warnings))
    employee_ids: dict[str, tuple[Document, int]] = {}
    for doc, _ in loaded["team"]:
        if not isinstance(doc.data, dict):
            continue
        for i, sid in _slugs(doc.data, "situations"):
            check_ref(doc, ("situations", i), sid, "situation")
        seen: dict[str, int] = {}
        for m, member in _members(doc.data):
            eid = member.get("employee_id")
            if isinstance(eid, str) and eid in employee_ids:  # one person, one entry, in one team
                first, at = employee_ids[eid]
                problems.append(doc.problem(("members", m, "employee_id"), (
                    f"employee_id '{eid}' is already given on {display_path(first.path)}:"
                    f"{first.where(('members', at, 'employee_id'))[0]}; an employee_id names one person, in one team")))
            elif isinstance(eid, str):
                employee_ids[eid] = (doc, m)
            for f, pid in _slugs(member, "focus"):
                check_ref(doc, ("members", m, "focus", f), pid, "practice")
                used_practices.add(pid)
            name, member_id = member.get("name"), member.get("id")
            if member_id is not None:
                slug = _slug(member_id)
            else:
                slug = slugify(name) if isinstance(name, str) and name.strip() else None
            if slug is None:
                continue
            if slug in seen:
                first = doc.data["members"][seen[slug]].get("name")
                key = "id" if member_id is not None else "name"
                problems.append(doc.problem(("members", m, key), (
                    f"member '{name}' would get the page id '{slug}', already taken by '{first}' "
                    f"(line {doc.where(('members', seen[slug]))[0]}); give one of them a different 'id'")))
            else:
                seen[slug] = m
        _check_branding(doc, root, problems)
        if doc.data.get("members") in (None, []) and not doc.problems:
            team_id = _slug(doc.data.get("id")) or display_path(doc.path)
            warnings.append(doc.problem(("members",) if "members" in doc.data else ("id",),
                                        f"team '{team_id}' has no members; add them under 'members:'", "warning"))
    problems.extend(metric_problems(playbook_doc, [d for d, _ in loaded["situation"]], [d for d, _ in loaded["team"]]))
    for team, doc in entities["team"].values():
        warnings.extend(palette_warnings(team, doc))
        errors, calendar_warnings = calendar_problems(team, doc)
        problems.extend(errors)
        warnings.extend(calendar_warnings)
    prose_items = [(item, doc) for kind in FOLDERS for doc, item in loaded[kind] if item is not None]
    if playbook is not None and playbook_doc is not None:
        prose_items.append((playbook, playbook_doc))
        if playbook.site_url == PLACEHOLDER_SITE_URL:
            warnings.append(playbook_doc.problem(("site_url",), (
                f"site_url is still the placeholder '{PLACEHOLDER_SITE_URL}' that `playbook init` used to write: set it to "
                "the address the editions will be served under (like https://playbook.intranet.example/), "
                "or delete the line until you know it"), "warning"))
    for item, doc in prose_items:
        warnings.extend(prose_warnings(item, doc))
    for pid, doc in owners["practice"].items():
        if pid not in used_practices:
            warnings.append(doc.problem(("id",), f"practice '{pid}' is not used by any situation or team member's "
                                                 "focus; list it under a situation's 'practices'", "warning"))

    for doc in docs:
        problems.extend(doc.problems)
    if strict:
        problems.extend(Problem(w.path, w.line, w.column, w.message, "error") for w in warnings)
        warnings = []
    catalogues, catalogue_problems = load_catalogues(root)
    problems += [p for p in catalogue_problems if p.is_error]
    warnings += [p for p in catalogue_problems if not p.is_error]
    if problems or playbook is None:
        raise ContentError(problems + warnings)
    content = Content(root=root, playbook=playbook, catalogues=catalogues)
    for kind, items in entities.items():
        target = getattr(content, FOLDERS[kind])
        for item_id, (item, doc) in sorted(items.items()):
            target[item_id] = item
            content.files[(kind, item_id)] = doc.path
    content.files[("playbook", "playbook")] = playbook_path
    below = min_complete_problems(content, completeness(content)) if check_translations else []
    if below:
        raise ContentError(sorted(below) + sorted(warnings))
    content.warnings = sorted(warnings + language_warnings(content))
    mark_content_text(content)  # what a translated edition translates wherever plan copies it (i18n/source.py)
    return content
