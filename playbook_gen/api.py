"""The library API the CLI is a thin shell over: `check()` and `build()`, which decides what to build and
hands each edition to pipeline.py (`index()` and `inventory()`: inventory.py)."""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .branding import index_brand
from .content import Content
from .engines import DEFAULT_ENGINE, require_engine
from .errors import BuildError, ForeignFolderError, Problem, SystemRefusedError, UsageError, os_problem
from .fingerprint import Fingerprints
from .models import SITE_URL_PATTERN
from .paths import bundled_content
from .pdf import available as pdf_available, unavailable_reason
from .pipeline import Progress, Run, build_and_publish, edition_root, edition_url
from .plan import EditionSpec, edition_specs
from .publish import (
    MANIFEST_GLOB,
    TMP_PREFIX,
    Manifest,
    OutputLock,
    SwapStats,
    check_destination,
    disk_usage,
    remove_edition,
    repair,
    write_index,
)
from .roots import check_output_roots
from .suggest import did_you_mean
from .validate import load_content


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
    run = Run(content, options, site_url, offline, roots, report, say, total=len(editions))
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


def _publish_all(run: Run, editions: list[EditionSpec], titles: dict[bool, str],
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
            published = (edition_root(edition, options) / edition.id).is_dir()
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
            problems = build_and_publish(run, todo, manifests, lock.fds, pdf=make_pdf,
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
