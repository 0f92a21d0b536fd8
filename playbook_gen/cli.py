"""The `playbook` command: a thin shell over `playbook_gen.api`.

User errors become one line per problem on stderr and exit 1; wrong usage
exits 2; Ctrl-C exits 130. No traceback reaches the user for any of them.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .api import BuildOptions, build as run_build, check as run_check
from .errors import PlaybookError, Problem, UsageError


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        colour = "red" if problem.is_error else "yellow"
        click.secho(problem.format(), fg=colour, err=True)


def _run(action):
    try:
        return action()
    except PlaybookError as exc:
        _print_problems(exc.problems)
        errors = sum(p.is_error for p in exc.problems)
        click.secho(f"{errors} error(s); nothing was published for the editions that failed.", fg="red", err=True)
        sys.exit(1)
    except UsageError as exc:
        click.secho(f"playbook: {exc}", fg="red", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.secho("interrupted; published editions are unchanged.", fg="red", err=True)
        sys.exit(130)


content_option = click.option(
    "--content", type=click.Path(path_type=Path, file_okay=False),
    help="Content folder (default: ./content, else the bundled demo).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="playbook")
def cli() -> None:
    """Build per-team coaching playbooks from YAML."""


@cli.command()
@content_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(content: Path | None, strict: bool) -> None:
    """Validate the content and team data without building."""
    result = _run(lambda: run_check(content, strict=strict))
    _print_problems(result.warnings)
    click.echo(
        f"ok: {len(result.principles)} principles, {len(result.practices)} practices, "
        f"{len(result.situations)} situations, {len(result.teams)} teams"
        + (f", {len(result.warnings)} warning(s)" if result.warnings else "")
    )


@cli.command()
@content_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("site"), show_default=True,
              help="Output folder for the shareable editions.")
@click.option("--managers-out", type=click.Path(path_type=Path, file_okay=False),
              help="Output folder for the private manager editions (default: OUT-managers beside OUT).")
@click.option("--team", "teams", multiple=True, metavar="ID", help="Build only this team's editions (repeatable).")
@click.option("--force", is_flag=True, help="Rebuild every edition even if unchanged.")
@click.option("--site-url", metavar="URL", help="Base URL the editions are served under.")
def build(content, out, managers_out, teams, force, site_url) -> None:
    """Build every edition and publish it into OUT and OUT-managers."""
    options = BuildOptions(content=content, out=out, managers_out=managers_out, teams=list(teams) or None,
                           force=force, site_url=site_url)
    report = _run(lambda: run_build(options, progress=click.echo))
    _print_problems(report.warnings)
    click.echo(f"done: {len(report.built)} built, {len(report.skipped)} skipped in {report.seconds:.1f}s "
               f"→ {options.out}/ and {options.managers_root}/")


def main() -> None:
    cli(prog_name="playbook")


if __name__ == "__main__":
    main()
