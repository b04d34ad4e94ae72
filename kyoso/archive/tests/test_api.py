"""/api/v1/archive and /api/v1/archive/{id}: the same visibility as the pages, filters,
limit/offset, the one error format, query counts."""

from __future__ import annotations

import pytest

from kyoso.archive.models import Audience, Kind, Status
from kyoso.archive.tests.factories import published
from kyoso.core.testing import assert_num_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(ito):
    return {
        "tip": published(ito, kind=Kind.TIP, title="前例がないときの説明", walls=("precedent",)),
        "members": published(ito, title="会員向けレポート", audience=Audience.MEMBERS),
        "draft": published(ito, title="下書き", status=Status.DRAFT, published_at=None),
    }


def test_the_list_shows_what_the_caller_may_read(client, items, takahashi):
    body = client.get("/api/v1/archive").json()
    assert [i["title"] for i in body["items"]] == ["前例がないときの説明"]
    assert body["count"] == 1 and body["limit"] == 20 and body["offset"] == 0
    client.force_login(takahashi)
    titles = {i["title"] for i in client.get("/api/v1/archive").json()["items"]}
    assert titles == {"前例がないときの説明", "会員向けレポート"}


def test_filters_and_their_errors(client, items):
    body = client.get("/api/v1/archive?wall=precedent&kind=tip").json()
    assert [i["walls"] for i in body["items"]] == [["precedent"]]
    assert client.get("/api/v1/archive?year=2020").json()["count"] == 0
    bad = client.get("/api/v1/archive?wall=moat")
    assert bad.status_code == 422
    assert set(bad.json()["error"]) == {"code", "message", "details"}


def test_the_detail_and_its_404s(client, items, ito):
    tip = items["tip"]
    body = client.get(f"/api/v1/archive/{tip.pk}").json()
    assert body["title"] == "前例がないときの説明"
    assert body["authors"] == ["伊藤"] and body["body_html"].startswith("<p>")
    assert client.get(f"/api/v1/archive/{items['draft'].pk}").status_code == 404
    assert client.get(f"/api/v1/archive/{items['members'].pk}").status_code == 404
    assert client.get("/api/v1/archive/999999").status_code == 404
    client.force_login(ito)
    assert client.get(f"/api/v1/archive/{items['draft'].pk}").status_code == 200


def test_list_query_count(client, items):
    # 1 count, 2 page of items, 3 their tags
    with assert_num_queries(3):
        client.get("/api/v1/archive")
