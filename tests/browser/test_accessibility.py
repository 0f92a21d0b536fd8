"""Accessibility of every demo edition and every page type, in a real browser (axe-core in Chromium).

Every edition the demo builds — the library, each team's, each manager edition — and every kind
of page in it (home, card grid, card, principle, situation, calendar, member plan,
recommendations, deck, the serve week, scorecards with their printable sheets, the 404 page): no serious or critical axe-core violation
(a manager edition: the pages that differ from its team edition's, see MANAGER_PAGES).
The palettes are the teams' own; palette.css (playbook_gen/contrast.py) is what makes them pass.
The same browser then checks the contrast of all 882 scheme × primary × accent combinations
with the stylesheet as Chromium applies it. Skips with the reason when Chromium, Playwright or
axe-core is missing; fails instead under PLAYBOOK_REQUIRE_ALL=1.
"""
from __future__ import annotations

import contextlib
import html
import json
import re
from pathlib import Path

import pytest
from conftest import skip_or_fail
from helpers import REPO, load_pack, run_playbook, served_folder

from playbook_gen import contrast

AXE = REPO / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"  # .ci/run installs it
TEAMS = sorted(load_pack("teams"))
EDITIONS = ["site/library"] + [f"site/{t}" for t in TEAMS] + [f"site-managers/{t}" for t in TEAMS]
# One page of each kind: a section's index, then its first page (sorted), where the edition has it.
SECTIONS = ("practices", "principles", "situations", "members", "scorecards", "weeks")
SINGLE = ("calendar", "recommendations", "deck", "serve-week", "this-week")



@pytest.fixture(scope="module")
def served_all(demo_build: Path):
    """Each output root of the session's demo build at the root of its own http server on 127.0.0.1,
    as it is published (404 pages link their assets from the site's root: /<edition>/assets/…)."""
    # A manager edition has no site_url (it is private), so its 404 page expects to be at a root.
    with contextlib.ExitStack() as stack:
        yield {root: stack.enter_context(served_folder(demo_build / root))
               for root in ("site", "site-managers", *(f"site-managers/{t}" for t in TEAMS))}


def _url(urls: dict[str, str], edition: str, path: str = "") -> str:
    if path == "404.html" and edition in urls:
        return urls[edition] + path
    root, name = edition.split("/")
    return f"{urls[root]}{name}/{path}"


@pytest.fixture(scope="module")
def axe() -> Path:
    if not AXE.is_file():
        skip_or_fail(f"axe-core not found at {AXE}: npm install --prefix .cache/npm axe-core")
    return AXE


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    yield context.new_page()
    context.close()


def page_types(edition: Path) -> dict[str, str]:
    """{page type: path in the edition} for every kind of page this edition has."""
    found = {"home": ""}
    for section in SECTIONS:
        folder = edition / section
        if folder.is_dir():
            if (folder / "index.html").is_file():
                found[f"{section} index"] = f"{section}/"
            pages = sorted(p.name for p in folder.iterdir() if (p / "index.html").is_file())
            if pages:
                found[section.rstrip("s")] = f"{section}/{pages[0]}/"
    for name in SINGLE:
        if (edition / name / "index.html").is_file():
            found[name] = f"{name}/"
    timelines = sorted(p.parent.name for p in (edition / "situations").glob("*/index.html")
                       if 'class="pb-timeline"' in p.read_text("utf-8"))
    if timelines:  # a situation with a week-by-week sequence
        found["situation timeline"] = f"situations/{timelines[0]}/"
    sheets = edition / "scorecards" / "sheets"
    if sheets.is_dir():  # a scorecard's printable sheet (not in the nav, linked from its page)
        found["scorecard sheet"] = f"scorecards/sheets/{sorted(p.name for p in sheets.iterdir())[0]}/"
    found["404"] = "404.html"
    return found


def test_every_edition_has_every_page_type(demo_build):
    """The page list the axe test walks is the real one: a page type cannot silently drop out."""
    library = page_types(demo_build / "site/library")
    assert {"home", "practices index", "practice", "principles index", "principle", "situations index",
            "situation", "situation timeline", "deck", "scorecards index", "scorecard", "scorecard sheet",
            "404"} <= set(library)
    for team in TEAMS:
        team_pages = page_types(demo_build / "site" / team)
        assert {"calendar", "recommendations", "practice", "scorecard", "scorecard sheet"} <= set(team_pages), team
        assert "member" not in team_pages, "member plans are in the manager edition only"
        assert "member" in page_types(demo_build / "site-managers" / team), team
        assert {"member", "home", "calendar", "this-week", "weeks index", "week"} <= set(
            pages_to_check(demo_build, f"site-managers/{team}"))  # the 1:1 prep pages: manager edition only


# A manager edition is its team's edition (same palette, same pages) plus the member plans; axe runs
# on what differs there (home and navigation, calendar with one-on-ones, recommendations, plans).
MANAGER_PAGES = ("home", "calendar", "recommendations", "404")


