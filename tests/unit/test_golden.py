"""Golden Markdown: what the render stage writes for a few pages, compared byte for byte and reviewed in the diff.

A change to a template, a filter or the plan shows up here as a diff of the page a reader gets,
not only as a passing assertion. When the change is intended, regenerate and review the diff:

    PLAYBOOK_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_golden.py

Render stage only (plan + Jinja, no MkDocs): fast, and the same Markdown every engine builds.
"""
from __future__ import annotations

import difflib
import os

import pytest
from conftest import SERVED_AT
from helpers import CONTENT, HOSTILE, TESTS

from playbook_gen.pipeline import edition_url
from playbook_gen.plan import plan_all
from playbook_gen.render import render_edition
from playbook_gen.validate import load_content

GOLDEN = TESTS / "golden"
UPDATE = os.environ.get("PLAYBOOK_UPDATE_GOLDEN") == "1"
HOW = "PLAYBOOK_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_golden.py"

# golden file: (content folder, edition id, manager edition?, page under docs/)
PAGES = {
    "card-page.md": (CONTENT, "library", False, "practices/goals-in-their-words.md"),
    "team-home.md": (CONTENT, "emea-enterprise", False, "index.md"),
    "member-plan.md": (CONTENT, "emea-enterprise", True, "members/alex-moreno.md"),
    "hostile-card-page.md": (HOSTILE / "content", "library", False, "practices/hostile-practice.md"),
    "scorecard-page.md": (CONTENT, "library", False, "scorecards/discovery-call.md"),
    "consent-card-page.md": (CONTENT, "library", False, "practices/peer-coaching-pairs.md"),
    "situation-timeline.md": (CONTENT, "library", False, "situations/new-manager.md"),
    "hostile-scorecard-sheet.md": (HOSTILE / "content", "library", False, "scorecards/sheets/hostile-scorecard.md"),
    "hostile-situation-page.md": (HOSTILE / "content", "library", False, "situations/hostile-situation.md"),
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, str]:
    """Each golden page rendered the way `playbook build` stages it (with the served site URL)."""
    out: dict[str, str] = {}
    for name, (folder, edition_id, private, page) in PAGES.items():
        edition = next(e for e in plan_all(load_content(folder), None) if e.id == edition_id and e.private == private)
        workdir = tmp_path_factory.mktemp(name.removesuffix(".md"))
        render_edition(edition, workdir, site_url=edition_url(edition, SERVED_AT))
        out[name] = (workdir / "docs" / page).read_text("utf-8")
    return out


@pytest.mark.parametrize("name", sorted(PAGES))
def test_rendered_markdown_matches_its_golden_file(rendered: dict[str, str], name: str):
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(rendered[name], "utf-8")
    assert golden.is_file(), f"{golden} is missing: write it with `{HOW}` and review it"
    expected = golden.read_text("utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), rendered[name].splitlines(True),
                                        f"golden/{name}", f"rendered/{name}", n=2))
    assert rendered[name] == expected, (f"{name} differs from its golden file (first 60 lines of the diff below). "
                                        f"If the change is intended: `{HOW}`, then review the diff.\n"
                                        + "".join(diff.splitlines(True)[:60]))


@pytest.mark.parametrize("name", [name for name in sorted(PAGES) if name.startswith("hostile-")])
def test_the_hostile_page_keeps_its_values_as_text(rendered: dict[str, str], name: str):
    """A golden hostile page is worth reviewing only if it still carries the hostile values."""
    page = rendered[name].split("\n---\n", 1)[-1]  # the body: the front matter's description is a quoted string
    assert "<script" not in page.lower() and "&lt;" in page, page[:400]
