"""A scorecard as a CSV file a manager fills in: one row per criterion, empty score and notes columns.

Opened by a spreadsheet, a cell is also a formula when it starts with `=`, `+`, `-` or `@` (and,
in some, a tab or carriage return before one: OWASP's CSV-injection list), so such a cell gets a
leading apostrophe, which spreadsheets read as "this is text" and do not show. Every cell is quoted.
UTF-8 with a byte-order mark, so Excel reads the accents and dashes right; CRLF line ends. The header
row is in the edition's language (playbook_gen/locale/<lang>.po); the cells are the scorecard's own text.
"""
from __future__ import annotations

import csv
import io

from ..i18n.strings import N_, SOURCE_LANGUAGE, gettext
from ..models import Scorecard
from ..plan import Edition

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = (N_("Scorecard"), N_("Criterion"), N_("Weak"), N_("Solid"), N_("Strong"), N_("Listen for"),
           N_("Score (1 weak, 2 solid, 3 strong)"), N_("Notes"))
SCORECARD_TEMPLATE = "scorecard.md.j2"  # the page whose CSV is written beside it


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet will not evaluate: an apostrophe before a formula's first character."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) or cell.lstrip(" \t\r\n").startswith(FORMULA_STARTS[:4]) \
        else cell


def scorecard_csv(scorecard: Scorecard, language: str = SOURCE_LANGUAGE) -> bytes:
    """The CSV of `scorecard` (already in the edition's language), its header row in `language`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([gettext(language, column) for column in COLUMNS])
    for criterion in scorecard.criteria:
        writer.writerow([neutralise(" ".join(cell.split())) for cell in (
            scorecard.title, criterion.name, criterion.weak, criterion.solid, criterion.strong, criterion.evidence,
            "", "")])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def downloads(edition: Edition) -> dict[str, bytes]:
    """{docs-relative path: bytes} of the edition's scorecard CSVs (MkDocs copies them into the site)."""
    return {page.context["csv"]: scorecard_csv(page.context["scorecard"], edition.language)
            for page in edition.pages if page.template == SCORECARD_TEMPLATE}
