"""Errors are values: every problem is a `Problem`; exceptions only carry lists of them.

The CLI turns a `PlaybookError` into one line per problem and exit code 1; a
`UsageError` becomes exit code 2. Anything else is a bug. The hierarchy:

    PlaybookError            a user error, carries `problems`: exit 1
    ├── ContentError         the content or team data did not validate
    ├── BuildError           an edition failed in the engine; `report` says what was built anyway
    ├── LockedError          another build holds the output folder
    ├── ForeignFolderError   something not ours is where an edition would go
    └── SystemRefusedError   the operating system refused a read or write
    UsageError               wrong usage (engine, argument, folders): exit 2
    ContentPathError         (ValueError) a path in the content leaves its folder or is missing;
                             validate.py turns it into a Problem on the field that named it
    GuardError               a guard refused a value it must never be given: a bug, not the
    ├── UnsafeNameError      (ValueError) an id that is not a slug used as a file name
    ├── FilterDataError      (ValueError) filter data in a template that is not a slug or number
    ├── NotProseError        (TypeError) the markdown filter given a field not marked Prose
    └── ColourError          (ValueError) a CSS colour contrast.py cannot read
    Interrupted              (KeyboardInterrupt) SIGINT/SIGTERM/SIGHUP: exit 128 + the signal

The guards also derive from the built-in `ValueError`/`TypeError` they used to
raise, so callers that catch those keep working. Pydantic validators in
models/ keep raising plain `ValueError`: pydantic turns only that into a
validation error.
"""
from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .api import BuildReport


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
    """An edition failed inside the build engine.

    `report` is what the whole build did anyway (built, skipped, failed), for the
    summary line; `api.build` sets it, a single engine run leaves it None.
    """

    def __init__(self, problems: list[Problem] | str, report: BuildReport | None = None):
        super().__init__(problems)
        self.report = report


class LockedError(PlaybookError):
    """Another build holds the output folder."""


class ForeignFolderError(PlaybookError):
    """Something the generator did not publish is where an edition would go: it is never replaced."""


class SystemRefusedError(PlaybookError):
    """The operating system refused a read or write (disk full, read-only, permissions)."""


class UsageError(Exception):
    """Wrong usage: unknown engine, bad argument, output folders that overlap. Exit code 2."""


class ContentPathError(ValueError):
    """A path the content gives (a team's logo) is absolute, climbs out, links out or is missing.

    The message reads after the field's name ("logo 'x' was not found…").
    """


class GuardError(Exception):
    """A guard refused a value the generator must never be given: a bug in code or a template.

    Content that validated never reaches one; the traceback points at the caller.
    """


class UnsafeNameError(GuardError, ValueError):
    """An id that is not a slug was about to become a file or folder name."""


class FilterDataError(GuardError, ValueError):
    """A template put something other than a slug or a whole number into filter data."""


class NotProseError(GuardError, TypeError):
    """The markdown filter was given a field not marked `Prose` in models/."""


class ColourError(GuardError, ValueError):
    """contrast.py was given a CSS colour in a form it does not read."""


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
