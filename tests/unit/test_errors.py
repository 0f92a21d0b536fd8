"""The error model: guards raise the project's errors, `BuildError` carries the build's report.

Fast, no MkDocs: a guard that fires is a bug in code or a template, and the
error's type (not only its message) is what a caller or a traceback reader has.
"""
from __future__ import annotations

import pickle

import pytest

from playbook_gen.api import BuildReport
from playbook_gen.contrast import parse_color
from playbook_gen.errors import (
    BuildError,
    ColourError,
    ContentPathError,
    FilterDataError,
    GuardError,
    NotProseError,
    Problem,
    UnsafeNameError,
)
from playbook_gen.render import attr_value, environment
from playbook_gen.safety import content_path, safe_name


def test_guards_raise_project_errors_that_are_still_the_builtin_kind(tmp_path):
    cases = [
        (lambda: safe_name("../etc"), UnsafeNameError, ValueError),
        (lambda: attr_value("two words"), FilterDataError, ValueError),
        (lambda: attr_value(1.5), FilterDataError, ValueError),
        (lambda: environment().from_string("{{ x | markdown }}").render(x="plain text"), NotProseError, TypeError),
        (lambda: parse_color("rebeccapurple"), ColourError, ValueError),
    ]
    for call, project, builtin in cases:
        with pytest.raises(project) as caught:
            call()
        assert isinstance(caught.value, GuardError) and isinstance(caught.value, builtin)
    with pytest.raises(ContentPathError, match="not found"):
        content_path(tmp_path, "missing.png")


def test_build_error_carries_its_report_and_survives_a_worker():
    report = BuildReport(built=["sales"], failed=["support"])
    problems = [Problem("mkdocs.yml", message="build failed: boom")]
    assert BuildError(problems, report=report).report is report
    assert BuildError(problems).report is None
    back = pickle.loads(pickle.dumps(BuildError(problems)))  # parallel.py's workers return problems as values
    assert isinstance(back, BuildError) and back.problems == problems and back.report is None
