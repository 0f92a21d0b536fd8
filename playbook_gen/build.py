"""Stage 5 — build: run a static-site engine on a rendered edition.

The rest of the pipeline only sees `build_site(config_path, site_dir, engine=...)`.
Three engines read the same rendered `mkdocs.yml` and Markdown:

- `mkdocs` (default): MkDocs 1.x + Material for MkDocs, run in-process.
- `zensical`: the successor by the Material team. Run as `python -m zensical build`
  in a child process: its Rust core prints its own diagnostics and keeps
  process-wide state. It writes `site_dir` and its `.cache/` inside the folder of
  the config it is given, so both stay in the build's temporary folder.
- `properdocs`: a maintained fork of MkDocs 1.x that runs Material and MkDocs
  plugins unchanged. Run as `python -m properdocs build` in a child process: it
  aliases every `mkdocs.*` module to its own for the whole process.

Zensical reads `mkdocs.yml` but silently drops what it does not implement;
`engine_problems()` checks the rendered config for that before building, so an
edition is never shipped silently different from what its config asks for.
"""
from __future__ import annotations

import importlib
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from .errors import SYSTEM_ERRNOS, BuildError, Problem, UsageError
from .origin import install_hint
from .resources import base_config
from .yamlconfig import TolerantLoader as _TolerantLoader

_STAGED_MARK = "# added by playbook:"  # resources.stage_base_config marks the INHERIT line it adds

ENGINES = ("mkdocs", "zensical", "properdocs")
DEFAULT_ENGINE = "mkdocs"
_MODULES = {"mkdocs": "mkdocs", "zensical": "zensical", "properdocs": "properdocs"}


# --------------------------------------------------------------------------- engines


def engine_available(engine: str) -> bool:
    """The engine's package imports (found is not enough: a broken install counts as missing)."""
    module = _MODULES.get(engine)
    if module is None:
        return False
    try:
        importlib.import_module(module)  # mkdocs/zensical/properdocs: package __init__ only, no side effects
    except ImportError:
        return False
    return True


def require_engine(engine: str) -> None:
    """Raise `UsageError` (exit 2) for an unknown engine or one that is not installed."""
    if engine not in ENGINES:
        raise UsageError(f"unknown build engine '{engine}'; choose one of: {', '.join(ENGINES)}")
    if not engine_available(engine):
        raise UsageError(f"the '{engine}' build engine is not installed; "
                         f"install it with: {install_hint(None if engine == 'mkdocs' else engine)}")


def engine_version(engine: str) -> str:
    """`name version`, e.g. `zensical 0.0.73`: part of what an edition was built from."""
    try:
        return f"{engine} {metadata.version(engine)}"
    except metadata.PackageNotFoundError:
        return engine


# --------------------------------------------------------------------------- config check


@dataclass
class _Entry:
    """A config value with the file and position it was written at."""

    path: str
    line: int
    column: int
    value: Any


def _value(node: yaml.Node) -> Any:
    return _TolerantLoader("").construct_object(node, deep=True)


