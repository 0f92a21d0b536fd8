"""'Did you mean …?' for a mistyped id, team or option: one rule for every message that offers one."""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any


def did_you_mean(value: Any, choices: Iterable[str]) -> str:
    """"; did you mean 'x'?" for the closest choice (difflib, cutoff 0.6), or "" when none is close."""
    if not isinstance(value, str):
        return ""
    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{matches[0]}'?" if matches else ""
