"""What a build engine is to the rest of the pipeline, and what engines share."""
from __future__ import annotations

import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError, Problem, UsageError
from ..processes import die_with_parent


def _no_problems(config_path: Path) -> list[Problem]:
    return []


def _nothing() -> None:
    pass


@dataclass(frozen=True)
class Engine:
    """One engine: every fact about it the generator needs, in one place.

    Registered in `engines/__init__.py`; `--engine`, the fingerprint, the link style
    of raw HTML, the workers and the tests all read it from there.
    """

    name: str  # the `--engine` value
    summary: str  # shown by `--help`, e.g. "MkDocs + Material"
    module: str  # imports when the engine is installed
    extra: str | None  # the pyproject extra that installs it; None: a core dependency
    in_process: bool  # builds inside the worker process; else in a child process per edition
    # distributions whose versions shape the output; the first is the engine's own (its version is
    # recorded in the manifest). Forgetting one makes an incremental build skip after an upgrade.
    packages: tuple[str, ...]
    # reads a relative link in a page's raw HTML relative to the page's source file (and re-bases it
    # itself) rather than to the page's URL: prose.LinkStyle writes links for it
    source_relative_links: bool
    build: Callable[[Path, Path, bool], None]  # (config, site_dir, strict); raises BuildError
    serve: Callable[[Path, str, int, Path], None]  # (config, host, port, watch) until interrupted
    # what the engine would silently leave out of the site the config describes (errors and warnings)
    problems: Callable[[Path], list[Problem]] = _no_problems
    warm_up: Callable[[], None] = _nothing  # once per build worker: imports, per-worker caches
    # honours the search plugin's `lang` (stemming in the edition's language); Zensical 0.0.7x accepts
    # and ignores it, so it is not written for Zensical (its search does not stem German words)
    search_lang: bool = True


def check_port_free(host: str, port: int) -> None:
    """A clear message before any server starts, whichever engine serves."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}; choose another --host") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}; choose another --port") from None


def serve_in_child(name: str, module: str, config_path: Path, host: str, port: int) -> None:
    """`python -m MODULE serve` on the edition; it watches the edition's docs folder and config."""
    command = [sys.executable, "-m", module, "serve", "--config-file", str(config_path),
               "--dev-addr", f"{host}:{port}"]
    # run() kills the child when KeyboardInterrupt (Ctrl-C, or SIGTERM via serve.py) reaches us;
    # the server dies with us, even on SIGKILL
    result = subprocess.run(command, cwd=config_path.parent, preexec_fn=die_with_parent)
    if result.returncode not in (0, -signal.SIGINT, -signal.SIGTERM, 130):
        raise BuildError([Problem(str(config_path), 0, 0, f"{name} serve stopped with exit code {result.returncode}; "
                                                          "its messages are above")])
