"""Read a table as people save it: TSV, CSV, XLSX or ODS, into sheets of text cells.

Text tables: the encoding is UTF-8 (with or without BOM), else Windows-1252 as
older office software saves it; the delimiter (tab, semicolon, comma) is
detected; LF or CRLF; quoted cells may span lines. Spreadsheets are read with
python-calamine (imported only here, when a spreadsheet is read); XLSX merged
ranges are kept so that a caller can spread a merged cell over its rows.

Every cell is returned as text: numbers as people see them (``2026``, not
``2026.0``), dates as ISO dates (``2026-03-01``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ctgplan.i18n import _
from ctgplan.problems import CtgError

TEXT_SUFFIXES = (".tsv", ".csv", ".txt", ".tab")
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls")
DELIMITERS = ("\t", ";", ",")

Range = tuple[int, int, int, int]
"""A merged range: first row, first column, last row, last column (0-based, inclusive)."""


@dataclass
class Sheet:
    """One sheet: its name and its rows of text cells ("" when empty)."""

    name: str
    rows: list[list[str]]
    merged: list[Range] = field(default_factory=list)

    def cell(self, row: int, col: int) -> str:
        """The text at 0-based ``row`` and ``col``, "" outside the data."""
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return ""


@dataclass
class Table:
    """What a table file holds, with how it was read."""

    path: Path
    format: str
    """tsv, csv, xlsx, xlsm, xls or ods."""
    sheets: list[Sheet]
    encoding: str | None = None
    """For text tables: utf-8, utf-8-sig (with BOM) or cp1252."""
    delimiter: str | None = None
    hidden: list[str] = field(default_factory=list)
    """Hidden sheets, not read."""


def column_letter(col: int) -> str:
    """Spreadsheet name of a 0-based column: 0 -> A, 26 -> AA."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """Spreadsheet name of a 0-based cell: (0, 1) -> B1."""
    return f"{column_letter(col)}{row + 1}"


def read_table(path: Path, *, sheet: str | None = None) -> Table:
    """Read ``path`` by its suffix; CtgError when it cannot be read.

    ``sheet`` keeps only the sheet of that name (spreadsheets).
    """
    suffix = path.suffix.casefold()
    if not path.is_file():
        raise CtgError(_("{path}: no such file").format(path=path))
    if suffix in TEXT_SUFFIXES:
        if sheet is not None:
            raise CtgError(_("--sheet is for spreadsheets (XLSX, ODS); {path} is a text "
                             "table").format(path=path))
        return read_text_table(path)
    if suffix in SHEET_SUFFIXES:
        return read_spreadsheet(path, sheet=sheet)
    raise CtgError(_("{path}: unknown table format {suffix!r}: save the table as XLSX, ODS, "
                     "CSV or TSV").format(path=path, suffix=path.suffix or "(none)"))


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and its encoding: utf-8-sig, utf-8, else cp1252 (or latin-1)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # five bytes are undefined in Windows-1252
        return data.decode("latin-1"), "latin-1"


def read_text_table(path: Path) -> Table:
    """Read a TSV or CSV file, detecting encoding and delimiter."""
    import csv
    import io

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CtgError(_("cannot read {path}: {reason}").format(
            path=path, reason=exc.strerror)) from None
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError:
        raise CtgError(_("{path}: the file starts with a UTF-8 mark but is not UTF-8: save "
                         "it again as UTF-8").format(path=path)) from None
    delimiter = sniff_delimiter(text, tab_first=path.suffix.casefold() in (".tsv", ".tab"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [[cell.replace("\r\n", "\n").replace("\r", "\n") for cell in row] for row in reader]
    fmt = "tsv" if delimiter == "\t" else "csv"
    return Table(path, fmt, [Sheet(path.stem, rows)], encoding=encoding, delimiter=delimiter)


def sniff_delimiter(text: str, *, tab_first: bool = False) -> str:
    """The delimiter that gives the most rows of the same width (more than one column)."""
    import csv
    import io
    from collections import Counter

    best, best_score = "\t" if tab_first else ",", (0, 0)
    sample = text[:200_000]
    order = DELIMITERS if tab_first else (";", "\t", ",")
    for delimiter in order:
        widths = Counter(len(row) for row in csv.reader(io.StringIO(sample, newline=""),
                                                        delimiter=delimiter) if any(row))
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]),
                           default=(0, 0))
        score = (count, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _text(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def read_spreadsheet(path: Path, *, sheet: str | None = None) -> Table:
    """Read every visible sheet of an XLSX or ODS file (or only ``sheet``)."""
    try:
        import python_calamine
    except ImportError:  # pragma: no cover - a declared dependency
        raise CtgError(_("reading spreadsheets needs python-calamine: pip install "
                         "python-calamine")) from None
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for broken files
        raise CtgError(_("{path}: cannot read this spreadsheet ({reason}): open it and save "
                         "it again as XLSX or ODS").format(path=path, reason=exc)) from None
    try:
        names = [m.name for m in book.sheets_metadata
                 if m.visible == python_calamine.SheetVisibleEnum.Visible]
        hidden = [m.name for m in book.sheets_metadata if m.name not in names]
        if sheet is not None:
            if sheet not in book.sheet_names:
                raise CtgError(_("{path} has no sheet {sheet!r}; its sheets: {names}").format(
                    path=path, sheet=sheet, names=", ".join(book.sheet_names)))
            names, hidden = [sheet], []
        sheets = []
        for name in names:
            data = book.get_sheet_by_name(name)
            rows = [[_text(v) for v in row] for row in data.to_python(skip_empty_area=False)]
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (data.merged_cell_ranges or [])]
            sheets.append(Sheet(name, _trim(rows), sorted(merged)))
    finally:
        book.close()
    fmt = path.suffix.casefold().lstrip(".")
    return Table(path, fmt, sheets, hidden=hidden)


def _trim(rows: list[list[str]]) -> list[list[str]]:
    """Drop trailing empty rows and cells."""
    trimmed = [row[:max((i + 1 for i, v in enumerate(row) if v.strip()), default=0)]
               for row in rows]
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    return trimmed