def pages_to_check(demo_build: Path, edition: str) -> dict[str, str]:
    found = page_types(demo_build / edition)
    if edition.startswith("site-managers/"):
        team = page_types(demo_build / "site" / edition.split("/")[1])
        found = {k: v for k, v in found.items() if k in MANAGER_PAGES or k not in team}
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_serious_axe_violation_on_any_page_type(page, served_all, demo_build, axe, edition):
    failures = []
    for kind, path in pages_to_check(demo_build, edition).items():
        response = page.goto(_url(served_all, edition, path))
        assert response is not None and response.status in (200, 404), (kind, path)
        page.add_script_tag(path=str(axe))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                nodes = violation["nodes"]
                failures.append(f"{edition}/{path} ({kind}): {violation['id']} ({violation['impact']}), "
                                f"{len(nodes)} node(s), e.g. {nodes[0]['target']}: "
                                f"{nodes[0].get('failureSummary', '')[:200]}")
    assert not failures, "\n".join(failures)


_RGB = re.compile(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)")


def _color(css: str) -> contrast.Color:
    match = _RGB.fullmatch(css.strip())
    assert match, css
    r, g, b, a = match.groups()
    return contrast.Color(float(r) / 255, float(g) / 255, float(b) / 255, float(a) if a is not None else 1.0)


_PROBE = """(args) => {
  const [combos, pairings] = args;
  const body = document.body;
  const probe = document.createElement('div');
  document.body.appendChild(probe);
  const out = [];
  for (const [scheme, primary, accent] of combos) {
    body.setAttribute('data-md-color-scheme', scheme);
    body.setAttribute('data-md-color-primary', primary);
    body.setAttribute('data-md-color-accent', accent);
    const row = [];
    for (const [text, background] of pairings) {
      probe.style.color = `var(${text})`;
      probe.style.backgroundColor = `var(${background})`;
      const style = getComputedStyle(probe);
      const [shownText, shownBackground] = [style.color, style.backgroundColor];
      probe.style.color = 'var(--md-default-bg-color)';
      row.push([shownText, shownBackground, getComputedStyle(probe).color]);
    }
    out.push(row);
  }
  return out;
}"""


def test_all_palettes_reach_aa_as_chromium_applies_the_stylesheet(page, served_all):
    """Every scheme × primary × accent on a real team page: the colours Chromium computes from
    Material's CSS plus palette.css, measured with WCAG's formula."""
    response = page.goto(_url(served_all, f"site/{TEAMS[0]}"))
    assert response is not None and response.ok
    pairings = [[p.text, p.background] for p in contrast.PAIRINGS]
    combos = contrast.combinations()
    rows = page.evaluate(_PROBE, [combos, pairings])
    failing = []
    for combo, row in zip(combos, rows, strict=True):
        for pairing, (text, background, page_bg) in zip(contrast.PAIRINGS, row, strict=True):
            shown_bg = _color(background).over(_color(page_bg))
            measured = contrast.ratio(_color(text), shown_bg)
            if measured < pairing.needed:
                failing.append(f"{combo} {pairing.what}: {text} on {background} = {measured:.2f}:1")
    assert len(rows) == 882
    assert not failing, "\n".join(failing[:30])


# --- meta descriptions ---------------------------------------------------------------------------

_META = re.compile(r'<meta name="description" content="([^"]*)">')


def test_every_edition_page_has_a_plain_text_meta_description(demo_build):
    practices = load_pack("practices")
    pages = [p for root in ("site", "site-managers") for p in sorted((demo_build / root).rglob("*.html"))
             if p.parent != demo_build / root]  # the roots' index.html is the editions index (no theme)
    assert len(pages) > 300
    missing, odd = [], []
    for path in pages:
        found = _META.findall(path.read_text("utf-8"))
        if len(found) != 1 or not html.unescape(found[0]).strip():
            missing.append(str(path.relative_to(demo_build)))
        elif re.search(r"<|&#\d+;|\*|\]\(", html.unescape(found[0])) or len(html.unescape(found[0])) > 160:
            odd.append(f"{path.relative_to(demo_build)}: {found[0]}")
    assert not missing, missing[:10]
    assert not odd, odd[:10]
    for practice_id in sorted(practices)[:3]:  # the card's summary, cut at a word after 160 characters
        card = (demo_build / "site/library/practices" / practice_id / "index.html").read_text("utf-8")
        meta, summary = html.unescape(_META.findall(card)[0]), " ".join(practices[practice_id]["summary"].split())
        assert meta == summary if len(summary) <= 160 else (meta.endswith("…") and summary.startswith(meta[:-1])), meta


def test_a_description_is_the_text_written_never_markup(content_copy, tmp_path):
    """A summary with quotes, tags, Markdown and entities becomes exactly that text in the meta tag."""
    written = 'Ask "why" <b>twice</b> & *listen* — [then](x) act; 5 > 3 &amp; <script>alert(1)</script>'
    card = content_copy / "practices" / "idea-harvest.yml"
    text = card.read_text("utf-8")
    start = text.index("\nsummary:")
    end = text.index("\n", start + 1)
    card.write_text(text[:start] + "\nsummary: " + json.dumps(written) + text[end:], "utf-8")
    result = run_playbook("build", "--content", str(content_copy), "--team", TEAMS[0], "--online", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / TEAMS[0] / "practices" / "idea-harvest" / "index.html").read_text("utf-8")
    found = _META.findall(page)
    assert len(found) == 1 and html.unescape(found[0]) == written
    assert "<script>alert" not in page
