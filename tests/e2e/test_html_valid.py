"""Valid HTML: the W3C Nu HTML Checker (vnu.jar) on every page of the demo's built editions.

0 errors attributable to the generator. What counts as Material's own is tests/vnu-allowlist.json:
each message with its reason and the page of a plain Material site (built here, no playbook-gen)
that shows it, so the allowlist cannot hide an error of ours and goes stale loudly when Material
fixes one. Needs Java and vnu-jar from npm (`npm install --prefix .cache/npm vnu-jar@26.9.27`,
.ci/run does it); skips with the reason without them, fails instead under PLAYBOOK_REQUIRE_ALL=1.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import skip_or_fail
from helpers import REPO, TESTS, build_file_tree

VNU_JAR = Path(os.environ.get("PLAYBOOK_VNU_JAR", REPO / ".cache" / "npm" / "node_modules" / "vnu-jar" / "build"
                              / "dist" / "vnu.jar"))
ALLOWLIST = json.loads((TESTS / "vnu-allowlist.json").read_text("utf-8"))["messages"]
ALLOWED = {entry["message"] for entry in ALLOWLIST}
# A plain Material site with the features our base mkdocs.yml turns on that change the markup.
PLAIN_SITE = {
    "mkdocs.yml": "site_name: Plain Material\ntheme:\n  name: material\n  font: false\n  features:\n"
                  "    - navigation.sections\n    - navigation.top\n    - navigation.instant\n"
                  "nav:\n  - Home: index.md\n  - Section:\n      - A: section/a.md\n      - B: section/b.md\n"
                  "not_in_nav: /outside.md\n",
    "docs/index.md": "# Home\n\nA page.\n",
    "docs/section/a.md": "# A\n\nA page in a section.\n",
    "docs/section/b.md": "# B\n\nAnother page in the section.\n",
    # linked, not in the nav (as a big team's member plans are), with headings for a table of contents
    "docs/outside.md": "# Outside\n\n## One\n\nText.\n\n## Two\n\nMore text.\n",
}


def _vnu(files: list[Path]) -> list[dict]:
    """vnu's errors for these files, one JVM for all (its JSON report is written to stderr)."""
    java = shutil.which("java")
    if java is None:
        skip_or_fail("no java for the Nu HTML Checker: apt-get install default-jre-headless")
    if not VNU_JAR.is_file():
        skip_or_fail(f"vnu.jar not found at {VNU_JAR}: npm install --prefix .cache/npm vnu-jar@26.9.27")
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=900)
    report = json.loads(result.stderr)
    return [m for m in report["messages"] if m["type"] == "error" or m.get("subType") == "fatal"]


@pytest.fixture(scope="module")
def plain_material(tmp_path_factory) -> Path:
    """A site built by MkDocs with Material alone: where Material's own errors show."""
    root = build_file_tree(tmp_path_factory.mktemp("plain-material"), PLAIN_SITE)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def demo_errors(demo_build: Path) -> tuple[list[Path], list[dict]]:
    pages = sorted(p for root in ("site", "site-managers") for p in (demo_build / root).rglob("*.html"))
    return pages, _vnu(pages)


def test_the_checked_pages_cover_every_edition_and_page_type(demo_errors, demo_build):
    pages, _ = demo_errors
    names = {p.relative_to(demo_build).as_posix() for p in pages}
    for must in ("site/index.html", "site-managers/index.html", "site/library/index.html",
                 "site/library/practices/index.html", "site/library/deck/index.html", "site/library/404.html",
                 "site/library/scorecards/index.html", "site/library/scorecards/discovery-call/index.html",
                 "site/library/scorecards/sheets/discovery-call/index.html"):
        assert must in names
    assert any(n.startswith("site-managers/") and "/members/" in n for n in names)
    assert any(n.endswith("/calendar/index.html") for n in names)
    assert any(n.endswith("/recommendations/index.html") for n in names)
    assert len(pages) > 300


def test_no_html_error_from_the_generator(demo_errors, demo_build):
    _, errors = demo_errors
    ours = [f"{m['url'].split(str(demo_build))[-1]}:{m.get('lastLine')}: {m['message']} "
            f"[{(m.get('extract') or '').strip()[:120]}]" for m in errors if m["message"] not in ALLOWED]
    assert not ours, f"{len(ours)} error(s) not from Material:\n" + "\n".join(ours[:30])


def test_every_allowed_message_is_materials_own(plain_material):
    """Each allowlisted message is reported on a plain Material page, without the generator."""
    errors = _vnu([plain_material / entry["plain_material_page"] for entry in ALLOWLIST])
    for entry in ALLOWLIST:
        assert entry["reason"]
        on_page = [m for m in errors if m["url"].endswith("/" + entry["plain_material_page"])]
        assert entry["message"] in {m["message"] for m in on_page}, (
            f"plain Material no longer shows this on {entry['plain_material_page']}: drop it from "
            f"tests/vnu-allowlist.json — {entry['message']}")
