"""The date a build stamps on what it writes: `SOURCE_DATE_EPOCH` when set, so a rebuild of the same input is identical.

One reading of the variable for every stage (the manifest, the calendar's DTSTAMP, "This week", a new catalogue's
date); api.py refuses a malformed value before a build starts and treats an empty one as unset.
"""
from __future__ import annotations

import os
from datetime import UTC, datetime


def source_date() -> datetime | None:
    """`SOURCE_DATE_EPOCH` as a UTC datetime, or None when it is not set (or not whole seconds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), tz=UTC) if epoch.isdigit() else None
