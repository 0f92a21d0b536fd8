"""The quick start's output opened from disk (file://), layout shift on the card grid, search wiring.

`demo_from_disk` is `playbook build` of the demo as the README writes it: no site_url, so
offline: auto builds every edition to be opened as files. In Debian's Chromium (Playwright):
filters, a shared filtered URL, the deck and search work from disk; the card grid does not
move when its script runs (CLS from the Performance API).
Skips with a reason when Chromium or Playwright is missing; fails under PLAYBOOK_REQUIRE_ALL=1.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from helpers import CONTENT, broken_links, load_pack
from test_browser import DESKTOP, PHONE, Tab, _search, _visible_cards


def _editions(work: Path) -> list[Path]:
    return sorted(p for root in ("site", "site-managers") for p in (work / root).iterdir() if p.is_dir())


def test_every_edition_of_the_quick_start_opens_from_disk(demo_from_disk):
    """Every link of every edition, and of both indexes, names a file: no folder listing anywhere."""
    editions = _editions(demo_from_disk)
    languages = yaml.safe_load((CONTENT / "playbook.yml").read_text("utf-8")).get("languages", [])
    assert len(editions) == 1 + len(languages) + 2 * len(load_pack("teams"))  # library-de beside library
    for edition in editions:
        assert broken_links(edition, files_only=True) == [], edition.name
        assert (edition / "search" / "search_index.js").is_file(), f"{edition.name}: no search index for file://"
    for root in ("site", "site-managers"):
        index = (demo_from_disk / root / "index.html").read_text("utf-8")
        for href in re.findall(r'href="([^"#]+)"', index):
            assert (demo_from_disk / root / href).is_file(), f"{root}/index.html links to {href}"


def test_filters_shared_url_and_deck_from_disk(tab, demo_from_disk):
    page = tab.page
    practices, situations = load_pack("practices"), load_pack("situations")
    situation = max(situations.values(), key=lambda s: len(s["practices"]))
    home = demo_from_disk / "site" / "index.html"
    page.goto(home.as_uri())
    page.click("a[href='library/index.html']")
    page.click("nav.md-nav a[href$='practices/index.html']")  # a click inside the edition opens a page
    assert page.url.endswith("/library/practices/index.html")
    page.wait_for_load_state("load")
    assert page.locator("#pb-filters").is_visible() and page.locator("#pb-filter-situation").is_enabled()

    page.select_option("#pb-filter-situation", situation["id"])
    assert sorted(_visible_cards(page)) == sorted(situation["practices"])
    assert page.url.startswith("file://") and f"situation={situation['id']}" in page.url
    assert f"{len(situation['practices'])} of {len(practices)}" in page.inner_text(".pb-count")

    shared = page.url  # a file URL with the query: bookmarked or sent, it shows the same cards
    page.goto("about:blank")
    page.goto(shared)
    assert sorted(_visible_cards(page)) == sorted(situation["practices"])
    assert page.input_value("#pb-filter-situation") == situation["id"]

    page.click("text=print the whole deck")
    assert page.url.endswith("/library/deck.html")
    page.wait_for_load_state("load")
    button = page.locator(".pb-print")
    assert button.is_visible() and button.is_enabled() and button.inner_text() == "Print the deck"


def test_search_from_disk(tab, demo_from_disk):
    page = tab.page
    edition = demo_from_disk / "site" / "emea-enterprise"
    page.goto((edition / "practices" / "index.html").as_uri())
    title = load_pack("practices")["idea-harvest"]["title"]
    word = max(re.findall(r"[A-Za-z]{5,}", title), key=len)
    _search(page, word)
    link = page.locator(".md-search-result__item a").first
    assert urlparse(link.get_attribute("href")).path.endswith(".html"), "the result opens a file"
    link.click()
    page.wait_for_selector("h1")
    assert word.lower() in page.inner_text("article").lower()
    assert {u for u in tab.requests if "search_index" in u} == {(edition / "search" / "search_index.js").as_uri()}


CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 1500);
})"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("query", ["", "?situation=idea-drought"], ids=["all", "filtered"])
def test_card_grid_does_not_shift_when_its_script_runs(browser, served, demo_from_disk, viewport, query):
    """Cumulative layout shift (Performance API `layout-shift` entries, buffered) < 0.05, served and from disk."""
    assert "idea-drought" in load_pack("situations")
    for url in (served + "library/practices/" + query,
                (demo_from_disk / "site" / "library" / "practices" / "index.html").as_uri() + query):
        opened = Tab(browser, viewport)
        try:
            opened.page.goto(url, wait_until="load")
            assert opened.page.locator("#pb-filter-situation").is_enabled(), "the filters came to life"
            shift = opened.page.evaluate(CLS)
            assert shift < 0.05, f"{url}: CLS {shift:.3f}"
            assert opened.errors == []
        finally:
            opened.close()
