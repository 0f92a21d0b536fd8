"""The `playbook` command: a thin shell over the library (api.py, inventory.py, scaffold.py). How
outcomes become exit codes and lines, and --version/--quiet, are cli_shell.py's; the text it
prints is worded in console.py.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .api import (
    BuildOptions,
    BuildReport,
    build as run_build,
    check as run_check,
    parse_shard,
    resolve_content,
)
from .cli_import import import_group
from .cli_shell import PlaybookGroup, echo, is_quiet, print_problems, progress, run, set_quiet
from .console import ProgressLine, build_summary, check_summary, list_table, plural
from .engines import DEFAULT_ENGINE, ENGINES, get as get_engine
from .errors import BuildError, PlaybookError, UsageError
from .i18n.commands import translations
from .i18n.report import translation_lines
from .inventory import index as run_index, inventory
from .scaffold import init_repository, new_team as write_new_team, unreachable_requirement_warning

content_option = click.option(
    "--content", type=click.Path(path_type=Path, file_okay=False),
    help="Content folder (default: ./content, else the bundled demo).",
)
_OPTIONAL_ENGINES = [name for name in ENGINES if name != DEFAULT_ENGINE]
engine_option = click.option(
    "--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True,
    help=f"Site engine: {DEFAULT_ENGINE} ({get_engine(DEFAULT_ENGINE).summary}), "
         f"{' or '.join(filter(None, [', '.join(_OPTIONAL_ENGINES[:-1]), *_OPTIONAL_ENGINES[-1:]]))} (optional extras).",
)


@click.group(cls=PlaybookGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="playbook")
@click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=set_quiet,
              help="Print only errors and warnings: no progress, no summary.")
def cli() -> None:
    """Build per-team coaching playbooks from YAML."""


@cli.command()
@content_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--verbose", "-v", is_flag=True, help="Also list every untranslated or fuzzy entry's source file:line.")
def check(content: Path | None, strict: bool, verbose: bool) -> None:
    """Validate the content and team data without building."""
    result = run(lambda: run_check(content, strict=strict, notice=lambda m: click.echo(m, err=True)))
    print_problems(result.warnings)
    for line in translation_lines(result, verbose=verbose):  # completeness per language (i18n)
        echo(line)
    echo(check_summary(result))


@cli.command()
@content_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("site"), show_default=True,
              help="Output folder for the shareable editions.")
@click.option("--managers-out", type=click.Path(path_type=Path, file_okay=False),
              help="Output folder for the private manager editions (default: OUT-managers beside OUT).")
@click.option("--team", "teams", multiple=True, metavar="ID", help="Build only this team's editions (repeatable).")
@click.option("--force", is_flag=True, help="Rebuild every edition even if unchanged.")
@click.option("--site-url", metavar="URL", help="Base URL the editions are served under.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Editions built at once, each in its own worker process (default: the number of CPUs).")
@click.option("--shard", metavar="K/N", help="Build only the K-th of N deterministic parts of the editions (CI matrix).")
@click.option("--strict", is_flag=True, help="Treat content warnings as errors: build nothing if there are any.")
@click.option("--offline/--online", default=None,
              help="Build editions that work opened from disk (file://), search included, or only "
                   "served by a web server (default: `offline:` in playbook.yml; its default, auto, "
                   "is offline unless a site_url is set).")
@click.option("--pdf/--no-pdf", default=None,
              help="Also write the practice deck as a PDF (needs the pdf extra, e.g. pip install '.[pdf]' in a clone; "
                   "default: when it is installed).")
@engine_option
def build(content, out, managers_out, teams, force, site_url, jobs, shard, strict, offline, pdf, engine) -> None:
    """Build every changed edition and publish it into OUT and OUT-managers."""
    try:
        shard_part = parse_shard(shard) if shard else None
    except UsageError as exc:
        raise click.BadParameter(str(exc).split(": ", 1)[-1], param_hint="--shard") from None
    options = BuildOptions(content=content, out=out, managers_out=managers_out, teams=list(teams) or None,
                           force=force, site_url=site_url, jobs=jobs, shard=shard_part, strict=strict,
                           offline=offline, pdf=pdf, engine=engine)
    line = ProgressLine(click.echo, tty=sys.stdout.isatty())

    def attempt():
        try:
            return run_build(options, progress=None if is_quiet() else line)
        except PlaybookError as exc:
            line.end()
            if isinstance(exc, BuildError) and exc.report is not None:
                _summary(exc.report, options)
            raise
        finally:
            line.end()

    report = run(attempt)
    print_problems(report.warnings)
    _summary(report, options)


def _summary(report: BuildReport, options: BuildOptions) -> None:
    echo(build_summary(report, options.out, options.managers_root))


@cli.command()
@content_option
@click.option("--team", metavar="ID", help="Preview this team's edition (default: the org-wide library).")
@click.option("--manager", is_flag=True, help="Preview the team's private manager edition (needs --team).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@engine_option
def serve(content, team, manager, host, port, engine) -> None:
    """Preview one edition on localhost; rebuild and reload the browser when YAML, templates or mkdocs.yml change."""
    from .serve import serve as run_serve

    root = resolve_content(content, echo)
    run(lambda: run_serve(root, team=team, manager=manager, host=host, port=port, engine=engine,
                           error=lambda message: click.echo(message, err=True), say=progress()),
         failed="nothing to serve: fix the problems above and run it again.")


@cli.command()
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("site"), show_default=True,
              help="Output folder holding the editions (e.g. the shards' outputs copied together).")
@click.option("--managers-out", type=click.Path(path_type=Path, file_okay=False),
              help="Output folder of the manager editions (default: OUT-managers beside OUT).")
def index(out, managers_out) -> None:
    """Rebuild index.html from every manifest in OUT and OUT-managers (after merging shards)."""
    written = run(lambda: run_index(out, managers_out))
    for path in written:
        echo(f"wrote {path}")


@cli.command("list")
@content_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A table for people, JSON for scripts.")
def list_(content: Path | None, fmt: str) -> None:
    """List the principles, practices, situations and teams, with counts."""
    if content is None and not Path("content").is_dir() and not is_quiet():
        click.secho("No content/ folder here: listing the bundled demo playbook. "
                    "Run `playbook init DIR` to start your own.", err=True)
    data = run(lambda: inventory(content), "fix them, then list again.")
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for line, heading in list_table(data):
        if heading:
            click.secho(line, bold=True)
        else:
            click.echo(line)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--overwrite", is_flag=True, help="Write into a folder that is not empty (same-named files are replaced).")
def init(directory: Path, overwrite: bool) -> None:
    """Start a new playbook repository in DIRECTORY."""
    run(lambda: init_repository(directory, overwrite=overwrite, progress=progress()), "nothing was written.")
    warning = unreachable_requirement_warning()
    if warning:
        click.echo(warning, err=True)
    echo(f"""
