"""Past the ranking window (decision 0009): when more documents match than are ranked, the
newest WINDOW matches are ranked and paged through, and the counts say "at least" — on both
databases, through the service, the page and the API."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from kyoso.orgs.models import Organization
from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.search import services
from kyoso.search.backends import EPOCH
from kyoso.search.models import SearchDocument
from kyoso.search.services import matching_ids, search

WINDOW = 5


@pytest.fixture
def small_window(monkeypatch):
    monkeypatch.setattr(services, "WINDOW", WINDOW)


@pytest.fixture
def twelve_matches(db):
    """Twelve organizations about 防災, the oldest with it in its name (the best match)."""
    oldest = OrganizationFactory(name="防災士の会", name_kana="", description="防災 防災 防災")
    others = [
        OrganizationFactory(name=f"団体{n}", name_kana="", description="地域の防災を考えます。")
        for n in range(11)
    ]
    return [oldest, *others]


def _newest(orgs: list[Organization], n: int) -> set[int]:
    """The ``n`` organizations of ``orgs`` whose documents were indexed last."""
    ids = {org.pk for org in orgs}
    order = SearchDocument.objects.filter(type="organizations").order_by("-id")
    return {pk for pk in order.values_list("object_id", flat=True) if pk in ids}.intersection(
        [pk for pk in order.values_list("object_id", flat=True) if pk in ids][:n]
    )


def test_below_the_window_counts_are_exact_and_the_best_comes_first(twelve_matches):
    page = search("防災", viewer=None, types=["organizations"], limit=20)

    assert (page.count, page.relation) == (12, "eq")
    assert page.items[0].id == twelve_matches[0].pk  # the title match ranks first


def test_past_the_window_only_the_newest_matches_are_ranked(small_window, twelve_matches):
    page = search("防災", viewer=None, types=["organizations"], limit=20)

    assert (page.count, page.relation) == (WINDOW, "gte")
    assert {hit.id for hit in page.items} == _newest(twelve_matches, WINDOW)
    # The oldest document, the best match of all, is outside the window.
    assert twelve_matches[0].pk not in {hit.id for hit in page.items}


def test_past_the_window_offsets_stop_at_the_window(small_window, twelve_matches):
    first = search("防災", viewer=None, types=["organizations"], limit=3)
    second = search("防災", viewer=None, types=["organizations"], limit=3, offset=3)
    beyond = search("防災", viewer=None, types=["organizations"], limit=3, offset=WINDOW)

    assert len(first.items) == 3 and len(second.items) == WINDOW - 3
    assert {h.id for h in first.items}.isdisjoint({h.id for h in second.items})
    assert beyond.items == []


def test_search_page_says_at_least_and_pages_within_the_window(
    client, small_window, twelve_matches
):
    response = client.get(reverse("core:search"), {"q": "防災", "type": "organizations"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "5 件以上。新しいものから 5 件を関連度の高い順に表示しています" in html
    assert html.count('class="search-result"') == WINDOW


def test_api_gives_the_relation_and_no_next_page_past_the_window(
    client, small_window, twelve_matches
):
    body = client.get("/api/v1/search", {"q": "防災", "limit": 5}).json()
    exact = client.get("/api/v1/search", {"q": "防災士"}).json()

    assert (body["count"], body["count_relation"]) == (WINDOW, "gte")
    assert len(body["items"]) == WINDOW
    assert body["next"] is None
    assert (exact["count"], exact["count_relation"]) == (1, "eq")


def test_a_capped_id_list_is_the_newest_matches_best_first(twelve_matches):
    capped = matching_ids("防災", type="organizations", limit=4)

    assert set(capped) == _newest(twelve_matches, 4)


def _jump_document_ids(to: int) -> None:
    """Make the next search document get the id ``to`` (as after years of documents)."""
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
    monkeypatch.setattr(services, "WINDOW", 4)
    old = [OrganizationFactory(name=f"古い防災団体{n}", name_kana="") for n in range(3)]
    _jump_document_ids(EPOCH * 2 + 5)
    new = [OrganizationFactory(name=f"新しい防災団体{n}", name_kana="") for n in range(3)]

    page = search("防災", viewer=None, types=["organizations"], limit=20)

    assert page.relation == "gte"
    assert {hit.id for hit in page.items} == {org.pk for org in new} | {old[-1].pk}
