"""A German edition's search in a real browser (issue 20): a German plural finds the card whose text has
only the singular, which takes German stemming (Material ships lunr.de), with every engine, served and
opened from disk. Zensical ignores the search plugin's `lang`, so its test is expected to fail."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import ENGINES, engine_of, search_entries, served_folder
from test_browser import Tab, _search

TEAM = "dach-new-business"  # the demo's German team (language: de)
CARD = "idea-harvest"  # "Monatliche Ideenernte" in content/translations/de.po
SINGULAR, PLURAL = "ideenernte", "Ideenernten"
ZENSICAL_IGNORES_LANG = ("Zensical 0.0.7x accepts the search plugin's `lang` and ignores it: its index is not stemmed "
                         "in German (README, Build engines); its typo-tolerant matching finds some plurals anyway "
                         "(one letter longer than the singular), so the outcome is not a guarantee either way")


def _check_the_word_is_only_there_as_the_singular(edition: Path, engine: str) -> None:
    text = " ".join(f"{e.get('title', '')} {e.get('text', '')}" for e in search_entries(edition, engine)).lower()
    assert SINGULAR in text and PLURAL.lower() not in text  # only stemming can match the plural


def _material_search(page, word: str) -> list[str]:
    _search(page, word)  # typed as a person would, retyped until the index has loaded
    return page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def _zensical_search(page, word: str) -> list[str]:
    page.locator(".md-search__button").first.click()
    page.keyboard.type(word)
    results = page.get_by_role("listbox", name="Search results").get_by_role("option")
    try:
        results.first.wait_for(timeout=10000)
    except Exception:
        return []
    return results.evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("engine_build", ENGINES, indirect=True)
def test_a_german_plural_finds_the_card_of_its_singular(browser, engine_build, request):
    engine = engine_of(engine_build)
    if engine == "zensical":
        request.applymarker(pytest.mark.xfail(reason=ZENSICAL_IGNORES_LANG, strict=False))
    edition = engine_build / "site" / TEAM
    _check_the_word_is_only_there_as_the_singular(edition, engine)
    tab = Tab(browser)
    try:
        with served_folder(engine_build / "site") as base:
            tab.page.goto(f"{base}{TEAM}/")
            assert tab.page.locator("html").get_attribute("lang") == "de"
            search = _zensical_search if engine == "zensical" else _material_search
            hrefs = search(tab.page, PLURAL)
    finally:
        tab.close()
    assert tab.external_requests() == [] and tab.errors == []
    assert any(f"practices/{CARD}/" in h for h in hrefs), hrefs


def test_a_german_plural_finds_the_card_opened_from_disk(browser, demo_from_disk):
    """--offline (the demo's default without a site_url): the inlined index loads lunr.de from the edition."""
    edition = demo_from_disk / "site" / TEAM
    inlined = (edition / "search" / "search_index.js").read_text("utf-8")
    config = json.loads(re.search(r"\{.*\}", inlined, re.S).group(0))["config"]
    assert config["lang"] == ["de"]
    assert (edition / "assets" / "javascripts" / "lunr" / "min" / "lunr.de.min.js").is_file()
    tab = Tab(browser)
    try:
        tab.page.goto((edition / "index.html").as_uri())
        hrefs = _material_search(tab.page, PLURAL)
    finally:
        tab.close()
    assert tab.external_requests() == [] and tab.errors == []
    assert any(f"practices/{CARD}.html" in h for h in hrefs), hrefs


# --- pages helper: the card grid's live count, in the edition's language ---

def test_german_pages_card_grid_live_count_in_german(tab, served):
    page = tab.page
    page.goto(f"{served}{TEAM}/practices/")
    count = page.locator(".pb-count")
    total = page.locator(".pb-card").count()
    assert count.inner_text() == f"Alle {total} Karten werden gezeigt."
    page.select_option("#pb-filter-for", "start-here")
    shown = page.locator(".pb-card:visible").count()
    assert 0 < shown < total
    assert count.inner_text() == f"Gezeigt: {shown} von {total} Karten."  # playbook.js, from data-some
    page.click("#pb-filters button[type=reset]")
    page.wait_for_function("document.querySelector('.pb-count').textContent.startsWith('Alle')")
    assert count.inner_text() == f"Alle {total} Karten werden gezeigt."
    assert "Showing" not in page.inner_text("article")
