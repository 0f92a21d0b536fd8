"""Stage 2 — validate: typed models, resolved references, every problem at once."""
from __future__ import annotations

import json
import re
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from .content import Content
from .errors import ContentError, ContentPathError, Problem, display_path
from .load import Document, describe, load_file
from .models import KINDS, Playbook, Team, prose_fields, slugify
from .paths import theme_languages
from .prose import unsafe_links
from .safety import IMAGE_SUFFIXES, content_path
from .slug import SLUG_PATTERN, is_slug
from .suggest import did_you_mean

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails  # pydantic's own dependency: only its type is needed

# What `playbook init` writes as `site_url` (never the demo's): `check` warns until it is changed.
# What `playbook init` copied into every new repository before editions opened from disk without a
# site_url: an address nobody serves, so a playbook still carrying it was never told where it lives.
PLACEHOLDER_SITE_URL = "https://playbook.example.com/"
FOLDERS = {"principle": "principles", "practice": "practices", "situation": "situations", "team": "teams"}


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


def _show(value: Any, limit: int = 40) -> str:
    """A value quoted the way the author wrote it, cut short and on one line."""
    text = " ".join(str(value).split()) if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def _found(value: Any) -> str:
    """'found text 'eight'', 'found a list', ... for a wrong value."""
    if isinstance(value, str):
        return f"found {_show(value)}" if value else "found empty text"
    return f"found {describe(value)}"


def _label(loc: tuple[Any, ...]) -> str:
    """How an editor names a place: 'tenure_months', 'focus' entry 2, 'members' entry 3."""
    if not loc:
        return "the file"
    if isinstance(loc[-1], int):
        names = [part for part in loc[:-1] if isinstance(part, str)]
        return f"'{names[-1]}' entry {loc[-1] + 1}" if names else f"entry {loc[-1] + 1}"
    return f"'{loc[-1]}'"


def _fields_of(model: type[BaseModel] | None) -> str:
    if model is None:
        return ""
    required = [n for n, f in model.model_fields.items() if f.is_required()]
    return ", ".join(required or list(model.model_fields))


def _message(error: ErrorDetails, model: type[BaseModel]) -> tuple[tuple[Any, ...], str, bool]:
    """(key path, message, points-at-key) for one pydantic error, worded for a content editor."""
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    label = _label(loc)
    name = loc[-1] if loc and isinstance(loc[-1], str) else None
    if kind == "missing":
        where = f" in {_label(loc[:-1])}" if loc[:-1] else ""
        return loc[:-1], f"missing required field '{name}'{where}", False
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        fields = list(parent.model_fields) if parent else []
        hint = did_you_mean(name, fields) or (f"; allowed fields: {', '.join(fields)}" if fields else "")
        return loc, f"unknown field '{name}'{hint}", True
    if value is None and kind not in ("value_error", "assertion_error"):
        return loc, f"{label}{_NO_VALUE}", False
    if kind == "literal_error":
        options = [o.strip(" '") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        return loc, (f"{_show(value)} is not allowed for {label}{did_you_mean(value, options)}"
                     f" (allowed: {', '.join(options)})"), False
    if kind == "string_type":
        return loc, f"{label} must be text, {_found(value)}", False
    if kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size"):
        return loc, f"{label} must be a whole number (like 8), {_found(value)}", False
    if kind in ("bool_parsing", "bool_type"):
        return loc, f"{label} must be true or false, {_found(value)}", False
    if kind in ("list_type", "tuple_type"):
        hint = ("; write [a, b] or one '- item' per line" if isinstance(value, str)
                else "; start each entry with '- '" if isinstance(value, dict) else "")
        return loc, f"{label} must be a list, {_found(value)}{hint}", False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        required = _fields_of(_model_at(model, loc))
        below = f" ({required} on indented lines below it)" if required else ""
        return loc, f"{label} must be a mapping of fields{below}, {_found(value)}", False
    if kind == "string_pattern_mismatch":
        if name == "quarter":
            return loc, f"{_show(value)} is not a quarter; write it as YYYY-QN, like 2027-Q1", False
        if name == "site_url":
            return loc, f"{_show(value)} is not a web address; start it with https://", False
        if name == "language":
            return loc, f"{_show(value)} is not a language code (like 'en' or 'de-CH')", False
        if ctx.get("pattern") != SLUG_PATTERN:
            return loc, f"{_show(value)} does not have the form {label} needs (pattern {ctx.get('pattern')})", False
        example = slugify(str(value))
        if example == "member" and "member" not in str(value).lower():  # slugify's fallback for no letters
            example = "weekly-one-on-one"
        return loc, (f"{_show(value)} is not a valid id: use lower-case letters, digits and single hyphens, "
                     f"like '{example}'"), False
    if kind in ("too_short", "string_too_short"):
        if isinstance(value, (list, dict)):
            least = ctx.get("min_length", 1)
            return loc, f"{label} needs at least {least} {'entry' if least == 1 else 'entries'}", False
        return loc, f"{label} must not be empty", False
    if kind in ("too_long", "string_too_long"):
        unit = "entries" if isinstance(value, (list, dict)) else "characters"
        return loc, f"{label} is too long: at most {ctx.get('max_length')} {unit}", False
    bounds = {"greater_than_equal": ("at least", "ge"), "greater_than": ("more than", "gt"),
              "less_than_equal": ("at most", "le"), "less_than": ("less than", "lt")}
    if kind in bounds:
        words, key = bounds[kind]
        return loc, f"{label} must be {words} {ctx.get(key)}, {_found(value)}", False
    msg = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix):]
    return loc, msg[0].lower() + msg[1:] if msg else kind, False


