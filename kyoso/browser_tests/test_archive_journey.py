"""The archive in a browser: 伊藤 (a member of an NPO) opens the 予算の壁 page and writes a
tip against it, tries to attach a "PDF" that is not one (refused by name, nothing lost),
asks for review; 佐藤 of the secretariat publishes it; a visitor on a phone finds it on the
wall's page, by the site search and in the Atom feed — axe-clean, no sideways scroll at
360 px, screenshots at each step."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, make_secretariat
from kyoso.archive import messages
from kyoso.archive.models import Item, Status
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    field,
    flash_text,
    login,
    screenshot,
)
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.browser

TITLE = "予算がなくても、いまある事業の中で試す"


def test_publish_a_tip_against_a_wall_then_find_it(page, mobile_page, tmp_path):
    ito = UserFactory(email="ito@example.jp", display_name="伊藤")
    MembershipFactory(organization=OrganizationFactory(name="庄内つなぐ会"), user=ito)
    sato = make_secretariat(email="sato@example.jp", display_name="佐藤（事務局）")

    # 1. 伊藤 opens the wall and writes a tip against it (the wall is already ticked).
    login(page, ito.email, DEFAULT_PASSWORD)
    page.goto(reverse("archive:walls"))
    check_axe(page, context="walls")
    with page.expect_navigation():
        page.get_by_role("link", name="予算の壁").click()
    with page.expect_navigation():
        page.get_by_role("link", name="この壁を越えるコツを書く").click()
    check_axe(page, context="archive form")
    assert page.get_by_role("checkbox", name="予算の壁").is_checked()
    field(page, "タイトル").fill("")
    field(page, "本文（Markdown）").fill(
        "## まず小さく\n\nいま動いている事業の一部として**試行**します。"
    )
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="下書きを保存する").click()
    # A missing title: named, and the body is still there.
    assert str(messages.TITLE_REQUIRED) in page.locator("main").inner_text()
    assert "いま動いている事業" in field(page, "本文（Markdown）").input_value()
    check_axe(page, context="archive form with errors")
    screenshot(page, "archive-01-missing-title")
    field(page, "タイトル").fill(TITLE)
    field(page, "概要（一覧に出る短い説明）").fill("新しい予算を待たずに始める方法")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="下書きを保存する").click()
    assert str(messages.CREATED) in flash_text(page)
    item = Item.objects.get()

    # 2. A "PDF" that is not one is refused by name; the draft is untouched.
    fake = tmp_path / "報告書.pdf"
    fake.write_bytes(b"<html>not a pdf</html>")
    page.locator("input[type=file]").set_input_files(str(fake))
    with page.expect_navigation():
        page.get_by_role("button", name="資料を追加する").click()
    assert (
        str(messages.FILE_CLAIMS_PDF % {"name": "報告書.pdf"}) in page.locator("main").inner_text()
    )
    assert field(page, "タイトル").input_value() == TITLE
    screenshot(page, "archive-02-upload-refused")

    # 3. 伊藤 asks for review.
    page.get_by_role("link", name="記事のページを見る").click()
    with page.expect_navigation():
        page.get_by_role("button", name="事務局に確認を依頼する").click()
    assert str(messages.SUBMITTED) in flash_text(page)
    screenshot(page, "archive-03-in-review")

    # 4. 佐藤 publishes it from the review queue.
    page.context.clear_cookies()
    login(page, sato.email, DEFAULT_PASSWORD)
    page.goto(reverse("archive:mine"))
    page.get_by_role("link", name=TITLE).click()
    with page.expect_navigation():
        page.get_by_role("button", name="公開する").click()
    assert str(messages.PUBLISHED) in flash_text(page)
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.version == 1
    check_axe(page, context="published item")
    screenshot(page, "archive-04-published")

    # 5. A visitor on a phone: the wall's page, the search, the feed.
    mobile_page.goto(reverse("archive:wall", args=["budget"]))
    assert TITLE in mobile_page.locator("main").inner_text()
    check_axe(mobile_page, context="wall (phone)")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "archive-05-wall-phone")

    mobile_page.goto(reverse("core:search") + "?q=予算&type=archive")
    results = mobile_page.locator("main ol.search-results")
    assert TITLE in results.inner_text()
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "archive-06-search-phone")

    mobile_page.goto(reverse("archive:gallery") + "?kind=tip")
    assert TITLE in mobile_page.locator("main").inner_text()
    check_axe(mobile_page, context="archive gallery (phone)")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "archive-07-gallery-phone")

    feed = mobile_page.request.get(reverse("archive:feed"))
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    assert TITLE in feed.text()
