"""The brand reaches every edition and both indexes: title, palette, logo, favicon (built HTML).

The private cue on a phone, in Chromium: tests/browser/test_branding_browser.py.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import html5lib
import pytest
import yaml
from content_tree import VALID
from helpers import CONTENT, build_file_tree, run_playbook

PLAYBOOK_TITLE = yaml.safe_load((CONTENT / "playbook.yml").read_text("utf-8"))["title"]
TEAMS = {t["id"]: t for t in (yaml.safe_load(p.read_text("utf-8")) for p in sorted((CONTENT / "teams").glob("*.yml")))}


def parse(path: Path):
    return html5lib.parse(path.read_text("utf-8"), namespaceHTMLElements=False)


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def classed(root, tag: str, cls: str) -> list:
    return [el for el in root.iter(tag) if cls in (el.get("class") or "").split()]


# --- the demo build: titles, badge, indexes --------------------------------------------------------

def _title_in(language: str) -> str:
    """The playbook's title as an edition in `language` shows it: from content/translations/<language>.po."""
    if language == "en":
        return PLAYBOOK_TITLE
    from babel.messages.pofile import read_po
    with (CONTENT / "translations" / f"{language}.po").open("rb") as f:
        return next(m.string for m in read_po(f) if m.context == "playbook:playbook:title")


def test_every_team_edition_names_the_playbook_in_its_header_and_tab(demo_build: Path):
    for team_id, team in TEAMS.items():
        german = team.get("language") == "de"
        for root, suffix in (("site", ""), ("site-managers", " — Ausgabe für die Führungskraft" if german
                                                             else " — manager edition")):
            expected = f"{_title_in(team.get('language', 'en'))} · {team['name']}{suffix}"
            for page in ("index.html", "practices/index.html"):
                doc = parse(demo_build / root / team_id / page)
                assert text(classed(doc, "div", "md-header__topic")[0]) == expected, (root, team_id, page)
                assert text(doc.find(".//title")).endswith(expected), (root, team_id, page)
    library = parse(demo_build / "site" / "library" / "index.html")
    assert text(library.find(".//title")) == PLAYBOOK_TITLE


def test_only_manager_editions_carry_the_private_badge(demo_build: Path):
    for team_id in TEAMS:
        for page in ("index.html", "practices/index.html"):
            private = classed(parse(demo_build / "site-managers" / team_id / page), "span", "playbook-private-badge")
            assert [text(b) for b in private] == ["Private"], (team_id, page)
            assert "playbook-private-badge" not in (demo_build / "site" / team_id / page).read_text("utf-8")
    assert "playbook-private-badge" not in (demo_build / "site" / "library" / "index.html").read_text("utf-8")


def _material_favicon() -> bytes:
    material = pytest.importorskip("material")
    return (Path(material.__file__).parent / "templates" / "assets" / "images" / "favicon.png").read_bytes()


def test_indexes_have_the_palette_logo_favicon_and_a_library_row(demo_build: Path):
    for root in ("site", "site-managers"):
        index = demo_build / root / "index.html"
        doc = parse(index)
        icon = [link.get("href") for link in doc.iter("link") if link.get("rel") == "icon"]
        assert icon == ["favicon.png"], root
        assert (demo_build / root / "favicon.png").read_bytes() == _material_favicon()  # no 404 for the tab's icon
        assert "--md-primary-fg-color:#4051b5" in index.read_text("utf-8"), "Material's indigo, the demo's primary"
        header = doc.find(".//header")
        assert any(str(el.tag).endswith("svg") for el in header.iter()), "Material's icon as the logo"
        assert text(header.find(".//h1")).startswith(PLAYBOOK_TITLE)
        description = [m.get("content") for m in doc.iter("meta") if m.get("name") == "description"]
        assert description and description[0], root
    rows = {a.get("href"): text(a) for a in parse(demo_build / "site" / "index.html").iter("a")
            if (a.get("href") or "").endswith("/index.html")}
    assert rows["library/index.html"] == rows["library-de/index.html"] == "Library"  # the Language column tells them apart
    rows = {label: href for href, label in rows.items() if href != "library-de/index.html"}
    assert PLAYBOOK_TITLE not in rows, "the library row is labelled 'Library', not with the playbook's title"
    assert {rows[t["name"]] for t in TEAMS.values()} == {f"{tid}/index.html" for tid in TEAMS}
    managers = {text(a) for a in parse(demo_build / "site-managers" / "index.html").iter("a")}
    assert {f"{t['name']} — manager edition" for t in TEAMS.values()} <= managers


