"""Test helpers: run the real CLI, write file trees, read built output as a browser would."""
from __future__ import annotations

import functools
import html
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playbook_gen.engines import DEFAULT_ENGINE, ENGINES  # the registry: tests parametrise over it

TESTS = Path(__file__).resolve().parent  # tests/: helpers and conftest serve tests/unit, tests/e2e and tests/browser
REPO = TESTS.parent
HOSTILE = TESTS / "hostile"  # the hostile content tree (tests/e2e/test_security.py, test_limits.py, the golden page)
CONTENT = REPO / "content"
OTHER_ENGINES = tuple(name for name in ENGINES if name != DEFAULT_ENGINE)  # compared with the default's build


def run_playbook(*args: str, cwd: Path, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run `python -m playbook_gen ARGS` as a user would, in `cwd`."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(REPO) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "playbook_gen", *args],
        cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout,
    )


def build_file_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `{relative path: text}` under root (copier's helper of the same name)."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, "utf-8")
    return root


def readable_text(path: Path) -> str:
    """A file's text with HTML entities and JSON escapes decoded: what a reader could see."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return ""
    if path.suffix == ".json":
        try:
            text = json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    return html.unescape(text)


def all_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


_HREF = re.compile(r'<(?:a|link|script|img)\b[^>]*?\s(?:href|src)="([^"]*)"')


def broken_links(edition: Path, *, files_only: bool = False) -> list[str]:
    """Relative links and asset URLs in the edition's pages that lead outside it or to nothing.

    With `files_only` (an edition opened from disk), a link to a folder counts as broken:
    the browser would show a file listing, not the page.
    """
    broken = []
    root = edition.resolve()
    for page in sorted(edition.rglob("*.html")):
        for href in _HREF.findall(page.read_text("utf-8")):
            path = html.unescape(href).split("#")[0].split("?")[0]
            if not path or re.match(r"^[a-z][a-z0-9+.-]*:", path) or path.startswith("/"):
                continue  # same page, another scheme (test_build checks those), or root-relative (none expected)
            target = (page.parent / path).resolve()
            folder = target if target.suffix != ".html" else target.parent  # ../library-de/ or …/index.html
            sibling = folder.parent == root.parent and root.name.startswith("library") and \
                re.fullmatch(r"library(-[A-Za-z-]+)?", folder.name)
            if sibling:  # a library edition's language selector leads to the same library in another language
                target = target if target.suffix == ".html" else target / "index.html"
                if not target.is_file():
                    broken.append(f"{page.relative_to(edition)} → {href} (no such library edition)")
                continue
            if not target.is_relative_to(root):
                broken.append(f"{page.relative_to(edition)} → {href} (outside the edition)")
            elif not (target.is_file() or (not files_only and (target / "index.html").is_file())):
                broken.append(f"{page.relative_to(edition)} → {href}")
    return broken


def engine_of(work: Path, site: str = "site") -> str:
    """Which engine built the editions under `work/site` (recorded in the manifest as `name version`)."""
    manifest = json.loads((work / site / ".playbook-manifest.json").read_text("utf-8"))
    engines = {entry["engine"].split()[0] for entry in manifest["editions"].values()}
    assert len(engines) == 1, engines
    return engines.pop()


def search_index(edition: Path, engine: str) -> Path:
    """The edition's search index: MkDocs/ProperDocs write search/search_index.json, Zensical search.json."""
    return edition / ("search.json" if engine == "zensical" else "search/search_index.json")


def search_entries(edition: Path, engine: str) -> list[dict]:
    """The search index's entries ({location, title, text}) whatever the engine's format."""
    data = json.loads(search_index(edition, engine).read_text("utf-8"))
    return data.get("docs") or data.get("items") or []


def load_pack(folder: str, content: Path = CONTENT) -> dict[str, dict]:
    """The content pack's YAML files of one kind, by id (plain PyYAML: for test expectations)."""
    import yaml

    docs = [yaml.safe_load(p.read_text("utf-8")) for p in sorted((content / folder).glob("*.yml"))]
    return {d["id"]: d for d in docs}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served_folder(folder: Path) -> Iterator[str]:
    """`folder` over http on 127.0.0.1 at a free port, as a web server would publish it; yields its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
