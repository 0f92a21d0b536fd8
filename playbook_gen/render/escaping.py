"""Escaping: every value a page template prints becomes literal Markdown text, in one place.

`md_text` is the environment's `finalize`: a value is turned into literal
Markdown text unless it is `Markup` (trusted playbook prose passed through the
`markdown` filter, which accepts only `Prose` fields and hands them to
prose.py's sanitiser, or a link built by `link()`). The other helpers here are
the only ways a template writes Markdown or HTML syntax itself: links, hrefs,
source lines, reasons and filter data.
"""
from __future__ import annotations

import functools
import html
import posixpath
import re
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup

from .. import engines, prose
from ..errors import FilterDataError, NotProseError
from ..i18n import formats, strings
from ..models import Prose
from ..safety import safe_name
from ..slug import is_slug

# Characters Python-Markdown (and its extensions) treat as syntax. Each becomes a
# numeric character reference: Markdown never parses an entity as syntax, and
# the browser shows the character itself. `?` (pymdownx.details `???`), `/`
# (pymdownx.blocks `///`) and `$` (arithmatex) matter only with extensions a
# user may enable; quotes are escaped so a title stays inert even where a theme
# prints it inside an attribute.
_MD_SYNTAX = re.compile(r"[\\`*_{}\[\]()#+\-.!|:~^=?/$\"']")
WHITESPACE = re.compile(r"\s+")


