"""The deck PDF's HTML: each card's body is the card page's own partial, turned into HTML.

One layout for a card (`pages/_card-body.md.j2`) serves the card page, the "Print the deck"
page and the PDF, so a new card field is added in one template. WeasyPrint lays out HTML, not
Markdown: the partial's Markdown — every value already escaped by `md_text` — goes through
Python-Markdown (MkDocs' own dependency) with `md_in_html`, as MkDocs would treat it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import markdown
from jinja2 import Environment
from markupsafe import Markup

from ..pdf import deck_html
from ..plan import DECK_PAGE, Edition

CARD_BODY = "_card-body.md.j2"


def deck_source(edition: Edition, env: Environment) -> str | None:
    """The HTML the edition's deck PDF is laid out from (None: the edition has no deck page)."""
    deck = next((page for page in edition.pages if page.path == DECK_PAGE), None)
    if deck is None:
        return None
    cards = deck.context["cards"]
    bodies = [card_body_html(env, card) for card in cards]
    return deck_html(cards, deck.context["title"], bodies, language=edition.language)


def card_body_html(env: Environment, card: Any) -> Markup:
    """The card's body as HTML, its sections one level under the card's title; no links into the site
    (a PDF has no site around it: a scorecard is named, not linked)."""
    return _html(env.get_template(CARD_BODY).render(practice=card.practice, card=card, level=3, toc=True, site_links=False))


@lru_cache(maxsize=1024)
def _html(text: str) -> Markup:
    """Cached: every edition's deck holds the same cards."""
    return Markup(markdown.markdown(text, extensions=["md_in_html", "admonition"]))  # the consent callout
