"""The library API the CLI is a thin shell over: `check()` and `build()`."""
from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import __version__
from .build import build_site
from .errors import BuildError, PlaybookError, Problem, UsageError
from .plan import Edition, plan_all
from .publish import Manifest, build_time, remove_edition, repair, staging_dir, swap_into_place, write_index
from .render import environment, render_edition
from .resources import bundled_content
from .validate import Content, did_you_mean, load_content

Progress = Callable[[str], None]


@dataclass
class BuildOptions:
    content: Path | None = None
    out: Path = Path("site")
    managers_out: Path | None = None
    teams: list[str] | None = None
    force: bool = False
    site_url: str | None = None
    engine: str = "mkdocs"

    @property
    def managers_root(self) -> Path:
        """Default: the --out folder's name plus `-managers`, beside it."""
        if self.managers_out is not None:
            return Path(self.managers_out)
        out = Path(self.out)
        return out.with_name(out.name + "-managers")


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0


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


def check(content: Path | None = None, *, strict: bool = False) -> Content:
    """Validate the content folder; raise `ContentError` listing every problem."""
    result = load_content(resolve_content(content))
    if strict and result.warnings:
        raise PlaybookError([Problem(w.path, w.line, w.column, w.message, "error") for w in result.warnings])
    return result


def _edition_root(edition: Edition, options: BuildOptions) -> Path:
    return options.managers_root if edition.private else Path(options.out)


def _edition_url(edition: Edition, base: str | None) -> str | None:
    if not base or edition.private:
        return None
    return base.rstrip("/") + f"/{edition.id}/"


def _manifest_entry(edition: Edition) -> dict:
    team = edition.team
    return {
        "kind": edition.kind,
        "name": edition.site_name,
        "manager": team.manager.name if team else None,
        "quarter": team.quarter if team else None,
        "members": len(team.members) if team else None,
        "built_at": build_time().isoformat().replace("+00:00", "Z"),
        "version": __version__,
    }


def build(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build every edition (or only `options.teams`) and publish them."""
    say = progress or (lambda message: None)
    started = time.monotonic()
    content = load_content(resolve_content(options.content, say))
    report = BuildReport(warnings=list(content.warnings))
    if options.teams:
        unknown = [t for t in options.teams if t not in content.teams]
        if unknown:
            raise UsageError("; ".join(f"no team '{t}'{did_you_mean(t, content.teams)}" for t in unknown))
    editions = plan_all(content, options.teams or None)
    site_url = options.site_url or content.playbook.site_url
    roots = {False: Path(options.out), True: options.managers_root}
    manifests = {private: Manifest.read(root) for private, root in roots.items()}
    for root in roots.values():
        repair(root)

    env = environment()
    problems: list[Problem] = []
    for edition in editions:
        root = _edition_root(edition, options)
        stage = staging_dir(root, edition.id)
        try:
            config_path = render_edition(edition, stage / "src", site_url=_edition_url(edition, site_url), env=env)
            build_site(config_path, stage / "site", engine=options.engine)
            swap_into_place(stage / "site", root, edition.id)
        except BuildError as exc:
            problems.extend(Problem(p.path, p.line, p.column, f"{edition.key}: {p.message}") for p in exc.problems)
            say(f"failed  {edition.key}")
            continue
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        manifests[edition.private].editions[edition.key] = _manifest_entry(edition)
        report.built.append(edition.key)
        say(f"built   {edition.key}")

    if not options.teams:  # a full build also removes editions of deleted teams
        wanted = {e.key for e in editions}
        for private, manifest in manifests.items():
            for key in sorted(set(manifest.editions) - wanted):
                remove_edition(roots[private], key.split("/", 1)[1])
                del manifest.editions[key]
                report.removed.append(key)
                say(f"removed {key}")
    for private, manifest in manifests.items():
        manifest.write()
        title = f"{content.playbook.title} — manager editions" if private else content.playbook.title
        write_index(roots[private], manifest, title=title, private=private)
    report.seconds = time.monotonic() - started
    if problems:
        raise BuildError(problems)
    return report
