"""ProperDocs: a maintained fork of MkDocs 1.x that runs Material and MkDocs plugins unchanged.

Run as `python -m properdocs build` in a child process: it aliases every
`mkdocs.*` module to its own for the whole process.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from ..errors import BuildError, Problem
from ..processes import last_line, run_captured
from .base import Engine, serve_in_child


def build(config_path: Path, site_dir: Path, strict: bool) -> None:
    command = [sys.executable, "-m", "properdocs", "build", "--config-file", str(config_path),
               "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    result = run_captured(command, cwd=config_path.parent)
    if result.returncode != 0:
        output = result.stdout + "\n" + result.stderr
        details = [m.group(2).strip() for m in re.finditer(r"^(WARNING|ERROR)\s*-\s*(.+)$", output, re.M)]
        details = details or [last_line(result.stderr or result.stdout)]
        raise BuildError([Problem(str(config_path), 0, 0, f"build failed (properdocs): {d}") for d in details])


def serve(config_path: Path, host: str, port: int, watch: Path) -> None:
    serve_in_child("properdocs", "properdocs", config_path, host, port)


ENGINE = Engine(
    name="properdocs", summary="maintained fork of MkDocs 1.x", module="properdocs", extra="properdocs",
    in_process=False, packages=("properdocs", "mkdocs-material", "pymdown-extensions", "markdown"),
    source_relative_links=False,  # like MkDocs: raw HTML is read relative to the page's URL
    build=build, serve=serve,
)
