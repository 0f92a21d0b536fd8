"""A sentence plan composes, carried as a message id and its values, so each edition words it in its language.

Plan decides and words in English (`Message` is a `str`: the English sentence, for every page,
test and `.ics` that reads it as text). A translated edition rebuilds the sentence from the
same parts: its template from the generator's catalogue (playbook_gen/locale/<lang>.po, where
`python -m playbook_gen.i18n.package_catalogue` finds every `message(...)` and `nmessage(...)`),
or from the content's catalogue for a template the content pack wrote (a `detect` rule's `says`);
its values translated as values (a nested message; content text, which is `ContentText` once loaded:
i18n/source.py) or left as written (team data, plain `str`: a name, a goal). `Emph` marks a value
printed in italics (render/escaping.py's `reason` filter).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .formats import date_text, quantity_text
from .strings import SOURCE_LANGUAGE, gettext, ngettext

Parts = tuple[tuple[str, bool], ...]  # text segments, each emphasised or not
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


class Emph(str):
    """A value printed emphasised (`emph()` makes one, of a message too); `source` is the value itself, so a
    translated edition knows content text (a title) from team data (a name) by what it was made of."""

    source: str

    def __new__(cls, value: str) -> Emph:
        self = super().__new__(cls, value)
        self.source = getattr(value, "source", value)
        return self


def emph(value: Any) -> Any:
    """`value` printed in italics where it fills a placeholder: a title, a name, or a message of its own."""
    if isinstance(value, Message):
        return Message(value.template, value.values, plural=value.plural, n=value.n, from_content=value.from_content,
                       emphasised=True, language=value.language)
    return Emph(value)


class Number(float):
    """A number printed the way the edition's language groups and separates it: 12,500 / 12.500, 0.85 / 0,85."""


@dataclass(frozen=True)
class Day:
    """A date printed with an LDML pattern marked in strings.VOCABULARY ('d MMMM' -> 4 January / 4. Januar)."""

    value: date
    pattern: str


class Ordinal(int):
    """A position printed as an ordinal in the edition's language: '3rd' in English, '3.' otherwise (German's way;
    a language that writes ordinals otherwise needs a case here)."""

    def text(self, language: str) -> str:
        if language.split("-")[0] == "en":
            n = int(self)
            return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
        return f"{int(self)}."


class Message(str):
    """A sentence and what it is made of; `str(message)` is it in the language it was last worded in."""

    template: str  # the English template: %(name)s placeholders (generator), {name} (a content template)
    plural: str | None
    n: int | None
    values: Mapping[str, Any]
    from_content: bool  # the template is content text (translated by the content catalogue)
    emphasised: bool  # printed in italics where it is a value of another message
    language: str
    _parts: Parts

    def __new__(cls, template: str, values: Mapping[str, Any] | None = None, *, plural: str | None = None,
                n: int | None = None, from_content: bool = False, emphasised: bool = False,
                language: str = SOURCE_LANGUAGE, worded: str | None = None) -> Message:
        values = dict(values or {})
        if n is not None:
            values.setdefault("num", n)
        chosen = worded if worded is not None else template if plural is None or n == 1 else plural
        parts = _fill(chosen, values, language)
        self = super().__new__(cls, "".join(text for text, _ in parts))
        self.template, self.plural, self.n, self.values = template, plural, n, values
        self.from_content, self.emphasised, self.language, self._parts = from_content, emphasised, language, parts
        return self

    @property
    def parts(self) -> Parts:
        return self._parts

    def translated(self, language: str, value: Callable[[Any], Any],
                   content_text: Callable[[str], str | None]) -> Message:
        """This sentence in `language`: `value` translates a value, `content_text` a content template."""
        if self.from_content:
            worded = content_text(self.template)
        elif self.plural is not None and self.n is not None:
            worded = ngettext(language, self.template, self.plural, self.n)
        else:
            worded = gettext(language, self.template)
        values = {name: value(v) for name, v in self.values.items()}
        return Message(self.template, values, plural=self.plural, n=self.n, from_content=self.from_content,
                       emphasised=self.emphasised, language=language, worded=worded)


def _fill(template: str, values: Mapping[str, Any], language: str) -> Parts:
    """The template's text with each placeholder's value, as segments (values marked Emph emphasised)."""
    parts: list[tuple[str, bool]] = []
    at = 0
    for found in _PLACEHOLDER.finditer(template):
        name = found.group(1) or found.group(2)
        if name not in values:
            continue  # a brace the content wrote, or a placeholder this message has no value for: text
        if found.start() > at:
            parts.append((template[at:found.start()], False))
        parts.extend(_value_parts(values[name], language))
        at = found.end()
    if at < len(template):
        parts.append((template[at:], False))
    return _joined(parts)


def _value_parts(value: Any, language: str) -> Parts:
    if isinstance(value, Message):
        return tuple((text, True) for text, _ in value.parts) if value.emphasised else value.parts
    if isinstance(value, Ordinal):
        return ((value.text(language), False),)
    if isinstance(value, Number):
        return ((quantity_text(value, language), False),)
    if isinstance(value, Day):
        return ((date_text(value.value, gettext(language, value.pattern), language), False),)
    return ((str.__str__(value) if isinstance(value, str) else str(value), isinstance(value, Emph)),)


def _joined(parts: list[tuple[str, bool]]) -> Parts:
    out: list[tuple[str, bool]] = []
    for text, emphasised in parts:
        if not text:
            continue
        if out and out[-1][1] == emphasised:
            out[-1] = (out[-1][0] + text, emphasised)
        else:
            out.append((text, emphasised))
    return tuple(out)


def message(template: str, **values: Any) -> Message:
    """A sentence of the generator's, like message("it answers %(situation)s", situation=Emph(title))."""
    return Message(template, values)


def nmessage(singular: str, plural: str, n: int, **values: Any) -> Message:
    """A sentence with a count: nmessage("%(num)d person", "%(num)d people", n); `num` is n."""
    return Message(singular, values, plural=plural, n=n)


def dated(value: date, pattern: str) -> Message:
    """A date alone, in the edition's words: dated(day, "EEE d MMM") is 'Mon 1 Mar' / 'Mo. 1. März'."""
    return Message("%(day)s", {"day": Day(value, pattern)})


def content_message(template: str, **values: Any) -> Message:
    """A sentence whose template the content pack wrote ('{value} ideas from reps last quarter')."""
    return Message(template, values, from_content=True)


def names(items: list[Any]) -> Any:
    """'A', 'A and B', 'A, B and C': the last two joined by the edition's word for 'and'."""
    if len(items) == 1:
        return items[0]
    head = Message(", ".join(f"%(v{i})s" for i in range(len(items) - 1)), {f"v{i}": v for i, v in enumerate(items[:-1])})
    return message("%(names)s and %(last)s", names=head, last=items[-1])
