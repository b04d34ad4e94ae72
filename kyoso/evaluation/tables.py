"""The report's tables as one shape (:class:`Table`), and their CSV (UTF-8 with BOM, cells a
spreadsheet would take for formulas kept as text) and Excel (openpyxl) files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from typing import Any

from kyoso.core.spreadsheet import cell, csv_lines

#: Excel sheet names: at most 31 characters, none of these.
_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


@dataclass
class Table:
    """One table of the report: the page, the PDF, the CSV and the Excel sheet show it."""

    key: str
    title: str
    columns: list[str]
    #: Raw values: ints stay ints (numbers in Excel), text stays text, None is blank.
    rows: list[list[Any]]
    #: Indexes of the columns that are numbers (right-aligned).
    numeric: frozenset[int] = frozenset()
    #: A last row of totals, shown in bold and exported as a row like the others.
    total: list[Any] | None = None
    note: str = ""

    def display_rows(self) -> list[list[tuple[str, bool]]]:
        """Each cell as (text, numeric?) for the templates (numbers with thousands commas)."""
        return [self._display(row) for row in self.rows]

    def display_total(self) -> list[tuple[str, bool]] | None:
        return self._display(self.total) if self.total is not None else None

    def _display(self, row: list[Any]) -> list[tuple[str, bool]]:
        return [(display(value), i in self.numeric) for i, value in enumerate(row)]

    def export_rows(self) -> list[list[Any]]:
        """Header, rows and the total: what the CSV and the Excel sheet hold."""
        rows: list[list[Any]] = [list(self.columns), *self.rows]
        if self.total is not None:
            rows.append(self.total)
        return rows


def display(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal | float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def table_csv(table: Table) -> Iterator[str]:
    """The table's lines as CSV, the first starting with the BOM."""
    return csv_lines(table.export_rows())


def _excel_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    # Text a spreadsheet would read as a formula is kept as text, as in the CSV.
    return cell(value)


def tables_xlsx(tables: Iterable[Table], *, title: str = "") -> bytes:
    """One workbook, one sheet per table (header row bold and frozen, columns widened)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        name = str(table.title).translate(_SHEET_FORBIDDEN)[:31] or table.key
        while name in used:
            name = (name[:28] + "_" + str(len(used)))[:31]
        used.add(name)
        sheet = workbook.create_sheet(name)
        for row in table.export_rows():
            sheet.append([_excel_value(value) for value in row])
        for header in sheet[1]:
            header.font = Font(bold=True)
        if table.total is not None:
            for total in sheet[sheet.max_row]:
                total.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(sheet.columns, start=1):
            width = max((len(str(c.value)) if c.value is not None else 0) for c in column)
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(
                60, max(8, width * 2 + 2)
            )
    if title:
        workbook.properties.title = title
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
