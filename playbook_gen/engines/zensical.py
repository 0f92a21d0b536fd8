"""Zensical: the Material team's successor to MkDocs; reads the same `mkdocs.yml`.

Run as `python -m zensical build` in a child process: its Rust core prints its
own diagnostics and keeps process-wide state. It writes `site_dir` and its
`.cache/` inside the folder of the config it is given, so both stay in the
build's temporary folder.

Zensical reads `mkdocs.yml` but silently drops what it does not implement;
`problems()` checks the rendered config for that before building, so an
edition is never shipped silently different from what its config asks for.
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import yaml

from ..errors import BuildError, Problem
from ..processes import last_line, run_captured
from .base import Engine, serve_in_child
from .config import effective_config

# What Zensical 0.0.7x implements of MkDocs' plugins, and the options of each it
# accepts but ignores. Used only when the installed Zensical does not publish its
# own table (it keeps one in `zensical.config`, preferred below).
_PLUGINS_FALLBACK: dict[str, tuple[str, ...]] = {
    "autorefs": (), "blog": (), "exclude": (), "glightbox": (), "literate-nav": (), "meta": (),
    "minify": (), "offline": (), "privacy": (), "redirects": (), "rss": (), "social": (),
    "search": ("fields", "indexing", "jieba_dict", "jieba_dict_user", "lang", "min_search_length",
               "pipeline", "prebuild_index"),
    "tags": ("tags_compare", "tags_compare_reverse", "tags_pages_compare", "tags_pages_compare_reverse",
             "tags_file", "tags_extra_files", "export", "export_file", "export_only"),
}


def _plugin_table() -> dict[str, tuple[str, ...]]:
    try:
        from zensical import config as zconfig  # the engine's own knowledge, per version
        table = getattr(zconfig, "_PLUGIN_UNSUPPORTED_OPTIONS", None)
        if isinstance(table, dict) and table:
            return {str(k): tuple(v) for k, v in table.items()}
    except Exception:  # an engine that fails to import is reported when it builds
        pass
    return _PLUGINS_FALLBACK


def problems(config_path: Path) -> list[Problem]:
    """What Zensical would silently leave out of the site `config_path` describes.

    - `hooks:` are never run → error: a hook can change any page, so the site would
      differ in ways nobody can see from the config;
    - a plugin it does not implement is dropped without a word → error: whatever
      the plugin adds (pages, data, markup) would be missing;
    - an option it accepts but ignores → warning: the plugin still works, one
      setting of it does not (e.g. `search: lang`).
    """
    plugins, hooks = effective_config(Path(config_path))
    table = _plugin_table()
    found: list[Problem] = []
    others = "build with --engine mkdocs or --engine properdocs"
    for hook in hooks:
        found.append(Problem(hook.path, hook.line, hook.column,
                             f"Zensical does not run hooks ('{hook.value}'): the site would be built without it; "
                             f"do the work before the build, or {others}"))
    for name, entry in plugins.items():
        options = entry.value if isinstance(entry.value, dict) else {}
        enabled = options.get("enabled")
        if enabled is not None and enabled.value is False:
            continue
        canonical = name.removeprefix("material/")
        if canonical.startswith(("social/", "privacy/")):
            canonical = canonical.split("/", 1)[0]
        if canonical not in table:
            found.append(Problem(entry.path, entry.line, entry.column,
                                 f"Zensical does not support the plugin '{name}' and would silently leave it out; "
                                 f"remove it or {others}"))
            continue
        for option, where in options.items():
            if option in table[canonical]:
                found.append(Problem(where.path, where.line, where.column,
                                     f"Zensical ignores option '{option}' of the plugin '{name}'; "
                                     "the zensical edition is built without it", "warning"))
    return found


def _diagnostics(output: str) -> list[str]:
    """'Warning: page does not exist' + '╭─[ index.md:3:11 ]' + ' 3 │ [x](nowhere.md)' → one line."""
    found: list[str] = []
    lines = output.splitlines()
    for i, line in enumerate(lines):
        head = re.match(r"^\s*(Warning|Error):\s*(.+)$", line)
        if not head:
            continue
        message, where, source = head.group(2).strip(), "", ""
        for follow in lines[i + 1:i + 6]:
            place = re.search(r"\[\s*([^\]\s]+:\d+:\d+)\s*\]", follow)
            if place and not where:
                where = place.group(1)
            text = re.match(r"^\s*\d+\s*│\s?(.*)$", follow)
            if text and not source:
                source = text.group(1).strip()
        found.append(f"{where + ': ' if where else ''}{message}{' — ' + source if source else ''}")
    return found


def build(config_path: Path, site_dir: Path, strict: bool) -> None:
    # Zensical takes no output option and insists that site_dir lies inside the
    # config's folder; a two-line config beside the edition's sets it there, and
    # the result is moved to `site_dir`. Its .cache/ lands in the same folder.
    work = config_path.parent
    out = work / ".zensical-site"
    wrapper = work / ".zensical.yml"
    wrapper.write_text(yaml.safe_dump({"INHERIT": config_path.name, "site_dir": out.name}), "utf-8")
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "zensical", "build", "--config-file", str(wrapper)]
    if strict:
        command.append("--strict")
    result = run_captured(command, cwd=work)
    if result.returncode != 0 or not (out / "index.html").is_file():
        details = _diagnostics(result.stdout + "\n" + result.stderr) or [last_line(result.stderr or result.stdout)]
        raise BuildError([Problem(str(config_path), 0, 0, f"build failed (zensical): {d}") for d in details])
    if site_dir.exists():
        shutil.rmtree(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(out), str(site_dir))


def serve(config_path: Path, host: str, port: int, watch: Path) -> None:
    serve_in_child("zensical", "zensical", config_path, host, port)


ENGINE = Engine(
    name="zensical", summary="the Material team's successor", module="zensical", extra="zensical",
    in_process=False, packages=("zensical", "pymdown-extensions", "markdown"),
    # every relative link, raw HTML included, is read relative to the page's source file:
    # `../x/` written in `a/b.md` comes out as `../../x/` on the page served at `a/b/`
    source_relative_links=True,
    build=build, serve=serve, problems=problems,
    search_lang=False,  # accepted and ignored: a German edition's search does not stem (README, Build engines)
)
