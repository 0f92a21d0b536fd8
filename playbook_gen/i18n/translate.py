"""A language edition: the planned edition with every content value replaced by its translation.

Planning decides from the source content (which cards a team starts with, who takes part in a
card, the calendar), so an edition's decisions never depend on its language; this module then
swaps each principle, practice, situation and the playbook in the edition's pages (and its
calendar) for a translated copy. A translated value is the same kind of value as the source it
replaces: `Text` stays plain text, printed through render/escaping.py's `md_text`; a `Prose`
field's translation is `Prose` again and goes through prose.py's sanitiser. An untranslated or
fuzzy value is the source text as `Fallback`, which the page prints with `lang="<source>"`.
"""
from __future__ import annotations

import copy
import dataclasses
from typing import Any

from pydantic import BaseModel

from ..branding import PRIVATE_SUFFIX
from ..content import Content
from ..models import ContentText, Prose
from . import strings
from .catalog import Catalogue
from .fields import items, values
from .message import Emph, Message

MAX_LENGTH = 5000  # the models' limit on a text field holds for its translation too
# keys under which plan puts team data in page contexts (public_view, team_public): never translated, even when
# a value happens to equal one of the generator's phrases (a member whose role is "Manager")
TEAM_DATA_KEYS = frozenset({"name", "role", "manager", "goals", "member_name", "members", "strengths", "notes"})


class Fallback(str):
    """Source text shown where a translation is missing or fuzzy; `lang` is the source language."""

    lang: str = "en"


class FallbackProse(Prose):
    """A `Prose` value shown in the source language: still Prose, so still sanitised."""

    lang: str = "en"


def _fallback(text: str, prose: bool, lang: str) -> str:
    value: Fallback | FallbackProse = FallbackProse(text) if prose else Fallback(text)
    value.lang = lang
    return value


def translated_text(source: str, translation: str | None, lang: str) -> str:
    """The value a page prints for `source`: its translation (same kind: Prose or plain), else a Fallback."""
    prose = isinstance(source, Prose)
    if translation is not None:
        text = translation.strip()
        # a `says` line's translation keeps its {value}, or the number would be lost: else the source
        if text and len(text) <= MAX_LENGTH and "\x00" not in text and ("{value}" in text or "{value}" not in source):
            return Prose(text) if prose else text
    return _fallback(str(source), prose, lang)


def set_path(data: dict[str, Any], keypath: tuple, value: str) -> None:
    target: Any = data
    for key in keypath[:-1]:
        target = target[key]
    target[keypath[-1]] = value


def rebuilt(model: BaseModel, data: dict[str, Any]) -> BaseModel:
    """A copy of `model` with `data`'s values (no validation: they already are the right kinds)."""
    update: dict[str, Any] = {}
    for name, value in data.items():
        current = getattr(model, name)
        if isinstance(current, BaseModel) and isinstance(value, dict):
            update[name] = rebuilt(current, value)
        elif isinstance(current, dict) and isinstance(value, dict):
            update[name] = {k: rebuilt(current[k], v) if isinstance(current[k], BaseModel) and isinstance(v, dict) else v
                            for k, v in value.items()}
        elif isinstance(current, list) and isinstance(value, list):
            update[name] = [rebuilt(c, v) if isinstance(c, BaseModel) and isinstance(v, dict) else v
                            for c, v in zip(current, value, strict=True)]
        else:
            update[name] = value
    return model.model_copy(update=update)


def translate_item(kind: str, item_id: str, item: BaseModel, catalogue: Catalogue | None, source_lang: str) -> BaseModel:
    """`item` with every translatable value translated (or marked as a fallback)."""
    data = model_data(item)
    for field_path, keypath, text in values(item):
        context = f"{kind}:{item_id}:{field_path}"
        found = catalogue.lookup(context, text) if catalogue is not None else None
        set_path(data, keypath, translated_text(text, found, source_lang))
    return rebuilt(item, data)


def model_data(item: BaseModel) -> dict[str, Any]:
    """The model's fields as nested dicts and lists holding the very same str objects (Prose kept)."""
    out: dict[str, Any] = {}
    for name in type(item).model_fields:
        value = getattr(item, name)
        if isinstance(value, BaseModel):
            out[name] = model_data(value)
        elif isinstance(value, list):
            out[name] = [model_data(v) if isinstance(v, BaseModel) else v for v in value]
        elif isinstance(value, dict):
            out[name] = {k: model_data(v) if isinstance(v, BaseModel) else v for k, v in value.items()}
        else:
            out[name] = value
    return out


