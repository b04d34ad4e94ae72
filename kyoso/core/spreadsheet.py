"""CSV for spreadsheets: UTF-8 with a byte order mark (so that Excel in Japan reads it as
UTF-8), and every cell that a spreadsheet would take for a formula kept as text."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence

BOM = "\ufeff"
# Cells starting with these are formulas to Excel and LibreOffice; a leading ' keeps them text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


class _Line:
    """A file-like object whose write() returns what it was given (for csv.writer)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """Each row as one CSV line of guarded cells; the first line starts with the BOM."""
    writer = csv.writer(_Line())
    prefix = BOM
    for row in rows:
        yield prefix + writer.writerow([cell(value) for value in row])
        prefix = ""
