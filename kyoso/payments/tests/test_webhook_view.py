"""The Stripe webhook endpoint: signature checked (bad → 400, nothing written), unknown
payments logged and answered 200, replays change nothing; CSRF-exempt and public."""

from __future__ import annotations

import json

import pytest

from kyoso.payments.models import Payment, Status, WebhookEvent
from kyoso.payments.tests.fake_stripe import event, signed
from kyoso.payments.tests.helpers import assert_ledger_sound, gift_balance, start

pytestmark = pytest.mark.django_db

URL = "/payments/stripe/webhook"


def post(client, body: bytes, signature: str):
    return client.post(
        URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )


@pytest.fixture
def csrf_client(client):
    client.handler.enforce_csrf_checks = True
    return client


def test_a_signed_event_captures_and_its_replay_changes_nothing(gift, fake_stripe, csrf_client):
    payment = start(method="card", amount=5_000)
    body, signature = signed(fake_stripe.confirm(payment.stripe_payment_intent))
    response = post(csrf_client, body, signature)
    assert response.status_code == 200 and response.content == b"applied"
    assert Payment.objects.get().status == Status.CAPTURED and gift_balance() == 5_000
    again = post(csrf_client, body, signature)
    assert again.status_code == 200 and again.content == b"replayed"
    assert gift_balance() == 5_000 and WebhookEvent.objects.count() == 1
    assert_ledger_sound()


def test_a_bad_signature_is_refused_and_writes_nothing(gift, fake_stripe, client):
    payment = start(method="card", amount=5_000)
    body, _ = signed(fake_stripe.confirm(payment.stripe_payment_intent))
    _, forged = signed(json.loads(body), secret="whsec_someone_else")
    for signature in (forged, "", "t=1,v1=deadbeef"):
        response = post(client, body, signature)
        assert response.status_code == 400 and response.content == b"invalid signature"
    # A body changed after signing fails too.
    good_body, good_signature = signed(fake_stripe.confirm(payment.stripe_payment_intent))
    tampered = good_body.replace(b'"amount": 5000', b'"amount": 50')
    assert post(client, tampered, good_signature).status_code == 400
    assert WebhookEvent.objects.count() == 0
    assert Payment.objects.get().status == Status.PENDING and gift_balance() == 0


def test_a_body_that_is_not_json_is_refused(fake_stripe, client):
    body, signature = signed("not json at all")
    response = post(client, body, signature)
    assert response.status_code == 400 and response.content == b"invalid payload"


def test_an_event_for_an_unknown_payment_is_logged_and_answered_200(
    gift, fake_stripe, client, caplog
):
    intent = {"id": "pi_not_ours", "object": "payment_intent", "amount_received": 100}
    body, signature = signed(event("payment_intent.succeeded", intent))
    response = post(client, body, signature)
    assert response.status_code == 200 and response.content == b"unknown_payment"
    assert "unknown payment" in caplog.text
    assert WebhookEvent.objects.count() == 0


def test_an_event_type_kyoso_does_not_handle_is_ignored(fake_stripe, client):
    body, signature = signed(event("customer.created", {"id": "cus_1"}))
    response = post(client, body, signature)
    assert response.status_code == 200 and response.content == b"ignored"
    assert WebhookEvent.objects.count() == 0


def test_the_webhook_is_refused_when_stripe_is_not_configured(settings, client):
    settings.KYOSO_STRIPE_WEBHOOK_SECRET = ""
    body, signature = signed(event("customer.created", {"id": "cus_1"}))
    assert post(client, body, signature).status_code == 400


def test_only_post(fake_stripe, client):
    assert client.get(URL).status_code == 405
