"""Scorecards on the demo build: a page in the nav and the search, a printable sheet linked from it
(neither in the nav nor in the search: it repeats the page), and a CSV download in every edition."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import html5lib
from helpers import load_pack, search_entries

from playbook_gen.i18n.strings import gettext as _t

SCORECARDS = load_pack("scorecards")
PRACTICES = load_pack("practices")
_LANGUAGE = {team_id: team.get("language", "en") for team_id, team in load_pack("teams").items()}
EDITIONS = ["site/library"] + [f"site/{t}" for t in sorted(_LANGUAGE) if _LANGUAGE[t] == "en"]
# editions in another language: their labels are translated, so their links are found by address
TRANSLATED = [f"site/{t}" for t in sorted(_LANGUAGE) if _LANGUAGE[t] != "en"]


def _doc(path: Path):
    return html5lib.parse(path.read_text("utf-8"), namespaceHTMLElements=False)


def _content(lang: str, context: str, text: str) -> str:
    """A content value as an edition in `lang` shows it: from content/translations/<lang>.po."""
    if lang == "en":
        return text
    from babel.messages.pofile import read_po
    from helpers import CONTENT
    with (CONTENT / "translations" / f"{lang}.po").open("rb") as f:
        return next(m.string for m in read_po(f) if m.context == context and m.id == text)


def _links(doc) -> dict[str, str]:
    return {"".join(a.itertext()).strip(): a.get("href") for a in doc.find(".//article").iter("a")}


def test_every_edition_has_each_scorecards_page_sheet_and_csv(demo_build: Path):
    for edition in EDITIONS:
        root = demo_build / edition / "scorecards"
        for scorecard_id, scorecard in SCORECARDS.items():
            page = root / scorecard_id / "index.html"
            links = _links(_doc(page))
            lang = _doc(page).get("lang") or "en"  # the DACH team's edition is German (locale/de.po)
            sheet, download = _t(lang, "Print the one-page sheet"), _t(lang, "Download as CSV")
            assert links[sheet] == f"../sheets/{scorecard_id}/"
            assert links[download] == f"../{scorecard_id}.csv"
            assert [a for a in _doc(page).iter("a") if a.get("href") == links[download]][0].get("download") == ""
            assert (page.parent / links[sheet] / "index.html").resolve().is_file()
            rows = list(csv.reader(io.StringIO((page.parent / links[download]).resolve()
                                               .read_bytes().decode("utf-8-sig"), newline="")))
            assert [row[1] for row in rows[1:]] == [_content(lang, f"scorecard:{scorecard_id}:criteria.name", c["name"])
                                                    for c in scorecard["criteria"]]
            assert rows[0][-2:] == ["Score (1 weak, 2 solid, 3 strong)", "Notes"]
            sheet = _doc(root / "sheets" / scorecard_id / "index.html")
            assert len(list(sheet.find(".//article").iter("tr"))) == 1 + len(scorecard["criteria"])
    assert TRANSLATED, "the demo has a team edition in another language (dach-new-business)"
    for edition in TRANSLATED:
        for scorecard_id in SCORECARDS:
            page = demo_build / edition / "scorecards" / scorecard_id / "index.html"
            hrefs = set(_links(_doc(page)).values())
            assert {f"../sheets/{scorecard_id}/", f"../{scorecard_id}.csv"} <= hrefs, edition
            assert (page.parent / f"../{scorecard_id}.csv").resolve().read_bytes().startswith(b"\xef\xbb\xbf")


def test_scorecards_are_in_the_nav_and_the_search_but_their_sheets_are_not(demo_build: Path):
    library = demo_build / "site/library"
    nav = {"".join(a.itertext()).strip() for a in _doc(library / "index.html").iter("a")
           if "md-nav__link" in (a.get("class") or "")}
    assert {s["title"] for s in SCORECARDS.values()} <= nav
    assert not any("scoring sheet" in label for label in nav)
    locations = {entry["location"].split("#")[0] for entry in search_entries(library, "mkdocs")}
    assert {f"scorecards/{s}/" for s in SCORECARDS} <= locations
    assert not [loc for loc in locations if loc.startswith("scorecards/sheets/")]
    found = [e for e in search_entries(library, "mkdocs") if "Listen for" in e.get("text", "")]
    assert found, "the criteria's evidence is searchable"


def test_the_practices_that_name_a_scorecard_are_listed_on_it(demo_build: Path):
    for scorecard_id in SCORECARDS:
        users = {p["title"] for p in PRACTICES.values() if scorecard_id in p.get("scorecards", [])}
        assert users, f"no practice uses {scorecard_id}"
        links = _links(_doc(demo_build / "site/library/scorecards" / scorecard_id / "index.html"))
        assert users <= set(links)


def _callouts(doc) -> list[list[str]]:
    """The items of each consent callout (Material admonition) in a built page's article."""
    found = []
    for div in doc.find(".//article").iter("div"):
        if "admonition" in (div.get("class") or "").split():
            title = div.find("p")
            if title is not None and "".join(title.itertext()).strip() == "Consent and data protection":
                found.append([" ".join("".join(li.itertext()).split()) for li in div.iter("li")])
    return found


