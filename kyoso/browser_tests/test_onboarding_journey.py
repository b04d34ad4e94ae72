"""A newcomer on a phone (360 px): sign up, answer the three onboarding steps (one skipped),
land on a first page built from the answers, then find on the dashboard suggestions drawn
from them, with their reasons — no sideways scroll, axe-clean."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from kyoso.accounts.models import Profile
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    field,
    screenshot,
)
from kyoso.matching.tests.scenario import build_region

pytestmark = pytest.mark.browser

PASSWORD = "sakata-umi-2025"  # noqa: S105 (the test account typed into the form)


def _looks_right(page, name: str) -> None:
    check_axe(page, context=name)
    assert_no_horizontal_scroll(page)
    screenshot(page, name)


def test_signup_onboarding_first_page_on_a_phone(mobile_page, live_url, takahashi):
    region = build_region(takahashi)  # a project in 酒田市 with a mission and an open need
    page = mobile_page
    page.goto(reverse("accounts:signup"))
    field(page, "メールアドレス").fill("hajime@example.jp")
    field(page, "パスワード").fill(PASSWORD)
    field(page, "表示名").fill("はじめ")
    field(page, "利用規約とプライバシーポリシーに同意します").check()
    with page.expect_navigation():
        page.get_by_role("button", name="登録する").click()

    # 1. Where: 酒田市.
    page.wait_for_url(f"**{reverse('accounts:onboarding', kwargs={'step': 'place'})}")
    _looks_right(page, "onboarding-1-place")
    field(page, "お住まいや活動している市区町村").select_option(label="山形県酒田市")
    with page.expect_navigation():
        page.get_by_role("button", name="次へ").click()

    # 2. What you care about: skipped.
    page.wait_for_url(f"**{reverse('accounts:onboarding', kwargs={'step': 'themes'})}")
    _looks_right(page, "onboarding-2-themes")
    page.get_by_label("子育て・子ども").check()  # checked, then skipped: not saved
    with page.expect_navigation():
        page.get_by_role("button", name="スキップ").click()

    # 3. What you can offer.
    page.wait_for_url(f"**{reverse('accounts:onboarding', kwargs={'step': 'offer'})}")
    page.get_by_label("デザイン").check()
    page.get_by_label("場所（会場・スペース）").check()
    field(page, "月に関われる時間（時間）").fill("6")
    _looks_right(page, "onboarding-3-offer")
    with page.expect_navigation():
        page.get_by_role("button", name="完了").click()

    # The first page reflects the answers and leads to filtered lists.
    page.wait_for_url(f"**{reverse('accounts:onboarding_done')}")
    _looks_right(page, "onboarding-4-first-page")
    profile = Profile.objects.get(user__email="hajime@example.jp")
    assert profile.municipality_id == "06204"
    assert profile.theme_keys == []
    assert (profile.skill_keys, profile.offers, profile.hours_per_month) == (
        ["design"],
        ["place"],
        6,
    )
    with page.expect_navigation():
        page.get_by_role("link", name="酒田市の課題を見る").click()
    assert urlsplit(page.url).path == reverse("issues:list")
    assert "municipality=06204" in urlsplit(page.url).query
    assert_no_horizontal_scroll(page)

    # The dashboard suggests work in the place the newcomer gave, saying why.
    page.goto(reverse("core:dashboard"))
    block = page.locator("section", has=page.get_by_role("heading", name="あなたへのおすすめ"))
    assert block.count() >= 1
    suggestions = block.last  # the block itself, inside the "for you" part of the page
    assert suggestions.get_by_text(region["mission"].title).count() >= 1
    assert suggestions.get_by_text("同じ市区町村（山形県酒田市）").count() >= 1  # the place given
    _looks_right(page, "onboarding-5-dashboard")
