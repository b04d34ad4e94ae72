"""Local synonyms in a browser: 佐藤 (the secretariat) adds サンロク = 酒田市 産業振興まちづくり
センター from the 事務局 page, is told what is wrong on a first try, edits and deletes it, and
the query side sees each change at once — axe-clean, and fitting a 360 px phone."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    field,
    flash_text,
    login,
    screenshot,
)
from kyoso.search import messages
from kyoso.search.synonyms_local import local_synonym_words

pytestmark = pytest.mark.browser

CENTER = "酒田市 産業振興まちづくりセンター"
CENTER_FOLDED = "酒田市産業振興まちづくりせんた"


def test_add_edit_and_delete_a_local_synonym(page, mobile_page, sato):
    login(page, sato.email, DEFAULT_PASSWORD)
    page.goto(reverse("roles:secretariat"))
    page.get_by_role("link", name="地域の同義語").click()
    assert urlsplit(page.url).path == reverse("search:synonyms")
    assert page.get_by_text("地域の同義語はまだ登録されていません。").is_visible()
    check_axe(page, context="synonyms, empty")
    screenshot(page, "synonyms-empty-desktop")

    # One word is not a synonym: the message says so and nothing typed is lost.
    page.get_by_role("link", name="同義語を追加する").click()
    field(page, "同じ意味の語").fill("サンロク")
    field(page, "メモ（任意）").fill("地元での通称")
    page.get_by_role("button", name="追加する").click()
    assert page.get_by_text(str(messages.SYNONYMS_TOO_FEW)).is_visible()
    assert field(page, "同じ意味の語").input_value() == "サンロク"
    assert field(page, "メモ（任意）").input_value() == "地元での通称"
    check_axe(page, context="synonyms, refused")
    screenshot(page, "synonyms-refused-desktop")

    field(page, "同じ意味の語").fill(f"サンロク\n{CENTER}")
    with page.expect_navigation():
        page.get_by_role("button", name="追加する").click()
    assert urlsplit(page.url).path == reverse("search:synonyms")
    assert "サンロク" in flash_text(page)
    assert local_synonym_words("さんろく") == frozenset({CENTER_FOLDED})
    assert local_synonym_words(CENTER_FOLDED) == frozenset({"さんろく"})
    check_axe(page, context="synonyms, one group")
    screenshot(page, "synonyms-list-desktop")

    # On a phone the list fits the screen.
    login(mobile_page, sato.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("search:synonyms"))
    assert mobile_page.get_by_text(CENTER, exact=True).is_visible()
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="synonyms (360 px)")
    screenshot(mobile_page, "synonyms-list-360")

    with page.expect_navigation():
        page.get_by_role("link", name=f"サンロク / {CENTER}を編集").click()
    assert field(page, "同じ意味の語").input_value() == f"サンロク\n{CENTER}"
    field(page, "同じ意味の語").fill(f"サンロク\n{CENTER}\nさんセン")
    with page.expect_navigation():
        page.get_by_role("button", name="保存する").click()
    assert "変更しました" in flash_text(page)
    assert local_synonym_words("さんろく") == frozenset({CENTER_FOLDED, "さんせん"})

    with page.expect_navigation():
        page.get_by_role("link", name=f"サンロク / {CENTER} / さんセンを削除").click()
    check_axe(page, context="synonyms, delete")
    screenshot(page, "synonyms-delete-desktop")
    with page.expect_navigation():
        page.get_by_role("button", name="削除する").click()
    assert "削除しました" in flash_text(page)
    assert page.get_by_text("地域の同義語はまだ登録されていません。").is_visible()
    assert local_synonym_words("さんろく") == frozenset()
