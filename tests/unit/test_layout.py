"""The test tree itself: pytest imports test files by basename (no packages), so two files of one name in
different layers stop the whole suite at collection."""
from __future__ import annotations

from collections import Counter

from helpers import TESTS


def test_no_two_test_files_share_a_name():
    names = Counter(p.name for p in TESTS.rglob("test_*.py"))
    assert [name for name, n in names.items() if n > 1] == []
