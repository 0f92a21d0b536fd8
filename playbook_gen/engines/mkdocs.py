"""MkDocs 1.x + Material for MkDocs (the default engine), run inside the build worker.

In-process: a worker imports MkDocs and Material once and shares work between
the editions it builds (`mkdocs_cache`). MkDocs keeps state on process-wide
loggers (the strict-mode warning counter), so editions are built in separate
worker processes, never threads.
"""
from __future__ import annotations

import logging
from pathlib import Path

from ..errors import SYSTEM_ERRNOS, BuildError, Problem
from .base import Engine


class _Collect(logging.Handler):
    """Keep MkDocs' warnings so a strict-mode failure says what went wrong."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build(config_path: Path, site_dir: Path, strict: bool) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        config = load_config(config_file=str(config_path), site_dir=str(site_dir), strict=strict)
        mkdocs_build(config)
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


def serve(config_path: Path, host: str, port: int, watch: Path) -> None:
    """MkDocs' live-reloading server, in this process; it also watches `watch` (where the edition is re-rendered)."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(config_file=str(config_path), livereload=True, watch_theme=True, watch=[str(watch)],
                 dev_addr=f"{host}:{port}", strict=False)


def warm_up() -> None:
    """Import MkDocs and Material once per worker and install the caches shared across its editions."""
    import material  # noqa: F401
    import mkdocs.commands.build
    import mkdocs.config  # noqa: F401

    from . import mkdocs_cache
    mkdocs_cache.install()


ENGINE = Engine(
    name="mkdocs", summary="MkDocs + Material", module="mkdocs", extra=None, in_process=True,
    packages=("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown"),
    source_relative_links=False,  # raw HTML is left alone: read relative to the page's URL
    build=build, serve=serve, warm_up=warm_up,
)
