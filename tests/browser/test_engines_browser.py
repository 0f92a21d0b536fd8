"""A Zensical-built edition in a real browser (Debian's Chromium via Playwright, served from 127.0.0.1).

Zensical ships its own JavaScript and search UI: the card grid's filters and
search must work there as they do with Material. Skips with a reason when
Zensical, Playwright or Chromium is missing; fails instead under PLAYBOOK_REQUIRE_ALL=1.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from helpers import CONTENT, broken_links, load_pack as _yaml, served_folder

pytestmark = pytest.mark.parametrize("engine_build", ["zensical"], indirect=True)







@pytest.fixture
def page(browser, engine_build: Path):
    """A tab on the Zensical-built shareable editions; no request may leave this machine, no script may fail."""
    server = served_folder(engine_build / "site")
    base = server.__enter__()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests, errors = [], []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.base = base
    yield tab
    context.close()
    server.__exit__(None, None, None)
    assert [u for u in requests if urlparse(u).scheme in ("http", "https") and urlparse(u).hostname != "127.0.0.1"] == []
    assert errors == []


def _visible_cards(page) -> list[str]:
    return page.locator(".pb-card:visible").evaluate_all("cards => cards.map(c => c.id.replace('card-', ''))")


def test_zensical_grid_filters(page, engine_build):
    practices, situations = _yaml("practices"), _yaml("situations")
    situation = max(situations.values(), key=lambda s: len(s["practices"]))
    page.goto(page.base + "library/practices/")
    assert len(_visible_cards(page)) == len(practices)
    page.select_option("#pb-filter-situation", situation["id"])
    assert sorted(_visible_cards(page)) == sorted(situation["practices"])
    assert f"situation={situation['id']}" in page.url
    page.goto(page.url)  # the shared URL shows the same cards
    assert sorted(_visible_cards(page)) == sorted(situation["practices"])


def test_zensical_search_finds_a_card(page, engine_build):
    practice = max(_yaml("practices").values(), key=lambda p: len(p["title"]))
    page.goto(page.base + "library/")
    page.locator(".md-search__button").first.click()  # Zensical's search opens from a header button
    page.keyboard.type(practice["title"])
    results = page.get_by_role("listbox", name="Search results").get_by_role("option")
    results.first.wait_for(timeout=15000)
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any(f"practices/{practice['id']}/" in h for h in hrefs), hrefs
    results.first.click()
    page.wait_for_url(re.compile(rf".*/practices/{practice['id']}/.*"))
    # Instant navigation changes the URL before it swaps the content in: wait for the card's heading.
    page.locator("h1", has_text=practice["title"]).first.wait_for(timeout=15000)


def test_zensical_offline_edition_searches_from_disk(browser, engine_build, tmp_path):
    """`--offline --engine zensical`: opened as files, search still works and nothing is fetched from anywhere."""
    from helpers import run_playbook
    team = sorted(p.stem for p in (CONTENT / "teams").glob("*.yml"))[0]
    team_id = yaml.safe_load((CONTENT / "teams" / f"{team}.yml").read_text("utf-8"))["id"]
    result = run_playbook("build", "--offline", "--engine", "zensical", "--team", team_id, "--content", str(CONTENT),
                          cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert broken_links(tmp_path / "site" / team_id, files_only=True) == [], "every link opens a file"
    practice = max(_yaml("practices").values(), key=lambda p: len(p["title"]))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests, errors = [], []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto((tmp_path / "site" / team_id / "index.html").as_uri())
    tab.locator(".md-search__button").first.click()
    tab.keyboard.type(practice["title"])
    results = tab.get_by_role("listbox", name="Search results").get_by_role("option")
    results.first.wait_for(timeout=15000)
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    context.close()
    assert any(f"practices/{practice['id']}.html" in h for h in hrefs), hrefs
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == [] and errors == []
