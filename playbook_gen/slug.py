"""The one slug rule: ids, file names and filter data are lower-case words joined by single hyphens.

models/ validates content with it, safety.py refuses any other file name,
render/escaping.py any other filter data; one pattern, so they cannot drift apart.
"""
from __future__ import annotations

import re

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_MAX_LENGTH = 64  # a folder name, and a URL part people read
_SLUG = re.compile(SLUG_PATTERN)


def is_slug(value: object) -> bool:
    """A string matching SLUG_PATTERN (length not checked: callers that need it say so)."""
    return isinstance(value, str) and _SLUG.match(value) is not None
