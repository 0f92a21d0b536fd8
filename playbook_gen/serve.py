"""`playbook serve`: preview one edition on localhost, rebuilt and reloaded on every change.

The edition is rendered into a scratch folder that MkDocs' own live-reload
server builds and watches. A watcher on the content folder, the template
folders and the base mkdocs.yml renders the edition again on each change;
only files whose content changed are written, so MkDocs rebuilds once per
edit and never loops on its own output. A YAML or template mistake is printed
in the terminal and nothing is written: the last good version keeps being served.
"""
from __future__ import annotations

import errno
import logging
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from . import signals
from .content import Content
from .engines import DEFAULT_ENGINE, check_port_free, require_engine, serve_site
from .errors import PlaybookError, UsageError, display_path
from .paths import base_config, bundled_base_config, bundled_content, bundled_templates, template_dirs
from .plan import Edition, plan_all
from .render import environment, render_edition
from .suggest import did_you_mean
from .validate import load_content

Report = Callable[[str], None]


def pick_edition(content: Content, team: str | None, manager: bool) -> Edition:
    """The library (no team), a team's shareable edition, or with `manager` its manager edition."""
    if team is None:
        if manager:
            raise UsageError("--manager needs --team ID: only a team has a manager edition")
        return next(e for e in plan_all(content) if e.kind == "library")
    if team not in content.teams:
        raise UsageError(f"no team '{team}'{did_you_mean(team, content.teams)}")
    kind = "manager" if manager else "team"
    return next(e for e in plan_all(content, [team]) if e.kind == kind)


class _Renderer:
    """Renders the chosen edition into `workdir`; on bad input reports it and keeps the last good files."""

    def __init__(self, content_root: Path, workdir: Path, team: str | None, manager: bool, engine: str,
                 error: Report):
        self.content_root, self.workdir, self.team, self.manager = content_root, workdir, team, manager
        self.env = environment(engine=engine)
        self.error = error
        self.lock = threading.Lock()
        self.edition: Edition | None = None

    def render(self) -> Path:
        """Raises PlaybookError/UsageError on bad input."""
        with self.lock:
            content = load_content(self.content_root)
            edition = self.edition = pick_edition(content, self.team, self.manager)
            return render_edition(edition, self.workdir, env=self.env, offline=False)

    def rerender(self) -> None:
        try:
            self.render()
        except PlaybookError as exc:
            for problem in exc.problems:
                self.error(problem.format())
            errors = sum(p.is_error for p in exc.problems)
            self.error(f"{errors} error{'' if errors == 1 else 's'}: still serving the last good version.")
        except Exception as exc:  # a template mistake: report it, keep serving
            self.error(f"error: {exc.__class__.__name__}: {exc}; still serving the last good version.")
        else:
            self.error("content changed: edition re-rendered.")


def _watch(paths: list[Path], on_change: Callable[[], None], quiet_for: float = 0.3):
    """Call `on_change` once a burst of file events under `paths` has settled."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    changed = threading.Event()

    class Handler(FileSystemEventHandler):
        def __init__(self, only: Path | None = None):
            self.only = only

        def on_any_event(self, event):
            if event.event_type not in ("created", "modified", "deleted", "moved") or event.is_directory:
                return
            path = Path(str(event.src_path))
            if self.only is not None and path.name != self.only.name:
                return
            if path.name.startswith(".") or path.name.endswith(("~", ".swp", ".tmp")):
                return
            changed.set()

    observer = Observer()
    for path in paths:
        if path.is_dir():
            observer.schedule(Handler(), str(path), recursive=True)
        else:  # one file (mkdocs.yml): watch its folder for that name only
            observer.schedule(Handler(only=path), str(path.parent), recursive=False)

    def loop():
        while True:
            changed.wait()
            while True:  # wait until the editor has finished writing
                changed.clear()
                time.sleep(quiet_for)
                if not changed.is_set():
                    break
            on_change()

    threading.Thread(target=loop, daemon=True, name="playbook-watch").start()
    observer.daemon = True
    observer.start()
    return observer


def _shown(path: Path) -> str:
    """How the summary names a watched path: relative to here, or 'the bundled …' for the generator's own."""
    for bundled, name in ((bundled_content(), "the bundled demo content"), (bundled_templates(), "the bundled templates"),
                          (bundled_base_config(), "the bundled mkdocs.yml")):
        if path.resolve() == bundled.resolve():
            return name
    shown = display_path(path)
    return shown + "/" if path.is_dir() and not shown.endswith("/") else shown


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def summary(edition: Edition, watched: list[Path], host: str, port: int) -> list[str]:
    """What `serve` says before serving: which edition, where, what it watches, and that site/ stays as it is."""
    what = {"library": "the library", "team": f"the team edition of {edition.team.name if edition.team else edition.id}",
            "manager": f"the manager edition of {edition.team.name if edition.team else edition.id} (private)"}
    shown_host = f"[{host}]" if ":" in host else host
    return [
        f"Previewing {what.get(edition.kind, edition.id)} on http://{shown_host}:{port}/ (Ctrl-C to stop)",
        f"Watching {_listing([_shown(p) for p in watched])}: each change rebuilds the preview and reloads the browser.",
        "The preview is built in a temporary folder: site/ and site-managers/ are not updated "
        "(run `playbook build` for that).",
    ]


