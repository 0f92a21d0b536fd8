"""Stage 6 — publish: swap finished editions into the output roots, write the indexes.

An edition is built in a temporary folder beside its destination and moved
into place so the published path always holds a complete edition: the old
one or the new one, at every instant.

- On Linux the new edition replaces the old one with a single
  `renameat2(RENAME_EXCHANGE)`: the two folders trade names in one atomic
  step, and the old edition (now at the temporary name) is deleted after. A
  first publish uses `renameat2(RENAME_NOREPLACE)`, which refuses to overwrite.
- Where the file system refuses the exchange (EINVAL, ENOSYS, EXDEV, ENOTSUP:
  NFS, CIFS, some FUSE, other systems), the fallback is two renames,

      dest → .playbook-old-NAME      (the old edition, still complete)
      built → dest                   (the new edition)

  and a kill between them leaves `dest` missing for a moment, with the
  complete old edition beside it: `repair()` (run under the lock at the
  start of every build) renames it back.

Only what the generator published is ever replaced or deleted: every edition
carries a `.playbook-edition` marker naming its key, and a folder in the way
without the marker for that same edition is an error (`ForeignFolderError`),
never a deletion. Editions published before markers existed count as ours
when the root's manifest lists them.

A folder being deleted is always first renamed to a `.playbook-trash-` name,
so a half-deleted folder is never mistaken for an edition to restore. One
build at a time per output root: `OutputLock` holds an exclusive `flock` on
`ROOT/.playbook-lock` for the whole run.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .branding import IndexBrand, index_brand, index_label, is_brand_file, logo_html, place_files
from .errors import LockedError, Problem
from .paths import template_dirs
from .safety import safe_name

MANIFEST = ".playbook-manifest.json"
SHARD_MANIFEST = ".playbook-manifest-shard-{k}-of-{n}.json"
MANIFEST_GLOB = ".playbook-manifest*.json"
LOCK = ".playbook-lock"
TMP_PREFIX = ".playbook-tmp-"
OLD_PREFIX = ".playbook-old-"
TRASH_PREFIX = ".playbook-trash-"
MARKER = ".playbook-edition"
PRIVATE_README = """This folder holds the MANAGER editions of the coaching playbook.

They contain private coaching notes about individual people: goals, focus,
tenure and notes written between each person and their manager.

