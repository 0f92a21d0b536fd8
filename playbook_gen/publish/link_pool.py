"""Disk: identical files across editions of one output root become hard links to one copy."""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path


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
