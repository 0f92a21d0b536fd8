"""Child processes tied to the build that started them.

Build workers (`parallel`) and engines that run in a child process (`engines`)
both use these; neither imports the other.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
from pathlib import Path


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies, even on SIGKILL (run in the child)."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the worker exits when its queue closes
        pass


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def run_captured(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run an engine's command line to the end; its output comes back as plain text (no colours)."""
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            encoding="utf-8", errors="replace", preexec_fn=die_with_parent)
    result.stdout, result.stderr = _ANSI.sub("", result.stdout), _ANSI.sub("", result.stderr)
    return result


def last_line(text: str) -> str:
    """The last non-blank line of an engine's output: what it said when it gave up."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "the engine failed without a message"
