"""Build workers: editions are built in worker processes, each reused for many editions.

MkDocs keeps state on process-wide loggers (the strict-mode warning counter),
so editions are built in separate processes, never threads. Each worker
warms its engine up once (the pool's initializer): MkDocs imports MkDocs and
Material and installs the caches of `engines.mkdocs_cache` that let it share
work between the editions it builds.

Workers are tied to the build that started them: they die with it (Linux
parent-death signal), and they close their inherited copy of the output lock
so a killed build never leaves the output locked.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from .engines import build_site, warm_up
from .errors import BuildError, Problem
from .processes import die_with_parent
from .signals import forking


def _init_worker(parent: int, close_fds: tuple[int, ...], engine: str) -> None:
    die_with_parent()
    if os.getppid() != parent:  # the build died before we could ask to die with it
        os._exit(1)
    for fd in close_fds:
        try:
            os.close(fd)
        except OSError:
            pass
    # Ctrl-C (and a SIGTERM to the whole group) reaches every process: the build handles it and stops us.
    from .signals import ignore_in_worker
    ignore_in_worker()
    warm_up(engine)


def build_job(config_path: str, site_dir: str, engine: str) -> list[Problem]:
    """Build one edition in a worker; problems come back as values (errors: it failed; warnings: it built)."""
    try:
        return build_site(Path(config_path), Path(site_dir), engine=engine)
    except BuildError as exc:
        return list(exc.problems)


def pdf_job(html: str) -> bytes:
    """Lay out a deck PDF in a worker (seconds of WeasyPrint), beside the editions' builds."""
    from .pdf import deck_pdf
    return deck_pdf(html)


class Workers:
    """A pool of build workers for one `playbook build`."""

    def __init__(self, jobs: int, *, engine: str, close_fds: Iterable[int] = ()):
        context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        self.executor = ProcessPoolExecutor(
            max_workers=max(1, jobs), mp_context=context, initializer=_init_worker,
            initargs=(os.getpid(), tuple(close_fds), engine),
        )
        self.engine = engine

    def submit(self, config_path: Path, site_dir: Path) -> Future:
        with forking():  # a submit may fork a worker
            return self.executor.submit(build_job, str(config_path), str(site_dir), self.engine)

    def submit_pdf(self, html: str) -> Future:
        with forking():
            return self.executor.submit(pdf_job, html)

    def stop(self) -> None:
        """Stop at once: cancel queued editions and end the running workers (ours only)."""
        processes = list(getattr(self.executor, "_processes", {}).values())
        call_queue = getattr(self.executor, "_call_queue", None)
        if call_queue is not None:
            # What is still in the pipe to the workers (a deck's HTML for its PDF: tens of KB) is never
            # read once they are killed; without this, exit waits forever for the queue's feeder thread
            # (seen: a Ctrl-C to the process group left the build blocked in that write).
            call_queue.cancel_join_thread()
        self.executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.kill()  # workers ignore SIGTERM (see _init_worker)
        for process in processes:
            process.join(timeout=5)

    def close(self) -> None:
        self.executor.shutdown(wait=True)
