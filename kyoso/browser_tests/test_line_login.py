"""LINE Login in a browser, through the fake LINE server on loopback: a newcomer clicks
「LINEでログイン」, comes back, gives an email address and lands on the onboarding; later the
same LINE account signs straight in. Axe-clean at every step."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from kyoso.accounts.models import User
from kyoso.browser_tests.conftest import (
    allow_loopback_server,
    assert_no_horizontal_scroll,
    check_axe,
    field,
    screenshot,
)
from kyoso.linelogin.models import LineAccount, LineChannel
from kyoso.linelogin.testing import CHANNEL_ID, CHANNEL_SECRET, LINE_SUB, FakeLine

pytestmark = pytest.mark.browser


@pytest.fixture
def fake_line(settings):
    fake = FakeLine().start()
    settings.KYOSO_LINE_AUTHORIZE_BASE = fake.base_url
    settings.KYOSO_LINE_API_BASE = fake.base_url
    # The browser may go to the fake LINE on loopback (and still nowhere else).
    with allow_loopback_server(urlsplit(fake.base_url).netloc):
        yield fake
    fake.stop()


def _click_line(page) -> None:
    # Kyoso → the fake LINE's authorize page → Kyoso's callback → where the login leads.
    with page.expect_navigation(url=lambda url: "/oauth2/" not in url):
        page.get_by_role("link", name="LINEでログイン").click()


def test_sign_up_and_sign_in_with_line(mobile_page, live_url, fake_line):
    page = mobile_page
    LineChannel.objects.create(enabled=True, channel_id=CHANNEL_ID, channel_secret=CHANNEL_SECRET)

    page.goto(reverse("accounts:login"))
    check_axe(page, context="login page with LINE")
    assert_no_horizontal_scroll(page)
    screenshot(page, "line-01-login")
    _click_line(page)
    page.wait_for_url(f"**{reverse('linelogin:signup')}")
    assert page.get_by_text("LINE太郎").first.is_visible()
    check_axe(page, context="LINE sign-up")
    assert_no_horizontal_scroll(page)
    screenshot(page, "line-02-signup")

    field(page, "メールアドレス").fill("line.taro@example.jp")
    field(page, "利用規約とプライバシーポリシーに同意します").check()
    with page.expect_navigation():
        page.get_by_role("button", name="登録する").click()
    page.wait_for_url(f"**{reverse('accounts:onboarding', kwargs={'step': 'place'})}")
    user = User.objects.get(email="line.taro@example.jp")
    assert LineAccount.objects.get(user=user).sub == LINE_SUB

    # The account settings show the connection.
    page.goto(reverse("linelogin:connection"))
    check_axe(page, context="LINE connection settings")
    assert_no_horizontal_scroll(page)
    screenshot(page, "line-03-connection")
    # No password and no verified address: LINE is the only way in, so no disconnect button.
    assert page.get_by_role("button", name="LINE連携を解除する").count() == 0

    # Sign out, then sign in again with LINE: straight in.
    page.context.clear_cookies()
    page.goto(reverse("accounts:login"))
    _click_line(page)
    page.wait_for_url(lambda url: urlsplit(url).path == reverse("core:home"))
    page.goto(reverse("linelogin:connection"))  # a signed-in page: no redirect to login
    assert urlsplit(page.url).path == reverse("linelogin:connection")
    screenshot(page, "line-04-signed-in")