Next steps:
  cd {directory}
  playbook new-team my-team --name "My team" --manager "Manager name"   # one per team
  playbook check && playbook build      # then open site/index.html
Brand it in mkdocs.yml; before you publish site/ on a web server, set site_url in content/playbook.yml
(without it the editions are built to be opened from disk); delete content/teams/example-team.yml
once you have your own teams, and push: CI publishes site/ (never site-managers/).""")


@cli.command("new-team")
@click.argument("team_id", metavar="ID")
@click.option("--name", required=True, help="The team's display name.")
@click.option("--manager", required=True, help="The manager's name.")
@click.option("--quarter", metavar="YYYY-QN", help="Quarter the edition plans (default: the current one, or the next once it is half over).")
@click.option("--timezone", default="UTC", show_default=True, help="IANA time zone of the coaching calendar.")
@click.option("--language", default="en", show_default=True, help="Language of the site's own labels.")
@click.option("--situation", "situations", multiple=True, metavar="ID", help="A situation the team is in (repeatable).")
@click.option("--content", type=click.Path(path_type=Path, file_okay=False), default=Path("content"),
              show_default=True, help="Content folder to add the team to.")
def new_team(team_id, name, manager, quarter, timezone, language, situations, content) -> None:
    """Write a commented team file content/teams/ID.yml, ready to fill in."""
    path = run(lambda: write_new_team(team_id, name, manager, content=content, quarter=quarter, timezone=timezone,
                                       language=language, situations=list(situations)), "nothing was written.")
    echo(f"created {path}: add the members, then run `playbook check`")


@cli.command()
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("schemas"), show_default=True,
              help="Folder to write the JSON Schemas into.")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if the schemas are out of date.")
def schemas(out: Path, check_only: bool) -> None:
    """Write the JSON Schemas editors use to autocomplete and check content files."""
    from .schemas import outdated, write_all

    if check_only:
        stale = outdated(out)
        for name in stale:
            click.secho(f"{out / name}: error: out of date; run `playbook schemas --out {out}`", fg="red", err=True)
        sys.exit(1 if stale else 0)
    written = run(lambda: write_all(out), "nothing more was written.")
    echo(f"{plural(len(written), 'schema')} updated in {out}/" if written else f"schemas in {out}/ are up to date")


cli.add_command(import_group)  # `playbook import roster|metrics`, in cli_import.py
cli.add_command(translations)


def main() -> None:
    cli(prog_name="playbook")


if __name__ == "__main__":
    main()
