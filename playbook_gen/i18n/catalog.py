"""Content catalogues: content/translations/<language>.po, read and written with Babel.

gettext PO files are what Weblate, Crowdin, Transifex and Poedit read and write. Each entry's
context (`msgctxt`) is `kind:id:field`, its `msgid` the source text, its reference comment the
source `file:line`. `extract` keeps every existing translation, marks an entry fuzzy when its
source text changed (keeping the old source as `#| msgid` for the translator), and keeps entries
whose source is gone as obsolete (`#~`), as `msgmerge` does.
"""
from __future__ import annotations

import difflib
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, unescape, write_po

from ..build_date import source_date
from ..content import Content
from ..errors import Problem
from .fields import Entry, entries

TRANSLATIONS_DIR = "translations"
# a list entry whose text changed this much or less keeps its translation (as fuzzy); below, it starts empty
FUZZY_RATIO = 0.5


@dataclass
class Catalogue:
    """One language's translations: (context, source text) -> (translation, fuzzy)."""

    language: str
    path: Path
    messages: dict[tuple[str, str], tuple[str, bool]] = field(default_factory=dict)

    def lookup(self, context: str, msgid: str) -> str | None:
        """The translation to use: None when there is none or it is fuzzy (the source text is shown)."""
        found = self.messages.get((context, msgid))
        if found is None or found[1] or not found[0].strip():
            return None
        return found[0]


def catalogue_path(root: Path, language: str) -> Path:
    return Path(root) / TRANSLATIONS_DIR / f"{language}.po"


def _read(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=None, abort_invalid=True)


def read_catalogue(path: Path, language: str) -> tuple[Catalogue | None, list[Problem]]:
    """The catalogue at `path`, or the problem that stops reading it (`path:line`)."""
    try:
        catalog = _read(path, language)
    except PoFileError as exc:
        return None, [Problem(str(path), exc.lineno + 1, 1, f"not a valid PO file: {str(exc).rsplit(' on ', 1)[0]}")]
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return None, [Problem(str(path), 1, 1, f"cannot read the catalogue: {exc}")]
    found = Catalogue(language, path)
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue  # the header, or a plural entry (content has none)
        text = message.string if isinstance(message.string, str) else ""
        found.messages[(message.context or "", message.id)] = (text, message.fuzzy)
    return found, []


def _previous_ids(path: Path) -> dict[tuple[str, str], str]:
    """{(context, msgid): the old source text} from `#| msgid` comments, which Babel's reader skips."""
    found: dict[tuple[str, str], str] = {}
    for block in path.read_text("utf-8").split("\n\n"):
        parts: dict[str, list[str]] = {}
        key = None
        for line in block.splitlines():
            prefix, line = ("#|", line[2:].strip()) if line.startswith("#|") else ("", line.strip())
            head, _, rest = line.partition(" ")
            if head in ("msgid", "msgctxt") and rest.startswith('"'):
                key = prefix + head
                parts[key] = [rest]
            elif line.startswith('"') and key is not None and key.startswith(prefix or "m"):
                parts[key].append(line)
            elif not line.startswith('"'):
                key = None
        if "#|msgid" in parts and "msgid" in parts:
            text = "".join(unescape(q) for q in parts["#|msgid"])
            context = "".join(unescape(q) for q in parts.get("msgctxt", []))
            found[(context, "".join(unescape(q) for q in parts["msgid"]))] = text
    return found


def _new_catalog(language: str, title: str, previous: Catalog | None) -> Catalog:
    created = previous.creation_date if previous is not None else (source_date() or datetime.now(UTC))
    catalog = Catalog(locale=language, project=title, version=None, creation_date=created,
                      revision_date=previous.revision_date if previous is not None else created,
                      fuzzy=False)
    if previous is not None:
        catalog.last_translator = previous.last_translator
        catalog.language_team = previous.language_team
        catalog.header_comment = previous.header_comment
    else:
        catalog.header_comment = (
            f"# {language} translation of the playbook's content ({title}).\n"
            "# One entry per text: msgctxt is kind:id:field, the reference its source file:line.\n"
            "# `playbook translations extract` updates it; untranslated and fuzzy entries show the source text.")
    return catalog


def _closest(entry: Entry, candidates: list[Message], scalar: bool) -> Message | None:
    """The old entry of the same field this one most likely replaces (its source text was edited)."""
    best, best_ratio = None, 0.0
    for candidate in candidates:
        ratio = difflib.SequenceMatcher(None, candidate.id, entry.msgid).ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    if best is not None and (scalar or best_ratio >= FUZZY_RATIO):
        return best
    return None


@dataclass
class ExtractResult:
    path: Path
    total: int = 0
    added: int = 0
    fuzzy: int = 0  # marked fuzzy now because their source changed
    obsolete: int = 0


def _clean_flags(message: Message, fuzzy: bool) -> None:
    """Content is not a format string: Babel guesses `python-format` from a '%' in the text."""
    message.flags = {"fuzzy"} if fuzzy else set()


def extract(content: Content, language: str, path: Path | None = None) -> ExtractResult:
    """Write or update `content/translations/<language>.po` from the content; return what changed."""
    path = Path(path or catalogue_path(content.root, language))
    previous: Catalog | None = _read(path, language) if path.is_file() else None
    previous_ids = _previous_ids(path) if previous is not None else {}
    catalog = _new_catalog(language, content.playbook.title, previous)
    result = ExtractResult(path)
    found = entries(content)
    wanted = {(e.context, e.msgid) for e in found}
    per_context: dict[str, int] = {}
    for e in found:
        per_context[e.context] = per_context.get(e.context, 0) + 1
    unused: dict[str, list[Message]] = {}  # context -> old entries whose source text is gone
    if previous is not None:
        for message in [*previous, *previous.obsolete.values()]:
            if message.id and isinstance(message.id, str) and (message.context or "", message.id) not in wanted \
                    and isinstance(message.string, str) and message.string.strip():
                unused.setdefault(message.context or "", []).append(message)
    used: set[int] = set()
    for e in found:
        old = previous.get(e.msgid, context=e.context) if previous is not None else None
        string, fuzzy, previous_id = "", False, None
        if old is not None and isinstance(old.string, str):
            string, fuzzy = old.string, old.fuzzy
            was = previous_ids.get((e.context, e.msgid))
            previous_id = [was] if fuzzy and was else None
        else:
            candidates = [m for m in unused.get(e.context, []) if id(m) not in used]
            match = _closest(e, candidates, scalar=per_context[e.context] == 1 and len(candidates) == 1)
            if match is not None:
                used.add(id(match))
                string, fuzzy, previous_id = str(match.string), True, [str(match.id)]
                result.fuzzy += 1
            else:
                result.added += 1
        message = catalog.add(e.msgid, string, locations=e.locations, context=e.context,
                              previous_id=previous_id or ())
        if message is not None:
            _clean_flags(message, fuzzy)
    if previous is not None:  # translations whose source is gone are kept, commented out, as msgmerge does
        for message in [*previous, *previous.obsolete.values()]:
            if message.id and isinstance(message.id, str) and (message.context or "", message.id) not in wanted \
                    and id(message) not in used and isinstance(message.string, str) and message.string.strip():
                message.locations = []
                _clean_flags(message, message.fuzzy)
                catalog.obsolete[(message.id, message.context) if message.context else message.id] = message
                result.obsolete += 1
    result.total = len(found)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_previous=True, sort_output=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = buffer.getvalue()
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
    return result
