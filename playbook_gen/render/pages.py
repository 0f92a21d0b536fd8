"""The page templates' environment, and each page's meta description from its own first lines.

Templates are only ever loaded from template folders, never built from data,
and undefined names raise; escaping.py supplies `finalize` and the filters.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from .. import engines
from ..i18n import formats, strings
from ..paths import template_dirs
from ..plan import Page, card_url, scorecard_url
from .escaping import (
    FALLBACK_CLASS,
    WHITESPACE,
    as_written,
    attr_value,
    file_href,
    fill,
    heading,
    link,
    md_text,
    plain,
    reason_text,
    source_line,
    strong,
    trusted_markdown,
)


def environment(dirs: list[Path] | None = None, engine: str = engines.DEFAULT_ENGINE) -> Environment:
    """The page templates' environment; `engine` is the build engine the pages are written for."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d / "pages")) for d in (dirs or template_dirs())]),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        finalize=md_text,
        autoescape=False,  # Markdown output: md_text is the escaping, applied to every value
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = trusted_markdown
    env.globals["link"] = link
    env.globals["card_url"] = card_url  # "practices/<id>.md", for link()
    env.globals["scorecard_url"] = scorecard_url  # "scorecards/<id>.md"
    env.globals["file_href"] = file_href
    env.globals["strong"] = strong  # bold, for a value of fill()
    env.globals["fill"] = fill  # a translated sentence with a link in it: {{ fill(_("See %(link)s."), link=link(…)) }}
    env.globals["heading"] = heading  # "##" for a section at level 2, for the shared card partial
    env.globals["source_line"] = source_line
    env.globals["as_written"] = as_written  # a tag id in a translated edition: marked as the content's language
    env.filters["reason"] = reason_text
    env.filters["plain"] = plain  # text without its fallback mark: an <option> holds no markup
    env.globals["attr_value"] = attr_value
    env.globals["deck_pdf"] = None  # render_edition sets it when the deck PDF is written
    env.globals["calendar_feed"] = None  # render_edition sets it: the webcal:// address, when known
    env.globals["engine"] = engine  # raw-HTML links are written for it (prose.LinkStyle)
    env.globals["offline"] = False  # render_edition sets it: offline editions have file URLs
    env.globals["language"] = strings.SOURCE_LANGUAGE  # render_edition sets it: the edition's language
    # dates, times and numbers in it (Babel): {{ day | date(_("d MMMM y")) }}, {{ at | clock }}, {{ n | number }}
    env.filters["date"] = lambda value, pattern: formats.date_text(value, pattern, str(env.globals["language"]))
    env.filters["clock"] = lambda value, pattern="HH:mm": formats.time_text(value, pattern, str(env.globals["language"]))
    env.filters["number"] = lambda value: formats.number_text(value, str(env.globals["language"]))
    env.globals["source_language"] = strings.SOURCE_LANGUAGE  # render_edition sets it: the content's
    # the generator's own words, in the edition's language (i18n/strings.py); the result is text,
    # printed through md_text like any value
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda text, **values: _format(strings.gettext(str(env.globals["language"]), text), values),
        lambda singular, plural, n, **values: _format(
            strings.ngettext(str(env.globals["language"]), singular, plural, n), {"num": n, **values}),
        newstyle=False)
    return env


class _Unfilled(dict):
    """A placeholder the call gives no value for stays in the text, for `fill()` to put a link in:
    {{ fill(ngettext("%(num)d person, listed in %(roster)s", …, n), roster=link(…)) }}."""

    def __missing__(self, key: str) -> str:
        return f"%({key})s"


def _format(text: str, values: dict) -> str:
    return text % _Unfilled(values) if values else text


# --- the page's meta description: plain text from its own first lines ------------------------

_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)?---\n", re.S)
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ATTR_LIST = re.compile(r"\{:[^}]*\}")
_TAG = re.compile(r"<[^>]*>")
_BUTTON = re.compile(r"<button\b.*?</button>", re.S)  # a control's label is not what the page says
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
DESCRIPTION_LENGTH = 160  # what search engines show; longer ones are cut at a word


def _plain(markdown_text: str) -> str:
    """Markdown written by our templates (md_text escapes, links, prose HTML) as the text a reader sees."""
    text = _ATTR_LIST.sub("", _BUTTON.sub("", markdown_text))
    text = _MD_LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    return WHITESPACE.sub(" ", html.unescape(text)).strip()


def page_description(markdown_text: str) -> str:
    """The page's first paragraph (or list) after its title, as plain text of at most 160 characters.

    Pages whose first lines are short (a member's role, a team's manager) get their title in front.
    Headings, admonitions, forms and card grids are skipped: they are not what the page is about."""
    body = _FRONT_MATTER.sub("", markdown_text)
    title, blocks = "", []
    for block in re.split(r"\n\s*\n", body):
        lines = [line for line in block.strip("\n").split("\n") if line.strip()]
        if not lines:
            continue
        first = lines[0].lstrip()
        if first.startswith("# ") and not title:
            title = _plain(first[2:])
            continue
        if first.startswith(("#", "!!!", "???", "|", "<form", "<div class=\"grid", "<section", "<button", "[")) \
                or lines[0].startswith("    "):
            continue
        if first.startswith(("- ", "* ")) or re.match(r"\d+\. ", first):
            items = [_plain(re.sub(r"^(?:[-*]|\d+\.) ", "", line.strip())) for line in lines
                     if re.match(r"(?:[-*]|\d+\.) ", line.strip())]
            text = "".join(item + ("" if i == len(items) - 1 else " " if item[-1:] in ".!?…" else "; ")
                           for i, item in enumerate(items))
        else:
            text = _plain(" ".join(lines))
        if text:
            blocks.append(text)
            break
    text = blocks[0] if blocks else ""
    if title and len(text) < 80:
        text = f"{title} — {text}" if text else title
    if len(text) > DESCRIPTION_LENGTH:
        text = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:—-") + "…"
    return text


def with_description(markdown_text: str) -> str:
    """The page with `description:` in its front matter (Material prints it, escaped, as the
    meta description) unless the template wrote one."""
    description = page_description(markdown_text)
    match = _FRONT_MATTER.match(markdown_text)
    if not description or (match and re.search(r"^description\s*:", match.group(1) or "", re.M)):
        return markdown_text
    line = f"description: {json.dumps(description, ensure_ascii=False)}\n"  # JSON strings are YAML
    if match:
        return markdown_text[:4] + line + markdown_text[4:]
    return f"---\n{line}---\n" + markdown_text


def fallback_note(markdown_text: str, env: Environment) -> str:
    """A translated page that shows some text in the source language says so, discreetly, at its end."""
    count = len(re.findall(f'class="(?:playbook-prose )?{FALLBACK_CLASS}"', markdown_text))
    if not count:
        return markdown_text
    language = str(env.globals["language"])
    source = strings.language_name(str(env.globals["source_language"]), language)
    note = strings.ngettext(language, "%(num)d passage on this page is not translated yet and is shown in %(source)s.",
                            "%(num)d passages on this page are not translated yet and are shown in %(source)s.", count)
    note = md_text(note % {"num": count, "source": source})
    return markdown_text.rstrip("\n") + f'\n\n<p class="pb-fallback-note" markdown>{note}</p>\n'


def render(env: Environment, page: Page) -> str:
    """One page's Markdown, its meta description added."""
    return with_description(fallback_note(env.get_template(page.template).render(here=page.path, **page.context), env))
