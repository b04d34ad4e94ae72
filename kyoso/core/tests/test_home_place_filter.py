"""The home's place filter: a list of the region's places (where something public is), grouped
by prefecture, that keeps the ``?municipality=`` parameter and explains a value it cannot use."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.core import home, messages
from kyoso.core.tests.region import AOBA, SAKATA, SENDAI, build_region
from kyoso.issues.tests.factories import IssueFactory

pytestmark = pytest.mark.django_db
YAMAGATA_CITY = "06201"  # 山形県山形市: nothing public there in the region below


def select_of(page: str) -> str:
    return page.split('<select id="home-municipality"', 1)[1].split("</select>", 1)[0]


def options(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select_of(page))


def selected(page: str) -> list[str]:
    return re.findall(r'<option value="(\d*)" selected>', select_of(page))


def test_the_filter_offers_the_places_where_something_is_grouped_by_prefecture(client):
    build_region()
    IssueFactory(title="隠された課題", municipality_id=YAMAGATA_CITY, hidden_at=timezone.now())
    page = client.get(reverse("core:home")).content.decode()
    assert '<label for="home-municipality">市区町村</label>' in page
    assert options(page) == [
        ("", "地域全体"),
        (SENDAI, "仙台市"),  # the city of a ward where something is
        (AOBA, "仙台市青葉区"),
        (SAKATA, "酒田市"),
    ]
    groups = re.findall(r'<optgroup label="([^"]+)">', select_of(page))
    assert groups == ["宮城県", "山形県"]
    assert selected(page) == []


def test_one_prefecture_needs_no_groups(client):
    IssueFactory(title="農家の後継者がいない", municipality_id=SAKATA)
    page = client.get(reverse("core:home")).content.decode()
    assert options(page) == [("", "地域全体"), (SAKATA, "酒田市")]
    assert "<optgroup" not in select_of(page)


def test_the_chosen_place_is_selected_and_the_old_links_still_work(client):
    build_region()
    for value in (SAKATA, "062049", "０６２０４"):  # 5 digits, with check digit, full-width
        page = client.get(reverse("core:home"), {"municipality": value}).content.decode()
        assert selected(page) == [SAKATA]
        assert "「山形県酒田市」の動きを表示しています。" in page


def test_a_real_place_where_nothing_is_yet_is_still_shown_as_chosen(client):
    build_region()
    page = client.get(reverse("core:home"), {"municipality": YAMAGATA_CITY}).content.decode()
    assert selected(page) == [YAMAGATA_CITY]
    assert (YAMAGATA_CITY, "山形県山形市") in options(page)


@pytest.mark.parametrize("value", ["99999", "abc", "0620", "9" * 200, "<script>"])
def test_a_value_that_names_no_place_is_explained(client, value):
    build_region()
    response = client.get(reverse("core:home"), {"municipality": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert str(messages.HOME_UNKNOWN_MUNICIPALITY) in page
    assert selected(page) == []
    assert "<script>" not in select_of(page)


def test_a_new_place_is_offered_after_the_write(client):
    build_region()
    client.get(reverse("core:home"))
    IssueFactory(title="新しい課題", municipality_id=YAMAGATA_CITY)
    home.touch("issues")
    page = client.get(reverse("core:home")).content.decode()
    assert (YAMAGATA_CITY, "山形市") in options(page)


def test_in_english(english):
    build_region()
    page = english.get(reverse("core:home")).content.decode()
    assert '<label for="home-municipality">Municipality</label>' in page
