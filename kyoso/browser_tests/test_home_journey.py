"""The front door: a first-time visitor on a phone understands the home; the secretariat finds
what needs attention on the dashboard.

Screenshots go to test-artifacts/screenshots/; with ``KYOSO_DOCS_SCREENSHOTS=1`` they are also
copied to docs/screenshots/ (home-360, home-1280, dashboard-360, dashboard-1280), so that an
ordinary run does not rewrite the documentation's images."""

from __future__ import annotations

import os
import shutil

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.browser_tests.conftest import (
    REPO_ROOT,
    assert_no_horizontal_scroll,
    check_axe,
    login,
    screenshot,
)
from kyoso.core.tests.region import SENDAI, build_region

DOCS_SCREENSHOTS = REPO_ROOT / "docs" / "screenshots"


def _keep(path, name: str) -> None:
    """Copy a screenshot into docs/screenshots/ when asked (looked at; part of the docs)."""
    if not os.environ.get("KYOSO_DOCS_SCREENSHOTS"):
        return
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, DOCS_SCREENSHOTS / f"{name}.png")


@pytest.fixture
def region(suzuki):
    return build_region(citizen=suzuki)


def test_a_first_time_visitor_on_a_phone_sees_the_regions_pulse(mobile_page, page, region):
    mobile_page.goto(reverse("core:home"))
    main = mobile_page.locator("main")
    assert main.get_by_role("heading", name="ここでできること").is_visible()
    for title in (
        "今週、共感が集まった課題",
        "席のある近日のイベント",
        "手伝いを求めているプロジェクト",
        "外部の力を求めるミッション",
    ):
        assert main.get_by_role("heading", name=title).is_visible(), title
    assert main.get_by_role("link", name="通学路が暗い").is_visible()
    assert "のべ参加者" in main.inner_text()
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="home (360 px)")
    _keep(screenshot(mobile_page, "home-360"), "home-360")

    # Each block leads to its full list.
    with mobile_page.expect_navigation():
        main.get_by_role("link", name="イベントをすべて見る").click()
    assert mobile_page.url.endswith(reverse("events:list"))

    page.goto(reverse("core:home"))
    check_axe(page, context="home (1280 px)")
    _keep(screenshot(page, "home-1280"), "home-1280")


def test_the_home_narrowed_to_one_city(page, region):
    page.goto(reverse("core:home"))
    place = page.get_by_label("市区町村", exact=True)
    assert place.locator("optgroup").evaluate_all("gs => gs.map(g => g.label)") == [
        "宮城県",
        "山形県",
    ]
    place.select_option(SENDAI)
    with page.expect_navigation():
        page.get_by_role("button", name="この地域で絞り込む").click()
    main = page.locator("main")
    assert "「宮城県仙台市」の動きを表示しています。" in main.inner_text()
    assert main.get_by_role("link", name="通学路が暗い").is_visible()
    assert main.get_by_role("link", name="農家の後継者がいない").count() == 0
    check_axe(page, context="home filtered by a city")


def test_the_secretariat_sees_what_needs_attention(page, mobile_page, sato, region):
    login(page, sato.email, DEFAULT_PASSWORD)
    page.goto(reverse("core:home"))
    with page.expect_navigation():
        page.locator("header").get_by_role("link", name="ダッシュボード").click()
    main = page.locator("main")
    assert main.get_by_role("heading", name="いま対応が必要なこと").is_visible()
    reports = main.get_by_role("link", name="課題・コメントへの通報")
    assert reports.inner_text().split()[-1] == "1"
    assert main.get_by_role("link", name="通学路を明るくする勉強会").is_visible()
    check_axe(page, context="dashboard (1280 px)")
    _keep(screenshot(page, "dashboard-1280"), "dashboard-1280")

    login(mobile_page, sato.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("core:dashboard"))
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="dashboard (360 px)")
    _keep(screenshot(mobile_page, "dashboard-360"), "dashboard-360")

    with page.expect_navigation():
        reports.click()
    assert page.url.endswith(reverse("issues:moderation"))


def test_a_citizen_sees_their_own_things_and_no_queue(page, suzuki, region):
    login(page, suzuki.email, DEFAULT_PASSWORD)
    page.goto(reverse("core:dashboard"))
    main = page.locator("main")
    assert main.get_by_role("heading", name="わたしの申し込み").is_visible()
    assert main.get_by_role("link", name="公園の遊具が古い").is_visible()
    assert main.get_by_role("link", name="課題・コメントへの通報").count() == 0
    check_axe(page, context="dashboard of a citizen")
