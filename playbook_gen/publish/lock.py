"""One build at a time per output root: an exclusive `flock` on `ROOT/.playbook-lock`."""
from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import LockedError, Problem

LOCK = ".playbook-lock"

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
