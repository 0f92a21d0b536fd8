"""People's data is safe: hostile values stay text, editions stay apart, private fields stay private.

One real build (session-scoped) of tests/hostile/content plus three generated
teams carrying every value of tests/hostile/values.yml; every check parses the
built HTML as a browser would (html5lib), never only greps.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import html5lib
import pytest
import yaml
from conftest import require_engine
from helpers import HOSTILE, REPO, all_files, engine_of, readable_text, run_playbook, search_entries

VALUES: list[str] = yaml.safe_load((HOSTILE / "values.yml").read_text("utf-8"))
SAFE_SCHEMES = {"", "http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"}
# Non-default output folders, so the build is seen to write only where it is told.
SITE = "out/public"
MANAGERS = "private/managers"
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base", "applet", "marquee"}


def norm(text: str) -> str:
    """What a value looks like once shown: whitespace collapsed, as the renderer does."""
    return " ".join(text.split())


def _teams() -> list[dict]:
    """Three teams: one carrying every hostile value, two with plain data to keep apart."""
    n = len(VALUES)
    alpha = {
        "id": "hostile-a", "name": VALUES[0], "manager": {"name": VALUES[2], "coaching_hours_per_week": 12},
        "quarter": "2027-Q1", "one_on_ones": {"minutes": 15, "every": "biweekly"},  # 47 people: room for more
        "situations": ["hostile-situation"], "goals": VALUES, "metrics": {"hostile_public": 3, "hostile_private": 1.5},
        "members": [{
            "name": value, "id": f"m{i}", "role": VALUES[(i + 1) % n],
            "goals": [f"Qzalpha private goal {i}: {value}"], "strengths": [f"Qzalpha strength {i}"],
            "focus": ["hostile-practice"], "notes": f"Qzalpha private note {i}: {value}", "tenure_months": 7,
            "threads": [{"text": f"Qzalpha private thread {i}: {value}", "since": f"2026-11-{1 + i % 28:02d}",
                         "mine": i % 2 == 0}],
            "employee_id": f"Qzalpha-emp-{i} {value}"[:100],  # private, like every field but name and role
        } for i, value in enumerate(VALUES)],
    }
    bravo = {
        "id": "hostile-b", "name": VALUES[2], "manager": {"name": "Qzbravo Manager Person"}, "quarter": "2027-Q2",
        "situations": ["hostile-situation"], "goals": ["Qzbravo team goal one", "Qzbravo team goal two"],
        "members": [{
            "name": f"Qzbravo Member {i}", "role": f"Qzbravo Role {i}", "goals": [f"Qzbravo private goal {i}"],
            "strengths": [f"Qzbravo strength {i}"], "notes": f"Qzbravo private note {i}", "focus": ["hostile-practice"],
            "threads": [{"text": f"Qzbravo private thread {i}", "since": "2026-12-01"}],
            "one_on_one": {"day": "friday", "time": "11:00", "every": "biweekly"},
        } for i in range(3)],
    }
    charlie = {
        "id": "hostile-c", "name": "{{ 7*7 }} &amp; <!-- c --> </title> Qzcharlie", "manager": {"name": "Qzcharlie Lead"},
        "quarter": "2027-Q3", "situations": ["hostile-situation"], "goals": ["Qzcharlie goal"],
        "members": [{"name": "Qzcharlie Member", "role": "Qzcharlie Role", "notes": "Qzcharlie private note"}],
    }
    # a German team: its editions are translated (from the hostile catalogue) and its sentences worded in
    # German (plan's messages, filled with its hostile numbers, goals and names)
    delta = {
        "id": "hostile-d", "name": VALUES[3 % n], "manager": {"name": VALUES[4 % n]}, "quarter": "2027-Q1",
        "language": "de", "situations": ["hostile-situation"], "goals": VALUES[:6],
        "metrics": {"hostile_public": 12500, "hostile_private": 1},
        "members": [{
            "name": f"Qzdelta Member {i} {value}"[:100], "role": VALUES[(i + 2) % n], "goals": [f"Qzdelta private goal {i}: {value}"],
            "focus": ["hostile-practice"], "notes": f"Qzdelta private note {i}", "tenure_months": 40,
            "threads": [{"text": f"Qzdelta private thread {i}: {value}", "since": "2026-11-20", "mine": i % 2 == 0}],
        } for i, value in enumerate(VALUES[:4])],
    }
    return [alpha, bravo, charlie, delta]


TEAMS = _teams()


@pytest.fixture(scope="session", params=["mkdocs", "zensical"])
def hostile_build(request, tmp_path_factory) -> Path:
    """tests/hostile/content plus the generated teams, built once per engine with the real CLI.

    Zensical renders Material's templates (and our overrides of them) with its own engine:
    the same guarantees must hold there.
    """
    engine = request.param
    if engine != "mkdocs":
        require_engine(engine)
    work = tmp_path_factory.mktemp(f"hostile-{engine}")
    content = work / "content"
    shutil.copytree(HOSTILE / "content", content)
    (content / "teams").mkdir()
    for team in TEAMS:
        (content / "teams" / f"{team['id']}.yml").write_text(yaml.safe_dump(team, allow_unicode=True), "utf-8")
    translate_hostile(content, work)
    (work / "tmp").mkdir()
    result = run_playbook("build", "--content", str(content), "--engine", engine, "--out", SITE, "--managers-out", MANAGERS, cwd=work,
                          env={"TMPDIR": str(work / "tmp")})
    assert result.returncode == 0, result.stdout + result.stderr
    return work


# A German library edition (library-de/: the hostile playbook.yml's `languages`) whose catalogue, written by `playbook translations extract`, is
# filled by a hostile translator: every entry's msgstr is one of VALUES, in turn. Each must stay text, through
# md_text for a Text field and the prose sanitiser for a Prose field, exactly like the field it translates.
GERMAN = "library-de"


def translate_hostile(content: Path, work: Path) -> dict[tuple[str, str], str]:
    from babel.messages.pofile import read_po, write_po

    result = run_playbook("translations", "extract", "--content", str(content), "--lang", "de", cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    po = content / "translations" / "de.po"
    with po.open("rb") as f:
        catalog = read_po(f)
    given = {}
    for i, message in enumerate(m for m in catalog if m.id):
        message.string = given[(message.context, message.id)] = VALUES[i % len(VALUES)]
    with po.open("wb") as f:
        write_po(f, catalog)
    return given


def parse(path: Path):
    return html5lib.parse(path.read_text("utf-8"), namespaceHTMLElements=False)


def text(element, skip_classes: tuple[str, ...] = ("headerlink",)) -> str:
    """The visible text of an element, leaving out permalink anchors."""
    parts: list[str] = []

    def walk(el) -> None:
        if set((el.get("class") or "").split()) & set(skip_classes):
            if el.tail:
                parts.append(el.tail)
            return
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if el.tail and el is not element:
            parts.append(el.tail)

    walk(element)
    return norm("".join(parts))


def find_all(root, tag: str, cls: str | None = None) -> list:
    return [el for el in root.iter(tag) if cls is None or cls in (el.get("class") or "").split()]


def webcal_feed(value: str) -> str | None:
    """What ics.subscribe_url makes of the edition URL in `value`, for a calendar.ics link."""
    from playbook_gen.plan.calendar.ics import subscribe_url
    if not value.endswith("/calendar.ics"):
        return None
    return subscribe_url("https://" + value.removeprefix("webcal://").removesuffix("calendar.ics"))


def injected(root) -> list[str]:
    """Anything in a parsed document that data could have smuggled in as markup or code."""
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in FORBIDDEN_TAGS:
            found.append(f"<{el.tag}> element")
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"<{el.tag} {name}={value!r}>")
            if name.lower() in URL_ATTRIBUTES:
                scheme = urlparse("".join(value.split()).lower()).scheme
                # webcal: only the calendar page's own subscribe link (ics.subscribe_url), nothing from data
                if scheme not in SAFE_SCHEMES and not (scheme == "webcal" and value == webcal_feed(value)):
                    found.append(f"<{el.tag} {name}={value!r}>: unsafe URL")
        if el.tag in ("script", "style") and "alert(" in (el.text or ""):
            found.append(f"<{el.tag}> holding data: {el.text[:60]!r}")
        if el.tag == "img" and el.get("src") == "x":
            found.append("<img src=x>")
    return found


def build_managers(build: Path) -> Path:
    return build / MANAGERS


def edition_dirs(build: Path) -> list[Path]:
    return [p for root in (SITE, MANAGERS) for p in sorted((build / root).iterdir()) if p.is_dir()]


def test_corpus_is_large_enough():
    assert len(VALUES) >= 30
    assert len(set(VALUES)) == len(VALUES)


def test_no_markup_or_code_injected_in_any_page(hostile_build: Path):
    pages = [p for p in all_files(hostile_build) if p.suffix == ".html"]
    assert len(pages) > 100
    problems = {str(p.relative_to(hostile_build)): found for p in pages if (found := injected(parse(p)))}
    assert problems == {}


PLAYBOOK_TITLE = yaml.safe_load((HOSTILE / "content" / "playbook.yml").read_text("utf-8"))["title"]


def site_name(team: dict, private: bool = False, build: Path | None = None) -> str:
    """What the header and tab show: the playbook's title, then the team (branding.edition_title); a German
    team's in German, its title the hostile translator's."""
    if team.get("language") == "de" and build is not None:
        from babel.messages.pofile import read_po

        from playbook_gen.i18n.strings import gettext

        with (build / "content" / "translations" / "de.po").open("rb") as f:
            title = next(m.string for m in read_po(f) if m.context == "playbook:playbook:title")
        return f"{title} · {team['name']}" + (gettext("de", " — manager edition") if private else "")
    return f"{PLAYBOOK_TITLE} · {team['name']}" + (" — manager edition" if private else "")


def test_site_name_is_text_in_header_logo_nav_and_title(hostile_build: Path):
    for team in TEAMS:
        for root, site_name_ in ((SITE, site_name(team, build=hostile_build)),
                                 (MANAGERS, site_name(team, private=True, build=hostile_build))):
            doc = parse(hostile_build / root / team["id"] / "index.html")
            title = text(doc.find(".//title"))
            if engine_of(hostile_build, SITE) == "zensical":  # it titles the home page "<page title> - <site name>"
                title = title[title.index(" - ") + 3:] if title.startswith(norm(team["name"]) + " - ") else title
            assert title == norm(site_name_)
            topics = find_all(doc, "div", "md-header__topic")
            assert text(topics[0]) == norm(site_name_)
            for logo in find_all(doc, "a", "md-logo"):
                assert logo.get("aria-label") == site_name_ and logo.get("title") == site_name_
            drawer = find_all(doc, "label", "md-nav__title")[0]
            assert text(drawer) == norm(site_name_)
            assert text(doc.find(".//article//h1")) == norm(team["name"])


def test_team_values_are_text_on_the_team_home(hostile_build: Path):
    team = TEAMS[0]
    doc = parse(hostile_build / SITE / team["id"] / "index.html")
    article = doc.find(".//article")
    items = {text(li) for li in article.iter("li")}
    cells = {text(td) for td in article.iter("td")}
    assert [v for v in VALUES if norm(v) not in items] == []  # the team's goals
    assert [v for v in VALUES if norm(v) not in cells] == []  # member names and roles
    assert f"Manager: {norm(team['manager']['name'])} · Quarter: 2027-Q1" in {text(p) for p in article.iter("p")}


def test_member_names_are_text_in_page_title_heading_and_roster(hostile_build: Path):
    team = TEAMS[0]
    edition = hostile_build / MANAGERS / team["id"]
    shown = norm(site_name(team, private=True))
    roster = parse(edition / "people" / "index.html")  # member pages are linked from the roster, not the nav
    roster_links = {text(a) for a in roster.find(".//article").iter("a")}
    for member in team["members"]:
        doc = parse(edition / "members" / member["id"] / "index.html")
        name = norm(member["name"])
        assert text(doc.find(".//title")) == f"{name} - {shown}"
        assert text(doc.find(".//article//h1")) == name
        assert text(find_all(doc, "div", "md-header__topic")[1]) == name
        assert name in roster_links, f"roster link for {member['id']}"
        paragraphs = {text(p) for p in doc.find(".//article").iter("p")}
        assert norm(member["notes"]) in paragraphs


def test_search_index_holds_text_not_markup(hostile_build: Path):
    for edition in edition_dirs(hostile_build):
        shown = []
        for doc in search_entries(edition, engine_of(hostile_build, SITE)):
            for key in ("title", "text"):
                fragment = html5lib.parseFragment(doc[key], namespaceHTMLElements=False)
                assert injected(fragment) == [], (edition.name, doc["location"], key)
                shown.append(text(fragment))
        if edition.parent == build_managers(hostile_build) and edition.name == "hostile-a":
            everything = " ".join(shown)
            assert [v for v in VALUES if norm(v) not in everything] == []


def test_hostile_translations_are_text_in_the_german_edition(hostile_build: Path):
    """Every msgstr of a Text field shows as exactly the text the translator wrote; none is markup."""
    from babel.messages.pofile import read_po

    with (hostile_build / "content" / "translations" / "de.po").open("rb") as f:
        given = {m.context: [] for m in read_po(f) if m.id}
    with (hostile_build / "content" / "translations" / "de.po").open("rb") as f:
        for m in read_po(f):
            if m.id:
                given[m.context].append(norm(m.string))
    doc = parse(hostile_build / SITE / GERMAN / "practices" / "hostile-practice" / "index.html")
    assert injected(doc) == []
    article = doc.find(".//article")
    assert text(article.find(".//h1")) == given["practice:hostile-practice:title"][0]
    items = {text(li) for li in article.iter("li")}
    for field in ("steps", "questions", "signals", "red_flags"):
        assert [v for v in given[f"practice:hostile-practice:{field}"] if v not in items] == [], field
    shown = text(article)
    for field in ("summary", "say_instead.says", "say_instead.hears", "say_instead.instead"):
        assert given[f"practice:hostile-practice:{field}"][0] in shown, field
    assert "pb-fallback" not in (hostile_build / SITE / GERMAN / "practices" / "hostile-practice" / "index.html"
                                 ).read_text("utf-8")  # every entry is translated: nothing fell back


def test_edition_indexes_show_names_as_text(hostile_build: Path):
    for root in (SITE, MANAGERS):
        doc = parse(hostile_build / root / "index.html")
        assert injected(doc) == []
        links = {a.get("href"): text(a) for a in doc.iter("a")}
        for team in TEAMS:
            name = norm(team["name"]) if root == SITE else norm(f"{team['name']} — manager edition")
            assert links[f"{team['id']}/index.html"] == name


def test_no_private_field_anywhere_under_site(hostile_build: Path):
    markers = ["private goal", "private note", "private thread", "strength", "Qzalpha", "Qzalpha-emp"]
    leaks = [(str(p.relative_to(hostile_build)), m) for p in all_files(hostile_build / SITE)
             for m in markers if m in readable_text(p)]
    assert leaks == []
    managers = "\n".join(readable_text(p) for p in all_files(hostile_build / MANAGERS))
    assert "Qzalpha private note 3" in managers and "Qzbravo private goal 1" in managers
    assert "Qzalpha private thread 2" in managers and "Qzbravo private thread 1" in managers  # the 1:1 prep pages


HOSTILE_SAYS = ("3 <img src=x onerror=alert('says')> {: onclick=alert(1) } [x](javascript:alert(1)) {{ 7*7 }} "
                "{0.__class__} {value!r} *em*")


def test_evidence_lines_are_text_and_private_ones_stay_in_the_manager_edition(hostile_build: Path):
    for root in (SITE, MANAGERS):
        doc = parse(hostile_build / root / "hostile-a" / "index.html")
        items = {text(li) for li in doc.find(".//article").iter("li")}
        assert HOSTILE_SAYS in items, root  # only {value} was replaced, everything else is the text written
        private = "Qzprivate evidence 1.5 <script>alert('private')</script>"
        assert (private in items) == (root == MANAGERS), root
        cells = {text(td) for td in doc.find(".//article").iter("td")}  # the team's numbers, label and unit as text
        assert {"<script>alert('label')</script> {: onclick=alert(1) }", "3 [u](javascript:alert(1))"} <= cells
        assert ("Qzprivate metric" in cells) == (root == MANAGERS), root
    leaks = [str(p.relative_to(hostile_build)) for p in all_files(hostile_build / SITE) if "Qzprivate" in readable_text(p)]
    assert leaks == []


def _strings(team: dict) -> set[str]:
    found = {team["name"], team["manager"]["name"], *team["goals"]}
    for member in team["members"]:
        found |= {member["name"], member["role"], *member.get("goals", []), *member.get("strengths", [])}
        if member.get("notes"):
            found.add(member["notes"])
        found |= {thread["text"] for thread in member.get("threads", [])}
    return {norm(s) for s in found}


def test_one_edition_never_contains_another_teams_data(hostile_build: Path):
    # (the libraries show the content, English and German: the hostile translator wrote team-like values)
    library = "\n".join(readable_text(p) for lib in ("library", GERMAN) for p in all_files(hostile_build / SITE / lib))
    for team in TEAMS:
        own = _strings(team)
        others = set().union(*(_strings(t) for t in TEAMS if t is not team)) - own
        others = {s for s in others if s not in library}
        assert len(others) >= 5
        for root in (SITE, MANAGERS):
            for path in all_files(hostile_build / root / team["id"]):
                body = norm(readable_text(path))
                assert [s for s in others if s in body] == [], path.relative_to(hostile_build)


# Material partials overridden only to add escaping (other overrides may change more).
ESCAPING_PARTIALS = ("content.html", "footer.html", "header.html", "nav-item.html", "nav.html", "path-item.html",
                     "tabs-item.html", "toc-item.html")
_SENSITIVE = re.compile(r"\{\{-?\s*((?:config\.site_\w+|page\.title|page\.meta\.\w+|nav_item\.title|"
                        r"toc_item\.title|ref\.title|page\.(?:previous|next)_page\.title|config\.copyright)"
                        r"(?:\s*\|\s*\w+(?:\([^)]*\))?)*)\s*-?\}\}")


def test_no_bundled_override_prints_a_name_or_title_unescaped():
    found = []
    for path in sorted((REPO / "templates" / "overrides").rglob("*.html")):
        for expression in _SENSITIVE.findall(path.read_text("utf-8")):
            filters = [f.strip().split("(")[0] for f in expression.split("|")[1:]]
            if not (filters and filters[-1] in ("e", "escape", "urlencode", "tojson")):
                found.append(f"{path.name}: {{{{ {expression} }}}}")
    assert found == []


def test_bundled_overrides_are_materials_own_partials_plus_escaping():
    """A Material upgrade that changes a partial we override must be noticed, not silently masked."""
    material = pytest.importorskip("material")
    upstream_root = Path(material.__file__).resolve().parent / "templates"
    ours_root = REPO / "templates" / "overrides"

    def normalise(source: str) -> str:
        source = re.sub(r"\A\{#-.*?-#\}\n", "", source, flags=re.S)  # header comment
        # our additions, each between "{#- playbook-gen: … -#}" and "{#- /playbook-gen -#}" (the private badge)
        source = re.sub(r"[ \t]*\{#- playbook-gen:.*?\{#- /playbook-gen -#\}\n", "", source, flags=re.S)
        source = re.sub(r"\s*\|\s*(striptags|e)\b", "", source)
        # Engine compatibility, not drift: Zensical registers Material's search plugin as "search".
        source = re.sub(r"[ \t]*\{#- MkDocs registers Material's search.*?-#\}\n[ \t]*\{% set search_plugin = .*?%\}\n",
                        "", source)
        source = source.replace("search_plugin in config.plugins", '"material/search" in config.plugins')
        source = source.replace("{% if config.plugins.rss and config.plugins.rss.config != [] %}",
                                '{% if "rss" in config.plugins %}')  # Zensical always has an (empty) rss entry
        source = source.replace("config.plugins[search_plugin]", 'config.plugins["material/search"]')
        source = source.replace("{% if page.title %}{{ page.title }}{% else %}{{ config.site_name }}{% endif %}",
                                "{{ page.title | d(config.site_name, true)}}")
        return source

    for name in ESCAPING_PARTIALS:
        ours = ours_root / "partials" / name
        upstream = upstream_root / "partials" / name
        assert upstream.is_file(), f"Material no longer has partials/{ours.name}"
        assert normalise(ours.read_text("utf-8")) == normalise(upstream.read_text("utf-8")), ours.name
    base = normalise((upstream_root / "base.html").read_text("utf-8"))
    main = (ours_root / "main.html").read_text("utf-8")
    for name, body in re.findall(r"\{% block (\w+) %\}(.*?)\{% endblock %\}", main, flags=re.S):
        if "super()" in body:  # renders Material's own block (the stemmed-search worker's address swapped in)
            continue
        upstream_block = re.search(r"\{% block " + name + r" %\}(.*?)\{% endblock %\}", base, flags=re.S)
        assert upstream_block, f"Material's base.html has no block {name}"
        assert normalise(body).split() == upstream_block.group(1).split(), name


HOSTILE_SCORECARD = yaml.safe_load((HOSTILE / "content" / "scorecards" / "hostile-scorecard.yml").read_text("utf-8"))


def test_scorecard_csv_opens_in_a_spreadsheet_as_text_never_formulas(hostile_build: Path):
    """Every cell a spreadsheet would evaluate (=, +, -, @, a tab or CR first) is kept as text by a leading
    apostrophe, in every edition's copy; the values themselves are all there, whitespace collapsed."""
    import csv
    import io

    copies = [edition / "scorecards" / "hostile-scorecard.csv" for edition in edition_dirs(hostile_build)]
    assert len(copies) >= 7 and all(path.is_file() for path in copies)  # the library(ies) and three teams' two editions
    for path in copies:
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), path
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert len(rows) == 1 + len(HOSTILE_SCORECARD["criteria"]), path
        assert [cell for row in rows for cell in row if cell and cell[0] in "=+-@\t\r"] == [], path
    raw = (hostile_build / SITE / "library" / "scorecards" / "hostile-scorecard.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    written = [norm(value) for c in HOSTILE_SCORECARD["criteria"] for value in c.values()]
    shown = [cell.removeprefix("'") for row in rows[1:] for cell in row[1:6]]
    assert sorted(shown) == sorted(written)
    assert rows[1][0] == "'" + norm(HOSTILE_SCORECARD["title"])


def test_scorecard_page_and_sheet_show_the_values_as_text(hostile_build: Path):
    library = hostile_build / SITE / "library" / "scorecards"
    page = parse(library / "hostile-scorecard" / "index.html").find(".//article")
    assert [text(h) for h in page.iter("h3")] == [norm(c["name"]) for c in HOSTILE_SCORECARD["criteria"]]
    sheet = parse(library / "sheets" / "hostile-scorecard" / "index.html").find(".//article")
    cells = {text(td) for td in sheet.iter("td")}
    assert {norm(c[level]) for c in HOSTILE_SCORECARD["criteria"] for level in ("weak", "solid", "strong")} <= cells


def test_calendar_holds_team_names_as_text(hostile_build: Path):
    icalendar = pytest.importorskip("icalendar")
    for team in TEAMS:
        path = hostile_build / SITE / team["id"] / "calendar.ics"
        if not path.is_file():
            pytest.skip("no calendar.ics in this build")
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        name = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1),
                      calendar.get("X-WR-CALNAME").to_ical().decode())
        assert name.startswith(team["name"] + " ")
        events = list(calendar.walk("VEVENT"))
        assert events
        for event in events:
            assert set(event.keys()) <= {"UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION",
                                         "CATEGORIES", "URL", "RRULE", "LOCATION", "TRANSP", "SEQUENCE", "STATUS"}


