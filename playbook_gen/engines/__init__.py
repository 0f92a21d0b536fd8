"""Stage 5 — build: run a static-site engine on a rendered edition.

Every engine reads the same rendered `mkdocs.yml` and Markdown. The rest of the
pipeline knows engines only through this registry and the functions below
(`build_site`, `serve_site`, ...). One module per engine (`mkdocs`, `zensical`,
`properdocs`) says everything about it in one `Engine` (see `base.py`); adding
an engine is one module, one line in `_REGISTERED` and its extra in
pyproject.toml (CONTRIBUTING.md). Importing this package imports no engine.
"""
from __future__ import annotations

import importlib
from importlib import metadata
from pathlib import Path

from ..errors import BuildError, Problem, UsageError
from ..origin import install_hint
from . import mkdocs as _mkdocs, properdocs as _properdocs, zensical as _zensical
from .base import Engine, check_port_free

__all__ = ["DEFAULT_ENGINE", "ENGINES", "Engine", "build_site", "check_port_free", "engine_available",
           "engine_problems", "engine_version", "get", "require_engine", "serve_site", "warm_up"]

_REGISTERED = (_mkdocs.ENGINE, _zensical.ENGINE, _properdocs.ENGINE)  # `--engine` lists them in this order
REGISTRY: dict[str, Engine] = {engine.name: engine for engine in _REGISTERED}
ENGINES: tuple[str, ...] = tuple(REGISTRY)
DEFAULT_ENGINE = "mkdocs"


def get(name: str) -> Engine:
    """The registered engine called `name`; `UsageError` (exit 2) for an unknown one."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise UsageError(f"unknown build engine '{name}'; choose one of: {', '.join(ENGINES)}") from None


def engine_available(name: str) -> bool:
    """The engine's package imports (found is not enough: a broken install counts as missing)."""
    engine = REGISTRY.get(name)
    if engine is None:
        return False
    try:
        importlib.import_module(engine.module)  # the package's __init__ only, no side effects
    except ImportError:
        return False
    return True


def require_engine(name: str) -> None:
    """Raise `UsageError` (exit 2) for an unknown engine or one that is not installed."""
    engine = get(name)
    if not engine_available(name):
        raise UsageError(f"the '{name}' build engine is not installed; "
                         f"install it with: {install_hint(engine.extra)}")


def engine_version(name: str) -> str:
    """`name version`, e.g. `zensical 0.0.73`: part of what an edition was built from."""
    try:
        return f"{name} {metadata.version(get(name).packages[0])}"
    except metadata.PackageNotFoundError:
        return name


def engine_problems(config_path: Path, name: str) -> list[Problem]:
    """What engine `name` would silently leave out of the site `config_path` describes."""
    return get(name).problems(Path(config_path))


def warm_up(name: str = DEFAULT_ENGINE) -> None:
    """Once per build worker: import the engine and install its per-worker caches."""
    get(name).warm_up()


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
    get(engine).build(config_path, site_dir, strict)
    return problems


def serve_site(config_path: Path, *, host: str, port: int, watch: Path, engine: str = DEFAULT_ENGINE) -> None:
    """Serve one rendered edition with live reload until interrupted (Ctrl-C or SIGTERM).

    An in-process engine (MkDocs) also watches `watch` (where the edition is
    re-rendered); a child-process engine watches the edition's own docs folder and
    config, which are inside `watch`.
    """
    require_engine(engine)
    config_path = Path(config_path)
    errors = [p for p in engine_problems(config_path, engine) if p.is_error]
    if errors:
        raise BuildError(errors)
    check_port_free(host, port)
    get(engine).serve(config_path, host, port, Path(watch))
