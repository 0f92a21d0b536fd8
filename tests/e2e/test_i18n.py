"""Language editions on real builds (issue 20): the demo's German team and library-de with every engine,
`playbook check`'s completeness lines and `min_complete`, `translations extract` on a copy of the demo, and
a page whose missing translations fall back to English, marked."""
from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from helpers import CONTENT, engine_of, run_playbook

TEAM = "dach-new-business"
CARD = "idea-harvest"
PO = CONTENT / "translations" / "de.po"


def german() -> dict[str, str]:
    """msgctxt -> msgstr of the demo's German catalogue (the first entry of each context)."""
    with PO.open("rb") as f:
        found: dict[str, str] = {}
        for m in read_po(f):
            if m.id and m.string:
                found.setdefault(m.context, m.string)
        return found


def page(root: Path, *parts: str):
    path = root.joinpath(*parts)
    return html5lib.parse(path.read_text("utf-8"), namespaceHTMLElements=False), path.read_text("utf-8")


def card_page(edition: Path, card: str) -> Path:
    served = edition / "practices" / card / "index.html"
    return served if served.is_file() else edition / "practices" / f"{card}.html"


def test_the_german_team_reads_german_with_every_engine(engine_build: Path):
    de = german()
    edition = engine_build / "site" / TEAM
    doc, source = page(card_page(edition, CARD).parent, card_page(edition, CARD).name)
    assert doc.get("lang") == "de"
    assert "".join(doc.find(".//article//h1").itertext()).strip().rstrip("¶") == de[f"practice:{CARD}:title"]
    steps = [" ".join("".join(li.itertext()).split()) for li in doc.find(".//article").iter("li")]
    assert " ".join(de[f"practice:{CARD}:steps"].split()) in steps
    assert "pb-fallback" not in source  # the demo's catalogue is complete: nothing falls back
    # team data is not translated: the team wrote its goals in German already
    home, _ = page(edition, "index.html")
    goals = yaml.safe_load((CONTENT / "teams" / f"{TEAM}.yml").read_text("utf-8"))["goals"]
    assert goals[0] in " ".join("".join(home.find(".//article").itertext()).split())


def test_the_english_teams_stay_english(engine_build: Path):
    doc, source = page(card_page(engine_build / "site" / "emea-enterprise", CARD).parent,
                       card_page(engine_build / "site" / "emea-enterprise", CARD).name)
    assert doc.get("lang") == "en"
    assert "Monthly idea harvest" in source and "pb-fallback" not in source


def test_library_editions_per_language_linked_by_the_language_selector(demo_build: Path):
    site = demo_build / "site"
    for folder, lang in (("library", "en"), ("library-de", "de")):
        doc, _ = page(site / folder, "practices", CARD, "index.html")
        assert doc.get("lang") == lang
        links = {a.get("hreflang"): a.get("href") for a in doc.iter("a") if a.get("hreflang")}
        assert links == {"en": "../../../library/", "de": "../../../library-de/"}, links
    index, _ = page(site, "index.html")
    rows = {tr.find("td/a").get("href"): "".join(tr.findall("td")[1].itertext())
            for tr in index.iter("tr") if tr.find("td/a") is not None}
    assert rows["library/index.html"] == "English (en)" and rows["emea-enterprise/index.html"] == "English (en)"
    assert rows["library-de/index.html"] == rows[f"{TEAM}/index.html"] == "Deutsch (de)"


def test_search_is_configured_for_german_stemming(engine_build: Path, demo_from_disk: Path):
    engine = engine_of(engine_build)
    edition = engine_build / "site" / TEAM
    if engine == "zensical":  # Zensical ignores `search: lang`: not written, so no warning either (README)
        assert "lunr.de" not in json.dumps(sorted(p.name for p in edition.rglob("*.js")))
        return
    config = json.loads((edition / "search" / "search_index.json").read_text("utf-8"))["config"]
    assert config["lang"] == ["de"] and "stemmer" in config["pipeline"]
    assert (edition / "assets" / "javascripts" / "lunr" / "min" / "lunr.de.min.js").is_file()
    english = json.loads((engine_build / "site" / "emea-enterprise" / "search" / "search_index.json")
                         .read_text("utf-8"))["config"]
    assert english["lang"] == ["en"] and "stemmer" not in english["pipeline"]  # English search as before
    inlined = (demo_from_disk / "site" / TEAM / "search" / "search_index.js").read_text("utf-8")
    assert '"lang":["de"]' in inlined.replace(" ", "")


