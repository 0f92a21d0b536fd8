"""The practice deck as a PDF — written when WeasyPrint (the `pdf` extra) is installed.

The deck is rendered from the same computed cards as the "Print the deck" page,
through its own small HTML template (`templates/deck.html.j2`, autoescaped; each card's
body is the card page's own partial as HTML, render/deck.py) and print stylesheet, into
`practice-deck.pdf` in the edition's docs folder, so MkDocs publishes it and checks the deck page's link to it. WeasyPrint takes seconds, so
a PDF is kept in a cache folder keyed by the hash of its HTML: unchanged content
is never laid out twice, across editions and across builds.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .i18n.strings import SOURCE_LANGUAGE, gettext, ngettext
from .origin import install_hint
from .paths import template_dirs

DECK_PDF = "practice-deck.pdf"


@lru_cache(maxsize=1)
def unavailable_reason() -> str | None:
    """None when WeasyPrint works here; else why not, and how to get it."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return f"no PDF of the practice deck: WeasyPrint is not installed ({install_hint('pdf')})"
    except OSError as exc:  # WeasyPrint is there but the system's Pango library is not
        return (f"no PDF of the practice deck: WeasyPrint cannot load its system libraries ({exc}); "
                "install Pango (Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0)")
    return None


def available() -> bool:
    return unavailable_reason() is None


def deck_html(cards: list[Any], title: str, bodies: list[Any], dirs: list[Path] | None = None,
              language: str = SOURCE_LANGUAGE) -> str:
    """`bodies`: each card's body as HTML `Markup` (render/deck.py), in the order of `cards`; the deck's
    own words (its title, intro, "Principle") in `language`, the generator's catalogue's."""
    def translate(text: str, **values: Any) -> str:
        return gettext(language, text) % values if values else gettext(language, text)

    def ntranslate(singular: str, plural: str, n: int, **values: Any) -> str:
        return ngettext(language, singular, plural, n) % {"num": n, **values}

    return _deck_environment(tuple(dirs or template_dirs())).get_template("deck.html.j2").render(
        cards=cards, title=title, bodies=bodies, language=language, _=translate, ngettext=ntranslate)


@lru_cache(maxsize=4)
def _deck_environment(dirs: tuple[Path, ...]) -> Environment:
    """One per template folders: a build renders the deck of every edition (to key its PDF)."""
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in dirs]),
        autoescape=select_autoescape(default=True), undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )


def _cache_dir() -> Path:
    root = os.environ.get("PLAYBOOK_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "playbook-gen")
    return Path(root) / "deck-pdf"


def deck_pdf(html: str) -> bytes:
    """The PDF of a deck page's HTML (from the cache when this exact HTML was laid out before)."""
    import weasyprint

    key = hashlib.sha256(f"{weasyprint.__version__}\0{html}".encode()).hexdigest()
    cached = _cache_dir() / f"{key}.pdf"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = weasyprint.HTML(string=html, base_url=None).write_pdf()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, cached)
    except OSError:
        pass  # a read-only home: no cache, still a PDF
    return data
