"""The community list: filters by theme and region (a city finds its wards), pages, and a
notice instead of an error for a filter value that is not offered."""

from __future__ import annotations

from django.urls import reverse

from kyoso.communities.selectors import PAGE_SIZE
from kyoso.communities.tests.factories import CommunityFactory

URL = reverse("communities:list")


def names(response) -> list[str]:
    return [c.name for c in response.context["page"].object_list]


def test_filters_by_theme_and_by_region(client, db):
    CommunityFactory(name="青葉区の農", theme="agriculture", municipality_id="04101")
    CommunityFactory(name="酒田の農", theme="agriculture", municipality_id="06204")
    CommunityFactory(name="酒田のIT", theme="digital", municipality_id="06204")

    assert names(client.get(URL, {"theme": "agriculture"})) == ["酒田の農", "青葉区の農"]
    assert names(client.get(URL, {"municipality": "04100"})) == ["青葉区の農"]
    assert names(client.get(URL, {"theme": "digital", "municipality": "06204"})) == ["酒田のIT"]


def test_an_unknown_filter_value_is_dropped_with_a_notice(client, db):
    CommunityFactory(name="どれでも")

    response = client.get(URL, {"theme": "<script>", "municipality": "99999"})

    assert response.status_code == 200
    assert names(response) == ["どれでも"]
    page = response.content.decode()
    assert "その条件は外しました" in page
    assert "<script>" not in page.split("<main", 1)[1]


def test_pages_of_twenty(client, db):
    CommunityFactory.create_batch(PAGE_SIZE + 1)

    first, second = client.get(URL), client.get(URL, {"page": 2})

    assert len(names(first)) == PAGE_SIZE and len(names(second)) == 1
    assert 'rel="next"' in first.content.decode()


def test_the_navigation_offers_communities(client, db):
    page = client.get(reverse("core:home")).content.decode()

    assert f'href="{URL}"' in page and "コミュニティ" in page
