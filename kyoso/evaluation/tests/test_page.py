"""The report page: the sessions, the KPI, network and fund sections, the charts as images,
download links for every table, and a query count that does not grow with the rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.core.testing import assert_num_queries
from kyoso.evaluation.services import report_highlights_save
from kyoso.events.models import EventStatus
from kyoso.events.tests.builders import EventBuilder, tokyo

pytestmark = pytest.mark.django_db


def _get(client):
    return client.get(reverse("evaluation:report", kwargs={"fy": 2021}))


def test_the_published_page_shows_every_section(client, sato, fy2021, published):
    report_highlights_save(
        actor=sato, fiscal_year=2021, bodies={"summary": "オンライン情報交換会を開いた。"}
    )
    response = _get(client)
    assert response.status_code == 200
    text = response.content.decode()
    for heading in (
        "1. 概要",
        "2. 活動実績",
        "3. 成果指標（KPI）",
        "4. ネットワーク",
        "5. 資金",
        "6. 今後の展望",
    ):
        assert heading in text
    assert "オンライン情報交換会を開いた。" in text
    assert "のべ15人" in text and "令和4年3月1日（火）" in text
    assert text.count('src="data:image/svg+xml;base64,') >= 2
    for key in ("events", "kinds", "kpi", "network", "fund"):
        assert reverse("evaluation:table_csv", kwargs={"fy": 2021, "key": key}) in text
        assert reverse("evaluation:table_xlsx", kwargs={"fy": 2021, "key": key}) in text
    assert "記録なし" in text  # no fund app registered its figures
    assert "公開する" not in text  # not the secretariat


def test_the_secretariat_sees_the_draft_with_its_tools(client, sato, fy2021):
    client.force_login(sato)
    text = _get(client).content.decode()
    assert "下書き（事務局だけが見られます）" in text
    assert "公開する" in text and "記述を編集する" in text
    assert "この章の記述はまだありません。" in text


def test_the_query_count_does_not_grow_with_the_sessions(client, fy2021, published):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert _get(client).status_code == 200
        return len(captured.captured_queries)

    before = count()
    for day in range(1, 11):
        EventBuilder(status=EventStatus.PUBLISHED, starts_at=tokyo(2021, 10, day, 19, 0))
    assert count() == before


def test_the_page_reads_a_fixed_number_of_queries(client, fy2021, published):
    # 1 report, 2 its highlights, 3 events by kind, 4 checked-in registrations and people,
    # 5 first-time people, 6 the year's events with their attendance, 7 their guests,
    # 8 public indicators (none: no targets or actuals to prefetch), then the network figures
    # of the year before and of the year (NETWORK_QUERIES each), then one query per money
    # source the fund's apps registered (funding.raised, funding.granted, campaigns.raised)
    with assert_num_queries(8 + 2 * NETWORK_QUERIES + MONEY_QUERIES):
        assert _get(client).status_code == 200


#: kyoso.network.selectors.public_network_figures for one period: the sectors (organization
#: memberships, profiles) and one query per registered tie source (event co-attendance,
#: communities, projects, introductions, missions).
NETWORK_QUERIES = 7

#: The fund section: one query for each of the three money sources.
MONEY_QUERIES = 3
