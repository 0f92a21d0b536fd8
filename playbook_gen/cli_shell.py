"""The shell every `playbook` command runs in: how outcomes become lines and exit codes, and the
--version / --quiet options each command takes. cli.py holds the commands; a new command module
uses `run`, `echo`, `progress` and `print_problems` from here so it behaves like the others.

User errors become one line per problem on stderr and exit 1 (the operating
system refusing a write included); wrong usage exits 2; Ctrl-C exits 130,
SIGTERM 143, SIGHUP 129. No traceback reaches the user for any of them.
"""
from __future__ import annotations

import os
import sys

import click

from . import __version__, signals
from .console import plural, problem_lines
from .errors import ContentError, Interrupted, PlaybookError, Problem, UsageError, os_problem


def print_problems(problems: list[Problem]) -> None:
    for line, is_error in problem_lines(problems):
        click.secho(line, fg="red" if is_error else "yellow", err=True)


def _interrupted(signum: int) -> None:
    """Staging is already removed and workers stopped: leave now, without the interpreter's exit
    handlers (the process pool's joins them, and a killed worker could keep it waiting)."""
    click.secho("interrupted; published editions are unchanged.", fg="red", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(signals.exit_code(signum))


def run(action, failed: str = "nothing was published for the editions that failed."):
    signals.install()
    try:
        result = action()
    except PlaybookError as exc:
        print_problems(exc.problems)
        errors = sum(p.is_error for p in exc.problems)
        if isinstance(exc, ContentError):
            warnings = len(exc.problems) - errors
            counts = plural(errors, "error") + (f", {plural(warnings, 'warning')}" if warnings else "")
            click.secho(f"{counts} in the content; nothing was built. Fix them and run again.", fg="red", err=True)
        else:
            click.secho(f"{plural(errors, 'error')}; {failed}", fg="red", err=True)
        sys.exit(1)
    except UsageError as exc:
        click.secho(f"playbook: {exc}", fg="red", err=True)
        sys.exit(2)
    except KeyboardInterrupt as exc:
        _interrupted(exc.signum if isinstance(exc, Interrupted) else 2)
    except OSError as exc:  # init, new-team, schemas: the operating system said no
        print_problems([os_problem(exc)])
        click.secho("nothing more was written.", fg="red", err=True)
        sys.exit(1)
    if signals.received:  # an engine (MkDocs' serve) caught the interrupt itself and returned
        _interrupted(signals.received[-1])
    return result


# --version and --quiet on every command: the group adds them to each command it holds.
_QUIET = "playbook.quiet"


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"playbook, version {__version__}")
        ctx.exit()


def set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_root().meta[_QUIET] = True


def _common_options() -> list[click.Option]:
    return [
        click.Option(["--version"], is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
                     help="Show the version and exit."),
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, callback=set_quiet,
                     help="Print only errors and warnings: no progress, no summary."),
    ]


def is_quiet() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().meta.get(_QUIET))


def echo(message: str) -> None:
    """Progress and summaries: silenced by --quiet (errors and warnings never are)."""
    if not is_quiet():
        click.echo(message)


def progress():
    """A progress callback for the API, resolved now (it may be called where no click context is)."""
    return (lambda message: None) if is_quiet() else click.echo


class PlaybookGroup(click.Group):
    """A group whose every command also takes --version and --quiet."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        taken = {opt for param in cmd.params for opt in getattr(param, "opts", [])}
        cmd.params.extend(opt for opt in _common_options() if not taken & set(opt.opts))
        super().add_command(cmd, name)
