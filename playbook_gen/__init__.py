"""Coaching playbook generator: YAML principles + team data → one MkDocs Material site per team.

Public API: `check()` validates a content folder, `build()` builds and publishes
every edition. The `playbook` command is a thin shell over these.
"""
__version__ = "0.1.0"

from .api import BuildOptions, BuildReport, build, check
from .errors import BuildError, ContentError, LockedError, PlaybookError, Problem, UsageError

__all__ = [
    "BuildOptions", "BuildReport", "build", "check",
    "BuildError", "ContentError", "LockedError", "PlaybookError", "Problem", "UsageError",
    "__version__",
]
