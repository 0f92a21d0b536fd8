"""Reading an export: CSV (UTF-8 with or without BOM, `,` `;` or tab, quoted fields) or XLSX, as cells with places.

Every cell keeps its row and column (1-based, as a spreadsheet numbers them), so a problem is
reported as `FILE:row:column`. Nothing is guessed silently: bytes that are not UTF-8 are an error
naming the row of the first bad byte (Windows-1252 only when asked for), a row with more fields
than the header is an error, and blank rows are skipped.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..errors import PlaybookError, Problem

ENCODINGS = ("utf-8", "cp1252")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
MAX_BYTES = 50_000_000
SEPARATORS = (",", ";", "\t")


@dataclass
class Row:
    """One data row: its number in the file and its cells by column number (1-based)."""

    number: int
    cells: dict[int, str | date]

    def get(self, column: int | None) -> str | date:
        return self.cells.get(column, "") if column else ""


@dataclass
class Table:
    """An export read into a header and data rows."""

    path: Path
    header: dict[int, str]  # column number -> header text as written
    header_row: int
    rows: list[Row] = field(default_factory=list)
    separator: str | None = None  # CSV only

    def problem(self, row: int, column: int, message: str, severity: str = "error") -> Problem:
        return Problem(str(self.path), row, column, message, severity)


def read_table(path: Path, *, encoding: str = "utf-8", sheet: str | None = None,
               header_hint: set[str] | None = None) -> Table:
    """Read a CSV or XLSX export; raise PlaybookError with every problem found.

    `header_hint` (normalised header names we look for) lets a title row or two above the
    header (as Workday's reports write) be skipped: the header is the first row naming two of them.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PlaybookError([Problem(str(path), 0, 0, f"cannot read the export: {exc.strerror or exc}")]) from None
    if size > MAX_BYTES:
        raise PlaybookError([Problem(str(path), 0, 0, f"the export is {size:,} bytes; the limit is {MAX_BYTES:,}")])
    if path.suffix.lower() in XLSX_SUFFIXES:
        records = _xlsx_records(path, sheet)
        separator = None
    elif path.suffix.lower() == ".xls":
        raise PlaybookError([Problem(str(path), 0, 0, "old Excel .xls files are not read: save it as .xlsx or "
                                                      "as CSV UTF-8 and import that")])
    else:
        if sheet:
            raise PlaybookError([Problem(str(path), 0, 0, "--sheet is for .xlsx files; this export is read as CSV")])
        text = _decode(path, path.read_bytes(), encoding)
        hint = re.match(r"sep=(.)\r?\n", text)  # Excel's separator line: "sep=;" above the header
        separator = hint.group(1) if hint else _separator(text)
        records = _csv_records(path, text[hint.end():] if hint else text, separator, first=2 if hint else 1)
    return _table(path, records, separator, header_hint or set())


def normalise(header: object) -> str:
    """A header as compared with the mapping: case, spacing and non-breaking spaces ignored."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFKC", str(header)).casefold().split()).strip(" *:")


def _table(path: Path, records: list[tuple[int, list[str | date]]], separator: str | None,
           hint: set[str]) -> Table:
    records = [(n, cells) for n, cells in records if any(_text(c) for c in cells)]  # blank rows: skipped
    if not records:
        raise PlaybookError([Problem(str(path), 1, 1, "the export has no rows: expected a header row and one row per person")])
    start = 0
    for i, (_, cells) in enumerate(records[:10]):
        if len({normalise(c) for c in cells} & hint) >= 2:
            start = i
            break
    header_row, header_cells = records[start]
    header = {col: _text(value) for col, value in enumerate(header_cells, start=1)}
    width = max((col for col, text in header.items() if text), default=0)
    table = Table(path, {c: t for c, t in header.items() if t}, header_row, separator=separator)
    problems: list[Problem] = []
    for number, cells in records[start + 1:]:
        extra = [c for c in range(width + 1, len(cells) + 1) if _text(cells[c - 1])]
        if extra:
            problems.append(table.problem(number, extra[0], (
                f"this row has {len(cells)} fields but the header has {width}"
                + (f": is a '{separator}' inside a value that should be in quotes?" if separator else ""))))
            continue
        values = {col: value if isinstance(value, date) else _text(value)
                  for col, value in enumerate(cells[:width], start=1)}
        table.rows.append(Row(number, values))
    if problems:
        raise PlaybookError(problems)
    return table


def _text(value: object) -> str:
    """A cell's text with its spacing made plain (a line break inside a quoted name becomes a space)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).replace("\u00a0", " ").split())


def _decode(path: Path, data: bytes, encoding: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlaybookError([Problem(str(path), 1, 1, "the export is UTF-16 (Excel's 'Unicode Text'): save it as "
                                                      "'CSV UTF-8 (comma delimited)' and import that")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode(encoding, errors="strict")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        row = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        byte = data[exc.start]
        advice = ("pass --encoding cp1252 if it was saved by Excel on Windows (or export it as CSV UTF-8)"
                  if encoding == "utf-8" else "check the file's encoding")
        raise PlaybookError([Problem(str(path), row, column,
                                     f"byte 0x{byte:02X} is not {encoding.upper().replace('CP', 'Windows-')} text; "
                                     f"{advice}")]) from None
    if "\x00" in text:
        raise PlaybookError([Problem(str(path), 1, 1, "the export contains NUL characters: is it a CSV file?")])
    return text


def _separator(text: str) -> str:
    """The separator of the header line: the most frequent of `,` `;` and tab outside quotes."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in text[:100_000]:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
        elif not quoted and char in "\r\n" and any(counts.values()):
            break
    return max(SEPARATORS, key=lambda s: counts[s])


def _csv_records(path: Path, text: str, separator: str, first: int = 1) -> list[tuple[int, list[str | date]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    records: list[tuple[int, list[str | date]]] = []
    try:
        for number, cells in enumerate(reader, start=first):
            records.append((number, list(cells)))
    except csv.Error as exc:
        raise PlaybookError([Problem(str(path), len(records) + first, 1,
                                     f"cannot read this row: {exc} (a quote opened in a value is never closed?)")]) from None
    return records


def _xlsx_records(path: Path, sheet: str | None) -> list[tuple[int, list[str | date]]]:
    try:
        import openpyxl
    except ImportError:
        raise PlaybookError([Problem(str(path), 0, 0, (
            "reading .xlsx needs the xlsx extra: pip install 'playbook-gen[xlsx]' (or '.[xlsx]' in a clone); "
            "or save the sheet as CSV UTF-8 and import that"))]) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors for a broken file
        raise PlaybookError([Problem(str(path), 0, 0, f"cannot read this .xlsx file: {exc}")]) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            from ..suggest import did_you_mean

            raise PlaybookError([Problem(str(path), 0, 0, f"no sheet '{sheet}'{did_you_mean(sheet, book.sheetnames)} "
                                                          f"(sheets: {', '.join(book.sheetnames)})")])
        ws = book[sheet] if sheet else book.worksheets[0]
        records: list[tuple[int, list[str | date]]] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            records.append((number, [_xlsx_value(v) for v in values]))
        return records
    finally:
        book.close()


def _xlsx_value(value: object) -> str | date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an employee number typed into a number cell
    if value is None:
        return ""
    return str(value)
