"""What the `playbook` command prints, checked as text without running it (console.py)."""
from __future__ import annotations

from pathlib import Path

from playbook_gen.api import BuildReport
from playbook_gen.console import MAX_PROBLEMS_PER_FILE, build_summary, list_table, plural, problem_lines
from playbook_gen.errors import Problem


def test_problems_are_capped_per_file_and_the_rest_counted():
    many = [Problem("content/teams/huge.yml", i + 1, 1, "bad") for i in range(MAX_PROBLEMS_PER_FILE + 7)]
    other = Problem("content/teams/small.yml", 3, 1, "unused", "warning")
    lines = list(problem_lines([*many, other]))
    assert len(lines) == MAX_PROBLEMS_PER_FILE + 2
    assert lines[MAX_PROBLEMS_PER_FILE] == ("content/teams/huge.yml: …and 7 more in this file", True)
    assert lines[-1] == (other.format(), False), "another file's problems are not cut by the first one's cap"


def test_counts_read_as_english():
    assert [plural(1, "team"), plural(0, "team"), plural(2, "entry", "entries")] == ["1 team", "0 teams", "2 entries"]


def test_build_summary_names_both_output_folders_and_the_hard_link_saving():
    report = BuildReport(built=["team/a"], skipped=["team/b", "team/c"], size_bytes=2_000_000,
                         size_bytes_without_links=5_000_000, seconds=1.5)
    assert build_summary(report, Path("site"), Path("site-managers")) == (
        "done: 1 built, 2 skipped, 0 failed in 1.5s; output 2.0 MB (5.0 MB without hard links) → site/ and site-managers/")


def test_list_table_aligns_columns_and_counts_lists():
    data = {"principles": [{"id": "listen", "title": "Listen  first", "practices": ["a", "b"]}],
            "practices": [], "situations": [], "scorecards": [], "teams": []}
    data["counts"] = {kind: len(items) for kind, items in data.items()}
    lines = list(list_table(data))
    assert lines[:3] == [("Principles (1)", True), ("  ID      TITLE         CARDS", False),
                         ("  listen  Listen first  2", False)]
    assert ("Practices (0)", True) in lines
    assert ("Scorecards (0)", True) in lines
    assert lines[-1] == ("Total: 1 principle, 0 practices, 0 situations, 0 teams", False)  # scorecards: when used


def test_the_progress_line_is_rewritten_in_place_on_a_terminal_and_one_line_each_elsewhere():
    from playbook_gen.console import ProgressLine

    written: list[tuple[str, bool]] = []

    def echo(message: str = "", nl: bool = True) -> None:
        written.append((message, nl))

    terminal = ProgressLine(echo, tty=True)
    terminal("[1/2] built   team/a")
    terminal("[2/2] built   team/b")
    terminal("done: 2 built")
    assert written == [("\r\x1b[K[1/2] built   team/a", False), ("\r\x1b[K[2/2] built   team/b", False),
                       ("", True), ("done: 2 built", True)]
    written.clear()
    piped = ProgressLine(echo, tty=False)
    piped("[1/2] built   team/a")
    piped.end()
    assert written == [("[1/2] built   team/a", True)]
