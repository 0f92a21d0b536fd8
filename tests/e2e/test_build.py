"""End-to-end: the demo content built by the real CLI, checked as a user would."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import yaml
from helpers import CONTENT, all_files, engine_of, readable_text, run_playbook, search_entries, search_index


def _teams() -> list[dict]:
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted((CONTENT / "teams").glob("*.yml"))]


def test_every_edition_is_published_with_its_pages(engine_build: Path):
    site, managers = engine_build / "site", engine_build / "site-managers"
    engine = engine_of(engine_build)
    teams = _teams()
    libraries = ["library", *(f"library-{lang}" for lang in yaml.safe_load(
        (CONTENT / "playbook.yml").read_text("utf-8")).get("languages", []))]  # one per language (library-de)
    assert sorted(p.name for p in site.iterdir() if p.is_dir()) == sorted([*libraries, *[t["id"] for t in teams]])
    assert sorted(p.name for p in managers.iterdir() if p.is_dir()) == sorted(t["id"] for t in teams)
    for edition in [*(site / name for name in libraries), *[site / t["id"] for t in teams],
                    *[managers / t["id"] for t in teams]]:
        for page in ("index.html", "404.html", "sitemap.xml",
                     "practices/index.html", "principles/index.html", "situations/index.html"):
            assert (edition / page).is_file(), f"{edition.name}: missing {page}"
        assert search_index(edition, engine).is_file(), f"{edition.name}: no {engine} search index"
        assert list((edition / "assets").rglob("*.css")), f"{edition.name}: no theme assets of its own"
    for practice in (CONTENT / "practices").glob("*.yml"):
        assert (site / "library" / "practices" / practice.stem / "index.html").is_file()
    for team in teams:
        home = readable_text(site / team["id"] / "index.html")
        assert team["name"] in home and team["manager"]["name"] in home
        for goal in team["goals"]:
            assert goal in home
        for member in team["members"]:
            assert member["name"] in home and member["role"] in home
            slug = member.get("id") or re.sub(r"[^a-z0-9]+", "-", member["name"].lower()).strip("-")
            plan = readable_text(managers / team["id"] / "members" / slug / "index.html")
            assert member["name"] in plan and all(goal in plan for goal in member.get("goals", []))
            if member.get("notes"):
                assert " ".join(member["notes"].split()) in plan


def test_indexes_link_every_edition(engine_build: Path):
    demo_build = engine_build
    index = readable_text(demo_build / "site" / "index.html")
    for team in _teams():
        assert f'href="{team["id"]}/index.html"' in index and team["name"] in index
    assert 'href="library/index.html"' in index
    private = readable_text(demo_build / "site-managers" / "index.html")
    assert all(f'href="{t["id"]}/index.html"' in private for t in _teams()) and 'href="library/' not in private
    assert "private" in (demo_build / "site-managers" / "README.txt").read_text().lower()
    for root in ("site", "site-managers"):  # files, not folders: opened from disk, a folder shows a file listing
        for href in re.findall(r'href="([^"#]+)"', (demo_build / root / "index.html").read_text("utf-8")):
            assert (demo_build / root / href).is_file(), f"{root}/index.html links to {href}"


def _private_strings() -> list[str]:
    found = []
    for team in _teams():
        for member in team["members"]:
            found += member.get("goals", []) + member.get("strengths", [])
            if member.get("notes"):
                found.append(" ".join(member["notes"].split()))
    return [s for s in found if len(s) > 12]


def test_no_private_field_anywhere_under_site(engine_build: Path):
    """Every file, the engine's own search index (search.json or search/search_index.json) included."""
    demo_build = engine_build
    private = _private_strings()
    assert private, "the demo teams should carry private fields to protect"
    leaks = [(str(p.relative_to(demo_build)), s) for p, text in
             ((p, readable_text(p)) for p in all_files(demo_build / "site")) for s in private if s in text]
    assert leaks == []
    everything = "\n".join(readable_text(p) for p in all_files(demo_build / "site-managers"))
    assert all(s in everything for s in private), "the manager editions must carry the private fields"


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source") and attrs.get("src"):
            self.urls.append(attrs["src"])
        fetched = {"stylesheet", "preload", "icon", "modulepreload", "manifest", "preconnect"}
        if tag == "link" and attrs.get("href") and set((attrs.get("rel") or "").split()) & fetched:
            self.urls.append(attrs["href"])


