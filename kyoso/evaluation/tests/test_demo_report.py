"""The demo's FY2021 report: published, with seed 000's 11 sessions and のべ128 on the page,
in the API and in the Excel download."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kyoso.evaluation.selectors import year_report


@pytest.fixture(autouse=True)
def demo_data_dir(settings, tmp_path, monkeypatch):
    settings.DATA_DIR = tmp_path
    monkeypatch.delenv("KYOSO_DEMO_PASSWORD", raising=False)


class TestDemoReport:
    def test_fy2021_is_published_with_11_sessions_and_128(self, loaded_demo, db, client):
        assert loaded_demo.result.created["evaluation reports"] == 1
        year = year_report(2021)
        assert year.is_published and "のべ128人" in year.highlights["summary"]
        text = client.get(reverse("evaluation:report", kwargs={"fy": 2021})).content.decode()
        assert "11回" in text and "のべ128人" in text
        assert text.count("オンライン情報交換会 第") == 11
        assert "令和3年4月1日（木）" in text and "令和4年3月1日（火）" in text

    def test_the_api_answers_11_and_128(self, loaded_demo, db, client):
        body = client.get("/api/v1/kpi/participation", {"fiscal_year": 2021}).json()
        assert body["events"] == 11 and body["attendance"] == 128
        kinds = {k["kind"]: k["events"] for k in body["events_by_kind"]}
        assert kinds["regular"] == 7 and kinds["study"] == 4

    def test_the_sessions_sheet_adds_up_to_128(self, loaded_demo, db, client):
        url = reverse("evaluation:table_xlsx", kwargs={"fy": 2021, "key": "events"})
        response = client.get(url)
        assert (
            response["Content-Disposition"] == 'attachment; filename="evaluation-2021-events.xlsx"'
        )
        sheet = load_workbook(BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][-1] == "参加人数"
        assert len(rows) == 1 + 11 + 1
        assert sum(r[-1] for r in rows[1:-1]) == 128 and rows[-1][-1] == 128
