"""Stage 4 — render: Jinja2 templates → Markdown pages + the edition's mkdocs.yml.

Escaping is enforced in one place, escaping.py: every value a template prints
goes through `md_text` unless it is `Markup` (sanitised `Prose`, or a link
built by `link()`). Templates are only ever loaded from template folders,
never built from data, and undefined names raise (pages.py). Values that reach
the theme (site name, page titles) are escaped by the partials in
templates/overrides/, merged into every edition's `custom_dir`.

- escaping.py: `md_text`, the `markdown` filter, links and filter data;
- pages.py: the templates' environment and each page's meta description;
- page_cache.py: pages shared by several editions, rendered once, hard-linked;
- deck.py: the deck PDF's HTML, from the card page's own partial;
- edition_config.py: the edition's mkdocs.yml and static assets;
- scorecard_csv.py: each scorecard as a CSV to fill in, safe to open in a spreadsheet;
- here: one edition's whole docs folder, written.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from ..paths import stage_base_config, stage_overrides, write_if_changed
from ..pdf import DECK_PDF
from ..plan import DECK_PAGE, Edition, Page
from ..plan.calendar.ics import calendar_ics, default_stamp, subscribe_url
from .deck import deck_source
from .edition_config import (
    ASSETS_DIR,
    STEMMED_SEARCH_WORKER,
    config_text,
    edition_config,
    static_assets,
    stemmed_search_worker,
)
from .escaping import attr_value, md_text
from .page_cache import shared_page, write_shared
from .pages import environment, page_description, render
from .scorecard_csv import downloads

__all__ = ["attr_value", "deck_source", "edition_config", "environment", "md_text", "page_description",
           "render_edition", "render_page"]


def render_page(env: Environment, page: Page, cache: dict | None = None) -> str:
    """The page's Markdown. With `cache` (one dict per build), a `Page` that several editions
    share — plan gives every edition the same library pages — is rendered once."""
    if cache is None:
        return render(env, page)
    return shared_page(env, page, cache)[1].decode("utf-8")


def _deck_page(edition: Edition) -> Page | None:
    return next((page for page in edition.pages if page.path == DECK_PAGE), None)


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
    env.globals["language"] = edition.language
    env.globals["source_language"] = edition.source_language
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
            write_shared(target, shared_page(env, page, cache), made, fresh)
    for rel, source in static_assets().items():
        target = docs / rel
        wanted.add(target)
        if cache is None:
            write_if_changed(target, source.read_bytes())
        else:
            key = ("asset", str(source))
            if key not in cache:
                cache[key] = [source, source.read_bytes(), None]
            write_shared(target, cache[key], made, fresh)
    for rel, source in edition.assets.items():
        target = docs / rel
        wanted.add(target)
        write_if_changed(target, source.read_bytes())
    for rel, data in downloads(edition).items():  # the scorecards' CSV files
        target = docs / rel
        wanted.add(target)
        write_if_changed(target, data)
    if edition.calendar is not None:
        target = docs / "calendar.ics"  # MkDocs copies it to the edition's root
        wanted.add(target)
        ics = calendar_ics(edition.calendar, stamp=default_stamp(edition.calendar), url_base=site_url,
                           language=edition.language)
        write_if_changed(target, ics)
    for stale in [] if fresh else [p for p in docs.rglob("*") if p.is_file() and p not in wanted
                  and (p.suffix in (".md", ".ics", ".csv") or p.is_relative_to(docs / ASSETS_DIR) or p == docs / STEMMED_SEARCH_WORKER
                       or p.is_relative_to(docs / "assets" / "brand"))]:
        stale.unlink()
    worker = stemmed_search_worker(edition, str(env.globals["engine"]))
    if worker is not None:  # a stemmed search index (edition_config): the worker that searches it
        target = docs / STEMMED_SEARCH_WORKER
        wanted.add(target)
        write_if_changed(target, worker.read_bytes())
    base = stage_base_config(workdir)
    overrides = stage_overrides(workdir / "overrides")
    config = edition_config(edition, site_url=site_url, offline=offline, base=base, engine=str(env.globals["engine"]),
                            custom_dir=_config_path(overrides, workdir) if overrides else None)
    config_path = workdir / "mkdocs.yml"
    write_if_changed(config_path, config_text(config).encode("utf-8"))
    return config_path
