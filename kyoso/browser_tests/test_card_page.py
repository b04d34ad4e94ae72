"""The card confirmation page in a browser, with Stripe's keys set but Stripe.js answered
empty (no network: a journey through Stripe's own form cannot run here). Our page renders,
tells the payer the card form could not load, breaks no Content-Security-Policy rule and
passes axe on a desktop and a phone-sized screen."""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    login,
    screenshot,
    stub_outside_host,
)
from kyoso.payments import gateway
from kyoso.payments.purposes import register_purpose, unregister_purpose
from kyoso.payments.tests.conftest import PURPOSE, GiftPurpose, open_gift_accounts
from kyoso.payments.tests.fake_stripe import FakeStripe
from kyoso.payments.tests.helpers import start

pytestmark = pytest.mark.browser


@pytest.fixture
def card_payments(settings):
    settings.KYOSO_STRIPE_SECRET_KEY = "sk_test_kyoso"  # noqa: S105 (a test key)
    settings.KYOSO_STRIPE_WEBHOOK_SECRET = "whsec_kyoso_test"  # noqa: S105 (a test key)
    settings.KYOSO_STRIPE_PUBLISHABLE_KEY = "pk_test_kyoso"
    register_purpose(PURPOSE, GiftPurpose())
    gateway.use_http_client(FakeStripe())
    yield
    gateway.use_http_client(None)
    unregister_purpose(PURPOSE)


def test_the_card_page_renders_without_stripe_js(
    page, mobile_page, live_url, suzuki, card_payments
):
    open_gift_accounts(1)
    payment = start(actor=suzuki, method="card", amount=5_000)
    for each in (page, mobile_page):
        with stub_outside_host(each, "js.stripe.com"):
            login(each, suzuki.email, DEFAULT_PASSWORD)
            each.goto(f"/payments/{payment.pk}/card")
            alert = each.get_by_role("alert")
            alert.wait_for()
            assert "カード入力欄を読み込めませんでした" in alert.inner_text()
            assert each.get_by_text("カード入力欄を読み込んでいます").count() == 0
            assert each.get_by_role("button", name="¥5,000 を支払う").is_disabled()
            check_axe(each, context="card page, Stripe.js blocked")
        screenshot(each, "card-page-mobile" if each is mobile_page else "card-page")
    assert_no_horizontal_scroll(mobile_page)
