"""What the `playbook` command prints, as plain text: problem lines capped per file, the summary
lines, the `list` table and the build's progress line. cli.py only echoes these, so what a user reads
is testable without click."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem, display_path

if TYPE_CHECKING:
    from .api import BuildReport
    from .content import Content

MAX_PROBLEMS_PER_FILE = 50


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 team', '2 teams', '0 teams': counts read as English in every summary line."""
    return f"{n} {word if n == 1 else words or word + 's'}"


def problem_lines(problems: list[Problem]) -> Iterator[tuple[str, bool]]:
    """(line, is an error) per problem, at most MAX_PROBLEMS_PER_FILE per file, then how many more: a
    broken 80,000-member file gives a screenful, not 20 MB. The exit code and the summary count them all."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:  # sorted by file already: this keeps each file's lines together anyway
        by_file.setdefault(problem.path, []).append(problem)
    for path, found in by_file.items():
        for problem in found[:MAX_PROBLEMS_PER_FILE]:
            yield problem.format(), problem.is_error
        if len(found) > MAX_PROBLEMS_PER_FILE:
            more = len(found) - MAX_PROBLEMS_PER_FILE
            yield (f"{display_path(path)}: …and {more} more in this file",
                   any(p.is_error for p in found[MAX_PROBLEMS_PER_FILE:]))


def check_summary(result: Content) -> str:
    return (f"ok: {plural(len(result.principles), 'principle')}, {plural(len(result.practices), 'practice')}, "
            f"{plural(len(result.situations), 'situation')}, "
            + (f"{plural(len(result.scorecards), 'scorecard')}, " if result.scorecards else "")  # a newer kind: when used
            + f"{plural(len(result.teams), 'team')}"
            + (f", {plural(len(result.warnings), 'warning')}" if result.warnings else ""))


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def build_summary(report: BuildReport, out: Path, managers_root: Path) -> str:
    size = _size(report.size_bytes)
    if report.size_bytes_without_links > report.size_bytes:
        size += f" ({_size(report.size_bytes_without_links)} without hard links)"
    return (f"done: {len(report.built)} built, {len(report.skipped)} skipped, {len(report.failed)} failed"
            + (f", {len(report.removed)} removed" if report.removed else "")
            + f" in {report.seconds:.1f}s; output {size} → {out}/ and {managers_root}/")


_COLUMNS = {
    "principles": [("id", "ID"), ("title", "TITLE"), ("practices", "CARDS")],
    "practices": [("id", "ID"), ("title", "TITLE"), ("principle", "PRINCIPLE"), ("minutes", "MIN"),
                  ("cadence", "CADENCE"), ("difficulty", "DIFFICULTY")],
    "situations": [("id", "ID"), ("title", "TITLE"), ("practices", "PRACTICES")],
    "scorecards": [("id", "ID"), ("title", "TITLE"), ("criteria", "CRITERIA"), ("practices", "PRACTICES")],
    "teams": [("id", "ID"), ("name", "NAME"), ("manager", "MANAGER"), ("quarter", "QUARTER"),
              ("members", "MEMBERS")],
}


def list_table(data: dict[str, Any]) -> Iterator[tuple[str, bool]]:
    """(line, is a heading) of `playbook list`'s table for `inventory()`'s data."""
    for kind, cols in _COLUMNS.items():
        rows = [[_cell(item[key]) for key, _ in cols] for item in data[kind]]
        yield f"{kind.capitalize()} ({len(rows)})", True
        if rows:
            widths = [max(len(h), *(len(r[i]) for r in rows)) for i, (_, h) in enumerate(cols)]
            yield "  " + "  ".join(h.ljust(w) for (_, h), w in zip(cols, widths, strict=True)).rstrip(), False
            for row in rows:
                yield "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip(), False
        yield "", False
    counts = {kind: n for kind, n in data["counts"].items() if n or kind != "scorecards"}  # as `check`: when used
    yield "Total: " + ", ".join(plural(n, kind[:-1], kind) for kind, n in counts.items()), False


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return str(len(value))
    return "" if value is None else " ".join(str(value).split())


class ProgressLine:
    """One line per edition; on a terminal, a single line rewritten in place."""

    def __init__(self, echo: Callable[..., None], *, tty: bool) -> None:
        self.echo = echo
        self.tty = tty
        self.open = False

    def __call__(self, message: str) -> None:
        if self.tty and message.startswith("["):
            self.echo("\r\x1b[K" + message, nl=False)
            self.open = True
        else:
            self.end()
            self.echo(message)

    def end(self) -> None:
        if self.open:
            self.echo()
            self.open = False
