"""What an edition is built from, as one hash: the incremental build's memory.

An edition's hash covers the content it uses (every principle, practice and
situation file, playbook.yml and any other file under the content folder:
all editions carry the whole library), its team's file and validated data,
the templates (user and bundled, overrides and assets included), the base
mkdocs.yml, this package (version and every module's source) and the
versions of the packages that shape output (the generator's own and those the
chosen engine declares in `engines`), and every build option that shapes output
(engine, site URL, …).
It is computed from the inputs, without rendering, so a no-op rebuild costs
only loading and validating the content.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable, Set
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__
from .engines import DEFAULT_ENGINE, get as get_engine
from .paths import PACKAGE_DIR, base_config, template_dirs

# Options that say where or how much to build, not what an edition looks like.
NOT_OUTPUT_SHAPING = {"content", "out", "managers_out", "teams", "force", "jobs", "shard", "strict"}
# What the generator itself writes output with, whichever engine builds: templates, prose
# Markdown and its sanitiser; installing WeasyPrint adds the deck PDF: a new output.
GENERATOR_PACKAGES = ("jinja2", "markdown", "nh3", "weasyprint", "babel")  # Babel: dates, numbers, PO files


def output_packages(engine: str) -> tuple[str, ...]:
    """The distributions whose versions an edition built by `engine` depends on."""
    return tuple(dict.fromkeys(GENERATOR_PACKAGES + get_engine(engine).packages))


def _tree_digest(root: Path, exclude: Set[Path] = frozenset()) -> str:
    h = hashlib.sha256()
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root)
            if any(part.startswith(".") for part in rel.parts) or not path.is_file() or path.resolve() in exclude:
                continue
            h.update(rel.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@cache
def _package_digest(engine: str) -> str:
    h = hashlib.sha256(__version__.encode())
    # subpackages (engines/) included, and the generator's own catalogues (locale/*.po: its words per language)
    for path in sorted([*PACKAGE_DIR.rglob("*.py"), *PACKAGE_DIR.glob("locale/*.po")]):
        h.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    for name in output_packages(engine):
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=-".encode())
    return h.hexdigest()


def _options_digest(options: Any) -> str:
    shaping = {}
    if dataclasses.is_dataclass(options):
        for f in dataclasses.fields(options):
            if f.name not in NOT_OUTPUT_SHAPING:
                shaping[f.name] = getattr(options, f.name)
    return hashlib.sha256(json.dumps(shaping, sort_keys=True, default=str).encode()).hexdigest()


class Fingerprints:
    """Hashes of one build's inputs: shared parts computed once, then one per edition."""

    def __init__(self, content: Any, options: Any, team_files: Iterable[Path]):
        self.team_files = {Path(p).resolve() for p in team_files}
        shared = hashlib.sha256()
        shared.update(b"content:" + _tree_digest(Path(content.root), self.team_files).encode())
        for d in template_dirs():
            shared.update(b"templates:" + _tree_digest(d).encode())
        shared.update(b"base:" + base_config().read_bytes())
        shared.update(b"package:" + _package_digest(getattr(options, "engine", DEFAULT_ENGINE)).encode())
        shared.update(b"options:" + _options_digest(options).encode())
        # MkDocs (sitemap dates) and calendar.ics (DTSTAMP) print it: a new value is a new output
        shared.update(b"source-date-epoch:" + os.environ.get("SOURCE_DATE_EPOCH", "").strip().encode())
        self.shared = shared.hexdigest()

    def edition(self, edition: Any, *, site_url: str | None, team_file: Path | None) -> str:
        h = hashlib.sha256(self.shared.encode())
        h.update(f"\0{edition.kind}\0{edition.id}\0{site_url or ''}\0".encode())
        if edition.kind == "manager":  # its "This week" page is the week the build runs in
            from .plan.prep import this_week_key

            h.update(f"this-week:{this_week_key()}\0".encode())
        if edition.team is not None:
            h.update(edition.team.model_dump_json().encode())
            if team_file is not None and Path(team_file).is_file():
                h.update(Path(team_file).read_bytes())
        return h.hexdigest()