def test_build_writes_only_into_its_output_folders(hostile_build: Path):
    """Nothing beside --out and --managers-out; content untouched; temporary folders cleaned up."""
    written = sorted(str(p.relative_to(hostile_build)) for p in hostile_build.rglob("*")
                     if p.is_file() and not p.is_relative_to(hostile_build / "content"))
    outside = [p for p in written if not (p.startswith(SITE + "/") or p.startswith(MANAGERS + "/"))]
    assert outside == []
    assert not any((hostile_build / "tmp").iterdir())
    for source in (HOSTILE / "content").rglob("*"):
        if source.is_file():
            assert (hostile_build / "content" / source.relative_to(HOSTILE / "content")).read_bytes() == source.read_bytes()
    generated = {p.name for p in (hostile_build / "content").rglob("*") if p.is_file()}
    shipped = {p.name for p in (HOSTILE / "content").rglob("*") if p.is_file()}
    assert generated - shipped == {f"{t['id']}.yml" for t in TEAMS} | {"de.po"}  # the fixture wrote those


def test_prose_keeps_safe_links_working_and_drops_the_rest(hostile_build: Path):
    page = hostile_build / SITE / "library" / "principles" / "hostile-principle" / "index.html"
    article = parse(page).find(".//article")
    links = {text(a): a.get("href") for a in article.iter("a") if "headerlink" not in (a.get("class") or "")}
    assert links["an https link"] == "https://example.com/ok"
    assert links["a mail link"] == "mailto:coach@example.com"
    # the same hrefs from every engine (Zensical reads links relative to the source file: prose.py re-bases them)
    assert links["a relative link"] == "../../situations/"
    target, _, fragment = links["a page link"].partition("#")
    assert target == "../../situations/hostile-situation/" and fragment == "why-it-happens"
    assert (page.parent / target / "index.html").resolve().is_file()
    for dropped in ("js link", "JS mixed case", "data link", "vbscript", "reference link", "an image"):
        assert not any(label.startswith(dropped) for label in links), dropped
    shown = text(article)
    assert "{: onmouseover=" in shown and "<img src=x" in shown  # attribute list and raw HTML shown as text


