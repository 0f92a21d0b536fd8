"""Stage 4 — render: Jinja2 templates → Markdown pages + the edition's mkdocs.yml.

Escaping is enforced here, in one place: every value a template prints goes
through `finalize`, which turns it into literal Markdown text unless it is
`Markup` (trusted playbook prose passed through the `markdown` filter, which
accepts only `Prose` fields and hands them to prose.py's sanitiser, or a link
built by `link()`). Templates are only ever loaded from template folders,
never built from data, and undefined names raise. Values that reach the
theme (site name, page titles) are escaped by the partials in
templates/overrides/, merged into every edition's `custom_dir`.
"""
from __future__ import annotations

import functools
import html
import json
import os
import posixpath
import re
from pathlib import Path
from typing import Any

import yaml
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import engines, prose
from .errors import FilterDataError, NotProseError
from .models import Prose
from .paths import (
    base_config,
    bundled_base_config,
    stage_base_config,
    stage_overrides,
    template_dirs,
    write_if_changed,
)
from .pdf import DECK_PDF, deck_html
from .plan import DECK_PAGE, Edition, Page, card_url
from .plan.calendar.ics import calendar_ics, default_stamp, subscribe_url
from .safety import safe_name
from .slug import is_slug
from .yamlconfig import TolerantLoader

# Characters Python-Markdown (and its extensions) treat as syntax. Each becomes a
# numeric character reference: Markdown never parses an entity as syntax, and
# the browser shows the character itself. `?` (pymdownx.details `???`), `/`
# (pymdownx.blocks `///`) and `$` (arithmatex) matter only with extensions a
# user may enable; quotes are escaped so a title stays inert even where a theme
# prints it inside an attribute.
_MD_SYNTAX = re.compile(r"[\\`*_{}\[\]()#+\-.!|:~^=?/$\"']")
_WHITESPACE = re.compile(r"\s+")


def md_text(value: Any) -> str:
    """Literal text for a Markdown page: no markup, no HTML, no line structure."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _literal(str(value))


@functools.lru_cache(maxsize=16384)
def _literal(text: str) -> str:
    """Cached: every edition prints the same titles and summaries thousands of times."""
    text = html.escape(_WHITESPACE.sub(" ", text).strip(), quote=False)  # & < >
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
        raise NotProseError(f"the markdown filter only takes fields marked Prose in models.py, not {value!r:.60}")
    return prose.to_page(value, context.get("here"), _link_style(context))


@pass_context
def link(context: Any, text: Any, target: str) -> Markup:
    """A Markdown link from the current page to `target` (a docs-relative .md path)."""
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
    for part in target.removesuffix(".md").split("/"):
        if part != "index":
            safe_name(part)
    return posixpath.relpath(target, folder or ".")


def source_line(source: Any) -> Markup:
    """'*Title*, Author, Publication, 2013' with only the parts the source gives."""
    parts = []
    if source.title:
        parts.append(f"*{md_text(source.title)}*")
    elif source.description:
        parts.append(md_text(source.description))
    parts += [md_text(v) for v in (source.author, source.publication, source.year) if v]
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


def environment(dirs: list[Path] | None = None, engine: str = engines.DEFAULT_ENGINE) -> Environment:
    """The page templates' environment; `engine` is the build engine the pages are written for."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d / "pages")) for d in (dirs or template_dirs())]),
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
    env.globals["file_href"] = file_href
    env.globals["source_line"] = source_line
    env.filters["reason"] = reason_text
    env.globals["attr_value"] = attr_value
    env.globals["deck_pdf"] = None  # render_edition sets it when the deck PDF is written
    env.globals["calendar_feed"] = None  # render_edition sets it: the webcal:// address, when known
    env.globals["engine"] = engine  # raw-HTML links are written for it (prose.LinkStyle)
    env.globals["offline"] = False  # render_edition sets it: offline editions have file URLs
    return env


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
    return _WHITESPACE.sub(" ", html.unescape(text)).strip()


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


def _render(env: Environment, page: Page) -> str:
    return with_description(env.get_template(page.template).render(here=page.path, **page.context))


def render_page(env: Environment, page: Page, cache: dict | None = None) -> str:
    """The page's Markdown. With `cache` (one dict per build), a `Page` that several editions
    share — plan gives every edition the same library pages — is rendered once."""
    if cache is None:
        return _render(env, page)
    return _shared_page(env, page, cache)[1].decode("utf-8")


def _shared_page(env: Environment, page: Page, cache: dict) -> list:
    """[page, Markdown bytes, a file already holding them or None] for one shared page."""
    key = (id(env), id(page))
    entry = cache.get(key)
    if entry is None or entry[0] is not page:
        # the page is kept in the entry, so its id cannot be reused by another page while cached
        text = _render(env, page)
        entry = cache[key] = [page, text.encode("utf-8"), None]
    return entry


