"""A scorecard's sheet prints as one landscape page, on A4 and on US Letter, in Chromium; its print
button works and the page's links, buttons and the sheet's table are hidden or shown as printed."""
from __future__ import annotations

import re

import pytest
from helpers import load_pack

SCORECARDS = sorted(load_pack("scorecards"))


def _pages(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of each page of a PDF Chromium wrote."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    count = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert boxes and count
    return [(float(boxes[0][2]), float(boxes[0][3]))] * count


@pytest.mark.parametrize("scorecard", SCORECARDS)
def test_the_sheet_prints_on_one_landscape_page(tab, served, scorecard):
    page = tab.page
    page.goto(f"{served}library/scorecards/sheets/{scorecard}/")
    button = page.get_by_role("button", name="Print this sheet")
    assert button.is_enabled()
    page.emulate_media(media="print")
    assert not button.is_visible() and page.locator(".pb-sheet table").is_visible()
    assert not page.locator(".md-header").is_visible()
    for paper in ("A4", "Letter"):
        pages = _pages(page.pdf(format=paper, prefer_css_page_size=True))
        assert len(pages) == 1, f"{scorecard} on {paper}: {len(pages)} pages"
        width, height = pages[0]
        assert width > height, f"{scorecard} on {paper}: portrait"
