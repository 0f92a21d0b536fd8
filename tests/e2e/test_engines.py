"""Build engines: every edition keeps what matters with MkDocs, Zensical and ProperDocs.

The demo is built once per engine per session (`engine_build`); each engine's
editions are compared with what the generator rendered and with the MkDocs build.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SERVED_AT, require_engine
from helpers import (
    CONTENT,
    OTHER_ENGINES,
    REPO,
    all_files,
    broken_links,
    build_file_tree,
    engine_of,
    run_playbook,
    search_entries,
)


def _editions(work: Path) -> list[Path]:
    return sorted(p for root in ("site", "site-managers") for p in (work / root).iterdir() if p.is_dir())


def _rendered(tmp_path: Path, engine: str) -> dict[str, Path]:
    """Render every demo edition the way `playbook build --engine ENGINE` does (Markdown + assets), without building."""
    from playbook_gen.pipeline import edition_url
    from playbook_gen.plan import plan_all
    from playbook_gen.render import environment, render_edition
    from playbook_gen.validate import load_content

    out = {}
    content = load_content(CONTENT)
    for edition in plan_all(content, None):
        root = ("site-managers/" if edition.private else "site/") + edition.id
        render_edition(edition, tmp_path / root, site_url=edition_url(edition, SERVED_AT), env=environment(engine=engine))
        out[root] = tmp_path / root / "docs"
    return out


def test_every_rendered_page_and_file_reaches_the_site(engine_build: Path, tmp_path: Path):
    """Pages become HTML; every other file the generator wrote (calendar, scripts, styles) is copied as is."""
    for root, docs in _rendered(tmp_path, engine_of(engine_build)).items():
        edition = engine_build / root
        for source in all_files(docs):
            rel = source.relative_to(docs).as_posix()
            if source.suffix == ".md":
                page = re.sub(r"(^|/)index\.md$", r"\1", rel).removesuffix(".md")
                built = edition / page / "index.html"
                assert built.is_file(), f"{root}: {rel} was not built"
            else:
                built = edition / rel
                assert built.is_file() and built.read_bytes() == source.read_bytes(), f"{root}: {rel} not copied as is"


def test_every_relative_link_leads_to_a_file_of_the_same_edition(engine_build: Path):
    """Navigation, cards, prose links, the deck PDF, styles and scripts: nothing points outside the edition or at nothing."""
    for edition in _editions(engine_build):
        broken = broken_links(edition)
        assert not broken, f"{edition.name} ({engine_of(engine_build)}): {len(broken)} broken, e.g. {broken[:5]}"


class _Article(HTMLParser):
    """The page's own content (Material's and Zensical's `article.md-content__inner`): text, classes, data-*."""

    VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text: list[str] = []
        self.marks: set[tuple[str, str, str]] = set()

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in self.VOID
            self.marks |= {(tag, k, v or "") for k, v in attrs if k == "class" or k.startswith("data-")}
        elif tag == "article" and "md-content__inner" in (dict(attrs).get("class") or ""):
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in self.VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)

    @staticmethod
    def colours(path: Path) -> dict[str, str]:
        """The palette on <body> (data-md-color-primary/accent/scheme): a team's colours."""
        body = re.search(r"<body[^>]*>", path.read_text("utf-8"))
        return dict(re.findall(r'(data-md-color-[a-z]+)="([^"]*)"', body.group(0) if body else ""))

    @classmethod
    def of(cls, path: Path) -> tuple[str, set]:
        page = path.read_text("utf-8")
        start = page.find("<article ")  # parse the article only, not the navigation around it
        parser = cls()
        parser.feed(page[start:page.rfind("</article>") + 10] if start >= 0 else page)
        return " ".join(" ".join(parser.text).replace("¶", "").split()), parser.marks


@pytest.mark.parametrize("engine_build", OTHER_ENGINES, indirect=True)
def test_pages_say_the_same_as_with_mkdocs(engine_build: Path, demo_build: Path):
    """Same pages, same words, same classes and data attributes (card grid, filters, tags) as the MkDocs build."""
    engine = engine_of(engine_build)
    for reference in _editions(demo_build):
        edition = engine_build / reference.relative_to(demo_build)
        pages = sorted(p.relative_to(reference) for p in reference.rglob("*.html"))
        assert pages == sorted(p.relative_to(edition) for p in edition.rglob("*.html")), f"{engine}: {edition.name}"
        for page in pages:
            text, marks = _Article.of(reference / page)
            assert text, f"{page}: no article found"
            other_text, other_marks = _Article.of(edition / page)
            assert other_text == text, f"{engine}: {edition.name}/{page} reads differently"
            assert marks <= other_marks, f"{engine}: {edition.name}/{page} lost {sorted(marks - other_marks)[:5]}"
        home = Path("index.html")
        assert _Article.colours(edition / home) == _Article.colours(reference / home), f"{engine}: palette differs"
        if engine == "zensical":  # its 'modern' look ignores palettes; the base config asks for 'classic'
            assert "stylesheets/classic/" in (edition / home).read_text("utf-8")


