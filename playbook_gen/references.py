"""The cross-file references of scorecards and situation sequences (part of stage 2, validate).

Practices name scorecards (`scorecards:`), scorecards name principles (`principles:`), a
situation's `sequence:` names practices; and a sequence's stretches of weeks come in order.
Like validate.py's own checks these read the raw data, so a file with a typo elsewhere still
gets its references checked. `check_ref(doc, keypath, id, kind)` is validate.py's: it reports an
unknown id at its place with "did you mean …?".
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .errors import Problem
from .load import Document
from .models import WEEKS_PATTERN
from .slug import is_slug

CheckRef = Callable[[Document, tuple, str, str], None]


def _ids(data: Any, key: str) -> list[tuple[int, str]]:
    items = data.get(key) if isinstance(data, dict) else None
    return [(i, item) for i, item in enumerate(items) if is_slug(item)] if isinstance(items, list) else []


def _steps(data: Any) -> list[tuple[int, dict]]:
    steps = data.get("sequence") if isinstance(data, dict) else None
    return [(i, s) for i, s in enumerate(steps) if isinstance(s, dict)] if isinstance(steps, list) else []


def check_references(loaded: dict[str, list[tuple[Document, Any]]], check_ref: CheckRef,
                     used_practices: set[str], warnings: list[Problem]) -> list[Problem]:
    """Check the references; practices a sequence names join `used_practices`; a scorecard no practice
    names is a warning (it is still published). Returns the sequences' order problems."""
    problems: list[Problem] = []
    used_scorecards: set[str] = set()
    for doc, _ in loaded["practice"]:
        for i, sid in _ids(doc.data, "scorecards"):
            check_ref(doc, ("scorecards", i), sid, "scorecard")
            used_scorecards.add(sid)
    for doc, _ in loaded["scorecard"]:
        defined = doc.data.get("id") if isinstance(doc.data, dict) else None
        if is_slug(defined) and defined not in used_scorecards:
            warnings.append(doc.problem(("id",), f"scorecard '{defined}' is not used by any practice; list it under a "
                                                 "practice's 'scorecards'", "warning"))
    for doc, _ in loaded["scorecard"]:
        for i, pid in _ids(doc.data, "principles"):
            check_ref(doc, ("principles", i), pid, "principle")
    for doc, _ in loaded["situation"]:
        previous: tuple[str, int] | None = None
        for i, step in _steps(doc.data):
            for j, pid in _ids(step, "practices"):
                check_ref(doc, ("sequence", i, "practices", j), pid, "practice")
                used_practices.add(pid)
            weeks = step.get("weeks")
            if not (isinstance(weeks, str) and re.match(WEEKS_PATTERN, weeks)):
                continue  # the model reports it
            first, _, last = weeks.partition("-")
            if previous is not None and int(first) <= previous[1]:
                problems.append(doc.problem(("sequence", i, "weeks"), (
                    f"weeks '{weeks}' start before weeks '{previous[0]}' end; list the stretches of the "
                    "sequence in order, without overlaps")))
            previous = (weeks, int(last or first))
    return problems
