"""The smallest valid content tree, and helpers that validate it with one file changed (unit and e2e tests share it)."""
from __future__ import annotations

from pathlib import Path

from helpers import build_file_tree

from playbook_gen.errors import ContentError, Problem
from playbook_gen.validate import load_content

PLAYBOOK = """\
title: Test playbook
intro: Hello.
"""
PRINCIPLE = """\
id: ask-dont-tell
title: Ask, don't tell
selling: s
management: m
why: w
tell_mode: [a]
serve_mode: [b]
sources:
  - author: A
    title: T
"""
PRACTICE = """\
id: weekly-one-on-one
title: Weekly one-on-one
principle: ask-dont-tell
summary: s
minutes: 30
cadence: weekly
people: p
difficulty: easy
steps: [one]
"""
SITUATION = """\
id: idea-drought
title: Idea drought
signs: [quiet]
why: w
practices: [weekly-one-on-one]
"""
TEAM = """\
id: emea
name: EMEA
manager:
  name: Dana
quarter: 2027-Q1
situations: [idea-drought]
members:
  - name: Alex
    role: AE
"""
VALID = {
    "content/playbook.yml": PLAYBOOK,
    "content/principles/ask-dont-tell.yml": PRINCIPLE,
    "content/practices/weekly-one-on-one.yml": PRACTICE,
    "content/situations/idea-drought.yml": SITUATION,
    "content/teams/emea.yml": TEAM,
}


def check(tmp_path: Path, files: dict[str, str | bytes], strict: bool = False) -> list[Problem]:
    """Write the valid tree plus `files` (None removes one) and return every problem found."""
    tree = {**VALID, **files}
    build_file_tree(tmp_path, {k: v for k, v in tree.items() if v is not None})
    try:
        content = load_content(tmp_path / "content", strict=strict)
    except ContentError as exc:
        return exc.problems
    return content.warnings


def errors(tmp_path: Path, files: dict[str, str | bytes]) -> list[Problem]:
    return [p for p in check(tmp_path, files) if p.is_error]


def one(problems: list[Problem], file: str, line: int, *gist: str, column: int | None = None) -> Problem:
    """Exactly one problem, in `file` at `line`, whose message holds every piece of `gist`."""
    assert len(problems) == 1, "\n".join(p.format() for p in problems)
    problem = problems[0]
    assert Path(problem.path).as_posix().endswith(file), problem.format()
    assert problem.line == line, problem.format()
    if column is not None:
        assert problem.column == column, problem.format()
    for piece in gist:
        assert piece in problem.message, problem.format()
    return problem