def test_check_reports_completeness_and_min_complete_fails_at_its_line(content_copy: Path, tmp_path: Path):
    ok = run_playbook("check", "--content", str(content_copy), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    # the demo's catalogue is meant to be complete; new content another change adds may wait for its translator
    found = re.search(r"^de: (\d+)/(\d+), (\d+) untranslated, (\d+) fuzzy — content/translations/de\.po$", ok.stdout, re.M)
    assert found, ok.stdout
    done, total, untranslated, fuzzy = (int(g) for g in found.groups())
    assert done + untranslated + fuzzy == total and done >= 0.95 * total
    run_playbook("translations", "extract", "--content", str(content_copy), cwd=tmp_path)  # in step with the content
    ok = run_playbook("check", "--content", str(content_copy), cwd=tmp_path)
    done, total, untranslated, fuzzy = (int(g) for g in re.search(r"^de: (\d+)/(\d+), (\d+) untranslated, (\d+) fuzzy",
                                                                   ok.stdout, re.M).groups())
    # a changed source: extract marks its entry fuzzy; check counts it and, with --verbose, says where
    card = content_copy / "practices" / f"{CARD}.yml"
    card.write_text(card.read_text("utf-8").replace("Monthly idea harvest", "The monthly idea harvest"), "utf-8")
    extracted = run_playbook("translations", "extract", "--content", str(content_copy), cwd=tmp_path)
    assert extracted.returncode == 0, extracted.stderr
    assert "1 marked fuzzy (source changed)" in extracted.stdout
    verbose = run_playbook("check", "--verbose", "--content", str(content_copy), cwd=tmp_path)
    assert f"de: {done - 1}/{total}, {untranslated} untranslated, {fuzzy + 1} fuzzy — " in verbose.stdout
    line = next(i for i, text in enumerate(card.read_text("utf-8").splitlines(), 1) if text.startswith("title:"))
    assert f"practices/{CARD}.yml:{line}: fuzzy: practice:{CARD}:title: The monthly idea harvest" in verbose.stdout
    playbook = content_copy / "playbook.yml"
    playbook.write_text(playbook.read_text("utf-8") + "translations:\n  de:\n    min_complete: 100\n", "utf-8")
    failed = run_playbook("check", "--content", str(content_copy), cwd=tmp_path)
    assert failed.returncode == 1
    where = len(playbook.read_text("utf-8").splitlines())
    assert re.search(rf"playbook\.yml:{where}:\d+: error: the de translation is \d+% complete \({done - 1}/{total}\), "
                     rf"below min_complete 100: {untranslated} untranslated and {fuzzy + 1} fuzzy in ", failed.stderr), failed.stderr
    assert "Traceback" not in failed.stderr


def test_a_missing_translation_falls_back_to_english_marked_and_counted(content_copy: Path, tmp_path: Path):
    po = content_copy / "translations" / "de.po"
    with po.open("rb") as f:
        catalog = read_po(f)
    for m in catalog:
        if m.context in (f"practice:{CARD}:summary", f"practice:{CARD}:signals"):
            m.string = ""
    with po.open("wb") as f:
        write_po(f, catalog)
    result = run_playbook("build", "--content", str(content_copy), "--team", TEAM, "--no-pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc, source = page(tmp_path / "site" / TEAM / "practices", f"{CARD}.html")
    marked = [el for el in doc.iter() if "pb-fallback" in (el.get("class") or "").split()]
    assert marked and all(el.get("lang") == "en" for el in marked)
    summary = yaml.safe_load((CONTENT / "practices" / f"{CARD}.yml").read_text("utf-8"))["summary"]
    assert any(" ".join("".join(el.itertext()).split()) == summary for el in marked)
    note = [el for el in doc.iter("p") if "pb-fallback-note" in (el.get("class") or "")]
    assert len(note) == 1 and str(len(marked)) in "".join(note[0].itertext())


@pytest.mark.parametrize("bad", ["library-de", "library-fr"])
def test_library_team_ids_are_refused_by_check(content_copy: Path, tmp_path: Path, bad: str):
    team = content_copy / "teams" / "anz-commercial.yml"
    text = team.read_text("utf-8")
    team.write_text(re.sub(r"^id: .*$", f"id: {bad}", text, count=1, flags=re.M), "utf-8")
    result = run_playbook("check", "--content", str(content_copy), cwd=tmp_path)
    assert result.returncode == 1 and f"team id '{bad}' is reserved" in result.stderr


# --- prep helper's block: the manager edition's one-on-one prep, coaching plans and roster in German -----------

def _article_text(path: Path) -> str:
    """The page's <article> as a reader sees it: text only, whitespace collapsed, the headings' ¶ dropped."""
    doc = html5lib.parse(path.read_text("utf-8"), namespaceHTMLElements=False)
    return " ".join("".join(doc.find(".//article").itertext()).replace("¶", " ").split())


def _served(edition: Path, name: str) -> Path:
    folder = edition / name / "index.html"  # demo_build has folder URLs (--site-url)
    return folder if folder.is_file() else edition / f"{name}.html"


def test_german_prep_and_coaching_plan_pages_are_german(demo_build: Path):
    team = yaml.safe_load((CONTENT / "teams" / f"{TEAM}.yml").read_text("utf-8"))
    edition = demo_build / "site-managers" / TEAM
    owing = next(m for m in team["members"] if any(t.get("mine") for t in m.get("threads", [])))
    thread = next(t for t in owing["threads"] if t.get("mine"))
    slug = re.sub(r"[^a-z0-9]+", "-", owing["name"].lower()).strip("-")

    this_week = _article_text(_served(edition, "this-week"))
    assert re.search(r"^Diese Woche: Woche \d+, \d+\. \w+ ", this_week), this_week[:80]
    assert f"Vorbereitung der Einzelgespräche für {team['name']}, {team['quarter']}, Uhrzeiten in" in this_week
    assert "Ausgedruckt steht jedes Einzelgespräch unten auf einer eigenen Seite." in this_week
    assert re.search(r": (Montag|Dienstag|Mittwoch|Donnerstag|Freitag), \d+\. \w+, \d\d:\d\d Uhr \d+ Minuten, "
                     r"durchgeführt als ", this_week)
    assert "Nächster Schritt (1 von " in this_week and "Fragen Sie: " in this_week
    for english in ("This week: week", "One-on-one prep for", "Printed, each one-on-one", "minutes, run as",
                    "Open threads", "you owe this", "None written down", "Next step (", "Ask: ", "Their goals",
                    "The quarter has not started", "The quarter is over", "working days (built"):
        assert english not in this_week, english

    week = _article_text(_served(edition, "weeks/week-03"))
    assert week.startswith("Woche 3: ") and "Offene Punkte, die ältesten zuerst:" in week
    assert re.search(re.escape(thread["text"]) + r" — Ihre Zusage \(offen seit \d+\. \w+ \d{4}, \d+ (Tage|Wochen|Monate)\)",
                     week), week
    assert "Woche 2" in week and "Woche 4" in week and "Alle Wochen" in week
    for english in ("Week 3:", "you owe this", "open since", "weeks)", "All weeks"):
        assert english not in week, english

    weeks = _article_text(_served(edition, "weeks/index"))
    assert f"Für jede Woche von {team['quarter']} eine Seite mit allen Einzelgesprächen dieser Woche" in weeks
    assert "(diese Woche)" in weeks and "Woche Ab Einzelgespräche" in weeks
    assert "For each week of" not in weeks and "(this week)" not in weeks

    plan = _article_text(_served(edition, f"members/{slug}"))
    since = thread["since"]
    assert (f"Coaching-Plan zwischen {owing['name']} und {team['manager']['name']}. Er steht nur in der Ausgabe "
            "für die Führungskraft: Geben Sie diese Seite nicht weiter.") in plan
    assert re.search(r"Jeden \w+ um \d\d:\d\d Uhr \([^)]+\), \d+ Minuten, durchgeführt als .+\. "
                     r"Der Termin steht in Ihrem Coaching-Kalender\.", plan)
    assert f"Ihre Zusage: {thread['text']} (seit {since:%d.%m.%Y})" in plan
    assert f"Was Sie für {owing['name']} mitbringen:" in plan
    assert "; für das Team: " in plan and re.search(r"\(Nr\. \d+ der Empfehlungen für das Team\)\.", plan)
    assert "Nächster Schritt: " in plan and "Fragen Sie: „" in plan and "alle Coaching-Pläne" in plan
    assert "„Wie kann ich dich diese Woche am besten unterstützen?“" in plan
    for english in ("Coaching plan between", "manager edition", "Every ", "It is in your", "You owe this",
                    "What to bring to it for", "for the team,", "of the team's recommendations", "Next step:",
                    "Ask:", "How can I best serve you", "all coaching plans", "Run it as the card says",
                    f"since {since.isoformat()}"):
        assert english not in plan, english

    roster = _article_text(edition / "people" / "index.html")
    assert (f"{team['name']}: {len(team['members'])} Coaching-Pläne, einer pro Person, alphabetisch. Vertraulich: "
            "Diese Seite steht nur in der Ausgabe für die Führungskraft.") in roster
    assert "# Name Rolle" in roster
    for english in ("coaching plans, one per person", "Private:", "manager edition", "Role"):
        assert english not in roster, english


# --- the calendar in German (calendar helper): calendar pages, the serve week, calendar.ics (helpers: above) ------

def test_german_calendar_pages_serve_week_and_ics_are_german(demo_build: Path):
    team = yaml.safe_load((CONTENT / "teams" / f"{TEAM}.yml").read_text("utf-8"))
    manager = team["manager"]["name"]
    team_edition, manager_edition = demo_build / "site" / TEAM, demo_build / "site-managers" / TEAM
    private = _article_text(_served(manager_edition, "calendar"))
    for german in ("Ihr Kalender: Ihre Einzelgespräche und die für dieses Quartal eingeplanten Praktiken",
                   "Importieren Sie ihn in Outlook (Kalender hinzufügen → Aus Datei hochladen)",
                   "(in Wochen, in denen dieser Tag frei oder voll ist, an einem anderen)", "Einzelgespräch mit ",
                   "die erste Praktik für „", "keine Arbeitstage", "Stunden eingeplant.", "Eingeplant wird ganz oder gar nicht",
                   "kein Platz: Es braucht ", "Coaching-Stunden pro Woche"):
        assert german in private, german
    assert re.search(r"jede Woche, Montag \d\d:\d\d", private) and re.search(r"\(zuerst: \w\w\. \d+\. \w+", private)
    assert re.search(r"Die Woche vom \d+\. Januar: keine Arbeitstage", private)
    for english in ("Your calendar", "Import it in", "every week", "another day in a week", "'s one-on-one", "'s focus",
                    "the first practice for", "no working days", "hours booked", "Booked whole", "no room", "coaching hours",
                    "Holidays or skip days", "all week", "first:"):
        assert english not in private, english
    shared = _article_text(_served(team_edition, "calendar"))
    assert re.search(rf"Einzelgespräche: \d+ in dieser Woche, jedes in Ihrer eigenen Kalendereinladung von {manager}\.",
                     shared)
    assert re.search(r"Diese Woche kein Teamtermin; der nächste ist .+?, am \w+, \d+\. \w+\.", shared)
    assert "oder abonnieren Sie ihn (Outlook: Kalender hinzufügen → Aus dem Web abonnieren;" in shared
    for english in ("One-on-ones:", "No team session", "subscribe to it", "Import it in", "every other week", "once a month"):
        assert english not in shared, english
    serve = _article_text(_served(team_edition, "serve-week"))
    assert re.search(rf"Eine einwöchige Challenge für {manager}, startklar für Woche \d+ von \d{{4}}-Q\d: Montag, \d+\. \w+ "
                     r"bis Freitag, \d+\. \w+ \d{4}\.", serve)
    for german in ("Fragen Sie in den heutigen Einzelgesprächen: ", "Wenn die erste Antwort „nichts, alles gut“ lautet",
                   "Die ganze Karte: ", "Das Prinzip dahinter: "):
        assert german in serve, german
    for english in ("A one-week challenge", "Ask in today", "If the first answer", "The full card", "Its principle",
                    "January"):
        assert english not in serve, english
    icalendar = pytest.importorskip("icalendar")
    calendar = icalendar.Calendar.from_ical((manager_edition / "calendar.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]).endswith(f"Coaching-Kalender {team['quarter']} (Führungskraft)")
    events = list(calendar.walk("VEVENT"))
    descriptions = [str(e["DESCRIPTION"]) for e in events]
    assert any("Die ganze Woche: Fragen Sie in jedem Einzelgespräch „" in d for d in descriptions)
    one_on_ones = [str(e["DESCRIPTION"]) for e in events if str(e["SUMMARY"]).startswith("1:1 mit ")]
    assert one_on_ones and all(d.endswith("Beginnen Sie mit den Zielen der Person, nicht mit Ihrem Bericht.")
                               for d in one_on_ones)
    assert not [d for d in descriptions if any(w in d for w in ("All week", "Run as", "Start with their goals"))]
    assert not [e for e in events if " with " in str(e["SUMMARY"])]
    shared_ics = (team_edition / "calendar.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "Praxiskarte: " in shared_ics and "Practice card" not in shared_ics


# --- pages helper: the German team edition's own sentences (home, recommendations, card grid, scorecards) ---

def _article(root: Path, *parts: str) -> str:
    """The page's article as the reader sees it, whitespace collapsed (served build: folder URLs)."""
    doc, _ = page(root, *parts)
    return " ".join("".join(doc.find(".//article").itertext()).split())


def test_german_pages_team_home_recommendations_card_grid_and_scorecards(demo_build: Path):
    edition = demo_build / "site" / TEAM
    home = _article(edition, "index.html")
    assert "Woche 1: Wie kann ich dich am besten unterstützen? – eine einwöchige Challenge für Lena Hoffmann." in home
    assert "Der Coaching-Kalender: welche Praxis wann, in der Zeitzone Europe/Berlin, bereit zum Import" in home
    assert "a one-week challenge for" not in home and "ready to import into your calendar" not in home
    home_doc, _ = page(edition, "index.html")
    assert {a.get("title") for a in home_doc.iter("a") if a.get("class") == "headerlink"} == {"Link zu diesem Abschnitt"}

    recommendations = _article(edition, "recommendations", "index.html")
    assert "Praktiken, die im Quartal 2027-Q1 am besten zu diesem Team passen, von den 49 im Playbook: " \
           "zuerst die, die bei den Situationen des Teams helfen" in recommendations
    assert "Mit den als Hier anfangen markierten beginnen Sie." in recommendations
    assert "Praktiken stehen in der Kartenübersicht; dort sind diese markiert, und „Für dieses Team“ zeigt nur sie." \
        in recommendations
    for english in ("practices that fit this team best", "are the ones to begin with", "narrows the grid to them"):
        assert english not in recommendations

    grid_doc, _ = page(edition, "practices", "index.html")
    grid = _article(edition, "practices", "index.html")
    assert "Die mit Hier anfangen und Für uns empfohlen markierten Karten sind die dieses Teams; warum, " \
           "steht jeweils in den Empfehlungen." in grid
    assert "are this team's: why each, in" not in grid
    count = next(p for p in grid_doc.iter("p") if "pb-count" in (p.get("class") or "").split())
    assert count.get("data-all") == "".join(count.itertext()) == "Alle 49 Karten werden gezeigt."
    assert count.get("data-some") == "Gezeigt: %(shown)s von 49 Karten."  # the live count's words (playbook.js)
    badges = {a.get("title") for a in grid_doc.iter("a") if "pb-badge" in (a.get("class") or "")}
    assert badges == {"Prinzip", "Situation"}

    scorecards = _article(edition, "scorecards", "index.html")
    assert "Ein gemeinsamer Maßstab dafür, wie ein gutes Gespräch oder ein guter Deal aussieht" in scorecards
    assert "Den Bogen drucken · Als CSV herunterladen" in scorecards
    assert "A shared way to say what good looks like" not in scorecards and "Print the sheet" not in scorecards
    sheet = _article(edition, "scorecards", "sheets", "deal-review", "index.html")
    assert "Zurück zur Scorecard" in sheet and "Back to the scorecard" not in sheet

    header = (edition / "scorecards" / "deal-review.csv").read_bytes().decode("utf-8-sig").split("\r\n")[0]
    assert header == '"Scorecard","Kriterium","Schwach","Solide","Stark","Achten Sie auf",' \
                     '"Bewertung (1 schwach, 2 solide, 3 stark)","Notizen"'
    english_header = (demo_build / "site" / "emea-enterprise" / "scorecards" / "deal-review.csv").read_bytes()
    assert english_header.decode("utf-8-sig").startswith('"Scorecard","Criterion","Weak","Solid","Strong"')

    not_found = _article(edition, "404.html")
    assert "404 – Seite nicht gefunden" in not_found and "Not found" not in not_found
    index, _ = page(demo_build / "site", "index.html")  # the index stays English; the team's name is marked German
    names = {a.get("href"): a for a in index.iter("a")}
    assert names[f"{TEAM}/index.html"].find("span").get("lang") == "de"
    assert names["emea-enterprise/index.html"].find("span") is None