# --- an organisation's own brand ------------------------------------------------------------------

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>\n'
FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><circle cx="2" cy="2" r="2"/></svg>\n'
MKDOCS = """theme:
  palette:
    primary: deep-orange
    accent: teal
  logo: assets/acme-logo.svg
  favicon: assets/acme-favicon.svg
"""


def _team(team_id: str, name: str) -> str:
    return (f"id: {team_id}\nname: {name}\nmanager:\n  name: M\nquarter: 2027-Q1\nsituations: [idea-drought]\n"
            "members:\n  - name: Alex\n    role: AE\n")


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    """A small playbook repository with its own palette, logo and favicon, and teams called 'logos' and 'favicons'
    (the ids 'logo' and 'favicon' themselves are reserved: test_team_files)."""
    files = {**VALID, "mkdocs.yml": MKDOCS,
             "templates/overrides/assets/acme-logo.svg": LOGO,
             "templates/overrides/assets/acme-favicon.svg": FAVICON,
             "content/teams/logos.yml": _team("logos", "Logo Team"),
             "content/teams/favicons.yml": _team("favicons", "Favicon Team")}
    return build_file_tree(tmp_path / "acme", files)


def test_an_organisations_brand_reaches_the_indexes_next_to_editions_of_any_name(acme: Path):
    result = run_playbook("build", cwd=acme)
    assert result.returncode == 0, result.stdout + result.stderr
    site = acme / "site"
    assert (site / "logo.svg").read_text("utf-8") == LOGO and (site / "favicon.svg").read_text("utf-8") == FAVICON
    assert (site / "logos" / "index.html").is_file() and (site / "favicons" / "index.html").is_file()
    index = (site / "index.html").read_text("utf-8")
    assert '<link rel="icon" href="favicon.svg">' in index and '<img src="logo.svg"' in index
    assert "--md-primary-fg-color:#ff6e42" in index, "Material's deep-orange"
    manifest = json.loads((site / ".playbook-manifest.json").read_text("utf-8"))
    assert manifest["brand"] == {name: hashlib.sha256((site / name).read_bytes()).hexdigest()
                                 for name in ("favicon.svg", "logo.svg")}
    home = parse(site / "logos" / "index.html")
    assert text(classed(home, "div", "md-header__topic")[0]) == "Test playbook · Logo Team"

    # the logo changes format: the old file, ours, goes; a no-op rebuild leaves everything as it is
    (acme / "templates/overrides/assets/acme-logo.svg").unlink()
    (acme / "templates/overrides/assets/acme-logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 32)
    (acme / "mkdocs.yml").write_text(MKDOCS.replace("acme-logo.svg", "acme-logo.png"), "utf-8")
    assert run_playbook("build", cwd=acme).returncode == 0
    assert not (site / "logo.svg").exists() and (site / "logo.png").is_file()
    assert '<img src="logo.png"' in (site / "index.html").read_text("utf-8")


def test_a_favicon_the_build_did_not_write_is_never_overwritten(acme: Path):
    web_root = acme / "site"
    web_root.mkdir()
    (web_root / "favicon.svg").write_text("<svg>the web server's own</svg>", "utf-8")
    result = run_playbook("build", cwd=acme)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (web_root / "favicon.svg").read_text("utf-8") == "<svg>the web server's own</svg>"
    warning = next(line for line in result.stderr.splitlines() if "favicon.svg" in line)
    assert ": warning: " in warning and "not written by playbook build" in warning
    assert 'href="favicon.svg"' not in (web_root / "index.html").read_text("utf-8")
    assert (web_root / "logo.svg").read_text("utf-8") == LOGO, "the logo, not in the way, is still written"
    (web_root / "favicon.svg").unlink()
    run_playbook("build", "--force", cwd=acme)
    assert (web_root / "favicon.svg").read_text("utf-8") == FAVICON
