"""Cross-file checks of metrics: every name a team's `metrics:` or a situation's `detect:` uses is declared
under `metrics:` in playbook.yml, with a did-you-mean for a misspelt one.

Reads the raw data (like validate.py's other cross-file checks), so a file that failed its own model
still gets its unknown metric names reported in the same run.
"""
from __future__ import annotations

import re
from typing import Any

from .errors import Problem
from .load import Document
from .models import METRIC_PATTERN
from .suggest import did_you_mean


def declared_metrics(playbook_doc: Document | None) -> list[str] | None:
    """The metric names playbook.yml declares; None when they cannot be read (its own error says why)."""
    if playbook_doc is None or not isinstance(playbook_doc.data, dict):
        return None
    metrics = playbook_doc.data.get("metrics")
    if metrics is None:
        return []
    if not isinstance(metrics, dict):
        return None
    return [name for name in metrics if isinstance(name, str) and re.match(METRIC_PATTERN, name)]


def _unknown(doc: Document, keypath: tuple, name: Any, declared: list[str], *, at_key: bool) -> Problem | None:
    if not isinstance(name, str) or name in declared:
        return None
    hint = did_you_mean(name, declared)
    if not hint:
        hint = (f"; declared metrics: {', '.join(sorted(declared))}" if 0 < len(declared) <= 12
                else "; declare it under 'metrics:' in playbook.yml")
    line, col = doc.key_where(keypath) if at_key else doc.where(keypath)
    return Problem(str(doc.path), line, col, f"unknown metric '{name}'{hint}")


def metric_problems(playbook_doc: Document | None, situation_docs: list[Document],
                    team_docs: list[Document]) -> list[Problem]:
    """Unknown metric names in teams' `metrics:` (at the key) and situations' `detect:` (at the value)."""
    declared = declared_metrics(playbook_doc)
    if declared is None:
        return []
    problems = []
    for doc in team_docs:
        metrics = doc.data.get("metrics") if isinstance(doc.data, dict) else None
        if isinstance(metrics, dict):
            problems += [_unknown(doc, ("metrics", name), name, declared, at_key=True) for name in metrics]
    for doc in situation_docs:
        detect = doc.data.get("detect") if isinstance(doc.data, dict) else None
        if isinstance(detect, list):
            problems += [_unknown(doc, ("detect", i, "metric"), rule.get("metric"), declared, at_key=False)
                         for i, rule in enumerate(detect) if isinstance(rule, dict)]
    return [p for p in problems if p is not None]
