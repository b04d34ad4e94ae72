"""The annual evaluation report, in a browser: with the demo loaded, a visitor finds the
published FY2021 report from the list, reads seed 000's 11 sessions and のべ128 on the page
(desktop and phone), opens its PDF (turned into PNG pages to look at) and downloads the KPI
table as Excel, which openpyxl opens; 佐藤 (the secretariat) writes a highlight and sees it,
withdraws the report and the visitor no longer gets it — axe-clean, no sideways scrolling."""

from __future__ import annotations

import subprocess
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.browser_tests.conftest import (
    SCREENSHOT_DIR,
    assert_no_horizontal_scroll,
    check_axe,
    field,
    flash_text,
    login,
    screenshot,
)

pytestmark = pytest.mark.browser

REPORT = "令和3年度 評価報告書"


@pytest.fixture
def demo_settings(settings, tmp_path, monkeypatch):
    """The demo loader keeps its generated password under DATA_DIR: a temporary one here."""
    settings.DATA_DIR = tmp_path
    monkeypatch.delenv("KYOSO_DEMO_PASSWORD", raising=False)


def _pdf_pages(data: bytes) -> tuple[list[str], list[str]]:
    """The PDF's text per page (pdftotext) and its pages as PNG files (pdftoppm, 60 dpi)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    pdf = SCREENSHOT_DIR / "report-fy2021.pdf"
    pdf.write_bytes(data)
    text = subprocess.run(  # noqa: S603 - poppler on our own file
        ["pdftotext", "-layout", str(pdf), "-"],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    stem = SCREENSHOT_DIR / "report-fy2021-pdf"
    subprocess.run(  # noqa: S603 - poppler on our own file
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(stem)],  # noqa: S607
        check=True,
    )
    pngs = sorted(str(p) for p in SCREENSHOT_DIR.glob("report-fy2021-pdf-*.png"))
    return text.split("\f")[:-1], pngs


def test_read_the_fy2021_report_its_pdf_and_its_excel(page, mobile_page, sato, demo_settings):
    from kyoso.demo.services import demo_load

    assert demo_load().created["evaluation reports"] == 1

    # 1. A visitor finds the published report from the list.
    page.goto(reverse("evaluation:list"))
    page.get_by_role("link", name=REPORT).click()
    page.wait_for_url("**/evaluation/2021/")
    assert page.locator("h1").inner_text() == REPORT
    figures = page.locator("#key-figures").inner_text()
    assert "11回" in figures and "のべ128人" in figures
    sessions = page.get_by_role("table", name="開催したセッション")
    assert sessions.locator("tbody tr").count() == 12  # 11 sessions and the total
    assert sessions.locator("tbody tr").last.inner_text().split()[-1] == "128"
    assert "令和3年4月1日（木）" in sessions.inner_text()
    kinds = page.get_by_role("table", name="種類別の開催回数と参加者数").inner_text()
    assert "定例会\t7\t69" in kinds and "テーマ勉強会\t4\t59" in kinds
    assert page.get_by_role(
        "img", name="セッションごとの参加者数のグラフ（数値は上の表にあります）"
    ).is_visible()
    check_axe(page, context="report FY2021")
    screenshot(page, "report-01-fy2021")
    mobile_page.goto(reverse("evaluation:report", kwargs={"fy": 2021}))
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "report-02-fy2021-phone")

    # 2. Its PDF: a cover, a table of contents with page numbers, the same figures.
    href = page.get_by_role("link", name="PDFを開く").get_attribute("href")
    response = page.request.get(href, timeout=120_000)  # WeasyPrint on a shared machine
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pages, pngs = _pdf_pages(response.body())
    assert REPORT in pages[0] and "目次" in pages[1]
    body = "\n".join(pages)
    assert "11回" in body and "のべ128人" in body
    assert "128" in next(p for p in pages if "開催したセッション" in p)
    assert len(pngs) == len(pages) >= 6

    # 3. The KPI table as Excel, opened with openpyxl.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="成果指標（KPI）（Excel）").click()
    download = download_info.value
    assert download.suggested_filename == "evaluation-2021-kpi.xlsx"
    with open(download.path(), "rb") as handle:
        book = load_workbook(BytesIO(handle.read()))
    header = [c.value for c in book.active[1]]
    assert header[:6] == ["番号", "指標", "単位", "基準値（年度）", "目標値", "実績値"]
    assert book.active.max_row >= 2

    # 4. 佐藤 writes the activities' highlight and sees it on the report.
    login(page, sato.email, DEFAULT_PASSWORD)
    page.goto(reverse("evaluation:report", kwargs={"fy": 2021}))
    page.get_by_role("link", name="記述を編集する").click()
    field(page, "活動実績").fill("定例会とテーマ勉強会を交互に開き、毎回10人前後が参加した。")
    check_axe(page, context="highlights form")
    page.get_by_role("button", name="保存する").click()
    page.wait_for_url("**/evaluation/2021/")
    assert flash_text(page) == "記述を保存しました。"
    assert "毎回10人前後が参加した。" in page.locator("#section-activities").inner_text()

    # 5. 佐藤 withdraws it; a visitor is then sent to log in.
    field(page, "公開を止める理由").fill("数字の確認のため")
    page.get_by_role("button", name="公開を止める").click()
    assert "公開を止めました" in flash_text(page)
    screenshot(page, "report-03-draft-secretariat")
    mobile_page.goto(reverse("evaluation:report", kwargs={"fy": 2021}))
    assert "/accounts/login/" in mobile_page.url
