"""The PDF (WeasyPrint): Japanese text, a table of contents with page numbers, page numbers in
the footer; ``evaluation_report`` writes HTML, PDF and Excel into a folder."""

from __future__ import annotations

import re
import subprocess
from io import BytesIO
from io import StringIO as TextBuffer

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, tmp_path) -> list[str]:
    """The text of each page (poppler's pdftotext)."""
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return out.split("\f")[:-1]


def test_the_published_pdf_has_a_toc_page_numbers_and_the_figures(
    client, fy2021, published, tmp_path
):
    response = client.get(reverse("evaluation:pdf", kwargs={"fy": 2021}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = response.content
    assert data.startswith(b"%PDF")
    pages = pdf_text(data, tmp_path)
    assert "令和3年度 評価報告書" in pages[0] and "公開版" in pages[0]
    toc = pages[1]
    assert "目次" in toc
    # The table of contents names each chapter with its page (target-counter).
    activities_page = next(i for i, p in enumerate(pages, start=1) if "2. 活動実績" in p)
    listed = re.search(r"活動実績\s*\.+\s*(\d+)", toc)
    assert listed is not None and int(listed.group(1)) == activities_page
    # Page numbers in the footer ("n / total"), not on the cover.
    total = len(pages)
    assert re.search(rf"\b2\s*/\s*{total}\b", pages[1])
    assert re.search(rf"\b{total}\s*/\s*{total}\b", pages[-1])
    assert not re.search(rf"/\s*{total}\b", pages[0])
    body = "\n".join(pages)
    assert "のべ15人" in body
    assert "令和3年4月1日（木）" in body and "森田みさ" in body


def test_the_command_writes_html_pdf_and_excel(fy2021, tmp_path):
    out = TextBuffer()
    call_command(
        "evaluation_report", "--fiscal-year", "2021", "--output", str(tmp_path), stdout=out
    )
    assert "令和3年度: 2 events, 15 attendances (のべ), 2 people" in out.getvalue()
    html = (tmp_path / "evaluation-2021.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="evaluation-print.css">' in html
    assert (tmp_path / "evaluation-print.css").exists()
    assert (tmp_path / "evaluation-2021.pdf").read_bytes().startswith(b"%PDF")
    book = load_workbook(BytesIO((tmp_path / "evaluation-2021.xlsx").read_bytes()))
    assert book.sheetnames[:2] == ["開催したセッション", "種類別の開催回数と参加者数"]
    assert book["開催したセッション"]["G4"].value == 15


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("R3", "「R3」は年度として読み取れません。「2021」のように西暦で指定してください。"),
        ("1999", "1999年度の報告書は作れません。2000年度から"),
    ],
)
def test_the_command_refuses_a_bad_year(db, tmp_path, text, message):
    with pytest.raises(CommandError) as refused:
        call_command("evaluation_report", "--fiscal-year", text, "--output", str(tmp_path))
    assert str(refused.value).startswith(message)
    assert list(tmp_path.iterdir()) == []