def _write_shared(target: Path, entry: list, made: set[Path], fresh: bool = False) -> None:
    """Write a new file, as a hard link to an identical one written for an earlier edition when
    there is one (creating a file costs far more than linking one), else with its bytes.
    `fresh`: the folder was empty when this edition's rendering began."""
    if not fresh and (target.exists() or target.is_symlink()):  # plain write-if-changed
        write_if_changed(target, entry[1])
        return
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    if entry[2] is not None:
        try:
            os.link(entry[2], target)
            return
        except OSError:  # the earlier edition's folder is gone, or another file system
            pass
    target.write_bytes(entry[1])
    entry[2] = target


# Static files shipped with every edition: templates/assets/** is copied (a user's
# templates/assets/ file by file over the bundled one) into docs/ASSETS_DIR/.
ASSETS_DIR = "assets/playbook"
# palette.css (generated by contrast.py) first: WCAG AA contrast for the team's Material palette.
EXTRA_CSS = [f"{ASSETS_DIR}/palette.css", f"{ASSETS_DIR}/playbook.css"]
EXTRA_JAVASCRIPT = [f"{ASSETS_DIR}/playbook.js"]
# Material's offline plugin would add this polyfill from a CDN; we ship it instead.
OFFLINE_POLYFILL = f"{ASSETS_DIR}/vendor/iframe-worker-shim.js"


def static_assets(dirs: list[Path] | None = None) -> dict[str, Path]:
    """{docs-relative path: source file} for the edition's own static files."""
    found: dict[str, Path] = {}
    for root in reversed(dirs or template_dirs()):
        folder = root / "assets"
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    found[f"{ASSETS_DIR}/{path.relative_to(folder).as_posix()}"] = path
    return found


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: ten times faster, same YAML


@functools.lru_cache(maxsize=4)
def _parse_base(text: str) -> Any:
    try:
        return yaml.load(text, Loader=TolerantLoader) or {}
    except yaml.YAMLError:
        return {}


def _base_list(*keys: str) -> list[Any]:
    """A list from the base config (`keys`: its path, like "theme", "features"): INHERIT
    replaces lists, so an edition that changes one must repeat the rest of it.

    The user's mkdocs.yml is layered on the bundled one, so its list wins when it has one.
    """
    for path in dict.fromkeys([base_config(), bundled_base_config()]):
        try:
            value = _parse_base(path.read_text("utf-8"))
        except OSError:
            continue
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, list):
            return list(value)
    return []


def _base_value(key: str) -> Any:
    """A top-level value of the user's (or the bundled) base config, None when neither sets it."""
    for path in dict.fromkeys([base_config(), bundled_base_config()]):
        try:
            data = _parse_base(path.read_text("utf-8"))
        except OSError:
            continue
        if isinstance(data, dict) and data.get(key) is not None:
            return data[key]
    return None


# Material's instant navigation fetches pages; opened from disk (file://) it cannot, and with
# it on, Material 9 never announces the page to its own components (header, table of contents,
# back-to-top) nor to `document$` subscribers. Its docs: disable it for offline usage.
INSTANT_FEATURES = ("navigation.instant", "navigation.instant.prefetch", "navigation.instant.progress",
                    "navigation.instant.preview")


