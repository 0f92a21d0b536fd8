"""Scorecards: the shared rubrics for reviewing a call or a deal, and where each one's page, printable
sheet and CSV download are (every edition carries them, like the practice cards)."""
from __future__ import annotations

from ..content import Content
from ..models import Scorecard
from .editions import Page

SCORECARDS_INDEX = "scorecards/index.md"
# The printable sheets are linked from their scorecard's page, not listed in the navigation.
SHEETS_NOT_IN_NAV = "/scorecards/sheets/"


def scorecard_url(scorecard_id: str) -> str:
    """A scorecard's page, docs-relative (templates: `scorecard_url(id)`)."""
    return f"scorecards/{scorecard_id}.md"


def sheet_url(scorecard_id: str) -> str:
    """Its one-page sheet to print and fill in."""
    return f"scorecards/sheets/{scorecard_id}.md"


def csv_path(scorecard_id: str) -> str:
    """Its CSV download (one row per criterion), written beside its page."""
    return f"scorecards/{scorecard_id}.csv"


# The sheet's score column: what a manager circles (the column heads say which is which).
SCALE = ("1", "2", "3")


def scorecard_pages(content: Content) -> tuple[list[Page], list[str]]:
    """The scorecards' index, pages and sheets, and the nav entries (index, then each page)."""
    scorecards = list(content.scorecards.values())
    if not scorecards:
        return [], []
    pages = [Page(SCORECARDS_INDEX, "scorecards-index.md.j2", "Scorecards", {
        "scorecards": [_entry(content, s) for s in scorecards],
    })]
    for scorecard in scorecards:
        entry = _entry(content, scorecard)
        pages.append(Page(scorecard_url(scorecard.id), "scorecard.md.j2", scorecard.title, entry))
        pages.append(Page(sheet_url(scorecard.id), "scorecard-sheet.md.j2", f"{scorecard.title}: scoring sheet",
                          {**entry, "scale": SCALE}))
    return pages, [SCORECARDS_INDEX] + [scorecard_url(s.id) for s in scorecards]


def _entry(content: Content, scorecard: Scorecard) -> dict:
    return {
        "scorecard": scorecard,
        "page": scorecard_url(scorecard.id),
        "sheet": sheet_url(scorecard.id),
        "csv": csv_path(scorecard.id),
        "principles": [content.principles[p] for p in scorecard.principles],
        "practices": content.practices_scored_by(scorecard.id),
    }