_M = TypeVar("_M", bound=BaseModel)


def parse_document(doc: Document, model: type[_M]) -> _M | None:
    """Validate one loaded document; problems are appended to `doc.problems`."""
    if doc.problems or not isinstance(doc.data, dict):
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        missing: dict[tuple[Any, ...], list[str]] = {}
        for error in exc.errors(include_url=False):
            loc, message, at_key = _message(error, model)
            if error["type"] == "missing":  # one line per place: "missing required fields 'a', 'b'"
                missing.setdefault(loc, []).append(str(error["loc"][-1]))
                continue
            line, col = doc.key_where(loc) if at_key else doc.where(loc)
            if error["type"] == "string_type" and isinstance(error.get("input"), dict):
                message += _quote_hint(error["input"], doc.source_line(line))
            if message.endswith(_NO_VALUE) and _comment_ate_value(doc, line):
                message = (f"{message[: -len(_NO_VALUE)]} has no value: ' #' starts a comment, "
                           "so put a value that holds '#' in quotes")
            doc.problems.append(Problem(str(doc.path), line, col, message))
        for loc, names in missing.items():
            line, col = doc.where(loc)
            where = f" {_place(doc.data, loc)}" if loc else ""
            plural = "s" if len(names) > 1 else ""
            listed = ", ".join(f"'{name}'" for name in names)
            doc.problems.append(Problem(str(doc.path), line, col, f"missing required field{plural} {listed}{where}"))
        return None


_NO_VALUE = " has no value; write one after the ':' or delete the line"


def _place(data: Any, loc: tuple[Any, ...]) -> str:
    """'in 'manager'', or for a team member 'for member 'Sam' ('members' entry 2)': the name an editor searches for."""
    if len(loc) == 2 and loc[0] == "members" and isinstance(loc[1], int) and isinstance(data, dict):
        members = data.get("members")
        member = members[loc[1]] if isinstance(members, list) and loc[1] < len(members) else None
        name = member.get("name") if isinstance(member, dict) else None
        if isinstance(name, str) and name.strip():
            return f"for member {_show(name)} ({_label(loc)})"
    return f"in {_label(loc)}"


