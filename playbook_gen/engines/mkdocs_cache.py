"""Work shared across the editions one build worker builds (installed in worker processes only).

Most pages of every edition are the same Markdown (the whole library is in
each team edition), and every edition uses the same theme. A worker process
builds many editions one after another, so it can keep, for the length of one
`playbook build`:

* compiled Jinja bytecode of the theme's templates (Jinja's own
  `BytecodeCache` protocol: an entry is used only if the template source's
  checksum matches), instead of recompiling ~40 templates per edition;
* the list of the theme's static files (walking Material's folders once);
* the sections Material's search plugin parses out of a page's HTML (the
  same HTML gives the same sections);
* the result of converting one page's Markdown to HTML, keyed by everything
  the conversion reads: the Markdown text, the page's source path and URL,
  the Markdown extensions and their options, the link-validation settings —
  and checked against every `Files` lookup the conversion made (the page's
  links): a hit is used only if each link target resolves to the same file
  and URL in the edition being built. A conversion that logged anything
  (a broken link, an excluded target) is never cached, so strict mode sees
  every warning in every edition.

None of this changes a byte of output: tests build with and without it
(`PLAYBOOK_NO_CACHE=1`) and compare the trees.
"""
from __future__ import annotations

import copy
import logging
import os
from typing import Any

_installed = False
MAX_PAGES = 20000


def enabled() -> bool:
    return os.environ.get("PLAYBOOK_NO_CACHE", "") in ("", "0")


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _file_sig(file: Any) -> tuple | None:
    if file is None:
        return None
    return (file.src_uri, file.url, str(file.inclusion))


class _RecordingFiles:
    """Stands in for `Files` during one conversion and records every lookup."""

    def __init__(self, files: Any) -> None:
        self._files = files
        self.lookups: dict[str, tuple | None] = {}
        self.opaque = False

    def get_file_from_path(self, path: str) -> Any:
        found = self._files.get_file_from_path(path)
        self.lookups[path] = _file_sig(found)
        return found

    def __getattr__(self, name: str) -> Any:
        self.opaque = True  # used in a way we do not track: do not cache this conversion
        return getattr(self._files, name)


def install() -> None:
    """Patch MkDocs in this process (a build worker) to share work across editions."""
    global _installed
    if _installed or not enabled():
        return
    import jinja2
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page
    from mkdocs.theme import Theme

    class MemoryBytecodeCache(jinja2.BytecodeCache):
        def __init__(self) -> None:
            self.store: dict[str, bytes] = {}

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            code = self.store.get(bucket.key)
            if code is not None:
                bucket.bytecode_from_string(code)  # Jinja discards it if the source checksum differs

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            self.store[bucket.key] = bucket.bytecode_to_string()

    bytecode = MemoryBytecodeCache()
    original_get_env = Theme.get_env

    def get_env(self: Theme) -> jinja2.Environment:
        env = original_get_env(self)
        env.bytecode_cache = bytecode
        return env

    theme_files: dict[tuple, list[tuple[str, str | None]]] = {}
    original_add = Files.add_files_from_theme

    def add_files_from_theme(self: Files, env: jinja2.Environment, config: Any) -> None:
        from mkdocs import utils
        key = (tuple(config.theme.dirs), tuple(config.theme.static_templates), tuple(utils.markdown_extensions))
        found = theme_files.get(key)
        if found is None:
            probe = Files([])
            original_add(probe, env, config)
            found = theme_files[key] = [(f.src_uri, f.src_dir) for f in probe]
        for path, src_dir in found:
            if self.get_file_from_path(path) is None:
                self.append(File(path, src_dir, config.site_dir, config.use_directory_urls))

    pages: dict[tuple, list[dict[str, Any]]] = {}
    original_render = Page.render

    def render(self: Page, config: Any, files: Any) -> None:
        extensions = [str(e) for e in config["markdown_extensions"]]
        if any("snippets" in e or "include" in e for e in extensions):  # they read other files
            return original_render(self, config, files)
        links = config.validation.links
        key = (
            self.markdown, self.file.src_uri, self.file.url, str(self.file.inclusion), config.use_directory_urls,
            repr(config["markdown_extensions"]), repr(config["mdx_configs"]),
            str(links.not_found), str(links.absolute_links), str(links.unrecognized_links), str(links.anchors),
        )
        for entry in pages.get(key, ()):
            if all(_file_sig(files.get_file_from_path(p)) == sig for p, sig in entry["lookups"].items()):
                self.content = entry["content"]
                self.toc = copy.deepcopy(entry["toc"])
                self._title_from_render = entry["title"]
                self.present_anchor_ids = set(entry["anchors"])
                if entry["links"] is not None:
                    remapped = {}
                    for src_uri, anchors in entry["links"].items():
                        target = self.file if src_uri == self.file.src_uri else files.get_file_from_path(src_uri)
                        remapped[target] = dict(anchors)
                    self.links_to_anchors = remapped
                return None
        recording = _RecordingFiles(files)
        counter = _Counter()
        loggers = [logging.getLogger(), logging.getLogger("mkdocs"), logging.getLogger("MARKDOWN")]
        for logger in loggers:
            logger.addHandler(counter)
        try:
            original_render(self, config, recording)  # type: ignore[arg-type]  # a stand-in for Files, duck-typed
        finally:
            for logger in loggers:
                logger.removeHandler(counter)
        if counter.count or recording.opaque or len(pages) >= MAX_PAGES:
            return None
        links_to_anchors = getattr(self, "links_to_anchors", None)
        pages.setdefault(key, []).append({
            "lookups": recording.lookups,
            "content": self.content,
            "toc": copy.deepcopy(self.toc),
            "title": self._title_from_render,
            "anchors": frozenset(self.present_anchor_ids or ()),
            "links": None if links_to_anchors is None else {f.src_uri: dict(a) for f, a in links_to_anchors.items()},
        })
        return None

    # the monkey-patches themselves (see the module docstring)
    Theme.get_env = get_env  # type: ignore[method-assign]
    Files.add_files_from_theme = add_files_from_theme  # type: ignore[method-assign]
    Page.render = render  # type: ignore[method-assign]
    _share_search_sections()
    _installed = True


def _share_search_sections() -> None:
    """Material's search plugin parses every page's HTML into sections: parse each distinct HTML once."""
    try:
        from material.plugins.search.plugin import Parser, SearchIndex
    except ImportError:
        return
    parsed: dict[str, list] = {}

    def add_entry_from_context(self: SearchIndex, page: Any) -> None:  # Material 9's own steps
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        sections = parsed.get(page.content)
        if sections is None:
            parser = Parser()
            parser.feed(page.content)
            parser.close()
            sections = parser.data
            if len(parsed) < MAX_PAGES:
                parsed[page.content] = copy.deepcopy(sections)  # kept pristine: entries edit sections
        else:
            sections = copy.deepcopy(sections)
        for section in sections:
            if not section.is_excluded():
                self.create_entry_for_section(section, page.toc, page.url, page)

    SearchIndex.add_entry_from_context = add_entry_from_context