@pytest.mark.parametrize("engine, directory_urls, page_link, url_link, deck", [
    ("mkdocs", True, "../../situations/x/#y", "../../situations/", "../practice-deck.pdf"),
    ("properdocs", True, "../../situations/x/#y", "../../situations/", "../practice-deck.pdf"),
    # Zensical reads raw-HTML links relative to the source file and re-bases them itself
    ("zensical", True, "../situations/x/#y", "../situations/", "practice-deck.pdf"),
    # offline editions (file://) have file URLs: every link names a file
    ("mkdocs", False, "../situations/x.html#y", "../situations/index.html", "practice-deck.pdf"),
    ("zensical", False, "../situations/x.html#y", "../situations/index.html", "practice-deck.pdf"),
])
def test_raw_html_links_are_written_for_the_engine_and_url_style(engine, directory_urls, page_link, url_link, deck):
    """Links the generator writes as raw HTML (prose, the deck PDF) lead to the same page however the site is built."""
    from playbook_gen.engines import get
    from playbook_gen.prose import LinkStyle, href_to, render

    style = LinkStyle(get(engine).source_relative_links, directory_urls)
    body, dropped = render("[a](../situations/x.md#y) and [b](../../situations/)", "principles/p.md", style)
    assert dropped == []
    assert re.findall(r'href="([^"]*)"', body) == [page_link, url_link]
    assert href_to("practice-deck.pdf", "deck.md", style) == deck
