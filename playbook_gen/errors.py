"""Errors are values: every problem is a `Problem`; exceptions only carry lists of them.

The CLI turns a `PlaybookError` into one line per problem and exit code 1; a
`UsageError` becomes exit code 2. Anything else is a bug.
"""
from __future__ import annotations

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
    """Relative to the current directory when below it, else as given."""
    p = Path(path)
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
        super().__init__("\n".join(p.format() for p in self.problems))


class ContentError(PlaybookError):
    """The content or team data did not validate."""


class BuildError(PlaybookError):
    """An edition failed inside the build engine."""


class LockedError(PlaybookError):
    """Another build holds the output folder."""


class UsageError(Exception):
    """Wrong usage: unknown engine, bad argument. Exit code 2."""
