"""The payer's card pages: the confirmation page with Stripe's Payment Element (its client
secret only for the payer, Stripe's hosts in that page's Content-Security-Policy only) and the
return page, which reads the outcome from our payment or the PaymentIntent (fake transport)
and writes nothing. Stripe's fee on a captured card payment goes to the ledger once."""

from __future__ import annotations

import pytest
from django.test import Client

from kyoso.audit.models import AuditEvent
from kyoso.core.testing import assert_num_queries
from kyoso.ledger.selectors import balance
from kyoso.payments.models import Payment, PaymentTransition, Status, WebhookEvent
from kyoso.payments.tests.fake_stripe import signed
from kyoso.payments.tests.helpers import assert_ledger_sound, start
from kyoso.payments.views import STRIPE_CSP
from kyoso.payments.webhooks import handle_event

pytestmark = pytest.mark.django_db


def _card(actor, **overrides):
    return start(actor=actor, method="card", amount=5_000, **overrides)


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    out: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = [w for w in words[1:] if not w.startswith("'nonce-")]
    return out


@pytest.mark.parametrize(
    ("persona", "answer"),
    [("suzuki", 200), ("takahashi", 404), ("sato", 404), ("anonymous", 302)],
)
def test_only_the_payer_sees_the_card_page(
    gift, fake_stripe, suzuki, login_as, client, persona, answer
):
    payment = _card(suzuki)
    login_as(persona)
    for name in ("card_pay", "card_return"):
        response = client.get(
            f"/payments/{payment.pk}/card" + ("/return" if name == "card_return" else "")
        )
        assert response.status_code == answer, name
        if answer == 302:
            assert "/accounts/login/" in response["Location"]
        if answer != 200:
            assert payment.stripe_client_secret not in response.content.decode()


def test_the_payer_gets_the_payment_element_with_the_client_secret(
    gift, fake_stripe, suzuki, client
):
    payment = _card(suzuki)
    client.force_login(suzuki)
    # session, user, the user's roles (header), the payment; the test purpose's describe()
    # makes none
    with assert_num_queries(4):
        response = client.get(f"/payments/{payment.pk}/card")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-secret="{payment.stripe_client_secret}"' in html
    assert 'data-key="pk_test_kyoso"' in html
    assert f'data-return-url="http://testserver/payments/{payment.pk}/card/return"' in html
    assert '<script src="https://js.stripe.com/v3/" defer></script>' in html
    assert "/static/kyoso/card.js" in html
    assert "¥5,000" in html and "ギフト1への寄附" in html


def test_a_bank_transfer_has_no_card_page(gift, fake_stripe, suzuki, client):
    payment = start(actor=suzuki, method="bank_transfer")
    client.force_login(suzuki)
    assert client.get(f"/payments/{payment.pk}/card").status_code == 404
    assert client.get("/payments/999999/card").status_code == 404


@pytest.mark.parametrize(
    "status", [Status.AUTHORIZED, Status.CAPTURED, Status.REFUNDED, Status.CANCELLED]
)
def test_a_payment_no_longer_pending_shows_its_state_instead_of_the_form(
    gift, fake_stripe, suzuki, client, status
):
    payment = _card(suzuki)
    Payment.objects.filter(pk=payment.pk).update(status=status)
    client.force_login(suzuki)
    response = client.get(f"/payments/{payment.pk}/card")
    html = response.content.decode()
    assert response.status_code == 200
    assert payment.stripe_client_secret not in html
    assert "js.stripe.com/v3" not in html and 'id="card-form"' not in html
    assert str(Payment(status=status).get_status_display()) in html


def test_without_stripe_keys_the_page_offers_no_form(gift, fake_stripe, suzuki, client, settings):
    payment = _card(suzuki)
    settings.KYOSO_STRIPE_PUBLISHABLE_KEY = ""
    client.force_login(suzuki)
    html = client.get(f"/payments/{payment.pk}/card").content.decode()
    assert payment.stripe_client_secret not in html
    assert "カード決済は現在ご利用いただけません" in html