def md_text(value: Any) -> str:
    """Literal text for a Markdown page: no markup, no HTML, no line structure."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    lang = getattr(value, "lang", None)
    if isinstance(value, str) and lang is not None:  # i18n: source text where a translation is missing
        return f'<span lang="{_literal(lang)}" class="{FALLBACK_CLASS}">{_literal(str(value))}</span>'
    return _literal(str(value))


def plain(value: Any) -> str:
    """A value without its i18n fallback mark, for places that hold text only (an <option>'s label)."""
    return "" if value is None else str.__str__(value) if isinstance(value, str) else str(value)


# The mark of a value shown in the source language in a translated edition (i18n/translate.py's
# Fallback): its element carries `lang` and this class; pages.py counts them for the page's note.
FALLBACK_CLASS = "pb-fallback"


@functools.lru_cache(maxsize=16384)
def _literal(text: str) -> str:
    """Cached: every edition prints the same titles and summaries thousands of times."""
    text = html.escape(WHITESPACE.sub(" ", text).strip(), quote=False)  # & < >
    return _MD_SYNTAX.sub(lambda m: f"&#{ord(m.group())};", text)


@pass_context
def trusted_markdown(context: Any, value: Any) -> Markup:
    """Long-form prose written by the playbook owner (a `Prose` field): sanitised HTML, see prose.py.

    Anything else is refused: names, goals, notes and every team value are
    plain text, printed through `md_text`, whichever template asks.
    """
    if value is None:
        return Markup("")
    if not isinstance(value, Prose):
        raise NotProseError(f"the markdown filter only takes fields marked Prose in models/, not {value!r:.60}")
    page = prose.to_page(value, context.get("here"), _link_style(context))
    lang = getattr(value, "lang", None)
    if lang is not None:  # i18n: prose shown in the source language, sanitised like any other
        page = Markup(page.replace('<div class="playbook-prose">',
                                   f'<div class="playbook-prose {FALLBACK_CLASS}" lang="{_literal(lang)}">', 1))
    return page


@pass_context
def link(context: Any, text: Any, target: str) -> Markup:
    """A Markdown link from the current page to `target` (a docs-relative .md path, or a .csv download)."""
    return Markup(f"[{md_text(text)}]({_href(target, posixpath.dirname(context['here']))})")


@pass_context
def file_href(context: Any, target: str) -> Markup:
    """A raw-HTML href from the current page to `target`, a file at the edition's root that the
    build adds after the engine ran (the deck PDF): engines check Markdown links, not these."""
    safe_name(target.rsplit(".", 1)[0])
    return Markup(html.escape(prose.href_to(target, context["here"], _link_style(context))))


def _link_style(context: Any) -> prose.LinkStyle:
    engine = engines.get(context.get("engine", engines.DEFAULT_ENGINE))
    return prose.LinkStyle(engine.source_relative_links, not context.get("offline", False))


@functools.lru_cache(maxsize=16384)
def _href(target: str, folder: str) -> str:
    """Cached: the calendar and recommendation pages link the same cards over and over."""
    stem = target.removesuffix(".md").removesuffix(".csv")  # a page, or a download beside it (a scorecard's CSV)
    for part in stem.split("/"):
        if part != "index":
            safe_name(part)
    return posixpath.relpath(target, folder or ".")


@pass_context
def as_written(context: Any, text: Any) -> Markup:
    """Text shown as the content wrote it, not translated (a tag id, a cited title): marked as the content's
    language in an edition of another language, for screen readers and hyphenation."""
    language, source_language = context.get("language", "en"), context.get("source_language", "en")
    if language == source_language:
        return Markup(md_text(text))
    return Markup(f'<span lang="{_literal(source_language)}">{md_text(text)}</span>')


@pass_context
def source_line(context: Any, source: Any) -> Markup:
    """'*Title*, Author, Publication, 9 January 2013' with only the parts the source gives (the year alone
    when the article gives no full date). In an edition of another language than the content's, what is
    cited as published (title, author, publication) is marked as the source language's, for screen readers
    and hyphenation; the date is in the edition's language."""
    language = context.get("language", "en")
    parts = []
    if source.title:
        parts.append(f"*{as_written(context, source.title)}*")
    elif source.description:
        parts.append(md_text(source.description))
    when = formats.date_text(source.date, strings.gettext(language, "d MMMM y"), language) if source.date else source.year
    parts += [str(as_written(context, v)) for v in (source.author, source.publication) if v]
    if when:
        parts.append(md_text(when))
    return Markup(", ".join(parts))


def reason_text(reason: Any) -> Markup:
    """A plan `Reason` as Markdown: each segment literal text, the emphasised ones in italics."""
    out = []
    for text, emphasised in reason.parts:
        core = md_text(text)
        if core and emphasised:
            core = f"*{core}*"
        lead = " " if text[:1].isspace() else ""
        trail = " " if text[-1:].isspace() else ""
        out.append(f"{lead}{core}{trail}")
    return Markup("".join(out))


_FILL_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def fill(sentence: str, **values: Any) -> Markup:
    """A sentence the template translated (`_("The %(calendar)s: which practice when.")`, no values given
    to `_`) with Markdown in its placeholders (a link from `link()`): the sentence's own words become
    literal text as md_text prints them, each value is printed as md_text prints it (a link stays a link).
    Markdown syntax stays out of the catalogue, and a translation can move the link within its sentence."""
    out, at = [], 0
    for found in [*_FILL_PLACEHOLDER.finditer(sentence), None]:
        text = sentence[at:found.start() if found else len(sentence)]
        core = md_text(text)  # md_text trims: the spaces around a placeholder are put back
        if core:
            out.append(f"{' ' if text[:1].isspace() else ''}{core}{' ' if text[-1:].isspace() else ''}")
        elif text:
            out.append(" ")
        if found:
            out.append(md_text(values[found.group(1)]))
            at = found.end()
    return Markup("".join(out))


def strong(text: Any) -> Markup:
    """`text` in bold, as a value of `fill()`: "Those marked **Start here** …"."""
    return Markup(f"**{md_text(text)}**")


def attr_value(value: Any) -> Markup:
    """An HTML attribute value for filter data: slugs and whole numbers only, nothing else.

    Space-separated when given a list. Anything that is not a slug or a number is
    refused rather than escaped: filter data is computed, never free text.
    """
    items = value if isinstance(value, (list, tuple)) else [value]
    out = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (int, str)):
            raise FilterDataError(f"refusing {item!r} as filter data: not a slug or a number")
        text = str(item)
        if isinstance(item, str) and not is_slug(text):
            raise FilterDataError(f"refusing {item!r} as filter data: not a slug")
        out.append(text)
    return Markup(" ".join(out))


def heading(level: int, text: str, toc: bool = True) -> Markup:
    """A section heading at `level`. `toc=False` writes an ARIA heading, not an <hN>, which the table of
    contents (Python-Markdown's, fed by md_in_html) leaves out: the deck repeats every card's sections,
    and its contents should list the cards only (902 entries for 49 cards otherwise)."""
    if not isinstance(level, int) or not 1 <= level <= 6:
        raise ValueError(f"a Markdown heading level is 1 to 6, not {level!r}")
    if toc:
        return Markup(f"{'#' * level} {md_text(text)}")
    return Markup(f'<p class="pb-section" role="heading" aria-level="{level}">{html.escape(str(text))}</p>')