def edition_config(edition: Edition, *, site_url: str | None, docs_dir: str = "docs",
                   offline: bool = False, base: Path | None = None, custom_dir: str | None = None) -> dict[str, Any]:
    """The edition's own mkdocs.yml: INHERITs the base config, adds what is per edition.

    `base` is the config to inherit (default: the user's or the bundled
    mkdocs.yml); `custom_dir` the merged theme overrides, relative to the
    edition's config file (default: the first overrides folder found).
    """
    theme: dict[str, Any] = {"name": "material"}
    if custom_dir is None:
        overrides = [d / "overrides" for d in template_dirs() if (d / "overrides").is_dir()]
        if overrides:
            custom_dir = str(overrides[0].resolve())
    if custom_dir:
        theme["custom_dir"] = custom_dir
    if edition.logo:
        theme["logo"] = edition.logo
        theme["favicon"] = edition.logo
    if edition.team is not None:
        theme["language"] = edition.team.language
        if edition.team.palette:
            palette = {k: v for k, v in edition.team.palette.model_dump().items() if v}
            if palette:
                theme["palette"] = palette
    config: dict[str, Any] = {
        "INHERIT": str((base or base_config()).resolve()),
        "site_name": edition.site_name,
        "docs_dir": docs_dir,
        "theme": theme,
        "nav": edition.nav,
    }
    if edition.not_in_nav:  # linked from the roster pages, left out of the nav on purpose (big teams)
        config["not_in_nav"] = "\n".join(edition.not_in_nav)
    if site_url:
        config["site_url"] = site_url
    if not _base_value("site_description"):  # the meta description of pages without their own (404)
        config["site_description"] = edition.site_name
    extra_css = _base_list("extra_css")
    extra_javascript = _base_list("extra_javascript")
    config["extra_css"] = extra_css + [c for c in EXTRA_CSS if c not in extra_css]
    config["extra_javascript"] = extra_javascript + [j for j in EXTRA_JAVASCRIPT if j not in extra_javascript]
    extra: dict[str, Any] = {}
    if offline:
        # Opened from disk (file://): Material's offline plugin inlines the search index
        # and turns off directory URLs; the worker polyfill comes from our own assets.
        config["plugins"] = {"offline": {}}
        extra["polyfills"] = [OFFLINE_POLYFILL]
        features = _base_list("theme", "features")
        if any(f in INSTANT_FEATURES for f in features):
            theme["features"] = [f for f in features if f not in INSTANT_FEATURES]
    if edition.private:  # the header's "Private" badge (templates/overrides/partials/header.html)
        extra["playbook_private"] = True
    if extra:
        config["extra"] = extra
    return config


def _deck_page(edition: Edition) -> Page | None:
    return next((page for page in edition.pages if page.path == DECK_PAGE), None)


def deck_source(edition: Edition) -> str | None:
    """The HTML the edition's deck PDF is laid out from (None: the edition has no deck page)."""
    deck = _deck_page(edition)
    return None if deck is None else deck_html(deck.context["cards"], deck.context["title"])


def _config_path(path: Path, workdir: Path) -> str:
    """Relative to the edition's config when inside its folder (the usual case), else absolute."""
    return path.relative_to(workdir).as_posix() if path.is_relative_to(workdir) else str(path)


def render_edition(edition: Edition, workdir: Path, *, site_url: str | None = None,
                   env: Environment | None = None, offline: bool = False, cache: dict | None = None,
                   pdf: bool = False) -> Path:
    """Write the edition's Markdown, assets and mkdocs.yml under `workdir`; return the config path.

    With `pdf`, the deck page links to `practice-deck.pdf` at the edition's root; the caller
    adds that file to the built site (`deck_source` gives what to lay out).
    """
    env = env or environment()
    env.globals["deck_pdf"] = DECK_PDF if pdf and _deck_page(edition) is not None else None
    env.globals["offline"] = offline
    feed = subscribe_url(site_url) if edition.calendar is not None else None
    env.globals["calendar_feed"] = Markup(feed) if feed else None  # the calendar page's subscribe link
    docs = workdir / "docs"
    fresh = not docs.exists()  # a new staging folder (every build) holds nothing stale to look for
    wanted = set()
    made: set[Path] = set()
    for page in edition.pages:
        target = docs / page.path
        wanted.add(target)
        if cache is None:
            write_if_changed(target, render_page(env, page).encode("utf-8"))
        else:
            _write_shared(target, _shared_page(env, page, cache), made, fresh)
    for rel, source in static_assets().items():
        target = docs / rel
        wanted.add(target)
        if cache is None:
            write_if_changed(target, source.read_bytes())
        else:
            key = ("asset", str(source))
            if key not in cache:
                cache[key] = [source, source.read_bytes(), None]
            _write_shared(target, cache[key], made, fresh)
    for rel, source in edition.assets.items():
        target = docs / rel
        wanted.add(target)
        write_if_changed(target, source.read_bytes())
    if edition.calendar is not None:
        target = docs / "calendar.ics"  # MkDocs copies it to the edition's root
        wanted.add(target)
        ics = calendar_ics(edition.calendar, stamp=default_stamp(edition.calendar), url_base=site_url)
        write_if_changed(target, ics)
    for stale in [] if fresh else [p for p in docs.rglob("*") if p.is_file() and p not in wanted
                  and (p.suffix in (".md", ".ics") or p.is_relative_to(docs / ASSETS_DIR)
                       or p.is_relative_to(docs / "assets" / "brand"))]:
        stale.unlink()
    base = stage_base_config(workdir)
    overrides = stage_overrides(workdir / "overrides")
    config = edition_config(edition, site_url=site_url, offline=offline, base=base,
                            custom_dir=_config_path(overrides, workdir) if overrides else None)
    config_path = workdir / "mkdocs.yml"
    text = yaml.dump(config, Dumper=_DUMPER, sort_keys=False, allow_unicode=True)
    write_if_changed(config_path, text.encode("utf-8"))
    return config_path
