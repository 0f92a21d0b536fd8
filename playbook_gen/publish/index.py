"""The output roots' `index.html` (every edition, from the manifest, with the site's brand) and
the manager root's README.txt.
"""
from __future__ import annotations

import re
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..branding import PRIVATE_SUFFIX, IndexBrand, index_brand, index_label, logo_html, place_files
from ..errors import Problem
from ..i18n.strings import SOURCE_LANGUAGE, language_name
from ..models import LANGUAGE_PATTERN
from ..paths import template_dirs
from .manifest import Manifest, atomic_write

PRIVATE_README = """This folder holds the MANAGER editions of the coaching playbook.

They contain private coaching notes about individual people: goals, focus,
tenure and notes written between each person and their manager.

Never publish this folder without access control. Give each manager access
to their own team's folder only. The shareable editions are in the other
output folder (site/ by default).
"""


def _index_environment() -> Environment:
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs()]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
    )


def write_index(root: Path, manifest: Manifest, *, title: str, private: bool,
                brand: IndexBrand | None = None) -> list[Problem]:
    """`index.html` listing every edition of this root, from its manifest, with the site's brand
    (its logo and favicon copied beside it, recorded in `manifest.brand` for the caller to write).
    Returns warnings: a brand file in the way that is not ours."""
    editions = [dict(entry, folder=key.split("/", 1)[1], name=index_label(entry),
                     language_name=_language_name(entry.get("language")), language_code=entry.get("language"),
                     **_name_parts(entry))
                for key, entry in sorted(manifest.editions.items())]
    editions.sort(key=lambda e: (e.get("kind") != "library", e.get("name", ""), e["folder"]))
    root.mkdir(parents=True, exist_ok=True)
    brand = brand if brand is not None else index_brand()
    manifest.brand, warnings = place_files(root, brand, manifest.brand)  # the caller writes the manifest
    html = _index_environment().get_template("index.html.j2").render(
        title=title, editions=editions, private=private, palette=Markup(brand.palette), logo=Markup(logo_html(brand)),
        favicon=brand.favicon, description=index_description(title, private))
    atomic_write(root / "index.html", html.encode("utf-8"))
    if private:
        atomic_write(root / "README.txt", PRIVATE_README.encode("utf-8"))
    return warnings


def _name_parts(entry: dict) -> dict:
    """The index is in the playbook's source language; a team edition in another language lists the
    team's name (written in the team's language) marked with it, and the index's own ' — manager edition'
    after it: {'name_lang': 'de', 'team_name': …, 'name_suffix': …}; name_lang None when nothing to mark."""
    code, name = entry.get("language"), index_label(entry)
    if entry.get("kind") != "team" or not isinstance(code, str) or not re.fullmatch(LANGUAGE_PATTERN, code) \
            or code.split("-")[0] == SOURCE_LANGUAGE.split("-")[0]:
        return {"name_lang": None, "team_name": name, "name_suffix": ""}
    team_name = name.removesuffix(PRIVATE_SUFFIX)
    return {"name_lang": code, "team_name": team_name, "name_suffix": name[len(team_name):]}


def _language_name(code: object) -> str:
    """'Deutsch (de)': an edition's language as its readers name it, and its code."""
    if not isinstance(code, str) or not re.fullmatch(LANGUAGE_PATTERN, code):
        return ""
    return f"{language_name(code, code)} ({code})"


def index_description(title: str, private: bool) -> str:
    """The index's meta description: what the page is, for search engines and link previews."""
    if private:
        return "The private manager editions of the coaching playbook, one per team: keep them behind access control."
    return f"{title}: the org-wide library and one edition per team."
