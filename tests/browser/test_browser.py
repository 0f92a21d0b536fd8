"""In a real browser: Debian's Chromium driven by Playwright, on editions served from 127.0.0.1.

Filtering, sharing a filtered URL, search, keyboard use, axe-core, screenshots,
offline (file://) search — and every request the browser makes stays on this machine.
Skips with a reason when Chromium, Playwright or axe-core is missing; fails instead
under PLAYBOOK_REQUIRE_ALL=1.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from conftest import skip_or_fail
from helpers import CONTENT, REPO, broken_links, load_pack as _yaml, run_playbook

AXE_DIR = REPO / ".cache" / "npm"  # `npm install --prefix .cache/npm axe-core` (.ci/run does it)
SCREENSHOTS = REPO / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}




# --- the browser -------------------------------------------------------------------------





class Tab:
    """A browser page that records every request and refuses any that would leave this machine."""

    def __init__(self, browser, viewport=DESKTOP):
        self.context = browser.new_context(viewport=viewport)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if _is_local(url):
            route.continue_()
        else:
            route.abort()

    def external_requests(self) -> list[str]:
        return [u for u in self.requests if not _is_local(u)]

    def close(self) -> None:
        self.context.close()


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("file", "data", "blob", "about") or parsed.hostname == "127.0.0.1"


def _visible_cards(page) -> list[str]:
    return page.locator(".pb-card:visible").evaluate_all("cards => cards.map(c => c.id.replace('card-', ''))")


# --- the card grid -------------------------------------------------------------------------

def test_filter_by_situation_then_share_the_url(tab, served):
    page = tab.page
    practices, situations = _yaml("practices"), _yaml("situations")
    situation = max(situations.values(), key=lambda s: len(s["practices"]))
    page.goto(served + "library/practices/")
    assert len(_visible_cards(page)) == len(practices)

    page.select_option("#pb-filter-situation", situation["id"])
    assert sorted(_visible_cards(page)) == sorted(situation["practices"])
    assert f"situation={situation['id']}" in page.url
    assert f"{len(situation['practices'])} of {len(practices)}" in page.inner_text(".pb-count")

    # A second filter narrows further: only the situation's cards that fit in 30 minutes.
    page.select_option("#pb-filter-time", "30")
    quick = sorted(p for p in situation["practices"] if practices[p]["minutes"] <= 30)
    assert sorted(_visible_cards(page)) == quick

    shared = page.url
    assert "time=30" in shared
    page.goto("about:blank")
    page.goto(shared)
    assert sorted(_visible_cards(page)) == quick, "the shared URL shows the same cards"
    assert page.input_value("#pb-filter-situation") == situation["id"]
    assert page.input_value("#pb-filter-time") == "30"


def test_team_grid_filters_the_cards_recommended_for_us(tab, served, demo_build):
    page = tab.page
    recommendations = (demo_build / "site" / "emea-enterprise" / "recommendations" / "index.html").read_text("utf-8")
    recommended = re.findall(r'<li>\s*<p><a href="\.\./practices/([a-z0-9-]+)/"', recommendations)
    assert 3 <= len(recommended) <= 12
    page.goto(served + "emea-enterprise/practices/?for=recommended")
    assert sorted(_visible_cards(page)) == sorted(recommended), "a shared 'recommended for us' link shows them"
    page.select_option("#pb-filter-for", "start-here")
    start = _visible_cards(page)
    assert 1 <= len(start) <= 3 and set(start) <= set(recommended)
    assert "for=start-here" in page.url
    page.goto(served + "library/practices/")
    assert page.locator("#pb-filter-for").count() == 0, "the library has no team to recommend for"
    assert tab.errors == []


def test_filters_work_with_the_keyboard(tab, served):
    page = tab.page
    practices = _yaml("practices")
    page.goto(served + "library/practices/")
    for _ in range(120):  # Tab from the top of the page until the first filter has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "pb-filter-situation":
            break
    else:
        pytest.fail("the situation filter cannot be reached with Tab")
    page.keyboard.press("ArrowDown")  # first real choice
    chosen = page.input_value("#pb-filter-situation")
    assert chosen, "ArrowDown on the focused filter chooses a situation"
    expected = sorted(_yaml("situations")[chosen]["practices"])
    assert sorted(_visible_cards(page)) == expected
    for _ in range(6):  # on to the "Show all cards" button, then press it with Enter
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "reset":
            break
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.pb-card[hidden]').length === 0")
    assert len(_visible_cards(page)) == len(practices)
    assert "situation=" not in page.url


# --- search ------------------------------------------------------------------------------

def _unique_say_instead_word(edition: Path) -> tuple[str, str]:
    """(word, practice id): a word from one card's say-this-not-that that no other page contains."""
    index = json.loads((edition / "search" / "search_index.json").read_text("utf-8"))
    pages: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        text = html.unescape(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])).lower()
        pages[page] = pages.get(page, "") + " " + text
    for practice in _yaml("practices").values():
        words = set()
        for item in practice.get("say_instead", []):
            words |= set(re.findall(r"[a-z]{8,}", " ".join(item.values()).lower()))
        own = f"practices/{practice['id']}/"
        for word in sorted(words):
            stem = word[:6]
            if stem in pages.get(own, "") and not any(stem in text for page, text in pages.items() if page != own):
                return word, practice["id"]
    pytest.fail("no word of any card's say-this-not-that is unique to that card")


