"""SIGINT, SIGTERM and SIGHUP all stop a command the way Ctrl-C does.

A CI runner cancelling a job, `timeout` and systemd send SIGTERM; a closed
terminal sends SIGHUP. Each raises `Interrupted` in the main thread, so the
same clean-up runs (workers stopped, staging folders removed) and the CLI
exits 128 + the signal number with one line. Inside `critical()` (the swap
of an edition into place) a signal waits until the block ends.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import Interrupted

HANDLED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
received: list[int] = []  # every signal seen, for commands (serve) whose engine swallows the interrupt
_state = {"depth": 0, "pending": 0}


def _handler(signum: int, _frame: object) -> None:
    received.append(signum)
    if _state["depth"]:
        _state["pending"] = _state["pending"] or signum
        return
    raise Interrupted(signum)


def install() -> None:
    """Handle the three signals in this process (main thread only; a no-op elsewhere)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in HANDLED:
        signal.signal(signum, _handler)


def ignore_in_worker() -> None:
    """Build workers leave signals to the build, which stops them (a signal to the whole group included)."""
    for signum in HANDLED:
        signal.signal(signum, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, HANDLED)  # forked inside `forking()`: nothing stays blocked


@contextmanager
def forking() -> Iterator[None]:
    """Block the signals while worker processes are forked.

    A handler that runs inside os.fork's at-fork callbacks (logging releases its lock there) has its
    exception printed and swallowed, so the interrupt would be lost; blocked, it arrives just after.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, HANDLED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HANDLED)


@contextmanager
def critical() -> Iterator[None]:
    """Hold off an interrupt until the block is done: a swap is never cut in half by us."""
    _state["depth"] += 1
    try:
        yield
    finally:
        _state["depth"] -= 1
        pending = _state["pending"]
        if not _state["depth"] and pending:
            _state["pending"] = 0
            raise Interrupted(pending)


def exit_code(signum: int) -> int:
    return 128 + signum
