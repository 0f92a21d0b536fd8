"""The brand on screen, in Chromium: the private badge whole on a phone, the index's band on a phone."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import CONTENT, served_folder

TEAMS = {t["id"]: t for t in (yaml.safe_load(p.read_text("utf-8")) for p in sorted((CONTENT / "teams").glob("*.yml")))}
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


# --- the private cue on a phone --------------------------------------------------------------------


@pytest.fixture(scope="module")
def managers_served(demo_build: Path):
    with served_folder(demo_build / "site-managers") as url:
        yield url


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_private_badge_is_whole_and_visible_on_every_screen_size(browser, managers_served: str, viewport):
    team_id = max(TEAMS, key=lambda t: len(TEAMS[t]["name"]))  # the longest title: the most cut
    page = browser.new_page(viewport=viewport)
    try:
        page.goto(f"{managers_served}{team_id}/practices/", wait_until="load")
        badge = page.locator(".md-header .playbook-private-badge")
        assert badge.is_visible()
        box = badge.bounding_box()
        assert box and box["width"] > 10 and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
        assert badge.inner_text().strip().lower() == "private"
        whole = badge.evaluate("el => el.scrollWidth <= el.clientWidth + 1 && getComputedStyle(el).visibility === 'visible'")
        assert whole, "the badge's text is not cut"
        header = page.locator(".md-header").bounding_box()
        assert header["y"] <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"], "inside the header"
        title = page.locator(".md-header__topic").first
        if viewport is PHONE:  # the title itself is cut on a phone: that is why the badge exists
            assert title.evaluate("el => el.querySelector('.md-ellipsis').scrollWidth > el.clientWidth")
        ratio = badge.evaluate("""el => {
            const header = getComputedStyle(el.closest('.md-header'));
            return [getComputedStyle(el).color, header.backgroundColor]; }""")
        assert ratio[0] != ratio[1], "the badge is drawn in a colour other than the header's"
    finally:
        page.close()


def test_index_phone_layout_keeps_the_title_and_logo_in_the_band(browser, demo_build: Path):
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto((demo_build / "site" / "index.html").as_uri(), wait_until="load")
        band = page.locator("header.brand").bounding_box()
        assert band and band["width"] <= PHONE["width"] + 1
        assert page.locator("header.brand svg").is_visible() and page.locator("header.brand h1").is_visible()
        colour = page.locator("header.brand").evaluate("el => getComputedStyle(el).backgroundColor")
        assert re.sub(r"\s", "", colour) == "rgb(64,81,181)", colour  # Material's indigo (#4051b5)
    finally:
        page.close()
