"""`playbook import roster|metrics`: team data from the HR and CRM exports an organisation already has.

- table: reading a CSV or XLSX export into cells that know their row and column;
- columns: which column holds what (playbook.yml's `import:`, else common export headers);
- roster: rows into teams, managers and members, with every bad cell reported at once;
- yamledit: splicing a hand-written YAML file, so everything the import does not own stays byte for byte;
- teamfiles, plan: what a roster import changes in each team file (and which new files it starts);
- metrics: a metrics export (long or wide) into each team's `metrics:`.

Nothing is written when any problem is found; a dry run returns the same plan and writes nothing.
"""
from __future__ import annotations

import difflib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PlaybookError, Problem, display_path
from ..load import load_file
from ..models import Playbook
from ..validate import parse_document
from .columns import METRICS_DEFAULTS, ROSTER_DEFAULTS, all_headers, resolve
from .metrics import apply_metrics, load_teams, metric_names, read_metrics
from .plan import Change, plan_roster
from .roster import read_roster
from .table import read_table


@dataclass
class ImportReport:
    """What an import changed (or, in a dry run, would change)."""

    changes: list[Change] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    written: bool = False

    def diff(self) -> str:
        """The changes as a unified diff, paths as `git diff` shows them."""
        out: list[str] = []
        for change in sorted(self.changes, key=lambda c: str(c.path)):
            name = display_path(change.path)
            out += difflib.unified_diff(
                (change.before or "").splitlines(keepends=True), (change.after or "").splitlines(keepends=True),
                fromfile=f"a/{name}" if change.before is not None else "/dev/null",
                tofile=f"b/{name}" if change.after is not None else "/dev/null")
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)


def playbook_settings(content: Path) -> Playbook:
    """The content's playbook.yml, validated (its `import:` mapping is what the import needs)."""
    path = Path(content) / "playbook.yml"
    if not Path(content).is_dir():
        raise PlaybookError([Problem(str(content), 0, 0, "content folder not found; pass --content, or run "
                                                         "`playbook init DIR` to start a playbook")])
    if not path.is_file():
        raise PlaybookError([Problem(str(path), 1, 1, "playbook.yml is missing; it holds the title and intro")])
    doc = load_file(path)
    playbook = parse_document(doc, Playbook)
    if playbook is None:
        raise PlaybookError(doc.problems)  # "nothing was written", not "nothing was built"
    return playbook


def import_roster(file: Path, *, content: Path = Path("content"), dry_run: bool = False,
                  remove_missing: bool = False, encoding: str = "utf-8", sheet: str | None = None) -> ImportReport:
    """Create and update content/teams/*.yml from an HR export; raise PlaybookError listing every problem."""
    settings = playbook_settings(content).import_.roster
    table = read_table(Path(file), encoding=encoding, sheet=sheet, header_hint=all_headers(settings, ROSTER_DEFAULTS))
    teams, problems = read_roster(table, settings)
    if problems:
        raise PlaybookError(problems)
    team_col = resolve(table, settings, ROSTER_DEFAULTS, [], "roster")[0].at("team") or 1
    plan, problems = plan_roster(Path(content), teams, lambda row, message: table.problem(row, team_col, message),
                                 remove_missing=remove_missing)
    if problems:
        raise PlaybookError(problems)
    report = ImportReport(plan.changes, sorted(plan.notices), plan.counts)
    if not dry_run:
        write_changes(plan.changes)
        report.written = True
    return report


def import_metrics(file: Path, *, content: Path = Path("content"), dry_run: bool = False,
                   encoding: str = "utf-8", sheet: str | None = None) -> ImportReport:
    """Write each team's `metrics:` from a metrics export; raise PlaybookError listing every problem."""
    playbook = playbook_settings(content)
    declared = metric_names(playbook)
    problems: list[Problem] = []
    teams = load_teams(Path(content), problems)
    if problems:
        raise PlaybookError(problems)
    hint = all_headers(playbook.import_.metrics, METRICS_DEFAULTS) | set(declared)
    table = read_table(Path(file), encoding=encoding, sheet=sheet, header_hint=hint)
    readings, problems = read_metrics(table, playbook.import_.metrics, declared, teams)
    if not problems and not declared:
        problems.append(Problem(str(Path(content) / "playbook.yml"), 1, 1, (
            "no metrics are declared: add them under 'metrics:' in playbook.yml (label, unit, bad) first")))
    if problems:
        raise PlaybookError(problems)
    changes, counts, problems = apply_metrics(teams, readings)
    if problems:
        raise PlaybookError(problems)
    report = ImportReport(changes, [], counts)
    if not dry_run:
        write_changes(changes)
        report.written = True
    return report


def write_changes(changes: list[Change]) -> None:
    """Write every changed file (each through a temporary file and a rename), then delete the removed ones."""
    staged: list[tuple[Path, Path]] = []
    try:
        for change in changes:
            if change.after is None:
                continue
            change.path.parent.mkdir(parents=True, exist_ok=True)
            temp = change.path.with_name(f".{change.path.name}.import-tmp")
            with open(temp, "w", encoding="utf-8", newline="") as handle:
                handle.write(change.after)
            staged.append((temp, change.path))
            if change.before is not None:
                shutil.copymode(change.path, temp)  # a replaced file keeps its permissions
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    for temp, path in staged:
        os.replace(temp, path)
    for change in changes:
        if change.after is None:
            change.path.unlink(missing_ok=True)