def _search(page, word: str) -> None:
    """Type into Material's search as a person would; retype until its index has loaded."""
    box = page.locator(".md-search__input")
    box.click()  # desktop layout: the search box is in the header
    for _ in range(15):
        box.fill("")
        box.press_sequentially(word)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=1000)
            return
        except Exception:
            continue
    pytest.fail(f"search for {word!r} showed no results")


def test_search_finds_a_card_by_its_say_this_not_that(tab, served, demo_build):
    page = tab.page
    word, practice_id = _unique_say_instead_word(demo_build / "site" / "library")
    page.goto(served + "library/")
    _search(page, word)
    first = page.locator(".md-search-result__item a").first
    assert f"practices/{practice_id}/" in first.get_attribute("href")
    first.click()
    page.wait_for_url(re.compile(rf".*/practices/{practice_id}/.*"))
    page.wait_for_selector("h1")
    assert word in page.inner_text("article").lower()


# --- accessibility ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def axe_js() -> Path:
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file() and shutil.which("npm"):
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(AXE_DIR), "axe-core"],
                       capture_output=True, timeout=300)
    if not script.is_file():
        skip_or_fail(f"axe-core not found at {script}: npm install --prefix .cache/npm axe-core")
    return script


@pytest.mark.parametrize("path", ["library/", "library/practices/", "library/practices/{practice}/"])
def test_no_serious_accessibility_violations(tab, served, axe_js, path):
    practice = sorted(_yaml("practices"))[0]
    tab.page.goto(served + path.format(practice=practice))
    tab.page.add_script_tag(path=str(axe_js))
    result = tab.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['target']}"
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)


# --- screenshots ----------------------------------------------------------------------------

def test_screenshots_of_the_grid_and_a_card(browser, served, tmp_path):
    """Desktop and phone screenshots; PLAYBOOK_UPDATE_SCREENSHOTS=1 refreshes docs/screenshots/ for the README."""
    practice = "idea-harvest" if "idea-harvest" in _yaml("practices") else sorted(_yaml("practices"))[0]
    update = os.environ.get("PLAYBOOK_UPDATE_SCREENSHOTS") == "1"
    for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        tab = Tab(browser, viewport)
        try:
            for name, path in (("grid", "library/practices/?time=30"), ("card", f"library/practices/{practice}/")):
                tab.page.goto(served + path)
                tab.page.wait_for_selector("h1")
                if name == "card":  # show the say-this-not-that contrast, the card's own idea
                    tab.page.evaluate("document.querySelector('.pb-say').previousElementSibling.scrollIntoView();"
                                     "window.scrollBy(0, -70)")
                    tab.page.wait_for_timeout(600)  # let the header's title transition finish
                overflow = tab.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{name} page scrolls sideways on a {device}"
                target = (SCREENSHOTS if update else tmp_path) / f"{name}-{device}.png"
                target.parent.mkdir(parents=True, exist_ok=True)
                tab.page.screenshot(path=str(target))
                assert target.stat().st_size > 10_000
            assert tab.external_requests() == []
        finally:
            tab.close()
    for name in ("grid-desktop", "grid-phone", "card-desktop", "card-phone"):
        assert (SCREENSHOTS / f"{name}.png").is_file(), f"docs/screenshots/{name}.png is shown in the README"


