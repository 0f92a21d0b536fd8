"""The checks every name and path from the content passes before it touches the file system.

Ids become folder and file names only through `safe_name`; paths the content
gives (a team's `logo`) resolve only through `content_path`, which keeps them
inside the content folder.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from .errors import ContentPathError, UnsafeNameError
from .slug import SLUG_MAX_LENGTH, is_slug

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})


def safe_name(name: str) -> str:
    """The only way an id becomes a folder or file name: it must be a slug."""
    if not is_slug(name) or len(name) > SLUG_MAX_LENGTH:
        raise UnsafeNameError(f"refusing to use {name!r} as a file name: not a slug")
    return name


def content_path(root: Path, relative: str) -> Path:
    """The file a content entry names (a team's `logo`), which must stay inside the content folder.

    The one check for every path the content gives: refused when absolute, when
    it climbs out with `..`, or when it (or a folder on the way) is a symlink
    leading outside `root`; also when it is not an existing file. Raises
    `ContentPathError` with a message for the user.
    """
    text = str(relative)
    posix = PurePosixPath(text.replace("\\", "/"))
    if not text.strip() or posix.is_absolute() or PureWindowsPath(text).drive or text.startswith("~"):
        raise ContentPathError(f"'{text}' must be a path relative to the content folder, like 'assets/logo.png'")
    if ".." in posix.parts:
        raise ContentPathError(f"'{text}' leaves the content folder ('..' is not allowed)")
    base = Path(root).resolve()
    target = (base / posix).resolve()
    if not target.is_relative_to(base):
        raise ContentPathError(f"'{text}' leads outside the content folder through a symbolic link")
    if not target.is_file():
        raise ContentPathError(f"'{text}' was not found in the content folder")
    return target