class Translation:
    """One language of one loaded content: translated copies of its items, and the pages using them."""

    def __init__(self, content: Content, language: str):
        self.language = language
        self.source_language = content.playbook.language
        catalogue = content.catalogues.get(language)
        self.models: dict[int, tuple[BaseModel, BaseModel]] = {}  # id(source) -> (source, translated)
        # content text plan copied out of a model (a card's step onto a prep page, a principle's behaviours
        # into pairs, a title into an event or a sentence) is ContentText (source.py): translated by its text;
        # team data is plain str and stays as the team wrote it, even when it reads like a content value
        self.texts: dict[str, str] = {}
        for kind, item_id, item in items(content):
            translated = translate_item(kind, item_id, item, catalogue, self.source_language)
            self.models[id(item)] = (item, translated)
            for (_, _, source), (_, _, target) in zip(values(item), values(translated), strict=True):
                self.texts.setdefault(str.__str__(source), target)
        self.source_title = content.playbook.title
        self._pages: dict[int, tuple[Any, Any]] = {}  # id(source page) -> (page, localised): shared pages once
        # whether bare strings that are generator phrases are translated: on a page's context, yes; in the
        # calendar (calendar.ics) no: its sentences are messages, its bare strings data (an event's cadence)
        self._words = True

    def value(self, value: Any, memo: dict[int, Any] | None = None) -> Any:
        """`value` with every content model in it replaced by its translation (deep, shared objects once)."""
        memo = {} if memo is None else memo
        return self._walk(value, memo)

    def content_text(self, value: Any) -> str | None:
        """The translation of a content value plan copied (ContentText or Prose), else None."""
        return self.texts.get(value) if isinstance(value, (ContentText, Prose)) else None

    def _walk(self, value: Any, memo: dict[int, Any]) -> Any:
        if isinstance(value, Message):  # a sentence plan composed: worded again in this language
            return value.translated(self.language, self._message_value, self.content_text)
        if type(value) is Prose or type(value) is ContentText:  # content text plan copied out of its model
            return self.texts.get(value, value)  # (a translated Prose or Fallback is final: not this type)
        if isinstance(value, (int, float, type(None))) or type(value) is not str and isinstance(value, str):
            return value  # numbers, Markup, translated Prose and Fallback values are final
        if type(value) is str:  # one of the generator's own words, else data
            return strings.gettext(self.language, value) if self._words else value
        key = id(value)
        if key in memo:
            return memo[key]
        if isinstance(value, BaseModel):
            pair = self.models.get(key)
            result: Any = pair[1] if pair is not None and pair[0] is value else value
        elif isinstance(value, list):
            result = [self._walk(v, memo) for v in value]
        elif isinstance(value, tuple):
            walked = [self._walk(v, memo) for v in value]
            result = type(value)(*walked) if hasattr(value, "_fields") else tuple(walked)
        elif isinstance(value, dict):  # team data (a member's name and role, the team's goals) stays as written
            result = {k: v if k in TEAM_DATA_KEYS else self._walk(v, memo) for k, v in value.items()}
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            result = copy.copy(value)
            memo[key] = result
            for f in dataclasses.fields(value):
                object.__setattr__(result, f.name, self._walk(getattr(value, f.name), memo))
            return result
        else:
            result = value  # dates, paths, anything else: not text of the content
        memo[key] = result
        return result

    def _message_value(self, value: Any) -> Any:
        """A message's value in this language: a nested message worded again, content text translated;
        any other text is team data (a name, a goal) and stays as written."""
        if isinstance(value, Emph):
            found = self.content_text(value.source)
            return value if found is None else Emph(found)
        return self._walk(value, {}) if isinstance(value, (Message, ContentText, Prose)) else value

    def page(self, page: Any) -> Any:
        cached = self._pages.get(id(page))
        if cached is not None and cached[0] is page:
            return cached[1]
        context = self.value(page.context)  # (dates are Day values in messages, or the templates' date filter)
        localised = dataclasses.replace(page, title=self._walk(page.title, {}), context=context)
        self._pages[id(page)] = (page, localised)
        return localised

    def edition(self, edition: Any) -> Any:
        """The planned `edition` in this language: its pages, calendar and site name translated."""
        title = self.texts.get(self.source_title, self.source_title)
        site_name = edition.site_name.replace(self.source_title, str(title), 1)
        if edition.private and site_name.endswith(PRIVATE_SUFFIX):  # " — manager edition", in this language
            site_name = site_name[: -len(PRIVATE_SUFFIX)] + strings.gettext(self.language, PRIVATE_SUFFIX)
        pages = [self.page(p) for p in edition.pages]
        self._words = False
        try:
            calendar = self.value(edition.calendar) if edition.calendar is not None else None
        finally:
            self._words = True
        return dataclasses.replace(edition, pages=pages, site_name=site_name, calendar=calendar, language=self.language)


def translation(content: Content, language: str) -> Translation:
    """The content's translation into `language`, made once per loaded content."""
    cache: dict[str, Translation] = content.__dict__.setdefault("translations_cache", {})
    if language not in cache:
        cache[language] = Translation(content, language)
    return cache[language]
