"""The library API the CLI is a thin shell over: `check()` and `build()` (`index()` and `inventory()`: inventory.py)."""
from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, signals
from .branding import edition_label, index_brand
from .content import Content
from .engines import DEFAULT_ENGINE, engine_version, mkdocs_cache, require_engine
from .errors import BuildError, ForeignFolderError, Problem, SystemRefusedError, UsageError, os_problem
from .fingerprint import Fingerprints
from .models import SITE_URL_PATTERN
from .paths import bundled_content
from .pdf import DECK_PDF, available as pdf_available, unavailable_reason
from .plan import Edition, EditionSpec, edition_specs, plan_edition
from .publish import (
    MANIFEST_GLOB,
    TMP_PREFIX,
    LinkPool,
    Manifest,
    OutputLock,
    SwapStats,
    build_time,
    check_destination,
    disk_usage,
    remove_edition,
    repair,
    staging_dir,
    swap_into_place,
    write_index,
    write_marker,
)
from .roots import check_output_roots
from .suggest import did_you_mean
from .validate import load_content

Progress = Callable[[str], None]


@dataclass
class BuildOptions:
    content: Path | None = None
    out: Path = Path("site")
    managers_out: Path | None = None
    teams: list[str] | None = None
    force: bool = False
    site_url: str | None = None
    engine: str = DEFAULT_ENGINE
    jobs: int | None = None  # worker processes; default: the number of CPUs
    shard: tuple[int, int] | None = None  # (k, n): build only the k-th of n deterministic parts
    strict: bool = False  # content warnings count as errors
    offline: bool | None = None  # None: the content's `offline:` setting in playbook.yml (see resolve_offline)
    pdf: bool | None = None  # the deck as a PDF; None: when WeasyPrint is installed

    @property
    def managers_root(self) -> Path:
        """Default: the --out folder's name plus `-managers`, beside it."""
        if self.managers_out is not None:
            return Path(self.managers_out)
        out = Path(self.out)
        if not out.name:  # '.', '..' or '/': the folder it stands for
            out = Path(os.path.abspath(out))
        if not out.name:  # the file system root, refused by check_output_roots
            return out / "site-managers"
        return out.with_name(out.name + "-managers")


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    size_bytes: int = 0  # on disk, each hard-linked file counted once
    size_bytes_without_links: int = 0  # what the same files would take as separate copies
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    generator_cpu: float = 0.0  # CPU seconds of this process's own stages (load → render), engine excluded
    swaps: SwapStats = field(default_factory=SwapStats)  # how each edition was swapped in (exchange/two-rename)


def resolve_content(content: Path | None, notice: Progress | None = None) -> Path:
    """The content folder to use: the one given, ./content, or the bundled demo."""
    if content is not None:
        return Path(content)
    local = Path("content")
    if local.is_dir():
        return local
    if notice:
        notice("No content/ folder here: building the bundled demo playbook. Run `playbook init DIR` to start your own.")
    return bundled_content()


def check(content: Path | None = None, *, strict: bool = False, notice: Progress | None = None) -> Content:
    """Validate the content folder; raise `ContentError` listing every problem."""
    return load_content(resolve_content(content, notice), strict=strict)


