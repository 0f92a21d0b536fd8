"""Stage 6 — publish: swap finished editions into the output roots, write the indexes.

An edition is built in a temporary folder beside its destination and moved
into place with renames, so the published path always holds a complete
edition: the old one or the new one.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .resources import safe_name, template_dirs

MANIFEST = ".playbook-manifest.json"
TMP_PREFIX = ".playbook-tmp-"
OLD_PREFIX = ".playbook-old-"
PRIVATE_README = """This folder holds the MANAGER editions of the coaching playbook.

They contain private coaching notes about individual people: goals, focus,
tenure and notes written between each person and their manager.

Never publish this folder without access control. Give each manager access
to their own team's folder only. The shareable editions are in the other
output folder (site/ by default).
"""


@dataclass
class Manifest:
    """What is published in one output root, and from which inputs."""

    root: Path
    editions: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path) -> "Manifest":
        try:
            data = json.loads((root / MANIFEST).read_text("utf-8"))
            return cls(root, dict(data.get("editions", {})))
        except (OSError, ValueError):
            return cls(root)

    def write(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps({"editions": dict(sorted(self.editions.items()))}, indent=2, sort_keys=True) + "\n", "utf-8")
        os.replace(tmp, self.root / MANIFEST)


def build_time() -> datetime:
    """`SOURCE_DATE_EPOCH` when set, so rebuilds of the same input are identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(tz=timezone.utc).replace(microsecond=0)


def staging_dir(root: Path, name: str) -> Path:
    """A fresh temporary folder beside the destination (same file system, so renames are atomic)."""
    root.mkdir(parents=True, exist_ok=True)
    path = root.resolve() / f"{TMP_PREFIX}{safe_name(name)}-{os.getpid()}-{time.monotonic_ns()}"
    path.mkdir()
    return path


def swap_into_place(built: Path, root: Path, name: str) -> None:
    """Replace `root/name` with `built` using renames only."""
    dest = root / safe_name(name)
    old = root / f"{OLD_PREFIX}{name}"
    if old.exists():
        shutil.rmtree(old)
    if dest.exists():
        os.rename(dest, old)
    os.rename(built, dest)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def repair(root: Path) -> None:
    """Undo what a killed build left behind: a half swap, stale temporary folders."""
    if not root.is_dir():
        return
    for entry in root.iterdir():
        if entry.name.startswith(OLD_PREFIX):
            dest = root / entry.name[len(OLD_PREFIX):]
            if dest.exists():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                os.rename(entry, dest)
        elif entry.name.startswith(TMP_PREFIX):
            shutil.rmtree(entry, ignore_errors=True)


def remove_edition(root: Path, name: str) -> None:
    dest = root / safe_name(name)
    if dest.exists():
        old = root / f"{OLD_PREFIX}{name}"
        os.rename(dest, old)
        shutil.rmtree(old, ignore_errors=True)


def _index_environment() -> Environment:
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs()]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
    )


def write_index(root: Path, manifest: Manifest, *, title: str, private: bool) -> None:
    """`index.html` listing every edition of this root, from its manifest."""
    editions = [dict(entry, folder=key.split("/", 1)[1]) for key, entry in sorted(manifest.editions.items())]
    editions.sort(key=lambda e: (e.get("kind") != "library", e.get("name", "")))
    html = _index_environment().get_template("index.html.j2").render(title=title, editions=editions, private=private)
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text(html, "utf-8")
    if private:
        (root / "README.txt").write_text(PRIVATE_README, "utf-8")
