"""Markers: every published edition carries a `.playbook-edition` file naming its key, and only
a folder with its own edition's marker (or a pre-marker one the manifest lists) is ever replaced.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import Problem
from ..safety import safe_name

MARKER = ".playbook-edition"


def write_marker(site: Path, key: str, build_id: str) -> None:
    """Mark a built edition as ours: only a folder carrying its own marker is ever replaced."""
    (site / MARKER).write_text(json.dumps({"edition": key, "build": build_id}, sort_keys=True) + "\n", "utf-8")


def marker_of(folder: Path) -> str | None:
    """The edition key a published folder's marker names, or None when it has none (or an unreadable one)."""
    try:
        data = json.loads((folder / MARKER).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("edition") if isinstance(data, dict) and isinstance(data.get("edition"), str) else None


def owned(folder: Path, key: str, listed: bool) -> bool:
    """Whether `folder` is the published edition `key`: its marker says so, or it predates markers
    (no marker at all) and the root's manifest lists it."""
    found = marker_of(folder)
    if found is not None:
        return found == key
    return listed and not (folder / MARKER).exists()


def check_destination(root: Path, name: str, key: str, listed: bool) -> Problem | None:
    """A problem when `root/name` holds something that is not our edition `key` (nothing is touched)."""
    dest = root / safe_name(name)
    if not os.path.lexists(dest):
        return None
    if dest.is_dir() and not dest.is_symlink() and owned(dest, key, listed):
        return None
    what = "a symlink" if dest.is_symlink() else "a folder" if dest.is_dir() else "a file"
    return Problem(str(dest), message=(
        f"{what} that playbook build did not publish is in the way of the edition '{key}' "
        f"(no {MARKER} marker for it): move it elsewhere, or choose another output folder; nothing was deleted"))
