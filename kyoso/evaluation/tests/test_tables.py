"""Every table downloads as CSV (UTF-8 with BOM, formulas kept as text) and as Excel that
openpyxl reads back with numbers as numbers."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from kyoso.evaluation.tables import Table, table_csv, tables_xlsx

TABLE = Table(
    key="events",
    title="開催したセッション",
    columns=["回", "タイトル", "参加人数"],
    rows=[[1, '=HYPERLINK("x")', 10], [2, "勉強会", None]],
    numeric=frozenset({0, 2}),
    total=["", "合計", 10],
)


def test_csv_has_a_bom_and_keeps_formulas_as_text():
    text = "".join(table_csv(TABLE))
    assert text.startswith("\ufeff回,タイトル,参加人数\r\n")
    assert '1,"\'=HYPERLINK(""x"")",10\r\n' in text
    assert text.endswith(",合計,10\r\n")


def test_excel_has_one_sheet_per_table_with_numbers():
    other = Table(
        key="kpi",
        title="成果指標（KPI）",
        columns=["指標", "実績値"],
        rows=[["A", Decimal("12.5")]],
    )
    book = load_workbook(BytesIO(tables_xlsx([TABLE, other], title="令和3年度")))
    assert book.sheetnames == ["開催したセッション", "成果指標（KPI）"]
    sheet = book["開催したセッション"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows == [
        ["回", "タイトル", "参加人数"],
        [1, '\'=HYPERLINK("x")', 10],
        [2, "勉強会", None],
        [None, "合計", 10],
    ]
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert book["成果指標（KPI）"]["B2"].value == 12.5
    assert book.properties.title == "令和3年度"


def test_display_writes_numbers_with_commas_and_blank_as_dash():
    table = Table(
        key="t", title="t", columns=["a", "b", "c"], rows=[[43458, None, Decimal("24.50")]]
    )
    assert table.display_rows() == [[("43,458", False), ("—", False), ("24.5", False)]]