def _check_source_date_epoch() -> None:
    """An empty SOURCE_DATE_EPOCH means unset; a malformed one is wrong usage (MkDocs would crash on it)."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return
    if not value.strip():
        del os.environ["SOURCE_DATE_EPOCH"]
    elif not value.strip().isdigit():
        raise UsageError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01, not '{value}'")


def parse_shard(text: str) -> tuple[int, int]:
    """'K/N' with 1 ≤ K ≤ N (GitLab's CI_NODE_INDEX/CI_NODE_TOTAL)."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise UsageError(f"--shard must look like K/N (e.g. 2/4), not '{text}'") from None
    if not 1 <= k <= n:
        raise UsageError(f"--shard {text}: K must be between 1 and N")
    return k, n


def select_shard(editions: list, shard: tuple[int, int] | None) -> list:
    """The k-th of n parts: editions in key order, dealt round-robin. The library counts as an edition."""
    if shard is None:
        return editions
    k, n = shard
    ordered = sorted(editions, key=lambda e: (e.kind != "library", e.id, e.kind))
    chosen = {id(e) for i, e in enumerate(ordered) if i % n == k - 1}
    return [e for e in editions if id(e) in chosen]


def cpu_count() -> int:
    """CPUs this process may use (its affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _edition_root(edition: Edition | EditionSpec, options: BuildOptions) -> Path:
    return options.managers_root if edition.private else Path(options.out)


def resolve_offline(option: bool | None, setting: bool | str, site_url: str | None) -> bool:
    """Whether editions are built to open from disk: `--offline/--online` first, then playbook.yml's
    `offline:`; `auto` (the default) means offline unless the playbook says where it is served
    (`site_url`): without one, the output is most likely opened as files, and a folder link
    there shows a file listing instead of the page."""
    if option is not None:
        return option
    if setting == "auto":
        return not site_url
    return bool(setting)


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


def _titles(title: str) -> dict[bool, str]:
    return {False: title, True: f"{title} — manager editions"}


def build(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build every edition (or only `options.teams`, or one shard) that changed, and publish it."""
    say = progress or (lambda message: None)
    started = time.monotonic()
    cpu_started = time.process_time()
    require_engine(options.engine)  # a missing engine is wrong usage (exit 2): say so before any work
    _check_source_date_epoch()
    content_root = resolve_content(options.content, say)
    check_output_roots(options.out, options.managers_root, content_root)
    content = load_content(content_root, strict=options.strict)
    report = BuildReport(warnings=list(content.warnings))
    if options.teams:
        unknown = [t for t in options.teams if t not in content.teams]
        if unknown:
            raise UsageError("; ".join(f"no team '{t}'{did_you_mean(t, content.teams)}" for t in unknown))
    if options.jobs is not None and options.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if options.site_url and not re.fullmatch(SITE_URL_PATTERN, options.site_url):
        raise UsageError(f"--site-url '{options.site_url}' is not a web address: use http(s)://… without spaces or quotes")
    loaded = time.monotonic()
    report.generator_cpu = -cpu_started  # _publish_all adds the process time when the engine's work starts
    editions = select_shard(edition_specs(content, options.teams or None), options.shard)
    site_url = options.site_url or content.playbook.site_url
    offline = resolve_offline(options.offline, content.playbook.offline, site_url)
    if options.pdf and not pdf_available():
        raise UsageError(unavailable_reason())
    roots = {False: Path(options.out), True: options.managers_root}
    titles = _titles(content.playbook.title)
    team_files = {tid: content.files.get(("team", tid)) for tid in content.teams}
    fingerprints = Fingerprints(content, options, [p for p in team_files.values() if p is not None])
    report.timings = {"load": loaded - started, "plan": time.monotonic() - loaded, "render": 0.0}
    run = _Run(content, options, site_url, offline, roots, report, say, total=len(editions))
    try:
        problems = _publish_all(run, editions, titles, team_files, fingerprints, loaded)
    except OSError as exc:  # disk full, read-only, permissions: one line naming the path the user knows
        raise SystemRefusedError([os_problem(exc, user_path(exc.filename) or str(options.out))]) from None
    report.size_bytes, report.size_bytes_without_links = disk_usage(roots.values())
    report.seconds = time.monotonic() - started
    if problems:
        raise BuildError(problems, report=report)  # with what was built anyway, for the summary
    return report


_STAGED = re.compile(re.escape(TMP_PREFIX) + r"([a-z0-9-]+)-\d+-\d+(?:/(?:site|src))?")


def user_path(path: str | None) -> str | None:
    """The path a user knows for one the build wrote: `site/team-x/...`, not its staging folder or temp file."""
    if not path:
        return None
    text = _STAGED.sub(lambda m: m.group(1), str(path))
    text = re.sub(r"\.(?:\d+\.tmp|playbook-link)$", "", text)
    return text


@dataclass
class _Run:
    """What `build()` settled before publishing, shared by every edition it builds."""
    content: Content
    options: BuildOptions
    site_url: str | None
    offline: bool
    roots: dict[bool, Path]  # private → output root
    report: BuildReport
    say: Progress
    total: int  # editions selected, skipped ones included: the N of "[k/N]"


def _publish_all(run: _Run, editions: list[EditionSpec], titles: dict[bool, str],
                 team_files: dict[str, Path | None], fingerprints: Fingerprints, loaded: float) -> list[Problem]:
    """Under the output lock: repair, decide what to build, check nothing foreign is in the way, build, publish."""
    options, roots, report, say, site_url, total = run.options, run.roots, run.report, run.say, run.site_url, run.total
    with OutputLock(roots.values()) as lock:
        for root in roots.values():
            report.repaired += repair(root)
        known = {private: Manifest.read_all(root) for private, root in roots.items()}  # every manifest present
        if options.shard is None:
            manifests = known
        else:  # a shard records only its own editions, in its own file
            manifests = {private: Manifest.read(root, options.shard) for private, root in roots.items()}
        for private, manifest in manifests.items():
            manifest.title = titles[private]

        todo: list[tuple[EditionSpec, str]] = []
        for edition in editions:
            inputs = fingerprints.edition(edition, site_url=edition_url(edition, site_url),
                                          team_file=team_files.get(edition.id) if edition.team else None)
            previous = known[edition.private].editions.get(edition.key)
            published = (_edition_root(edition, options) / edition.id).is_dir()
            if not options.force and published and previous and previous.get("inputs") == inputs:
                manifests[edition.private].editions[edition.key] = previous
                report.skipped.append(edition.key)
                say(f"[{len(report.skipped) + len(report.built)}/{total}] skipped {edition.key}")
                continue
            todo.append((edition, inputs))
        report.timings["plan"] = time.monotonic() - loaded
        in_the_way = [problem for edition, _ in todo
                      if (problem := check_destination(roots[edition.private], edition.id, edition.key,
                                                       edition.key in known[edition.private].editions))]
        if in_the_way:
            raise ForeignFolderError(in_the_way)

        problems: list[Problem] = []
        report.generator_cpu += time.process_time()
        if todo:
            # only now: importing WeasyPrint to see whether it works takes half a second, more than
            # a whole no-op rebuild may (its installed version is part of every edition's hash)
            make_pdf = pdf_available() if options.pdf is None else options.pdf
            if options.pdf is None and not make_pdf:
                say(f"note: {unavailable_reason()}")
            problems = _build_and_publish(run, todo, manifests, lock.fds, pdf=make_pdf,
                                          ours={private: set(m.editions) for private, m in known.items()})

        if not options.teams:  # a full build (or shard) also removes editions no longer wanted
            wanted = {e.key for e in editions}
            for private, manifest in manifests.items():
                for key in sorted(set(manifest.editions) - wanted):
                    folder = key.split("/", 1)[1]
                    if remove_edition(roots[private], folder, key):
                        report.removed.append(key)
                        say(f"removed {key}")
                    else:
                        report.warnings.append(Problem(str(roots[private] / folder), severity="warning", message=(
                            f"the edition '{key}' is no longer wanted, but this folder does not carry its marker: "
                            "left alone; delete it yourself if it is not needed")))
                    del manifest.editions[key]
        unchanged = options.shard is None and not (report.built or report.failed or report.removed or report.repaired)
        brand = index_brand()
        for private, manifest in manifests.items():
            manifest.write()
            if options.shard is None:  # the unsharded manifest now holds every edition of this root
                for other in roots[private].glob(MANIFEST_GLOB):
                    if other != manifest.path:
                        other.unlink(missing_ok=True)
                shown = manifest
            else:
                shown = Manifest.read_all(roots[private])
            if unchanged and (roots[private] / "index.html").is_file():
                continue  # a no-op rebuild: the index already says exactly this
            report.warnings += write_index(roots[private], shown, title=titles[private], private=private, brand=brand)
            manifest.brand = shown.brand  # the logo and favicon beside index.html are ours
            manifest.write()
    return problems


@contextmanager
def _about(path: Path) -> Iterator[None]:
    """An OSError without a file name (a write to an open file, a worker's) names the edition it was for."""
    try:
        yield
    except OSError as exc:
        if not exc.filename:
            exc.filename = str(path)
        raise


def _build_and_publish(run: _Run, todo: list[tuple[EditionSpec, str]], manifests: dict[bool, Manifest],
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
            root = _edition_root(edition, options)
            stage = staging_dir(root, edition.id)
            stages.append(stage)
            with _about(root / edition.id):
                config_path = render_edition(edition, stage / "src", site_url=edition_url(edition, site_url),
                                             env=env, cache=page_cache, offline=offline, pdf=pdf)
            deck = deck_source(edition) if pdf else None
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