def test_search_answers_a_query_typed_before_its_index_arrived(tab, served, demo_build):
    """Typed at once, a query is answered when the index is ready: no retyping (Material re-reads the box)."""
    page = tab.page
    word, practice_id = _unique_say_instead_word(demo_build / "site" / "library")
    held = []
    page.route("**/search/search_index.json", lambda route: held.append(route))  # the index does not arrive until released
    page.goto(served + "library/")
    for _ in range(100):  # Material's own request for the index (its script runs, the box is live)
        if any(route.request.resource_type == "xhr" for route in held):
            break
        page.wait_for_timeout(50)
    else:
        pytest.fail("Material never asked for the search index")
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(word)
    page.wait_for_timeout(300)
    assert page.locator(".md-search-result__item").count() == 0
    assert page.locator(".md-search-result__meta").inner_text() == "Initializing search"
    for route in held:
        route.continue_()
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=10_000)  # nothing typed since
    assert f"practices/{practice_id}/" in first.get_attribute("href")
    assert box.input_value() == word


def test_search_index_download_starts_before_materials_script_asks(browser, served):
    """The page asks for the index from its head; Material's later request gets it from the HTTP cache
    (or a 304) instead of downloading it again. No routing here: Playwright's routes turn the cache off."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(served + "emea-enterprise/practices/")
        page.wait_for_function("""() => performance.getEntriesByType('resource')
            .some(e => e.name.includes('search_index') && e.initiatorType === 'xmlhttprequest' && e.responseEnd > 0)""")
        entries = page.evaluate("""() => performance.getEntriesByType('resource')
            .filter(e => e.name.includes('search_index'))
            .map(e => ({type: e.initiatorType, start: e.startTime, size: e.transferSize, url: e.name}))""")
    finally:
        context.close()
    early, material = entries[0], entries[-1]
    assert early["type"] == "fetch" and material["type"] == "xmlhttprequest", entries
    assert early["url"] == material["url"] == served + "emea-enterprise/search/search_index.json"
    assert early["start"] < material["start"]
    assert early["size"] > 100_000 and material["size"] < 10_000, "the index was downloaded twice"


# --- offline, opened from disk ---------------------------------------------------------------

def test_offline_edition_searches_from_disk(browser, tmp_path):
    team = sorted(_yaml_teams())[0]
    result = run_playbook("build", "--offline", "--team", team, "--content", str(CONTENT), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    edition = tmp_path / "site" / team
    assert (edition / "search" / "search_index.js").is_file()
    assert broken_links(edition, files_only=True) == [], "every link opens a file (deck PDF and prose links too)"
    tab = Tab(browser)
    try:
        page = tab.page
        page.goto((edition / "index.html").as_uri())
        practice = _yaml("practices")[sorted(_yaml("practices"))[0]]
        word = max(re.findall(r"[A-Za-z]{6,}", practice["title"]) or [practice["title"]], key=len)
        _search(page, word)
        link = page.locator(".md-search-result__item a").first
        href = link.get_attribute("href")
        assert urlparse(href).path.endswith(".html"), "offline links point at files, not folders"
        link.click()
        page.wait_for_selector("h1")
        assert page.url.startswith("file://") and word.lower() in page.inner_text("article").lower()
        assert tab.external_requests() == []
        assert tab.errors == []
    finally:
        tab.close()


def _yaml_teams() -> dict[str, dict]:
    docs = [yaml.safe_load(p.read_text("utf-8")) for p in sorted((CONTENT / "teams").glob("*.yml"))]
    return {d["id"]: d for d in docs}
