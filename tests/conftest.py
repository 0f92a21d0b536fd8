from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest
from helpers import CONTENT, DEFAULT_ENGINE, ENGINES, run_playbook, served_folder

REQUIRE_ALL = os.environ.get("PLAYBOOK_REQUIRE_ALL") == "1"
# Where the session's served demo build believes it lives (the demo itself has no site_url: it opens from disk).
SERVED_AT = "https://coaching.intranet.example/"


def skip_or_fail(reason: str) -> None:
    """Skip locally when a real component is missing; under PLAYBOOK_REQUIRE_ALL=1, fail."""
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (PLAYBOOK_REQUIRE_ALL=1: missing components fail instead of skipping)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> Path:
    """The bundled demo content built once per session with the real CLI, in a scratch folder, for a
    web server at SERVED_AT (folder URLs; 404 pages link their assets under the edition's own path);
    `demo_from_disk` is the default build."""
    work = tmp_path_factory.mktemp("demo")
    result = run_playbook("build", "--content", str(CONTENT), "--site-url", SERVED_AT, cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    return work


@pytest.fixture(scope="session")
def demo_from_disk(tmp_path_factory) -> Path:
    """The quick start as the README writes it: `playbook build` of the demo, no options. The demo
    has no site_url, so its editions are built to be opened from disk (offline: auto)."""
    work = tmp_path_factory.mktemp("demo-disk")
    result = run_playbook("build", "--content", str(CONTENT), cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    return work


def require_engine(engine: str) -> None:
    """Skip (or, under PLAYBOOK_REQUIRE_ALL=1, fail) when an optional build engine is not installed."""
    from playbook_gen.engines import get
    if importlib.util.find_spec(get(engine).module) is None:
        skip_or_fail(f"the {engine} build engine is not installed (pip install '.[{get(engine).extra}]')")


@pytest.fixture(scope="session", params=ENGINES)
def engine_build(request, tmp_path_factory) -> Path:
    """The demo content built once per session with each engine (`--engine`); the default reuses `demo_build`.

    The engine that built it is in the manifest: `helpers.engine_of(engine_build)`.
    """
    engine = request.param
    if engine == DEFAULT_ENGINE:
        return request.getfixturevalue("demo_build")
    require_engine(engine)
    work = tmp_path_factory.mktemp(f"demo-{engine}")
    result = run_playbook("build", "--content", str(CONTENT), "--engine", engine, "--site-url", SERVED_AT, cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    return work


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private, editable copy of the demo content."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


CHROMIUM = Path(os.environ.get("PLAYBOOK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (browsers cannot be downloaded here)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright for Python is not installed: pip install '.[test]'")
    if not CHROMIUM.is_file():
        skip_or_fail(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def served(demo_build: Path):
    """The demo's shareable editions over http on 127.0.0.1, on a free port."""
    with served_folder(demo_build / "site") as url:
        yield url


@pytest.fixture
def tab(browser):
    """A Chromium tab that refuses every request off this machine; the test fails on any JavaScript error."""
    from test_browser import Tab  # the browser layer's page wrapper (imports this module: not at the top)

    opened = Tab(browser)
    yield opened
    opened.close()
    assert opened.external_requests() == [], "the browser requested another host"
    assert opened.errors == [], "JavaScript errors on the page"
