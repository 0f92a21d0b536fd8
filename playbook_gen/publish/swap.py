"""The swap: a built edition replaces the published one with one `renameat2(RENAME_EXCHANGE)`,
or two renames where the file system refuses it (`repair()` finishes a half swap); staging,
trash and removal of editions no longer wanted.
"""
from __future__ import annotations

import ctypes
import errno
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..branding import is_brand_file
from ..safety import safe_name
from .markers import owned

TMP_PREFIX = ".playbook-tmp-"
OLD_PREFIX = ".playbook-old-"
TRASH_PREFIX = ".playbook-trash-"


def staging_dir(root: Path, name: str) -> Path:
    """A fresh temporary folder beside the destination (same file system, so renames are atomic)."""
    root.mkdir(parents=True, exist_ok=True)
    path = root.resolve() / f"{TMP_PREFIX}{safe_name(name)}-{os.getpid()}-{time.monotonic_ns()}"
    path.mkdir()
    return path


def discard(path: Path) -> None:
    """Delete a folder safely: rename it to a trash name first, so a half-deleted folder is never restored."""
    if not path.exists():
        return
    trash = path.with_name(f"{TRASH_PREFIX}{path.name.lstrip('.')}-{os.getpid()}-{time.monotonic_ns()}")
    os.rename(path, trash)
    shutil.rmtree(trash, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_NOREPLACE = 1
_RENAME_EXCHANGE = 2
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP}


def _load_renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not glibc ≥ 2.28 / not Linux
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_renameat2_fn = _load_renameat2()


def renameat2(src: Path, dst: Path, flags: int) -> None:
    """Linux renameat2(2); raises OSError (ENOSYS where the C library lacks it)."""
    if _renameat2_fn is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available", str(src))
    if _renameat2_fn(_AT_FDCWD, os.fsencode(src), _AT_FDCWD, os.fsencode(dst), flags) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(src), None, str(dst))


@dataclass
class SwapStats:
    """How editions were swapped in this run: `exchange` (atomic) or `two-rename` (the fallback)."""

    methods: list[str] = field(default_factory=list)


def swap_into_place(built: Path, root: Path, name: str, stats: SwapStats | None = None) -> str:
    """Publish `built` as `root/name`; return the method used.

    The caller has checked that an existing `root/name` is ours. After an
    exchange the old edition sits at `built`'s path (in the staging folder),
    for the caller to delete with the rest of the stage.
    """
    dest = root / safe_name(name)
    method = "exchange"
    try:
        if os.path.lexists(dest):
            renameat2(built, dest, _RENAME_EXCHANGE)
        else:
            renameat2(built, dest, _RENAME_NOREPLACE)
    except OSError as exc:
        if exc.errno not in _NO_EXCHANGE:
            raise
        method = "two-rename"
        old = root / f"{OLD_PREFIX}{name}"
        discard(old)  # only a leftover: repair() already restored any half swap
        if os.path.lexists(dest):
            os.rename(dest, old)
        os.rename(built, dest)
        discard(old)
    if stats is not None:
        stats.methods.append(method)
    return method


def repair(root: Path) -> list[str]:
    """Undo what a killed build left behind: a half swap, temporary and trash folders.

    Must run under the output lock. Returns the names of restored editions.
    """
    restored: list[str] = []
    if not root.is_dir():
        return restored
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(OLD_PREFIX):
            dest = root / entry.name[len(OLD_PREFIX):]
            if dest.exists():
                discard(entry)
            else:
                os.rename(entry, dest)
                restored.append(dest.name)
        elif entry.name.startswith((TMP_PREFIX, TRASH_PREFIX)):
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.endswith(".tmp") and (entry.name.startswith((".playbook-manifest", "index.html", "README.txt"))
                                              or is_brand_file(entry.name.split(".tmp")[0].rsplit(".", 1)[0])):
            entry.unlink(missing_ok=True)
    return restored


def remove_edition(root: Path, name: str, key: str) -> bool:
    """Delete a published edition no longer wanted, only if it is ours; False when it was left alone."""
    dest = root / safe_name(name)
    if not os.path.lexists(dest):
        return True
    if dest.is_symlink() or not dest.is_dir() or not owned(dest, key, listed=True):
        return False
    discard(dest)
    return True
