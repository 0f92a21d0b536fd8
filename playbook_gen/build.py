"""Stage 5 — build: run a static-site engine on a rendered edition.

The rest of the pipeline only sees `build_site(config_path, site_dir)`; the
engine behind it is chosen by name so a successor (Zensical, ProperDocs) can
be added here without touching any other stage.
"""
from __future__ import annotations

import logging
from pathlib import Path

from .errors import BuildError, Problem, UsageError

ENGINES = ("mkdocs",)


class _Collect(logging.Handler):
    """Keep MkDocs' warnings so a strict-mode failure says what went wrong."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(config_path: Path, site_dir: Path, *, engine: str = "mkdocs", strict: bool = True) -> None:
    """Build one edition into `site_dir`; raise `BuildError` with the engine's warnings."""
    if engine != "mkdocs":
        raise UsageError(f"unknown build engine '{engine}'; choose one of: {', '.join(ENGINES)}")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        config = load_config(config_file=str(config_path), site_dir=str(site_dir), strict=strict)
        build(config)
    except (MkDocsException, OSError, SystemExit) as exc:
        details = handler.messages or [str(exc) or exc.__class__.__name__]
        raise BuildError([Problem(str(config_path), 0, 0, f"build failed: {msg}") for msg in details]) from None
    finally:
        logger.removeHandler(handler)