Never publish this folder without access control. Give each manager access
to their own team's folder only. The shareable editions are in the other
output folder (site/ by default).
"""


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@dataclass
class Manifest:
    """What is published in one output root, and from which inputs.

    `editions` maps an edition key ('team/emea-enterprise') to what the index
    shows plus `inputs`, the hash of everything the edition was built from.
    A sharded build (`shard=(k, n)`) writes its own file, so the shards'
    outputs can be copied together and `playbook index` merges them.
    """

    root: Path
    editions: dict[str, dict[str, Any]] = field(default_factory=dict)
    title: str | None = None
    shard: tuple[int, int] | None = None
    brand: dict[str, str] = field(default_factory=dict)  # files beside index.html we wrote: name → sha256

    @property
    def path(self) -> Path:
        name = MANIFEST if self.shard is None else SHARD_MANIFEST.format(k=self.shard[0], n=self.shard[1])
        return self.root / name

    @classmethod
    def read(cls, root: Path, shard: tuple[int, int] | None = None) -> Manifest:
        manifest = cls(Path(root), shard=shard)
        try:
            data = json.loads(manifest.path.read_text("utf-8"))
            manifest.editions = dict(data.get("editions", {}))
            manifest.title = data.get("title")
            manifest.brand = _brand_record(data)
        except (OSError, ValueError, AttributeError):
            pass
        return manifest

    @classmethod
    def read_all(cls, root: Path) -> Manifest:
        """Every manifest present in `root` merged: the unsharded one, then the shards' in name order."""
        merged = cls(Path(root))
        for path in sorted(Path(root).glob(MANIFEST_GLOB), key=lambda p: (p.name != MANIFEST, p.name)):
            try:
                data = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict):
                merged.editions.update(data.get("editions", {}))
                merged.title = merged.title or data.get("title")
                merged.brand.update(_brand_record(data))
        return merged

    def write(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        data: dict[str, Any] = {"title": self.title, "editions": dict(sorted(self.editions.items()))}
        if self.brand:
            data["brand"] = dict(sorted(self.brand.items()))
        _atomic_write(self.path, (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))


def _brand_record(data: Any) -> dict[str, str]:
    record = data.get("brand") if isinstance(data, dict) else None
    return {k: v for k, v in record.items() if isinstance(k, str) and isinstance(v, str) and is_brand_file(k)} \
        if isinstance(record, dict) else {}


def build_time() -> datetime:
    """`SOURCE_DATE_EPOCH` when set, so rebuilds of the same input are identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)


class OutputLock:
    """An exclusive lock on an output root for the length of a build.

    A second `playbook build` on the same output does not wait: it fails at
    once with a `LockedError` naming the process that holds the lock. The lock
    is released when the holder exits, however it exits (SIGKILL included).
    """

    def __init__(self, roots: Iterable[Path]):
        self.roots = sorted({Path(r).resolve() for r in roots})
        self.fds: list[int] = []

    def __enter__(self) -> OutputLock:
        try:
            for root in self.roots:
                root.mkdir(parents=True, exist_ok=True)
                fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError as exc:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "another process"
                    os.close(fd)
                    if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                        raise LockedError([Problem(str(root), message=(
                            f"another playbook build (pid {holder}) is writing this output folder; "
                            "wait for it to finish, then run the build again"))]) from None
                    raise
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
                self.fds.append(fd)
        except BaseException:
            self.release()
            raise
        return self

    def release(self) -> None:
        for fd in self.fds:
            try:
                os.ftruncate(fd, 0)  # no pid left behind: two builds leave identical output folders
            except OSError:
                pass
            try:
                os.close(fd)  # closing the last descriptor releases the flock
            except OSError:
                pass
        self.fds = []

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def staging_dir(root: Path, name: str) -> Path:
    """A fresh temporary folder beside the destination (same file system, so renames are atomic)."""
    root.mkdir(parents=True, exist_ok=True)
    path = root.resolve() / f"{TMP_PREFIX}{safe_name(name)}-{os.getpid()}-{time.monotonic_ns()}"
    path.mkdir()
    return path


def _discard(path: Path) -> None:
    """Delete a folder safely: rename it to a trash name first, so a half-deleted folder is never restored."""
    if not path.exists():
        return
    trash = path.with_name(f"{TRASH_PREFIX}{path.name.lstrip('.')}-{os.getpid()}-{time.monotonic_ns()}")
    os.rename(path, trash)
    shutil.rmtree(trash, ignore_errors=True)


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


# --- the swap --------------------------------------------------------------------------------------

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
        _discard(old)  # only a leftover: repair() already restored any half swap
        if os.path.lexists(dest):
            os.rename(dest, old)
        os.rename(built, dest)
        _discard(old)
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
                _discard(entry)
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
    _discard(dest)
    return True


# --- disk: identical files across editions become hard links to one copy --------------------------

class LinkPool:
    """Hard-links files of a freshly built edition to identical files already published in the same root.

    Every staged file is hashed and looked up by (size, SHA-256) among the
    files this pool has published so far and, on first sight, among files at
    the same relative path in the root's other editions. Digests are cached by
    path and stat, never by inode alone: once a staged file is replaced by a
    link its inode number is free and comes back for the next staged file.
    The edition being linked is still in its staging folder, so published
    files are never modified in place; each edition stays a complete folder
    (a hard link is a full file to every tool). Only editions that are ours
    (`editions`: their folder names) are looked into.
    """

    def __init__(self, root: Path, editions: Iterable[str] = ()):
        self.root = root
        self.editions = set(editions)
        self._digests: dict[tuple, str] = {}  # (path, dev, inode, size, mtime) → sha256
        self._published: dict[tuple[int, str], Path] = {}  # (size, sha256) → a published file

    @staticmethod
    def _hash(path: Path) -> str:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()

    def _digest(self, path: Path, st: os.stat_result) -> str:
        key = (str(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        if key not in self._digests:
            self._digests[key] = self._hash(path)
        return self._digests[key]

    def _still(self, path: Path, size: int, digest: str) -> os.stat_result | None:
        """The stat of a remembered published file if it is still there, unchanged."""
        try:
            st = path.stat()
        except OSError:
            return None
        if st.st_size != size or not os.path.isfile(path) or self._digest(path, st) != digest:
            return None
        return st

    def link(self, staged: Path, name: str) -> int:
        """Replace files of `staged` by hard links where identical; return bytes saved.

        Call before publishing `staged` as `root/name`: its files are then
        remembered as published under that name.
        """
        others = [self.root / other for other in sorted(self.editions - {name})]
        saved = 0
        final = self.root / name
        for path in sorted(staged.rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue
            rel = path.relative_to(staged)
            st = path.stat()
            digest = self._hash(path)  # a staged path is new: nothing to cache
            key = (st.st_size, digest)
            source = self._published.get(key)
            if source is not None and self._still(source, st.st_size, digest) is None:
                source = None
            if source is None:
                for other in others:
                    candidate = other / rel
                    if self._still(candidate, st.st_size, digest) is not None:
                        source = candidate
                        break
            if source is None:
                self._published[key] = final / rel  # where this file is about to be published
                continue
            self._published[key] = source
            tmp = path.with_name(path.name + ".playbook-link")
            try:
                os.link(source, tmp)
                os.replace(tmp, path)
                saved += st.st_size
            except OSError:  # another file system, a link-count limit: keep the copy
                tmp.unlink(missing_ok=True)
        self.editions.add(name)
        return saved


def disk_usage(roots: Iterable[Path]) -> tuple[int, int]:
    """(bytes on disk counting each hard-linked file once, bytes if every file were a copy)."""
    seen: set[tuple[int, int]] = set()
    unique = total = 0
    folders = [str(root) for root in roots if Path(root).is_dir()]
    while folders:  # os.scandir, not os.walk: a no-op rebuild spends most of its time here
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    continue
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            total += st.st_size
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                unique += st.st_size
    return unique, total


# --- the indexes ----------------------------------------------------------------------------------

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
    editions = [dict(entry, folder=key.split("/", 1)[1], name=index_label(entry))
                for key, entry in sorted(manifest.editions.items())]
    editions.sort(key=lambda e: (e.get("kind") != "library", e.get("name", ""), e["folder"]))
    root.mkdir(parents=True, exist_ok=True)
    brand = brand if brand is not None else index_brand()
    manifest.brand, warnings = place_files(root, brand, manifest.brand)  # the caller writes the manifest
    html = _index_environment().get_template("index.html.j2").render(
        title=title, editions=editions, private=private, palette=Markup(brand.palette), logo=Markup(logo_html(brand)),
        favicon=brand.favicon, description=index_description(title, private))
    _atomic_write(root / "index.html", html.encode("utf-8"))
    if private:
        _atomic_write(root / "README.txt", PRIVATE_README.encode("utf-8"))
    return warnings


def index_description(title: str, private: bool) -> str:
    """The index's meta description: what the page is, for search engines and link previews."""
    if private:
        return "The private manager editions of the coaching playbook, one per team: keep them behind access control."
    return f"{title}: the org-wide library and one edition per team."