def _search_pages(edition: Path, engine: str) -> set[str]:
    return {e["location"].split("#")[0] for e in search_entries(edition, engine)}


def test_search_finds_every_card(engine_build: Path):
    engine = engine_of(engine_build)
    for edition in _editions(engine_build):
        pages = _search_pages(edition, engine)
        cards = {f"practices/{p.parent.name}/" for p in (edition / "practices").glob("*/index.html")}
        assert cards and cards | {""} <= pages, f"{engine}: {edition.name} search misses {sorted(cards - pages)[:5]}"


@pytest.mark.parametrize("engine_build", OTHER_ENGINES, indirect=True)
def test_search_has_the_same_pages_as_with_mkdocs(engine_build: Path, demo_build: Path):
    engine = engine_of(engine_build)
    for reference in _editions(demo_build):
        edition = engine_build / reference.relative_to(demo_build)
        assert _search_pages(edition, engine) == _search_pages(reference, "mkdocs"), f"{engine}: {edition.name}"


def test_engine_leaves_nothing_in_the_users_tree(engine_build: Path):
    """Zensical's .cache/ and site folder stay inside the build's temporary folder, for every engine."""
    assert sorted(p.name for p in engine_build.iterdir()) == ["site", "site-managers"]
    strays = [p for p in engine_build.rglob("*") if p.name in (".cache", ".zensical.yml", ".zensical-site")
              or p.name.startswith(".playbook-tmp-")]
    assert strays == []


def test_manifest_records_the_engine(engine_build: Path):
    """The engine (and its version) is part of what an edition was built from."""
    from importlib.metadata import version

    from playbook_gen.engines import get
    engine = engine_of(engine_build)
    for root in ("site", "site-managers"):
        manifest = json.loads((engine_build / root / ".playbook-manifest.json").read_text("utf-8"))
        assert {e["engine"] for e in manifest["editions"].values()} == {f"{engine} {version(get(engine).packages[0])}"}


@pytest.mark.parametrize("engine", OTHER_ENGINES)
def test_missing_engine_is_one_line_with_the_install_command(engine: str, tmp_path: Path):
    from playbook_gen.engines import get
    module, extra = get(engine).module, get(engine).extra
    shadow = build_file_tree(tmp_path / "shadow", {f"{module}/__init__.py": "raise ImportError('not installed')\n"})
    result = run_playbook("build", "--content", str(CONTENT), "--engine", engine, cwd=tmp_path,
                          env={"PYTHONPATH": f"{REPO}:{shadow}"})
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    repo = REPO  # run from this checkout: the extra goes into it
    assert len(lines) == 1 and f"install '{repo}[{extra}]'" in lines[0], result.stderr
    assert not (tmp_path / "site").exists()
    unknown = run_playbook("build", "--engine", "hugo", cwd=tmp_path)
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr


def test_zensical_refuses_a_config_it_would_silently_change(tmp_path: Path):
    """hooks: and unknown plugins are errors at the user's mkdocs.yml line; ignored plugin options are warnings."""
    require_engine("zensical")
    text = ("# our additions to the bundled config\n"
            "plugins:\n  git-revision-date-localized: {}\n  search:\n    lang: de\n"
            "hooks:\n  - hooks/stamp.py\n")
    build_file_tree(tmp_path, {"mkdocs.yml": text, "hooks/stamp.py": ""})
    result = run_playbook("build", "--content", str(CONTENT), "--engine", "zensical", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [
        "mkdocs.yml:3:3: error: Zensical does not support the plugin 'git-revision-date-localized' and would "
        "silently leave it out; remove it or build with --engine mkdocs or --engine properdocs",
        "mkdocs.yml:7:5: error: Zensical does not run hooks ('hooks/stamp.py'): the site would be built without "
        "it; do the work before the build, or build with --engine mkdocs or --engine properdocs",
    ], result.stderr  # once each, not once per edition, and in the user's own file
    assert not (tmp_path / "site" / "library").exists()

    from playbook_gen.engines import engine_problems
    warnings = engine_problems(tmp_path / "mkdocs.yml", "zensical")
    lang = [p for p in warnings if "'lang'" in p.message]
    assert [(p.severity, p.line) for p in lang] == [("warning", 5)]
    assert engine_problems(tmp_path / "mkdocs.yml", "properdocs") == []  # a MkDocs fork runs hooks and plugins


@pytest.mark.parametrize("engine", OTHER_ENGINES)
def test_a_broken_link_fails_the_build_with_every_engine(engine: str, tmp_path: Path):
    require_engine(engine)
    build_file_tree(tmp_path, {"templates/pages/situations-index.md.j2": "# Situations\n\n[missing](nowhere.md)\n"})
    result = run_playbook("build", "--content", str(CONTENT), "--engine", engine, "--team", "emea-enterprise",
                          cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "nowhere.md" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "emea-enterprise").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site-managers", "templates"]
