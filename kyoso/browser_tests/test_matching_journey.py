"""Matching in a browser: 伊藤, lead of a project in 酒田, opens the need's page from the
project's needs and sees ranked people with reasons and an introduction link; 松本, a
candidate, sees "for you" missions with reasons on a phone and dismisses one, which stays gone
after a reload and on the dashboard — axe-clean, no sideways scroll at 360 px."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    flash_text,
    login,
    screenshot,
)
from kyoso.matching import messages
from kyoso.matching.tests.scenario import build_region

pytestmark = pytest.mark.browser


def test_lead_sees_people_and_candidate_dismisses_a_mission(page, mobile_page, takahashi):
    region = build_region(takahashi)
    need, matsumoto, mission = region["need"], region["matsumoto"], region["mission"]

    # 1. The lead opens the need from the project's needs and sees people with reasons.
    login(page, region["ito"].email, DEFAULT_PASSWORD)
    page.goto(reverse("projects:needs", args=[region["project"].pk]))
    with page.expect_navigation():
        page.get_by_role("link", name="合う人を見る").click()
    assert urlsplit(page.url).path == reverse("matching:need", args=[need.pk])
    cards = page.locator("main ol.card-list > li")
    assert cards.first.get_by_role("heading").inner_text() == "松本"
    first = cards.first.inner_text()
    assert "スキルが合う: IT・開発" in first and "同じ市区町村（山形県酒田市）" in first
    assert "スコアの" in first
    assert "辞退" not in page.locator("main").inner_text()
    link = cards.first.get_by_role("link", name="松本さんへの紹介を頼む")
    assert link.get_attribute("href") == (
        f"/introductions/new?to=user:{matsumoto.pk}&about=need:{need.pk}"
    )
    check_axe(page, context="need matches")
    screenshot(page, "matching-01-need")

    # 2. The candidate sees "for you" on a phone, with reasons.
    login(mobile_page, matsumoto.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("matching:for_you"))
    main = mobile_page.locator("main")
    card = main.locator("li.card", has_text=mission.title)
    assert card.count() == 1
    assert "スキルが合う: IT・開発" in card.inner_text()
    check_axe(mobile_page, context="for you")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "matching-02-for-you")

    # 3. "Not now" removes it; it stays gone after a reload and on the dashboard.
    with mobile_page.expect_navigation():
        card.get_by_role("button", name=f"{mission.title}は今はいい").click()
    assert str(messages.FEEDBACK_SAVED_NOT_NOW) in flash_text(mobile_page)
    assert mission.title not in mobile_page.locator("main").inner_text()
    mobile_page.reload()
    assert mission.title not in mobile_page.locator("main").inner_text()
    check_axe(mobile_page, context="for you after dismissal")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "matching-03-dismissed")
    mobile_page.goto(reverse("core:dashboard"))
    block = mobile_page.get_by_role("region", name="あなたへのおすすめ")
    assert mission.title not in block.inner_text()
    check_axe(mobile_page, context="dashboard")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "matching-04-dashboard")