def test_card_pages_link_their_scorecards_and_show_their_consent_callout(demo_build: Path):
    library = demo_build / "site/library"
    for pid, practice in PRACTICES.items():
        page = library / "practices" / pid / "index.html"
        doc = _doc(page)
        links = _links(doc)
        for scorecard_id in practice.get("scorecards", []):
            href = links[SCORECARDS[scorecard_id]["title"]]
            assert (page.parent / href / "index.html").resolve() == library / "scorecards" / scorecard_id / "index.html"
        expected = [[" ".join(line.split()) for line in practice["consent"]]] if practice.get("consent") else []
        assert _callouts(doc) == expected, pid


def test_the_printed_deck_shows_each_consent_callout_and_names_the_scorecards(demo_build: Path):
    deck = _doc(demo_build / "site/library/deck/index.html")
    cards = {"".join(s.find("h2").itertext()).strip("¶ \n"): s for s in deck.find(".//article").iter("section")}
    for practice in PRACTICES.values():
        card = cards[practice["title"]]
        items = [" ".join("".join(li.itertext()).split()) for div in card.iter("div")
                 if "admonition" in (div.get("class") or "") for li in div.iter("li")]
        assert items == [" ".join(line.split()) for line in practice.get("consent", [])], practice["id"]
        named = {"".join(a.itertext()).strip() for a in card.iter("a")}
        assert {SCORECARDS[s]["title"] for s in practice.get("scorecards", [])} <= named


def test_a_situations_sequence_is_a_timeline_of_its_weeks_linking_its_cards(demo_build: Path):
    situations = load_pack("situations")
    with_sequence = {sid: s for sid, s in situations.items() if s.get("sequence")}
    assert "new-manager" in with_sequence
    for sid, situation in with_sequence.items():
        page = demo_build / "site/library/situations" / sid / "index.html"
        timeline = next(div for div in _doc(page).iter("div") if div.get("class") == "pb-timeline")
        headings = [" ".join("".join(h.itertext()).strip("¶ \n").split()) for h in timeline.iter("h3")]
        expected = []
        for step in situation["sequence"]:
            first, _, last = step["weeks"].partition("-")
            expected.append((f"Weeks {first}–{last}" if last else f"Week {first}") + f": {step['title']}")
        assert headings == expected
        links = {"".join(a.itertext()).strip(): a.get("href") for a in timeline.iter("a")}
        for step in situation["sequence"]:
            for pid in step.get("practices", []):
                href = links[PRACTICES[pid]["title"]]
                assert (page.parent / href / "index.html").resolve().is_file(), href
    new_manager = " ".join(step["title"] + " " + " ".join(step["do"]) for step in situations["new-manager"]["sequence"])
    for must in ("peer", "account", "forecast"):  # the 30-60-90 plan's three moments that catch new managers
        assert must in new_manager.lower()
