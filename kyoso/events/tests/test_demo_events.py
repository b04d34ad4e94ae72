"""The demo's FY2021 sessions (seed 000), loaded through the import code."""

from __future__ import annotations

import pytest

from kyoso.demo.data.events import FY2021_CSV, ORGANIZER_SLUG
from kyoso.events.figures import participation_figures
from kyoso.events.models import Event, EventKind, EventMode
from kyoso.events.services.importing import ImportRefused, events_import
from kyoso.events.tests.builders import tokyo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo_data_dir(settings, tmp_path, monkeypatch):
    settings.DATA_DIR = tmp_path
    monkeypatch.delenv("KYOSO_DEMO_PASSWORD", raising=False)


class TestDemoEvents:
    """The demo loaded once for the class (kyoso/demo/testing.py); a second load changing
    nothing is kyoso/demo/tests/test_load_demo_idempotent.py's."""

    def test_demo_fy2021_is_11_events_and_128_participants(self, loaded_demo, db):
        result = loaded_demo.result
        assert result.created["events"] == 11
        figures = participation_figures(2021)
        assert figures.events == 11
        assert figures.events_by_kind[EventKind.REGULAR] == 7
        assert figures.events_by_kind[EventKind.STUDY] == 4
        assert figures.attendance == 128

        # The FY2021 history (the demo also holds upcoming events, kyoso/demo/upcoming.py).
        events = Event.objects.filter(imported_from__startswith="demo/fy2021.csv:").order_by(
            "starts_at"
        )
        assert events.count() == 11
        assert {e.organization.slug for e in events} == {ORGANIZER_SLUG}
        assert {e.mode for e in events} == {EventMode.ONLINE}
        assert all(e.imported_from.startswith("demo/fy2021.csv:") for e in events)
        first = events.first()
        assert first.starts_at == tokyo(2021, 4, 1, 19, 0) and first.counted_attendance == 10
        last = events.last()
        assert last.starts_at == tokyo(2022, 3, 1, 19, 30) and last.ends_at == tokyo(
            2022, 3, 1, 20, 30
        )
        third_study = Event.objects.get(title="オンライン情報交換会 第3回勉強会")
        assert third_study.starts_at == tokyo(2021, 7, 29, 19, 0)
        assert third_study.topic == "若年女性への支援"
        assert [(g.affiliation, g.title, g.name) for g in third_study.guests.all()] == [
            ("NPO法人ほっぷすてっぷ", "理事", "森田みさ")
        ]


def test_the_seeds_misprinted_weekdays_are_caught(sato):
    """The seed prints 令和3年7月29日（日） (a Thursday) and 令和3年9月29日（木） (a Wednesday)."""
    text = FY2021_CSV.read_text(encoding="utf-8")
    misprinted = text.replace("令和3年7月29日（木）", "令和3年7月29日（日）").replace(
        "令和3年9月29日（水）", "令和3年9月29日（木）"
    )
    assert misprinted != text
    with pytest.raises(ImportRefused) as refused:
        events_import(actor=sato, data=misprinted.encode(), source="fy2021.csv")
    assert [str(p) for p in refused.value.problems] == [
        "13行目: 令和3年7月29日は木曜日です（（日）と書かれています）。",
        "14行目: 令和3年9月29日は水曜日です（（木）と書かれています）。",
    ]
    assert Event.objects.count() == 0
