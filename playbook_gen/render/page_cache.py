"""The page cache: a page several editions share is rendered once and written once per build,
every further copy a hard link to the first (creating a file costs far more than linking one).

An entry is [page, Markdown bytes, the first file holding them or None]; the
cache is one dict per build, keyed by the environment's and the page's ids.
"""
from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment

from ..paths import write_if_changed
from ..plan import Page
from .pages import render


def shared_page(env: Environment, page: Page, cache: dict) -> list:
    """[page, Markdown bytes, a file already holding them or None] for one shared page."""
    key = (id(env), id(page))
    entry = cache.get(key)
    if entry is None or entry[0] is not page:
        # the page is kept in the entry, so its id cannot be reused by another page while cached
        text = render(env, page)
        entry = cache[key] = [page, text.encode("utf-8"), None]
    return entry


def write_shared(target: Path, entry: list, made: set[Path], fresh: bool = False) -> None:
    """Write a new file, as a hard link to an identical one written for an earlier edition when
    there is one (creating a file costs far more than linking one), else with its bytes.
    `fresh`: the folder was empty when this edition's rendering began."""
    if not fresh and (target.exists() or target.is_symlink()):  # plain write-if-changed
        write_if_changed(target, entry[1])
        return
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    if entry[2] is not None:
        try:
            os.link(entry[2], target)
            return
        except OSError:  # the earlier edition's folder is gone, or another file system
            pass
    target.write_bytes(entry[1])
    entry[2] = target