def test_the_card_page_alone_allows_exactly_stripes_hosts(gift, fake_stripe, suzuki, client):
    payment = _card(suzuki)
    client.force_login(suzuki)
    home = _directives(client.get("/"))
    card = _directives(client.get(f"/payments/{payment.pk}/card"))
    back = _directives(client.get(f"/payments/{payment.pk}/card/return"))
    assert card["script-src"] == home["script-src"] + STRIPE_CSP["script-src"]
    assert card["connect-src"] == home["connect-src"] + ["https://api.stripe.com"]
    assert card["frame-src"] == [
        "https://js.stripe.com",
        "https://*.js.stripe.com",
        "https://hooks.stripe.com",
    ]
    assert "frame-src" not in home
    others = {k: v for k, v in card.items() if k not in STRIPE_CSP}
    assert others == {k: v for k, v in home.items() if k not in STRIPE_CSP}
    # Every other page, the return page included, keeps the site's policy.
    assert back == home
    assert not any("stripe" in " ".join(v) for v in home.values())


@pytest.mark.parametrize(
    ("intent_status", "outcome"),
    [
        ("succeeded", "succeeded"),
        ("processing", "processing"),
        ("requires_payment_method", "failed"),
        ("requires_capture", "authorized"),
    ],
)
def test_the_return_page_reads_the_payment_intent_and_writes_nothing(
    gift, fake_stripe, suzuki, client, intent_status, outcome
):
    payment = _card(suzuki)
    fake_stripe.set_status(payment.stripe_payment_intent, intent_status)
    client.force_login(suzuki)
    before = (
        PaymentTransition.objects.count(),
        AuditEvent.objects.count(),
        WebhookEvent.objects.count(),
    )
    url = f"/payments/{payment.pk}/card/return?payment_intent=pi_forged&redirect_status=succeeded"
    for _reload in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert f'data-outcome="{outcome}"' in response.content.decode()
    # Read from Stripe by our own PaymentIntent id (the query string is not trusted).
    assert fake_stripe.requests[-1][:2] == (
        "GET",
        f"/v1/payment_intents/{payment.stripe_payment_intent}",
    )
    payment.refresh_from_db()
    assert payment.status == Status.PENDING  # the webhook, not this page, moves it
    assert before == (
        PaymentTransition.objects.count(),
        AuditEvent.objects.count(),
        WebhookEvent.objects.count(),
    )
    if outcome == "failed":
        assert f'href="/payments/{payment.pk}/card"' in response.content.decode()


def test_once_the_webhook_has_captured_the_return_page_asks_stripe_nothing(
    gift, fake_stripe, suzuki, client
):
    payment = _card(suzuki)
    handle_event(fake_stripe.confirm(payment.stripe_payment_intent))
    client.force_login(suzuki)
    asked = len(fake_stripe.requests)
    response = client.get(f"/payments/{payment.pk}/card/return")
    assert 'data-outcome="succeeded"' in response.content.decode()
    assert len(fake_stripe.requests) == asked


def test_stripe_unreachable_reads_as_processing(gift, fake_stripe, suzuki, client):
    payment = _card(suzuki)
    fake_stripe.fail_next = 500
    client.force_login(suzuki)
    response = client.get(f"/payments/{payment.pk}/card/return")
    assert 'data-outcome="processing"' in response.content.decode()


def test_the_fee_is_posted_once_and_a_failed_fee_lookup_makes_stripe_retry(
    gift, fake_stripe, client
):
    payment = _card(None)
    event = fake_stripe.confirm(payment.stripe_payment_intent)
    body, signature = signed(event)
    post = Client().post
    fake_stripe.fail_next = 500  # the charge's balance transaction cannot be read
    response = post(
        "/payments/stripe/webhook",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )
    assert response.status_code == 503
    payment.refresh_from_db()
    assert payment.status == Status.PENDING and not WebhookEvent.objects.exists()
    assert balance("payments.fees.card") == 0
    for _delivery in range(3):  # Stripe's retry, then replays
        response = post(
            "/payments/stripe/webhook",
            body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature,
        )
        assert response.status_code == 200
    fee = fake_stripe.fee_of(payment.stripe_payment_intent)
    assert fee == 180
    assert balance("payments.fees.card") == fee
    assert balance("payments.cash.stripe") == 5_000 - fee
    assert balance("gift:1:received") == 5_000
    assert_ledger_sound()
