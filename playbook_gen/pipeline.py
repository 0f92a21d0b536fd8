"""Each edition of one `build()` through the pipeline: planned and rendered here, built by the engine
in worker processes, published as soon as its build is done (api.py decides what to build)."""
from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, signals
from .branding import edition_label
from .content import Content
from .engines import engine_version, mkdocs_cache
from .errors import Problem
from .pdf import DECK_PDF
from .plan import Edition, EditionSpec, plan_edition
from .publish import LinkPool, Manifest, build_time, check_destination, staging_dir, swap_into_place, write_marker

if TYPE_CHECKING:
    from .api import BuildOptions, BuildReport

Progress = Callable[[str], None]


def cpu_count() -> int:
    """CPUs this process may use (its affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def edition_root(edition: Edition | EditionSpec, options: BuildOptions) -> Path:
    return options.managers_root if edition.private else Path(options.out)


def edition_url(edition: Edition | EditionSpec, base: str | None) -> str | None:
    """Where a shareable edition is served under the playbook's `site_url`; None for a private
    one (manager editions are never linked from a public URL) or without a `site_url`."""
    if not base or edition.private:
        return None
    return base.rstrip("/") + f"/{edition.id}/"


def _manifest_entry(edition: Edition, inputs: str, engine: str) -> dict:
    team = edition.team
    return {
        "kind": edition.kind,
        "name": "Library" if team is None else edition_label(team.name, edition.private),  # as the index lists it
        "manager": team.manager.name if team else None,
        "quarter": team.quarter if team else None,
        "language": edition.language,
        "members": len(team.members) if team else None,
        "built_at": build_time().isoformat().replace("+00:00", "Z"),
        "version": __version__,
        "inputs": inputs,
        "engine": engine,  # `name version`: an edition built by another engine is a different edition
    }


def _add_deck_pdf(layout: Future, site: Path) -> list[Problem]:
    """Put the deck PDF (waiting for its layout if need be) at the built edition's root."""
    try:
        (site / DECK_PDF).write_bytes(layout.result())
    except BrokenProcessPool:
        raise
    except Exception as exc:  # WeasyPrint failed on this deck: the edition is not published without it
        return [Problem(str(site), message=f"the deck PDF could not be made: {exc.__class__.__name__}: {exc}")]
    return []


@contextmanager
def _about(path: Path) -> Iterator[None]:
    """An OSError without a file name (a write to an open file, a worker's) names the edition it was for."""
    try:
        yield
    except OSError as exc:
        if not exc.filename:
            exc.filename = str(path)
        raise


@dataclass
class Run:
    """What `build()` settled before publishing, shared by every edition it builds."""
    content: Content
    options: BuildOptions
    site_url: str | None
    offline: bool
    roots: dict[bool, Path]  # private → output root
    report: BuildReport
    say: Progress
    total: int  # editions selected, skipped ones included: the N of "[k/N]"


def build_and_publish(run: Run, todo: list[tuple[EditionSpec, str]], manifests: dict[bool, Manifest],
                       lock_fds: list[int], *, pdf: bool = False, ours: dict[bool, set[str]] | None = None) -> list[Problem]:
    """Plan and render each edition here, build them in worker processes, publish each as soon as it is built."""
    content, options, roots, report, say, total = run.content, run.options, run.roots, run.report, run.say, run.total
    site_url, offline = run.site_url, run.offline
    # imported here, not at the top: a no-op rebuild (every edition skipped) never needs them
    from .parallel import Workers
    from .render import deck_source, environment, render_edition

    env = environment(engine=options.engine)
    page_cache: dict | None = {} if mkdocs_cache.enabled() else None
    jobs = min(options.jobs or cpu_count(), len(todo))
    workers = Workers(jobs, engine=options.engine, close_fds=lock_fds)
    engine = engine_version(options.engine)
    pending: dict[Future, tuple[Edition, str, Path, str | None]] = {}
    decks: dict[str, Future] = {}  # deck HTML → its PDF being laid out
    stages: list[Path] = []
    ours = ours or {}
    links = {private: LinkPool(root, [key.split("/", 1)[1] for key in ours.get(private, ())])
             for private, root in roots.items()}
    problems: list[Problem] = []
    render_seconds = 0.0
    cpu_render = time.process_time()
    try:
        for spec, inputs in todo:
            t = time.monotonic()
            edition = plan_edition(content, spec)
            report.timings["plan"] += time.monotonic() - t
            t = time.monotonic()
            root = edition_root(edition, options)
            stage = staging_dir(root, edition.id)
            stages.append(stage)
            with _about(root / edition.id):
                config_path = render_edition(edition, stage / "src", site_url=edition_url(edition, site_url),
                                             env=env, cache=page_cache, offline=offline, pdf=pdf)
            deck = deck_source(edition, env) if pdf else None
            if deck is not None and deck not in decks:  # laid out once, in a worker, beside the builds
                decks[deck] = workers.submit_pdf(deck)
            render_seconds += time.monotonic() - t
            pending[workers.submit(config_path, stage / "site")] = (edition, inputs, stage, deck)
        report.timings["render"] = render_seconds
        report.generator_cpu += time.process_time() - cpu_render
        build_started = time.monotonic()
        for future in as_completed(pending):
            edition, inputs, stage, deck = pending[future]
            with _about(roots[edition.private] / edition.id):
                try:
                    results = future.result()
                    if deck is not None and not any(p.is_error for p in results):
                        results = results + _add_deck_pdf(decks[deck], stage / "site")
                except BrokenProcessPool:
                    results = [Problem(str(stage), message="the build worker died (out of memory?)")]
                failures = [p for p in results if p.is_error]
                report.warnings += [p for p in results if not p.is_error and p not in report.warnings]
                done = len(report.built) + len(report.skipped) + len(report.failed) + 1
                if failures:
                    for p in failures:  # a problem in the shared base mkdocs.yml is the same for every edition: once
                        problem = Problem(p.path, p.line, p.column, f"{edition.key}: {p.message}") \
                            if p.path.startswith(str(stage)) else p
                        if problem not in problems:
                            problems.append(problem)
                    report.failed.append(edition.key)
                    say(f"[{done}/{total}] FAILED  {edition.key}")
                elif (in_the_way := check_destination(roots[edition.private], edition.id, edition.key,
                                                      edition.key in ours.get(edition.private, ()))):
                    problems.append(in_the_way)  # appeared while we built: never replaced
                    report.failed.append(edition.key)
                    say(f"[{done}/{total}] FAILED  {edition.key}")
                else:
                    root = roots[edition.private]
                    write_marker(stage / "site", edition.key, inputs)
                    links[edition.private].link(stage / "site", edition.id)
                    with signals.critical():  # a signal now waits until the edition is in place
                        swap_into_place(stage / "site", root, edition.id, report.swaps)
                    manifests[edition.private].editions[edition.key] = _manifest_entry(edition, inputs, engine)
                    manifests[edition.private].write()
                    report.built.append(edition.key)
                    say(f"[{done}/{total}] built   {edition.key}")
            shutil.rmtree(stage, ignore_errors=True)
        report.timings["build"] = time.monotonic() - build_started
    except BaseException:
        workers.stop()
        raise
    else:
        workers.close()
    finally:
        for stage in stages:
            shutil.rmtree(stage, ignore_errors=True)
    return problems
