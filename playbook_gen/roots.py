"""Output roots that cannot hurt: refused before any work when they overlap each other or the content.

A build writes, replaces and deletes folders inside its two output roots, so
neither may be the content folder, hold it, or sit inside it; the shareable
and the private root may not be the same folder or nested (a manager edition
would land where the team edition is shared). The filesystem root, the home
folder and a project folder holding `content/` are never output roots.
"""
from __future__ import annotations

import os
from pathlib import Path

from .errors import UsageError


def _resolved(path: Path) -> Path:
    return Path(os.path.abspath(Path(path).expanduser())).resolve(strict=False)


def _related(a: Path, b: Path) -> str | None:
    if a == b:
        return "is the same folder as"
    if a.is_relative_to(b):
        return "is inside"
    if b.is_relative_to(a):
        return "contains"
    return None


def check_output_roots(out: Path, managers_out: Path, content: Path | None) -> None:
    """Raise `UsageError` (exit 2, one line) when the output folders could overwrite each other or the content."""
    named = {"--out": (Path(out), _resolved(out)), "--managers-out": (Path(managers_out), _resolved(managers_out))}
    home = _resolved(Path.home()) if os.environ.get("HOME") else None
    cwd = _resolved(Path.cwd())
    for option, (given, path) in named.items():
        if path == Path(path.anchor):
            raise UsageError(f"{option} {given} is the root of the file system: choose a folder of its own, like site/")
        if home is not None and path == home:
            raise UsageError(f"{option} {given} is your home folder: choose a folder of its own, like site/")
        if path == cwd and (cwd / "content").is_dir():
            raise UsageError(f"{option} {given} is this project folder (it holds content/): "
                             "choose a folder of its own, like site/")
    (out_given, out_path), (man_given, man_path) = named.values()
    relation = _related(man_path, out_path)
    if relation:
        raise UsageError(f"--managers-out {man_given} {relation} --out {out_given}: the private manager editions "
                         "need a folder of their own, outside the shareable one (default: OUT-managers beside OUT)")
    if content is not None:
        content_path = _resolved(content)
        for option, (given, path) in named.items():
            relation = _related(path, content_path)
            if relation:
                raise UsageError(f"{option} {given} {relation} the content folder {content}: "
                                 "choose an output folder outside it, like site/")
