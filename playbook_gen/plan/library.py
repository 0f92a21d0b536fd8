"""The library edition and the org-wide pages every edition carries (no team data)."""
from __future__ import annotations

from itertools import zip_longest
from typing import Any

from ..content import Content
from ..i18n.message import message
from ..models import Situation
from .cards import DECK_PAGE, PEOPLE_FACETS, Card, Facet, FacetOption, card_facets, card_url, practice_cards
from .editions import Edition, Page
from .scorecards import SHEETS_NOT_IN_NAV, scorecard_pages

# Pages every edition carries but its navigation does not list (each edition's `not_in_nav`).
LIBRARY_NOT_IN_NAV = [SHEETS_NOT_IN_NAV]

GRID_PAGE = "practices/index.md"
# The team editions' grid marks the team's cards: a filter value for each mark, and its label.
MARKS = {"recommended": "Recommended for us", "start-here": "Start here"}


def _cards(content: Content) -> list[Card]:
    """Every edition shows the same cards: computed once per loaded content."""
    cards = content.__dict__.get("cards")
    if cards is None:
        cards = content.__dict__["cards"] = practice_cards(content)
    return cards


def grid_page(content: Content, marks: dict[str, list[str]] | None = None) -> Page:
    """The card grid; a team edition's (`marks`: practice id -> MARKS keys) shows its start-here and
    recommended cards marked, and a filter for them."""
    cards = _cards(content)
    facets = card_facets(content, cards)
    marks = marks or {}
    if marks:
        counts = {key: sum(key in m for m in marks.values()) for key in MARKS}
        facets = [Facet("for", "For this team", "Any card",
                        [FacetOption(key, label, counts[key]) for key, label in MARKS.items() if counts[key]]), *facets]
    return Page(GRID_PAGE, "practices-index.md.j2", "Practice cards", {
        "cards": cards, "facets": facets, "deck": DECK_PAGE, "marks": marks, "labels": MARKS,
        "recommendations": "recommendations.md" if marks else None,
    })


def library_pages(content: Content) -> tuple[list[Page], list[Any]]:
    """The org-wide playbook pages every edition carries (no team data).

    Planned once per loaded content (every edition carries the same library);
    each caller gets its own lists to extend.
    """
    cached = content.__dict__.get("library_pages")
    if cached is None:
        cached = content.__dict__["library_pages"] = _planlibrary_pages(content)
    pages, nav = cached
    return list(pages), list(nav)


def _planlibrary_pages(content: Content) -> tuple[list[Page], list[Any]]:
    principles = list(content.principles.values())
    practices = list(content.practices.values())
    situations = list(content.situations.values())
    cards = _cards(content)
    pages = [
        Page("principles/index.md", "principles-index.md.j2", "Principles", {"principles": principles}),
        grid_page(content),
        Page(DECK_PAGE, "deck.md.j2", "Print the deck", {"cards": cards, "title": content.playbook.title}),
        Page("situations/index.md", "situations-index.md.j2", "Situations", {"situations": situations}),
    ]
    for principle in principles:
        pages.append(Page(f"principles/{principle.id}.md", "principle.md.j2", principle.title, {
            "principle": principle,
            "practices": content.practices_for(principle.id),
            "tell_serve": list(zip_longest(principle.tell_mode, principle.serve_mode, fillvalue="")),
        }))
    for card in cards:
        practice = card.practice
        pages.append(Page(card_url(practice.id), "practice.md.j2", practice.title, {
            "card": card,
            "practice": practice,
            "principle": card.principle,
            "situations": card.situations,
            "people_labels": [PEOPLE_FACETS[slug] for slug in card.people],
        }))
    for situation in situations:
        pages.append(Page(f"situations/{situation.id}.md", "situation.md.j2", situation.title, {
            "situation": situation,
            "practices": [content.practices[p] for p in situation.practices],
            "timeline": timeline(content, situation),
        }))
    scorecards, scorecards_nav = scorecard_pages(content)
    pages.extend(scorecards)
    nav = [
        {"Principles": ["principles/index.md"] + [f"principles/{p.id}.md" for p in principles]},
        {"Practice cards": ["practices/index.md", DECK_PAGE] + [card_url(p.id) for p in practices]},
        {"Situations": ["situations/index.md"] + [f"situations/{s.id}.md" for s in situations]},
    ]
    if scorecards_nav:
        nav.append({"Scorecards": scorecards_nav})
    return pages, nav


def timeline(content: Content, situation: Situation) -> list[dict[str, Any]]:
    """A situation's `sequence` as its page shows it: each stretch's label ("Week 1", "Weeks 3–4"),
    title, what to do and the cards that help."""
    out = []
    for step in situation.sequence:
        first, last = step.span
        out.append({
            "label": message("Week %(num)d", num=first) if first == last else
            message("Weeks %(first)d–%(last)d", first=first, last=last),
            "title": step.title,
            "do": list(step.do),
            "practices": [content.practices[p] for p in step.practices],
        })
    return out


def plan_library(content: Content) -> Edition:
    pages, nav = library_pages(content)
    home = Page("index.md", "library-home.md.j2", content.playbook.title, {
        "playbook": content.playbook,
        "principles": list(content.principles.values()),
        "situations": list(content.situations.values()),
        "practice_count": len(content.practices),
        "scorecards": list(content.scorecards.values()),
    })
    return Edition("library", "library", content.playbook.title, pages=[home, *pages], nav=["index.md", *nav],
                   not_in_nav=list(LIBRARY_NOT_IN_NAV))
