"""Past the ranking window (decision 0009): when more documents match than are ranked, the
newest WINDOW matches are ranked and paged through, and the counts become estimates — on both
databases, through the service, the page and the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.orgs.models import Organization
from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.search import services
from kyoso.search.models import SearchDocument
from kyoso.search.services import search

WINDOW = 5


@pytest.fixture
def small_window(monkeypatch):
    monkeypatch.setattr(services, "WINDOW", WINDOW)


@pytest.fixture
def small_cap(monkeypatch, small_window):
    monkeypatch.setattr(services, "COUNT_CAP", 8)


@pytest.fixture
def twelve_matches(db):
    """Twelve organizations about 防災, one of them (the oldest) with it in its name."""
    oldest = OrganizationFactory(name="防災士の会", name_kana="", description="防災 防災 防災")
    others = [
        OrganizationFactory(name=f"団体{n}", name_kana="", description="地域の防災を考えます。")
        for n in range(11)
    ]
    return [oldest, *others]


def _document_order(orgs: list[Organization]) -> list[int]:
    """Object ids from the newest indexed document down."""
    ids = {org.pk for org in orgs}
    return [
        object_id
        for object_id in SearchDocument.objects.filter(type="orgs")
        .order_by("-id")
        .values_list("object_id", flat=True)
        if object_id in ids
    ]


def test_below_the_window_counts_are_exact_and_the_best_comes_first(twelve_matches):
    page = search("防災", viewer=None, types=["orgs"], limit=20)

    assert page.count == 12
    assert page.estimated is False
    assert page.items[0].id == twelve_matches[0].pk  # the title match ranks first


def test_past_the_window_only_the_newest_matches_are_ranked(small_window, twelve_matches):
    page = search("防災", viewer=None, types=["orgs"], limit=20)

    newest = _document_order(twelve_matches)[:WINDOW]
    assert page.estimated is True
    assert sorted(hit.id for hit in page.items) == sorted(newest)
    # The oldest document, the best match of all, is outside the window.
    assert twelve_matches[0].pk not in {hit.id for hit in page.items}


def test_past_the_window_the_count_estimates_the_visible_matches(small_window, twelve_matches):
    # Every match is a visible organization, so the estimate is the exact number of matches.
    assert search("防災", viewer=None, types=["orgs"]).count == 12


def test_past_the_window_offsets_stop_at_the_window(small_window, twelve_matches):
    first = search("防災", viewer=None, types=["orgs"], limit=3)
    second = search("防災", viewer=None, types=["orgs"], limit=3, offset=3)
    beyond = search("防災", viewer=None, types=["orgs"], limit=3, offset=WINDOW)

    assert len(first.items) == 3 and len(second.items) == WINDOW - 3
    assert {h.id for h in first.items}.isdisjoint({h.id for h in second.items})
    assert beyond.items == [] and beyond.count == 12


def test_search_page_says_the_count_is_an_estimate_and_pages_within_the_window(
    client, small_window, twelve_matches, settings
):
    response = client.get(reverse("core:search"), {"q": "防災", "type": "orgs"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "約 12 件" in html
    assert "新しい 5 件を関連度の高い順に表示しています" in html
    assert html.count('class="search-result"') == WINDOW


def test_api_flags_an_estimated_count_and_has_no_next_page_past_the_window(
    client, small_window, twelve_matches
):
    body = client.get("/api/v1/search", {"q": "防災", "limit": 5}).json()
    exact = client.get("/api/v1/search", {"q": "防災士"}).json()

    assert body["count"] == 12
    assert body["count_relation"] == "about"
    assert len(body["items"]) == WINDOW
    assert body["next"] is None
    assert exact["count_relation"] == "eq"


def test_past_the_count_cap_the_count_is_a_lower_bound(small_cap, twelve_matches, client):
    page = search("防災", viewer=None, types=["orgs"])
    html = client.get(reverse("core:search"), {"q": "防災", "type": "orgs"}).content.decode()
    body = client.get("/api/v1/search", {"q": "防災"}).json()

    assert (page.relation, page.count) == ("gte", 8)
    assert "8 件以上" in html
    assert (body["count_relation"], body["count"]) == ("gte", 8)


def _jump_document_ids(to: int) -> None:
    """Make the next search document get the id ``to`` (as after years of documents)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('search_document', 'id'), %s)", [to - 1]
            )
        else:
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = %s WHERE name = 'search_document'", [to - 1]
            )


def test_the_window_is_the_newest_matches_across_epochs_of_documents(db, monkeypatch):
    """PostgreSQL finds the newest matches epoch by epoch (65,536 documents each); the window
    must still be exactly the newest matches, as SQLite's walk down the rowids gives."""
    from kyoso.search.backends import EPOCH

    monkeypatch.setattr(services, "WINDOW", 4)
    old = [OrganizationFactory(name=f"古い防災団体{n}", name_kana="") for n in range(3)]
    _jump_document_ids(EPOCH * 2 + 5)
    new = [OrganizationFactory(name=f"新しい防災団体{n}", name_kana="") for n in range(3)]

    page = search("防災", viewer=None, types=["orgs"], limit=20)

    assert page.relation == "about"
    assert {hit.id for hit in page.items} == {org.pk for org in new} | {old[-1].pk}
