"""Practice cards as a manager meets them: the grid, a card page, the printable deck (built HTML)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import yaml
from helpers import CONTENT, engine_of, readable_text, search_entries

SLUGS = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*( [a-z0-9]+(-[a-z0-9]+)*)*$|^$")


def _yaml(folder: str) -> dict[str, dict]:
    docs = [yaml.safe_load(p.read_text("utf-8")) for p in sorted((CONTENT / folder).glob("*.yml"))]
    return {d["id"]: d for d in docs}


class _Cards(HTMLParser):
    """Every grid card's data-* attributes, and the filter form's selects and options."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[dict[str, str]] = []
        self.selects: dict[str, list[str]] = {}
        self.labels: set[str] = set()
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "pb-card" in (attrs.get("class") or "").split():
            self.cards.append({k: v for k, v in attrs.items() if k.startswith("data-") or k == "id"})
        if tag == "select":
            self._select = attrs["name"]
            self.selects[self._select] = []
            assert attrs.get("id"), "each filter needs an id for its label"
        if tag == "option" and self._select:
            self.selects[self._select].append(attrs["value"])
        if tag == "label":
            self.labels.add(attrs.get("for"))


def _grid(edition: Path) -> _Cards:
    parser = _Cards()
    parser.feed((edition / "practices" / "index.html").read_text("utf-8"))
    return parser


def test_grid_shows_every_card_with_computed_filter_data(engine_build: Path):
    demo_build = engine_build  # once per engine: mkdocs, zensical, properdocs
    practices, situations = _yaml("practices"), _yaml("situations")
    for edition in (demo_build / "site" / "library", demo_build / "site-managers" / "emea-enterprise"):
        grid = _grid(edition)
        assert sorted(c["id"] for c in grid.cards) == sorted(f"card-{p}" for p in practices)
        for card in grid.cards:
            practice = practices[card["id"].removeprefix("card-")]
            for key, value in card.items():
                if key.startswith("data-"):
                    assert SLUGS.match(value), f"{key}={value!r}: filter data must be slugs or numbers"
            assert card["data-principle"] == practice["principle"]
            assert card["data-minutes"] == str(practice["minutes"])
            assert card["data-tags"].split() == practice.get("tags", [])
            expected = [s for s, d in situations.items() if practice["id"] in d["practices"]]
            assert card["data-situations"].split() == expected
        team = edition.name != "library"  # a team edition's grid also filters the team's own cards
        assert set(grid.selects) == {"situation", "principle", "tag", "time", "people"} | ({"for"} if team else set())
        if team:
            assert grid.selects["for"] == ["", "recommended", "start-here"]
        assert all(f"pb-filter-{name}" in grid.labels for name in grid.selects), "every filter has a label"
        assert set(grid.selects["situation"]) == {"", *situations}


def test_grid_text_a_manager_scans(engine_build: Path):
    demo_build = engine_build  # once per engine: mkdocs, zensical, properdocs
    practices = _yaml("practices")
    text = readable_text(demo_build / "site" / "library" / "practices" / "index.html")
    for practice in practices.values():
        assert practice["title"] in text and " ".join(practice["summary"].split()) in text
        assert f'{practice["minutes"]} min · {practice["cadence"]} · {practice["difficulty"]}' in text
    assert 'href="../deck/"' in text, "the grid links to the printable deck"


def test_card_page_is_laid_out_for_use(engine_build: Path):
    demo_build = engine_build  # once per engine: mkdocs, zensical, properdocs
    practices, principles = _yaml("practices"), _yaml("principles")
    practice = next(p for p in practices.values() if p.get("say_instead") and p.get("red_flags"))
    page = demo_build / "site" / "library" / "practices" / practice["id"] / "index.html"
    text = readable_text(page)
    for heading in ("Steps", "Questions to ask", "Say this, not that", "Signals it works", "Red flags",
                    "Where it comes from", "Related practices"):
        assert f">{heading}" in text, heading
    item = practice["say_instead"][0]
    html = page.read_text("utf-8")
    contrast = html[html.index('class="pb-say"'):]
    not_this, say_this = contrast.index("pb-say__not"), contrast.index("pb-say__do")
    assert not_this < say_this
    assert "Not this" in contrast[not_this:say_this] and "Say this" in contrast[say_this:]
    assert " ".join(item["says"].split()) in readable_text_of(contrast[not_this:say_this])
    assert " ".join(item["instead"].split()) in readable_text_of(contrast[say_this:contrast.index("</div>", say_this)])
    assert principles[practice["principle"]]["title"] in text
    assert f'href="../../principles/{practice["principle"]}/"' in html


def readable_text_of(fragment: str) -> str:
    import html as html_lib
    return html_lib.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_deck_has_every_card_and_stays_out_of_search(engine_build: Path):
    demo_build = engine_build  # once per engine: mkdocs, zensical, properdocs
    edition = demo_build / "site" / "library"
    deck = (edition / "deck" / "index.html").read_text("utf-8")
    practices = _yaml("practices")
    assert deck.count('class="pb-deck-card"') == len(practices)
    text = readable_text(edition / "deck" / "index.html")
    for practice in practices.values():
        assert practice["title"] in text
        assert all(" ".join(step.split()) in text for step in practice["steps"])
    entries = search_entries(edition, engine_of(demo_build))
    assert entries and not [d["location"] for d in entries if d["location"].startswith("deck/")], \
        "the deck repeats every card; search results should lead to the card pages"
    css = (edition / "assets" / "playbook" / "playbook.css").read_text("utf-8")
    assert "@media print" in css and "break-inside: avoid" in css