def _mapping(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def _plugin_nodes(node: yaml.Node) -> list[tuple[str, yaml.Node, yaml.Node | None]]:
    """(name, name node, options node) for `plugins:` as a mapping or a `-` list."""
    found = []
    if isinstance(node, yaml.MappingNode):
        found = [(k.value, k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                found.append((item.value, item, None))
            elif isinstance(item, yaml.MappingNode) and len(item.value) == 1:
                key, value = item.value[0]
                found.append((key.value, key, value))
    return found


def _source_of(path: Path, text: str):
    """Make `_Entry`s that point at the file the user wrote.

    The user's mkdocs.yml reaches an edition as a staged copy with one `INHERIT:`
    line added (resources.stage_base_config): report its lines in the user's file.
    """
    lines = text.splitlines()
    added = next((i + 1 for i, line in enumerate(lines)
                  if line.startswith("INHERIT:") and _STAGED_MARK in line), None)
    shown = str(base_config()) if added else str(path)

    def where(node: yaml.Node, value: Any) -> _Entry:
        line = node.start_mark.line + 1
        return _Entry(shown, line - 1 if added and line > added else line, node.start_mark.column + 1, value)
    return where


def _effective_config(config_path: Path) -> tuple[dict[str, _Entry], list[_Entry]]:
    """The plugins and hooks an engine sees after following `INHERIT:`, with their sources.

    Like MkDocs' INHERIT merge: a child's `plugins:` mapping extends the parent's,
    a `-` list replaces it; options of the same plugin merge key by key.
    """
    chain: list[tuple[Path, yaml.Node, Any]] = []
    seen: set[Path] = set()
    path: Path | None = config_path
    while path is not None and path.resolve() not in seen:
        seen.add(path.resolve())
        try:
            text = path.read_text("utf-8")
            root = yaml.compose(text, Loader=_TolerantLoader)
        except (OSError, yaml.YAMLError):
            break  # the engine itself reports an unreadable config
        chain.append((path, root, _source_of(path, text)))
        parent = next((v.value for k, v in _mapping(root) if k.value == "INHERIT"), None)
        path = (path.parent / parent) if isinstance(parent, str) else None

    plugins: dict[str, _Entry] = {}
    hooks: list[_Entry] = []
    for path, root, where in reversed(chain):  # the farthest ancestor first
        for key, value in _mapping(root):
            if key.value == "hooks":
                nodes = value.value if isinstance(value, yaml.SequenceNode) else [value]
                hooks = [where(n, n.value) for n in nodes if isinstance(n, yaml.ScalarNode) and n.value]
            elif key.value == "plugins":
                if isinstance(value, yaml.SequenceNode):
                    plugins = {}
                for name, name_node, options in _plugin_nodes(value):
                    opts = {k.value: where(k, _value(v)) for k, v in _mapping(options)}
                    previous = plugins.get(name)
                    merged = dict(previous.value) if previous and isinstance(value, yaml.MappingNode) else {}
                    merged.update(opts)
                    plugins[name] = where(name_node, merged)
    return plugins, hooks


# What Zensical 0.0.7x implements of MkDocs' plugins, and the options of each it
# accepts but ignores. Used only when the installed Zensical does not publish its
# own table (it keeps one in `zensical.config`, preferred below).
_ZENSICAL_PLUGINS_FALLBACK: dict[str, tuple[str, ...]] = {
    "autorefs": (), "blog": (), "exclude": (), "glightbox": (), "literate-nav": (), "meta": (),
    "minify": (), "offline": (), "privacy": (), "redirects": (), "rss": (), "social": (),
    "search": ("fields", "indexing", "jieba_dict", "jieba_dict_user", "lang", "min_search_length",
               "pipeline", "prebuild_index"),
    "tags": ("tags_compare", "tags_compare_reverse", "tags_pages_compare", "tags_pages_compare_reverse",
             "tags_file", "tags_extra_files", "export", "export_file", "export_only"),
}


def _zensical_plugin_table() -> dict[str, tuple[str, ...]]:
    try:
        from zensical import config as zconfig  # the engine's own knowledge, per version
        table = getattr(zconfig, "_PLUGIN_UNSUPPORTED_OPTIONS", None)
        if isinstance(table, dict) and table:
            return {str(k): tuple(v) for k, v in table.items()}
    except Exception:  # an engine that fails to import is reported when it builds
        pass
    return _ZENSICAL_PLUGINS_FALLBACK


def engine_problems(config_path: Path, engine: str) -> list[Problem]:
    """What `engine` would silently leave out of the site `config_path` describes.

    For Zensical:
    - `hooks:` are never run → error: a hook can change any page, so the site would
      differ in ways nobody can see from the config;
    - a plugin it does not implement is dropped without a word → error: whatever
      the plugin adds (pages, data, markup) would be missing;
    - an option it accepts but ignores → warning: the plugin still works, one
      setting of it does not (e.g. `search: lang`).
    MkDocs and ProperDocs run hooks and every installed MkDocs plugin: nothing to report.
    """
    if engine != "zensical":
        return []
    plugins, hooks = _effective_config(Path(config_path))
    table = _zensical_plugin_table()
    problems: list[Problem] = []
    others = "build with --engine mkdocs or --engine properdocs"
    for hook in hooks:
        problems.append(Problem(hook.path, hook.line, hook.column,
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
            problems.append(Problem(entry.path, entry.line, entry.column,
                                    f"Zensical does not support the plugin '{name}' and would silently leave it out; "
                                    f"remove it or {others}"))
            continue
        for option, where in options.items():
            if option in table[canonical]:
                problems.append(Problem(where.path, where.line, where.column,
                                        f"Zensical ignores option '{option}' of the plugin '{name}'; "
                                        f"the {engine} edition is built without it", "warning"))
    return problems


# --------------------------------------------------------------------------- building


class _Collect(logging.Handler):
    """Keep MkDocs' warnings so a strict-mode failure says what went wrong."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(config_path: Path, site_dir: Path, *, engine: str = DEFAULT_ENGINE,
               strict: bool = True) -> list[Problem]:
    """Build one edition into `site_dir` (which must not exist yet or may be replaced).

    Returns warnings worth showing; raises `BuildError` when the edition cannot
    be built faithfully (engine failure, strict-mode warning, or something in the
    config the engine would silently ignore) and `UsageError` for a missing engine.
    """
    require_engine(engine)
    config_path, site_dir = Path(config_path), Path(site_dir)
    problems = engine_problems(config_path, engine)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise BuildError(errors)
    runner = {"mkdocs": _build_mkdocs, "zensical": _build_zensical, "properdocs": _build_properdocs}[engine]
    runner(config_path, site_dir, strict)
    return problems


def serve_site(config_path: Path, *, host: str, port: int, watch: Path, engine: str = DEFAULT_ENGINE) -> None:
    """Serve one rendered edition with live reload until interrupted (Ctrl-C or SIGTERM).

    MkDocs runs in this process and also watches `watch` (where the edition is
    re-rendered); Zensical and ProperDocs run as a child process that watches the
    edition's own docs folder and config, which are inside `watch`.
    """
    require_engine(engine)
    config_path = Path(config_path)
    errors = [p for p in engine_problems(config_path, engine) if p.is_error]
    if errors:
        raise BuildError(errors)
    _check_port_free(host, port)
    if engine == "mkdocs":
        from mkdocs.commands.serve import serve as mkdocs_serve

        mkdocs_serve(config_file=str(config_path), livereload=True, watch_theme=True, watch=[str(watch)],
                     dev_addr=f"{host}:{port}", strict=False)
        return
    command = [sys.executable, "-m", _MODULES[engine], "serve", "--config-file", str(config_path),
               "--dev-addr", f"{host}:{port}"]
    from .parallel import _die_with_parent  # the server dies with us, even on SIGKILL
    # run() kills the child when KeyboardInterrupt (Ctrl-C, or SIGTERM via serve.py) reaches us
    result = subprocess.run(command, cwd=config_path.parent, preexec_fn=_die_with_parent)
    if result.returncode not in (0, -signal.SIGINT, -signal.SIGTERM, 130):
        raise BuildError([Problem(str(config_path), 0, 0, f"{engine} serve stopped with exit code {result.returncode}; "
                                                          "its messages are above")])


def _check_port_free(host: str, port: int) -> None:
    """A clear message before any server starts, whichever engine serves."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}; choose another --host") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}; choose another --port") from None


def _build_mkdocs(config_path: Path, site_dir: Path, strict: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        config = load_config(config_file=str(config_path), site_dir=str(site_dir), strict=strict)
        build(config)
    except OSError as exc:
        if exc.errno in SYSTEM_ERRNOS:  # disk full, read-only…: the build reports it with the real path
            raise
        details = handler.messages or [str(exc) or exc.__class__.__name__]
        raise BuildError([Problem(str(config_path), 0, 0, f"build failed: {msg}") for msg in details]) from None
    except (MkDocsException, SystemExit) as exc:
        details = handler.messages or [str(exc) or exc.__class__.__name__]
        raise BuildError([Problem(str(config_path), 0, 0, f"build failed: {msg}") for msg in details]) from None
    finally:
        logger.removeHandler(handler)


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    from .parallel import _die_with_parent  # the engine dies with the build, even on SIGKILL
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            encoding="utf-8", errors="replace", preexec_fn=_die_with_parent)
    result.stdout, result.stderr = _ANSI.sub("", result.stdout), _ANSI.sub("", result.stderr)
    return result


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "the engine failed without a message"


def _zensical_diagnostics(output: str) -> list[str]:
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


def _build_zensical(config_path: Path, site_dir: Path, strict: bool) -> None:
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
    result = _run(command, cwd=work)
    if result.returncode != 0 or not (out / "index.html").is_file():
        details = _zensical_diagnostics(result.stdout + "\n" + result.stderr) or [_last_line(result.stderr or result.stdout)]
        raise BuildError([Problem(str(config_path), 0, 0, f"build failed (zensical): {d}") for d in details])
    if site_dir.exists():
        shutil.rmtree(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(out), str(site_dir))


def _build_properdocs(config_path: Path, site_dir: Path, strict: bool) -> None:
    command = [sys.executable, "-m", "properdocs", "build", "--config-file", str(config_path),
               "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    result = _run(command, cwd=config_path.parent)
    if result.returncode != 0:
        output = result.stdout + "\n" + result.stderr
        details = [m.group(2).strip() for m in re.finditer(r"^(WARNING|ERROR)\s*-\s*(.+)$", output, re.M)]
        details = details or [_last_line(result.stderr or result.stdout)]
        raise BuildError([Problem(str(config_path), 0, 0, f"build failed (properdocs): {d}") for d in details])