def serve(content_root: Path, *, team: str | None = None, manager: bool = False, host: str = "127.0.0.1",
          port: int = 8000, engine: str = DEFAULT_ENGINE, error: Report | None = None,
          say: Report | None = None) -> None:
    """Serve the edition until interrupted. Bad input at start raises; later mistakes are reported.

    `say` gets the summary and one line per rebuild (default: stderr, like `error`).
    """
    report = error or (lambda message: print(message, file=sys.stderr, flush=True))
    say = say or report
    require_engine(engine)  # before any work: a missing engine is wrong usage
    signals.install()  # SIGTERM/SIGHUP stop it like Ctrl-C: scratch folder removed
    workdir = Path(tempfile.mkdtemp(prefix="playbook-serve-"))
    try:
        renderer = _Renderer(Path(content_root), workdir, team, manager, engine, report)
        config_path = renderer.render()
        base = base_config()
        watched = [Path(content_root).resolve(), *[d.resolve() for d in template_dirs()], base.resolve()]
        watched = list(dict.fromkeys(watched))
        observer = _watch(watched, renderer.rerender)
        check_port_free(host, port)  # before the summary: a port in use is one line, not a summary then an error
        assert renderer.edition is not None  # render() has just set it
        for line in summary(renderer.edition, watched, host, port):
            say(line)
        _log_to_terminal(say, report)
        try:
            # the engine rebuilds when the rendered docs, overrides or config in `workdir` change
            serve_site(config_path, host=host, port=port, watch=workdir, engine=engine)
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
                raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}; choose another --port") from None
            raise
        finally:
            observer.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


class _Terminal(logging.Handler):
    """MkDocs' log, for a person previewing: its warnings and errors as they are, one short line per
    rebuild, and none of its INFO lines about temporary folders, theme paths and browser connections
    (the summary already says what is served and watched)."""

    _BUILT = re.compile(r"^Documentation built in ([0-9.]+) seconds")

    def __init__(self, say: Report, report: Report):
        super().__init__(logging.INFO)
        self.say, self.report = say, report
        self._playbook = True
        self.builds = 0

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: MkDocs' problem, not a reason to stop serving
            return
        if record.levelno >= logging.WARNING:
            self.report(f"{record.levelname.lower()}: {message}")
            return
        built = self._BUILT.match(message)
        if built:
            self.builds += 1
            word = "built" if self.builds == 1 else "rebuilt"
            self.say(f"[{time.strftime('%H:%M:%S')}] preview {word} in {float(built.group(1)):.1f} s")


def _log_to_terminal(say: Report, report: Report) -> None:
    """MkDocs reports through logging: show what a person previewing needs (see `_Terminal`)."""
    logger = logging.getLogger("mkdocs")
    for old in [h for h in logger.handlers if getattr(h, "_playbook", False)]:
        logger.removeHandler(old)
    logger.addHandler(_Terminal(say, report))
    logger.setLevel(logging.INFO)
    logger.propagate = False
