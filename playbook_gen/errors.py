"""Errors are values: every problem is a `Problem`; exceptions only carry lists of them.

The CLI turns a `PlaybookError` into one line per problem and exit code 1; a
`UsageError` becomes exit code 2. Anything else is a bug.
"""
from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, pinned to a place in a file."""

    path: str
    line: int = 0
    column: int = 0
    message: str = field(default="", compare=True)
    severity: str = "error"  # "error" or "warning"

    def format(self) -> str:
        where = display_path(self.path)
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        message = " ".join(self.message.splitlines())  # one problem, one line
        return f"{where}: {self.severity}: {message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def display_path(path: str | os.PathLike) -> str:
    """Relative to the current directory when below it, else as given.

    The path as named, not where a symbolic link leads (a refused link is shown as itself).
    """
    p = Path(path)
    try:
        return str(Path(os.path.abspath(p)).relative_to(Path.cwd()))
    except (ValueError, OSError):
        pass
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(p)


class PlaybookError(Exception):
    """A user error: bad input, failed build, locked output. Exit code 1."""

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem(path="playbook", message=problems)]
        self.problems = sorted(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:  # formatted when asked: 100,000 problems take seconds to format
        return "\n".join(p.format() for p in self.problems)


class ContentError(PlaybookError):
    """The content or team data did not validate."""


class BuildError(PlaybookError):
    """An edition failed inside the build engine."""


class LockedError(PlaybookError):
    """Another build holds the output folder."""


class ForeignFolderError(PlaybookError):
    """Something the generator did not publish is where an edition would go: it is never replaced."""


class SystemRefusedError(PlaybookError):
    """The operating system refused a read or write (disk full, read-only, permissions)."""


class UsageError(Exception):
    """Wrong usage: unknown engine, bad argument, output folders that overlap. Exit code 2."""


class Interrupted(KeyboardInterrupt):
    """SIGINT, SIGTERM or SIGHUP: stop, clean up, exit 128 + the signal number.

    A KeyboardInterrupt, so every `except BaseException`/`finally` that
    cleans up after Ctrl-C does the same for a CI runner's SIGTERM.
    """

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space (or choose another output folder) and run it again",
    errno.EDQUOT: "the disk quota is used up: free some space and run it again",
    errno.EROFS: "the file system is read-only: choose a writable output folder",
    errno.EACCES: "permission denied: check who owns this path, or choose another folder",
    errno.EPERM: "the operating system does not allow this (an immutable file or folder? see lsattr)",
    errno.EMFILE: "too many open files: raise the limit (ulimit -n) or build with fewer --jobs",
    errno.ENFILE: "the system has too many open files: try again later or with fewer --jobs",
    errno.ENAMETOOLONG: "the path is too long: choose a shorter output folder",
    errno.EIO: "input/output error: the disk may be failing",
}


# errors of the machine, not of the edition: they stop the whole build and are reported as the OS said them
SYSTEM_ERRNOS = frozenset(_ADVICE)


def os_problem(exc: OSError, path: str | os.PathLike | None = None) -> Problem:
    """One line for an OSError: the path the user knows (`path` when given), what happened, what to do."""
    where = str(path if path is not None else (exc.filename or "playbook"))
    reason = exc.strerror or exc.__class__.__name__
    advice = _ADVICE.get(exc.errno or 0)
    return Problem(where, message=f"{reason.lower()}" + (f": {advice}" if advice else ""))
