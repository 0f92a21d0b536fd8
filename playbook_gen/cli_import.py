"""`playbook import roster FILE` and `playbook import metrics FILE`: the commands over playbook_gen.importer."""
from __future__ import annotations

from pathlib import Path

import click

from .cli_shell import PlaybookGroup, echo, print_problems, run
from .console import plural
from .importer.table import ENCODINGS

_content = click.option("--content", type=click.Path(path_type=Path, file_okay=False), default=Path("content"),
                        show_default=True, help="Content folder whose team files the import writes.")
_dry_run = click.option("--dry-run", is_flag=True, help="Print the changes as a diff; write nothing.")
_encoding = click.option("--encoding", type=click.Choice(ENCODINGS), default="utf-8", show_default=True,
                         help="Text encoding of a CSV export (cp1252: Excel's 'CSV' on Windows).")
_sheet = click.option("--sheet", metavar="NAME", help="The sheet of an .xlsx export to read (default: the first).")
_file = click.argument("file", type=click.Path(path_type=Path, dir_okay=False))


@click.group("import", cls=PlaybookGroup)
def import_group() -> None:
    """Create and update team files from HR (roster) and CRM or BI (metrics) exports, CSV or XLSX."""


def _count(n: int, what: str) -> str:
    """'1 team created', '2 teams created', '3 added'."""
    first, _, rest = what.partition(" ")
    if n != 1 and first in ("team", "number"):
        first += "s"
    return " ".join(filter(None, [str(n), first, rest]))


def _report(report, dry_run: bool) -> None:
    print_problems(report.notices)
    if dry_run:
        click.echo(report.diff(), nl=False)
    counts = ", ".join(_count(n, what) for what, n in sorted(report.counts.items()) if n)
    files = plural(len(report.changes), "file")
    if not report.changes:
        echo(f"nothing to change ({counts or 'the export matches the team files'})")
    elif dry_run:
        echo(f"dry run: {files} would change ({counts}); nothing was written")
    else:
        echo(f"{files} changed ({counts}); review with `git diff`, then run `playbook check`")


@import_group.command("roster")
@_file
@_content
@_dry_run
@click.option("--remove-missing", is_flag=True,
              help="Remove members and teams the export no longer has (they are only listed otherwise).")
@_encoding
@_sheet
def roster(file, content, dry_run, remove_missing, encoding, sheet) -> None:
    """Create and update content/teams/*.yml from an HR system's people export."""
    from .importer import import_roster

    report = run(lambda: import_roster(file, content=content, dry_run=dry_run, remove_missing=remove_missing,
                                       encoding=encoding, sheet=sheet), "nothing was written.")
    _report(report, dry_run)


@import_group.command("metrics")
@_file
@_content
@_dry_run
@_encoding
@_sheet
def metrics(file, content, dry_run, encoding, sheet) -> None:
    """Write each team's metrics: from a CSV or XLSX export (long: team, metric, value; or wide: one column per metric)."""
    from .importer import import_metrics

    report = run(lambda: import_metrics(file, content=content, dry_run=dry_run, encoding=encoding, sheet=sheet),
                 "nothing was written.")
    _report(report, dry_run)
