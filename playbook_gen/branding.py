"""The organisation's brand beyond the library: edition titles, and the indexes' palette, logo and favicon.

Every edition's header and browser tab read "Playbook title · Team" (the
theme prints `site_name` through the escaping overrides). The output roots'
`index.html` pages are not built by MkDocs, so they take the brand from the
same base `mkdocs.yml` the editions inherit (the user's layered on the
bundled one): the palette's colours as Material defines them, the logo and
the favicon. Logo and favicon are copied next to `index.html` as
`logo.<ext>` and `favicon.<ext>`; an edition is a folder named by a slug, so
a name with a dot never collides with one. Such a file is only written over
or deleted when it is one this module wrote (its hash is recorded in the
root's manifest) or already identical: `--out` may be a web root holding a
favicon of its own.
"""
from __future__ import annotations

import hashlib
import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem
from .material_palette import material_rules, resolve
from .paths import base_config, bundled_base_config, overrides_dirs
from .safety import IMAGE_SUFFIXES

PRIVATE_SUFFIX = " — manager edition"
BRAND_STEMS = ("favicon", "logo")  # files at an output root's top that the index writer owns
_ICON = re.compile(r"^[a-z0-9-]+(/[a-z0-9-]+)+$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_FAVICON_SUFFIXES = IMAGE_SUFFIXES | {".ico"}


def edition_label(team_name: str, private: bool) -> str:
    """How an index lists a team's edition (the index's own title names the playbook)."""
    return team_name + (PRIVATE_SUFFIX if private else "")


def edition_title(playbook_title: str, team_name: str, private: bool) -> str:
    """A team edition's site name: the playbook it belongs to, then the team; a manager edition says so."""
    return f"{playbook_title} · {edition_label(team_name, private)}"


def index_label(entry: dict[str, Any]) -> str:
    """How an index lists an edition: 'Library', the team's name, or the name plus ' — manager edition'."""
    if entry.get("kind") == "library":
        return "Library"  # the Language column tells library editions apart
    return str(entry.get("name") or "")


# --- the base config's theme ----------------------------------------------------------------------

class _Tolerant(yaml.SafeLoader):
    """Reads a mkdocs.yml holding `!!python/name:` or `!ENV` tags (their values do not matter here)."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def _read(path: Path, depth: int = 0) -> dict[str, Any]:
    """A config file with its INHERIT chain merged the way MkDocs merges it (mappings key by key)."""
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_Tolerant) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str) and depth < 8:
        return _merge(_read((path.parent / parent), depth + 1), data)
    return data


def _merge(base: dict, child: dict) -> dict:
    out = dict(base)
    for key, value in child.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def site_theme(cwd: Path | None = None) -> dict[str, Any]:
    """The `theme:` every edition inherits: the user's mkdocs.yml layered on the bundled one."""
    user = base_config(cwd)
    config = _read(bundled_base_config())
    if user.resolve() != bundled_base_config().resolve():
        text = user.read_text("utf-8", errors="replace")
        config = _read(user) if re.search(r"^INHERIT\s*:", text, re.M) else _merge(config, _read(user))
    theme = config.get("theme")
    return theme if isinstance(theme, dict) else {}


# --- Material's colours ---------------------------------------------------------------------------

def _material_templates() -> Path | None:
    try:
        import material
    except ImportError:  # pragma: no cover - mkdocs-material is a dependency
        return None
    return Path(material.__file__).resolve().parent / "templates"


def _safe_css_value(value: str) -> bool:
    return bool(re.fullmatch(r"[#a-zA-Z0-9(),.%\s-]+", value))


def palette_css(theme: dict[str, Any]) -> str:
    """CSS custom properties giving an index Material's colours for the palette the editions use."""
    palette = theme.get("palette")
    if isinstance(palette, list):  # a light/dark toggle: the first scheme is the default one
        palette = next((p for p in palette if isinstance(p, dict)), {})
    palette = palette if isinstance(palette, dict) else {}
    names = {}
    for kind in ("primary", "accent"):
        name = palette.get(kind)
        name = name.replace(" ", "-").lower() if isinstance(name, str) else ""
        names[kind] = name if _NAME.match(name) else "indigo"  # Material's default for both
    # the variables <body> ends up with in Material's default scheme, read by the one parser of Material's CSS
    variables = resolve(material_rules(), "default", names["primary"], names["accent"])
    values = {k: v for k, v in variables.items() if k.startswith(("--md-primary-", "--md-accent-")) or k == "--md-hue"}
    return "".join(f"{k}:{v};" for k, v in values.items() if _safe_css_value(v))


# --- logo and favicon -----------------------------------------------------------------------------

def _theme_file(relative: Any, *, material_too: bool = False) -> Path | None:
    """A file a theme setting names (`assets/logo.svg`): from the theme overrides, the user's first."""
    if not isinstance(relative, str) or not relative.strip() or re.match(r"^[a-z][a-z0-9+.-]*:", relative):
        return None  # unset, or a URL: nothing is fetched
    parts = Path(relative.replace("\\", "/"))
    if parts.is_absolute() or ".." in parts.parts:
        return None
    folders = list(reversed(overrides_dirs()))
    root = _material_templates()
    if material_too and root is not None:
        folders.append(root)
    for folder in folders:
        candidate = folder / parts
        if candidate.is_file() and candidate.resolve().is_relative_to(folder.resolve()):
            return candidate
    return None


def _icon_svg(theme: dict[str, Any]) -> str:
    """Material's own SVG for `theme.icon.logo` (default: its library icon), to inline in the header."""
    icon = theme.get("icon")
    name = icon.get("logo") if isinstance(icon, dict) else None
    name = name if isinstance(name, str) and _ICON.match(name) else "material/library"
    root = _material_templates()
    if root is None:
        return ""
    path = root / ".icons" / f"{name}.svg"
    if not path.is_file():
        path = root / ".icons" / "material" / "library.svg"
    try:
        svg = path.read_text("utf-8")
    except OSError:
        return ""
    return svg if svg.lstrip().startswith("<svg") and "<script" not in svg.lower() else ""


@dataclass
class IndexBrand:
    """What an index page shows of the brand, and the files it needs beside it."""

    palette: str = ""
    files: dict[str, bytes] = field(default_factory=dict)  # name at the root → content
    logo: str | None = None  # file name of the logo, when it is a file
    favicon: str | None = None
    icon: str = ""  # Material icon SVG, inlined when there is no logo file


def index_brand(cwd: Path | None = None) -> IndexBrand:
    theme = site_theme(cwd)
    brand = IndexBrand(palette=palette_css(theme), icon=_icon_svg(theme))
    logo = _theme_file(theme.get("logo"))
    if logo is not None and logo.suffix.lower() in IMAGE_SUFFIXES:
        brand.logo = f"logo{logo.suffix.lower()}"
        brand.files[brand.logo] = logo.read_bytes()
    favicon = _theme_file(theme.get("favicon") or "assets/images/favicon.png", material_too=True)
    if favicon is not None and favicon.suffix.lower() in _FAVICON_SUFFIXES:
        brand.favicon = f"favicon{favicon.suffix.lower()}"
        brand.files[brand.favicon] = favicon.read_bytes()
    return brand


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _current(path: Path) -> str | None:
    """The hash of a regular file at `path`; None for a folder, symlink or nothing."""
    if path.is_symlink() or not path.is_file():
        return None
    return _digest(path.read_bytes())


def is_brand_file(name: str) -> bool:
    """A name the index writer may own at a root's top: `favicon.png`, `logo.svg`, ..."""
    stem, dot, suffix = name.partition(".")
    return stem in BRAND_STEMS and dot == "." and f".{suffix}" in _FAVICON_SUFFIXES


def place_files(root: Path, brand: IndexBrand, recorded: dict[str, str]) -> tuple[dict[str, str], list[Problem]]:
    """Write the brand files into `root`; return what is now ours ({name: sha256}) and warnings.

    A file in the way that we did not write (its hash is not the recorded one)
    is left alone and not used; files we wrote that are no longer wanted are deleted.
    """
    ours: dict[str, str] = {}
    warnings: list[Problem] = []
    for name, data in brand.files.items():
        path = root / name
        digest = _digest(data)
        if os.path.lexists(path):
            current = _current(path)
            if current != digest and (current is None or recorded.get(name) != current):
                warnings.append(Problem(str(path), severity="warning", message=(
                    f"the index's {name.split('.')[0]} was not written: this file was not written by playbook "
                    "build; move it elsewhere to let the index use the playbook's own")))
                if brand.logo == name:
                    brand.logo = None
                if brand.favicon == name:
                    brand.favicon = None
                continue
        if _current(path) != digest:
            tmp = path.with_name(f"{name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        ours[name] = digest
    for name, digest in recorded.items():
        if name not in ours and is_brand_file(name) and _current(root / name) == digest:
            (root / name).unlink()
    return ours, warnings


def logo_html(brand: IndexBrand) -> str:
    """The index header's logo: the logo file, else Material's icon inlined (it takes the text colour)."""
    if brand.logo:
        return f'<img src="{html.escape(brand.logo)}" alt="" width="32" height="32">'
    return brand.icon
