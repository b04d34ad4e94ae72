"""Card payments through Stripe (fake transport, recorded payloads): PaymentIntents with
idempotency keys, manual capture for all-or-nothing campaigns, cancel, refunds."""

from __future__ import annotations

import pytest

from kyoso.ledger.selectors import balance
from kyoso.payments import messages
from kyoso.payments.errors import PaymentError
from kyoso.payments.models import Payment, Refund, Status
from kyoso.payments.services import payment_cancel, payment_capture, payment_refund
from kyoso.payments.tests.fake_stripe import FakeStripe
from kyoso.payments.tests.helpers import assert_ledger_sound, gift_balance, start
from kyoso.payments.webhooks import handle_event

pytestmark = pytest.mark.django_db


def card(**overrides):
    return start(method="card", **overrides)


def test_a_card_payment_creates_a_payment_intent_with_an_idempotency_key(gift, fake_stripe):
    payment = card(amount=5_000, idempotency_key="pledge-7")
    assert payment.status == Status.PENDING
    assert payment.stripe_payment_intent.startswith("pi_fake")
    assert payment.stripe_client_secret.startswith(payment.stripe_payment_intent + "_secret_")
    method, path, form, key = fake_stripe.requests[0]
    assert (method, path, key) == ("POST", "/v1/payment_intents", "kyoso-payment-pledge-7")
    assert form["amount"] == "5000" and form["currency"] == "jpy"
    assert form["capture_method"] == "automatic"
    assert form["metadata[kyoso_payment]"] == str(payment.pk)
    # The same key again: the same payment, no second request to Stripe.
    again = card(amount=5_000, idempotency_key="pledge-7")
    assert again.pk == payment.pk and len(fake_stripe.requests) == 1


def test_an_automatic_card_payment_is_captured_by_its_webhook(gift, fake_stripe):
    payment = card(amount=5_000)
    event = fake_stripe.confirm(payment.stripe_payment_intent)
    assert handle_event(event).result == "applied"
    payment.refresh_from_db()
    assert payment.status == Status.CAPTURED and payment.captured_amount == 5_000
    # Stripe keeps its fee (the balance transaction's, ¥180 of ¥5,000); the platform bears it.
    assert balance("payments.cash.stripe") == 5_000 - 180 and gift_balance() == 5_000
    assert balance("payments.fees.card") == 180
    assert handle_event(event).result == "replayed"
    assert balance("payments.cash.stripe") == 5_000 - 180
    assert balance("payments.fees.card") == 180
    assert_ledger_sound()


def test_manual_capture_authorizes_then_captures_at_success(gift, fake_stripe, sato):
    payment = card(amount=8_000, capture="manual")
    assert fake_stripe.requests[0][2]["capture_method"] == "manual"
    handle_event(fake_stripe.confirm(payment.stripe_payment_intent))
    payment.refresh_from_db()
    assert payment.status == Status.AUTHORIZED and gift_balance() == 0
    captured = payment_capture(actor=sato, payment_id=payment.pk)
    assert captured.status == Status.CAPTURED and gift_balance() == 8_000
    # The capture, then the charge's balance transaction for Stripe's fee.
    (_m, path, _f, key), (_m2, fee_path, _f2, _k2) = fake_stripe.requests[-2:]
    assert path == f"/v1/payment_intents/{payment.stripe_payment_intent}/capture"
    assert key == f"kyoso-capture-{payment.pk}"
    assert fee_path.startswith("/v1/charges/ch_fake")
    # Stripe then sends payment_intent.succeeded: it changes nothing.
    intent = fake_stripe.intents[payment.stripe_payment_intent]
    from kyoso.payments.tests.fake_stripe import event

    assert handle_event(event("payment_intent.succeeded", intent)).result == "applied"
    assert gift_balance() == 8_000 and balance("payments.cash.stripe") == 8_000 - 288
    assert balance("payments.fees.card") == 288  # posted once, at our capture
    # Capturing again changes nothing either.
    payment_capture(actor=sato, payment_id=payment.pk)
    assert gift_balance() == 8_000
    assert_ledger_sound()


def test_a_failed_campaign_cancels_the_authorization(gift, fake_stripe, sato):
    payment = card(amount=3_000, capture="manual")
    handle_event(fake_stripe.confirm(payment.stripe_payment_intent))
    cancelled = payment_cancel(actor=sato, payment_id=payment.pk, reason="目標未達成")
    assert cancelled.status == Status.CANCELLED
    assert fake_stripe.intents[payment.stripe_payment_intent]["status"] == "canceled"
    assert balance("payments.cash.stripe") == 0 and gift_balance() == 0
    assert gift.calls == [("cancelled", payment.pk, 0)]
    assert_ledger_sound()


def test_card_refunds_go_to_stripe_with_an_idempotency_key(gift, fake_stripe, sato):
    payment = card(amount=5_000)
    handle_event(fake_stripe.confirm(payment.stripe_payment_intent))
    refund = payment_refund(actor=sato, payment_id=payment.pk, amount=2_000, reason="一部返金")
    assert refund.status == "paid" and refund.stripe_refund.startswith("re_fake")
    method, path, form, key = fake_stripe.requests[-1]
    assert (method, path, key) == ("POST", "/v1/refunds", f"kyoso-refund-{refund.pk}")
    assert form["amount"] == "2000"
    assert balance("payments.cash.stripe") == 3_000 - 180 and gift_balance() == 3_000
    # Stripe's refund.created for our own refund changes nothing.
    from kyoso.payments.tests.fake_stripe import event

    made = fake_stripe.refunds[refund.stripe_refund]
    assert handle_event(event("refund.created", made)).result == "applied"
    assert Refund.objects.count() == 1 and gift_balance() == 3_000
    assert_ledger_sound()


def test_a_refund_made_in_the_stripe_dashboard_is_booked_once(gift, fake_stripe):
    payment = card(amount=5_000)
    handle_event(fake_stripe.confirm(payment.stripe_payment_intent))
    from kyoso.payments.tests.fake_stripe import event, payload

    outside = payload("refund")
    outside.update(id="re_dashboard1", amount=1_500, payment_intent=payment.stripe_payment_intent)
    assert handle_event(event("refund.created", outside)).result == "applied"
    assert handle_event(event("refund.created", outside)).result == "applied"  # new event id
    assert Refund.objects.get().stripe_refund == "re_dashboard1"
    assert gift_balance() == 3_500
    too_much = dict(outside, id="re_dashboard2", amount=9_000)
    assert handle_event(event("refund.created", too_much)).result == "refused"
    assert Refund.objects.count() == 1 and gift_balance() == 3_500
    assert_ledger_sound()


def test_a_stripe_failure_writes_nothing(gift, fake_stripe):
    fake_stripe.fail_next = 402
    with pytest.raises(PaymentError) as refused:
        card(amount=5_000)
    assert refused.value.message == messages.PROVIDER_ERROR
    assert Payment.objects.count() == 0


def test_card_payments_are_off_without_keys(gift, settings):
    settings.KYOSO_STRIPE_SECRET_KEY = ""
    with pytest.raises(PaymentError) as refused:
        card()
    assert refused.value.message == messages.CARD_NOT_CONFIGURED


def test_fake_stripe_is_a_real_http_client():
    import stripe

    assert issubclass(FakeStripe, stripe.HTTPClient)