def _quote_hint(value: dict, line: str) -> str:
    """Text with ': ' in it became a mapping (`[Languages: DE, EN]`): say to quote it, showing how."""
    if len(value) != 1:
        return ""
    key, inner = next(iter(value.items()))
    if isinstance(inner, (dict, list)):
        return ""
    written = f"{key}: {'' if inner is None else inner}".strip()
    flow = re.search(r"\[([^\[\]]*)\]", line)
    if flow and f"{key}:" in flow.group(1):  # in [...] the comma split it too: quote everything up to ']'
        written = flow.group(1).strip()
        return f"; ': ' inside [...] starts a mapping: put the text in quotes, like [{json.dumps(written, ensure_ascii=False)}]"
    return f"; ': ' starts a mapping: put the text in quotes, like {json.dumps(written, ensure_ascii=False)}"


def _comment_ate_value(doc: Document, line: int) -> bool:
    """Did `summary: #1 priority` turn the value into a comment?"""
    return bool(re.match(r"[^#]*:\s+#", doc.source_line(line)))


def prose_warnings(item: BaseModel, doc: Document) -> list[Problem]:
    """A warning, at the line that holds it, for every link or image prose.py will drop."""
    found = []
    for name in prose_fields(type(item)):
        value = getattr(item, name)
        if not value:
            continue
        seen: dict[str, int] = {}
        start = doc.where((name,))[0]
        for dropped in unsafe_links(value):
            seen[dropped.url] = seen.get(dropped.url, 0) + 1
            line = _line_holding(doc.path, dropped.url, start, seen[dropped.url])
            found.append(Problem(str(doc.path), line, 1, f"'{name}': {dropped.reason}", "warning"))
    return found


def palette_warnings(team: Team, doc: Document) -> list[Problem]:
    """A warning when the team's colours leave some text below WCAG AA contrast even with the
    generated palette.css (contrast.py): only possible when a user's own palette.css replaces it."""
    if team.palette is None:
        return []
    from . import contrast  # `python -m playbook_gen.contrast` runs it as a script: not imported before

    found = []
    for scheme in contrast.SCHEMES:
        reasons = contrast.problems(team.palette.primary, team.palette.accent, scheme)
        if reasons:
            found.append(doc.problem(("palette",), f"palette {team.palette.primary or 'indigo'}/"
                                     f"{team.palette.accent or 'indigo'} is hard to read in the {scheme} scheme: "
                                     + "; ".join(reasons) + " (templates/assets/palette.css, generated by "
                                     "`python -m playbook_gen.contrast`, brings every Material palette to AA)",
                                     "warning"))
    return found


def _line_holding(path: Path, needle: str, start: int, nth: int = 1) -> int:
    """The line, from `start` on, of the nth occurrence of `needle` (a URL as written), else `start`."""
    try:
        lines = path.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return start
    for number in range(max(start, 1), len(lines) + 1):
        if needle:
            nth -= lines[number - 1].count(needle)
            if nth <= 0:
                return number
    return start


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


def load_content(root: Path, *, strict: bool = False) -> Content:
    """Load and validate a content folder; raise `ContentError` listing every problem.

    With `strict`, warnings (allowed but probably wrong) count as errors.
    """
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
    for doc, _ in loaded["team"]:
        if not isinstance(doc.data, dict):
            continue
        for i, sid in _slugs(doc.data, "situations"):
            check_ref(doc, ("situations", i), sid, "situation")
        seen: dict[str, int] = {}
        for m, member in _members(doc.data):
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
    for team, doc in entities["team"].values():
        warnings.extend(palette_warnings(team, doc))
    prose_items = [(item, doc) for kind in FOLDERS for doc, item in loaded[kind] if item is not None]
    if playbook is not None:
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
    if problems or playbook is None:
        raise ContentError(problems + warnings)
    content = Content(root=root, playbook=playbook)
    for kind, items in entities.items():
        target = getattr(content, FOLDERS[kind])
        for item_id, (item, doc) in sorted(items.items()):
            target[item_id] = item
            content.files[(kind, item_id)] = doc.path
    content.files[("playbook", "playbook")] = playbook_path
    content.warnings = sorted(warnings)
    return content