def test_nothing_is_loaded_from_another_host(engine_build: Path):
    demo_build = engine_build
    external = []
    for path in all_files(demo_build):
        if path.suffix == ".html":
            parser = _Resources()
            page = path.read_text("utf-8")
            parser.feed(page)
            assert "fonts.googleapis.com" not in page, path
            external += [(path.name, u) for u in parser.urls if urlparse(u).scheme in ("http", "https") or u.startswith("//")]
        elif path.suffix == ".css":
            css = path.read_text("utf-8")
            external += [(path.name, u) for u in re.findall(r"(?:url\(|@import\s+)['\"]?((?:https?:)?//[^'\")\s]+)", css)]
    assert external == []


def test_build_is_strict_clean(tmp_path: Path):
    """A page linking to a missing page is a strict-mode warning, so the build must fail on it."""
    from helpers import build_file_tree
    templates = build_file_tree(tmp_path, {
        "templates/pages/situations-index.md.j2": "# Situations\n\n[missing](nowhere.md)\n",
    })
    result = run_playbook("build", "--content", str(CONTENT), cwd=templates)
    assert result.returncode == 1
    assert "nowhere.md" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "library").exists()


def test_bad_content_gives_one_line_per_problem_and_exit_1(content_copy: Path, tmp_path: Path):
    practice = content_copy / "practices" / sorted(p.name for p in (content_copy / "practices").glob("*.yml"))[0]
    lines = practice.read_text("utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("minutes:"))
    lines[index] = "minutes: thirty"
    practice.write_text("\n".join(lines) + "\n", "utf-8")
    for command in ("check", "build"):
        result = run_playbook(command, "--content", str(content_copy), cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert f"content/practices/{practice.name}:{index + 1}:10: error: 'minutes' must be a whole number" in result.stderr
    assert not (tmp_path / "site").exists()


def test_cli_basics(tmp_path: Path):
    from playbook_gen import __version__
    version = run_playbook("--version", cwd=tmp_path)
    assert version.returncode == 0 and __version__ in version.stdout
    check = run_playbook("check", "--content", str(CONTENT), cwd=tmp_path)
    assert check.returncode == 0 and check.stdout.splitlines()[-1].startswith("ok:")  # after each language's line
    usage = run_playbook("build", "--no-such-option", cwd=tmp_path)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    unknown_team = run_playbook("build", "--content", str(CONTENT), "--team", "nobody-here", cwd=tmp_path)
    assert unknown_team.returncode == 2 and "nobody-here" in unknown_team.stderr


def test_check_says_when_it_checks_the_bundled_demo_and_bad_epochs_are_usage_errors(tmp_path: Path):
    demo = run_playbook("check", cwd=tmp_path)
    assert demo.returncode == 0 and "bundled demo" in demo.stderr
    for value, code in (("soon", 2), ("", 0)):
        result = run_playbook("build", "--content", str(CONTENT), "--team", "nobody-here", cwd=tmp_path,
                              env={"SOURCE_DATE_EPOCH": value})
        assert "Traceback" not in result.stderr
        if code == 2:
            assert result.returncode == 2 and "SOURCE_DATE_EPOCH" in result.stderr
        else:  # empty means unset: the run goes on to the (unknown team) usage error
            assert result.returncode == 2 and "nobody-here" in result.stderr


def test_search_leaves_out_pages_that_repeat_the_cards(demo_build: Path):
    """The grid, recommendations, calendar and roster repeat card titles and summaries: searching a
    card's words must lead to the card, once, and a smaller index is ready sooner."""
    team = _teams()[0]["id"]
    for edition in (demo_build / "site" / "library", demo_build / "site" / team, demo_build / "site-managers" / team):
        pages = {e["location"].split("#")[0] for e in search_entries(edition, "mkdocs")}
        assert any(p.startswith("practices/") and p != "practices/" for p in pages), f"{edition.name}: no card"
        for repeated in ("practices/", "recommendations/", "calendar/", "people/", "deck/"):
            assert repeated not in pages, f"{edition.name}: {repeated} is in the search index"
    managers = {e["location"].split("#")[0] for e in search_entries(demo_build / "site-managers" / team, "mkdocs")}
    assert any(p.startswith("members/") for p in managers), "coaching plans stay searchable by name"
