"""Where bundled and user-supplied resources live.

A wheel ships the default content pack, templates, schemas and base
`mkdocs.yml` under `playbook_gen/_bundled/`; in a source checkout they are the
repository's top-level folders. A user's own `templates/` and `mkdocs.yml` in
the working folder override the bundled ones; a user's `content/` replaces the
bundled pack as a whole.
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath, PureWindowsPath

PACKAGE_DIR = Path(__file__).resolve().parent
_SAFE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})


def bundled_root() -> Path:
    bundled = PACKAGE_DIR / "_bundled"
    return bundled if bundled.is_dir() else PACKAGE_DIR.parent


def bundled_content() -> Path:
    return bundled_root() / "content"


def bundled_templates() -> Path:
    return bundled_root() / "templates"


def bundled_base_config() -> Path:
    return bundled_root() / "mkdocs.yml"


def template_dirs(cwd: Path | None = None) -> list[Path]:
    """User templates first (file-by-file override), bundled templates last."""
    cwd = cwd or Path.cwd()
    dirs = []
    user = cwd / "templates"
    if user.is_dir() and user.resolve() != bundled_templates().resolve():
        dirs.append(user)
    dirs.append(bundled_templates())
    return dirs


def base_config(cwd: Path | None = None) -> Path:
    cwd = cwd or Path.cwd()
    user = cwd / "mkdocs.yml"
    return user if user.is_file() else bundled_base_config()


def safe_name(name: str) -> str:
    """The only way an id becomes a folder or file name: it must be a slug."""
    if not isinstance(name, str) or not _SAFE_NAME.match(name) or len(name) > 64:
        raise ValueError(f"refusing to use {name!r} as a file name: not a slug")
    return name


def content_path(root: Path, relative: str) -> Path:
    """The file a content entry names (a team's `logo`), which must stay inside the content folder.

    The one check for every path the content gives: refused when absolute, when
    it climbs out with `..`, or when it (or a folder on the way) is a symlink
    leading outside `root`; also when it is not an existing file. Raises
    `ValueError` with a message for the user.
    """
    text = str(relative)
    posix = PurePosixPath(text.replace("\\", "/"))
    if not text.strip() or posix.is_absolute() or PureWindowsPath(text).drive or text.startswith("~"):
        raise ValueError(f"'{text}' must be a path relative to the content folder, like 'assets/logo.png'")
    if ".." in posix.parts:
        raise ValueError(f"'{text}' leaves the content folder ('..' is not allowed)")
    base = Path(root).resolve()
    target = (base / posix).resolve()
    if not target.is_relative_to(base):
        raise ValueError(f"'{text}' leads outside the content folder through a symbolic link")
    if not target.is_file():
        raise ValueError(f"'{text}' was not found in the content folder")
    return target


def theme_languages() -> set[str]:
    """Interface languages the installed Material theme ships (empty if it cannot tell)."""
    try:
        import material
    except ImportError:  # pragma: no cover - mkdocs-material is a dependency
        return set()
    folder = Path(material.__file__).resolve().parent / "templates" / "partials" / "languages"
    return {p.stem for p in folder.glob("*.html") if p.stem != "custom"}
