"""Search in a browser, as a new user would try it (issue 12): a part of a katakana compound
(ツーリズム), a word typed in kana (あきや) and a synonym (お年寄り) each find their issue with
the word marked in the snippet; 佐藤 (the secretariat) adds a local synonym and the next
search uses it; the API refuses an unknown type and lists the ones there are — axe-clean, on
a desktop and a 360 px phone, with screenshots."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    field,
    login,
    screenshot,
)
from kyoso.issues.tests.factories import IssueFactory
from kyoso.search import registry
from kyoso.search.services import index_object

pytestmark = pytest.mark.browser

ISSUES = {
    "eco": (
        "飛島のエコツーリズムを島の仕事にしたい",
        "島の自然を案内するエコツーリズムの担い手が足りません。",
    ),
    "akiya": ("港町の空き家を移住者に貸したい", "持ち主の分からない空き家が増えています。"),
    "elderly": ("一人暮らしの高齢者の見守り", "雪の日に高齢者の安否を確かめる仕組みがほしい。"),
    "center": (
        "酒田市産業振興まちづくりセンターの相談枠",
        "創業相談の予約が取りにくくなっています。",
    ),
    "noise": ("商店街のにぎわいづくり", "空き店舗を活用したいです。"),
}


@pytest.fixture
def issues(db):
    created = {}
    for key, (title, body) in ISSUES.items():
        issue = IssueFactory(title=title, body=body)
        index_object(issue)
        created[key] = issue
    return created


def _search(page, query: str):
    page.locator("#site-search-q").fill(query)
    with page.expect_navigation():
        page.locator("#site-search-q").press("Enter")
    return page.locator("main ol.search-results")


def test_find_what_a_japanese_reader_means(page, mobile_page, issues, sato):
    page.goto(reverse("core:home"))

    # 1. A part of a katakana compound that Sudachi keeps whole.
    results = _search(page, "ツーリズム")
    assert ISSUES["eco"][0] in results.inner_text()
    assert results.locator("mark", has_text="ツーリズム").count() >= 1
    check_axe(page, context="search ツーリズム")
    screenshot(page, "search-01-katakana-part")

    # 2. A word typed in kana finds the word read so, and marks it.
    results = _search(page, "あきや")
    assert ISSUES["akiya"][0] in results.locator("li").first.inner_text()
    assert results.locator("mark", has_text="空き家").count() >= 1
    screenshot(page, "search-02-kana-reading")

    # 3. A synonym from Sudachi's dictionary, on a phone.
    mobile_page.goto(reverse("core:search") + "?q=お年寄り")
    results = mobile_page.locator("main ol.search-results")
    assert ISSUES["elderly"][0] in results.inner_text()
    assert results.locator("mark", has_text="高齢者").count() >= 1
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="search お年寄り (360 px)")
    screenshot(mobile_page, "search-03-synonym-360")

    # 4. サンロク, the local name of the center, finds nothing yet.
    results = page.locator("main")
    _search(page, "サンロク")
    assert ISSUES["center"][0] not in results.inner_text()

    # 5. 佐藤 adds the local synonym; the next search uses it.
    login(page, sato.email, DEFAULT_PASSWORD)
    page.goto(reverse("search:synonym_add"))
    field(page, "同じ意味の語").fill("サンロク\n酒田市産業振興まちづくりセンター")
    with page.expect_navigation():
        page.get_by_role("button", name="追加する").click()
    results = _search(page, "サンロク")
    assert ISSUES["center"][0] in results.inner_text()
    check_axe(page, context="search サンロク after the local synonym")
    screenshot(page, "search-04-local-synonym")

    # 6. The API refuses an unknown type, listing the types there are.
    response = page.request.get("/api/v1/search" + "?q=空き家&type=foo")
    assert response.status == 422
    body = response.text()
    for key in registry.type_keys():
        assert key in body
    response = page.request.get("/api/v1/search" + "?q=あきや&type=issues")
    assert response.status == 200
    assert [item["id"] for item in response.json()["items"]][:1] == [issues["akiya"].pk]
